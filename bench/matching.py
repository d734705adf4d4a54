"""Matching engine benchmark: ``python -m bench.matching --mentees N --mentors M ...``.

Runs the whole pipeline on a synthetic program (profiles with stored embeddings -> features ->
candidates + scores -> solve -> dual-price refresh (certificate on all pairs) -> explanations
-> fair solve) and the peers on the same instance, then prints one JSON object with the wall
and process CPU seconds (user + sys, all threads) of every phase and the load average.
Numbers only; nothing here is asserted.
"""

from __future__ import annotations

import os

# Before NumPy loads OpenBLAS: its idle workers stop spinning at once instead of holding the
# cores the Numba passes need between two GEMMs (see docs/performance.md).
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from mentora.matching.engine import (  # noqa: E402
    Problem,
    build_candidates,
    explain_pairs,
    match,
    path_fit,
    solve,
    why_unmatched,
)
from mentora.matching.engine.synthetic import generate  # noqa: E402

from . import _matching_peers as peers  # noqa: E402


def _rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class _Phases:
    def __init__(self) -> None:
        self.d: dict[str, dict[str, float]] = {}

    def run(self, name: str, fn, *a, **kw):
        t, c = time.perf_counter(), _cpu()
        out = fn(*a, **kw)
        self.d[name] = {"wall_s": round(time.perf_counter() - t, 3), "cpu_s": round(_cpu() - c, 3)}
        return out


