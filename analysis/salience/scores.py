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

**Tokens and n-grams.** Text is cut into sentence units (:func:`as_units`). Words are
scikit-learn ``CountVectorizer``'s tokens (its default token pattern: two or more letters or
digits, lower-cased, so the "s" of "Iran's" is not a token) and its built-in English stop-word
list. An n-gram is a run of *adjacent* words none of which is a stop word: "respect for
international law" gives "international law" but never "respect international"; n-grams never
cross a sentence or punctuation other than an apostrophe or hyphen inside a word ("law, Iran"
gives no bigram). With ``keep_stopwords=True`` every word counts and n-grams are plain. The
counts are exactly ``CountVectorizer(analyzer=ngram_analyzer(...)).fit_transform(units)``,
computed faster by :func:`document_term_matrix`.

**Stability.** ``n_boot`` bootstrap samples are drawn of the sentence units of each voice
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
>>> table = keyness(a, b, min_count=2, n_boot=50)
>>> table[["term", "count_a", "count_b"]].values.tolist()
[['sanctions', 2, 0], ['partnership', 0, 2]]
>>> bool(table["score"].iloc[0] > 0 > table["score"].iloc[-1])
True
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse, stats
from scipy.special import xlogy
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from ..errors import AnalysisError, InputError
from ..text import normalise_quotes, split_sentences
from ..voices.utterances import UTTERANCE_COLUMNS, utterance_sentences

__all__ = [
    "METHODS",
    "PRIORS",
    "KEYNESS_COLUMNS",
    "KWIC_COLUMNS",
    "UNITS_COLUMNS",
    "SMALL_VOICE_TOKENS",
    "TOKEN_PATTERN",
    "KeynessError",
    "SmallSampleWarning",
    "as_units",
    "ngram_analyzer",
    "document_term_matrix",
    "term_pattern",
    "term_regex",
    "keyness",
    "top_terms",
    "kwic",
]

#: Scoring methods of :func:`keyness`.
METHODS = ("logodds", "g2", "tfidf")
#: Named priors of the log-odds method (a positive number is the third choice).
PRIORS = ("pooled", "background")
#: Columns of the table :func:`keyness` returns, in order.
KEYNESS_COLUMNS = ["term", "n", "count_a", "count_b", "rate_a", "rate_b", "score", "p", "stability"]
#: Columns of the table :func:`kwic` returns, in order.
KWIC_COLUMNS = ["doc_id", "unit_id", "actor", "side", "start", "end", "left", "match", "right"]
#: Columns every sentence-unit table made by :func:`as_units` has (others are kept).
UNITS_COLUMNS = ["unit_id", "doc_id", "start", "end", "text", "actor", "side"]
#: Below this many word tokens (stop words included) a voice is flagged as a small sample.
SMALL_VOICE_TOKENS = 1000
#: scikit-learn's default token pattern: words of two or more letters or digits.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"

# n-grams stop at punctuation, except an apostrophe or hyphen inside a word (Iran's, 20-year).
_JOINERS = "'\u2019\u2010\u2011-"
_BREAK = rf"[^\w\s{_JOINERS}]+|\B[{_JOINERS}]+|[{_JOINERS}]+\B"
_PUNCTUATION = re.compile(_BREAK)
# One pass over many texts: a token (TOKEN_PATTERN) or a break; texts are joined by _SEPARATOR.
_ITEM = re.compile(rf"\w\w+|{_BREAK}")
_WORD_START = re.compile(r"\w")
_SEPARATOR = "\x00"
# Between the words of a phrase: spaces, apostrophes, hyphens, and at most one one-letter word.
_PHRASE_GAP = r"[\s'-]+(?:\w[\s'-]+)?"
# Bootstrap blocks hold at most this many float64 values per array (4 MB).
_BLOCK_VALUES = 500_000


class KeynessError(AnalysisError):
    """A keyness comparison cannot be made: an empty voice, no words, bad parameters."""


