"""Intervals of shares: the Wilson interval, its document-level (design-effect) version, and the bootstrap.

A frame share is the proportion of a voice's sentences that mention the frame. Its interval is
the Wilson score interval (Wilson 1927) by default; sentences of one document are not
independent, so :func:`cluster_shares` widens it by the design effect of the documents (Korn &
Graubard 1998), or resamples documents; :func:`bootstrap_shares` is the plain percentile
bootstrap of sentences. The options are those of :class:`analysis.resampling.Resampling`.

Examples
--------
>>> [round(float(v), 4) for v in wilson_interval(0, 10)]
[0.0, 0.2775]
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .resampling import ONE_DOCUMENT, Resampling, batch_size, few_documents, group_codes, resample_counts

__all__ = ["bootstrap_shares", "wilson_interval", "cluster_shares"]


def bootstrap_shares(hits: np.ndarray, resampling: Resampling | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap intervals of the column shares of a units x categories 0/1 matrix.

    Examples
    --------
    >>> hits = np.array([[1, 0], [1, 0], [0, 0], [1, 1]], dtype=float)
    >>> low, high = bootstrap_shares(hits, Resampling(n_resamples=500, method="percentile"))
    >>> bool(low[0] <= 0.75 <= high[0]), float(high[1]) <= 1.0
    (True, True)
    """
    from scipy import stats  # imported when used: commands that need no interval start faster

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
    from scipy import stats  # imported when used: commands that need no interval start faster

    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    z = stats.norm.ppf((1 + confidence_level) / 2)
    center = (k + z * z / 2) / (n + z * z)
    half = z * np.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return np.clip(center - half, 0.0, 1.0), np.clip(center + half, 0.0, 1.0)


def cluster_shares(
    hits: np.ndarray,
    groups: Sequence[Any] | np.ndarray,
    *,
    interval: str = "wilson",
    resampling: Resampling | None = None,
) -> tuple[np.ndarray, np.ndarray, str]:
    """Document-level intervals of the column shares of a units x categories 0/1 matrix.

    Parameters
    ----------
    hits
        One row per sentence, one 0/1 column per category (a frame).
    groups
        The document of each row.
    interval
        ``"wilson"``: the Wilson interval at the design's effective sample size, ``n / deff``
        with ``deff`` the ratio of the between-document variance of the share (linearised, with
        ``D / (D - 1)``) to the binomial ``p (1 - p) / n``, at least 1, and ``n`` scaled by
        ``(z / t_{D-1})^2`` for the ``D`` documents (Korn & Graubard 1998); a share of 0 or 1
        has no estimable design effect and uses ``n``. ``"bootstrap"``: the percentile
        bootstrap of documents.
    resampling
        Options (confidence level; resamples and seed of the bootstrap).

    Returns
    -------
    tuple
        ``(low, high, note)``: arrays of one bound per column, and a note (NaN bounds and a note
        when every row comes from one document).

    Examples
    --------
    >>> hits = np.array([[1, 0], [1, 0], [0, 0], [0, 1], [1, 0], [0, 0]], dtype=float)
    >>> low, high, note = cluster_shares(hits, ["a", "a", "b", "b", "c", "c"])
    >>> [round(float(v), 3) for v in low], [round(float(v), 3) for v in high], note
    ([0.036, 0.007], [0.964, 0.851], 'only 3 documents: a rough interval')
    """
    from scipy import stats  # imported when used: commands that need no interval start faster

    options = resampling or Resampling()
    matrix = np.asarray(hits, dtype="float64")
    n, width = matrix.shape if matrix.ndim == 2 else (matrix.size, 1)
    matrix = matrix.reshape(n, width)
    codes, n_groups = group_codes(groups)
    nan = np.full(width, np.nan)
    if n == 0:
        return nan, nan.copy(), "no sentences"
    if n_groups < 2:
        return nan, nan.copy(), ONE_DOCUMENT
    sums = np.vstack([np.bincount(codes, weights=matrix[:, j], minlength=n_groups) for j in range(width)]).T
    counts = np.bincount(codes, minlength=n_groups).astype(float)
    if interval == "bootstrap":
        low, high = _cluster_share_bootstrap(sums, counts, options)
        return low, high, few_documents(n_groups)
    share = sums.sum(axis=0) / n
    residuals = sums - counts[:, None] * share[None, :]
    variance = n_groups / (n_groups - 1) * (residuals**2).sum(axis=0) / n**2
    binomial = share * (1 - share)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = np.where(variance > 0, binomial / variance, n)
    effective = np.minimum(effective, n)  # a design effect below 1 is not credited
    z = stats.norm.ppf((1 + options.confidence_level) / 2)
    t = stats.t.ppf((1 + options.confidence_level) / 2, n_groups - 1)
    effective = effective * (z / t) ** 2
    low, high = wilson_interval(share * effective, effective, confidence_level=options.confidence_level)
    return np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64"), few_documents(n_groups)


def _cluster_share_bootstrap(
    sums: np.ndarray, counts: np.ndarray, options: Resampling
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap of documents: shares of resampled documents' hits over their sentences."""
    rng = options.rng()
    n_groups = counts.size
    per_batch = batch_size(n_groups * (sums.shape[1] + 1))
    draws = []
    done = 0
    while done < options.n_resamples:
        size = min(per_batch, options.n_resamples - done)
        weights = resample_counts(rng, size, n_groups)
        draws.append((weights @ sums) / (weights @ counts)[:, None])
        done += size
    shares = np.vstack(draws)
    alpha = (1 - options.confidence_level) / 2
    low, high = np.quantile(shares, [alpha, 1 - alpha], axis=0)
    return low, high
