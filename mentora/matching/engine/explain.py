"""Plain-language explanations of pair scores and of unmatched mentees."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Candidates
from .scoring import CONSTRAINT_NAMES, Problem
from .solver import MatchResult
from .types import (
    CADENCES,
    FACTORS,
    IN_PERSON,
    REMOTE,
    STYLE_AXIS_NAMES,
)

CONSTRAINT_TEXT = {
    "forbidden": "forbidden by a program manager",
    "do_not_pair": "on a do-not-pair list",
    "same_person": "the same person",
    "reporting_line": "in the same reporting line",
    "shared_language": "no shared language",
    "min_overlap": "too little shared weekly availability",
    "experience_gap": "not enough more experience",
}


@dataclass(frozen=True)
class Contribution:
    """One factor of a pair's score: ``contribution == weight * value``."""

    factor: str
    weight: float
    value: float
    contribution: float
    reason: str


@dataclass(frozen=True)
class Explanation:
    """A pair's score as the sum of its factor contributions."""

    mentee: int
    mentor: int
    score: float
    allowed: bool
    failed_constraints: tuple[str, ...]
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class Unmatched:
    """Why a mentee has no mentor: ``code`` is ``"constraints"``, ``"capacity"`` (every allowed
    mentor is full), ``"pruned"`` (an allowed mentor has room but was outside the candidate
    lists) or ``"no_mentors"``; ``eliminated`` counts mentors removed by each hard constraint,
    applied in order (so the counts add up to the number of mentors)."""

    mentee: int
    code: str
    text: str
    allowed_mentors: int
    eliminated: dict[str, int]


def explain(problem: Problem, mentee: int, mentor: int) -> Explanation:
    """Exact decomposition of one pair's score."""
    return explain_pairs(problem, np.array([[mentee, mentor]]))[0]


def explain_pairs(problem: Problem, pairs: np.ndarray) -> list[Explanation]:
    """Explanations for many (mentee, mentor) pairs; factor values computed vectorised."""
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    if pairs.size and (pairs[:, 0].min() < 0 or pairs[:, 0].max() >= problem.n
                       or pairs[:, 1].min() < 0 or pairs[:, 1].max() >= problem.m):
        raise ValueError("pairs: index out of range")
    i, j = pairs[:, 0], pairs[:, 1]
    raw, fail = problem.pair_values(i, j)
    w = problem.w
    reasons = _reasons_bulk(problem, i, j, raw)
    vals = {f: raw[f].tolist() for f in FACTORS}
    failed_any = np.zeros(i.size, bool)
    for c in CONSTRAINT_NAMES:
        failed_any |= fail[c]
    failed_list = [
        tuple(c for c in CONSTRAINT_NAMES if fail[c][p]) if failed_any[p] else ()
        for p in range(i.size)
    ]
    new = object.__new__
    out = []
    wf = [(f, w[f], vals[f], reasons[f]) for f in FACTORS]
    for p, (ii, jj) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        contribs = []
        total = 0.0
        for f, wt, vl, rs in wf:
            con = new(Contribution)
            x = vl[p]
            cv = wt * x
            total += cv
            con.__dict__.update(factor=f, weight=wt, value=x, contribution=cv, reason=rs[p])
            contribs.append(con)
        ex = new(Explanation)
        ex.__dict__.update(mentee=ii, mentor=jj, score=total, allowed=not failed_list[p],
                           failed_constraints=failed_list[p], contributions=tuple(contribs))
        out.append(ex)
    return out


