"""VADER sentiment exactly as nltk computes it, several times faster, with the reasons for each score.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis
of Social Media Text", ICWSM-14) adds up the lexicon valences of the words of a text after
adjusting each for its neighbours -- ALL-CAPS emphasis, booster and dampener words ("very",
"slightly") up to three words back, negations ("not", "never", "n't") up to three words back,
a few idioms, "least", and the contrastive "but" (words before it count half, words after it
one and a half) -- adds emphasis for "!" and "??", and maps the sum ``s`` to the compound score
``s / sqrt(s**2 + 15)``.

:class:`VaderEngine` re-implements the rules of ``nltk.sentiment.vader`` (nltk 3.9+) so that it
returns *identical* ``neg``, ``neu``, ``pos`` and ``compound`` values -- nltk's quirks included
(a repeated word takes the context of its first occurrence; "but" splits the text at its
first occurrence; idioms are case-sensitive) -- while avoiding the per-sentence work that makes
nltk slow (nltk builds a dictionary of every word with every punctuation mark for every text).
The lexicon and the rule constants are read from nltk itself (:func:`analysis.resources.vader_analyzer`),
so both always run on the same data. ``tests/test_sentiment_vader.py`` checks the equality on a
fixture, on random texts built from the rule words (hypothesis), and on the 18,513 human-rated
texts of Hutto & Gilbert when ``../shared/bench/sentiment`` is present.

The same pass can record, for every lexicon word, its lexicon valence, the rules that changed
it and its final contribution (:meth:`VaderEngine.trace`); the recorded contributions add up to
the score (``compound == normalize(sum(contributions) ± emphasis)``), so an explanation never
disagrees with the number it explains.

Examples
--------
>>> engine = vader_engine()
>>> engine.polarity_scores("The talks were not bad at all!")
{'neg': 0.0, 'neu': 0.656, 'pos': 0.344, 'compound': 0.484}
>>> [(w.token, w.lexicon, round(w.contribution, 3)) for w in engine.trace("The talks were not bad at all!").words]
[('bad', -2.5, 1.85)]
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["WordTrace", "VaderTrace", "VaderEngine", "vader_engine"]

_PUNCTUATION = string.punctuation
_PUNCTUATION_SET = frozenset(_PUNCTUATION)
_HAS_PUNCTUATION = re.compile(f"[{re.escape(_PUNCTUATION)}]").search

# Numbers that nltk writes inline in its methods (the others come from nltk's VaderConstants).
_EXCLAMATION = 0.292  # emphasis per "!", at most four
_QUESTION = 0.18  # emphasis per "?" when there are two or three
_QUESTION_MAX = 0.96  # emphasis for four or more "?"
_DISTANCE = (1.0, 0.95, 0.9)  # booster weight one, two and three words back
_NEVER_SO = 1.5  # "never so good" (two words back)
_SO_THIS = 1.25  # "never so ... good", "so good", "this good" (three-word window)
_BEFORE_BUT, _AFTER_BUT = 0.5, 1.5
_ALPHA = 15  # compound = s / sqrt(s*s + alpha)


@dataclass(frozen=True)
class WordTrace:
    """One lexicon word of a text and what the rules did to it.

    Attributes
    ----------
    position
        Index of the word in :attr:`VaderTrace.tokens`.
    token
        The word as VADER saw it (leading or trailing punctuation removed).
    lexicon
        Its valence in the lexicon (-4 .. +4).
    valence
        Its valence after the word-level rules (caps, boosters, negation, idioms, "least").
    contribution
        What it adds to the sum: ``valence`` times the "but" factor.
    rules
        The rules applied, in order, each as readable text (``"negated by 'not' x-0.74"``).
    """

    position: int
    token: str
    lexicon: float
    valence: float
    contribution: float
    rules: tuple[str, ...]


@dataclass(frozen=True)
class VaderTrace:
    """The full computation of one text's VADER score (see :meth:`VaderEngine.trace`).

    ``compound == round(total / sqrt(total**2 + 15), 4)`` where ``total`` is ``sum`` plus the
    punctuation ``emphasis`` in the direction of its sign.
    """

    text: str
    tokens: tuple[str, ...]
    words: tuple[WordTrace, ...]
    sum: float
    emphasis: float
    total: float
    neg: float
    neu: float
    pos: float
    compound: float

    def scores(self) -> dict[str, float]:
        """Return the four scores as nltk's ``polarity_scores`` does."""
        return {"neg": self.neg, "neu": self.neu, "pos": self.pos, "compound": self.compound}


