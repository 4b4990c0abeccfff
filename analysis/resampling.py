"""Uncertainty, in one place: bootstrap and permutation options, small-sample thresholds, intervals.

Every stage that resamples takes the same options, with the same names -- ``n_resamples``,
``confidence_level``, ``seed`` -- gathered in :class:`Resampling`, and flags small samples by
the thresholds below. The computations are :func:`scipy.stats.bootstrap` and
:func:`scipy.stats.permutation_test` (Efron & Tibshirani 1993, *An Introduction to the
Bootstrap*), seeded so that the same call gives the same numbers, plus the Wilson score interval
of a proportion (Wilson 1927) and the multinomial resampling weights that keyness stability
uses to resample many terms at once.

Examples
--------
>>> options = Resampling(n_resamples=999, seed=1)
>>> low, high, note = bootstrap_mean([0.1, 0.4, 0.5, 0.9, -0.2], options)
>>> bool(low < 0.34 < high), note
(True, '')
>>> [round(float(v), 4) for v in wilson_interval(0, 10)]
[0.0, 0.2775]
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import stats

from .errors import AnalysisError

__all__ = [
    "SMALL_SAMPLE",
    "SMALL_TOKENS",
    "SMALL_SHARE",
    "BCA_MAX_N",
    "INTERVAL_METHODS",
    "Resampling",
    "batch_size",
    "resample_counts",
    "bootstrap_mean",
    "bootstrap_difference",
    "permutation_pvalue",
    "bootstrap_shares",
    "wilson_interval",
]

#: Below this many sentences a mean or a difference is flagged as a small sample.
SMALL_SAMPLE = 10
#: Below this many word tokens a voice's distinctive terms are a ranking of the sample, not a finding.
SMALL_TOKENS = 1_000
#: Below this many sentences a frame share's interval is flagged as wide.
SMALL_SHARE = 30
#: Above this many values the percentile bootstrap replaces BCa (whose jackknife costs O(n^2)).
BCA_MAX_N = 2000
#: Interval methods of :func:`scipy.stats.bootstrap`.
INTERVAL_METHODS = ("BCa", "percentile", "basic")

_NAN = float("nan")
# Values held by one vectorised resample batch: about 8 MB of float64.
_BATCH_VALUES = 1_000_000


@dataclass(frozen=True)
class Resampling:
    """Options of every bootstrap and permutation test of the package.

    Parameters
    ----------
    n_resamples
        Number of resamples (bootstrap) or permutations.
    confidence_level
        Coverage of the intervals, between 0 and 1.
    seed
        Seed of the random generator; the same seed gives the same numbers.
    method
        Interval method of :func:`scipy.stats.bootstrap` (:data:`INTERVAL_METHODS`); BCa
        becomes percentile above :data:`BCA_MAX_N` values.

    Examples
    --------
    >>> Resampling(n_resamples=0)
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisError: n_resamples must be at least 1, not 0
    """

    n_resamples: int = 9999
    confidence_level: float = 0.95
    seed: int | None = 0
    method: str = "BCa"

    def __post_init__(self) -> None:
        if not isinstance(self.n_resamples, (int, np.integer)) or self.n_resamples < 1:
            raise AnalysisError(f"n_resamples must be at least 1, not {self.n_resamples!r}")
        if not 0 < self.confidence_level < 1:
            raise AnalysisError(f"confidence_level must be between 0 and 1, not {self.confidence_level!r}")
        if self.method not in INTERVAL_METHODS:
            raise AnalysisError(f"interval method {self.method!r} is not one of {', '.join(INTERVAL_METHODS)}")

    def replace(self, **changes: Any) -> Resampling:
        """Return a copy with some options changed."""
        return replace(self, **changes)

    def interval_method(self, *sizes: int) -> str:
        """The interval method for samples of these sizes (BCa becomes percentile when large)."""
        return "percentile" if self.method == "BCa" and max(sizes, default=0) > BCA_MAX_N else self.method

    def rng(self) -> np.random.Generator:
        """A new random generator seeded with :attr:`seed`."""
        return np.random.default_rng(self.seed)


def batch_size(*sizes: int) -> int:
    """Resamples per vectorised batch, keeping each batch to about a million values."""
    return max(1, _BATCH_VALUES // max(1, sum(sizes)))


def resample_counts(rng: np.random.Generator, n_samples: int, n_units: int) -> np.ndarray:
    """Return a samples x units matrix: how often each unit is drawn in each bootstrap sample.

    Multiplying it with a units x terms count matrix gives the counts of every resample at once.

    Examples
    --------
    >>> resample_counts(np.random.default_rng(0), 2, 3).sum(axis=1).tolist()
    [3.0, 3.0]
    """
    draws = rng.integers(0, n_units, size=(n_samples, n_units))
    draws += np.arange(n_samples)[:, None] * n_units
    return np.bincount(draws.ravel(), minlength=n_samples * n_units).reshape(n_samples, n_units).astype(float)


def bootstrap_mean(
    values: Sequence[float] | np.ndarray, resampling: Resampling | None = None
) -> tuple[float, float, str]:
    """Return ``(low, high, note)``: a seeded bootstrap confidence interval of the mean.

    Degenerate cases are defined, never errors: no value or one value gives a NaN interval (one
    value says nothing about variability); values that are all equal to ``c`` give ``[c, c]``.
    The note says why when the interval is special (``""`` otherwise).

    Examples
    --------
    >>> bootstrap_mean([0.3])
    (nan, nan, 'one sentence: no interval')
    >>> bootstrap_mean([0.0, 0.0, 0.0])
    (0.0, 0.0, 'all sentences score the same: the interval is degenerate')
    """
    options = resampling or Resampling()
    sample = np.asarray(values, dtype="float64")
    if sample.size == 0:
        return _NAN, _NAN, "no sentences"
    if sample.size == 1:
        return _NAN, _NAN, "one sentence: no interval"
    if np.ptp(sample) == 0:
        value = float(sample[0])
        return value, value, "all sentences score the same: the interval is degenerate"
    method = options.interval_method(sample.size)
    low, high = _bootstrap((sample,), np.mean, options, method)
    if method == "BCa" and (math.isnan(low) or math.isnan(high)):
        low, high = _bootstrap((sample,), np.mean, options, "percentile")
        return low, high, "BCa undefined for these values: percentile interval"
    return low, high, ""


def _difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def _bootstrap(samples: tuple[np.ndarray, ...], statistic, options: Resampling, method: str) -> tuple[float, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = stats.bootstrap(
            samples,
            statistic,
            n_resamples=options.n_resamples,
            confidence_level=options.confidence_level,
            method=method,
            vectorized=True,
            batch=batch_size(*(s.size for s in samples)),
            rng=options.seed,
        )
    low, high = result.confidence_interval
    return float(low), float(high)


def bootstrap_difference(
    a: np.ndarray, b: np.ndarray, resampling: Resampling | None = None
) -> tuple[float, float, str]:
    """Bootstrap interval of ``mean(a) - mean(b)`` (both samples of two or more values).

    Examples
    --------
    >>> low, high, _ = bootstrap_difference(np.array([0.6, 0.7, 0.8]), np.array([-0.1, 0.0, 0.1]))
    >>> bool(0 < low < 0.7 < high)
    True
    """
    options = resampling or Resampling()
    if np.ptp(np.concatenate([a, b])) == 0:
        return 0.0, 0.0, "all sentences score the same: the interval is degenerate"
    note = ""
    low = high = _NAN
    for method in (options.interval_method(a.size, b.size), "percentile"):
        low, high = _bootstrap((a, b), _difference, options, method)
        if not (math.isnan(low) or math.isnan(high)):
            return low, high, note
        note = "BCa undefined for these values: percentile interval"
    return low, high, note


def permutation_pvalue(a: np.ndarray, b: np.ndarray, resampling: Resampling | None = None) -> float:
    """Two-sided permutation p-value of the difference of means of two independent samples.

    Exact when the number of distinct permutations is below ``n_resamples``.

    Examples
    --------
    >>> round(permutation_pvalue(np.array([0.6, 0.7, 0.8]), np.array([-0.1, 0.0, 0.1])), 3)
    0.1
    """
    options = resampling or Resampling()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = stats.permutation_test(
            (a, b),
            _difference,
            permutation_type="independent",
            vectorized=True,
            n_resamples=options.n_resamples,
            alternative="two-sided",
            batch=batch_size(a.size, b.size),
            rng=options.seed,
        )
    return float(result.pvalue)


def bootstrap_shares(hits: np.ndarray, resampling: Resampling | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap intervals of the column shares of a units x categories 0/1 matrix.

    Examples
    --------
    >>> hits = np.array([[1, 0], [1, 0], [0, 0], [1, 1]], dtype=float)
    >>> low, high = bootstrap_shares(hits, Resampling(n_resamples=500, method="percentile"))
    >>> bool(low[0] <= 0.75 <= high[0]), float(high[1]) <= 1.0
    (True, True)
    """
    options = resampling or Resampling(method="percentile")
    hits = np.asarray(hits, dtype="float64")
    if hits.shape[0] < 2:  # every resample of one unit is that unit
        return hits.mean(axis=0), hits.mean(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = stats.bootstrap(
            (hits,),
            np.mean,
            n_resamples=options.n_resamples,
            confidence_level=options.confidence_level,
            method="percentile",
            axis=0,
            vectorized=True,
            batch=batch_size(hits.size),
            rng=options.seed,
        )
    low, high = result.confidence_interval
    return np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64")


def wilson_interval(k: np.ndarray | int, n: np.ndarray | int, *, confidence_level: float = 0.95) -> tuple[Any, Any]:
    """Return the Wilson score interval ``(low, high)`` of the proportion ``k / n``.

    ``low, high = (k + z^2/2 -+ z * sqrt(k (n - k) / n + z^2 / 4)) / (n + z^2)`` with ``z`` the
    normal quantile of ``(1 + confidence_level) / 2`` (Wilson 1927).
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    z = stats.norm.ppf((1 + confidence_level) / 2)
    center = (k + z * z / 2) / (n + z * z)
    half = z * np.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return np.clip(center - half, 0.0, 1.0), np.clip(center + half, 0.0, 1.0)