class SmallSampleWarning(UserWarning):
    """A voice is too small for a ranking of its terms to be more than a description."""


# --------------------------------------------------------------------------------------------
# Inputs: texts, lists of texts, utterances or units -> sentence units


def _split_rows(frame: pd.DataFrame) -> pd.DataFrame:
    has_doc = "doc_id" in frame.columns
    has_start = "start" in frame.columns
    rows = []
    for position, (index, row) in enumerate(frame.iterrows()):
        text = row["text"]
        if not isinstance(text, str):
            continue
        doc_id = str(row["doc_id"]) if has_doc else str(index if isinstance(index, str) else position)
        offset = int(row["start"]) if has_start else 0
        actor = row.get("actor", "")
        side = row.get("side", "")
        for s, e in split_sentences(text):
            start, end = offset + s, offset + e
            rows.append((f"{doc_id}:{start}-{end}", doc_id, start, end, text[s:e], actor, side))
    units = pd.DataFrame(rows, columns=UNITS_COLUMNS)
    return units.astype({"start": "int64", "end": "int64"})


def as_units(data: str | Sequence[str] | pd.DataFrame) -> pd.DataFrame:
    """Return the sentence units of a text, a list of texts, or an utterances/units table.

    Parameters
    ----------
    data
        * a string: one document, ``doc_id`` ``"0"``;
        * a list of strings: one document each, ``doc_id`` ``"0"``, ``"1"``, ...;
        * a units table (has ``unit_id``, see :func:`analysis.utterance_sentences`): as is;
        * an utterances table (the columns of :data:`analysis.voices.utterances.UTTERANCE_COLUMNS`): cut
          with :func:`analysis.utterance_sentences`;
        * any other table with a ``text`` column (``doc_id``, ``start``, ``actor``, ``side``
          used when present): each row cut into sentences.

    Returns
    -------
    pandas.DataFrame
        At least the columns :data:`UNITS_COLUMNS`; ``unit_id`` is ``"{doc_id}:{start}-{end}"``.
        Missing ``actor``/``side`` are ``""``.

    Raises
    ------
    InputError
        For a table without a ``text`` column or a value of another type.

    Examples
    --------
    >>> as_units(["One. Two.", "Three."])[["unit_id", "text"]].values.tolist()
    [['0:0-4', 'One.'], ['0:5-9', 'Two.'], ['1:0-6', 'Three.']]
    """
    if isinstance(data, pd.DataFrame):
        if "unit_id" in data.columns and "text" in data.columns:
            units = data.copy()
        elif set(UTTERANCE_COLUMNS) <= set(data.columns):
            units = utterance_sentences(data)
        elif "text" in data.columns:
            units = _split_rows(data)
        else:
            raise InputError(None, "a table of texts needs a 'text' column")
    elif isinstance(data, str):
        units = _split_rows(pd.DataFrame({"doc_id": ["0"], "text": [data]}))
    elif isinstance(data, Sequence) and all(isinstance(t, str) for t in data):
        units = _split_rows(pd.DataFrame({"doc_id": [str(i) for i in range(len(data))], "text": list(data)}))
    else:
        raise InputError(None, f"expected a text, a list of texts or a table, not {type(data).__name__}")
    for column in ("actor", "side"):
        if column not in units.columns:
            units[column] = ""
        units[column] = units[column].fillna("").astype(str)
    return units.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Tokens and n-grams


