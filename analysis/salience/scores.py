"""Keyword salience: which terms characterise one voice against another, with counts and stability.

(The module is called ``salience`` so that ``analysis.keyness`` always names the function.)

Three scores are offered; all are computed on the same counts of n-grams of sentence units.

``logodds`` (the default)
    The log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008),
    "Fightin' Words", *Political Analysis* 16(4):372-403, eq. 16 (delta), eq. 20 (variance) and
    eq. 22 (z); the method behind scattertext (Kessler 2017) and quanteda's keyness. For a term
    ``w`` of n-gram size ``n``, with ``y_aw``, ``y_bw`` its counts in voices a and b, ``n_a``,
    ``n_b`` the totals of all n-grams *of the same size* in each voice, ``alpha_w`` the prior
    count of ``w`` and ``alpha0`` the sum of the prior counts of all terms of that size::

        delta_w = log((y_aw + alpha_w) / (n_a + alpha0 - y_aw - alpha_w))
                - log((y_bw + alpha_w) / (n_b + alpha0 - y_bw - alpha_w))         (eq. 16)
        var(delta_w) ~= 1 / (y_aw + alpha_w) + 1 / (y_bw + alpha_w)               (eq. 20)
        z_w = delta_w / sqrt(var(delta_w))                                        (eq. 22)

    ``p`` is the two-sided normal p-value of ``z``. The priors (``prior=``):

    * ``"pooled"`` (default): ``alpha_w = y_aw + y_bw``, so ``alpha0 = n_a + n_b`` -- the
      empirical prior of Jurafsky et al. (2014) and scattertext's all-categories prior.
    * a number ``c > 0``: the uninformative prior ``alpha_w = c``, ``alpha0 = c * V_n`` with
      ``V_n`` the number of terms of size ``n`` in the two voices.
    * ``"background"``: general English as the prior. ``pi_w = f_w / sum_v f_v``, with ``f_w``
      the frequency of ``w`` in `wordfreq <https://pypi.org/project/wordfreq/>`_'s English list
      (shipped inside its wheel; nothing is downloaded) and the sum over the terms of size ``n``
      in the two voices. An n-gram's frequency is the product of its words' frequencies
      (independence); a word wordfreq does not list gets the frequency of the rarest word it
      lists (about 1e-8). The prior size ``alpha0`` is ``prior_size`` when given, otherwise
      ``n_a + n_b``. As in scattertext's informative prior, it is shared between the voices in
      proportion to their sizes: voice a uses ``alpha0_a = alpha0 * n_a / (n_a + n_b)`` and
      ``alpha_aw = alpha0_a * pi_w`` in eq. 16 and 20 (voice b likewise). With equal voices this
      is eq. 16 with ``alpha_w = alpha0 * pi_w / 2``; with unequal ones it keeps the sign of
      delta equal to the sign of ``rate_a - rate_b``, which one shared ``alpha_w`` would not
      (a term common in English but rare in both voices would lean towards the smaller one).

``g2``
    Dunning's (1993) log-likelihood ratio on the 2x2 table (the term, every other n-gram of its
    size) x (voice a, voice b): ``G2 = 2 * sum O * ln(O / E)`` over the four cells, signed
    positive when the term's rate is higher in a. ``p`` is from chi-square with one degree of
    freedom (``scipy.stats.chi2``).

``tfidf``
    For readers who expect it: each voice is one document, tf-idf as scikit-learn's
    ``TfidfVectorizer`` defaults compute it (raw counts, ``idf = ln(3 / (1 + df)) + 1`` with
    ``df`` the number of voices using the term, each voice's vector l2-normalised over all its
    terms); the score is ``tfidf_a - tfidf_b``. No p-value.

**Tokens and n-grams** are those of :mod:`analysis.salience.terms`. Units in another language
than English are counted as their lemmas, with their language's stop words
(:mod:`analysis.salience.lemmas`); units of a language without resources are left out. The
``background`` prior is English (wordfreq's English list): for another language every term
gets the floor frequency, which amounts to a uniform prior.

**Stability.** ``n_resamples`` bootstrap samples are drawn of the sentence units of each voice
(with replacement, within each voice, seeded). In each, every score is computed again (prior
included); a term's stability is the share of samples in which it is among the ``top_k`` terms
on its side (highest positive scores for a term of a, lowest negative for a term of b) among
the terms kept by ``min_count``; terms tied at the k-th place are taken in no particular order.
With a few hundred words a side, expect low values: the ranking is a description of this
sample, not a finding.

Examples
--------
>>> import warnings
>>> warnings.simplefilter("ignore", SmallSampleWarning)  # ten words a side is a tiny sample
>>> a = "Sanctions are illegal. Sanctions violate international law."
>>> b = "The strategic partnership deepens. The partnership grows."
>>> table = keyness(a, b, min_count=2, stability=Resampling(n_resamples=50))
>>> table[["term", "count_a", "count_b"]].values.tolist()
[['sanctions', 2, 0], ['partnership', 0, 2]]
>>> bool(table["score"].iloc[0] > 0 > table["score"].iloc[-1])
True
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import AnalysisError
from ..languages import is_supported
from ..resampling import SMALL_TOKENS, Resampling
from ..schema import columns
from ..voices.units import as_units
from .lemmas import ENGLISH, lemma_texts, unit_languages
from .statistics import bootstrap_stability, p_values, prior_sizes, scoring_setup, term_scores
from .terms import document_term_matrix

__all__ = [
    "METHODS",
    "PRIORS",
    "KEYNESS_COLUMNS",
    "STABILITY",
    "KeynessError",
    "TooLittleTextError",
    "SmallSampleWarning",
    "keyness",
    "top_terms",
]

#: Scoring methods of :func:`keyness`.
METHODS = ("logodds", "g2", "tfidf")
#: Named priors of the log-odds method (a positive number is the third choice).
PRIORS = ("pooled", "background")
#: Columns of the table :func:`keyness` returns, in order.
KEYNESS_COLUMNS = columns("keyness")
#: The bootstrap of the stability column by default: 200 resamples, seed 0.
STABILITY = Resampling(n_resamples=200)


class KeynessError(AnalysisError):
    """A keyness comparison cannot be made: an empty voice, no words, bad parameters."""


class TooLittleTextError(KeynessError):
    """The voices have too little text to rank terms: an empty voice, only stop words, no repeated term.

    A data condition, not a mistake in the call: comparisons catch it and report an empty
    term table with the reason, while bad parameters still raise :class:`KeynessError`.
    """


class SmallSampleWarning(UserWarning):
    """A voice is too small for a ranking of its terms to be more than a description."""


# --------------------------------------------------------------------------------------------
# Scores (vectorised over bootstrap samples: arrays are samples x terms)


# --------------------------------------------------------------------------------------------
# Bootstrap stability


# --------------------------------------------------------------------------------------------
# keyness


def _check_options(
    method: str,
    prior: str | float,
    prior_size: float | None,
    ngram_range: tuple[int, int],
    min_count: int,
    top_k: int,
    n_resamples: int,
) -> str | float:
    if method not in METHODS:
        raise KeynessError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if isinstance(prior, str) and prior not in PRIORS:
        try:
            prior = float(prior)
        except ValueError:
            raise KeynessError(f"unknown prior {prior!r}; give pooled, background or a positive number") from None
    if not isinstance(prior, str) and not (isinstance(prior, (int, float)) and prior > 0 and math.isfinite(prior)):
        raise KeynessError(f"prior {prior!r} must be pooled, background or a positive number")
    low, high = ngram_range
    if not (1 <= low <= high):
        raise KeynessError(f"ngram_range {ngram_range!r} must be (low, high) with 1 <= low <= high")
    if min_count < 1 or top_k < 1 or n_resamples < 0:
        raise KeynessError("min_count and top_k must be at least 1 and n_resamples at least 0")
    if prior_size is not None and not (prior_size > 0 and math.isfinite(prior_size)):
        raise KeynessError(f"prior_size {prior_size!r} must be a positive number")
    return prior if isinstance(prior, str) else float(prior)


def _voice_units(data: str | Sequence[str] | pd.DataFrame, label: str, language: str) -> tuple[pd.DataFrame, int]:
    """The voice's units with text in a language with resources, and how many were left out
    because their language has none (never counted with another language's rules)."""
    units = as_units(data)
    units = units[units["text"].str.contains(r"\w", regex=True, na=False)]
    languages = pd.Series(unit_languages(units, language), index=units.index, dtype=object)
    readable = languages.map(lambda code: code == ENGLISH or is_supported(code))
    units = units[readable].assign(language=languages[readable])
    if units.empty:
        what = "no text" if readable.empty else "no text in a language with resources"
        raise TooLittleTextError(f"voice {label!r} is empty: it has {what}")
    return units, int((~readable).sum())


def keyness(
    a: str | Sequence[str] | pd.DataFrame,
    b: str | Sequence[str] | pd.DataFrame,
    *,
    method: str = "logodds",
    prior: str | float = "pooled",
    prior_size: float | None = None,
    ngram_range: tuple[int, int] = (1, 2),
    min_count: int = 2,
    keep_stopwords: bool = False,
    top_k: int = 20,
    stability: Resampling | None = STABILITY,
    labels: tuple[str, str] = ("a", "b"),
    language: str = ENGLISH,
) -> pd.DataFrame:
    """Rank the terms that characterise voice ``a`` against voice ``b``.

    See the module docstring for the formulas, the priors, tokenisation and stability.

    Parameters
    ----------
    a, b
        The two voices: a text, a list of texts, or an utterances or units table (see
        :func:`as_units`; for a corpus, :func:`analysis.select_voice` of the utterances).
    method
        ``"logodds"`` (Monroe et al. 2008), ``"g2"`` (Dunning 1993) or ``"tfidf"``.
    prior
        For ``logodds``: ``"pooled"``, ``"background"`` or a positive number (uninformative).
    prior_size
        ``alpha0`` of the background prior (default: the number of n-grams of each size in both
        voices); ignored by the other priors.
    ngram_range
        Smallest and largest n-gram size; ``(1, 2)`` gives words and bigrams.
    min_count
        Terms used fewer times than this in the two voices together are left out.
    keep_stopwords
        Count stop words (scikit-learn's English list) and build n-grams across them.
    top_k
        The k of stability: how many terms on each side count as "top".
    stability
        The bootstrap of the stability column: its resamples and seed (default
        :data:`STABILITY`: 200 resamples, seed 0; the same seed gives the same table); None: no
        stability (the column is NaN).
    labels
        Names of the voices, kept in ``attrs`` for messages and figures.
    language
        The language (ISO 639-1) of units without a ``language`` column, and of texts. English
        is counted as above; another language with resources as its lemmas and stop words
        (:mod:`analysis.salience.lemmas`: "договор", "договора" and "договору" are one term);
        units in a language without resources are left out (``attrs["left_out_a"]``, ...).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KEYNESS_COLUMNS`: ``n`` is the n-gram size; ``rate_a``, ``rate_b`` are
        per 1,000 n-grams of the same size in the voice; ``score`` is z (logodds), signed G2
        (g2) or the tf-idf difference (tfidf); ``p`` is NaN for tfidf. Sorted by score, highest
        first: positive scores characterise ``a``, negative ones ``b``. ``attrs`` records the
        options, the voices' sizes (``tokens_a``, ``units_a``, ...; tokens include stop words),
        the ``languages`` counted
        and ``warnings`` (also issued as :class:`SmallSampleWarning`) for voices under
        :data:`SMALL_TOKENS` tokens.

    Raises
    ------
    KeynessError
        For an empty voice, a voice of stop words only, no term reaching ``min_count``, or
        invalid options.

    Examples
    --------
    >>> import warnings
    >>> warnings.simplefilter("ignore", SmallSampleWarning)
    >>> t = keyness(["Sanctions are illegal.", "Sanctions fail."], "Partnership grows. Partnership.",
    ...             prior=0.5, stability=None)
    >>> t.loc[t["term"].eq("sanctions"), ["count_a", "count_b"]].values.tolist()
    [[2, 0]]
    >>> t.attrs["tokens_a"], t.attrs["warnings"][0][:28]
    (5, "voice 'a' has only 5 tokens ")
    """
    n_resamples = stability.n_resamples if stability is not None else 0
    seed = stability.seed if stability is not None else None
    prior = _check_options(method, prior, prior_size, ngram_range, min_count, top_k, n_resamples)
    counted = _count_voices(a, b, labels, ngram_range=ngram_range, keep_stopwords=keep_stopwords, language=language)
    terms, xa, xb = counted.terms, counted.xa, counted.xb
    sizes = np.array([t.count(" ") + 1 for t in terms])
    order = sizes - ngram_range[0]
    onehot = sparse.csr_matrix(
        (np.ones(terms.size), (np.arange(terms.size), order)), shape=(terms.size, ngram_range[1] - ngram_range[0] + 1)
    )
    size_a, size_b = np.asarray((xa @ onehot).todense()), np.asarray((xb @ onehot).todense())
    ya, yb = np.asarray(xa.sum(axis=0)).ravel(), np.asarray(xb.sum(axis=0)).ravel()
    na, nb = size_a.sum(axis=0), size_b.sum(axis=0)
    kept = np.flatnonzero(ya + yb >= min_count)
    if kept.size == 0:
        raise TooLittleTextError(f"no term occurs {min_count} times or more in the two voices; lower min_count")

    # tf-idf normalises over every term, so it is scored on all; the others on the kept terms only
    # (their scores depend on other terms only through the totals na, nb). Scored terms are
    # ordered by n-gram size; ``ranked`` gives the position of each kept term among them.
    scored = np.arange(terms.size) if method == "tfidf" else kept
    scored = scored[np.argsort(order[scored], kind="stable")]
    position = np.empty(terms.size, dtype=np.int64)
    position[scored] = np.arange(scored.size)
    ranked = position[kept]
    setup = scoring_setup(method, prior, terms, order, scored, n_sizes=na.size, prior_size=prior_size)
    score = term_scores(setup, ya[None, scored], yb[None, scored], na[None, :], nb[None, :])[0]
    stable = (
        bootstrap_stability(
            setup, xa[:, scored], xb[:, scored], size_a, size_b, ranked, score, top_k=top_k, n_resamples=n_resamples,
            seed=seed,
        )
        if n_resamples
        else np.full(kept.size, np.nan)
    )  # fmt: skip
    score = score[ranked]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = np.nan_to_num(1000.0 * ya[kept] / na[order[kept]])
        rate_b = np.nan_to_num(1000.0 * yb[kept] / nb[order[kept]])
    table = pd.DataFrame(
        {
            "term": terms[kept].astype(str),
            "n": sizes[kept].astype("int64"),
            "count_a": ya[kept].astype("int64"),
            "count_b": yb[kept].astype("int64"),
            "rate_a": rate_a,
            "rate_b": rate_b,
            "score": score,
            "p": p_values(method, score),
            "stability": stable,
        },
        columns=KEYNESS_COLUMNS,
    )
    table = table.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    notes = _small_sample_notes(counted)
    for note in notes:
        warnings.warn(note, SmallSampleWarning, stacklevel=2)
    table.attrs.update(
        {
            "method": method,
            "prior": prior if method == "logodds" else None,
            "prior_size": prior_sizes(setup, na, nb),
            "ngram_range": list(ngram_range),
            "min_count": min_count,
            "keep_stopwords": keep_stopwords,
            "top_k": top_k,
            "n_resamples": n_resamples,
            "seed": seed,
            **counted.sizes(),
            "ngrams_a": [int(v) for v in na],
            "ngrams_b": [int(v) for v in nb],
            "warnings": notes,
        }
    )
    return table


@dataclass(frozen=True)
class _Counted:
    """The two voices' sentence units and their unit x term counts."""

    labels: tuple[str, str]
    units_a: pd.DataFrame
    units_b: pd.DataFrame
    terms: np.ndarray
    xa: sparse.csr_matrix
    xb: sparse.csr_matrix
    tokens_a: int
    tokens_b: int
    left_out: tuple[int, int] = (0, 0)

    def sizes(self) -> dict[str, Any]:
        """The voices' labels and sizes, as the keyness table's ``attrs`` records them."""
        return {
            "labels": list(self.labels),
            "tokens_a": self.tokens_a,
            "tokens_b": self.tokens_b,
            "units_a": len(self.units_a),
            "units_b": len(self.units_b),
            "languages": sorted({*self.units_a["language"], *self.units_b["language"]}),
            "left_out_a": self.left_out[0],
            "left_out_b": self.left_out[1],
        }


def _count_voices(
    a: str | Sequence[str] | pd.DataFrame,
    b: str | Sequence[str] | pd.DataFrame,
    labels: tuple[str, str],
    *,
    ngram_range: tuple[int, int],
    keep_stopwords: bool,
    language: str = ENGLISH,
) -> _Counted:
    """Count the terms of both voices in one matrix; a voice without any term is an error naming it.

    English units are counted as :mod:`analysis.salience.terms` says; units in another language
    as their lemmas (:func:`analysis.salience.lemmas.lemma_texts`); units in a language without
    resources are left out and counted in ``left_out``.
    """
    label_a, label_b = labels
    (units_a, left_a), (units_b, left_b) = _voice_units(a, label_a, language), _voice_units(b, label_b, language)
    texts = lemma_texts(
        [*units_a["text"], *units_b["text"]],
        [*units_a["language"], *units_b["language"]],
        keep_stopwords=keep_stopwords,
    )
    counts, terms, tokens = document_term_matrix(texts, ngram_range=ngram_range, keep_stopwords=keep_stopwords)
    tokens_a, tokens_b = int(tokens[: len(units_a)].sum()), int(tokens[len(units_a) :].sum())
    xa, xb = counts[: len(units_a)], counts[len(units_a) :]
    for label, matrix, n_tokens in ((label_a, xa, tokens_a), (label_b, xb, tokens_b)):
        if matrix.nnz == 0:
            what = "no words" if n_tokens == 0 else f"only stop words ({n_tokens} tokens)"
            hint = "" if n_tokens == 0 or keep_stopwords else "; keep them with keep_stopwords=True (--keep-stopwords)"
            raise TooLittleTextError(f"voice {label!r} has {what}{hint}")
    return _Counted((label_a, label_b), units_a, units_b, terms, xa, xb, tokens_a, tokens_b, (left_a, left_b))


def _small_sample_notes(counted: _Counted) -> list[str]:
    """A note for each voice under :data:`SMALL_TOKENS` tokens."""
    return [
        f"voice {label!r} has only {tokens} tokens (fewer than about {SMALL_TOKENS:,}): read the list as a "
        "ranking of this sample, not a finding; check counts, stability and the sentences (kwic)"
        for label, tokens in zip(counted.labels, (counted.tokens_a, counted.tokens_b), strict=True)
        if tokens < SMALL_TOKENS
    ]


def top_terms(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` highest-scoring terms of each side of a :func:`keyness` table.

    Rows keep the table's order: a's terms (positive scores) first, then b's, the most
    characteristic of b last.

    Examples
    --------
    >>> t = pd.DataFrame({"term": list("abcde"), "score": [3.0, 1.0, 0.0, -1.0, -2.0]})
    >>> top_terms(t, 1)["term"].tolist()
    ['a', 'e']
    """
    positive = table[table["score"] > 0].head(n)
    negative = table[table["score"] < 0].tail(n)
    return pd.concat([positive, negative])
