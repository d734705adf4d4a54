"""Chosen pairs keep "why you fit", peer programs work end to end, and a mentor's requests
have their own navigation entry (QA pass defects 4, 5 and 7)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from mentora.lib import clock
from mentora.matching.models import MatchExplanation
from mentora.matching.services import draft_publish, matchrun_execute, matchrun_start
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Program
from mentora.recommendations.models import MentorChoice
from mentora.recommendations.services import (
    mentor_request_accept,
    mentor_request_decline,
    mentor_requests_add,
)
from mentora.recommendations.tests.conftest import NOW, enroll
from mentora.relationships.models import Relationship
from mentora.testing import make_user

pytestmark = pytest.mark.django_db


def _page(client_for, user, url):
    response = client_for(user).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return unescape(response.content.decode())


def _shown_score(page, name):
    """The "NN/100 fit" a recommendations page shows for one person."""
    block = page.split(f">{name}</a></h3>", 1)[1]
    return int(re.search(r'aria-label="Fit (\d+) out of 100"', block)[1])


def test_it_keeps_the_recommendation_the_mentee_chose_from_on_the_relationship(
    personas, client_for, grow, mentors
):
    url = reverse("recommendations:program", args=["grow"])
    with clock.frozen_at(NOW):
        shown = _shown_score(_page(client_for, personas.mentee, url), "Marco Mentor")
        response = client_for(personas.mentee).post(
            reverse("recommendations:request", args=["grow"]),
            {f"rank_{mentors.marco.pk}": "1", f"note_{mentors.marco.pk}": "Marketing, please."},
        )
    assert response.status_code == 302
    rel = Relationship.objects.get(mentee=personas.mentee, mentor=mentors.marco)
    why = MatchExplanation.objects.get(relationship=rel)
    assert why.source == MatchExplanation.Source.CHOICE and why.run is None
    assert round(why.score * 100) == shown

    detail = f"/relationships/{rel.pk}/"
    mentee = _page(client_for, personas.mentee, detail)
    assert "Why you fit" in mentee
    assert "You chose Marco Mentor from your recommendations in Grow" in mentee
    assert f"Match score {shown} out of 100." in mentee
    assert "Marco Mentor has worked as Marketing Manager, your target role" in mentee
    mentor = _page(client_for, mentors.marco, detail)
    assert f"Match score {shown} out of 100." in mentor
    assert "You have worked as Marketing Manager, Maya Mentee's target role" in mentor
    email = OutboxMessage.objects.get(
        kind="recommendations.mentor_request", recipient=mentors.marco
    )
    assert f"Why you fit (match score {shown} out of 100):" in email.body
    assert "- You have worked as Marketing Manager, Maya Mentee's target role" in email.body
    manager = _page(client_for, personas.manager, detail)
    assert "Marco Mentor has worked as Marketing Manager, Maya Mentee's target role" in manager
    assert "Why they fit" in manager


def test_a_later_choice_gets_its_own_explanation_when_it_is_asked(personas, grow, mentors):
    first, second = mentor_requests_add(
        program=grow,
        mentee=personas.mentee,
        by=personas.mentee,
        choices=[(mentors.marco, ""), (mentors.nora, "")],
        now=NOW,
    )
    assert first.explanation["score"] > 0 and second.explanation["contributions"]
    mentor_request_decline(choice=first, by=mentors.marco, reason="Full this quarter.", now=NOW)
    second.refresh_from_db()
    assert second.status == MentorChoice.Status.ASKED
    why = MatchExplanation.objects.get(relationship=second.relationship)
    assert why.score == pytest.approx(second.explanation["score"])
    assert why.contributions == second.explanation["contributions"]


@pytest.fixture
def peer(personas):
    """Grow turned into a peer program where participants choose: Maya looks, Marco offers."""
    program = personas.program
    program.kind = Program.Kind.PEER
    program.matching_mode = Program.MatchingMode.BOTH
    program.save(update_fields=["kind", "matching_mode"])
    return program


def test_a_peer_program_lets_participants_choose_a_peer_end_to_end(personas, client_for, peer):
    detail = _page(client_for, personas.mentee, reverse("programs:detail", args=["grow"]))
    assert "Choose your peer" in detail
    page = _page(client_for, personas.mentee, reverse("recommendations:program", args=["grow"]))
    assert "Marco Mentor" in page and "does not take requests" not in page
    with clock.frozen_at(NOW):
        client_for(personas.mentee).post(
            reverse("recommendations:request", args=["grow"]),
            {f"rank_{personas.mentor.pk}": "1"},
        )
    choice = MentorChoice.objects.get(mentee=personas.mentee)
    assert choice.status == MentorChoice.Status.ASKED
    mentor_request_accept(choice=choice, by=personas.mentor, now=NOW)
    rel = Relationship.objects.get(program=peer, mentee=personas.mentee)
    assert rel.status == Relationship.Status.ACCEPTED and rel.mentor == personas.mentor
    assert rel.kind == Relationship.Kind.MENTORING  # peers mentor each other 1:1
    assert MatchExplanation.objects.filter(relationship=rel).exists()


def test_a_peer_program_can_also_be_matched_by_its_manager(personas, client_for, peer):
    other = make_user("pia.peer@example.com", "Pia Peer", years_experience=3)
    enroll(peer, other, role="mentee")
    run = matchrun_execute(run=matchrun_start(program=peer, by=personas.manager))
    assert run.matched_count == 2
    report = draft_publish(program=peer, by=personas.manager)
    assert report.created == 2
    page = _page(client_for, personas.manager, "/matching/grow/")
    assert "Unmatched peers" in page


def test_the_join_form_of_a_peer_program_says_who_chooses_whom(personas, client_for, peer):
    page = _page(client_for, personas.unrelated, reverse("programs:detail", args=["grow"]))
    assert "Peer — I am looking for a colleague to learn from" in page
    assert "Peer — I offer what I know; colleagues can choose me" in page


def _nav(page):
    return page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]


def test_requests_to_me_have_their_own_nav_entry_for_people_who_mentor(personas, client_for):
    inbox = reverse("recommendations:inbox")
    mentor_nav = _nav(_page(client_for, personas.mentor, inbox))
    assert f'<a href="{inbox}" aria-current="page">Requests to me</a>' in mentor_nav
    assert 'aria-current="page">Choose a mentor' not in mentor_nav
    hub = _page(client_for, personas.mentor, reverse("recommendations:index"))
    # A mentor's six primary items leave "Choose a mentor" to the account menu (issue 16).
    assert 'Choose a mentor</a>' in hub.split('id="account-menu"', 1)[1].split("</ul>", 1)[0]
    assert "Requests to me</a>" not in hub.split("<main", 1)[1]  # not under the mentees' page
    assert f'href="{inbox}"' in _nav(hub)
    for person in (personas.mentee, personas.unrelated):
        assert "Requests to me" not in _nav(_page(client_for, person, reverse("home")))


def test_a_request_seen_by_its_mentor_sits_under_requests_to_me(
    personas, client_for, grow, mentors
):
    (choice,) = mentor_requests_add(
        program=grow, mentee=personas.mentee, by=personas.mentee,
        choices=[(mentors.marco, "")], now=NOW,
    )
    url = reverse("recommendations:choice", args=[choice.pk])
    assert 'aria-current="page">Requests to me' in _nav(_page(client_for, mentors.marco, url))
    mentee_nav = _nav(_page(client_for, personas.mentee, url))
    assert 'aria-current="page">Choose a mentor' in mentee_nav
