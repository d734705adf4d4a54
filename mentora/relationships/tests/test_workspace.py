"""The relationship workspace: one next step per state, forms opened on request, the agreement's
read view, lifecycle changes confirmed on their own page and carried out (meetings cancelled with
calendar cancellations, the other person told, the wrap-up survey sent), feedback from the
relationship and meeting pages, and health before the first meeting is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.growth.models import FeedbackRequest
from mentora.lib.clock import frozen_at
from mentora.notifications.models import OutboxMessage
from mentora.outcomes.models import SurveyInvitation, SurveySchedule
from mentora.programs.models import Enrollment
from mentora.relationships.health import health_of
from mentora.relationships.models import Meeting
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import (
    closing_effects,
    relationship_accept,
    relationship_complete,
    relationship_end_early,
    relationship_pause,
    relationship_request,
)
from mentora.relationships.services.meetings import meeting_schedule, shared_note_add

from .conftest import NOW

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated"]


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _detail(rel):
    return reverse("relationships:detail", args=[rel.pk])


def _coaching(personas):
    Enrollment.objects.create(
        program=personas.coaching, user=personas.mentee, role="mentee", status="approved"
    )
    rel = relationship_request(
        program=personas.coaching, mentee=personas.mentee, mentor=personas.coach,
        by=personas.mentee, sessions_planned=6, now=NOW,
    )  # fmt: skip
    relationship_accept(relationship=rel, by=personas.coach, now=NOW)
    return rel


# The next step, state by state ------------------------------------------------------------


def test_it_leads_with_one_next_step_for_each_state(client_for, personas, requested):
    mentor, mentee = client_for(personas.mentor), None
    with frozen_at(NOW):
        assert "Answer the request" in _page(mentor, _detail(requested))
        mentee = client_for(personas.mentee)
        assert "Waiting for Marco Mentor to answer" in _page(mentee, _detail(requested))
        relationship_accept(relationship=requested, by=personas.mentor, now=NOW)
        body = _page(mentee, _detail(requested))
        # No goals yet: nothing to sign, the step says to agree goals first.
        assert "Sign the agreement" in body and "Agree your goals" in body
        agreement_update(
            agreement=requested.agreement, by=personas.mentee, data={"goals": ["Negotiate"]},
            now=NOW,
        )  # fmt: skip
        assert "Read and sign" in _page(mentee, _detail(requested))
        agreement_sign(agreement=requested.agreement, by=personas.mentee, now=NOW)
        assert "Waiting for Marco Mentor to sign" in _page(mentee, _detail(requested))
        agreement_sign(agreement=requested.agreement, by=personas.mentor, now=NOW)
        requested.refresh_from_db()
        assert "Schedule the first meeting" in _page(mentee, _detail(requested))
        meeting = meeting_schedule(
            relationship=requested, by=personas.mentee, starts_at=NOW + timedelta(days=3), now=NOW
        )
        assert "Prepare the agenda" in _page(mentee, _detail(requested))
    with frozen_at(NOW + timedelta(days=4)):
        body = _page(mentee, _detail(requested))
        assert "After the meeting: notes and actions" in body
        shared_note_add(meeting=meeting, by=personas.mentee, body="We agreed a plan", now=NOW)
        body = _page(mentee, _detail(requested))
        assert "Schedule the next meeting" in body and "We agreed a plan" in body
    for days in (10, 17):
        Meeting.objects.create(
            relationship=requested, organiser=personas.mentee, starts_at=NOW + timedelta(days=days)
        )
    with frozen_at(NOW + timedelta(days=18)):
        # Three meetings held: time for feedback (the notes step is done for the last one).
        last = Meeting.objects.order_by("-starts_at").first()
        shared_note_add(meeting=last, by=personas.mentor, body="Good", now=NOW)
        assert "Time for feedback" in _page(mentee, _detail(requested))
    with frozen_at(NOW + timedelta(days=19)):
        relationship_complete(relationship=requested, by=personas.mentor, now=NOW + timedelta(19))
        assert "Wrap up and reflect" in _page(mentee, _detail(requested))


def test_it_opens_forms_only_when_asked(client_for, personas, active):
    client = client_for(personas.mentee)
    body = _page(client, _detail(active))
    # No form is open on the page: each is a button that fetches it (htmx) or opens its page.
    for action in ("meeting_new", "action_add", "check_in"):
        assert f'action="{reverse(f"relationships:{action}", args=[active.pk])}"' not in body
    assert 'hx-get="' + reverse("relationships:form", args=[active.pk, "schedule"]) in body
    page = _page(client, reverse("relationships:form", args=[active.pk, "schedule"]))
    assert "<!doctype html>" in page and "Schedule a meeting with Marco Mentor" in page
    fragment = client.get(
        reverse("relationships:form", args=[active.pk, "action"]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<!doctype html>" not in fragment and "Add an action" in fragment


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["schedule", "action", "check_in", "feedback", "nudge"])
def test_it_lets_only_the_right_people_open_each_form(client_for, personas, active, persona, name):
    response = client_for(getattr(personas, persona)).get(
        reverse("relationships:form", args=[active.pk, name])
    )
    if name == "nudge":
        allowed = persona in ("manager", "admin")  # Olga runs the organization
    else:
        allowed = persona in ("mentee", "mentor")
    assert response.status_code == (200 if allowed else 404)


def test_it_shows_no_unknown_form(client_for, personas, active):
    client = client_for(personas.mentee)
    assert client.get(reverse("relationships:form", args=[active.pk, "bogus"])).status_code == 404


# The agreement -----------------------------------------------------------------------------


def test_it_shows_the_agreement_to_read_and_signs_only_with_goals(client_for, personas, accepted):
    client = client_for(personas.mentee)
    url = reverse("relationships:agreement", args=[accepted.pk])
    body = _page(client, url)
    assert "<textarea" not in body  # a read view, not a form
    assert "Sign version" not in body and "Agree your goals first" in body
    response = client.post(
        reverse("relationships:agreement_change", args=[accepted.pk]),
        {"goals_text": "Negotiate", "cadence": "weekly", "meeting_minutes": "30"},
        follow=True,
    )
    body = response.content.decode()
    assert "Your change is proposed as version 2" in body and "Sign version 2" in body


def test_it_uses_the_programs_role_words_on_a_coaching_agreement(client_for, personas):
    rel = _coaching(personas)
    client = client_for(personas.coach)
    body = _page(client, reverse("relationships:agreement_change", args=[rel.pk]))
    assert "What Maya Mentee (coachee) commits to" in body
    assert "What Chloe Coach (coach) commits to" in body
    assert "mentee/mentor" not in body and "What the mentee" not in body
    agreement_update(
        agreement=rel.agreement, by=personas.coach,
        data={"goals": ["Lead"], "mentee_commitments": "Come prepared"}, now=NOW,
    )  # fmt: skip
    body = _page(client, reverse("relationships:agreement", args=[rel.pk]))
    assert "What Maya Mentee (coachee) commits to" in body
    assert "Your coaching with Maya Mentee" in body


# Lifecycle: confirm, then it happens ------------------------------------------------------


@pytest.mark.parametrize("action", ["pause", "complete", "end_early"])
def test_it_asks_before_pausing_completing_or_ending_and_says_what_will_happen(
    client_for, personas, active, action
):
    meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    client = client_for(personas.mentor)
    body = _page(client, reverse("relationships:confirm", args=[active.pk, action]))
    assert "What will happen" in body and "is cancelled" in body
    assert "Maya Mentee is told by email" in body
    if action != "pause":
        assert "wrap-up survey by email straight away" in body
    active.refresh_from_db()
    assert active.status == "active"  # asking changes nothing


def test_it_cancels_meetings_tells_the_other_person_and_sends_the_survey_on_completion(
    client_for, personas, active
):
    later = NOW + timedelta(days=400)
    meetings = [
        meeting_schedule(
            relationship=active, by=personas.mentee, starts_at=later + timedelta(days=d), now=NOW
        )
        for d in (0, 7)
    ]
    OutboxMessage.objects.all().delete()
    client = client_for(personas.mentor)
    response = client.post(
        reverse("relationships:transition", args=[active.pk, "complete"]),
        {"reason": "Goals reached"},
        follow=True,
    )
    body = response.content.decode()
    assert (
        "Completed. 2 upcoming meetings cancelled" in body and "Maya Mentee has been told" in body
    )
    assert all(
        m.status == Meeting.Status.CANCELLED
        for m in Meeting.objects.filter(pk__in=[m.pk for m in meetings])
    )
    cancels = OutboxMessage.objects.filter(kind="relationships.meeting_cancel")
    assert cancels.count() == 4  # two meetings, two people
    assert all("METHOD:CANCEL" in c.attachments[0]["content"] for c in cancels)
    told = OutboxMessage.objects.get(kind="relationships.relationship_complete")
    assert told.recipient == personas.mentee
    assert "Marco Mentor marked your mentoring as completed" in told.subject
    assert "Goals reached" in told.body and "wrap-up survey" in told.body
    assert not OutboxMessage.objects.filter(
        kind="relationships.relationship_complete", recipient=personas.mentor
    ).exists()
    surveys = SurveyInvitation.objects.filter(relationship=active, kind="exit")
    assert {s.respondent_id for s in surveys} == {personas.mentee.pk, personas.mentor.pk}
    assert all(s.emailed_at for s in surveys)
    assert OutboxMessage.objects.filter(kind="outcomes.survey").count() == 2


def test_it_sends_no_survey_when_the_program_sends_none(personas, active):
    SurveySchedule.objects.create(program=personas.program, end_week=26, exit_survey=False)
    assert not closing_effects(relationship=active, action="complete", by=personas.mentee).survey
    relationship_end_early(relationship=active, by=personas.mentee, reason="Moved teams", now=NOW)
    assert not SurveyInvitation.objects.filter(relationship=active).exists()
    told = OutboxMessage.objects.get(kind="relationships.relationship_end_early")
    assert told.recipient == personas.mentor and "Moved teams" in told.body
    assert "wrap-up survey" not in told.body


def test_it_pauses_without_a_survey_and_tells_both_when_a_manager_acts(personas, active):
    meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    relationship_pause(relationship=active, by=personas.manager, reason="Leave", now=NOW)
    told = OutboxMessage.objects.filter(kind="relationships.relationship_pause")
    assert {m.recipient_id for m in told} == {personas.mentee.pk, personas.mentor.pk}
    assert "Priya Manager paused your mentoring with" in told[0].body
    assert not SurveyInvitation.objects.exists()
    assert not Meeting.objects.upcoming(NOW).filter(relationship=active).exists()


def test_it_requires_a_reason_to_end_early_from_the_page(client_for, personas, active):
    client = client_for(personas.mentee)
    response = client.post(reverse("relationships:transition", args=[active.pk, "end_early"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("relationships:confirm", args=[active.pk, "end_early"])
    active.refresh_from_db()
    assert active.status == "active"


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_the_pair_and_managers_open_the_confirm_page(
    client_for, personas, active, persona
):
    response = client_for(getattr(personas, persona)).get(
        reverse("relationships:confirm", args=[active.pk, "complete"])
    )
    expected = 200 if persona in ("mentee", "mentor", "manager", "admin") else 404
    assert response.status_code == expected


def test_it_refuses_a_confirm_page_for_a_change_the_state_does_not_allow(
    client_for, personas, requested
):
    response = client_for(personas.mentee).get(
        reverse("relationships:confirm", args=[requested.pk, "complete"]), follow=True
    )
    assert "This relationship is requested: it cannot be completed now." in (
        response.content.decode()
    )


def test_it_keeps_lifecycle_changes_in_a_secondary_menu(client_for, personas, active):
    body = _page(client_for(personas.mentee), _detail(active))
    menu = body[body.index('<details class="ws-menu">') : body.index("</details>")]
    for action in ("pause", "complete", "end_early"):
        assert reverse("relationships:confirm", args=[active.pk, action]) in menu
    assert "reason" not in menu  # no reason boxes on the page: they are on the confirm pages


# Feedback ---------------------------------------------------------------------------------


def test_it_asks_for_feedback_from_the_relationship_page(client_for, personas, active):
    client = client_for(personas.mentee)
    body = _page(client, _detail(active))
    assert "Ask Marco for feedback" in body
    form = _page(client, reverse("relationships:form", args=[active.pk, "feedback"]))
    assert reverse("growth:feedback") in form
    response = client.post(
        reverse("growth:feedback"),
        {"email": personas.mentor.email, "message": "My pitch", "next": _detail(active)},
    )
    assert response.status_code == 302 and response["Location"] == _detail(active)
    request = FeedbackRequest.objects.get(requester=personas.mentee, giver=personas.mentor)
    assert request.message == "My pitch"
    assert OutboxMessage.objects.filter(
        kind="growth.feedback_request", recipient=personas.mentor
    ).exists()


def test_it_offers_feedback_from_the_meeting_page(client_for, personas, active):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    url = reverse("relationships:meeting", args=[meeting.pk])
    mentor = _page(client_for(personas.mentor), url)
    assert reverse("growth:feedback_give", args=[personas.mentee.pk]) in mentor
    assert "Ask Maya for feedback" in mentor
    mentee = _page(client_for(personas.mentee), url)
    assert "Ask Marco for feedback" in mentee


def test_it_does_not_follow_an_off_site_next_after_asking(client_for, personas, active):
    response = client_for(personas.mentee).post(
        reverse("growth:feedback"),
        {"email": personas.mentor.email, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("growth:feedback")


# Health and wording -----------------------------------------------------------------------


def test_it_does_not_grade_health_before_the_first_meeting_is_due(personas, active):
    with frozen_at(NOW + timedelta(days=3)):
        health = health_of(active, now=NOW + timedelta(days=3))
    assert health.label == "Not started yet" and not health.graded
    meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=1), now=NOW
    )
    health = health_of(active, now=NOW + timedelta(days=3))
    assert health.graded and health.label == "On track"  # one held: graded


def test_it_grades_a_pair_that_never_met_once_a_meeting_was_due(personas, active):
    health = health_of(active, now=NOW + timedelta(days=30))
    assert health.graded and health.label in ("At risk", "Stalled")


def test_it_speaks_to_the_reader_on_the_relationship_page(client_for, personas, active):
    with frozen_at(NOW + timedelta(days=1)):
        body = _page(client_for(personas.mentee), _detail(active))
    assert "Your mentoring with Marco Mentor" in body
    assert "→" not in body.split("What happened")[1].split("</ol>")[0]
    assert "Not started yet" in body and "On track" not in body


def test_it_names_the_other_person_in_the_one_click_meeting_page(client, personas, active):
    from mentora.notifications.links import one_click_url

    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    url = one_click_url(action="confirm_meeting", object_id=meeting.pk, user=personas.mentee)
    body = client.get(url.replace("http://testserver", "")).content.decode()
    assert "your meeting with Marco Mentor on" in body and "Maya Mentee and" not in body