def ngram_analyzer(
    *, ngram_range: tuple[int, int] = (1, 2), keep_stopwords: bool = False
) -> Callable[[str], list[str]]:
    """Return the analyzer that turns a text into its n-grams (see the module docstring).

    Examples
    --------
    >>> ngram_analyzer()("Respect for international law, Iran\u2019s \u201cstrategic choice\u201d")
    ['respect', 'international', 'law', 'international law', 'iran', 'strategic', 'choice', 'strategic choice']
    """
    low, high = ngram_range
    stop = frozenset() if keep_stopwords else ENGLISH_STOP_WORDS
    tokenizer = CountVectorizer(token_pattern=TOKEN_PATTERN).build_tokenizer()

    def analyze(text: str) -> list[str]:
        runs: list[list[str]] = []
        for stretch in _PUNCTUATION.split(text.lower()):
            run: list[str] = []
            for token in tokenizer(stretch):
                if token in stop:
                    if run:
                        runs.append(run)
                        run = []
                else:
                    run.append(token)
            if run:
                runs.append(run)
        grams: list[str] = []
        for run in runs:
            for n in range(low, high + 1):
                if n == 1:
                    grams.extend(run)
                else:
                    grams.extend(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
        return grams

    return analyze


def document_term_matrix(
    texts: Sequence[str], *, ngram_range: tuple[int, int] = (1, 2), keep_stopwords: bool = False
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Count the n-grams of many texts at once: the matrix, its terms, and tokens per text.

    The counts are those of ``CountVectorizer(analyzer=ngram_analyzer(...)).fit_transform(texts)``
    (same token pattern, stop words, n-gram rules and sorted term order; a test checks they are
    identical), computed in one regular-expression pass over all texts with the n-grams as
    integer pairs (``pandas.factorize``) instead of one dictionary lookup per n-gram, which is
    several times faster on 100,000 words.

    Returns
    -------
    tuple
        ``(matrix, terms, tokens)``: a texts x terms ``csr_matrix`` of float64 counts, the terms
        (sorted), and the number of word tokens of each text, stop words included.

    Examples
    --------
    >>> matrix, terms, tokens = document_term_matrix(["Strategic choice, strategic ties.", "The choice"])
    >>> terms.tolist(), matrix.toarray().tolist(), tokens.tolist()
    (['choice', 'strategic', 'strategic choice', 'strategic ties', 'ties'], [[1.0, 2.0, 1.0, 1.0, 1.0], \
[1.0, 0.0, 0.0, 0.0, 0.0]], [4, 2])
    """
    low, high = ngram_range
    stop = frozenset() if keep_stopwords else ENGLISH_STOP_WORDS
    n_texts = len(texts)
    joined = f" {_SEPARATOR} ".join(t.replace(_SEPARATOR, " ") for t in texts).lower()
    codes, words = pd.factorize(np.array(_ITEM.findall(joined) or [""], dtype=object))
    # kind of each distinct item: 0 counted word, 1 stop word, 2 break, 3 separator of texts
    kinds = np.array(
        [3 if w == _SEPARATOR else 2 if not _WORD_START.match(w) else 1 if w in stop else 0 for w in words],
        dtype=np.int8,
    )
    kind = kinds[codes]
    text_of = np.cumsum(kind == 3)
    tokens = np.bincount(text_of[kind <= 1], minlength=n_texts)[:n_texts]
    counted = kind == 0
    rows, cols, term_list = [], [], []
    ids = codes.astype(np.int64)
    valid = counted
    for n in range(1, high + 1):
        if n > 1:  # extend the (n-1)-grams by one word, renumbering so that ids stay small
            valid = valid[:-1] & counted[n - 1 :]
            ids = ids[:-1] * len(words) + codes[n - 1 :]
            ids[~valid] = -1
            ids = pd.factorize(ids)[0].astype(np.int64)
        if n < low:
            continue
        positions = np.flatnonzero(valid)
        gram_ids, first = np.unique(ids[positions], return_index=True)
        local = np.searchsorted(gram_ids, ids[positions])
        starts = positions[first]
        term_list.extend(" ".join(words[codes[p : p + n]]) for p in starts)
        rows.append(text_of[positions])
        cols.append(local + (len(term_list) - gram_ids.size))
    terms = np.array(term_list, dtype=object)
    order = np.argsort(terms, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = rank[np.concatenate(cols)] if cols else np.zeros(0, dtype=np.int64)
    matrix = sparse.csr_matrix((np.ones(row.size), (row, col)), shape=(n_texts, terms.size))
    matrix.sum_duplicates()
    return matrix, terms[order], tokens


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


# --------------------------------------------------------------------------------------------
# Scores (vectorised over bootstrap samples: arrays are samples x terms)


@dataclass(frozen=True)
class _Setup:
    """What the scorers need besides the counts. Scored terms are ordered by n-gram size."""

    method: str
    prior: str | float  # "pooled", "background" or the constant prior count
    slices: tuple[tuple[int, slice], ...]  # (size index, columns of the terms of that size)
    share: np.ndarray | None = None  # background share of each scored term among its size
    prior_size: np.ndarray | None = None  # stated alpha0 per size (background), or None
    n_terms: np.ndarray | None = None  # number of terms of each size (constant prior)


def _priors(
    setup: _Setup, size: int, columns: slice, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray
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
    setup: _Setup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray, score: Callable[..., np.ndarray]
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


def _logodds(setup: _Setup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    def z(size: int, columns: slice, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
        alpha_a, alpha0_a, alpha_b, alpha0_b = _priors(setup, size, columns, ya, yb, na, nb)
        pa, pb = ya + alpha_a, yb + alpha_b
        delta = np.log(pa * (nb + alpha0_b - pb) / (pb * (na + alpha0_a - pa)))  # eq. 16
        return delta * np.sqrt(pa * pb / (pa + pb))  # delta / sqrt(1/pa + 1/pb), eq. 20 and 22

    return _by_size(setup, ya, yb, na, nb, z)


def _g2(setup: _Setup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
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


def _scores(setup: _Setup, ya: np.ndarray, yb: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    if setup.method == "logodds":
        return _logodds(setup, ya, yb, na, nb)
    if setup.method == "g2":
        return _g2(setup, ya, yb, na, nb)
    return _tfidf(ya, yb)


def _p_values(method: str, score: np.ndarray) -> np.ndarray:
    if method == "logodds":
        return 2.0 * stats.norm.sf(np.abs(score))
    if method == "g2":
        return stats.chi2.sf(np.abs(score), 1)
    return np.full(score.shape, np.nan)


# --------------------------------------------------------------------------------------------
# Bootstrap stability


def _resample_weights(rng: np.random.Generator, n_samples: int, n_units: int) -> np.ndarray:
    """Return a samples x units matrix: how often each unit is drawn in each bootstrap sample."""
    draws = rng.integers(0, n_units, size=(n_samples, n_units))
    draws += np.arange(n_samples)[:, None] * n_units
    return np.bincount(draws.ravel(), minlength=n_samples * n_units).reshape(n_samples, n_units).astype(float)


def _top_hits(scores: np.ndarray, k: int, hits: np.ndarray) -> None:
    """Add 1 to ``hits`` for each term among the k highest positive scores of each row."""
    k = min(k, scores.shape[1])
    masked = np.where(scores > 0, scores, -np.inf)
    top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
    valid = np.take_along_axis(masked, top, axis=1) > -np.inf
    hits += np.bincount(top[valid], minlength=hits.size)


def _stability(
    setup: _Setup,
    xa: sparse.csr_matrix,
    xb: sparse.csr_matrix,
    size_a: np.ndarray,
    size_b: np.ndarray,
    ranked: np.ndarray,
    score: np.ndarray,
    *,
    top_k: int,
    n_boot: int,
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
    block = max(1, min(n_boot, _BLOCK_VALUES // max(1, xa.shape[1])))
    xa_t, xb_t = xa.T.tocsr(), xb.T.tocsr()
    done = 0
    while done < n_boot:
        size = min(block, n_boot - done)
        wa = _resample_weights(rng, size, xa.shape[0])
        wb = _resample_weights(rng, size, xb.shape[0])
        ya, yb = np.asarray((xa_t @ wa.T).T), np.asarray((xb_t @ wb.T).T)
        boot = _scores(setup, ya, yb, wa @ size_a, wb @ size_b)[:, ranked]
        _top_hits(boot, top_k, hits_a)
        _top_hits(-boot, top_k, hits_b)
        done += size
    side_score = score[ranked]
    return np.where(side_score > 0, hits_a / n_boot, np.where(side_score < 0, hits_b / n_boot, np.nan))


# --------------------------------------------------------------------------------------------
# keyness


def _check_options(
    method: str,
    prior: str | float,
    prior_size: float | None,
    ngram_range: tuple[int, int],
    min_count: int,
    top_k: int,
    n_boot: int,
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
    if min_count < 1 or top_k < 1 or n_boot < 0:
        raise KeynessError("min_count and top_k must be at least 1 and n_boot at least 0")
    if prior_size is not None and not (prior_size > 0 and math.isfinite(prior_size)):
        raise KeynessError(f"prior_size {prior_size!r} must be a positive number")
    return prior if isinstance(prior, str) else float(prior)


def _voice_units(data: str | Sequence[str] | pd.DataFrame, label: str) -> pd.DataFrame:
    units = as_units(data)
    units = units[units["text"].str.contains(r"\w", regex=True, na=False)]
    if units.empty:
        raise KeynessError(f"voice {label!r} is empty: it has no text")
    return units


def _setup(
    method: str,
    prior: str | float,
    terms: np.ndarray,
    order: np.ndarray,
    scored: np.ndarray,
    *,
    n_sizes: int,
    prior_size: float | None,
) -> _Setup:
    """Return the scoring setup of the terms at positions ``scored`` (sorted by size)."""
    bounds = np.searchsorted(order[scored], np.arange(n_sizes + 1))
    slices = tuple((size, slice(bounds[size], bounds[size + 1])) for size in range(n_sizes))
    if method != "logodds" or prior == "pooled":
        return _Setup(method, "pooled", slices)
    if prior == "background":
        stated = None if prior_size is None else np.full(n_sizes, float(prior_size))
        share = _background_shares(terms, order)[scored]
        return _Setup(method, prior, slices, share=share, prior_size=stated)
    return _Setup(method, prior, slices, n_terms=np.bincount(order, minlength=n_sizes))


def _prior_sizes(setup: _Setup, na: np.ndarray, nb: np.ndarray) -> list[float] | None:
    """Return alpha0 per n-gram size (both voices together), for the record."""
    if setup.method != "logodds":
        return None
    if setup.n_terms is not None:
        return [float(setup.prior) * int(v) for v in setup.n_terms]
    if setup.prior_size is not None:
        return [float(v) for v in setup.prior_size]
    return [float(v) for v in na + nb]


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
    n_boot: int = 200,
    seed: int | None = 0,
    labels: tuple[str, str] = ("a", "b"),
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
    n_boot
        Number of bootstrap samples for stability (0: no stability, the column is NaN).
    seed
        Seed of the bootstrap; the same seed gives the same table.
    labels
        Names of the voices, kept in ``attrs`` for messages and figures.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KEYNESS_COLUMNS`: ``n`` is the n-gram size; ``rate_a``, ``rate_b`` are
        per 1,000 n-grams of the same size in the voice; ``score`` is z (logodds), signed G2
        (g2) or the tf-idf difference (tfidf); ``p`` is NaN for tfidf. Sorted by score, highest
        first: positive scores characterise ``a``, negative ones ``b``. ``attrs`` records the
        options, the voices' sizes (``tokens_a``, ``units_a``, ...; tokens include stop words)
        and ``warnings`` (also issued as :class:`SmallSampleWarning`) for voices under
        :data:`SMALL_VOICE_TOKENS` tokens.

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
    ...             prior=0.5, n_boot=0)
    >>> t.loc[t["term"].eq("sanctions"), ["count_a", "count_b"]].values.tolist()
    [[2, 0]]
    >>> t.attrs["tokens_a"], t.attrs["warnings"][0][:28]
    (5, "voice 'a' has only 5 tokens ")
    """
    prior = _check_options(method, prior, prior_size, ngram_range, min_count, top_k, n_boot)
    label_a, label_b = labels
    units_a, units_b = _voice_units(a, label_a), _voice_units(b, label_b)
    counts, terms, tokens = document_term_matrix(
        [*units_a["text"], *units_b["text"]], ngram_range=ngram_range, keep_stopwords=keep_stopwords
    )
    tokens_a, tokens_b = int(tokens[: len(units_a)].sum()), int(tokens[len(units_a) :].sum())
    xa, xb = counts[: len(units_a)], counts[len(units_a) :]
    for label, matrix, n_tokens in ((label_a, xa, tokens_a), (label_b, xb, tokens_b)):
        if matrix.nnz == 0:
            what = "no words" if n_tokens == 0 else f"only stop words ({n_tokens} tokens)"
            hint = "" if n_tokens == 0 or keep_stopwords else "; keep them with keep_stopwords=True (--keep-stopwords)"
            raise KeynessError(f"voice {label!r} has {what}{hint}")

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
        raise KeynessError(f"no term occurs {min_count} times or more in the two voices; lower min_count")

    # tf-idf normalises over every term, so it is scored on all; the others on the kept terms only
    # (their scores depend on other terms only through the totals na, nb). Scored terms are
    # ordered by n-gram size; ``ranked`` gives the position of each kept term among them.
    scored = np.arange(terms.size) if method == "tfidf" else kept
    scored = scored[np.argsort(order[scored], kind="stable")]
    position = np.empty(terms.size, dtype=np.int64)
    position[scored] = np.arange(scored.size)
    ranked = position[kept]
    setup = _setup(method, prior, terms, order, scored, n_sizes=na.size, prior_size=prior_size)
    score = _scores(setup, ya[None, scored], yb[None, scored], na[None, :], nb[None, :])[0]
    stability = (
        _stability(
            setup, xa[:, scored], xb[:, scored], size_a, size_b, ranked, score, top_k=top_k, n_boot=n_boot, seed=seed
        )
        if n_boot
        else np.full(kept.size, np.nan)
    )
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
            "p": _p_values(method, score),
            "stability": stability,
        },
        columns=KEYNESS_COLUMNS,
    )
    table = table.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)

    notes = [
        f"voice {label!r} has only {tokens} tokens (fewer than about {SMALL_VOICE_TOKENS:,}): read the list as a "
        "ranking of this sample, not a finding; check counts, stability and the sentences (kwic)"
        for label, tokens in ((label_a, tokens_a), (label_b, tokens_b))
        if tokens < SMALL_VOICE_TOKENS
    ]
    for note in notes:
        warnings.warn(note, SmallSampleWarning, stacklevel=2)
    table.attrs.update(
        {
            "method": method,
            "prior": prior if method == "logodds" else None,
            "prior_size": _prior_sizes(setup, na, nb),
            "ngram_range": list(ngram_range),
            "min_count": min_count,
            "keep_stopwords": keep_stopwords,
            "top_k": top_k,
            "n_boot": n_boot,
            "seed": seed,
            "labels": [label_a, label_b],
            "tokens_a": tokens_a,
            "tokens_b": tokens_b,
            "units_a": len(units_a),
            "units_b": len(units_b),
            "ngrams_a": [int(v) for v in na],
            "ngrams_b": [int(v) for v in nb],
            "warnings": notes,
        }
    )
    return table


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


