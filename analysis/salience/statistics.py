"""The keyness statistics: log-odds with an informative Dirichlet prior, signed G2, tf-idf, and their stability.

The formulas of :func:`analysis.salience.scores.keyness` (see that module for the method and its
references: Monroe, Colaresi & Quinn 2008; Dunning 1993), computed for many terms at once
over count vectors, so that the same code scores the observed counts and every bootstrap
resample of the stability column.

Examples
--------
>>> import numpy as np
>>> setup = scoring_setup("g2", "pooled", np.array(["a", "b"]), np.array([0, 0]), np.array([0, 1]), n_sizes=1,
...     prior_size=None)
>>> scores = term_scores(setup, np.array([[10.0, 1.0]]), np.array([[1.0, 10.0]]), np.array([[11.0]]),
...     np.array([[11.0]]))
>>> bool(scores[0, 0] > 0 > scores[0, 1])
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse, stats
from scipy.special import xlogy

from ..resampling import resample_counts

__all__ = ["ScoringSetup", "scoring_setup", "term_scores", "p_values", "bootstrap_stability", "prior_sizes"]


# Bootstrap blocks hold at most this many float64 values per array (4 MB).
_BLOCK_VALUES = 500_000


@lru_cache(maxsize=1)
def _english_frequencies() -> tuple[dict[str, float], float]:
    import wordfreq

    table = wordfreq.get_frequency_dict("en", wordlist="large")
    return table, min(table.values())


def _word_frequency(word: str, table: dict[str, float], floor: float) -> float:
    value = table.get(word)
    if value is None and any(c.isdigit() for c in word):
        import wordfreq

        value = wordfreq.word_frequency(word, "en", wordlist="large")
    return max(value or 0.0, floor)


def _background_shares(terms: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Return each term's share of the background probability among the terms of its size."""
    table, floor = _english_frequencies()
    freq = np.array([math.prod(_word_frequency(w, table, floor) for w in t.split(" ")) for t in terms])
    totals = np.bincount(order, weights=freq)
    return freq / totals[order]


@dataclass(frozen=True)
class ScoringSetup:
    """What the scorers need besides the counts. Scored terms are ordered by n-gram size."""

    method: str
    prior: str | float  # "pooled", "background" or the constant prior count
    slices: tuple[tuple[int, slice], ...]  # (size index, columns of the terms of that size)
    share: np.ndarray | None = None  # background share of each scored term among its size
    prior_size: np.ndarray | None = None  # stated alpha0 per size (background), or None
    n_terms: np.ndarray | None = None  # number of terms of each size (constant prior)


def _priors(
    setup: ScoringSetup, size: int, columns: slice, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray
) -> tuple[np.ndarray | float, np.ndarray | float, np.ndarray | float, np.ndarray | float]:
    """Return ``alpha_w`` and ``alpha0`` for voice a and for voice b (terms of one size)."""
    if setup.prior == "pooled":
        alpha, alpha0 = ya + yb, na + nb
        return alpha, alpha0, alpha, alpha0
    if setup.prior == "background":
        total = na + nb if setup.prior_size is None else setup.prior_size[size]
        alpha0_a = total * na / (na + nb)
        alpha0_b = total - alpha0_a
        share = setup.share[columns]
        return alpha0_a * share, alpha0_a, alpha0_b * share, alpha0_b
    alpha, alpha0 = float(setup.prior), float(setup.prior) * setup.n_terms[size]
    return alpha, alpha0, alpha, alpha0


def _by_size(
    setup: ScoringSetup,
    ya: np.ndarray,
    yb: np.ndarray,
    na: np.ndarray,
    nb: np.ndarray,
    score: Callable[..., np.ndarray],
) -> np.ndarray:
    """Apply ``score(size, columns, ya, yb, na, nb)`` to the terms of each n-gram size.

    ``na``, ``nb`` (samples x sizes) are passed as columns that broadcast over the terms.
    """
    out = np.empty(np.broadcast_shapes(ya.shape, yb.shape))
    with np.errstate(divide="ignore", invalid="ignore"):
        for size, columns in setup.slices:
            ns_a, ns_b = na[:, size : size + 1], nb[:, size : size + 1]
            out[:, columns] = score(size, columns, ya[:, columns], yb[:, columns], ns_a, ns_b)
    out[~np.isfinite(out)] = 0.0
    return out


