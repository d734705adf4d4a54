"""Fit before filling seats, and publishing with care: the priority and its fit floor, the
unmatched reason naming the closest mentors, path fit, the publish preview, withdrawing a
match, a draft that refreshes itself, and draft numbers per program."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.lib.errors import DomainError
from mentora.matching.models import DraftPair, MatchRule, MatchRun
from mentora.matching.reasons import unmatched_text
from mentora.matching.services import (
    draft_publish,
    match_withdraw,
    matchpriority_set,
    matchrule_set,
    matchrun_execute,
    matchrun_start,
    publish_preview,
)
from mentora.notifications.models import OutboxMessage
from mentora.relationships.models import Relationship

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db


def _run(personas, program=None, by=None):
    program = program or personas.program
    return matchrun_execute(run=matchrun_start(program=program, by=by or personas.manager))


def _text(u, program):
    return unmatched_text(u.code, u.params, mentee=u.mentee.full_name, program=program.name,
                          mentor_word=program.mentor_label, mentee_word=program.mentee_label)


def test_it_matches_only_good_fits_when_the_program_says_so(personas):
    grow_cohort(personas, mentees=6, mentors=2)
    loose = _run(personas)
    assert loose.matched_count == 4
    matchpriority_set(program=personas.program, by=personas.manager, priority="good_fits")
    run = _run(personas)
    assert run.constraints["fit_floor"] is True
    for pair in DraftPair.objects.filter(run=run):
        role = next(c for c in pair.contributions if c["factor"] == "role")
        assert role["value"] > 0, "a pair below the fit floor was proposed"
    assert run.path_fit["neither"] == 0
    assert run.path_fit["held_target"] == run.matched_count
    assert run.path_fit["best_achievable"] == 4


def test_a_floor_nobody_meets_leaves_everyone_unmatched_with_the_closest(personas):
    grow_cohort(personas, mentees=3, mentors=2)
    matchpriority_set(program=personas.program, by=personas.manager, priority="good_fits",
                      floor_role=False, min_score=100)
    run = _run(personas)
    assert run.status == "done" and run.matched_count == 0
    unmatched = list(run.unmatched.select_related("mentee"))
    assert len(unmatched) == 3
    maya = next(u for u in unmatched if u.mentee == personas.mentee)
    assert maya.code == "fit_floor"
    assert maya.params["target"] == "Marketing Manager"
    assert maya.params["closest"][0]["name"] == "Marco Mentor"
    text = _text(maya, personas.program)
    assert text.startswith("No mentor in this program is a good fit for Maya Mentee's path to "
                           "Marketing Manager; closest: Marco Mentor (Marketing Manager, ")


def test_it_validates_the_priority_naming_the_field(personas):
    cases = [
        (dict(priority="best"), "priority"),
        (dict(priority="good_fits", floor_role=False), "priority"),
        (dict(priority="good_fits", floor_skills=-1), "floor_skills"),
        (dict(priority="good_fits", floor_skills=2.5), "floor_skills"),
        (dict(priority="good_fits", min_score=101), "min_score"),
    ]
    for kwargs, field in cases:
        with pytest.raises(DomainError) as err:
            matchpriority_set(program=personas.program, by=personas.manager, **kwargs)
        assert err.value.field == field, kwargs
    with pytest.raises(DomainError) as err:
        matchpriority_set(program=personas.program, by=personas.mentee, priority="as_many")
    assert err.value.code == "forbidden"


def test_the_priority_works_from_the_api_and_the_cli(personas, client_for):
    client = client_for(personas.manager)
    got = client.put("/api/v1/matching/grow/priority", {"priority": "good_fits",
                                                        "floor_skills": 2},
                     content_type="application/json")
    assert got.status_code == 200
    assert got.json() == {"priority": "good_fits", "label": "Match only good fits",
                          "floor_role": True, "floor_skills": 2, "min_score": 0}
    bad = client.put("/api/v1/matching/grow/priority", {"priority": "good_fits",
                                                        "min_score": 140},
                     content_type="application/json")
    assert bad.status_code == 422 and bad.json()["field"] == "min_score"
    assert client_for(personas.mentee).get("/api/v1/matching/grow/priority").status_code == 403
    with pytest.raises(CommandError, match="--min-score"):
        call_command("match_priority", program="grow", good_fits=True, min_score=400,
                     by=personas.manager.email)
    call_command("match_priority", program="grow", as_many=True, by=personas.manager.email)
    personas.program.refresh_from_db()
    assert "fit_floor" not in personas.program.match_constraints


def test_the_workbench_offers_the_closest_mentors_of_an_unmatched_mentee(personas, client_for):
    grow_cohort(personas, mentees=2, mentors=2)
    matchpriority_set(program=personas.program, by=personas.manager, priority="good_fits",
                      floor_role=False, min_score=100)
    _run(personas)
    client = client_for(personas.manager)
    page = unescape(client.get("/matching/grow/").content.decode())
    assert "No mentor in this program is a good fit for Maya Mentee" in page
    assert "Pair with Marco Mentor" in page
    assert "Match only good fits" in page
    client.post(f"/matching/grow/move/{personas.mentee.pk}/", {"mentor": personas.mentor.pk})
    assert MatchRule.objects.filter(mentee=personas.mentee, kind="pin").exists()
    saved = client.post("/matching/grow/priority/", {"priority": "good_fits",
                                                     "floor_skills": "x", "min_score": 0},
                        follow=True)
    assert "Or shares at least this many" in unescape(saved.content.decode())


def test_path_fit_is_shown_in_the_workbench_the_cli_and_the_api(personas, client_for, capsys):
    grow_cohort(personas, mentees=4, mentors=2)
    run = _run(personas)
    f = run.path_fit
    assert f["held_target"] + f["related"] + f["neither"] + f["no_target"] == f["matched"]
    page = unescape(client_for(personas.manager).get("/matching/grow/").content.decode())
    assert f"Of {f['matched']} matched mentees, {f['held_target']} got a mentor who has held " \
           "their target role" in page
    assert f"Best achievable in this pool: {f['best_achievable']}." in page
    call_command("match_status", program="grow")
    out = capsys.readouterr().out
    assert "Path fit: of" in out and "best achievable in this pool" in out
    api = client_for(personas.manager).get("/api/v1/matching/grow/status").json()
    assert api["draft"]["path_fit"]["best_achievable"] == f["best_achievable"]
    assert api["draft"]["number"] == 1


def test_publishing_shows_a_preview_first_and_uses_the_edited_intro(personas, client_for):
    grow_cohort(personas, mentees=2, mentors=1)
    _run(personas)
    preview = publish_preview(program=personas.program, by=personas.manager,
                              intro="Welcome to the spring cohort.")
    assert preview.pairs == 2 and preview.people == 3
    assert preview.mentee_message.body.startswith(
        "Hello Maya Mentee,\n\nWelcome to the spring cohort.")
    assert "You have worked as Marketing Manager, Maya Mentee's target role" in (
        preview.mentor_message.body)
    assert OutboxMessage.objects.count() == 0 and Relationship.objects.count() == 0
    with pytest.raises(DomainError) as err:
        publish_preview(program=personas.program, by=personas.manager, intro="x" * 1001)
    assert err.value.field == "intro"
    client = client_for(personas.manager)
    page = unescape(client.post("/matching/grow/publish/", {"intro": "Spring!",
                                                           "confirm": "no"}).content.decode())
    assert "Spring!" in page and "Publish 2 pairs and tell 3 people" in page
    assert Relationship.objects.count() == 0
    api = client.post("/api/v1/matching/grow/publish/preview", {"intro": "Hi"},
                      content_type="application/json").json()
    assert api["pairs"] == 2 and api["people"] == 3 and "Hi" in api["mentee_message"]["body"]
    done = client.post("/matching/grow/publish/", {"intro": "Spring!", "confirm": "yes"},
                       follow=True)
    assert "told 3 people" in unescape(done.content.decode())
    mail = OutboxMessage.objects.get(recipient=personas.mentee, kind="matching.match")
    assert "Spring!" in mail.body


def test_a_manager_withdraws_a_match_nobody_has_accepted(personas, client_for):
    grow_cohort(personas, mentees=1, mentors=1)
    _run(personas)
    rel = draft_publish(program=personas.program, by=personas.manager).relationships[0]
    with pytest.raises(DomainError) as err:
        match_withdraw(relationship=rel, by=personas.mentee)
    assert err.value.code == "forbidden"
    page = unescape(client_for(personas.manager).get("/matching/grow/").content.decode())
    assert "Withdraw" in page
    confirm = client_for(personas.manager).get(f"/matching/grow/withdraw/{rel.pk}/")
    assert "Withdraw the match and tell both" in unescape(confirm.content.decode())
    assert Relationship.objects.get(pk=rel.pk).status == "requested"
    client_for(personas.manager).post(f"/matching/grow/withdraw/{rel.pk}/",
                                      {"reason": "Wrong cohort"})
    rel.refresh_from_db()
    assert rel.status != "requested"
    told = OutboxMessage.objects.filter(subject__contains="was withdrawn")
    assert {m.recipient_id for m in told} == {personas.mentee.pk, personas.mentor.pk}
    assert all("Wrong cohort" in m.body for m in told)
    with pytest.raises(DomainError) as err:
        match_withdraw(relationship=rel, by=personas.manager)
    assert err.value.code == "conflict"


def test_an_accepted_match_can_no_longer_be_withdrawn(personas, client_for):
    from mentora.relationships.services.lifecycle import relationship_accept

    _run(personas)
    rel = draft_publish(program=personas.program, by=personas.manager).relationships[0]
    relationship_accept(relationship=rel, by=personas.mentor)
    rel.refresh_from_db()
    with pytest.raises(DomainError, match="already answered"):
        match_withdraw(relationship=rel, by=personas.manager)
    api = client_for(personas.manager).post(
        f"/api/v1/matching/grow/matches/{rel.pk}/withdraw", {"reason": ""},
        content_type="application/json")
    assert api.status_code == 409


def test_the_draft_refreshes_itself_after_a_forbid_and_a_pin(personas):
    grow_cohort(personas, mentees=2, mentors=2)
    run = _run(personas)
    assert DraftPair.objects.get(run=run, mentee=personas.mentee).mentor == personas.mentor
    matchrule_set(program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
                  kind="forbid", by=personas.manager)
    pair = DraftPair.objects.filter(run=run, mentee=personas.mentee).first()
    assert pair is None or pair.mentor != personas.mentor
    assert MatchRun.objects.filter(purpose="run").count() == 1  # the same draft, refreshed
    matchrule_set(program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
                  kind="pin", by=personas.manager)
    pair = DraftPair.objects.get(run=run, mentee=personas.mentee)
    assert pair.mentor == personas.mentor and pair.pinned


def test_drafts_are_numbered_per_program(personas):
    first = _run(personas)
    second = _run(personas)
    other = _run(personas, program=personas.coaching, by=personas.admin)
    assert (first.number, second.number, other.number) == (1, 2, 1)
