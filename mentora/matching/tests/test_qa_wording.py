"""Who reads a match reason, in which words and units: managers in the third person, each
program in its own role words, every score out of 100 (QA pass defects 1–3)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html import unescape

import numpy as np
import pytest

from mentora.matching.engine import Problem, explain_pairs
from mentora.matching.engine.synthetic import generate
from mentora.matching.export import COLUMNS, draft_csv
from mentora.matching.models import UnmatchedMentee
from mentora.matching.reasons import render, unmatched_text
from mentora.matching.services import draft_publish, matchrun_execute, matchrun_start
from mentora.programs.models import Enrollment
from mentora.testing import make_user

from .helpers import enroll, grow_cohort


def _draft(program, by):
    return matchrun_execute(run=matchrun_start(program=program, by=by))


def test_the_engine_leaves_role_words_to_the_reader():
    syn = generate(30, 6, 1, seed=1, dim=8)
    labels = replace(syn.labels, mentor_word="coach", mentee_word="coachee")
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, kind="coaching", labels=labels)
    pairs = np.array([[i, j] for i in range(pb.n) for j in range(pb.m)])
    codes = {c.code for ex in explain_pairs(pb, pairs) for c in ex.contributions}
    assert "preference.shortlisted" in codes
    text = render("preference.shortlisted", {}, voice="manager", mentee="Maya Mentee",
                  mentor="Marco Mentor", mentor_word="coach", mentee_word="coachee")
    assert text == "Maya Mentee shortlisted Marco Mentor"
    assert "mentor" not in render("role.no_target", {}, voice="mentee", mentee="", mentor="",
                                  mentor_word="coach", mentee_word="coachee")


@pytest.mark.django_db
def test_the_workbench_csv_and_cli_read_about_both_people_in_points_out_of_100(
    personas, client_for
):
    grow_cohort(personas, mentees=3, mentors=1)
    run = _draft(personas.program, personas.manager)
    page = unescape(client_for(personas.manager).get("/matching/grow/").content.decode())
    assert "Score (out of 100)" in re.sub(r"<[^>]+>", "", page)
    assert "Mean score" in page and re.search(r"Mean score</dt><dd>\d{1,3} out of 100", page)
    cells = re.findall(r"<td><strong>([^<]+)</strong>", page)
    assert cells and all(re.fullmatch(r"\d{1,3}", c) for c in cells), cells
    assert "your target role" not in page and "than you" not in page

    rows = list(csv.DictReader(io.StringIO(draft_csv(run))))
    assert "score_out_of_100" in COLUMNS and "score" not in COLUMNS
    maya = next(r for r in rows if r["mentee_email"] == personas.mentee.email)
    assert float(maya["score_out_of_100"]) == pytest.approx(
        run.pairs.get(mentee=personas.mentee).score * 100, abs=0.01
    )
    assert ("Marco Mentor has worked as Marketing Manager, Maya Mentee's target role"
            in maya["reasons"])
    assert "your" not in maya["reasons"]

    move = client_for(personas.manager).get(f"/matching/grow/move/{personas.mentee.pk}/")
    assert "(out of 100)" in move.content.decode()
    assert not re.search(r"<td>0\.\d\d</td>", move.content.decode())


@pytest.mark.django_db
def test_a_coaching_draft_says_coach_and_coachee(personas, client_for):
    lead, coach = personas.coaching, personas.coach
    Enrollment.objects.filter(program=lead, user=coach).update(capacity=1)
    for k, language in enumerate(["English", "English", "Portuguese"]):
        user = make_user(f"coachee{k}@example.com", f"Coachee {k}", languages=[language])
        enroll(lead, user, Enrollment.Role.MENTEE)
    run = _draft(lead, personas.admin)
    reasons = [
        unmatched_text(u.code, u.params, mentee=u.mentee.full_name, program=lead.name,
                       mentor_word=lead.mentor_label, mentee_word=lead.mentee_label)
        for u in UnmatchedMentee.objects.filter(run=run).select_related("mentee")
    ]
    assert "No coach passed the program's rules (no shared language: 1)" in reasons
    assert any(r.startswith("Every coach who fits") and r.endswith("better-fitting coachees")
               for r in reasons), reasons
    page = unescape(client_for(personas.admin).get("/matching/lead/").content.decode())
    assert "No coach passed" in page and "Unmatched coachees (2)" in page
    whatif = unescape(client_for(personas.admin).get("/matching/lead/what-if/").content.decode())
    for html in (page, whatif):
        main = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>", 1)[0])
        assert re.findall(r".{0,40}\b(?:[Mm]entors?|[Mm]entees?)\b.{0,40}", main) == []
    assert "Coach has at least this many more years" in whatif


@pytest.mark.django_db
def test_a_manager_reads_a_published_pair_in_the_third_person(personas, client_for):
    grow_cohort(personas, mentees=1, mentors=1)
    _draft(personas.program, personas.manager)
    report = draft_publish(program=personas.program, by=personas.manager)
    rel = report.relationships[0]
    assert "out of 100" in rel.message
    url = f"/relationships/{rel.pk}/"
    manager = unescape(client_for(personas.manager).get(url).content.decode())
    assert "Why they were matched" in manager
    assert "Marco Mentor has worked as Marketing Manager, Maya Mentee's target role" in manager
    mentee = unescape(client_for(personas.mentee).get(url).content.decode())
    assert "Marco Mentor has worked as Marketing Manager, your target role" in mentee
    mentor = unescape(client_for(personas.mentor).get(url).content.decode())
    assert "You have worked as Marketing Manager, Maya Mentee's target role" in mentor
    for page in (manager, mentee, mentor):
        assert re.search(r"Match score \d{1,3} out of 100\.", page)
