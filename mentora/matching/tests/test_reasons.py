"""Reason codes in three voices: every code the engine can emit has a template in each voice,
texts follow the values, and a factor against a match is never a reason for it."""

from __future__ import annotations

import csv
import io
import re
import string
from dataclasses import replace
from html import unescape

import numpy as np
import pytest

from mentora.matching.engine import Problem, explain_pairs
from mentora.matching.engine.factors import CODES, REGISTRY
from mentora.matching.engine.synthetic import generate
from mentora.matching.export import COLUMNS, draft_csv
from mentora.matching.legacy_reasons import convert_contribution
from mentora.matching.models import UnmatchedMentee
from mentora.matching.reasons import (
    LEGACY,
    TEMPLATES,
    VOICES,
    people_name,
    reasons_for_match,
    render,
    unmatched_text,
    worded,
)
from mentora.matching.services import draft_publish, matchrun_execute, matchrun_start
from mentora.programs.models import Enrollment
from mentora.testing import make_user

from .helpers import enroll, grow_cohort

SAMPLE = {
    "role": "Data Engineer", "held": ["Data Analyst"], "count": 2, "wanted": 3,
    "skills": ["SQL", "Python"], "similarity": 0.8, "percent": 80, "years": 8, "hours": 3.0,
    "axes": [{"axis": "structure", "pole": "structured"},
             {"axis": "approach", "pole": "exploratory"}],
    "cadence": "weekly", "axis": "challenge", "wanted_pole": "challenging",
    "their_pole": "supportive", "credential": "trained",
    "covered": 1, "location": "Lisbon office", "asked": 3, "answers": ["Leadership"],
}


def test_every_code_the_engine_can_emit_renders_in_every_voice():
    codes = set(CODES) | {LEGACY}
    assert codes <= set(TEMPLATES), f"codes without templates: {codes - set(TEMPLATES)}"
    assert set(TEMPLATES) <= codes, f"templates of unknown codes: {set(TEMPLATES) - codes}"
    for code in codes:
        assert len(TEMPLATES[code]) == len(VOICES)
        for voice in VOICES:
            text = render(code, SAMPLE, voice=voice, mentee="Kai Wen Wong",
                          mentor="Priya Raman", label="Factor")
            assert text and text[0].isupper(), (code, voice)
            assert "{" not in text and "None" not in text and "_" not in text, (code, text)
            # the mentee's voice never talks about the mentee in the third person, and so on
            if voice == "mentee":
                assert "Kai Wen Wong" not in text, (code, text)
            if voice == "mentor":
                assert "Priya Raman" not in text, (code, text)


def test_every_emitted_code_is_declared_by_its_factor_and_renders_in_every_voice():
    from mentora.matching.engine import Weights

    syn = generate(60, 15, 2, seed=3, dim=8)
    emitted: set[str] = set()
    for kind in ("mentoring", "coaching"):
        pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, labels=syn.labels, kind=kind,
                     weights=Weights(answers=0.1))
        pairs = np.array([[i, j] for i in range(pb.n) for j in range(pb.m)])
        for ex in explain_pairs(pb, pairs):
            for c in ex.contributions:
                assert CODES[c.code][0] == c.factor
                emitted.add(c.code)
                for voice in VOICES:
                    text = render(c.code, c.params, voice=voice, mentee="Kai Wen Wong",
                                  mentor="Priya Raman")
                    assert "{" not in text and "None" not in text, (c.code, voice, text)
    # the synthetic programs reach most codes, every factor's included
    assert {CODES[c][0] for c in emitted} == {f.NAME for f in REGISTRY}
    assert len(emitted) >= 0.75 * len(CODES), sorted(set(CODES) - emitted)
    declared = {f.NAME for f in REGISTRY}
    assert {factor for factor, _ in CODES.values()} == declared


def test_templates_use_only_known_placeholders():
    known = {"mentee", "mentor", "mentor_word", "mentee_word", "label", "role", "held_as",
             "count", "wanted", "skills", "styles", "cadence", "percent", "wanted_style",
             "theirs_style", "years_text", "credential_text", "focus_mentee", "focus_mentor",
             "focus_manager", "hours", "hours_text", "location", "same_text", "answers_text"}
    for code, voices in TEMPLATES.items():
        for t in voices:
            names = {f for _, f, _, _ in string.Formatter().parse(t) if f}
            assert names <= known, (code, names - known)


@pytest.mark.parametrize(("value", "code"), [(0.9, "text.close"), (0.76, "text.close"),
                                             (0.65, "text.some_overlap"),
                                             (0.52, "text.little_overlap")])
def test_similarity_words_follow_the_value(value, code):
    from mentora.matching.engine.factors import text as text_factor

    class Pb:
        e = {"embedding": np.ones((1, 2), np.float32)}
        r = {"embedding": np.ones((1, 2), np.float32)}

    got = text_factor.reasons(Pb(), np.array([0]), np.array([0]), {"text": np.array([value])})
    assert got[0][0] == code