# --------------------------------------------------------------------------------------------
# Keyword in context


def term_pattern(term: str, *, acronyms_match_case: bool = False) -> re.Pattern[str]:
    """Compile a term or phrase into a regular expression that finds it in running text.

    Words match whole words, case-insensitively; ``*`` stands for any letters or digits
    (``sanction*``: sanction, sanctions, sanctioned). The words of a phrase may be separated by
    spaces, apostrophes and hyphens and by one one-letter word, which the tokenizer skips
    ("Iran's foreign" matches ``iran foreign``), but not by other punctuation, as n-grams are.
    With ``acronyms_match_case``, a term written in capitals (``US``, ``NATO``) matches only
    in capitals, so ``US`` does not find "us".

    Examples
    --------
    >>> bool(term_pattern("international law").search("respect for International  Law."))
    True
    >>> [m.group(0) for m in term_pattern("sanction*").finditer("Sanctions, sanctioned; unsanctioned")]
    ['Sanctions', 'sanctioned']
    >>> bool(term_pattern("US", acronyms_match_case=True).search("told us"))
    False
    """
    return re.compile(term_regex(term, acronyms_match_case=acronyms_match_case))


def term_regex(term: str, *, acronyms_match_case: bool = False) -> str:
    """Return the regular expression of :func:`term_pattern` as a string (flags inline).

    Examples
    --------
    >>> print(term_regex("sanction*"))
    (?i:(?<!\\w)sanction\\w*(?!\\w))
    """
    words = term.split()
    if not words or any(not re.search(r"[^\W_]", w.replace("*", "")) for w in words):
        raise KeynessError(f"term {term!r} must have at least one letter or digit in each word")
    body = _PHRASE_GAP.join(re.escape(w).replace(r"\*", r"\w*") for w in words)
    flags = "" if acronyms_match_case and term.isupper() else "i"
    return rf"(?{flags}:(?<!\w){body}(?!\w))" if flags else rf"(?:(?<!\w){body}(?!\w))"


