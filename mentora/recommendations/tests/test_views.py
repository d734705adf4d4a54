"""Pages: every persona on every page; lists guarded against N+1 queries."""

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
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


@pytest.fixture
def asked(personas, grow, mentors):
    """Maya asked Marco (asked now) then Nora (waiting her turn)."""
    return mentor_requests_add(
        program=grow,
        mentee=personas.mentee,
        by=personas.mentee,
        choices=[(mentors.marco, "Marketing, please."), (mentors.nora, "Negotiation.")],
        now=NOW,
    )


def get(client_for, user, url):
    return client_for(user).get(url)


@pytest.mark.parametrize("who", PERSONAS)
def test_it_shows_the_choosing_hub_to_everyone_signed_in(who, personas, client_for, asked):
    response = get(client_for, getattr(personas, who), reverse("recommendations:index"))
    assert response.status_code == (302 if who == "anonymous" else 200)


@pytest.mark.parametrize(
    "who,status",
    [
        ("mentee", 200),
        ("mentor", 403),
        ("coach", 403),
        ("manager", 403),
        ("admin", 403),
        ("unrelated", 403),
        ("anonymous", 302),
    ],
)
def test_it_shows_recommendations_only_to_enrolled_mentees(
    who, status, personas, client_for, asked
):
    response = get(
        client_for, getattr(personas, who), reverse("recommendations:program", args=["grow"])
    )
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Has worked as Marketing Manager" not in body  # Marco is already on the list
        assert "Your requests" in body and "Marco Mentor" in body


def test_it_refuses_recommendations_where_managers_match(personas, client_for, mentors, grow):
    grow.matching_mode = "manager"
    grow.save()
    response = get(client_for, personas.mentee, reverse("recommendations:program", args=["grow"]))
    assert response.status_code == 403
    assert "In Grow, the program managers match mentees." in response.content.decode()
    assert "<h1>Choose your mentor</h1>" in response.content.decode()  # a page, not a bare 403
    hub = get(client_for, personas.mentee, reverse("recommendations:index")).content.decode()
    assert "In Grow, the program managers match mentees." in hub


def test_it_says_a_group_program_takes_no_requests_yet(personas, client_for, grow):
    grow.kind = "group"
    grow.save()
    hub = get(client_for, personas.mentee, reverse("recommendations:index")).content.decode()
    assert "Grow does not take requests in Mentora yet" in hub
    assert "program managers match" not in hub


def test_it_lists_requests_made_by_a_program_manager_for_the_mentor(personas, client_for, grow):
    from mentora.relationships.services.lifecycle import relationship_request

    rel = relationship_request(
        program=grow, mentee=personas.mentee, mentor=personas.mentor, by=personas.manager, now=NOW
    )
    page = get(client_for, personas.mentor, reverse("recommendations:inbox")).content.decode()
    assert "matches by a program manager" in page and "Maya Mentee" in page
    assert "by Priya" in page
    assert f'href="/relationships/{rel.pk}/"' in page
    assert "Nobody is waiting for your answer" not in page
    other = get(client_for, personas.coach, reverse("recommendations:inbox")).content.decode()
    assert "Maya Mentee" not in other


def test_it_explains_each_recommendation_and_filters(personas, client_for, grow, mentors):
    client = client_for(personas.mentee)
    body = client.get(reverse("recommendations:program", args=["grow"])).content.decode()
    assert "Marco Mentor has worked as Marketing Manager, your target role" in body
    assert f'href="/people/{mentors.marco.pk}/"' in body
    assert "Theo Tech" not in body  # no shared language
    only_sales = client.get(
        reverse("recommendations:program", args=["grow"]), {"department": "Sales"}
    ).content.decode()
    assert "Nora North" in only_sales and "Marco Mentor" not in only_sales
    in_person = client.get(
        reverse("recommendations:program", args=["grow"]), {"meeting_format": "in_person"}
    ).content.decode()
    assert "Nora North" in in_person and "Marco Mentor" not in in_person


@pytest.mark.parametrize("who", PERSONAS)
def test_it_shows_each_mentee_only_their_own_requests(who, personas, client_for, asked):
    response = get(client_for, getattr(personas, who), reverse("recommendations:my_requests"))
    if who == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    shown = reverse("recommendations:choice", args=[asked[0].pk]) in response.content.decode()
    assert shown == (who == "mentee")