def test_a_factor_against_the_match_is_never_a_reason_for_it():
    stored = [
        {"factor": "style", "weight": 0.15, "value": 0.4, "contribution": 0.06,
         "code": "style.differs", "params": {"axis": "structure", "wanted_pole": "structured",
                                              "their_pole": "free-form"}},
        {"factor": "experience", "weight": 0.12, "value": 1.0, "contribution": 0.12,
         "code": "experience.more_years", "params": {"years": 8}},
        {"factor": "cross_department", "weight": 0.03, "value": 0.0, "contribution": 0.0,
         "code": "department.same", "params": {}},
    ]
    reasons = reasons_for_match(worded(stored, voice="mentee", mentee="Kai Wen Wong",
                                       mentor="William Jones"))
    assert [r.code for r in reasons] == ["experience.more_years"]
    assert reasons[0].text == "William Jones has 8 years more experience than you"
    manager = worded(stored, voice="manager", mentee="Kai Wen Wong", mentor="William Jones")
    assert manager[2].label == "Different department"
    assert manager[2].text == "Kai Wen Wong and William Jones work in the same department"


def test_style_reasons_read_as_one_sentence_in_each_voice():
    params = {"axes": [{"axis": "structure", "pole": "structured"},
                       {"axis": "approach", "pole": "exploratory"}], "cadence": "weekly"}
    assert render("style.shared", params, voice="mentee", mentee="Kai", mentor="Priya") == (
        "You and Priya both prefer structured sessions, exploring questions together and "
        "meeting weekly"
    )
    differs = {"axis": "structure", "wanted_pole": "structured", "their_pole": "free-form"}
    assert render("style.differs", differs, voice="mentor", mentee="Kai", mentor="Priya") == (
        "Kai wants structured sessions; you lean towards free-form sessions"
    )


@pytest.mark.django_db
def test_people_are_named_as_they_go_by(personas):
    user = personas.mentee
    user.full_name = "Kai Wen Wong"
    assert people_name(user) == "Kai Wen Wong"
    user.profile.preferred_name = "Kai Wen"
    assert people_name(user) == "Kai Wen"


@pytest.mark.parametrize(("old", "code", "params"), [
    ("Has worked as Data Engineer — your target role", "role.held_target",
     {"role": "Data Engineer"}),
    ("Offers 2 of the 3 skills you want: SQL, Python", "skills.offered",
     {"count": 2, "wanted": 3, "skills": ["SQL", "Python"]}),
    ("Their experience reads very close to your goals (similarity 0.52)", "text.little_overlap",
     {"similarity": 0.52}),
    ("8 more years of experience than you", "experience.more_years", {"years": 8}),
    ("Same department", "department.same", {}),
    ("Something nobody wrote", LEGACY, {}),
])
def test_it_converts_stored_sentences_to_codes(old, code, params):
    row = {"factor": "role", "label": "Career role", "weight": 0.2, "value": 1.0,
           "contribution": 0.2, "reason": old}
    new = convert_contribution(row)
    assert (new["code"], new["params"]) == (code, params)
    assert "reason" not in new and "label" not in new
    assert convert_contribution(new) == new


def test_it_says_one_hour_not_one_hours():
    from mentora.matching.reasons import render

    one = render("availability.little", {"hours": 1}, voice="mentee", mentee="Maya",
                 mentor="Marco", mentor_word="mentor", mentee_word="mentee")
    two = render("availability.little", {"hours": 2.5}, voice="mentee", mentee="Maya",
                 mentor="Marco", mentor_word="mentor", mentee_word="mentee")
    assert "1 hour of" in str(one) and "2.5 hours of" in str(two)


def test_every_unmatched_code_the_engine_can_give_reads_as_a_sentence():
    """``why_unmatched`` codes (engine/explain.py ``Unmatched``) each have a manager's sentence
    with no code, id or Python value in it."""
    import importlib
    import inspect

    from mentora.matching.reasons import UNMATCHED, unmatched_text

    source = inspect.getsource(importlib.import_module("mentora.matching.engine.explain"))
    lines = [ln for ln in source.splitlines() if "code = " in ln or "Unmatched(int" in ln]
    emitted = set(re.findall(r'"(\w+)"', "\n".join(lines)))
    codes = {"constraints", "fit_floor", "capacity", "pruned", "no_mentors"}
    assert emitted == codes == set(UNMATCHED)
    params = {"eliminated": {"reporting_line": 2, "min_overlap": 1}, "room": 2,
              "target": "Data Engineer",
              "closest": [{"name": "Priya Raman", "role": "Data Analyst", "score": 58}]}
    for code in codes:
        text = unmatched_text(code, params, mentee="Kai Wen Wong", program="Grow: 1:1",
                              mentor_word="coach", mentee_word="coachee")
        assert not text[0].islower() and "{" not in text and "_" not in text, (code, text)
        assert "None" not in text and "True" not in text, (code, text)


# --- who reads a match reason, in which words and units: managers in the third person, each
# program in its own role words, every score out of 100 (from the QA pass)


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
