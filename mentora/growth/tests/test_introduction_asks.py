"""Maya asks Marco, her mentor, to introduce her to Uma (someone she found in the directory):
Marco is emailed; he introduces her (Uma is asked, Maya is told) or says not this time (Maya
is told, Uma hears nothing). On the web, through the API and from a directory profile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.growth.models import Contact, Introduction
from mentora.growth.services import (
    introduction_answer,
    introduction_ask,
    introduction_ask_answer,
    introduction_propose,
    introduction_withdraw,
)
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage


def _ask(personas, note="Uma runs the budget process I want to learn."):
    return introduction_ask(mentee=personas.mentee, introducer=personas.mentor,
                            contact=personas.unrelated, note=note)


def test_it_asks_the_mentor_and_connects_when_the_other_person_accepts(personas, mentoring):
    intro = _ask(personas)
    assert (intro.status, intro.ask_note) == (Introduction.Status.ASKED, intro.ask_note)
    to_marco = OutboxMessage.objects.get(kind="growth.introduction_asked")
    assert to_marco.recipient == personas.mentor
    assert "budget process" in to_marco.body
    assert not OutboxMessage.objects.filter(recipient=personas.unrelated).exists()

    intro = introduction_ask_answer(introduction=intro, by=personas.mentor, introduce=True,
                                    reason="Uma built the budget model; Maya is learning it.")
    assert intro.status == Introduction.Status.PROPOSED
    assert intro.mentee_accepted_at is not None  # asking was Maya's yes
    to_uma = OutboxMessage.objects.get(kind="growth.introduction_proposed")
    assert to_uma.recipient == personas.unrelated
    assert "Uma built the budget model" in to_uma.body
    told = OutboxMessage.objects.get(kind="growth.introduction_ask_introduced")
    assert told.recipient == personas.mentee

    intro = introduction_answer(introduction=intro, by=personas.unrelated, accept=True)
    assert intro.status == Introduction.Status.CONNECTED
    assert Contact.objects.get().person == personas.unrelated


def test_it_passes_the_mentees_words_on_when_the_mentor_adds_none(personas, mentoring):
    intro = introduction_ask_answer(introduction=_ask(personas, note="Budgets, please."),
                                    by=personas.mentor, introduce=True)
    assert intro.reason == "Budgets, please."


def test_it_tells_only_the_mentee_when_the_mentor_says_no(personas, mentoring):
    intro = introduction_ask_answer(introduction=_ask(personas), by=personas.mentor,
                                    introduce=False)
    assert (intro.status, intro.declined_by) == (Introduction.Status.DECLINED, personas.mentor)
    told = OutboxMessage.objects.get(kind="growth.introduction_ask_declined")
    assert told.recipient == personas.mentee
    assert not OutboxMessage.objects.filter(recipient=personas.unrelated).exists()
    with pytest.raises(DomainError) as error:
        introduction_ask_answer(introduction=intro, by=personas.mentor, introduce=True)
    assert error.value.code == "conflict"


def test_it_refuses_asking_someone_who_is_not_your_mentor_or_coach(personas, mentoring):
    for who in ("coach", "unrelated", "manager"):
        with pytest.raises(DomainError) as error:
            introduction_ask(mentee=personas.mentee, introducer=getattr(personas, who),
                             contact=personas.admin, note="x")
        assert error.value.code == "forbidden"
    for contact in (personas.mentee, personas.mentor):
        with pytest.raises(DomainError) as error:
            introduction_ask(mentee=personas.mentee, introducer=personas.mentor,
                             contact=contact, note="x")
        assert error.value.field == "contact"
    with pytest.raises(DomainError) as error:
        introduction_ask(mentee=personas.mentee, introducer=personas.mentor,
                         contact=personas.unrelated, note="   ")
    assert error.value.field == "note"
    assert not Introduction.objects.exists()


def test_it_refuses_a_second_open_introduction_to_the_same_person(personas, mentoring):
    _ask(personas)
    with pytest.raises(DomainError) as error:
        _ask(personas)
    assert error.value.code == "conflict"
    with pytest.raises(DomainError) as error:
        introduction_propose(introducer=personas.mentor, mentee=personas.mentee,
                             contact=personas.unrelated, reason="x")
    assert error.value.code == "conflict"


def test_it_lets_only_the_asker_withdraw_a_request_and_only_the_asked_answer(personas,
                                                                             mentoring):
    intro = _ask(personas)
    for who in ("unrelated", "coach"):
        with pytest.raises(DomainError):
            introduction_ask_answer(introduction=intro, by=getattr(personas, who),
                                    introduce=True)
    with pytest.raises(DomainError):
        introduction_answer(introduction=intro, by=personas.unrelated, accept=True)
    with pytest.raises(DomainError):
        introduction_withdraw(introduction=intro, by=personas.mentor)
    intro = introduction_withdraw(introduction=intro, by=personas.mentee)
    assert intro.status == Introduction.Status.WITHDRAWN


# Web -----------------------------------------------------------------------------------------


def test_it_offers_the_ask_on_a_directory_profile_only_to_someone_with_a_mentor(
    client_for, personas, mentoring
):
    url = reverse("people:detail", args=[personas.unrelated.pk])
    page = client_for(personas.mentee).get(url).content.decode()
    assert f"Ask {personas.mentor.full_name} for an introduction" in page
    assert reverse("growth:introduction_ask", args=[personas.unrelated.pk]) in page
    for who in ("mentor", "coach", "admin"):
        page = client_for(getattr(personas, who)).get(url).content.decode()
        assert "for an introduction" not in page, who
    # Nobody asks their own mentor for an introduction to that mentor.
    page = client_for(personas.mentee).get(
        reverse("people:detail", args=[personas.mentor.pk])).content.decode()
    assert "for an introduction" not in page


def test_it_asks_and_answers_on_the_web(client_for, personas, mentoring):
    url = reverse("growth:introduction_ask", args=[personas.unrelated.pk])
    maya = client_for(personas.mentee)
    form = maya.get(url)
    assert form.status_code == 200
    assert f"Why you would like to meet {personas.unrelated.full_name}" in form.content.decode()
    empty = maya.post(url, {"introducer": personas.mentor.pk, "note": ""})
    assert empty.status_code == 200 and not Introduction.objects.exists()
    sent = maya.post(url, {"introducer": personas.mentor.pk, "note": "Budgets."}, follow=True)
    intro = Introduction.objects.get()
    assert sent.redirect_chain[-1][0] == reverse("growth:introduction", args=[intro.pk])
    text = sent.content.decode()
    assert (f"We asked {personas.mentor.full_name} to introduce you to "
            f"{personas.unrelated.full_name}") in text
    assert "Withdraw my request" in text

    marco = client_for(personas.mentor)
    page = marco.get(reverse("growth:introduction", args=[intro.pk])).content.decode()
    assert f"{personas.mentee.full_name} asked you to introduce them" in page
    assert "Not this time" in page
    done = marco.post(reverse("growth:introduction", args=[intro.pk]),
                      {"answer": "introduce", "reason": "Uma knows budgets."}, follow=True)
    assert f"You introduced {personas.mentee.full_name}" in done.content.decode()
    intro.refresh_from_db()
    assert (intro.status, intro.reason) == (Introduction.Status.PROPOSED, "Uma knows budgets.")

    uma = client_for(personas.unrelated)
    page = uma.get(reverse("growth:introduction", args=[intro.pk])).content.decode()
    assert f"{personas.mentor.full_name} introduces you to {personas.mentee.full_name}" in page
    assert "Accept the introduction" in page


def test_it_hides_the_ask_page_from_people_with_nobody_to_ask(client_for, personas, mentoring):
    url = reverse("growth:introduction_ask", args=[personas.unrelated.pk])
    for who in ("mentor", "coach", "unrelated"):
        assert client_for(getattr(personas, who)).get(url).status_code == 404, who


# API -----------------------------------------------------------------------------------------


def test_it_asks_and_introduces_through_the_api(client, api_token_for, personas, mentoring):
    ask = client.post("/api/v1/growth/introductions/ask", content_type="application/json",
                      data={"introducer": personas.mentor.email,
                            "contact": personas.unrelated.email, "note": "Budgets."},
                      **api_token_for(personas.mentee))
    assert ask.status_code == 201, ask.content
    body = ask.json()
    assert (body["status"], body["ask_note"]) == ("asked", "Budgets.")
    refused = client.post(f"/api/v1/growth/introductions/{body['id']}/introduce",
                          content_type="application/json", data={},
                          **api_token_for(personas.mentee))
    assert refused.status_code == 403
    made = client.post(f"/api/v1/growth/introductions/{body['id']}/introduce",
                       content_type="application/json", data={"reason": ""},
                       **api_token_for(personas.mentor))
    assert made.status_code == 200, made.content
    assert (made.json()["status"], made.json()["reason"]) == ("proposed", "Budgets.")


def test_it_lets_the_mentor_decline_a_request_through_the_api(client, api_token_for, personas,
                                                             mentoring):
    intro = _ask(personas)
    declined = client.post(f"/api/v1/growth/introductions/{intro.pk}/decline",
                           content_type="application/json", **api_token_for(personas.mentor))
    assert declined.status_code == 200, declined.content
    assert declined.json()["status"] == "declined"
    bad = client.post("/api/v1/growth/introductions/ask", content_type="application/json",
                      data={"introducer": personas.coach.email,
                            "contact": personas.unrelated.email, "note": "x"},
                      **api_token_for(personas.mentee))
    assert bad.status_code == 403
