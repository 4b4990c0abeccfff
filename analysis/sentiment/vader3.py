"""The rules of the ``vaderSentiment`` 3.3.2 package, as a :class:`~analysis.sentiment.vader.VaderEngine`.

nltk (3.9, 3.10) kept the earlier rules of VADER; the authors' package changed some of them.
:class:`Vader3Engine` overrides exactly those, each with its reason (see
:mod:`analysis.sentiment.vader` for the list), and equals the package on all 18,513 human-rated
texts of Hutto & Gilbert (2014). Build it with ``vader_engine("vader3")``
(:mod:`analysis.sentiment.engines`).

Examples
--------
>>> from analysis.sentiment.engines import vader_engine
>>> vader_engine("vader3").scores("No problem.")[3] > 0
True
"""

from __future__ import annotations

import heapq
import importlib
import importlib.metadata
import math
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import AnalysisError
from .lexicon import vader_lexicon_file
from .vader import AFTER_BUT, ALPHA, BEFORE_BUT, NOT_SPACE, PUNCTUATION, VaderEngine, add_note, sign_word

__all__ = ["VADERSENTIMENT_VERSION", "Vader3Engine", "load_vader3_engine"]

#: The vaderSentiment version whose rules :class:`Vader3Engine` re-implements.
VADERSENTIMENT_VERSION = "3.3.2"


class Vader3Engine(VaderEngine):
    """The rules of the ``vaderSentiment`` 3.3.2 package, exact and fast; build it with ``vader_engine("vader3")``
    (:mod:`analysis.sentiment.engines`).

    Each difference from nltk's rules is one attribute or method below, with its reason.

    Parameters
    ----------
    lexicon
        Word -> valence (the package's ``vader_lexicon.txt``).
    constants
        The ``vaderSentiment.vaderSentiment`` module (its ``NEGATE``, ``BOOSTER_DICT``,
        ``SPECIAL_CASES``, ``C_INCR``, ``B_DECR``, ``N_SCALAR``).
    emoji
        Emoji -> description (the package's ``emoji_utf8_lexicon.txt``).
    """

    rule_set = "vader3"
    never_so = 1.25  # 3.3.2 uses the three-word window's factor two words back as well
    without_doubt = True  # "without (a) doubt, excellent" affirms; 3.3.2 exempts it from negation
    own_context = True  # 3.3.2 walks positions (nltk looked each word up by its first index)
    lowercase_phrases = True  # 3.3.2 lower-cases the words before matching idioms and "never so"

    def __init__(self, lexicon: dict[str, float], constants: Any, emoji: Mapping[str, str]) -> None:
        self._set_rules(
            lexicon,
            negations=constants.NEGATE,
            boosters=constants.BOOSTER_DICT,
            idioms=constants.SPECIAL_CASES,
            caps_increment=constants.C_INCR,
            dampener=constants.B_DECR,
            negation_scalar=constants.N_SCALAR,
        )
        # The package looks emoji up one character at a time, so longer sequences never match.
        self.emoji = {key: value for key, value in emoji.items() if len(key) == 1}
        self._emoji_characters = frozenset(self.emoji)
        self._emoji_search = _character_class(self.emoji)

    def _describe(self, text: str) -> tuple[str, list[tuple[int, int, str]]]:
        """Return the text with emoji described and the (start, end, emoji) of each description."""
        if self._emoji_characters.isdisjoint(text):  # fast: most texts hold no emoji
            return text.strip(), []
        pieces, spans, length, last = [], [], 0, 0
        for match in self._emoji_search.finditer(text):
            start = match.start()
            pieces.append(text[last:start])
            length += start - last
            if start > 0 and text[start - 1] != " ":  # a space unless one (a plain " ") precedes
                pieces.append(" ")
                length += 1
            description = self.emoji[match.group()]
            spans.append((length, length + len(description), match.group()))
            pieces.append(description)
            length += len(description)
            last = match.end()
        pieces.append(text[last:])
        joined = "".join(pieces)
        shift = len(joined) - len(joined.lstrip())
        return joined.strip(), [(start - shift, end - shift, emoji) for start, end, emoji in spans]

    def prepare(self, text: str) -> str:
        """3.3.2 replaces each emoji by its description (a space before it unless after a space)."""
        return self._describe(text)[0]

    def _origins(self, text: str) -> dict[int, str]:
        prepared, spans = self._describe(text)
        origins = {}
        for position, token in enumerate(NOT_SPACE.finditer(prepared)):
            emoji = [e for start, end, e in spans if start < token.end() and token.start() < end]
            if emoji:
                origins[position] = f"from emoji {' '.join(emoji)}"
        return origins

    def _split(self, prepared: str) -> list[str]:
        """3.3.2 strips all punctuation around a word unless two characters or fewer remain (":)", "no!")."""
        return [word if len(word := token.strip(PUNCTUATION)) > 2 else token for token in prepared.split()]

    def _no_rule(self, lowers: list[str], i: int, valence: float, rules: list[str] | None) -> float:
        """3.3.2 reads "no" as a negation: "no problem" is positive, "no" itself 0 before a lexicon word."""
        if lowers[i] == "no" and i != len(lowers) - 1 and lowers[i + 1] in self.lexicon:
            valence = 0.0
            add_note(rules, "'no' before a lexicon word: a negation, not a word =0")
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ("or", "nor"))
        ):
            valence = self.lexicon[lowers[i]] * self.negation_scalar
            add_note(rules, f"negated by 'no' x{self.negation_scalar:g}")
        return valence

    def _ngram_boosters(self, before: tuple[str, ...], valence: float, rules: list[str] | None) -> float:
        """3.3.2 adds each booster n-gram's own value (three words back, then two-one, then one)."""
        for phrase in (before[3], before[4], before[2]):
            scalar = self.boosters.get(phrase)
            if scalar is not None:
                valence = valence + scalar
                add_note(rules, f"dampener '{phrase}' {sign_word(scalar)}")
        return valence

    def _but(self, lowers: list[str], valences: list[float], notes: dict[int, list[str]] | None) -> list[float]:
        """3.3.2 rescales, for each word in turn, the *first* word currently holding the same value.

        The package finds the word to rescale with ``list.index(value)`` on the list it is
        rewriting, so once an earlier word's rescaled value equals a later word's value, the
        earlier word is rescaled again and the later one not at all. Reproduced with one heap of
        positions per value (linear-logarithmic, where ``list.index`` is quadratic).
        """
        if "but" not in lowers:
            return valences
        at = lowers.index("but")
        current = list(valences)
        holding: dict[float, list[int]] = {}
        for k, value in enumerate(valences):
            holding.setdefault(value, []).append(k)  # ascending, hence already a heap
        for k, value in enumerate(valences):
            if value == 0:
                continue  # a zero stays zero wherever it lands
            target = heapq.heappop(holding[value])
            factor = BEFORE_BUT if target < at else (AFTER_BUT if target > at else 1.0)
            current[target] = value * factor
            heapq.heappush(holding.setdefault(current[target], []), target)
            if notes is not None and factor != 1.0:
                where = "before" if target < at else "after"
                rule = f"{where} 'but' x{factor:g}"
                if target != k:
                    rule += f" (for word {k}, holding the same value: the package's list.index)"
                    notes.setdefault(k, []).append(f"not rescaled by 'but' (word {target} was, in its place)")
                notes.setdefault(target, []).append(rule)
        return current

    def _normalize(self, total: float) -> float:
        """3.3.2 clips the compound to [-1, 1] (it can pass 1 by rounding for huge sums)."""
        return min(1.0, max(-1.0, total / math.sqrt(total * total + ALPHA)))


