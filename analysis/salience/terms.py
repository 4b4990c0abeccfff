"""Terms: the words and n-grams that keyness counts, and the patterns that find a term in text.

**Tokens and n-grams.** Text is cut into sentence units
(:func:`analysis.voices.units.as_units`). Words are scikit-learn ``CountVectorizer``'s tokens
(its default token pattern: two or more letters or digits, lower-cased, so the "s" of "Iran's"
is not a token) and its built-in English stop-word list. A token without a letter -- a numeral
such as the "17" of "January 17", a separator line "___" -- is never a term: like a stop word,
it counts as a token and breaks n-grams. An n-gram is a run of *adjacent* words none of which is
a stop word: "respect for international law" gives "international law" but never "respect
international"; n-grams never cross a sentence or punctuation other than an apostrophe or hyphen
inside a word ("law, Iran" gives no bigram). With ``keep_stopwords=True`` every word with a
letter counts and n-grams are plain. The counts are exactly
``CountVectorizer(analyzer=ngram_analyzer(...)).fit_transform(units)``, computed faster by
:func:`document_term_matrix`.

Examples
--------
>>> ngram_analyzer()("Respect for international law")
['respect', 'international', 'law', 'international law']
>>> bool(term_pattern("international law").search("respect for International  Law."))
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import AnalysisError

__all__ = ["TOKEN_PATTERN", "TermError", "ngram_analyzer", "document_term_matrix", "term_pattern", "term_regex"]

#: scikit-learn's default token pattern: words of two or more letters or digits.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"

# n-grams stop at punctuation, except an apostrophe or hyphen inside a word (Iran's, 20-year).
_JOINERS = "'\u2019\u2010\u2011-"
_BREAK = rf"[^\w\s{_JOINERS}]+|\B[{_JOINERS}]+|[{_JOINERS}]+\B"
_PUNCTUATION = re.compile(_BREAK)
# One pass over many texts: a token (TOKEN_PATTERN) or a break; texts are joined by _SEPARATOR.
_ITEM = re.compile(rf"\w\w+|{_BREAK}")
_WORD_START = re.compile(r"\w")
# A term has a letter: numerals ("17", "2025") and separators ("___") count as tokens but never as terms.
_LETTER = re.compile(r"[^\W\d_]")
_SEPARATOR = "\x00"
# Between the words of a phrase: spaces, apostrophes, hyphens, and at most one one-letter word.
_PHRASE_GAP = r"[\s'-]+(?:\w[\s'-]+)?"


class TermError(AnalysisError):
    """A term cannot be searched for: it has a word without a letter or digit."""


def ngram_analyzer(
    *, ngram_range: tuple[int, int] = (1, 2), keep_stopwords: bool = False
) -> Callable[[str], list[str]]:
    """Return the analyzer that turns a text into its n-grams (see the module docstring).

    Examples
    --------
    >>> ngram_analyzer()("Respect for international law, Iran\u2019s \u201cstrategic choice\u201d")
    ['respect', 'international', 'law', 'international law', 'iran', 'strategic', 'choice', 'strategic choice']
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer  # about 0.5 s: when counting

    low, high = ngram_range
    stop = frozenset() if keep_stopwords else ENGLISH_STOP_WORDS
    tokenizer = CountVectorizer(token_pattern=TOKEN_PATTERN).build_tokenizer()

    def analyze(text: str) -> list[str]:
        runs: list[list[str]] = []
        for stretch in _PUNCTUATION.split(text.lower()):
            run: list[str] = []
            for token in tokenizer(stretch):
                if token in stop or not _LETTER.search(token):
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
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # about 0.5 s: loaded when counting

    low, high = ngram_range
    stop = frozenset() if keep_stopwords else ENGLISH_STOP_WORDS
    n_texts = len(texts)
    joined = f" {_SEPARATOR} ".join(t.replace(_SEPARATOR, " ") for t in texts).lower()
    codes, words = pd.factorize(np.array(_ITEM.findall(joined) or [""], dtype=object))
    # kind of each distinct item: 0 counted word, 1 stop word, 2 break, 3 separator of texts
    kinds = np.array(
        [
            3 if w == _SEPARATOR else 2 if not _WORD_START.match(w) else 1 if w in stop or not _LETTER.search(w) else 0
            for w in words
        ],
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
        parts = [words[codes[starts + k]] for k in range(n)]  # the k-th word of every n-gram
        term_list.extend(parts[0] if n == 1 else map(" ".join, zip(*parts, strict=True)))
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
        raise TermError(f"term {term!r} must have at least one letter or digit in each word")
    body = _PHRASE_GAP.join(re.escape(w).replace(r"\*", r"\w*") for w in words)
    flags = "" if acronyms_match_case and term.isupper() else "i"
    return rf"(?{flags}:(?<!\w){body}(?!\w))" if flags else rf"(?:(?<!\w){body}(?!\w))"
