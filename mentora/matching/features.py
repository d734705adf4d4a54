"""Database profiles → matching engine inputs, for a whole program in a handful of queries.

Everything here is set-based: the program's enrollments, profiles, skills, languages,
availability windows, manager chains, live relationships, related occupations and manager
rules are each read with one query for everyone, then turned into NumPy arrays. The mapping
of every profile field is documented in docs/matching-workbench.md ("From profiles to features").
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import Exists, OuterRef, Q

from mentora.careers.models import DataRelease, Occupation, RelatedOccupation
from mentora.careers.search import search_occupations
from mentora.growth.models import CareerRole
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.matching.engine import (
    Constraints,
    Labels,
    MenteeFeatures,
    MentorFeatures,
    PairLists,
    Problem,
    Weights,
    sets_to_csr,
)
from mentora.matching.engine.factors import TABLE_FACTORS
from mentora.matching.engine.text import embed
from mentora.matching.models import MatchRule
from mentora.people.models import AvailabilityWindow, Profile
from mentora.programs.models import ApplicationQuestion, Enrollment, Program
from mentora.relationships.models import Relationship, RematchRequest

SLOTS_PER_WEEK = 336  # half-hours: windows such as 9:30–11:00 count exactly
SLOT_MINUTES = 30

# Profile style fields in the engine's axis order (see engine/types.py STYLE_AXIS_NAMES).
STYLE_FIELDS = ("structure", "approach", "challenge", "focus", "channel")
CADENCE_CODES = {"weekly": 1, "biweekly": 2, "monthly": 3}
FORMAT_CODES = {"either": 0, "remote": 1, "in_person": 2}
TRAIT_FIELDS = (
    "trait_extraversion",
    "trait_agreeableness",
    "trait_conscientiousness",
    "trait_neuroticism",
    "trait_intellect",
)
# Coach credentials that count as accredited (ICF ACC/PCC/MCC, EMCC, AC and similar).
ACCREDITED = re.compile(r"\b(icf|acc|pcc|mcc|emcc|accredited|certified|ac)\b", re.IGNORECASE)
TITLE_MATCH_MIN_SCORE = 85.0

User = Any  # accounts.User; typed loosely so this module imports no model it does not use


class EmptyProblem(DomainError):
    """Nobody to match on one side (the engine needs at least one mentee and one mentor)."""

    def __init__(self, message: str, *, mentees: list[Any], mentors: list[Any]) -> None:
        super().__init__(message, field="program", code="conflict")
        self.mentees = mentees
        self.mentors = mentors


@dataclass(frozen=True)
class ProgramProblem:
    """A program's matching problem: engine inputs plus who each row and column is."""

    program: Program
    problem: Problem
    mentees: list[User]
    mentors: list[User]
    capacities: np.ndarray
    weights: dict[str, Any] = field(default_factory=dict)
    constraints: dict[str, Any] = field(default_factory=dict)

    @property
    def mentee_index(self) -> dict[int, int]:
        return {u.pk: i for i, u in enumerate(self.mentees)}

    @property
    def mentor_index(self) -> dict[int, int]:
        return {u.pk: j for j, u in enumerate(self.mentors)}

    @property
    def locked(self) -> np.ndarray:
        """Pinned (mentee row, mentor column) pairs, for ``solve(locked=...)``."""
        return self.problem.pair_lists["locked"]

    @property
    def forbidden(self) -> np.ndarray:
        """Forbidden and do-not-pair pairs, for ``solve(forbidden=...)``."""
        pl = self.problem.pair_lists
        return np.concatenate([pl["forbidden"], pl["do_not_pair"]])


def _known(cls: type, given: dict[str, Any], what: str) -> dict[str, Any]:
    names = {f.name: f for f in fields(cls)}
    out: dict[str, Any] = {}
    for key, value in given.items():
        if key not in names:
            raise DomainError(
                f"Unknown {what[:-1]} “{key}”; known: {', '.join(names)}.", field=f"{what}.{key}"
            )
        default = names[key].default
        if value is None and default is None:
            out[key] = None
            continue
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise DomainError(f"{key} must be true or false.", field=f"{what}.{key}")
            out[key] = value
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DomainError(f"{key} must be a number.", field=f"{what}.{key}")
        if not np.isfinite(value) or value < 0:
            raise DomainError(f"{key} must be a number ≥ 0.", field=f"{what}.{key}")
        if isinstance(default, int) or default is None:
            if float(value) != int(value):
                raise DomainError(f"{key} must be a whole number.", field=f"{what}.{key}")
            out[key] = int(value)
        else:
            out[key] = float(value)
    return out