def _sign_word(value: float) -> str:
    return f"{value:+.3g}"


class VaderEngine:
    """nltk's VADER rules over a lexicon, exact and fast; build it with :func:`vader_engine`.

    Parameters
    ----------
    lexicon
        Word -> valence, as ``SentimentIntensityAnalyzer.lexicon``.
    constants
        An ``nltk.sentiment.vader.VaderConstants`` (negations, boosters, idioms, scalars).
    """

    def __init__(self, lexicon: dict[str, float], constants: Any) -> None:
        self.lexicon = lexicon
        self.negations = frozenset(constants.NEGATE)
        self.boosters: dict[str, float] = dict(constants.BOOSTER_DICT)
        self.idioms: dict[str, float] = dict(constants.SPECIAL_CASE_IDIOMS)
        self.punctuation_marks = frozenset(constants.PUNC_LIST)
        self.caps_increment: float = constants.C_INCR
        self.dampener: float = constants.B_DECR
        self.negation_scalar: float = constants.N_SCALAR

    # tokens -------------------------------------------------------------------------------
    def _strip(self, token: str) -> str:
        """Remove one run of punctuation before or after a word, as nltk does.

        nltk maps ``p + w`` and ``w + p`` to ``w`` when ``p`` is one of its punctuation marks
        (".", "!!", "?!?", ...) and ``w`` is a word of two or more characters without ASCII
        punctuation; anything else (emoticons, "(word)", "don't,") is kept as it is.
        """
        if token[0] in _PUNCTUATION_SET:
            word = token.lstrip(_PUNCTUATION)
            if (
                len(word) > 1
                and token[: len(token) - len(word)] in self.punctuation_marks
                and not _HAS_PUNCTUATION(word)
            ):
                return word
        if token[-1] in _PUNCTUATION_SET:
            word = token.rstrip(_PUNCTUATION)
            if len(word) > 1 and token[len(word) :] in self.punctuation_marks and not _HAS_PUNCTUATION(word):
                return word
        return token

    def tokens(self, text: str) -> list[str]:
        """Return the words VADER scores: whitespace tokens longer than one character, stripped.

        Examples
        --------
        >>> vader_engine().tokens("Good, GREAT!! :) (fine) a")
        ['Good', 'GREAT', ':)', '(fine)']
        """
        return [self._strip(token) for token in text.split() if len(token) > 1]

    # word-level rules ---------------------------------------------------------------------
    def _negated(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.negations or "n't" in lower

    def _booster(self, word: str, valence: float, caps_differ: bool) -> float:
        scalar = self.boosters.get(word.lower())
        if scalar is None:
            return 0.0
        if valence < 0:
            scalar *= -1
        if caps_differ and word.isupper():
            scalar = scalar + self.caps_increment if valence > 0 else scalar - self.caps_increment
        return scalar

    def _idiom(self, words: list[str], i: int, valence: float, rules: list[str] | None) -> float:
        before = (
            f"{words[i - 1]} {words[i]}",
            f"{words[i - 2]} {words[i - 1]} {words[i]}",
            f"{words[i - 2]} {words[i - 1]}",
            f"{words[i - 3]} {words[i - 2]} {words[i - 1]}",
            f"{words[i - 3]} {words[i - 2]}",
        )
        for phrase in before:
            if phrase in self.idioms:
                valence = self.idioms[phrase]
                if rules is not None:
                    rules.append(f"idiom '{phrase}' ={_sign_word(valence)}")
                break
        after = []
        if len(words) - 1 > i:
            after.append(f"{words[i]} {words[i + 1]}")
        if len(words) - 1 > i + 1:
            after.append(f"{words[i]} {words[i + 1]} {words[i + 2]}")
        for phrase in after:
            if phrase in self.idioms:
                valence = self.idioms[phrase]
                if rules is not None:
                    rules.append(f"idiom '{phrase}' ={_sign_word(valence)}")
        if before[4] in self.boosters or before[2] in self.boosters:
            valence = valence + self.dampener
            if rules is not None:
                phrase = before[4] if before[4] in self.boosters else before[2]
                rules.append(f"dampener '{phrase}' {_sign_word(self.dampener)}")
        return valence

    def _negation_window(self, words: list[str], i: int, back: int, valence: float, rules: list[str] | None) -> float:
        """nltk's ``_never_check`` for the word ``back + 1`` places before position ``i``."""
        factor, why = 1.0, ""
        if back == 0:
            if self._negated(words[i - 1]):
                factor, why = self.negation_scalar, f"negated by '{words[i - 1]}'"
        elif back == 1:
            if words[i - 2] == "never" and words[i - 1] in ("so", "this"):
                factor, why = _NEVER_SO, f"'never {words[i - 1]}'"
            elif self._negated(words[i - 2]):
                factor, why = self.negation_scalar, f"negated by '{words[i - 2]}'"
        elif (words[i - 3] == "never" and words[i - 2] in ("so", "this")) or words[i - 1] in ("so", "this"):
            factor, why = _SO_THIS, "'never so/this' or 'so/this' before"
        elif self._negated(words[i - 3]):
            factor, why = self.negation_scalar, f"negated by '{words[i - 3]}'"
        if why:
            valence = valence * factor
            if rules is not None:
                rules.append(f"{why} x{factor:g}")
        return valence

    def _valence(
        self, words: list[str], lowers: list[str], i: int, caps_differ: bool, rules: list[str] | None
    ) -> float:
        """The valence of the word at position ``i`` before the "but" rule (0 if not in the lexicon)."""
        lower = lowers[i]
        if lower in self.boosters or (lower == "kind" and i < len(words) - 1 and lowers[i + 1] == "of"):
            return 0
        lexicon_value = self.lexicon.get(lower)
        if lexicon_value is None:
            return 0
        valence = lexicon_value
        if caps_differ and words[i].isupper():
            valence = valence + self.caps_increment if valence > 0 else valence - self.caps_increment
            if rules is not None:
                rules.append(f"ALL CAPS {_sign_word(valence - lexicon_value)}")
        for back in range(3):
            if i > back and lowers[i - back - 1] not in self.lexicon:
                scalar = self._booster(words[i - back - 1], valence, caps_differ)
                if scalar != 0:
                    scalar = scalar * _DISTANCE[back] if back else scalar
                    if rules is not None:
                        rules.append(f"booster '{words[i - back - 1]}' {_sign_word(scalar)}")
                valence = valence + scalar
                valence = self._negation_window(words, i, back, valence, rules)
                if back == 2:
                    valence = self._idiom(words, i, valence, rules)
        least = i > 0 and lowers[i - 1] == "least" and "least" not in self.lexicon
        if least and (i == 1 or lowers[i - 2] not in ("at", "very")):
            valence = valence * self.negation_scalar
            if rules is not None:
                rules.append(f"'least' x{self.negation_scalar:g}")
        return valence

    # text-level rules ---------------------------------------------------------------------
    @staticmethod
    def _emphasis(text: str) -> float:
        exclamations = min(text.count("!"), 4) * _EXCLAMATION
        questions = text.count("?")
        if questions <= 1:
            return exclamations + 0
        return exclamations + (questions * _QUESTION if questions <= 3 else _QUESTION_MAX)

    @staticmethod
    def _finish(sentiments: list[float], text: str) -> tuple[float, float, float, float, float, float]:
        """Return (sum, emphasis, neg, neu, pos, compound) as nltk's ``score_valence``."""
        if not sentiments:
            return 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
        total = float(sum(sentiments))
        emphasis = VaderEngine._emphasis(text)
        raw = total
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        compound = total / math.sqrt(total * total + _ALPHA)
        pos_sum, neg_sum, neutral = 0.0, 0.0, 0
        for value in sentiments:
            if value > 0:
                pos_sum += float(value) + 1
            if value < 0:
                neg_sum += float(value) - 1
            if value == 0:
                neutral += 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += emphasis
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= emphasis
        whole = pos_sum + math.fabs(neg_sum) + neutral
        return (
            raw,
            emphasis,
            round(math.fabs(neg_sum / whole), 3),
            round(math.fabs(neutral / whole), 3),
            round(math.fabs(pos_sum / whole), 3),
            round(compound, 4),
        )

    def _run(
        self, text: str, rules_of: dict[str, list[str]] | None
    ) -> tuple[list[str], list[str], list[float], list[float]]:
        """Return (tokens, lower-cased tokens, valences before "but", contributions)."""
        words = self.tokens(text)
        lowers = [w.lower() for w in words]
        upper = sum(1 for w in words if w.isupper())
        caps_differ = 0 < len(words) - upper < len(words)
        first: dict[str, int] = {}
        for position, word in enumerate(words):
            first.setdefault(word, position)
        known: dict[str, float] = {}
        valences: list[float] = []
        for word in words:
            value = known.get(word)
            if value is None:
                rules = None
                if rules_of is not None:
                    rules = rules_of[word] = []
                value = known[word] = self._valence(words, lowers, first[word], caps_differ, rules)
            valences.append(value)
        sentiments = valences
        if "but" in lowers:
            at = lowers.index("but")
            sentiments = [
                v * _BEFORE_BUT if k < at else (v * _AFTER_BUT if k > at else v) for k, v in enumerate(valences)
            ]
        return words, lowers, valences, sentiments

    # public -------------------------------------------------------------------------------
    def polarity_scores(self, text: str) -> dict[str, float]:
        """Return ``{"neg", "neu", "pos", "compound"}`` exactly as nltk's analyzer does."""
        neg, neu, pos, compound = self.scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """Return ``(neg, neu, pos, compound)`` of one text (see :meth:`polarity_scores`)."""
        sentiments = self._run(text, None)[3]
        return self._finish(sentiments, text)[2:]

    def trace(self, text: str) -> VaderTrace:
        """Return the score of a text with every lexicon word's contribution and the rules behind it.

        Examples
        --------
        >>> t = vader_engine().trace("Talks were very good, but the outcome was NOT great.")
        >>> [(w.token, w.lexicon, round(w.contribution, 3)) for w in t.words]
        [('good', 1.9, 1.097), ('great', 3.1, -3.441)]
        >>> t.words[0].rules
        ("booster 'very' +0.293", "before 'but' x0.5")
        >>> t.compound
        -0.5179
        """
        rules_of: dict[str, list[str]] = {}
        words, lowers, valences, sentiments = self._run(text, rules_of)
        at = lowers.index("but") if "but" in lowers else -1
        first: dict[str, int] = {}
        traces = []
        for position, word in enumerate(words):
            first.setdefault(word, position)
            if lowers[position] not in self.lexicon:
                continue
            rules = list(rules_of[word])
            if first[word] != position:
                rules.append(f"context of its first occurrence (word {first[word]})")
            if at >= 0 and position != at and valences[position] != 0:
                factor = _BEFORE_BUT if position < at else _AFTER_BUT
                rules.append(f"{'before' if position < at else 'after'} 'but' x{factor:g}")
            traces.append(
                WordTrace(
                    position=position,
                    token=word,
                    lexicon=self.lexicon[lowers[position]],
                    valence=float(valences[position]),
                    contribution=float(sentiments[position]),
                    rules=tuple(rules),
                )
            )
        raw, emphasis, neg, neu, pos, compound = self._finish(sentiments, text)
        total = raw + emphasis if raw > 0 else (raw - emphasis if raw < 0 else raw)
        return VaderTrace(
            text=text,
            tokens=tuple(words),
            words=tuple(traces),
            sum=raw,
            emphasis=emphasis if raw != 0 else 0.0,
            total=total,
            neg=neg,
            neu=neu,
            pos=pos,
            compound=compound,
        )


@cache
def vader_engine() -> VaderEngine:
    """Return the engine over nltk's lexicon and constants, loaded offline (cached).

    Raises
    ------
    AnalysisError
        When the lexicon cannot be found (see :func:`analysis.resources.vader_analyzer`).
    """
    from .resources import vader_analyzer

    analyzer = vader_analyzer()
    return VaderEngine(analyzer.lexicon, analyzer.constants)
