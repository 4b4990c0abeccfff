"""Uncertainty, in one place: bootstrap and permutation options, small-sample thresholds, intervals.

Every stage that resamples takes the same options, with the same names -- ``n_resamples``,
``confidence_level``, ``seed`` -- gathered in :class:`Resampling`, and flags small samples by
the thresholds below. The computations are :func:`scipy.stats.bootstrap` and
:func:`scipy.stats.permutation_test` (Efron & Tibshirani 1993, *An Introduction to the
Bootstrap*), seeded so that the same call gives the same numbers, plus the Wilson score interval
of a proportion (Wilson 1927) and the multinomial resampling weights that keyness stability
uses to resample many terms at once.

Documents, not sentences
------------------------
Sentences of one article or one briefing are not independent draws: they share a writer, a
topic and a tone. Resampling them as if they were gives intervals that are too narrow. Every
interval function therefore takes ``groups`` -- the document of each value -- and then resamples
documents (a *cluster bootstrap*: Davison & Hinkley 1997, *Bootstrap Methods and their
Application*, section 3.8; Field & Welsh 2007, JRSS B 69(3)): the mean is the ratio of the
resampled documents' sums to their sentence counts, and a difference between two voices is
tested by permuting whole documents (each voice's sentences in one document move together).
Proportions get the Wilson interval with the effective sample size of the design (Korn &
Graubard 1998, *Survey Methodology* 24(2):193-201): ``n / deff``, where the design effect
``deff`` compares the between-document variance of the share with the binomial one, and with
the degrees of freedom of the number of documents (:mod:`analysis.shares`). The stages resample documents by default
(:data:`RESAMPLE_LEVELS`; ``resample="sentence"`` keeps the sentence-level intervals, which are
right only when sentences are independent).

Degenerate cases are defined, never errors: with every value in one document there is nothing
to resample at the document level, so the interval is NaN and the note says so; with two to
four documents the interval is computed and the note says it is rough (:data:`FEW_DOCUMENTS`).

Examples
--------
>>> options = Resampling(n_resamples=999, seed=1)
>>> low, high, note = bootstrap_mean([0.1, 0.4, 0.5, 0.9, -0.2], options)
>>> bool(low < 0.34 < high), note
(True, '')
>>> values, documents = [0.1, 0.4, 0.5, 0.9, -0.2, 0.3], ["a", "a", "b", "b", "c", "c"]
>>> low, high, note = bootstrap_mean(values, options, groups=documents)
>>> bool(low < 0.33 < high), note
(True, 'only 3 documents: a rough interval')
>>> bootstrap_mean([0.1, 0.4], options, groups=["a", "a"])[2]
'all sentences come from one document: no document-level interval'
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import stats

from .errors import AnalysisError

__all__ = [
    "RESAMPLE_LEVELS",
    "FEW_DOCUMENTS",
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
    "check_level",
    "few_documents",
    "group_codes",
    "cluster_totals",
]

#: Below this many sentences a mean or a difference is flagged as a small sample.
SMALL_SAMPLE = 10
#: Below this many word tokens a voice's distinctive terms are a ranking of the sample, not a finding.
SMALL_TOKENS = 1_000
#: Below this many sentences a frame share's interval is flagged as wide.
SMALL_SHARE = 30
#: Above this many values the percentile bootstrap replaces BCa (whose jackknife costs O(n^2)).
BCA_MAX_N = 2000
#: What the intervals resample: whole documents (the default) or single sentences.
RESAMPLE_LEVELS = ("document", "sentence")
#: Below this many documents a document-level interval is flagged as rough.
FEW_DOCUMENTS = 5
#: Interval methods of :func:`scipy.stats.bootstrap`.
INTERVAL_METHODS = ("BCa", "percentile", "basic")
#: From this many independent draws (documents, or sentences when they are resampled) a mean or
#: a difference of means gets the normal-approximation interval and Wald test instead of
#: resampling (see :func:`normal_mean` and :func:`normal_difference`).
ANALYTIC_MIN_N = 1000
ANALYTIC = "normal approximation (1,000 or more independent draws)"

_NAN = float("nan")
ONE_DOCUMENT = "all sentences come from one document: no document-level interval"
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
    analytic_from
        From this many independent draws, the normal approximation replaces resampling (the
        bootstrap distribution of a mean of so many draws is normal to within the resampling
        noise); None always resamples.
    level
        What is resampled (:data:`RESAMPLE_LEVELS`): whole ``"document"`` s (the default:
        sentences of one document are not independent) or single ``"sentence"`` s.
    min_n
        Below this many sentences a mean or difference is flagged as a small sample.

    Examples
    --------
    >>> Resampling(seed=7).replace(level="sentence").level
    'sentence'
    >>> Resampling(n_resamples=0)
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisError: n_resamples must be at least 1, not 0
    """

    n_resamples: int = 9999
    confidence_level: float = 0.95
    seed: int | None = 0
    method: str = "BCa"
    analytic_from: int | None = ANALYTIC_MIN_N
    level: str = "document"
    min_n: int = SMALL_SAMPLE

    def __post_init__(self) -> None:
        check_level(self.level)
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

    def analytic(self, *sizes: int) -> bool:
        """Whether samples of these sizes (independent draws) get the normal approximation."""
        return self.analytic_from is not None and min(sizes, default=0) >= self.analytic_from

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