def resolve_settings(
    program: Program, weights: dict | None = None, constraints: dict | None = None
) -> tuple[Weights, Constraints, dict[str, Any], dict[str, Any]]:
    """Engine weights and constraints: defaults, then the program's, then the given overrides.

    Returns the engine objects and their full dictionaries (what a run stores as "used").
    """
    w = _known(Weights, {**(program.match_weights or {}), **(weights or {})}, "weights")
    c = _known(
        Constraints, {**(program.match_constraints or {}), **(constraints or {})}, "constraints"
    )
    engine_w = Weights(**w)
    try:
        engine_w.normalised()
    except ValueError as exc:
        raise DomainError(str(exc).replace("Weights: ", ""), field="weights") from exc
    if c.get("min_score", 0.0) > 1:
        raise DomainError(
            "The minimum score must be from 0 to 1 (0.5 is 50 out of 100).",
            field="constraints.min_score",
        )
    engine_c = Constraints(**c)
    if engine_c.fit_floor and not (
        engine_c.floor_role or engine_c.floor_skills > 0 or engine_c.min_score > 0
    ):
        raise DomainError(
            "“Only good fits” needs a fit floor: count a related career role, a number of "
            "shared skills, or a minimum score.",
            field="constraints.fit_floor",
        )
    return (
        engine_w,
        engine_c,
        {f.name: getattr(engine_w, f.name) for f in fields(Weights)},
        {f.name: getattr(engine_c, f.name) for f in fields(Constraints)},
    )


class _Ids:
    """Dense integer ids for strings (departments, occupations, focus areas), first seen first."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.labels: dict[int, str] = {}

    def get(self, key: str, label: str | None = None) -> int:
        if key not in self.ids:
            self.ids[key] = len(self.ids)
            self.labels[self.ids[key]] = label or key
        return self.ids[key]

    def __len__(self) -> int:
        return len(self.ids)


_embed_cache: dict[str, np.ndarray] = {}
_embed_lock = threading.Lock()
_EMBED_CACHE_SIZE = 50_000


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised embeddings of texts (zero rows for empty ones), cached per text.

    Profiles store no vector yet, so vectors are computed here (the lexical backend embeds
    ~9,000 texts a second) and kept in a per-process cache keyed by the text itself.
    """
    with _embed_lock:
        missing = sorted({t for t in texts if t and t not in _embed_cache})
    fresh = embed(missing) if missing else np.zeros((0, 1), np.float32)
    with _embed_lock:
        if len(_embed_cache) + len(missing) > _EMBED_CACHE_SIZE:
            _embed_cache.clear()
        for text, vector in zip(missing, fresh, strict=True):
            _embed_cache[text] = vector
        dim = next(iter(_embed_cache.values())).shape[0] if _embed_cache else 1
        out = np.zeros((len(texts), dim), np.float32)
        for row, text in enumerate(texts):
            if text:
                vector = _embed_cache.get(text)
                out[row] = vector if vector is not None else embed([text])[0]
    return out


def _norm_title(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s&/+-]", " ", text.lower()).split())


_title_cache: dict[tuple[Any, str], str | None] = {}


def _occupation_for_title(title: str, release_key: Any) -> str | None:
    """The O*NET code a job title most surely names, or None (cached per release)."""
    key = (release_key, _norm_title(title))
    if key not in _title_cache:
        found = search_occupations(title, limit=1)
        _title_cache[key] = (
            found[0].code if found and found[0].score >= TITLE_MATCH_MIN_SCORE else None
        )
    return _title_cache[key]


