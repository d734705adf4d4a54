"""Synthetic but realistic programs for tests and the benchmark (no real data)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .factors import SET_FACTORS, TABLE_FACTORS
from .types import Labels, MenteeFeatures, MentorFeatures, PairLists

N_OCC = 240
N_GROUPS = 22
N_SKILLS = 48
N_LANG = 6
N_DEPT = 40
TZ = np.array([-8, -5, 0, 1, 2, 5, 8, 9])
TZ_P = np.array([0.15, 0.25, 0.15, 0.2, 0.08, 0.07, 0.05, 0.05])


@dataclass(frozen=True)
class Synthetic:
    mentees: MenteeFeatures
    mentors: MentorFeatures
    pairs: PairLists
    capacities: np.ndarray
    labels: Labels


def _zipf(rng: np.random.Generator, k: int, size: int, a: float = 1.1) -> np.ndarray:
    p = 1.0 / np.arange(1, k + 1) ** a
    p /= p.sum()
    return rng.permutation(k)[rng.choice(k, size=size, p=p)]


def _availability(rng: np.random.Generator, n: int) -> np.ndarray:
    tz = rng.choice(TZ, size=n, p=TZ_P)
    start = rng.choice([8, 9, 10], size=n)
    days = rng.choice([5, 4, 3], size=n, p=[0.7, 0.2, 0.1])
    av = np.zeros((n, 168), bool)
    hours = np.arange(8)
    for d in range(5):
        on = days > d
        h = (d * 24 + start[on, None] + hours[None, :] - tz[on, None]) % 168
        av[np.repeat(np.flatnonzero(on), 8), h.ravel()] = True
    return av


def _embed(rng, topics: np.ndarray, mix: sp.csr_matrix, noise: float) -> np.ndarray:
    x = np.asarray(mix @ topics) + noise * rng.standard_normal((mix.shape[0], topics.shape[1]))
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    return x.astype(np.float32)


def generate(n: int, m: int, capacity: int = 4, seed: int = 0, dim: int = 64) -> Synthetic:
    """A program of ``n`` mentees and ``m`` mentors with stored ``dim``-d embeddings."""
    rng = np.random.default_rng(seed)
    occ_group = rng.integers(0, N_GROUPS, N_OCC)
    related = [rng.choice(N_OCC, 5, replace=False) for _ in range(N_OCC)]
    occ_skills = [rng.choice(N_SKILLS, 8, replace=False) for _ in range(N_OCC)]
    topics = rng.standard_normal((N_OCC, dim))
    group_topics = rng.standard_normal((N_GROUPS, dim))
    topics = topics + 1.2 * group_topics[occ_group]
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)

    # Mentees.
    target = _zipf(rng, N_OCC, n)
    target[rng.random(n) < 0.05] = -1
    tg = np.where(target >= 0, occ_group[np.maximum(target, 0)], -1)
    rel = [related[t] if t >= 0 else () for t in target]
    want = []
    for t in target:
        k = int(rng.integers(2, 6))
        pool = occ_skills[t] if t >= 0 else np.arange(N_SKILLS)
        s = set(rng.choice(pool, min(k, pool.size), replace=False).tolist())
        if rng.random() < 0.3:
            s.add(int(rng.integers(N_SKILLS)))
        want.append(s)
    from .types import sets_to_csr

    mix_e = sp.csr_matrix(
        (np.ones(int((target >= 0).sum())), (np.flatnonzero(target >= 0), target[target >= 0])),
        shape=(n, N_OCC),
    )
    emb_e = _embed(rng, topics, mix_e, 0.09)
    # Mentors: 1-3 held occupations, skewed like the targets.
    n_held = rng.choice([1, 2, 3], size=m, p=[0.5, 0.35, 0.15])
    held = [set(_zipf(rng, N_OCC, int(k)).tolist()) for k in n_held]
    offer = []
    for h in held:
        offered: set[int] = set()
        for o in h:
            offered.update(rng.choice(occ_skills[o], 5, replace=False).tolist())
        offered.update(rng.choice(N_SKILLS, 2).tolist())
        offer.append(offered)
    held_csr = sets_to_csr(held, N_OCC)
    mix_r = sp.diags(1.0 / np.asarray(held_csr.sum(axis=1)).ravel()) @ held_csr
    emb_r = _embed(rng, topics, sp.csr_matrix(mix_r), 0.09)

    def style(k: int) -> np.ndarray:
        return rng.choice(np.arange(1, 6), size=(k, 5), p=[0.1, 0.25, 0.3, 0.25, 0.1])

    def traits(k: int) -> np.ndarray:
        t = rng.random((k, 5)).astype(np.float32)
        t[rng.random(k) > 0.4] = np.nan
        return t

    def langs(k: int) -> np.ndarray:
        lg = np.zeros((k, N_LANG), bool)
        lg[:, 0] = rng.random(k) < 0.93
        extra = rng.integers(1, N_LANG, k)
        lg[np.arange(k), extra] |= rng.random(k) < 0.5
        none = ~lg.any(axis=1)
        lg[np.flatnonzero(none), extra[none]] = True
        return lg

    dept_e = rng.integers(0, N_DEPT, n)
    dept_r = rng.integers(0, N_DEPT, m)
    pid_e = np.arange(n, dtype=np.int64)
    pid_r = np.arange(n, n + m, dtype=np.int64)
    # Manager chains: mentors form a tree per department; mentees report to a mentor.
    chain_r = np.full((m, 3), -1, np.int64)
    parent = np.full(m, -1, np.int64)
    for d in range(N_DEPT):
        members = np.flatnonzero(dept_r == d)
        pos = np.arange(members.size)
        parent[members[1:]] = members[(pos[1:] - 1) // 4]
    cur = parent.copy()
    for level in range(3):
        ok = cur >= 0
        chain_r[ok, level] = pid_r[cur[ok]]
        cur = np.where(ok, parent[np.maximum(cur, 0)], -1)
    chain_e = np.full((n, 3), -1, np.int64)
    for d in range(N_DEPT):
        members = np.flatnonzero(dept_r == d)
        rows = np.flatnonzero(dept_e == d)
        if members.size == 0 or rows.size == 0:
            continue
        mgr = members[rng.integers(0, members.size, rows.size)]
        chain_e[rows, 0] = pid_r[mgr]
        chain_e[rows, 1:] = chain_r[mgr, :2]

    imp = rng.choice([0, 1, 2], size=(n, 5), p=[0.2, 0.5, 0.3])
    # Categorical factors of the registry, from their own stream (the draws above stay as
    # they were): about one person in ten unknown.
    arng = np.random.default_rng([seed, 1])

    def attrs(k: int) -> dict[str, np.ndarray]:
        return {f.ATTRIBUTE: np.where(arng.random(k) < 0.1, -1,
                                      arng.integers(0, f.SYNTHETIC_VALUES, k))
                for f in TABLE_FACTORS}

    # Set factors (application answers …): each person answers each question with one of
    # its options, or skips it (about one in five), from a stream of their own.
    srng = np.random.default_rng([seed, 2])

    def answer_sets(k: int) -> dict[str, sp.csr_matrix]:
        out = {}
        for f in SET_FACTORS:
            q, c = f.SYNTHETIC_QUESTIONS, f.SYNTHETIC_CHOICES
            rows = [[qq * c + int(srng.integers(c)) for qq in range(q) if srng.random() >= 0.2]
                    for _ in range(k)]
            out[f.SET] = sets_to_csr(rows, q * c)
        return out

    mentees = MenteeFeatures(
        person_id=pid_e,
        target_occupation=target,
        target_group=tg,
        related_occupations=sets_to_csr(rel, N_OCC),
        skills_wanted=sets_to_csr(want, N_SKILLS),
        embedding=emb_e,
        style=np.where(imp > 0, style(n), 0),
        style_importance=imp,
        cadence=rng.choice([0, 1, 2, 3], size=n, p=[0.2, 0.3, 0.35, 0.15]),
        traits=traits(n),
        years=np.minimum(rng.gamma(2.0, 3.0, n).astype(int), 35),
        availability=_availability(rng, n),
        meeting_format=rng.choice([0, 1, 2], size=n, p=[0.6, 0.3, 0.1]),
        languages=langs(n),
        department=dept_e,
        manager_chain=chain_e,
        attributes=attrs(n),
        sets=answer_sets(n),
    )
    mentors = MentorFeatures(
        person_id=pid_r,
        held_occupations=held_csr,
        held_groups=sets_to_csr([{int(occ_group[o]) for o in h} for h in held], N_GROUPS),
        skills_offered=sets_to_csr(offer, N_SKILLS),
        embedding=emb_r,
        style=style(m),
        cadence=rng.choice([1, 2, 3], size=m, p=[0.3, 0.45, 0.25]),
        traits=traits(m),
        years=np.minimum(4 + rng.gamma(3.0, 4.0, m).astype(int), 40),
        availability=_availability(rng, m),
        meeting_format=rng.choice([0, 1, 2], size=m, p=[0.6, 0.3, 0.1]),
        languages=langs(m),
        department=dept_r,
        manager_chain=chain_r,
        attributes=attrs(m),
        sets=answer_sets(m),
        credential=rng.choice([0, 1, 2], size=m, p=[0.6, 0.25, 0.15]),
    )
    # Stated preferences and exclusions.
    sl_i = np.flatnonzero(rng.random(n) < 0.1)
    shortlist = np.column_stack([sl_i, rng.integers(0, m, sl_i.size)])
    av_i = np.flatnonzero(rng.random(n) < 0.02)
    avoid = np.column_stack([av_i, rng.integers(0, m, av_i.size)])
    dn_i = np.flatnonzero(rng.random(n) < 0.002)
    dnp = np.column_stack([dn_i, rng.integers(0, m, dn_i.size)])
    labels = Labels(
        occupations={o: f"Occupation {o}" for o in range(N_OCC)},
        skills={s: f"Skill {s}" for s in range(N_SKILLS)},
        values={
            **{f.ATTRIBUTE: {v: f"{f.LABEL} {v}" for v in range(f.SYNTHETIC_VALUES)}
               for f in TABLE_FACTORS},
            **{f.SET: {t: f"Option {t % f.SYNTHETIC_CHOICES + 1} of question "
                          f"{t // f.SYNTHETIC_CHOICES + 1}"
                       for t in range(f.SYNTHETIC_QUESTIONS * f.SYNTHETIC_CHOICES)}
               for f in SET_FACTORS},
        },
    )
    return Synthetic(
        mentees=mentees,
        mentors=mentors,
        pairs=PairLists(shortlist=shortlist, avoid=avoid, do_not_pair=dnp),
        capacities=np.full(m, capacity, np.int64),
        labels=labels,
    )