def check_level(resample: str) -> str:
    """Return ``resample`` if it is one of :data:`RESAMPLE_LEVELS`, else raise naming them.

    Examples
    --------
    >>> check_level("document")
    'document'
    """
    if resample not in RESAMPLE_LEVELS:
        raise AnalysisError(f"resample={resample!r}: choose one of {', '.join(RESAMPLE_LEVELS)}")
    return resample


def group_codes(groups: Sequence[Any] | np.ndarray) -> tuple[np.ndarray, int]:
    """Return an integer code per value (documents numbered in order of first appearance) and their number.

    Examples
    --------
    >>> group_codes(["b", "a", "b"])
    (array([0, 1, 0]), 2)
    """
    labels = np.asarray(groups, dtype=object).astype(str)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse].astype(np.int64), int(first.size)


def cluster_totals(
    values: Sequence[float] | np.ndarray, groups: Sequence[Any] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return per document the sum of the values and their number (documents in order of first appearance).

    Examples
    --------
    >>> sums, counts = cluster_totals([0.5, 0.1, -0.3], ["x", "x", "y"])
    >>> sums.round(2).tolist(), counts.tolist()
    ([0.6, -0.3], [2.0, 1.0])
    """
    sample = np.asarray(values, dtype="float64")
    codes, n_groups = group_codes(groups)
    if codes.size != sample.size:
        raise AnalysisError(f"{sample.size} values but {codes.size} group labels")
    return np.bincount(codes, weights=sample, minlength=n_groups), np.bincount(codes, minlength=n_groups).astype(float)


def _ratio(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Mean of resampled documents: sums over counts (``x`` stacks sums and counts on its first axis)."""
    return x[0].sum(axis=axis) / x[1].sum(axis=axis)


def few_documents(n_groups: int) -> str:
    """The note of an interval over fewer than :data:`FEW_DOCUMENTS` documents (``""`` otherwise)."""
    return f"only {n_groups} documents: a rough interval" if n_groups < FEW_DOCUMENTS else ""


def normal_mean(
    values: np.ndarray, confidence_level: float, *, groups: Sequence[Any] | np.ndarray | None = None
) -> tuple[float, float, float]:
    """Return ``(low, high, standard error)``: the normal-approximation interval of a mean.

    Without ``groups`` the standard error is ``s / sqrt(n)``. With ``groups`` (the document of
    each value) the mean is the ratio of the documents' sums to their counts, and its standard
    error the linearised (cluster-robust) one, ``sqrt(sum_g (y_g - r m_g)^2 / (G (G - 1))) / m``
    with ``G`` documents, ``y_g`` and ``m_g`` a document's sum and count, ``r`` the mean and ``m``
    the mean count (Kish 1965, *Survey Sampling*, ch. 6; Cameron & Miller 2015, *A Practitioner's
    Guide to Cluster-Robust Inference*, J. Human Resources 50(2)).

    Examples
    --------
    >>> low, high, se = normal_mean(np.array([0.0, 1.0] * 500), 0.95)
    >>> round(se, 4), round(low, 3), round(high, 3)
    (0.0158, 0.469, 0.531)
    """
    z = float(stats.norm.ppf((1 + confidence_level) / 2))
    if groups is None:
        mean, se = float(values.mean()), float(values.std(ddof=1) / math.sqrt(values.size))
    else:
        sums, counts = cluster_totals(values, groups)
        mean = float(sums.sum() / counts.sum())
        residuals = sums - mean * counts
        se = float(math.sqrt((residuals**2).sum() / (sums.size * (sums.size - 1))) / counts.mean())
    return mean - z * se, mean + z * se, se


def normal_difference(
    a: np.ndarray,
    b: np.ndarray,
    confidence_level: float,
    *,
    groups_a: Sequence[Any] | np.ndarray | None = None,
    groups_b: Sequence[Any] | np.ndarray | None = None,
) -> tuple[float, float, float]:
    """Return ``(low, high, p)``: the normal interval of ``mean(a) - mean(b)`` and its two-sided Wald p.

    The two voices are independent samples, so the standard errors of :func:`normal_mean` add
    in quadrature (with the documents as the draws when groups are given).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> low, high, p = normal_difference(rng.normal(0.2, 1, 2000), rng.normal(0.0, 1, 2000), 0.95)
    >>> bool(low < 0.2 < high), p < 0.001
    (True, True)
    """
    z = float(stats.norm.ppf((1 + confidence_level) / 2))
    *_, se_a = normal_mean(a, confidence_level, groups=groups_a)
    *_, se_b = normal_mean(b, confidence_level, groups=groups_b)
    mean_a = _grouped_mean(a, groups_a)
    mean_b = _grouped_mean(b, groups_b)
    difference, se = mean_a - mean_b, math.sqrt(se_a**2 + se_b**2)
    p = float(2 * stats.norm.sf(abs(difference) / se)) if se > 0 else float(difference == 0)
    return difference - z * se, difference + z * se, min(1.0, p)


def _grouped_mean(values: np.ndarray, groups: Sequence[Any] | np.ndarray | None) -> float:
    if groups is None:
        return float(values.mean())
    sums, counts = cluster_totals(values, groups)
    return float(sums.sum() / counts.sum())


def bootstrap_mean(
    values: Sequence[float] | np.ndarray,
    resampling: Resampling | None = None,
    *,
    groups: Sequence[Any] | np.ndarray | None = None,
) -> tuple[float, float, str]:
    """Return ``(low, high, note)``: a seeded bootstrap confidence interval of the mean.

    Parameters
    ----------
    values
        The values (sentence scores).
    resampling
        The options (default :class:`Resampling`).
    groups
        The document of each value: documents are resampled (a cluster bootstrap of the ratio
        of sums to counts). None resamples single values, as if independent.

    Degenerate cases are defined, never errors: no value or one value gives a NaN interval (one
    value says nothing about variability); values that are all equal to ``c`` give ``[c, c]``;
    with ``groups``, values that all come from one document give a NaN interval. The note says
    why when the interval is special (``""`` otherwise).

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
    if groups is not None:
        sums, counts = cluster_totals(sample, groups)
        if sums.size < 2:
            return _NAN, _NAN, ONE_DOCUMENT
        if options.analytic(sums.size):
            low, high, _ = normal_mean(sample, options.confidence_level, groups=groups)
            return low, high, ANALYTIC
        stacked = np.vstack([sums, counts])
        method = options.interval_method(sums.size)
        low, high = _bootstrap((stacked,), _ratio, options, method)
        note = few_documents(sums.size)
        if method == "BCa" and (math.isnan(low) or math.isnan(high)):
            low, high = _bootstrap((stacked,), _ratio, options, "percentile")
            note = "; ".join(n for n in (note, "BCa undefined for these values: percentile interval") if n)
        return low, high, note
    if options.analytic(sample.size):
        low, high, _ = normal_mean(sample, options.confidence_level)
        return low, high, ANALYTIC
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
            axis=-1,
        )
    low, high = result.confidence_interval
    return float(low), float(high)


def _ratio_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """Difference of two ratio means; bootstrap resamples stack sums and counts on the first axis."""
    return _ratio(x, axis) - _ratio(y, axis)


def _ratio_difference_permuted(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """The same for permutations, whose batches come first (sums and counts on the second-last axis)."""
    return x[..., 0, :].sum(axis=-1) / x[..., 1, :].sum(axis=-1) - y[..., 0, :].sum(axis=-1) / y[..., 1, :].sum(axis=-1)


def bootstrap_difference(
    a: np.ndarray,
    b: np.ndarray,
    resampling: Resampling | None = None,
    *,
    groups_a: Sequence[Any] | np.ndarray | None = None,
    groups_b: Sequence[Any] | np.ndarray | None = None,
) -> tuple[float, float, str]:
    """Bootstrap interval of ``mean(a) - mean(b)`` (both samples of two or more values).

    With ``groups_a`` and ``groups_b`` (the document of each value) each voice's documents are
    resampled, the two voices independently; ignoring that two voices may share a document
    makes the interval of their difference conservative when their sentences in one document
    are alike. A voice whose sentences all come from one document gives a NaN interval.

    Examples
    --------
    >>> low, high, _ = bootstrap_difference(np.array([0.6, 0.7, 0.8]), np.array([-0.1, 0.0, 0.1]))
    >>> bool(0 < low < 0.7 < high)
    True
    >>> bootstrap_difference(np.array([0.6, 0.7]), np.array([0.0, 0.1]), groups_a=["d", "d"], groups_b=["e", "f"])
    (nan, nan, 'all sentences of a voice come from one document: no document-level interval')
    """
    options = resampling or Resampling()
    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    if np.ptp(np.concatenate([a, b])) == 0:
        return 0.0, 0.0, "all sentences score the same: the interval is degenerate"
    samples: tuple[np.ndarray, ...] = (a, b)
    statistic, sizes, notes = _difference, (a.size, b.size), []
    if groups_a is not None and groups_b is not None:
        totals = [cluster_totals(a, groups_a), cluster_totals(b, groups_b)]
        sizes = (totals[0][0].size, totals[1][0].size)
        if min(sizes) < 2:
            return _NAN, _NAN, "all sentences of a voice come from one document: no document-level interval"
        samples = tuple(np.vstack(pair) for pair in totals)
        statistic = _ratio_difference
        notes.append(few_documents(min(sizes)))
    if options.analytic(*sizes):
        low, high, _ = normal_difference(a, b, options.confidence_level, groups_a=groups_a, groups_b=groups_b)
        return low, high, ANALYTIC
    low = high = _NAN
    for method in (options.interval_method(*sizes), "percentile"):
        low, high = _bootstrap(samples, statistic, options, method)
        if not (math.isnan(low) or math.isnan(high)):
            return low, high, "; ".join(n for n in notes if n)
        notes.append("BCa undefined for these values: percentile interval")
    return low, high, "; ".join(n for n in notes if n)


def permutation_pvalue(
    a: np.ndarray,
    b: np.ndarray,
    resampling: Resampling | None = None,
    *,
    groups_a: Sequence[Any] | np.ndarray | None = None,
    groups_b: Sequence[Any] | np.ndarray | None = None,
) -> float:
    """Two-sided permutation p-value of the difference of means of two independent samples.

    Exact when the number of distinct permutations is below ``n_resamples``; from
    :data:`ANALYTIC_MIN_N` draws a side (documents, or sentences), the two-sided Wald test of
    :func:`normal_difference`. With
    ``groups_a`` and ``groups_b`` whole documents are permuted: each voice's sentences in one
    document form a block that moves as one, and the statistic is the difference of the ratio
    means (a voice of one document against one of another gives p = 1: two blocks have two
    arrangements).

    Examples
    --------
    >>> round(permutation_pvalue(np.array([0.6, 0.7, 0.8]), np.array([-0.1, 0.0, 0.1])), 3)
    0.1
    >>> permutation_pvalue(np.array([0.6, 0.7, 0.8]), np.array([-0.1, 0.0, 0.1]), groups_a=list("ddd"),
    ...     groups_b=list("eee"))
    1.0
    """
    options = resampling or Resampling()
    samples: tuple[np.ndarray, ...] = (np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64"))
    statistic, sizes = _difference, (samples[0].size, samples[1].size)
    grouped = groups_a is not None and groups_b is not None
    if grouped:
        samples = (np.vstack(cluster_totals(samples[0], groups_a)), np.vstack(cluster_totals(samples[1], groups_b)))
        statistic, sizes = _ratio_difference_permuted, (samples[0].shape[1], samples[1].shape[1])
        if min(sizes) < 2:  # scipy needs two blocks a side; one against k has k + 1 arrangements
            return _exact_block_pvalue(samples[0], samples[1])
    if options.analytic(*sizes):  # the Wald test: the permutation distribution is normal by then
        *_, p = normal_difference(
            np.asarray(a, dtype="float64"),
            np.asarray(b, dtype="float64"),
            options.confidence_level,
            groups_a=groups_a if grouped else None,
            groups_b=groups_b if grouped else None,
        )
        return p
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = stats.permutation_test(
            samples,
            statistic,
            permutation_type="independent",
            vectorized=True,
            n_resamples=options.n_resamples,
            alternative="two-sided",
            batch=batch_size(*(2 * n for n in sizes)),
            rng=options.seed,
            axis=-1,
        )
    return float(min(1.0, result.pvalue))


def _exact_block_pvalue(a: np.ndarray, b: np.ndarray) -> float:
    """Exact two-sided permutation p-value of the ratio difference over every split of the blocks."""
    blocks = np.hstack([a, b])
    total = blocks.shape[1]
    observed = float(_ratio_difference_permuted(a, b))
    null = []
    for chosen in itertools.combinations(range(total), a.shape[1]):
        mask = np.zeros(total, dtype=bool)
        mask[list(chosen)] = True
        null.append(float(_ratio_difference_permuted(blocks[:, mask], blocks[:, ~mask])))
    values = np.asarray(null)
    tolerance = 1e-12 * max(1.0, abs(observed))
    greater = np.mean(values >= observed - tolerance)
    less = np.mean(values <= observed + tolerance)
    return float(min(1.0, 2 * min(greater, less)))