def _reasons_bulk(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> dict[str, list[str]]:
    """The reason text of every factor for every pair (same texts as :func:`_reason`)."""
    lab = pb.labels
    P = i.size
    out: dict[str, list[str]] = {}
    # role
    code = pb.role_code[pb.role_key[i], j] if P else np.zeros(0, np.uint8)
    t = pb.target[i]
    titles = [lab.occupations.get(x, f"occupation #{x}") if x >= 0 else "your target role"
              for x in t.tolist()]
    no_target = ((t < 0) & (pb.target_group[i] < 0)).tolist()
    role = []
    for p, cd in enumerate(code.tolist()):
        if cd == 3:
            role.append(f"Has worked as {titles[p]} — your target role")
        elif cd == 2:
            role.append(_reason(pb, "role", int(i[p]), int(j[p]), 0.0))
        elif cd == 1:
            role.append(f"Has worked in the same occupation family as {titles[p]}")
        elif no_target[p]:
            role.append("You have not set a target role")
        else:
            role.append(f"Has not worked as {titles[p]} or in a related role")
    out["role"] = role
    # skills
    wb, ob = pb._skill_bits
    if pb.skills_wanted.shape[1] and P:
        both = np.unpackbits(wb[i] & ob[j], axis=1)[:, : pb.skills_wanted.shape[1]]
        nboth = both.sum(axis=1).tolist()
        nwant = pb._skill_cnt[i].tolist()
        cache: dict[bytes, str] = {}
        sk = []
        for p in range(P):
            if nwant[p] == 0:
                sk.append("You listed no skills to develop")
            elif nboth[p] == 0:
                sk.append("Offers none of the skills you want to develop")
            else:
                row = both[p]
                key = row.tobytes()
                names = cache.get(key)
                if names is None:
                    names = cache[key] = _names(np.flatnonzero(row)[:4], lab.skills, "skill")
                sk.append(f"Offers {nboth[p]} of the {nwant[p]} skills you want: {names}")
        out["skills"] = sk
    else:
        out["skills"] = ["You listed no skills to develop"] * P
    # text
    out["text"] = [
        (f"Their experience reads very close to your goals (similarity {v:.2f})" if v >= 0.5
         else f"Their experience reads close to your goals (similarity {v:.2f})" if v >= 0.25
         else f"Their experience has little in common with your goals (similarity {v:.2f})")
        for v in raw["text"].tolist()
    ]
    # style: the per-pair rules, on precomputed arrays
    se, sr = pb.e["style"][i], pb.r["style"][j]
    imp = pb.importance[i]
    known = (se > 0) & (sr > 0)
    same = known & (se == sr)
    far = known & (np.abs(se.astype(np.int64) - sr) >= 2) & (imp == 2)
    ce, cr = pb.e["cadence"][i], pb.r["cadence"][j]
    any_pref = (se > 0).any(axis=1)
    quick = ~same.any(axis=1) & ~far.any(axis=1) & ~((ce > 0) & (ce == cr))
    st = []
    for p, v in enumerate(raw["style"].tolist()):
        if quick[p]:
            st.append(f"Style fit {v:.0%}" if any_pref[p] else "You stated no style preference")
        else:
            st.append(_reason(pb, "style", int(i[p]), int(j[p]), v))
    out["style"] = st
    out["personality"] = [
        "No personality profile to compare" if v == 0 else f"Similar personality profiles "
        f"({v:.0%} alike)" for v in raw["personality"].tolist()
    ]
    if pb.kind == "coaching":
        out["experience"] = [_reason(pb, "experience", int(a), int(b), 0.0)
                             for a, b in zip(i, j, strict=True)]
    else:
        gap = (pb.r["years"][j].astype(np.int64) - pb.e["years"][i]).tolist()
        out["experience"] = [
            f"{g} more years of experience than you" if g > 0 else "As experienced as you"
            if g == 0 else f"{-g} fewer years of experience than you" for g in gap
        ]
    tb = next(t for t in pb.tables if t.factor == "availability")
    hours = pb.overlap_hours[tb.ku[i], tb.kv[j]]
    stated = pb.e["availability"][i].any(axis=1) & pb.r["availability"][j].any(axis=1)
    out["availability"] = [
        "Availability not stated" if (h == 0 and not ok) else f"{h:g} h of shared working hours "
        "a week" for h, ok in zip(hours.tolist(), stated.tolist(), strict=True)
    ]
    fe, fr = pb.e["meeting_format"][i], pb.r["meeting_format"][j]
    mf = np.where(
        raw["meeting_format"] == 0,
        np.where(fe == IN_PERSON, 0, 1),
        np.where((fe == REMOTE) | (fr == REMOTE), 2,
                 np.where((fe == IN_PERSON) | (fr == IN_PERSON), 3, 4)),
    )
    texts = ("You want to meet in person, they meet remotely only",
             "You want remote meetings, they meet in person only",
             "Both fine with remote meetings", "Both fine with meeting in person",
             "Both flexible about the meeting format")
    out["meeting_format"] = [texts[x] for x in mf.tolist()]
    pv = raw["preference"]
    pt = (f"You shortlisted this {lab.mentor_word}",
          f"You asked not to be matched with this {lab.mentor_word}", "No stated preference")
    out["preference"] = [pt[x] for x in np.where(pv > 0.5, 0, np.where(pv < 0.5, 1, 2)).tolist()]
    de, dr = pb.e["department"][i], pb.r["department"][j]
    dt = ("Department unknown", "From another department", "Same department")
    out["cross_department"] = [
        dt[x] for x in np.where((de < 0) | (dr < 0), 0, np.where(de != dr, 1, 2)).tolist()
    ]
    return out


def plural(word: str) -> str:
    """A role word in the plural: mentors, coaches, peers."""
    return f"{word}es" if word.endswith(("ch", "sh", "s", "x")) else f"{word}s"


def _names(ids, labels: dict[int, str], what: str) -> str:
    return ", ".join(labels.get(int(x), f"{what} #{int(x)}") for x in ids)


def _pole(axis: int, level: int) -> str:
    left, right = STYLE_AXIS_NAMES[axis]
    return left if level <= 2 else right if level >= 4 else f"balanced {left}/{right}"


def _reason(pb: Problem, f: str, i: int, j: int, v: float) -> str:
    lab = pb.labels
    if f == "role":
        code = int(pb.role_code[pb.role_key[i], j])
        t = int(pb.target[i])
        title = lab.occupations.get(t, f"occupation #{t}") if t >= 0 else "your target role"
        held = pb.held.indices[pb.held.indptr[j] : pb.held.indptr[j + 1]]
        if code == 3:
            return f"Has worked as {title} — your target role"
        if code == 2:
            rel = set(pb.related.indices[pb.related.indptr[i] : pb.related.indptr[i + 1]])
            hit = [h for h in held if h in rel][:2]
            return f"Has worked as {_names(hit, lab.occupations, 'occupation')}, related to {title}"
        if code == 1:
            return f"Has worked in the same occupation family as {title}"
        if t < 0 and pb.target_group[i] < 0:
            return "You have not set a target role"
        return f"Has not worked as {title} or in a related role"
    if f == "skills":
        want = pb.skills_wanted.indices[pb.skills_wanted.indptr[i] : pb.skills_wanted.indptr[i + 1]]
        if want.size == 0:
            return "You listed no skills to develop"
        offer = pb.skills_offered.indices[
            pb.skills_offered.indptr[j] : pb.skills_offered.indptr[j + 1]
        ]
        both = np.intersect1d(want, offer)
        if both.size == 0:
            return "Offers none of the skills you want to develop"
        return (
            f"Offers {both.size} of the {want.size} skills you want: "
            f"{_names(both[:4], lab.skills, 'skill')}"
        )
    if f == "text":
        if v >= 0.5:
            return f"Their experience reads very close to your goals (similarity {v:.2f})"
        if v >= 0.25:
            return f"Their experience reads close to your goals (similarity {v:.2f})"
        return f"Their experience has little in common with your goals (similarity {v:.2f})"
    if f == "style":
        se, sr = pb.e["style"][i], pb.r["style"][j]
        imp = pb.importance[i]
        same = [a for a in range(len(se)) if se[a] > 0 and sr[a] > 0 and abs(se[a] - sr[a]) <= 0]
        far = [a for a in range(len(se)) if se[a] > 0 and sr[a] > 0 and abs(se[a] - sr[a]) >= 2
               and imp[a] == 2]
        parts = []
        if same:
            parts.append("Both prefer " + " and ".join(_pole(a, int(se[a])) for a in same[:2])
                         + " sessions")
        if far:
            parts.append(f"you want {_pole(far[0], int(se[far[0]]))} sessions, they are more "
                         f"{_pole(far[0], int(sr[far[0]]))}")
        ce, cr = int(pb.e["cadence"][i]), int(pb.r["cadence"][j])
        if ce and ce == cr:
            parts.append(f"both like to meet {CADENCES[ce]}")
        if not parts:
            if not (se > 0).any():
                return "You stated no style preference"
            return f"Style fit {v:.0%}"
        s = "; ".join(parts)
        return s[0].upper() + s[1:]
    if f == "personality":
        if v == 0:
            return "No personality profile to compare"
        return f"Similar personality profiles ({v:.0%} alike)"
    if f == "experience":
        if pb.kind == "coaching":
            cred = ("no coaching credential", "trained coach", "accredited coach")[
                int(pb.credential[j])
            ]
            want = pb.focus_wanted.indices[
                pb.focus_wanted.indptr[i] : pb.focus_wanted.indptr[i + 1]
            ]
            off = pb.focus_offered.indices[
                pb.focus_offered.indptr[j] : pb.focus_offered.indptr[j + 1]
            ]
            both = np.intersect1d(want, off)
            s = f"{cred[0].upper()}{cred[1:]}"
            if want.size:
                s += f"; covers {both.size} of your {want.size} focus areas"
            return s
        gap = int(pb.r["years"][j]) - int(pb.e["years"][i])
        if gap > 0:
            return f"{gap} more years of experience than you"
        if gap == 0:
            return "As experienced as you"
        return f"{-gap} fewer years of experience than you"
    if f == "availability":
        h = float(pb.overlap_hours[_key(pb, "availability", i, j)])
        if h == 0 and not (pb.e["availability"][i].any() and pb.r["availability"][j].any()):
            return "Availability not stated"
        return f"{h:g} h of shared working hours a week"
    if f == "meeting_format":
        fe, fr = int(pb.e["meeting_format"][i]), int(pb.r["meeting_format"][j])
        if v == 0:
            return ("You want to meet in person, they meet remotely only" if fe == IN_PERSON
                    else "You want remote meetings, they meet in person only")
        if REMOTE in (fe, fr):
            return "Both fine with remote meetings"
        if IN_PERSON in (fe, fr):
            return "Both fine with meeting in person"
        return "Both flexible about the meeting format"
    if f == "preference":
        if v > 0.5:
            return f"You shortlisted this {lab.mentor_word}"
        if v < 0.5:
            return f"You asked not to be matched with this {lab.mentor_word}"
        return "No stated preference"
    if f == "cross_department":
        de, dr = int(pb.e["department"][i]), int(pb.r["department"][j])
        if de < 0 or dr < 0:
            return "Department unknown"
        return "From another department" if de != dr else "Same department"
    return ""


def _key(pb: Problem, factor: str, i: int, j: int) -> tuple[int, int]:
    tb = next(t for t in pb.tables if t.factor == factor)
    return int(tb.ku[i]), int(tb.kv[j])


def why_unmatched(
    problem: Problem,
    result: MatchResult,
    capacities,
    candidates: Candidates | None = None,
) -> list[Unmatched]:
    """For every unmatched mentee, which hard constraints removed its mentors (with counts),
    or that the capacity of every allowed mentor went to better-fitting mentees."""
    cap = np.asarray(capacities, np.int64)
    out: list[Unmatched] = []
    m = problem.m
    mo = result.mentor_of
    left = cap - np.bincount(mo[mo >= 0], minlength=m)
    todo = np.flatnonzero(mo < 0)
    mentor, mentee = problem.labels.mentor_word, problem.labels.mentee_word
    mentors, mentees = plural(mentor), plural(mentee)
    if m == 0:
        return [Unmatched(int(i), "no_mentors", f"The program has no {mentors}", 0, {})
                for i in todo]
    for i in todo.tolist():
        fail = problem.row_failures(i)
        remaining = np.ones(m, bool)
        elim: dict[str, int] = {}
        for c in CONSTRAINT_NAMES:
            hit = remaining & fail[c]
            k = int(np.count_nonzero(hit))
            if k:
                elim[c] = k
                remaining &= ~fail[c]
        allowed = int(np.count_nonzero(remaining))
        if allowed == 0:
            parts = [f"{CONSTRAINT_TEXT[c]}: {k:,}" for c, k in elim.items()]
            text = f"No {mentor} passed the hard constraints (" + "; ".join(parts) + ")"
            out.append(Unmatched(int(i), "constraints", text, 0, elim))
            continue
        room = int(np.count_nonzero(remaining & (left > 0)))
        if room == 0:
            text = (
                f"Capacity went to better-fitting {mentees}: all {allowed:,} allowed {mentors} "
                "are full"
            )
            out.append(Unmatched(int(i), "capacity", text, allowed, elim))
        else:
            text = (
                f"{room:,} allowed {mentors} still have room but were not among this "
                f"{mentee}'s candidates (raise k / l to consider them)"
            )
            out.append(Unmatched(int(i), "pruned", text, allowed, elim))
    return out