def _character_class(characters: Iterable[str]) -> re.Pattern:
    """A regular expression matching any one of the characters, as ranges (a long list of single characters is slow)."""
    codes = sorted({ord(c) for c in characters})
    if not codes:
        return re.compile(r"(?!)")  # matches nothing
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{''.join(parts)}]")


def _tab_fields(path: Path) -> list[tuple[str, str]]:
    """The first two tab-separated fields of each non-empty line of a UTF-8 file (as the package reads it)."""
    content = path.read_bytes().decode("utf-8")
    rows = []
    for line in content.rstrip("\n").split("\n"):
        fields = line.strip().split("\t")
        if line and len(fields) >= 2:
            rows.append((fields[0], fields[1]))
    return rows


def load_vader3_engine() -> Vader3Engine:
    """Load the engine of the package's rules from the installed ``vaderSentiment`` (its lexicon and emoji).

    Raises
    ------
    AnalysisError
        When the package or its files are missing.
    """
    lexicon_file = vader_lexicon_file()
    try:
        constants = importlib.import_module("vaderSentiment.vaderSentiment")
    except ImportError:  # pragma: no cover - vader_lexicon_file() found the package
        raise AnalysisError("the 'vader3' rules need the vaderSentiment package (pip install vaderSentiment)") from None
    version = importlib.metadata.version("vaderSentiment")
    if version != VADERSENTIMENT_VERSION:
        warnings.warn(
            f"the 'vader3' rules re-implement vaderSentiment {VADERSENTIMENT_VERSION}; version {version} is "
            "installed, whose rules may differ",
            stacklevel=3,
        )
    emoji_file = lexicon_file.parent / "emoji_utf8_lexicon.txt"
    if not emoji_file.is_file():
        raise AnalysisError(f"the emoji descriptions are missing from the vaderSentiment package ({emoji_file})")
    lexicon = {word: float(value) for word, value in _tab_fields(lexicon_file)}
    return Vader3Engine(lexicon, constants, dict(_tab_fields(emoji_file)))
