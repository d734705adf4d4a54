"""Answering a survey: on its page, through the signed email link and the API; own answers only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentora.lib.errors import DomainError
from mentora.lib.signing import link_token
from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from mentora.outcomes.planning import survey_link
from mentora.outcomes.services import invitation_questions, survey_submit, survey_withdraw
from mentora.outcomes.surveys import PULSE_ITEMS
from mentora.outcomes.tests.conftest import NOW, pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def baseline(personas, frozen):
    return SurveyInvitation.objects.create(
        program=personas.program,
        respondent=personas.mentee,
        kind="baseline",
        skills=["Negotiation"],
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=20),
    )


def full_answers(invitation, value=4):
    return {q.key: value for q in invitation_questions(invitation)}


def form_data(invitation, value=4):
    return {f"q{i}": value for i, _ in enumerate(invitation_questions(invitation))}


def test_it_asks_ten_statements_and_the_plan_skills(baseline):
    questions = invitation_questions(baseline)
    assert len(questions) == len(PULSE_ITEMS) + 1
    assert questions[-1].key == "skill:Negotiation"
    assert "Negotiation" in questions[-1].text


def test_it_words_relationship_questions_for_each_side(personas, frozen):
    rel = pair(personas.coaching, mentor=personas.coach)
    invitation = SurveyInvitation(
        program=personas.coaching, kind="exit", relationship=rel, role="mentee"
    )
    texts = " ".join(q.text for q in invitation_questions(invitation))
    assert "coaching engagement" in texts
    invitation.kind, invitation.role = "quality", "mentor"
    assert "my coachee" in " ".join(q.text for q in invitation_questions(invitation))


def test_it_saves_answers_once_and_only_from_the_respondent(personas, baseline):
    with pytest.raises(DomainError) as exc:
        survey_submit(invitation=baseline, by=personas.manager, answers=full_answers(baseline))
    assert exc.value.code == "forbidden"
    survey_submit(invitation=baseline, by=personas.mentee, answers=full_answers(baseline))
    assert SurveyAnswer.objects.filter(invitation=baseline).count() == len(PULSE_ITEMS) + 1
    with pytest.raises(DomainError, match="already answered"):
        survey_submit(invitation=baseline, by=personas.mentee, answers=full_answers(baseline))


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda a: a.pop("clarity_steps"), "clarity_steps", "Answer “I know the next concrete"),
        (lambda a: a.update(clarity_steps=6), "clarity_steps", "choose an answer from 1 to 5"),
        (lambda a: a.update(clarity_steps="lots"), "clarity_steps", "from 1 to 5"),
        (lambda a: a.update(bogus=3), "bogus", "no question “bogus”"),
    ],
)
def test_it_names_the_question_at_fault(personas, baseline, change, field, message):
    answers = full_answers(baseline)
    change(answers)
    with pytest.raises(DomainError) as exc:
        survey_submit(invitation=baseline, by=personas.mentee, answers=answers)
    assert exc.value.field == field and message in exc.value.message
    assert not SurveyAnswer.objects.exists()


def test_it_refuses_a_closed_survey(personas, baseline):
    SurveyInvitation.objects.filter(pk=baseline.pk).update(closes_at=NOW - timedelta(hours=1))
    baseline.refresh_from_db()
    with pytest.raises(DomainError, match="closed on"):
        survey_submit(invitation=baseline, by=personas.mentee, answers=full_answers(baseline))


def test_it_lets_the_respondent_delete_their_answers(personas, baseline):
    survey_submit(invitation=baseline, by=personas.mentee, answers=full_answers(baseline))
    with pytest.raises(DomainError):
        survey_withdraw(invitation=baseline, by=personas.admin)
    survey_withdraw(invitation=baseline, by=personas.mentee)
    baseline.refresh_from_db()
    assert not SurveyAnswer.objects.exists() and baseline.withdrawn_at and not baseline.answered_at
    with pytest.raises(DomainError, match="withdrew"):
        survey_submit(invitation=baseline, by=personas.mentee, answers=full_answers(baseline))


def test_it_answers_on_the_page_and_shows_the_answers_back(personas, baseline, client_for):
    client = client_for(personas.mentee)
    page = client.get(f"/outcomes/surveys/{baseline.pk}/")
    assert page.status_code == 200 and "I feel confident taking on new challenges" in page.text
    bad = client.post(f"/outcomes/surveys/{baseline.pk}/", {"q0": 3})
    assert bad.status_code == 200 and "Choose an answer." in bad.text
    done = client.post(f"/outcomes/surveys/{baseline.pk}/", form_data(baseline, 5), follow=True)
    assert "Only you can see them" in done.text and "5 – Strongly agree" in done.text
    listing = client.get("/outcomes/surveys/")
    assert "Answered" in listing.text


def test_it_answers_through_the_signed_link_without_signing_in(personas, baseline, client):
    url = survey_link(baseline).split("testserver")[-1].replace("http://127.0.0.1:8000", "")
    page = client.get(url)
    assert page.status_code == 200 and "For Maya Mentee" in page.text
    done = client.post(url, form_data(baseline, 2))
    assert done.status_code == 200 and "Thank you" in done.text
    assert SurveyAnswer.objects.filter(invitation=baseline, value=2).count() == len(PULSE_ITEMS) + 1


def test_it_explains_a_bad_or_foreign_link(personas, baseline, client):
    assert client.get("/outcomes/s/not-a-token/").status_code == 400
    other = link_token(action="action_done", object_id=baseline.pk, user_id=personas.mentee.pk)
    assert "not a survey link" in client.get(f"/outcomes/s/{other}/").text
    stolen = link_token(action="survey", object_id=baseline.pk, user_id=personas.unrelated.pk)
    assert client.get(f"/outcomes/s/{stolen}/").status_code == 410


def test_it_answers_and_reads_through_the_api(personas, baseline, client, api_token_for):
    headers = api_token_for(personas.mentee)
    detail = client.get(f"/api/v1/outcomes/surveys/{baseline.pk}", **headers).json()
    assert detail["status"] == "open" and detail["answers"] is None
    bad = client.post(
        f"/api/v1/outcomes/surveys/{baseline.pk}/answers",
        {"answers": {"clarity_steps": 9}},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and bad.json()["field"]
    ok = client.post(
        f"/api/v1/outcomes/surveys/{baseline.pk}/answers",
        {"answers": full_answers(baseline, 3)},
        content_type="application/json",
        **headers,
    )
    assert ok.status_code == 201 and ok.json()["answers"]["clarity_steps"] == 3
    mine = client.get("/api/v1/outcomes/answers", **headers).json()
    assert mine["count"] == len(PULSE_ITEMS) + 1
    again = client.post(
        f"/api/v1/outcomes/surveys/{baseline.pk}/answers",
        {"answers": full_answers(baseline, 3)},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 409
    gone = client.delete(f"/api/v1/outcomes/surveys/{baseline.pk}/answers", **headers)
    assert gone.status_code == 204 and not SurveyAnswer.objects.exists()


def test_it_tells_webhooks_a_survey_was_completed_without_the_answers(personas, baseline):
    from mentora.integrations.models import WebhookDelivery
    from mentora.integrations.services import webhook_endpoint_create

    webhook_endpoint_create(
        by=personas.admin, name="HR", url="https://hr.example.com/hook", events=["survey.completed"]
    )
    survey_submit(invitation=baseline, by=personas.mentee, answers=full_answers(baseline))
    data = WebhookDelivery.objects.get(event="survey.completed").payload["data"]
    assert data["survey"] == {"id": baseline.pk, "kind": baseline.kind}
    assert "answers" not in data
