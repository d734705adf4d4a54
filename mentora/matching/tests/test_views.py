"""Workbench pages: every persona on every page, the flow through the pages, query guards."""

from __future__ import annotations

from html import unescape

import pytest

from mentora.matching.models import MatchRule, MatchRun
from mentora.matching.services import draft_publish, matchrun_execute, matchrun_start
from mentora.relationships.models import Relationship

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db

ALLOWED = {"manager", "admin"}
QUERIES = 18


def _draft(personas):
    run = matchrun_start(program=personas.program, by=personas.manager)
    return matchrun_execute(run=run)


def _pages(personas, run):
    slug = personas.program.slug
    return [
        ("get", f"/matching/{slug}/"),
        ("get", f"/matching/{slug}/runs/{run.pk}/progress/"),
        ("get", f"/matching/{slug}/move/{personas.mentee.pk}/"),
        ("get", f"/matching/{slug}/what-if/"),
        ("get", f"/matching/{slug}/what-if/{run.pk}/"),
        ("get", f"/matching/{slug}/export.csv"),
        ("post", f"/matching/{slug}/rules/"),
        ("post", f"/matching/{slug}/publish/"),
        ("post", f"/matching/{slug}/run/"),
    ]


@pytest.mark.parametrize(
    "persona", ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
)
def test_it_lets_only_managers_and_admins_use_the_workbench(personas, client_for, persona):
    run = _draft(personas)
    client = client_for(getattr(personas, persona))
    for method, url in _pages(personas, run):
        response = getattr(client, method)(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/login" in response["Location"], url
        elif persona in ALLOWED:
            assert response.status_code in (200, 302), (url, response.status_code)
        else:
            assert response.status_code == 403, (url, response.status_code)
            assert b"score" not in response.content.lower() or method == "post"


def test_the_page_shows_pairs_reasons_distribution_and_unmatched(personas, client_for):
    grow_cohort(personas, mentees=6, mentors=2)
    _draft(personas)
    page = unescape(client_for(personas.manager).get("/matching/grow/").content.decode())
    # The manager reads about both people, not the mentee's "your …" wording.
    assert "Marco Mentor has worked as Marketing Manager, Maya Mentee's target role" in page
    assert "Marco Mentor has 12 years more experience than Maya Mentee" in page
    assert "your target role" not in page and "than you" not in page
    assert 'role="img"' in page and "Distribution of pair scores" in page
    assert "Unmatched mentees (2)" in page
    assert "their places went to better-fitting mentees" in page
    lowest = client_for(personas.manager).get("/matching/grow/?show=lowest&department=Sales")
    assert lowest.status_code == 200


def test_the_draft_page_reads_in_a_fixed_number_of_queries(
    personas, client_for, django_assert_num_queries
):
    grow_cohort(personas, mentees=4, mentors=2)
    _draft(personas)
    client = client_for(personas.manager)
    client.get("/matching/grow/")
    with django_assert_num_queries(QUERIES):
        client.get("/matching/grow/")
    grow_cohort(personas, mentees=12, mentors=6, start=10)  # more pairs, same queries
    _draft(personas)
    with django_assert_num_queries(QUERIES):
        client.get("/matching/grow/")


def test_the_page_flow_pins_moves_previews_adopts_and_publishes(personas, client_for):
    mentees, mentors = grow_cohort(personas, mentees=3, mentors=2)
    personas.program.enrollments.filter(user=mentors[1]).update(capacity=3)
    client = client_for(personas.manager)
    response = client.post("/matching/grow/run/")
    assert response.status_code == 302
    run = MatchRun.objects.get()
    assert run.status == "queued"
    progress = client.get(f"/matching/grow/runs/{run.pk}/progress/", HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in progress.content
    matchrun_execute(run=run)
    done = client.get(f"/matching/grow/runs/{run.pk}/progress/", HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == "/matching/grow/"
    client.post(
        "/matching/grow/rules/",
        {"kind": "pin", "mentee": mentees[1].pk, "mentor": personas.mentor.pk},
    )
    assert MatchRule.objects.get().kind == "pin"
    move_page = client.get(f"/matching/grow/move/{personas.mentee.pk}/").content.decode()
    assert mentors[1].full_name in move_page
    moved = client.post(
        f"/matching/grow/move/{personas.mentee.pk}/", {"mentor": mentors[1].pk}, follow=True
    )
    assert "moved to Mentor 0 and pinned (score" in moved.content.decode()
    form = {
        f"w_{f}": v
        for f, v in run.weights.items()
        if not f.startswith(("role_", "target", "ideal", "cadence"))
    }
    form.update(
        w_role=0,
        objective="total",
        reporting_line_depth=2,
        require_shared_language="on",
        min_overlap_hours=1,
    )
    preview = client.post("/matching/grow/what-if/", form, follow=True).content.decode()
    assert "Side by side" in preview and "Pairs that change" in preview
    side = preview.split("Side by side")[1].split("</table>")[0]
    assert '<th scope="row">Weight: Career role</th>' in side  # named as on the form
    assert '<th scope="row">role</th>' not in side
    bad = client.post("/matching/grow/what-if/", {**form, "w_role": -1}).content.decode()
    assert "Weight: Career role" in bad and "greater than or equal to 0" in bad
    pv = MatchRun.objects.filter(purpose="preview").get()
    client.post(f"/matching/grow/what-if/{pv.pk}/adopt/")
    personas.program.refresh_from_db()
    assert personas.program.match_weights["role"] == 0.0
    preview_page = unescape(client.get("/matching/grow/publish/").content.decode())
    assert "What will happen" in preview_page and "Publish 3 pairs and tell" in preview_page
    assert Relationship.objects.filter(program=personas.program).count() == 0
    client.post("/matching/grow/publish/", {"intro": "Hello Grow.", "confirm": "yes"})
    assert Relationship.objects.filter(program=personas.program).count() == 3


def test_the_refusal_of_a_second_run_is_a_clear_message(personas, client_for):
    client = client_for(personas.manager)
    client.post("/matching/grow/run/")
    page = client.post("/matching/grow/run/", follow=True).content.decode()
    assert "already queued" in page


def test_why_we_matched_you_shows_to_the_pair_only(personas, client_for):
    _draft(personas)
    draft_publish(program=personas.program, by=personas.manager)
    rel = Relationship.objects.get()
    headings = {
        "mentee": "Why we matched you",
        "mentor": "Why we matched you",
        "manager": "Why they were matched",
    }
    for persona, heading in headings.items():
        page = client_for(getattr(personas, persona)).get(f"/relationships/{rel.pk}/")
        assert page.status_code == 200
        assert heading in page.content.decode(), persona


def test_why_we_matched_you_speaks_to_each_side(personas, client_for):
    _draft(personas)
    draft_publish(program=personas.program, by=personas.manager)
    rel = Relationship.objects.get()
    mentee_page = unescape(client_for(personas.mentee).get(f"/relationships/{rel.pk}/").text)
    mentor_page = unescape(client_for(personas.mentor).get(f"/relationships/{rel.pk}/").text)
    assert "Marco Mentor has worked as Marketing Manager, your target role" in mentee_page
    assert "Marco Mentor has 12 years more experience than you" in mentee_page
    assert "You have worked as Marketing Manager, Maya Mentee's target role" in mentor_page
    assert "You have 12 years more experience than Maya Mentee" in mentor_page
    assert "than you<" not in mentor_page and "your target role" not in mentor_page
    assert "out of 100" in mentee_page


def test_the_program_page_links_managers_to_the_workbench(personas, client_for):
    assert b"/matching/grow/" in client_for(personas.manager).get("/programs/grow/").content
    assert b"/matching/grow/" not in client_for(personas.mentee).get("/programs/grow/").content


def test_the_move_page_says_when_no_other_mentor_has_a_place(personas, client_for):
    _draft(personas)  # Maya with Marco, the only mentor
    page = client_for(personas.manager).get(f"/matching/grow/move/{personas.mentee.pk}/").text
    assert "No other mentor has a free place in this draft." in page
    assert "<button type=\"submit\">Move Maya" not in page


def test_it_names_coaches_in_the_plural_correctly(personas, client_for):
    from mentora.matching.templatetags.matching_tags import plural

    assert [plural(x) for x in ("mentor", "coach", "peer")] == ["mentors", "coaches", "peers"]
    from mentora.programs.models import Enrollment

    Enrollment.objects.create(
        program=personas.coaching, user=personas.mentee, role="mentee", status="approved"
    )
    matchrun_execute(run=matchrun_start(program=personas.coaching, by=personas.admin))
    page = client_for(personas.admin).get("/matching/lead/").text
    assert "<dt>Coaches</dt>" in page and "Coachs" not in page
