"""Application answers as a matching factor: the options both sides chose on a program's
choice questions (issue 17 via the factor registry of issue 14)."""

from __future__ import annotations

import numpy as np
import pytest

from mentora.matching.engine import Constraints, Problem, Weights, explain_pairs, match
from mentora.matching.engine.factors import CODES, FACTORS
from mentora.matching.engine.synthetic import generate
from mentora.matching.features import program_problem
from mentora.matching.reasons import render
from mentora.programs.models import ApplicationQuestion, Enrollment
from mentora.testing import make_user

from .helpers import enroll


def _all(pb):
    ii, jj = np.meshgrid(np.arange(pb.n), np.arange(pb.m), indexing="ij")
    s, ok = pb.pair_scores(ii.ravel(), jj.ravel())
    return s.reshape(pb.n, pb.m), ok.reshape(pb.n, pb.m)


@pytest.mark.parametrize("seed", [1, 7, 42])
@pytest.mark.parametrize("kind", ["mentoring", "coaching"])
def test_with_a_weight_the_bulk_score_matches_the_exact_one(seed, kind):
    syn = generate(90, 30, 3, seed=seed, dim=8)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, kind=kind, labels=syn.labels,
                 weights=Weights(answers=0.25), constraints=Constraints())
    block = pb.score_block(np.arange(pb.n))
    ref, ok = _all(pb)
    assert np.array_equal(block > -0.5, ok)
    assert np.abs(block[ok] - ref[ok]).max() < 1e-4
    # the value is the share of the mentee's answered questions the mentor answered alike
    a = syn.mentees.sets["answers"].toarray() > 0
    b = syn.mentors.sets["answers"].toarray() > 0
    raw, _ = pb.pair_values(np.repeat(np.arange(pb.n), pb.m), np.tile(np.arange(pb.m), pb.n))
    want = np.divide((a[:, None, :] & b[None, :, :]).sum(-1), a.sum(1)[:, None],
                     out=np.zeros((pb.n, pb.m)), where=a.sum(1)[:, None] > 0)
    assert np.allclose(raw["answers"].reshape(pb.n, pb.m), want, atol=0, rtol=0)
    result = match(pb, syn.capacities)
    assert result.certified_all_pairs


def test_by_default_it_weighs_nothing_so_older_scores_stay():
    assert "answers" in FACTORS and Weights().normalised()["answers"] == 0.0


def test_its_reasons_say_which_answers_were_the_same_in_every_voice():
    syn = generate(30, 10, 2, seed=5, dim=8)
    pb = Problem(syn.mentees, syn.mentors, labels=syn.labels, weights=Weights(answers=0.3))
    pairs = np.array([[i, j] for i in range(pb.n) for j in range(pb.m)])
    seen = set()
    for ex in explain_pairs(pb, pairs):
        c = next(c for c in ex.contributions if c.factor == "answers")
        seen.add(c.code)
        assert CODES[c.code] == ("answers", {"answers.same": "for",
                                             "answers.different": "against",
                                             "answers.none": "info"}[c.code])
        if c.code == "answers.same":
            assert c.value > 0 and c.params["answers"][0].startswith("Option ")
    assert {"answers.same", "answers.different"} <= seen
    params = {"count": 2, "asked": 3, "answers": ["Leadership", "Remote first"]}
    assert render("answers.same", params, voice="mentee", mentee="Kai", mentor="Priya") == (
        "You and Priya gave the same answer to 2 of the program's 3 questions: Leadership "
        "and Remote first")
    assert render("answers.same", {"count": 1, "asked": 1, "answers": ["Leadership"]},
                  voice="manager", mentee="Kai", mentor="Priya") == (
        "Kai and Priya gave the same answer to the program's question: Leadership")
    assert render("answers.different", {"asked": 2}, voice="mentor", mentee="Kai",
                  mentor="Priya") == "You and Kai answered the program's questions differently"


@pytest.mark.django_db
def test_a_programs_choice_question_counts_for_the_pair_that_answered_alike(personas):
    program = personas.program
    topic = ApplicationQuestion.objects.create(
        program=program, text="Which topic first?", audience="both",
        choices=["Leadership", "Career moves"], required=False,
    )
    ApplicationQuestion.objects.create(program=program, text="Why now?", audience="both")
    Enrollment.objects.filter(program=program, user=personas.mentee).update(
        answers={str(topic.pk): "leadership"}
    )
    alike = make_user("alike@example.com", "Alex Alike", current_role="Marketing Manager",
                      years_experience=12, offers_mentoring=True)
    other = make_user("other@example.com", "Olive Other", current_role="Marketing Manager",
                      years_experience=12, offers_mentoring=True)
    enroll(program, alike, Enrollment.Role.MENTOR, answers={str(topic.pk): "Leadership"})
    enroll(program, other, Enrollment.Role.MENTOR, answers={str(topic.pk): "Career moves"})
    pp = program_problem(program=program, weights={"answers": 0.2})
    i = pp.mentees.index(personas.mentee)
    ja, jo = pp.mentors.index(alike), pp.mentors.index(other)
    raw, _ = pp.problem.pair_values(np.array([i, i]), np.array([ja, jo]))
    assert raw["answers"].tolist() == [1.0, 0.0]
    ex = explain_pairs(pp.problem, np.array([[i, ja], [i, jo]]))
    got = [next((c.code, c.params) for c in e.contributions if c.factor == "answers") for e in ex]
    assert got[0] == ("answers.same", {"count": 1, "asked": 1, "answers": ["Leadership"]})
    assert got[1] == ("answers.different", {"asked": 1})