@pytest.mark.parametrize(
    "who,first,second",
    [
        ("mentee", 200, 200),
        ("mentor", 200, 404),
        ("coach", 404, 404),
        ("manager", 404, 404),
        ("admin", 404, 404),
        ("unrelated", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_it_shows_a_request_to_the_mentee_and_the_mentor_asked(
    who, first, second, personas, client_for, asked
):
    user = getattr(personas, who)
    assert (
        get(client_for, user, reverse("recommendations:choice", args=[asked[0].pk])).status_code
        == first
    )
    assert (
        get(client_for, user, reverse("recommendations:choice", args=[asked[1].pk])).status_code
        == second
    )


def test_it_hides_a_waiting_request_from_its_mentor_until_asked(client_for, asked, mentors):
    client = client_for(mentors.nora)
    assert client.get(reverse("recommendations:choice", args=[asked[1].pk])).status_code == 404
    assert "Maya" not in client.get(reverse("recommendations:inbox")).content.decode()


@pytest.mark.parametrize("who", PERSONAS)
def test_it_lists_requests_to_me_only_for_their_mentor(who, personas, client_for, asked):
    response = get(client_for, getattr(personas, who), reverse("recommendations:inbox"))
    if who == "anonymous":
        assert response.status_code == 302
        return
    assert ("Marketing, please." in response.content.decode()) == (who == "mentor")


@pytest.mark.parametrize("who", ["mentee", "coach", "manager", "admin", "unrelated", "anonymous"])
def test_it_lets_only_the_mentor_answer(who, personas, client_for, asked):
    client = client_for(getattr(personas, who))
    first = asked[0]
    for name, data in (
        ("accept", {}),
        ("decline", {"reason": "No."}),
    ):
        response = client.post(reverse(f"recommendations:{name}", args=[first.pk]), data)
        assert response.status_code in (302, 404)
    first.refresh_from_db()
    assert first.status == MentorChoice.Status.ASKED
    assert Relationship.objects.get(pk=first.relationship_id).status == "requested"


@pytest.mark.parametrize("who", ["mentor", "coach", "manager", "admin", "unrelated", "anonymous"])
def test_it_lets_only_the_mentee_withdraw_or_reorder(who, personas, client_for, asked):
    client = client_for(getattr(personas, who))
    client.post(reverse("recommendations:withdraw", args=[asked[0].pk]))
    client.post(reverse("recommendations:move", args=[asked[1].pk]), {"direction": "up"})
    client.post(
        reverse("recommendations:request", args=["grow"]), {f"rank_{personas.coach.pk}": "1"}
    )
    assert list(MentorChoice.objects.order_by("position").values_list("status", flat=True)) == [
        "asked",
        "waiting",
    ]


def test_it_answers_a_mentor_declining_through_the_page(personas, client_for, asked, mentors):
    client = client_for(mentors.marco)
    url = reverse("recommendations:decline", args=[asked[0].pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Why you decline: This field is required." in response.content.decode()
    response = client.post(url, {"reason": "Full."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("recommendations:inbox")
    asked[1].refresh_from_db()
    assert asked[1].status == "asked"


def test_it_sends_an_ordered_request_and_names_a_bad_field(personas, client_for, grow, mentors):
    client = client_for(personas.mentee)
    url = reverse("recommendations:request", args=["grow"])
    response = client.post(
        url, {f"rank_{mentors.marco.pk}": "1", f"rank_{mentors.nora.pk}": "1"}, follow=True
    )
    assert "Two people have preference 1" in response.content.decode()
    response = client.post(url, {}, follow=True)
    assert "Choose at least one person" in response.content.decode()
    response = client.post(
        url,
        {
            f"rank_{mentors.nora.pk}": "1",
            f"note_{mentors.nora.pk}": "Hello Nora",
            f"rank_{mentors.marco.pk}": "2",
        },
        follow=True,
    )
    assert "We asked Nora North first." in response.content.decode()
    order = list(MentorChoice.objects.order_by("position").values_list("mentor_id", "note"))
    assert order == [(mentors.nora.pk, "Hello Nora"), (mentors.marco.pk, "")]


def test_it_moves_a_waiting_request_up(personas, client_for, grow, mentors, mentee2):
    enroll(grow, mentee2)  # Mina mentors too, so Maya has three people to order
    first, second, third = mentor_requests_add(
        program=grow,
        mentee=personas.mentee,
        by=personas.mentee,
        choices=[(mentors.marco, ""), (mentors.nora, ""), (mentee2, "")],
        now=NOW,
    )
    client_for(personas.mentee).post(
        reverse("recommendations:move", args=[third.pk]), {"direction": "up"}
    )
    third.refresh_from_db()
    second.refresh_from_db()
    assert (third.position, second.position) == (2, 3)


@pytest.mark.parametrize("who", PERSONAS)
def test_it_shows_the_do_not_pair_page_to_everyone_signed_in(who, personas, client_for):
    response = get(client_for, getattr(personas, who), reverse("recommendations:do_not_pair"))
    assert response.status_code == (302 if who == "anonymous" else 200)


def test_it_marks_do_not_pair_from_the_page_only_for_ended_relationships(
    personas, client_for, asked, mentors
):
    from mentora.recommendations.models import DoNotPair
    from mentora.recommendations.services import mentor_request_accept
    from mentora.relationships.services.lifecycle import relationship_end_early

    mentor_request_accept(choice=asked[0], by=mentors.marco, now=NOW)
    rel = Relationship.objects.get(pk=asked[0].relationship_id)
    client = client_for(personas.mentee)
    client.post(reverse("recommendations:do_not_pair"), {"relationship": rel.pk})
    assert not DoNotPair.objects.exists()  # not ended yet
    assert (
        client_for(personas.unrelated)
        .post(reverse("recommendations:do_not_pair"), {"relationship": rel.pk})
        .status_code
        == 404
    )
    relationship_end_early(relationship=rel, by=personas.mentee, reason="Not a fit.")
    client = client_for(personas.mentee)
    assert (
        "Do not pair us again"
        in client.get(reverse("recommendations:do_not_pair")).content.decode()
    )
    client.post(reverse("recommendations:do_not_pair"), {"relationship": rel.pk})
    entry = DoNotPair.objects.get()
    assert (entry.user, entry.other) == (personas.mentee, mentors.marco)
    client.post(reverse("recommendations:do_not_pair_undo", args=[entry.pk]))
    assert not DoNotPair.objects.exists()


def _more_choices(grow, n):
    """n more mentees who each asked Marco (asked) and Nora (waiting)."""
    from mentora.programs.models import Enrollment

    marco = Enrollment.objects.get(program=grow, role="mentor", user__email__startswith="marco")
    marco.capacity = 50
    marco.save()
    nora = Enrollment.objects.get(program=grow, role="mentor", user__email__startswith="nora")
    for k in range(n):
        mentee = make_user(f"m{k}@example.com", f"Mentee {k}", target_role="Marketing Manager")
        enroll(grow, mentee, role="mentee")
        mentor_requests_add(
            program=grow,
            mentee=mentee,
            by=mentee,
            choices=[(marco.user, f"Note {k}"), (nora.user, "")],
            now=NOW,
        )


def test_it_lists_requests_to_me_in_constant_queries(
    personas, client_for, asked, grow, mentors, django_assert_num_queries
):
    client = client_for(mentors.marco)
    # 7, and one for the reader's time zone (deadlines in their own time, named).
    with django_assert_num_queries(8):
        client.get(reverse("recommendations:inbox"))
    _more_choices(grow, 4)
    with django_assert_num_queries(8):
        response = client.get(reverse("recommendations:inbox"))
    assert response.content.decode().count("Accept, decline or ask") == 5


def test_it_lists_my_requests_in_constant_queries(
    personas, client_for, grow, mentors, mentee2, django_assert_num_queries
):
    client = client_for(personas.mentee)
    mentor_requests_add(
        program=grow,
        mentee=personas.mentee,
        by=personas.mentee,
        choices=[(mentors.marco, "")],
        now=NOW,
    )
    with django_assert_num_queries(6):  # with the reader's time zone
        client.get(reverse("recommendations:my_requests"))
    enroll(grow, mentee2)
    mentor_requests_add(
        program=grow,
        mentee=personas.mentee,
        by=personas.mentee,
        choices=[(mentors.nora, ""), (mentee2, "")],
        now=NOW,
    )
    with django_assert_num_queries(6):
        client.get(reverse("recommendations:my_requests"))


def test_it_lists_recommendations_in_constant_queries(
    personas, client_for, grow, mentors, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(personas.mentee)
    url = reverse("recommendations:program", args=["grow"])
    client.get(url)  # warm the per-process text-embedding cache
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for k in range(6):
        extra = make_user(f"x{k}@example.com", f"Extra {k}", offers_mentoring=True)
        enroll(grow, extra)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Extra 5" in response.content.decode()


# --- chosen pairs keep "why you fit", peer programs work end to end, and a mentor's requests
# have their own navigation entry (from the QA pass)


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
