"""A mentee's ranked, explained recommendations, computed with the matching engine.

The program's problem is built for this one mentee against the program's mentors with room
(``mentora.matching.features.program_problem``), every pair is scored exactly with
``Problem.pair_scores`` and the shown ones explained with ``explain_pairs``, so a score is
the sum of the reasons' points. Hard constraints and do-not-pair wishes remove a mentor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mentora.matching.engine import explain_pairs
from mentora.matching.engine.factors import LABELS
from mentora.matching.features import EmptyProblem, program_problem
from mentora.matching.reasons import CONSTRAINT_TEXT, people_name, polarity, render
from mentora.matching.services import contributions_json
from mentora.people.models import MeetingFormat, Profile
from mentora.people.permissions import visible_profiles
from mentora.programs.models import Program
from mentora.recommendations.models import MentorChoice
from mentora.recommendations.selectors import (
    blocked_partner_ids,
    declined_mentor_ids,
    mentor_room,
)

# One name per factor everywhere: the factor registry's labels.
FACTOR_LABELS = LABELS
EXACT_ROLE = 3  # the engine's role code for "held the mentee's target occupation"
FORMAT_FILTERS = {
    "remote": (MeetingFormat.REMOTE, MeetingFormat.EITHER),
    "in_person": (MeetingFormat.IN_PERSON, MeetingFormat.EITHER),
}


@dataclass(frozen=True)
class Reason:
    """One factor of a recommendation: its reason (worded for the mentee) and its points."""

    factor: str
    label: str
    text: str
    weight: float
    value: float
    points: float  # contribution x 100, so the points add up to the score in percent
    code: str = ""
    params: dict = field(default_factory=dict)

    @property
    def polarity(self) -> str:
        return polarity(self.code)

    @property
    def max_points(self) -> float:
        return self.weight * 100


@dataclass(frozen=True)
class Recommendation:
    """One mentor or coach recommended to a mentee, with the reasons for the score."""

    mentor: Any
    profile: Profile
    score: float
    reasons: tuple[Reason, ...]
    held_target_role: bool
    places_left: int

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def top_reasons(self) -> list[Reason]:
        """The factors that add the most, strongest first (those that add something)."""
        ranked = sorted(self.reasons, key=lambda r: -r.points)
        return [r for r in ranked if r.points >= 0.5 and r.polarity == "for"][:4]


@dataclass(frozen=True)
class Filters:
    """What a mentee narrows recommendations by (empty = no filter)."""

    department: str = ""
    language: str = ""
    meeting_format: str = ""
    held_target_role: bool = False

    @property
    def active(self) -> bool:
        return bool(
            self.department or self.language or self.meeting_format or self.held_target_role
        )


@dataclass
class RecommendationList:
    """The shown recommendations plus what the filter controls offer."""

    program: Program
    items: list[Recommendation] = field(default_factory=list)
    matching: int = 0  # candidates that pass the hard constraints and the filters
    candidates: int = 0  # candidates that pass the hard constraints
    departments: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    has_target_role: bool = False
    problem: str = ""  # why there is nothing to show, when that is the case


def _candidate_ids(program: Program, mentee: Any) -> tuple[list[int], dict[int, int]]:
    room = mentor_room(program=program)
    excluded = (
        blocked_partner_ids(mentee)
        | declined_mentor_ids(program=program, mentee=mentee)
        | set(
            MentorChoice.objects.open()
            .filter(program=program, mentee_id=mentee.pk)
            .values_list("mentor_id", flat=True)
        )
        | {mentee.pk}
    )
    ids = sorted(uid for uid, left in room.items() if left > 0 and uid not in excluded)
    return ids, room


def recommendations_for(
    *, program: Program, mentee: Any, filters: Filters | None = None, limit: int | None = None
) -> RecommendationList:
    """The mentee's best-fitting mentors with room, ranked, each with the reasons why.

    Only the mentee's own scores are computed; mentors whose profile the mentee may not see
    (hidden profiles) are left out, as in the directory.
    """
    filters = filters or Filters()
    limit = limit or program.recommendations_shown
    out = RecommendationList(program=program)
    ids, room = _candidate_ids(program, mentee)
    profiles = {
        p.user_id: p
        for p in visible_profiles(mentee, Profile.objects.filter(user_id__in=ids))
        .select_related("user")
        .prefetch_related("languages")
    }
    ids = [uid for uid in ids if uid in profiles]
    if not ids:
        out.problem = f"No {program.mentor_label} in {program} has a free place for you right now."
        return out
    try:
        # Mentees choosing see every mentor with room: the fit floor is for the matching.
        pp = program_problem(program=program, mentee_ids=[mentee.pk], mentor_ids=ids,
                             constraints={"fit_floor": False})
    except EmptyProblem as exc:
        out.problem = (
            "Fill in your profile first: recommendations are based on it."
            if not exc.mentees
            else exc.message
        )
        return out
    problem = pp.problem
    m = len(pp.mentors)
    rows = np.zeros(m, np.int64)
    cols = np.arange(m, dtype=np.int64)
    scores, allowed = problem.pair_scores(rows, cols)
    role_codes = np.asarray(problem.role_code[problem.role_key[0]])
    out.has_target_role = bool(problem.target[0] >= 0 or problem.target_group[0] >= 0)
    candidates = []
    for j, mentor in enumerate(pp.mentors):
        if not allowed[j]:
            continue
        candidates.append((j, mentor, profiles[mentor.pk]))
    out.candidates = len(candidates)
    out.departments = sorted({p.department for _, _, p in candidates if p.department})
    out.languages = sorted({lang.name for _, _, p in candidates for lang in p.languages.all()})
    chosen = []
    for j, mentor, profile in candidates:
        if filters.department and profile.department != filters.department:
            continue
        if filters.language and filters.language not in {x.name for x in profile.languages.all()}:
            continue
        formats = FORMAT_FILTERS.get(filters.meeting_format)
        if formats and profile.meeting_format not in formats:
            continue
        if filters.held_target_role and role_codes[j] != EXACT_ROLE:
            continue
        chosen.append((j, mentor, profile))
    out.matching = len(chosen)
    chosen.sort(key=lambda c: (-scores[c[0]], c[1].full_name.lower(), c[1].pk))
    chosen = chosen[:limit]
    if not chosen:
        return out
    explanations = explain_pairs(problem, np.array([[0, j] for j, _, _ in chosen]))
    for (j, mentor, profile), explanation in zip(chosen, explanations, strict=True):
        reasons = tuple(
            Reason(
                factor=c.factor,
                label=FACTOR_LABELS.get(c.factor, c.factor),
                text=render(c.code, c.params, voice="mentee", mentee=people_name(mentee),
                            mentor=people_name(mentor), mentor_word=program.mentor_label,
                            mentee_word=program.mentee_label),
                weight=c.weight,
                value=c.value,
                points=c.contribution * 100,
                code=c.code,
                params=c.params,
            )
            for c in explanation.contributions
            if c.weight > 0
        )
        out.items.append(
            Recommendation(
                mentor=mentor,
                profile=profile,
                score=explanation.score,
                reasons=reasons,
                held_target_role=bool(role_codes[j] == EXACT_ROLE),
                places_left=room.get(mentor.pk, 0),
            )
        )
    return out


@dataclass(frozen=True)
class ChoiceCheck:
    """What the engine says of the mentors a mentee chose: the hard constraints each pairing
    breaks, and the explanation the mentee was shown (stored with the request)."""

    failed: dict[int, list[str]] = field(default_factory=dict)
    explanations: dict[int, dict[str, Any]] = field(default_factory=dict)


def check_choices(*, program: Program, mentee: Any, mentor_ids: list[int]) -> ChoiceCheck:
    """For each chosen mentor: broken hard constraints and the score with its reasons, as the
    recommendations page computes them (same problem, same explanation)."""
    if not mentor_ids:
        return ChoiceCheck()
    try:
        pp = program_problem(program=program, mentee_ids=[mentee.pk], mentor_ids=mentor_ids,
                             constraints={"fit_floor": False})
    except EmptyProblem:
        return ChoiceCheck()
    pairs = np.array([[0, j] for j in range(len(pp.mentors))], dtype=np.int64)
    out = ChoiceCheck()
    for mentor, ex in zip(pp.mentors, explain_pairs(pp.problem, pairs), strict=True):
        if ex.failed_constraints:
            out.failed[mentor.pk] = [CONSTRAINT_TEXT.get(c, c) for c in ex.failed_constraints]
        out.explanations[mentor.pk] = {
            "score": float(ex.score),
            "contributions": contributions_json(ex),
        }
    return out