def _summary(scores, mentor_of: np.ndarray) -> dict:
    i = np.flatnonzero(mentor_of >= 0)
    s = np.asarray(scores[i, mentor_of[i]]).ravel() if i.size else np.zeros(0)
    return {
        "matched": int(i.size),
        "total": round(float(s.sum()), 4),
        "min_score": round(float(s.min()), 4) if s.size else None,
    }


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mentees", type=int, default=10_000)
    ap.add_argument("--mentors", type=int, default=3_000)
    ap.add_argument("--capacity", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dim", type=int, default=64, help="stored embedding dimension")
    ap.add_argument("--k", type=int, default=None, help="mentee-side list length")
    ap.add_argument("--l", type=int, default=None, help="mentor-side list length")
    ap.add_argument("--no-fair", action="store_true")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--all-pairs", action="store_true",
                    help="also solve exactly on every allowed pair (the all-pairs optimum)")
    ap.add_argument("--add", type=int, default=8, help="pairs added per priced mentee")
    ap.add_argument("--no-pricing", action="store_true",
                    help="old path: candidate lists + one solve, no dual-price refresh")
    args = ap.parse_args(argv)
    out: dict = {"mentees": args.mentees, "mentors": args.mentors, "capacity": args.capacity,
                 "seed": args.seed, "embedding_dim": args.dim,
                 "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    ph = _Phases()
    syn = ph.run("profiles", generate, args.mentees, args.mentors, args.capacity,
                 seed=args.seed, dim=args.dim)
    pb = ph.run("features", Problem, syn.mentees, syn.mentors, pairs=syn.pairs,
                labels=syn.labels)
    kw = {}
    if args.k is not None:
        kw["k"] = args.k
    if args.l is not None:
        kw["l"] = args.l
    ids = dict(mentee_ids=syn.mentees.person_id, mentor_ids=syn.mentors.person_id)
    if args.no_pricing:
        cand = ph.run("candidates", build_candidates, pb, **kw)
        res = ph.run("solve", solve, cand.scores, syn.capacities,
                     locked=syn.pairs.arrays()["locked"], objective="total", **ids)
        mt = None
    else:
        mt = ph.run("match", match, pb, syn.capacities, add=args.add, **kw)
        res, cand = mt.result, mt.candidates
        for name, d in mt.timings.items():
            ph.d[name] = {key: round(x, 3) for key, x in d.items()}
    expl = ph.run("explanations", explain_pairs, pb, res.pairs())
    unmatched = ph.run("why_unmatched", why_unmatched, pb, res, syn.capacities, cand)
    pipe = ["features", "explanations", "why_unmatched"] + (
        ["candidates", "solve"] if mt is None else ["match"])
    ph.d["pipeline_total"] = {
        key: round(sum(ph.d[p][key] for p in pipe), 3) for key in ("wall_s", "cpu_s")
    }
    out["pipeline_peak_rss_gib"] = round(_rss_gib(), 3)
    out["load_average_after_pipeline"] = [round(x, 2) for x in os.getloadavg()]
    out["phases"] = ph.d
    out["candidates"] = {"k": cand.k, "l": cand.l, "pairs": int(cand.scores.nnz),
                         "mentors_in_no_list": int(args.mentors
                                                   - np.unique(cand.scores.indices).size)}
    out["engine_total"] = {
        "matched": res.matched,
        "total": round(res.total_score, 4),
        "bound_on_candidates": round(res.bound, 4),
        "optimal_on_candidates_dual_certificate": res.optimal,
        "min_score": round(res.min_score, 4),
        "all_pairs_upper_bound_best_per_mentee": round(cand.all_pairs_upper_bound, 4),
        "explanations": len(expl),
        "unmatched_reasons": _count(u.code for u in unmatched),
    }
    # Path fit: matched mentees whose mentor held their target role / a related one / neither,
    # beside the best achievable (exact maximum-cardinality over path-fitting pairs).
    try:
        best = path_fit(pb, res.mentor_of, syn.capacities).best_achievable
    except ValueError as exc:
        best = None
        out["path_fit_note"] = str(exc)

    def fit_of(mentor_of: np.ndarray) -> dict:
        mo = np.asarray(mentor_of, np.int64)
        i = np.flatnonzero(mo >= 0)
        code = pb.role_code[pb.role_key[i], mo[i]] if i.size else np.zeros(0, np.uint8)
        return {"held_target": int((code == 3).sum()),
                "related": int(((code == 1) | (code == 2)).sum()),
                "neither": int((code == 0).sum()), "best_achievable": best}

    out["engine_total"]["path_fit"] = fit_of(res.mentor_of)
    if mt is not None:
        out["engine_total"].update({
            "certified_optimal_on_all_pairs": mt.certified_all_pairs,
            "pricing_rounds": mt.rounds, "pairs_added_by_pricing": mt.added_pairs,
            "rows_priced": mt.priced_rows,
        })
    if not args.no_fair:
        fair = ph.run("fair_solve", solve, cand.scores, syn.capacities, objective="fair", **ids)
        fair_pipe = [p for p in pipe if p != "solve"] + ["fair_solve"]
        out["engine_fair"] = {
            "seconds": ph.d["fair_solve"], "matched": fair.matched,
            "total": round(fair.total_score, 4), "min_score": round(fair.min_score, 4),
            "bound": round(fair.bound, 4),
            "pipeline_with_fair_wall_s": round(sum(ph.d[p]["wall_s"] for p in fair_pipe), 3),
        }
    rss_after_pipeline = _rss_gib()
    out["peak_rss_gib_after_fair"] = round(rss_after_pipeline, 3)

    if args.all_pairs:
        t = time.perf_counter()
        full = build_candidates(pb, k=pb.m, l=0)
        r_all = solve(full.scores, syn.capacities, objective="total", **ids)
        out["all_pairs_optimum"] = {
            "seconds": round(time.perf_counter() - t, 3), "pairs": int(full.scores.nnz),
            "matched": r_all.matched, "total": round(r_all.total_score, 4),
            "engine_share_pct": round(100 * res.total_score / r_all.total_score, 5),
        }
        del full
        out["peak_rss_gib_after_all_pairs"] = round(_rss_gib(), 3)

    if not args.no_peers:
        pr: dict = {}
        t = time.perf_counter()
        mo = peers.greedy(cand.scores, syn.capacities)
        pr["greedy_by_score"] = _summary(cand.scores, mo) | {"path_fit": fit_of(mo)}
        pr["greedy_by_score"]["seconds"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        mo = peers.first_come_first_served(cand.scores, syn.capacities, args.seed)
        pr["first_come_first_served"] = _summary(cand.scores, mo) | {"path_fit": fit_of(mo)}
        pr["first_come_first_served"]["seconds"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        mo = peers.deferred_acceptance(cand.scores, syn.capacities)
        pr["deferred_acceptance"] = _summary(cand.scores, mo) | {"path_fit": fit_of(mo)}
        pr["deferred_acceptance"]["seconds"] = round(time.perf_counter() - t, 3)
        if args.mentees <= 2_000:
            t = time.perf_counter()
            mo = peers.deferred_acceptance_library(cand.scores, syn.capacities)
            pr["deferred_acceptance_matching_lib"] = _summary(cand.scores, mo) | {
                "path_fit": fit_of(mo)}
            pr["deferred_acceptance_matching_lib"]["seconds"] = round(time.perf_counter() - t, 3)
        else:
            pr["deferred_acceptance_matching_lib"] = (
                "skipped: the matching library takes minutes above 2,000 mentees "
                "(about 150 s at 10k); the vectorised DA above gives the same stable matching"
            )
        if args.mentees * args.mentors * args.capacity <= 1.5e8:
            dense = np.full((pb.n, pb.m), np.nan)
            rows = np.arange(pb.n)
            for a in range(0, pb.n, 2048):
                blk = pb.score_block(rows[a : a + 2048]).astype(np.float64)
                blk[blk < -0.5] = np.nan
                dense[a : a + 2048] = blk
            mo, secs = peers.lsa_reference(dense, syn.capacities)
            ii = np.flatnonzero(mo >= 0)
            exact, _ = pb.pair_scores(ii, mo[ii])
            pr["scipy_linear_sum_assignment_all_pairs"] = {
                "matched": int(ii.size), "total": round(float(exact.sum()), 4),
                "seconds": round(secs, 3),
                "engine_share_pct": round(100 * res.total_score / float(exact.sum()), 5),
                "path_fit": fit_of(mo),
            }
        else:
            pr["scipy_linear_sum_assignment_all_pairs"] = (
                "skipped: dense mentees x (mentors x capacity) matrix too large"
            )
        out["peers"] = pr
    out["peak_rss_gib_total"] = round(_rss_gib(), 3)
    print(json.dumps(out, indent=2))
    return out


def _count(codes) -> dict[str, int]:
    d: dict[str, int] = {}
    for c in codes:
        d[c] = d.get(c, 0) + 1
    return d


if __name__ == "__main__":
    main(sys.argv[1:])