def _logodds(setup: ScoringSetup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    def z(size: int, columns: slice, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
        alpha_a, alpha0_a, alpha_b, alpha0_b = _priors(setup, size, columns, ya, yb, na, nb)
        pa, pb = ya + alpha_a, yb + alpha_b
        delta = np.log(pa * (nb + alpha0_b - pb) / (pb * (na + alpha0_a - pa)))  # eq. 16
        return delta * np.sqrt(pa * pb / (pa + pb))  # delta / sqrt(1/pa + 1/pb), eq. 20 and 22

    return _by_size(setup, ya, yb, na, nb, z)


def _g2(setup: ScoringSetup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    def signed_g2(_: int, __: slice, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
        total, with_term = na + nb, ya + yb
        cells = xlogy(ya, ya) + xlogy(yb, yb) + xlogy(na - ya, na - ya) + xlogy(nb - yb, nb - yb)
        margins = xlogy(with_term, with_term) + xlogy(total - with_term, total - with_term)
        margins += xlogy(na, na) + xlogy(nb, nb)
        g2 = np.maximum(2.0 * (cells - margins + xlogy(total, total)), 0.0)
        return np.sign(ya * nb - yb * na) * g2  # sign of rate_a - rate_b

    return _by_size(setup, ya, yb, na, nb, signed_g2)


def _tfidf(ya: np.ndarray, yb: np.ndarray) -> np.ndarray:
    df = (ya > 0).astype(float) + (yb > 0)
    idf = np.log(3.0 / (1.0 + df)) + 1.0
    va, vb = ya * idf, yb * idf
    with np.errstate(divide="ignore", invalid="ignore"):
        va = np.nan_to_num(va / np.linalg.norm(va, axis=1, keepdims=True))
        vb = np.nan_to_num(vb / np.linalg.norm(vb, axis=1, keepdims=True))
    return va - vb


def term_scores(setup: ScoringSetup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    if setup.method == "logodds":
        return _logodds(setup, ya, yb, na, nb)
    if setup.method == "g2":
        return _g2(setup, ya, yb, na, nb)
    return _tfidf(ya, yb)


def p_values(method: str, score: np.ndarray) -> np.ndarray:
    if method == "logodds":
        return 2.0 * stats.norm.sf(np.abs(score))
    if method == "g2":
        return stats.chi2.sf(np.abs(score), 1)
    return np.full(score.shape, np.nan)


def _top_hits(scores: np.ndarray, k: int, hits: np.ndarray) -> None:
    """Add 1 to ``hits`` for each term among the k highest positive scores of each row."""
    k = min(k, scores.shape[1])
    masked = np.where(scores > 0, scores, -np.inf)
    top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
    valid = np.take_along_axis(masked, top, axis=1) > -np.inf
    hits += np.bincount(top[valid], minlength=hits.size)


def bootstrap_stability(
    setup: ScoringSetup,
    xa: sparse.csr_matrix,
    xb: sparse.csr_matrix,
    size_a: np.ndarray,
    size_b: np.ndarray,
    ranked: np.ndarray,
    score: np.ndarray,
    *,
    top_k: int,
    n_resamples: int,
    seed: int | None,
) -> np.ndarray:
    """Share of bootstrap samples in which each ranked term is in the top k on its side.

    ``xa``, ``xb`` are the unit x term counts of the scored terms; ``size_a``, ``size_b`` the
    unit x n-gram-size totals; ``ranked`` the positions (among the scored terms) that compete
    for the top k.
    """
    rng = np.random.default_rng(seed)
    hits_a = np.zeros(ranked.size)
    hits_b = np.zeros(ranked.size)
    block = max(1, min(n_resamples, _BLOCK_VALUES // max(1, xa.shape[1])))
    xa_t, xb_t = xa.T.tocsr(), xb.T.tocsr()
    done = 0
    while done < n_resamples:
        size = min(block, n_resamples - done)
        wa = resample_counts(rng, size, xa.shape[0])
        wb = resample_counts(rng, size, xb.shape[0])
        ya, yb = np.asarray((xa_t @ wa.T).T), np.asarray((xb_t @ wb.T).T)
        boot = term_scores(setup, ya, yb, wa @ size_a, wb @ size_b)[:, ranked]
        _top_hits(boot, top_k, hits_a)
        _top_hits(-boot, top_k, hits_b)
        done += size
    side_score = score[ranked]
    return np.where(side_score > 0, hits_a / n_resamples, np.where(side_score < 0, hits_b / n_resamples, np.nan))


def scoring_setup(
    method: str,
    prior: str | float,
    terms: np.ndarray,
    order: np.ndarray,
    scored: np.ndarray,
    *,
    n_sizes: int,
    prior_size: float | None,
) -> ScoringSetup:
    """Return the scoring setup of the terms at positions ``scored`` (sorted by size)."""
    bounds = np.searchsorted(order[scored], np.arange(n_sizes + 1))
    slices = tuple((size, slice(bounds[size], bounds[size + 1])) for size in range(n_sizes))
    if method != "logodds" or prior == "pooled":
        return ScoringSetup(method, "pooled", slices)
    if prior == "background":
        stated = None if prior_size is None else np.full(n_sizes, float(prior_size))
        share = _background_shares(terms, order)[scored]
        return ScoringSetup(method, prior, slices, share=share, prior_size=stated)
    return ScoringSetup(method, prior, slices, n_terms=np.bincount(order, minlength=n_sizes))


def prior_sizes(setup: ScoringSetup, na: np.ndarray, nb: np.ndarray) -> list[float] | None:
    """Return alpha0 per n-gram size (both voices together), for the record."""
    if setup.method != "logodds":
        return None
    if setup.n_terms is not None:
        return [float(setup.prior) * int(v) for v in setup.n_terms]
    if setup.prior_size is not None:
        return [float(v) for v in setup.prior_size]
    return [float(v) for v in na + nb]
