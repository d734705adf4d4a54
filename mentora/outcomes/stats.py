"""Paired pre/post statistics (SciPy) and the small-group rule; no Django model imports.

For each person with both a baseline and a follow-up score, d = follow-up − baseline. We report
n, the mean change with its 95 % confidence interval (Student's t on the differences), the
effect size Cohen's d_z = mean(d) / sd(d), the paired t-test p-value and, as a non-parametric
check that does not assume normal differences, the Wilcoxon signed-rank test.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from scipy import stats as sps

DEFAULT_MIN_GROUP_SIZE = 5


def min_group_size() -> int:
    """Smallest group any figure is shown for (k-anonymity): MENTORA_MIN_GROUP_SIZE, default 5."""
    value: Any = getattr(settings, "MENTORA_MIN_GROUP_SIZE", None)
    return int(DEFAULT_MIN_GROUP_SIZE if value is None else value)


def min_group_size_problem() -> str | None:
    """What is wrong with the configured minimum group size, if anything (a system check)."""
    try:
        k = min_group_size()
    except (TypeError, ValueError):
        return "MENTORA_MIN_GROUP_SIZE must be a whole number (default 5)."
    if k < 2:
        return f"MENTORA_MIN_GROUP_SIZE must be at least 2 (it is {k}); 1 would show individuals."
    return None


class Suppressed:
    """A figure withheld because its group is smaller than the minimum group size."""

    def __init__(self, k: int) -> None:
        self.k = k

    def __str__(self) -> str:
        return f"fewer than {self.k}"

    def __repr__(self) -> str:
        return f"Suppressed(k={self.k})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Suppressed) and other.k == self.k

    def __hash__(self) -> int:
        return hash(("suppressed", self.k))


@dataclass(frozen=True)
class PairedStats:
    """Paired change between two measurements of the same people."""

    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    sd_change: float
    ci_low: float
    ci_high: float
    cohen_dz: float | None
    t_p_value: float | None
    wilcoxon_statistic: float | None
    wilcoxon_p_value: float | None


def paired_stats(before: Sequence[float], after: Sequence[float]) -> PairedStats:
    """Paired statistics for equally long sequences (n ≥ 2); see the module docstring."""
    pre = np.asarray(before, dtype=float)
    post = np.asarray(after, dtype=float)
    if pre.shape != post.shape or pre.ndim != 1:
        raise ValueError("before and after must be equally long sequences")
    n = int(pre.size)
    if n < 2:
        raise ValueError("paired statistics need at least two pairs")
    diff = post - pre
    mean = float(diff.mean())
    sd = float(diff.std(ddof=1))
    if sd == 0.0:
        # Everyone changed by exactly the same amount: no spread, so no t, d_z or test.
        ci_low = ci_high = mean
        dz = t_p = w_stat = w_p = None
    else:
        test = sps.ttest_1samp(diff, 0.0)
        ci = test.confidence_interval(confidence_level=0.95)
        ci_low, ci_high = float(ci.low), float(ci.high)
        t_p = float(test.pvalue)
        dz = mean / sd
        w_stat, w_p = _wilcoxon(diff)
    return PairedStats(
        n=n,
        mean_before=float(pre.mean()),
        mean_after=float(post.mean()),
        mean_change=mean,
        sd_change=sd,
        ci_low=ci_low,
        ci_high=ci_high,
        cohen_dz=dz,
        t_p_value=t_p,
        wilcoxon_statistic=w_stat,
        wilcoxon_p_value=w_p,
    )


def _wilcoxon(diff: np.ndarray) -> tuple[float | None, float | None]:
    if not np.any(diff != 0):
        return None, None
    result = sps.wilcoxon(diff)  # zero differences dropped (Wilcoxon's method)
    stat, p = float(result.statistic), float(result.pvalue)
    return stat, (p if math.isfinite(p) else None)


@dataclass(frozen=True)
class Spread:
    """Median and quartiles of a list of numbers (days, shares)."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None
    mean: float | None


def spread(values: Sequence[float]) -> Spread:
    """n, median, quartiles (inclusive method) and mean; None figures for an empty list."""
    data = sorted(float(v) for v in values)
    if not data:
        return Spread(0, None, None, None, None)
    if len(data) == 1:
        return Spread(1, data[0], data[0], data[0], data[0])
    q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Spread(len(data), statistics.median(data), q1, q3, statistics.fmean(data))
