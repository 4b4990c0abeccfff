"""Find which groups of terms (the frames of a lexicon) occur in many texts at once.

A term matches as :func:`analysis.salience.terms.term_pattern` says: whole words, case-insensitive
(except all-capital acronyms with ``acronyms_match_case``), ``*`` for any letters, phrases
across spaces, apostrophes, hyphens and one one-letter word. Searching every term of every
group in every sentence of a corpus is millions of regular-expression calls; a
:class:`TermMatcher` does the same work in a few vectorised steps:

1. the texts are joined with a separator no term can cross and cut into words once;
2. every *distinct* word is checked against the single-word terms -- exact words by lookup,
   ``word*`` terms by prefix -- so the cost grows with the vocabulary, not with the corpus;
3. the remaining terms (phrases, words with inner punctuation or wildcards) run as one regular
   expression per group, only on the texts that hold the first word of one of them (found in
   step 2 as well).

The result is exactly that of searching each term's pattern in each text (a test checks it on
generated and real sentences).

Examples
--------
>>> matcher = TermMatcher([["sanction*", "sovereign"], ["trade", "free trade zone"], ["US"]])
>>> matcher.match(["New sanctions on trade.", "The free trade zone opens.", "Tell us."]).tolist()
[[True, True, False], [False, True, False], [False, False, False]]
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..text import normalise_quotes
from .terms import term_regex

__all__ = ["TermMatcher"]

# Joins texts: not a word character, a space, a hyphen or an apostrophe, so no term crosses it.
_SEPARATOR = "\x00"
_TOKEN = re.compile(r"\w+|\x00")
# sorts after every string that starts with a given prefix and has more characters
_LAST = chr(sys.maxunicode)
_SIMPLE = re.compile(r"^\w+\*?$")
_LEADING_WORD = re.compile(r"^(\w+)(\*?)(.?)")


class TermMatcher:
    """Match groups of terms against many texts at once (see the module docstring).

    Parameters
    ----------
    groups
        One sequence of terms per group (a frame's terms).
    acronyms_match_case
        Terms written in capitals (``US``, ``NATO``) match only in capitals.
    """

    def __init__(self, groups: Sequence[Sequence[str]], *, acronyms_match_case: bool = True) -> None:
        self.n_groups = len(groups)
        # word tables, keyed as (kind, word) -> groups: kind "exact" (lower case), "case" (as
        # written), "prefix" (lower case); the complex terms' first words go in the same tables,
        # shifted by n_groups, to find the texts worth searching with their patterns
        self.words: dict[tuple[str, str], set[int]] = {}
        self.unanchored: set[int] = set()  # groups with a complex term that no first word announces
        complex_terms: dict[int, list[str]] = {}
        for group, terms in enumerate(groups):
            for term in terms:
                term_regex(term)  # the same validation as a term pattern
                case = acronyms_match_case and term.isupper()
                if _SIMPLE.match(term) and not (case and term.endswith("*")):
                    self._add(term, case, group)
                    continue
                complex_terms.setdefault(group, []).append(term)
                leading = _LEADING_WORD.match(term)
                if leading is None:
                    self.unanchored.add(group)
                else:  # "mutual respect" -> the word "mutual"; "co-operat*" -> "co"; "anti*-west" -> "anti*"
                    word, star, _ = leading.groups()
                    self._add(word + star, case, self.n_groups + group)
        self.patterns = {
            group: re.compile(
                r"(?<!\w)(?=\w)(?:"
                + "|".join(term_regex(t, acronyms_match_case=acronyms_match_case) for t in terms)
                + ")"
            )
            for group, terms in complex_terms.items()
        }

    def _add(self, word: str, case: bool, column: int) -> None:
        if word.endswith("*"):
            key = ("prefix", word[:-1].lower())
        else:
            key = ("case", word) if case else ("exact", word.lower())
        self.words.setdefault(key, set()).add(column)

    def _word_groups(self, vocabulary: np.ndarray) -> np.ndarray:
        """A words x (groups + anchors) boolean array: the single-word terms, then the first words
        of the complex terms, each word of the vocabulary matches."""
        table = np.zeros((len(vocabulary), 2 * self.n_groups), dtype=bool)
        if not len(vocabulary):
            return table
        lower = pd.Series(vocabulary, dtype=object).str.lower()
        by_lower: dict[str, list[int]] = {}  # "Trade" and "trade" are two words of the vocabulary
        for index, word in enumerate(lower):
            by_lower.setdefault(word, []).append(index)
        written = {word: [index] for index, word in enumerate(vocabulary)}
        # the words that start with a prefix are one run of the sorted lower-case vocabulary
        order = np.argsort(lower.to_numpy(dtype=object), kind="stable")
        ordered = lower.to_numpy(dtype=object)[order].tolist()
        for (kind, word), columns in self.words.items():
            if kind == "prefix":
                first = bisect.bisect_left(ordered, word)
                rows = order[first : bisect.bisect_left(ordered, word + _LAST, lo=first)]
            else:
                rows = (written if kind == "case" else by_lower).get(word, [])
            for column in columns:
                table[rows, column] = True
        return table

    def match(self, texts: Sequence[str]) -> np.ndarray:
        """Return a texts x groups boolean array: which groups each text mentions."""
        hits = np.zeros((len(texts), self.n_groups), dtype=bool)
        if not len(texts):
            return hits
        # a NUL inside a text becomes another character that is neither a word nor a space
        cleaned = [t.replace(_SEPARATOR, "\x01") for t in texts]
        joined = normalise_quotes(_SEPARATOR.join(cleaned))
        found = _TOKEN.findall(joined)
        tokens = np.array(found, dtype=object)
        # (numpy would compare with "\x00" as with "": its strings drop trailing NUL characters)
        separators = np.fromiter((token == _SEPARATOR for token in found), dtype=bool, count=len(found))
        text_of = np.cumsum(separators)[~separators]
        codes, vocabulary = pd.factorize(tokens[~separators])
        word_groups = self._word_groups(np.asarray(vocabulary, dtype=object))
        for group in range(self.n_groups):
            matched = word_groups[codes, group] if len(codes) else np.zeros(0, dtype=bool)
            hits[text_of[matched], group] = True
        for group, pattern in self.patterns.items():
            if group in self.unanchored:
                candidates = np.arange(len(texts))
            else:
                anchored = word_groups[codes, self.n_groups + group] if len(codes) else np.zeros(0, dtype=bool)
                candidates = np.unique(text_of[anchored])
            for index in candidates:
                if not hits[index, group] and pattern.search(normalise_quotes(cleaned[index])):
                    hits[index, group] = True
        return hits
