"""Who joins which demo program, in which role, with which answers (pure, seeded)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mentora.demo import data
from mentora.demo.organization import PersonSpec, in_sentence

GROW_MENTORS, GROW_MENTEES = 30, 80
EXTRA_GROW_MENTORS = 12  # asked to mentor because they have held a role Grow's mentees want
LEAD_COACHES, LEAD_COACHEES, LEAD_PENDING = 6, 25, 6
PEER_MENTORS, PEER_MENTEES = 18, 22


@dataclass(frozen=True)
class PlannedEnrollment:
    """One person joining one program; answers are keyed by question position."""

    person: int
    role: str
    answers: dict[int, str] = field(default_factory=dict)
    capacity: int | None = None
    self_enrolled: bool = False  # applied themselves, so approval may still be pending


def _pick(
    rng: random.Random, candidates: list[PersonSpec], count: int, must: list[PersonSpec]
) -> list[PersonSpec]:
    others = [p for p in candidates if p not in must]
    chosen = must + rng.sample(others, k=min(count - len(must), len(others)))
    return sorted(chosen, key=lambda p: p.index)


def _login(people: list[PersonSpec], label: str) -> PersonSpec:
    return next(p for p in people if p.login == label)


def _mentee_answer(rng: random.Random, person: PersonSpec) -> str:
    skill = in_sentence(person.skills_wanted[0]) if person.skills_wanted else "prioritisation"
    return rng.choice(data.MENTEE_ANSWERS).format(
        target=person.target_role or "my next role", skill_a=skill, department=person.department
    )


def held_titles(person: PersonSpec) -> set[str]:
    """Job titles a person has held: their own and their past roles (lower case)."""
    return {t.strip().lower() for t in [person.job_title, *person.past_roles.split("\n")]
            if t.strip()}


def _cover_target_roles(
    mentors: list[PersonSpec], mentees: list[PersonSpec], pool: list[PersonSpec], *,
    keep: PersonSpec, seed: int,
) -> list[PersonSpec]:
    """Grow's mentor pool, reshaped so the target roles its mentees ask for are covered: for
    each uncovered target role (most asked first), a senior person who has held it replaces a
    mentor whose roles no mentee wants, or joins (up to ``EXTRA_GROW_MENTORS``).
    Deterministic, with its own random stream so the rest of the demo is drawn as before."""
    rng = random.Random(seed * 31 + 14)
    chosen = list(mentors)
    wanted: dict[str, int] = {}
    for m in mentees:
        key = m.target_role.strip().lower()
        if key:
            wanted[key] = wanted.get(key, 0) + 1

    def covers(p: PersonSpec) -> set[str]:
        return held_titles(p) & set(wanted)

    taken = {p.index for p in mentees}
    for role, count in sorted(wanted.items(), key=lambda kv: (-kv[1], kv[0])):
        have = sum(1 for p in chosen if role in held_titles(p))
        need = min(3, count) - have  # one mentor per mentee who asks, up to three
        if need <= 0:
            continue
        inside = {p.index for p in chosen}
        askers = [m for m in mentees if m.target_role.strip().lower() == role]
        zones = {m.timezone for m in askers}
        bosses = {m.manager for m in askers}
        candidates = sorted(
            (p for p in pool if role in held_titles(p) and p.index not in inside
             and p.index not in taken and p.index not in bosses),
            # working hours that overlap (the same time zone) first, then a fixed order
            key=lambda p: (p.timezone not in zones, rng.random(), p.index),
        )
        for person in candidates[:need]:
            spare = [p for p in chosen if p is not keep and not covers(p)]
            if spare:
                chosen[chosen.index(rng.choice(spare))] = person
            elif len(chosen) < len(mentors) + EXTRA_GROW_MENTORS:
                chosen.append(person)
            else:
                break
    return sorted(chosen, key=lambda p: p.index)


def plan_enrollments(
    people: list[PersonSpec], seed: int = data.SEED
) -> dict[str, list[PlannedEnrollment]]:
    """Program slug → the enrollments the demo creates in it, the same for the same seed."""
    rng = random.Random(seed)
    staff = {_login(people, "program manager").index, _login(people, "organization admin").index}
    free = [p for p in people if p.index not in staff and p.manager is not None]

    mentor_login, mentee_login = _login(people, "mentor"), _login(people, "mentee")
    grow_mentors = _pick(
        rng,
        [p for p in free if p.offers_mentoring and p.level in
         ("senior", "lead", "manager", "director")],
        GROW_MENTORS,
        [mentor_login],
    )
    grow_mentees = _pick(
        rng,
        [p for p in free if p.target_role and p not in grow_mentors and not p.login
         and p.level not in ("director", "executive")],
        GROW_MENTEES,
        [mentee_login],
    )
    grow_mentors = _cover_target_roles(
        grow_mentors, grow_mentees,
        [p for p in free if p.level in ("senior", "lead", "manager", "director")],
        keep=mentor_login, seed=seed,
    )
    grow = [
        PlannedEnrollment(
            p.index, "mentor", {1: rng.choice(data.MENTOR_HOURS)},
            capacity=rng.choices((None, 2, 1), (7, 2, 1))[0] if p is not mentor_login else None,
        )
        for p in grow_mentors
    ] + [PlannedEnrollment(p.index, "mentee", {0: _mentee_answer(rng, p)}) for p in grow_mentees]

    lead_coaches = _pick(
        rng, [p for p in free if p.offers_coaching], LEAD_COACHES, [_login(people, "coach")]
    )
    new_leaders = [
        p for p in free
        if not p.login and p not in lead_coaches and (
            (p.level == "manager" and p.years_experience <= 12)
            or (p.level == "lead" and p.target_role.endswith(("Manager", "Team Lead")))
        )
    ]
    coachees = _pick(rng, new_leaders, LEAD_COACHEES, [])
    pending = set(rng.sample([p.index for p in coachees], k=LEAD_PENDING))
    lead = [PlannedEnrollment(p.index, "mentor") for p in lead_coaches] + [
        PlannedEnrollment(
            p.index, "mentee",
            {0: data.LEAD_STARTED[3] if p.level == "lead" else rng.choice(data.LEAD_STARTED[:3])},
            self_enrolled=p.index in pending,
        )
        for p in coachees
    ]

    in_grow = {p.index for p in grow_mentors + grow_mentees}
    peers = [p for p in free if p.level in ("associate", "mid", "senior") and not p.login
             and p.index not in in_grow]
    peer_mentors = _pick(rng, [p for p in peers if p.level != "associate"], PEER_MENTORS, [])
    peer_mentees = _pick(rng, [p for p in peers if p not in peer_mentors], PEER_MENTEES, [])
    peer = [PlannedEnrollment(p.index, "mentor") for p in peer_mentors] + [
        PlannedEnrollment(p.index, "mentee") for p in peer_mentees
    ]
    return {"grow": grow, "lead": lead, "peer": peer}
