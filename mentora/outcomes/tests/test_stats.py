"""Paired statistics checked against SciPy and by hand on known data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from django.test import override_settings
from scipy import stats as sps

from mentora.outcomes.stats import min_group_size, min_group_size_problem, paired_stats, spread

# Ten people, 1–5 scale means before and after (a small, realistic pre/post set).
BEFORE = [2.5, 3.0, 2.0, 3.5, 3.0, 2.5, 4.0, 3.0, 2.0, 3.5]
AFTER = [3.5, 3.5, 3.0, 3.5, 4.0, 3.0, 4.5, 3.0, 3.0, 4.0]


def test_it_matches_scipy_on_known_data():
    s = paired_stats(BEFORE, AFTER)
    diff = np.array(AFTER) - np.array(BEFORE)
    assert s.n == 10
    assert s.mean_change == pytest.approx(0.6)
    assert s.sd_change == pytest.approx(np.std(diff, ddof=1))
    low, high = sps.t.interval(0.95, df=9, loc=diff.mean(), scale=sps.sem(diff))
    assert (s.ci_low, s.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert s.t_p_value == pytest.approx(sps.ttest_rel(AFTER, BEFORE).pvalue)
    w = sps.wilcoxon(AFTER, BEFORE)
    assert s.wilcoxon_statistic == pytest.approx(w.statistic)
    assert s.wilcoxon_p_value == pytest.approx(w.pvalue)


def test_it_computes_cohens_dz_as_mean_over_sd_of_differences():
    s = paired_stats(BEFORE, AFTER)
    # By hand: differences 1, .5, 1, 0, 1, .5, .5, 0, 1, .5 → mean .6, sd √(1.4 / 9) = .3944;
    # CI .6 ± t(.975, 9) 2.2622 × .3944 / √10 = .6 ± .2821
    sd = math.sqrt(sum((d - 0.6) ** 2 for d in [1, 0.5, 1, 0, 1, 0.5, 0.5, 0, 1, 0.5]) / 9)
    assert s.cohen_dz == pytest.approx(0.6 / sd)
    assert s.cohen_dz == pytest.approx(1.5213, abs=1e-4)
    assert s.ci_low == pytest.approx(0.3179, abs=1e-4) and s.ci_high == pytest.approx(
        0.8821, abs=1e-4
    )


def test_it_reports_a_decline_as_negative():
    s = paired_stats(AFTER, BEFORE)
    assert s.mean_change == pytest.approx(-0.6) and s.cohen_dz < 0 and s.ci_high < 0


def test_it_gives_no_test_when_everyone_changed_by_the_same_amount():
    s = paired_stats([1, 2, 3], [2, 3, 4])
    assert s.mean_change == 1 and s.ci_low == s.ci_high == 1
    assert s.cohen_dz is None and s.t_p_value is None and s.wilcoxon_p_value is None


def test_it_refuses_unpaired_or_too_small_input():
    with pytest.raises(ValueError):
        paired_stats([1, 2], [1])
    with pytest.raises(ValueError):
        paired_stats([1], [2])


def test_it_summarises_spread_with_quartiles():
    s = spread([1, 2, 3, 4, 5])
    assert (s.n, s.median, s.q1, s.q3, s.mean) == (5, 3, 2, 4, 3)
    assert spread([]).median is None
    assert spread([7]).median == 7


def test_it_reads_the_minimum_group_size_setting():
    assert min_group_size() == 5
    with override_settings(MENTORA_MIN_GROUP_SIZE=10):
        assert min_group_size() == 10
    with override_settings(MENTORA_MIN_GROUP_SIZE=1):
        assert "at least 2" in (min_group_size_problem() or "")
    with override_settings(MENTORA_MIN_GROUP_SIZE="many"):
        assert "whole number" in (min_group_size_problem() or "")