def weekly_utc_slots(
    windows: Iterable[tuple[int, Any, Any]], tz_name: str, *, reference: datetime
) -> np.ndarray:
    """Weekly availability windows in a person's time zone → 336 UTC half-hour slots.

    The offsets of the week containing ``reference`` are used, so daylight saving time is
    right for the weeks being matched. A slot counts when the window covers all of it.
    """
    slots = np.zeros(SLOTS_PER_WEEK, dtype=bool)
    try:
        tz = ZoneInfo(tz_name or "UTC")
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    local_ref = reference.astimezone(tz)
    monday = (local_ref - timedelta(days=local_ref.weekday())).date()
    # Any Monday 00:00 UTC is a valid origin: slots are taken modulo one week.
    week_start_utc = datetime.combine(monday, datetime.min.time(), UTC)
    for weekday, starts_at, ends_at in windows:
        day = monday + timedelta(days=int(weekday))
        start = datetime.combine(day, starts_at, tz).astimezone(UTC)
        end = datetime.combine(day, ends_at, tz).astimezone(UTC)
        first = -(-int((start - week_start_utc).total_seconds() // 60) // SLOT_MINUTES)
        last = int((end - week_start_utc).total_seconds() // 60) // SLOT_MINUTES
        for slot in range(first, last):
            slots[slot % SLOTS_PER_WEEK] = True
    return slots


def _split(text: str, pattern: str = r"[,;\n]") -> list[str]:
    return [part.strip() for part in re.split(pattern, text or "") if part.strip()]


def _goals_text(p: Profile) -> str:
    return "\n".join(x for x in (p.target_role, p.career_path, p.career_goals) if x).strip()


def _experience_text(p: Profile) -> str:
    parts = (p.current_role or p.job_title, p.past_roles, p.experience_summary, p.industries)
    return "\n".join(x for x in parts if x).strip()


def _credential(text: str) -> int:
    if not text.strip():
        return 0
    return 2 if ACCREDITED.search(text) else 1


def program_problem(
    *,
    program: Program,
    weights: dict | None = None,
    constraints: dict | None = None,
    mentee_ids: Sequence[int] | None = None,
    mentor_ids: Sequence[int] | None = None,
    do_not_pair: Iterable[tuple[int, int]] = (),
    include_rules: bool = True,
    now: datetime | None = None,
) -> ProgramProblem:
    """Engine inputs for a program's approved mentees waiting for a match (no live relationship,
    and no completed one unless they asked to be rematched) and its approved mentors/coaches
    with room (or the given subsets).

    ``mentee_ids`` / ``mentor_ids`` restrict to these users (still approved in the program;
    a given mentor is kept even when full, with capacity 0). ``do_not_pair`` holds
    (mentee user id, mentor user id) pairs to exclude; with ``include_rules`` the program's
    pins become locked pairs and its forbids forbidden pairs.
    """
    now = now or clock.now()
    engine_w, engine_c, used_w, used_c = resolve_settings(program, weights, constraints)
    mentees, mentors, capacities = waiting_people(
        program=program, mentee_ids=mentee_ids, mentor_ids=mentor_ids
    )
    mentee_features, mentor_features, labels = feature_arrays(
        program=program, mentees=mentees, mentors=mentors, constraints=engine_c, now=now
    )
    pairs = program_rules(
        program=program, mentees=mentees, mentors=mentors, do_not_pair=do_not_pair,
        include_rules=include_rules,
    )
    problem = Problem(
        mentee_features,
        mentor_features,
        weights=engine_w,
        constraints=engine_c,
        pairs=pairs,
        kind="coaching" if program.kind == Program.Kind.COACHING else "mentoring",
        labels=labels,
    )
    return ProgramProblem(
        program=program,
        problem=problem,
        mentees=mentees,
        mentors=mentors,
        capacities=np.array(capacities, dtype=np.int64),
        weights=used_w,
        constraints=used_c,
    )



def waiting_people(
    *, program: Program, mentee_ids: Sequence[int] | None = None,
    mentor_ids: Sequence[int] | None = None,
) -> tuple[list[User], list[User], list[int]]:
    """Who waits: the approved mentees without a live (or completed, unless they asked again)
    relationship and the approved mentors with room, with each mentor's free places (or the
    given subsets: a given mentor is kept even when full, with capacity 0)."""

    enrollments = (
        Enrollment.objects.approved()
        .filter(program=program)
        .select_related("user", "user__profile")
        .order_by("role", "user_id")
    )
    only_mentees = None if mentee_ids is None else set(mentee_ids)
    only_mentors = None if mentor_ids is None else set(mentor_ids)
    if only_mentees is not None:
        enrollments = enrollments.filter(
            Q(role=Enrollment.Role.MENTOR) | Q(user_id__in=only_mentees)
        )
    if only_mentors is not None:
        enrollments = enrollments.filter(
            Q(role=Enrollment.Role.MENTEE) | Q(user_id__in=only_mentors)
        )
    # A mentee who completed a relationship here had their mentoring: they wait again only
    # if they asked to be matched anew (an open rematch request). Ended early = back in the
    # pool. One query, like the dashboard's "waiting for a match".
    held = (
        Relationship.objects.filter(program=program)
        .filter(Q(status__in=Relationship.LIVE) | Q(status=Relationship.Status.COMPLETED))
        .annotate(
            asks_again=Exists(
                RematchRequest.objects.filter(
                    program=program, mentee=OuterRef("mentee"), resolved_at__isnull=True
                )
            )
        )
    )
    busy_mentees: set[int] = set()
    taken: dict[int, int] = defaultdict(int)
    for mentee_id, mentor_id, status, asks_again in held.values_list(
        "mentee_id", "mentor_id", "status", "asks_again"
    ):
        if status in Relationship.LIVE:
            busy_mentees.add(mentee_id)
            taken[mentor_id] += 1
        elif not asks_again:
            busy_mentees.add(mentee_id)

    mentee_rows: list[Enrollment] = []
    mentor_rows: list[Enrollment] = []
    capacities: list[int] = []
    for e in enrollments:
        if not hasattr(e.user, "profile"):
            continue  # a person without a profile has nothing to match on
        if e.role == Enrollment.Role.MENTEE:
            if only_mentees is None and e.user_id in busy_mentees:
                continue
            mentee_rows.append(e)
        else:
            e.program = program  # effective_capacity reads the program default
            room = max(e.effective_capacity - taken[e.user_id], 0)
            if only_mentors is None and room <= 0:
                continue
            mentor_rows.append(e)
            capacities.append(room)

    mentees = [e.user for e in mentee_rows]
    mentors = [e.user for e in mentor_rows]
    if not mentees or not mentors:
        raise EmptyProblem(
            f"{program} has no {program.mentee_label}s waiting for a match."
            if not mentees
            else f"{program} has no {program.mentor_label}s with a free place.",
            mentees=mentees,
            mentors=mentors,
        )
    return mentees, mentors, capacities


def _answer_sets(
    *, program: Program, mentees: list[User], mentors: list[User]
) -> tuple[Any, Any, dict[int, str]]:
    """The options each side chose on the program's choice questions asked of both sides, as
    token sets (one token per question and option, case-insensitive), and each token's words
    ("Leadership" — the option as the program wrote it)."""
    questions = {
        str(q.pk): {str(c).strip().lower(): str(c).strip() for c in q.choices if str(c).strip()}
        for q in ApplicationQuestion.objects.filter(
            program=program, audience=ApplicationQuestion.Audience.BOTH
        )
        if q.choices
    }
    tokens = _Ids()
    chosen: dict[tuple[int, str], set[int]] = defaultdict(set)
    if questions:
        for uid, role, answers in Enrollment.objects.filter(
            program=program, user__in=[u.pk for u in [*mentees, *mentors]]
        ).values_list("user_id", "role", "answers"):
            for qid, value in (answers or {}).items():
                options = questions.get(str(qid))
                key = str(value or "").strip().lower()
                if options and key in options:
                    chosen[(uid, role)].add(tokens.get(f"{qid}:{key}", options[key]))
    width = max(len(tokens), 1)
    side_e = sets_to_csr([chosen[(u.pk, Enrollment.Role.MENTEE)] for u in mentees], width)
    side_r = sets_to_csr([chosen[(u.pk, Enrollment.Role.MENTOR)] for u in mentors], width)
    return side_e, side_r, tokens.labels


def feature_arrays(
    *, program: Program, mentees: list[User], mentors: list[User], constraints: Constraints,
    now: datetime,
) -> tuple[MenteeFeatures, MentorFeatures, Labels]:
    """Feature arrays: profiles, skills, languages, availability, manager chains, career roles,
    focus areas, departments and locations of both sides, read set-based (a query each)."""
    engine_c = constraints
    profiles = [u.profile for u in mentees] + [u.profile for u in mentors]
    profile_ids = [p.pk for p in profiles]
    n = len(mentees)

    # Many-to-many fields and availability: one query each for everybody.
    wanted_skills: dict[int, list[int]] = defaultdict(list)
    offered_skills: dict[int, list[int]] = defaultdict(list)
    languages: dict[int, list[int]] = defaultdict(list)
    windows: dict[int, list[tuple[int, Any, Any]]] = defaultdict(list)
    skill_names: dict[int, str] = {}
    if profiles:
        for pid, sid, name in Profile.skills_wanted.through.objects.filter(
            profile_id__in=profile_ids[:n]
        ).values_list("profile_id", "skill_id", "skill__name"):
            wanted_skills[pid].append(sid)
            skill_names[sid] = name
        for pid, sid, name in Profile.skills_offered.through.objects.filter(
            profile_id__in=profile_ids[n:]
        ).values_list("profile_id", "skill_id", "skill__name"):
            offered_skills[pid].append(sid)
            skill_names[sid] = name
        for pid, lid in Profile.languages.through.objects.filter(
            profile_id__in=profile_ids
        ).values_list("profile_id", "language_id"):
            languages[pid].append(lid)
        for pid, weekday, starts_at, ends_at in AvailabilityWindow.objects.filter(
            profile_id__in=profile_ids
        ).values_list("profile_id", "weekday", "starts_at", "ends_at"):
            windows[pid].append((weekday, starts_at, ends_at))

    skill_cols = _Ids()
    for sid in sorted(skill_names):
        skill_cols.get(str(sid), skill_names[sid])
    lang_cols = {lid: k for k, lid in enumerate(sorted({x for v in languages.values() for x in v}))}
    lang_matrix = np.zeros((len(profiles), len(lang_cols)), dtype=bool)
    for row, p in enumerate(profiles):
        for lid in languages[p.pk]:
            lang_matrix[row, lang_cols[lid]] = True

    # Manager chains: the first level is on the profiles; each further level is one query.
    depth = max(int(engine_c.reporting_line_depth), 0)
    chains = np.full((len(profiles), depth), -1, dtype=np.int64)
    if depth:
        manager_of: dict[int, int | None] = {p.user_id: p.manager_id for p in profiles}
        frontier = {m for m in manager_of.values() if m is not None}
        for _level in range(1, depth):
            unknown = frontier - manager_of.keys()
            if not unknown:
                break
            found = dict(
                Profile.objects.filter(user_id__in=unknown).values_list("user_id", "manager_id")
            )
            for uid in unknown:
                manager_of[uid] = found.get(uid)
            frontier = {m for m in found.values() if m is not None}
        for row, p in enumerate(profiles):
            current: int | None = p.user_id
            for level in range(depth):
                current = manager_of.get(current) if current is not None else None
                if current is None:
                    break
                chains[row, level] = current

    # Career roles: O*NET codes when known (or found from a job title), else the title itself.
    release = DataRelease.objects.current(DataRelease.Source.ONET)
    release_key = (release.pk, release.loaded_at) if release else None
    occ = _Ids()
    groups = _Ids()

    def code_for(title: str) -> str | None:
        return _occupation_for_title(title, release_key) if release and title else None

    mentee_codes: list[str | None] = []
    for u in mentees:
        p = u.profile
        mentee_codes.append(p.target_occupation_code or code_for(p.target_role))
    # Occupations people chose from O*NET search (growth's career roles) count as held as-is.
    chosen: dict[int, list[str]] = defaultdict(list)
    for uid, code in CareerRole.objects.filter(user__in=[u.pk for u in mentors]).values_list(
        "user_id", "occupation_code"
    ):
        chosen[uid].append(code)
    mentor_titles: list[list[str]] = []
    typed_held: dict[tuple[int, str], str] = {}  # (mentor index, code) -> title as typed
    mentor_codes: list[list[str]] = []
    for u in mentors:
        p = u.profile
        titles = [t for t in [p.current_role, p.job_title, *_split(p.past_roles, r"\n")] if t]
        mentor_titles.append(titles)
        title_codes = []
        for t in titles:
            c = code_for(t)
            if c:
                title_codes.append(c)
                typed_held.setdefault((len(mentor_titles) - 1, c), t.strip())
        mentor_codes.append(list(dict.fromkeys([*chosen[u.pk], *title_codes])))
    codes = {c for c in mentee_codes if c} | {c for cs in mentor_codes for c in cs}
    related: dict[str, list[str]] = defaultdict(list)
    titles_of: dict[str, str] = {}
    if codes:
        titles_of = dict(Occupation.objects.filter(code__in=codes).values_list("code", "title"))
        for src, dst in RelatedOccupation.objects.filter(
            from_occupation_id__in={c for c in mentee_codes if c}
        ).values_list("from_occupation_id", "to_occupation_id"):
            related[src].append(dst)

    def occ_id(code: str) -> int:
        return occ.get(f"onet:{code}", titles_of.get(code, code))

    def title_id(title: str) -> int:
        return occ.get(f"title:{_norm_title(title)}", title.strip())

    target = np.full(n, -1, np.int64)
    target_group = np.full(n, -1, np.int64)
    related_sets: list[set[int]] = []
    target_titles: dict[int, str] = {}  # in the mentee's own words
    for i, u in enumerate(mentees):
        p = u.profile
        target_code = mentee_codes[i]
        rel: set[int] = set()
        if target_code:
            target[i] = occ_id(target_code)
            target_group[i] = groups.get(target_code[:2])
            rel.update(occ_id(c) for c in related[target_code])
            if p.target_role:
                rel.add(title_id(p.target_role))
        elif p.target_role:
            target[i] = title_id(p.target_role)
        related_sets.append(rel)
        if p.target_role.strip():
            target_titles[i] = p.target_role.strip()
    held_sets: list[set[int]] = []
    held_group_sets: list[set[int]] = []
    for titles, cs in zip(mentor_titles, mentor_codes, strict=True):
        held_sets.append({title_id(t) for t in titles} | {occ_id(c) for c in cs})
        held_group_sets.append({groups.get(c[:2]) for c in cs})

    # Coaching focus areas: what coaches list; a coachee wants those their goals or skills name.
    focus = _Ids()
    focus_offered: list[set[int]] = []
    for u in mentors:
        focus_offered.append({focus.get(f.lower(), f) for f in _split(u.profile.coaching_focus)})
    focus_wanted: list[set[int]] = []
    for u in mentees:
        p = u.profile
        words = " ".join([_goals_text(p), *(skill_names[s] for s in wanted_skills[p.pk])]).lower()
        focus_wanted.append({fid for key, fid in focus.ids.items() if key in words})

    departments = _Ids()
    dept = np.array(
        [
            departments.get(p.department.strip().lower()) if p.department.strip() else -1
            for p in profiles
        ],
        dtype=np.int64,
    )

    # Categorical factors of the registry (same location …): one id per distinct value the
    # factor reads off a profile (case-insensitive), -1 unknown.
    attr_ids: dict[str, _Ids] = {}
    attr_values: dict[str, np.ndarray] = {}
    for fac in TABLE_FACTORS:
        ids = attr_ids[fac.ATTRIBUTE] = _Ids()
        texts = [fac.profile_value(p).strip() for p in profiles]
        attr_values[fac.ATTRIBUTE] = np.array(
            [ids.get(t.lower(), t) if t else -1 for t in texts], dtype=np.int64
        )

    def style_and_importance(p: Profile, *, mentee: bool) -> tuple[list[int], list[int]]:
        levels, importance = [], []
        for axis in STYLE_FIELDS:
            level = int(getattr(p, f"style_{axis}"))
            if mentee and level == 3:  # "no leaning" is no preference for a mentee
                levels.append(0)
                importance.append(0)
            else:
                levels.append(level)
                importance.append(2 if getattr(p, f"importance_{axis}") == "important" else 1)
        return levels, importance

    def traits(p: Profile) -> list[float]:
        values = [getattr(p, name) for name in TRAIT_FIELDS]
        if any(v is None for v in values):
            return [np.nan] * len(TRAIT_FIELDS)
        return [min(max((float(v) - 1.0) / 4.0, 0.0), 1.0) for v in values]

    def common(rows: slice, people: list[User]) -> dict[str, Any]:
        profs = [u.profile for u in people]
        return dict(
            person_id=np.array([u.pk for u in people], dtype=np.int64),
            cadence=np.array([CADENCE_CODES.get(p.cadence, 0) for p in profs], dtype=np.int8),
            traits=np.array([traits(p) for p in profs], dtype=np.float32).reshape(-1, 5),
            years=np.array([p.years_experience for p in profs], dtype=np.int32),
            availability=np.array(
                [weekly_utc_slots(windows[p.pk], p.timezone, reference=now) for p in profs],
                dtype=bool,
            ).reshape(-1, SLOTS_PER_WEEK),
            meeting_format=np.array(
                [FORMAT_CODES.get(p.meeting_format, 0) for p in profs], dtype=np.int8
            ),
            languages=lang_matrix[rows],
            department=dept[rows],
            manager_chain=chains[rows],
            attributes={a: v[rows] for a, v in attr_values.items()},
        )

    answers_e, answers_r, answer_words = _answer_sets(
        program=program, mentees=mentees, mentors=mentors
    )

    mentee_styles = [style_and_importance(u.profile, mentee=True) for u in mentees]
    mentee_features = MenteeFeatures(
        **common(slice(0, n), mentees),
        sets={"answers": answers_e},
        embedding=embed_texts([_goals_text(u.profile) for u in mentees]),
        style=np.array([s for s, _ in mentee_styles], dtype=np.int8).reshape(-1, 5),
        style_importance=np.array([i for _, i in mentee_styles], dtype=np.int8).reshape(-1, 5),
        target_occupation=target,
        target_group=target_group,
        related_occupations=sets_to_csr(related_sets, max(len(occ), 1)),
        skills_wanted=sets_to_csr(
            [[skill_cols.ids[str(s)] for s in wanted_skills[u.profile.pk]] for u in mentees],
            max(len(skill_cols), 1),
        ),
        focus_wanted=sets_to_csr(focus_wanted, max(len(focus), 1)),
    )
    mentor_features = MentorFeatures(
        **common(slice(n, len(profiles)), mentors),
        sets={"answers": answers_r},
        embedding=embed_texts([_experience_text(u.profile) for u in mentors]),
        style=np.array(
            [style_and_importance(u.profile, mentee=False)[0] for u in mentors], dtype=np.int8
        ).reshape(-1, 5),
        held_occupations=sets_to_csr(held_sets, max(len(occ), 1)),
        held_groups=sets_to_csr(held_group_sets, max(len(groups), 1)),
        skills_offered=sets_to_csr(
            [[skill_cols.ids[str(s)] for s in offered_skills[u.profile.pk]] for u in mentors],
            max(len(skill_cols), 1),
        ),
        focus_offered=sets_to_csr(focus_offered, max(len(focus), 1)),
        credential=np.array(
            [_credential(u.profile.coach_credentials) for u in mentors], dtype=np.int8
        ),
    )
    # Both sides must embed to the same width; an all-empty side has width 1.
    de, dr = mentee_features.embedding.shape[1], mentor_features.embedding.shape[1]  # type: ignore[union-attr]
    if de != dr and min(de, dr) != 1:
        raise DomainError("Stored text vectors have different sizes; re-run the matching.")
    labels = Labels(
        occupations=occ.labels,
        skills=skill_cols.labels,
        focus=focus.labels,
        mentor_word=program.mentor_label,
        mentee_word=program.mentee_label,
        values={**{a: ids.labels for a, ids in attr_ids.items()}, "answers": answer_words},
        target_titles=target_titles,
        held_titles={(j, occ_id(c)): t for (j, c), t in typed_held.items()},
    )
    return mentee_features, mentor_features, labels



def program_rules(
    *, program: Program, mentees: list[User], mentors: list[User],
    do_not_pair: Iterable[tuple[int, int]] = (), include_rules: bool = True,
) -> PairLists:
    """Program rules as engine pairs: pins (locked), forbids and do-not-pair wishes."""
    ei = {u.pk: i for i, u in enumerate(mentees)}
    ri = {u.pk: j for j, u in enumerate(mentors)}
    locked: list[tuple[int, int]] = []
    forbidden: list[tuple[int, int]] = []
    if include_rules and mentees and mentors:
        for kind, mentee_id, mentor_id in MatchRule.objects.filter(program=program).values_list(
            "kind", "mentee_id", "mentor_id"
        ):
            if mentee_id in ei and mentor_id in ri:
                target_list = locked if kind == MatchRule.Kind.PIN else forbidden
                target_list.append((ei[mentee_id], ri[mentor_id]))
    dnp = [(ei[a], ri[b]) for a, b in do_not_pair if a in ei and b in ri]

    return PairLists(forbidden=forbidden, locked=locked, do_not_pair=dnp)
