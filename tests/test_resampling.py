"""One resampling module: options with one set of names, intervals that behave at the edges."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import AnalysisError
from analysis.resampling import (
    BCA_MAX_N,
    Resampling,
    bootstrap_difference,
    bootstrap_mean,
    permutation_pvalue,
    resample_counts,
)
from analysis.shares import bootstrap_shares, wilson_interval


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"n_resamples": 0}, "n_resamples"),
        ({"confidence_level": 1.0}, "confidence_level"),
        ({"method": "exact"}, "interval method"),
    ],
)
def test_bad_options_are_one_clear_error(options, message):
    with pytest.raises(AnalysisError, match=message):
        Resampling(**options)


def test_bca_becomes_percentile_for_large_samples():
    options = Resampling()
    assert options.interval_method(10) == "BCa"
    assert options.interval_method(BCA_MAX_N + 1) == "percentile"
    assert options.replace(method="basic").interval_method(BCA_MAX_N + 1) == "basic"


def test_resample_counts_draw_each_sample_to_its_size():
    counts = resample_counts(np.random.default_rng(1), 50, 7)
    assert counts.shape == (50, 7)
    assert (counts.sum(axis=1) == 7).all()


def test_same_seed_same_interval_other_seed_other_interval():
    values = np.random.default_rng(2).normal(size=30)
    assert bootstrap_mean(values, Resampling(n_resamples=999, seed=4)) == bootstrap_mean(
        values, Resampling(n_resamples=999, seed=4)
    )
    assert bootstrap_mean(values, Resampling(n_resamples=999, seed=4)) != bootstrap_mean(
        values, Resampling(n_resamples=999, seed=5)
    )


def test_difference_interval_and_permutation_agree_on_a_clear_difference():
    a, b = np.linspace(0.5, 0.9, 12), np.linspace(-0.3, 0.1, 12)
    low, high, note = bootstrap_difference(a, b, Resampling(n_resamples=1999))
    assert 0 < low < 0.8 < high and note == ""
    assert permutation_pvalue(a, b, Resampling(n_resamples=1999)) < 0.01
    assert bootstrap_difference(np.zeros(3), np.zeros(4))[:2] == (0.0, 0.0)


def test_bootstrap_shares_bracket_the_share_and_handle_one_unit():
    hits = np.array([[1, 0]] * 6 + [[0, 0]] * 4, dtype=float)
    low, high = bootstrap_shares(hits, Resampling(n_resamples=999, method="percentile"))
    assert low[0] <= 0.6 <= high[0]
    assert (low[1], high[1]) == (0.0, 0.0)
    one_low, one_high = bootstrap_shares(np.array([[1.0, 0.0]]))
    assert one_low.tolist() == one_high.tolist() == [1.0, 0.0]


@pytest.mark.parametrize(("k", "n"), [(0, 1), (0, 10), (5, 10), (10, 10), (3, 400)])
def test_wilson_interval_is_inside_zero_one_and_contains_the_share(k, n):
    low, high = wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0
    assert high - low > 0