def _context(text: str, *, window: int, left: bool) -> str:
    words = text.split()
    kept = words[-window:] if left else words[:window]
    return " ".join(kept) if window > 0 else ""


def kwic(term: str, data: str | Sequence[str] | pd.DataFrame, *, window: int = 8) -> pd.DataFrame:
    """Keyword in context: every occurrence of a term with the words around it and its source.

    Parameters
    ----------
    term
        A word or phrase, as :func:`keyness` prints it (``"international law"``); ``*`` is a
        wildcard (see :func:`term_pattern`). Matching ignores case.
    data
        A text, a list of texts, or an utterances, units or documents table (``text`` and, when
        present, ``doc_id``, ``start``, ``actor``, ``side``, ``unit_id``). Each row is searched
        as given, so the context never leaves its utterance or unit.
    window
        Number of words shown on each side.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KWIC_COLUMNS`; ``start``/``end`` are the match's character offsets in
        the document (the row's ``start`` added); ``unit_id`` is the row's ``unit_id`` or the
        span of the row as ``"{doc_id}:{start}-{end}"``.

    Examples
    --------
    >>> k = kwic("international law", ["Both nations uphold international law and the Charter."], window=2)
    >>> k[["left", "match", "right", "start"]].values.tolist()
    [['nations uphold', 'international law', 'and the', 20]]
    """
    pattern = term_pattern(term)
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise InputError(None, "a table of texts needs a 'text' column")
        frame = data
    else:
        texts = [data] if isinstance(data, str) else list(data)
        frame = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    rows = []
    for position, row in enumerate(frame.to_dict(orient="records")):
        text = row["text"]
        if not isinstance(text, str):
            continue
        doc_id = str(row.get("doc_id", position))
        offset = int(row.get("start", 0) or 0)
        unit_id = row.get("unit_id") or f"{doc_id}:{offset}-{offset + len(text)}"
        searchable = normalise_quotes(text)
        for match in pattern.finditer(searchable):
            s, e = match.span()
            rows.append(
                (
                    doc_id,
                    unit_id,
                    str(row.get("actor", "") or ""),
                    str(row.get("side", "") or ""),
                    offset + s,
                    offset + e,
                    _context(text[:s], window=window, left=True),
                    text[s:e],
                    _context(text[e:], window=window, left=False),
                )
            )
    result = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return result.astype({"start": "int64", "end": "int64"})
