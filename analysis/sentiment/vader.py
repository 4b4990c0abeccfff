"""VADER sentiment exactly as nltk or the vaderSentiment package computes it, faster, with the reasons.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis
of Social Media Text", ICWSM-14) adds up the lexicon valences of the words of a text after
adjusting each for its neighbours -- ALL-CAPS emphasis, booster and dampener words ("very",
"slightly") up to three words back, negations ("not", "never", "n't") up to three words back,
a few idioms, "least", and the contrastive "but" (words before it count half, words after it
one and a half) -- adds emphasis for "!" and "??", and maps the sum ``s`` to the compound score
``s / sqrt(s**2 + 15)``.

Two rule sets
-------------
The algorithm exists in two versions that share the lexicon but not every rule, and this
module re-implements both, each giving *identical* ``neg``, ``neu``, ``pos`` and ``compound``
values to its reference -- quirks included:

* ``rules="nltk"`` (:class:`VaderEngine`): the rules of ``nltk.sentiment.vader`` (nltk 3.9+),
  which kept the earlier VADER code. A repeated word takes the context of its first
  occurrence; "but" splits the text at its first occurrence; idioms are case-sensitive; "no"
  is a negative word. Constants are read from nltk (:func:`analysis.sentiment.lexicon.vader_analyzer`).
* ``rules="vader3"`` (:class:`~analysis.sentiment.vader3.Vader3Engine`): the rules of the authors' own package,
  ``vaderSentiment`` 3.3.2. Its differences, each isolated in one attribute or method of
  :class:`~analysis.sentiment.vader3.Vader3Engine`: emoji are replaced by their descriptions; every punctuation mark
  around a word is stripped and one-character tokens are kept; "no" negates the next words
  (and is not itself negative before a lexicon word); a repeated word is scored in its own
  context; "never so/this" two words back multiplies by 1.25 (nltk: 1.5); "without (a) doubt"
  is not a negation; idioms and "never so" match in any case; a booster n-gram ("kind of")
  adds its own value; the "but" rule rescales the first word holding an equal value (the
  package's ``list.index``), and the compound is clipped to [-1, 1]. The package has more
  booster words ("total", "major", ...) and other idioms ("to die for"), read from the
  installed package along with the lexicon and the emoji descriptions.

Both engines avoid the per-text work that makes the references slow (nltk builds a dictionary
of every word with every punctuation mark for every text; the package walks every character
for emoji and rescans lists). ``tests/test_sentiment_vader.py`` and
``tests/test_sentiment_vader3.py`` check the equality on fixtures, on random texts built from
the rule words (hypothesis), and on the 18,513 human-rated texts of Hutto & Gilbert when
``../shared/bench/sentiment`` is present.

The same pass can record, for every lexicon word, its lexicon valence, the rules that changed
it and its final contribution (:meth:`VaderEngine.trace`); the recorded contributions add up to
the score (``compound == normalize(sum(contributions) ± emphasis)``), so an explanation never
disagrees with the number it explains.

Examples
--------
>>> from analysis.sentiment.engines import vader_engine
>>> engine = vader_engine()
>>> engine.polarity_scores("The talks were not bad at all!")
{'neg': 0.0, 'neu': 0.656, 'pos': 0.344, 'compound': 0.484}
>>> [(w.token, w.lexicon, round(w.contribution, 3)) for w in engine.trace("The talks were not bad at all!").words]
[('bad', -2.5, 1.85)]
>>> vader_engine().scores("No problem."), vader_engine("vader3").scores("No problem.")
((1.0, 0.0, 0.0, -0.5994), (0.0, 0.307, 0.693, 0.3089))
>>> trace = vader_engine("vader3").trace("No problem at all 😀")
>>> [(w.token, w.contribution, w.rules) for w in trace.words]  # doctest: +NORMALIZE_WHITESPACE
[('No', 0.0, ("'no' before a lexicon word: a negation, not a word =0",)),
 ('problem', 1.258, ("negated by 'no' x-0.74",)),
 ('grinning', 1.5, ('from emoji 😀',))]
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["WordTrace", "VaderTrace", "VaderEngine"]

PUNCTUATION = string.punctuation
_PUNCTUATION_SET = frozenset(PUNCTUATION)
_HAS_PUNCTUATION = re.compile(f"[{re.escape(PUNCTUATION)}]").search
NOT_SPACE = re.compile(r"\S+")  # the tokens of str.split(), with their offsets

# Numbers that both references write inline in their methods (the others are read from them).
_EXCLAMATION = 0.292  # emphasis per "!", at most four
_QUESTION = 0.18  # emphasis per "?" when there are two or three
_QUESTION_MAX = 0.96  # emphasis for four or more "?"
_DISTANCE = (1.0, 0.95, 0.9)  # booster weight one, two and three words back
_SO_THIS = 1.25  # "never so ... good", "so good", "this good" (three-word window)
BEFORE_BUT, AFTER_BUT = 0.5, 1.5
ALPHA = 15  # compound = s / sqrt(s*s + alpha)


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
    punctuation ``emphasis`` in the direction of its sign (clipped to [-1, 1] under ``"vader3"``).
    ``tokens`` are the words scored: for ``"vader3"`` emoji have been replaced by their
    descriptions first, and ``text`` is the text as given. ``rule_set`` names the rules.
    ``masked`` lists the names masked before scoring (:mod:`analysis.sentiment.masking`; empty
    for the plain VADER rules) and ``notes`` what else the method did that no word shows (a
    word whose valence an adjustment set to 0, for example).
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
    rule_set: str = "nltk"
    masked: tuple[Any, ...] = ()
    notes: tuple[str, ...] = ()

    def scores(self) -> dict[str, float]:
        """Return the four scores as nltk's ``polarity_scores`` does."""
        return {"neg": self.neg, "neu": self.neu, "pos": self.pos, "compound": self.compound}


def sign_word(value: float) -> str:
    return f"{value:+.3g}"


def add_note(rules: list[str] | None, text: str) -> None:
    if rules is not None:
        rules.append(text)


class VaderEngine:
    """nltk's VADER rules over a lexicon, exact and fast (:func:`analysis.sentiment.engines.vader_engine` builds it).

    The class attributes and the methods marked *rule hook* are where the two rule sets
    differ; :class:`~analysis.sentiment.vader3.Vader3Engine` overrides them.

    Parameters
    ----------
    lexicon
        Word -> valence, as ``SentimentIntensityAnalyzer.lexicon``.
    constants
        An ``nltk.sentiment.vader.VaderConstants`` (negations, boosters, idioms, scalars).
    """

    #: Name of the rule set (:data:`analysis.sentiment.engines.RULE_SETS`).
    rule_set = "nltk"
    #: Factor of "never so/this" two words before a word.
    never_so = 1.5
    #: Whether "without (a) doubt" is exempt from the negation rule.
    without_doubt = False
    #: Whether a repeated word is scored in its own context (else in its first occurrence's).
    own_context = False
    #: Whether idioms, "never so/this" and booster n-grams are matched in lower case.
    lowercase_phrases = False

    def __init__(self, lexicon: dict[str, float], constants: Any) -> None:
        self._set_rules(
            lexicon,
            negations=constants.NEGATE,
            boosters=constants.BOOSTER_DICT,
            idioms=constants.SPECIAL_CASE_IDIOMS,
            caps_increment=constants.C_INCR,
            dampener=constants.B_DECR,
            negation_scalar=constants.N_SCALAR,
        )
        self.punctuation_marks = frozenset(constants.PUNC_LIST)

    def _set_rules(
        self,
        lexicon: dict[str, float],
        *,
        negations: Iterable[str],
        boosters: Mapping[str, float],
        idioms: Mapping[str, float],
        caps_increment: float,
        dampener: float,
        negation_scalar: float,
    ) -> None:
        self.lexicon = lexicon
        self.negations = frozenset(negations)
        self.boosters: dict[str, float] = dict(boosters)
        self.idioms: dict[str, float] = dict(idioms)
        self.caps_increment = caps_increment
        self.dampener = dampener
        self.negation_scalar = negation_scalar

    # tokens -------------------------------------------------------------------------------
    def prepare(self, text: str) -> str:
        """Rule hook: the text the tokens are taken from (nltk: the text itself)."""
        return text

    def _strip(self, token: str) -> str:
        """Remove one run of punctuation before or after a word, as nltk does.

        nltk maps ``p + w`` and ``w + p`` to ``w`` when ``p`` is one of its punctuation marks
        (".", "!!", "?!?", ...) and ``w`` is a word of two or more characters without ASCII
        punctuation; anything else (emoticons, "(word)", "don't,") is kept as it is.
        """
        if token[0] in _PUNCTUATION_SET:
            word = token.lstrip(PUNCTUATION)
            if (
                len(word) > 1
                and token[: len(token) - len(word)] in self.punctuation_marks
                and not _HAS_PUNCTUATION(word)
            ):
                return word
        if token[-1] in _PUNCTUATION_SET:
            word = token.rstrip(PUNCTUATION)
            if len(word) > 1 and token[len(word) :] in self.punctuation_marks and not _HAS_PUNCTUATION(word):
                return word
        return token

    def _split(self, prepared: str) -> list[str]:
        """Rule hook: whitespace tokens of the prepared text, as scored (nltk: longer than one character)."""
        return [self._strip(token) for token in prepared.split() if len(token) > 1]

    def tokens(self, text: str) -> list[str]:
        """Return the words VADER scores.

        Examples
        --------
        >>> from analysis.sentiment.engines import vader_engine
        >>> vader_engine().tokens("Good, GREAT!! :) (fine) a")
        ['Good', 'GREAT', ':)', '(fine)']
        >>> vader_engine("vader3").tokens("Good, GREAT!! :) (fine) a 🙂")
        ['Good', 'GREAT', ':)', 'fine', 'a', 'slightly', 'smiling', 'face']
        """
        return self._split(self.prepare(text))

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

    def _no_rule(self, lowers: list[str], i: int, valence: float, rules: list[str] | None) -> float:
        """Rule hook: the word "no" around position ``i`` (nltk: none, "no" is just a negative word)."""
        return valence

    def _ngram_boosters(self, before: tuple[str, ...], valence: float, rules: list[str] | None) -> float:
        """Rule hook: a booster bigram ending one or two words back ("kind of") dampens once."""
        if before[4] in self.boosters or before[2] in self.boosters:
            valence = valence + self.dampener
            phrase = before[4] if before[4] in self.boosters else before[2]
            add_note(rules, f"dampener '{phrase}' {sign_word(self.dampener)}")
        return valence

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
                add_note(rules, f"idiom '{phrase}' ={sign_word(valence)}")
                break
        after = []
        if len(words) - 1 > i:
            after.append(f"{words[i]} {words[i + 1]}")
        if len(words) - 1 > i + 1:
            after.append(f"{words[i]} {words[i + 1]} {words[i + 2]}")
        for phrase in after:
            if phrase in self.idioms:
                valence = self.idioms[phrase]
                add_note(rules, f"idiom '{phrase}' ={sign_word(valence)}")
        return self._ngram_boosters(before, valence, rules)

    def _negation_window(self, words: list[str], i: int, back: int, valence: float, rules: list[str] | None) -> float:
        """Negation (or "never so") by the word ``back + 1`` places before position ``i``."""
        factor, why = 1.0, ""
        if back == 0:
            if self._negated(words[i - 1]):
                factor, why = self.negation_scalar, f"negated by '{words[i - 1]}'"
        elif back == 1:
            if words[i - 2] == "never" and words[i - 1] in ("so", "this"):
                factor, why = self.never_so, f"'never {words[i - 1]}'"
            elif self.without_doubt and words[i - 2] == "without" and words[i - 1] == "doubt":
                why = "'without doubt' is no negation"
            elif self._negated(words[i - 2]):
                factor, why = self.negation_scalar, f"negated by '{words[i - 2]}'"
        elif (words[i - 3] == "never" and words[i - 2] in ("so", "this")) or words[i - 1] in ("so", "this"):
            factor, why = _SO_THIS, "'never so/this' or 'so/this' before"
        elif self.without_doubt and words[i - 3] == "without" and "doubt" in (words[i - 2], words[i - 1]):
            why = "'without ... doubt' is no negation"
        elif self._negated(words[i - 3]):
            factor, why = self.negation_scalar, f"negated by '{words[i - 3]}'"
        if why:
            valence = valence * factor
            add_note(rules, f"{why} x{factor:g}")
        return valence

    def _valence(
        self,
        words: list[str],
        lowers: list[str],
        i: int,
        caps_differ: bool,
        rules: list[str] | None,
    ) -> float:
        """The valence of the word at position ``i`` before the "but" rule (0 if not in the lexicon)."""
        lower = lowers[i]
        if lower in self.boosters or (lower == "kind" and i < len(words) - 1 and lowers[i + 1] == "of"):
            return 0
        lexicon_value = self.lexicon.get(lower)
        if lexicon_value is None:
            return 0
        valence = self._no_rule(lowers, i, lexicon_value, rules)
        if caps_differ and words[i].isupper():
            before = valence
            valence = valence + self.caps_increment if valence > 0 else valence - self.caps_increment
            add_note(rules, f"ALL CAPS {sign_word(valence - before)}")
        phrases = lowers if self.lowercase_phrases else words
        for back in range(3):
            if i > back and lowers[i - back - 1] not in self.lexicon:
                scalar = self._booster(words[i - back - 1], valence, caps_differ)
                if scalar != 0:
                    scalar = scalar * _DISTANCE[back] if back else scalar
                    add_note(rules, f"booster '{words[i - back - 1]}' {sign_word(scalar)}")
                valence = valence + scalar
                valence = self._negation_window(phrases, i, back, valence, rules)
                if back == 2:
                    valence = self._idiom(phrases, i, valence, rules)
        least = i > 0 and lowers[i - 1] == "least" and "least" not in self.lexicon
        if least and (i == 1 or lowers[i - 2] not in ("at", "very")):
            valence = valence * self.negation_scalar
            add_note(rules, f"'least' x{self.negation_scalar:g}")
        return valence

    # text-level rules ---------------------------------------------------------------------
    def _but(self, lowers: list[str], valences: list[float], notes: dict[int, list[str]] | None) -> list[float]:
        """Rule hook: halve the words before the first "but", add half to those after it."""
        if "but" not in lowers:
            return valences
        at = lowers.index("but")
        if notes is not None:
            for k, value in enumerate(valences):
                if k != at and value != 0:
                    factor = BEFORE_BUT if k < at else AFTER_BUT
                    notes.setdefault(k, []).append(f"{'before' if k < at else 'after'} 'but' x{factor:g}")
        return [v * BEFORE_BUT if k < at else (v * AFTER_BUT if k > at else v) for k, v in enumerate(valences)]

    @staticmethod
    def _emphasis(text: str) -> float:
        exclamations = min(text.count("!"), 4) * _EXCLAMATION
        questions = text.count("?")
        if questions <= 1:
            return exclamations + 0
        return exclamations + (questions * _QUESTION if questions <= 3 else _QUESTION_MAX)

    def _normalize(self, total: float) -> float:
        """Rule hook: the compound before rounding (nltk: not clipped)."""
        return total / math.sqrt(total * total + ALPHA)

    def _finish(self, sentiments: list[float], text: str) -> tuple[float, float, float, float, float, float]:
        """Return (sum, emphasis, neg, neu, pos, compound) as the references' ``score_valence``."""
        if not sentiments:
            return 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
        total = float(sum(sentiments))
        emphasis = self._emphasis(text)
        raw = total
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        compound = self._normalize(total)
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
        self, text: str, rules_at: dict[int, list[str]] | None = None, notes: dict[int, list[str]] | None = None
    ) -> tuple[str, list[str], list[str], list[float], list[float]]:
        """Return (prepared text, tokens, lower-cased tokens, valences before "but", contributions).

        ``rules_at`` collects the word-level rules by the position whose context was used,
        ``notes`` the "but" rules by position.
        """
        prepared = self.prepare(text)
        words = self._split(prepared)
        lowers = [w.lower() for w in words]
        upper = sum(map(str.isupper, words))
        caps_differ = 0 < len(words) - upper < len(words)
        lexicon = self.lexicon
        first: dict[str, int] = {}
        known: dict[int, float] = {}
        valences: list[float] = []
        for position, word in enumerate(words):
            if lowers[position] not in lexicon:
                valences.append(0)  # only lexicon words have a valence (the check is repeated in _valence)
                continue
            at = position if self.own_context else first.setdefault(word, position)
            value = known.get(at)
            if value is None:
                rules = None if rules_at is None else rules_at.setdefault(at, [])
                value = known[at] = self._valence(words, lowers, at, caps_differ, rules)
            valences.append(value)
        valences = self._text_rules(prepared, words, lowers, valences, notes)
        return prepared, words, lowers, valences, self._but(lowers, valences, notes)

    def _text_rules(
        self,
        prepared: str,
        words: list[str],
        lowers: list[str],
        valences: list[float],
        notes: dict[int, list[str]] | None,
    ) -> list[float]:
        """Rule hook: rules over the whole text before "but" (VADER has none; see the diplomatic rules)."""
        return valences

    def _origins(self, text: str) -> dict[int, str]:
        """Rule hook: token position -> where the token came from, when not from the text itself."""
        return {}

    # public -------------------------------------------------------------------------------
    def polarity_scores(self, text: str) -> dict[str, float]:
        """Return ``{"neg", "neu", "pos", "compound"}`` exactly as the reference analyzer does."""
        neg, neu, pos, compound = self.scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """Return ``(neg, neu, pos, compound)`` of one text (see :meth:`polarity_scores`)."""
        prepared, _, _, _, sentiments = self._run(text)
        return self._finish(sentiments, prepared)[2:]

    def trace(self, text: str) -> VaderTrace:
        """Return the score of a text with every lexicon word's contribution and the rules behind it.

        Examples
        --------
        >>> from analysis.sentiment.engines import vader_engine
        >>> t = vader_engine().trace("Talks were very good, but the outcome was NOT great.")
        >>> [(w.token, w.lexicon, round(w.contribution, 3)) for w in t.words]
        [('good', 1.9, 1.097), ('great', 3.1, -3.441)]
        >>> t.words[0].rules
        ("booster 'very' +0.293", "before 'but' x0.5")
        >>> t.compound
        -0.5179
        """
        rules_at: dict[int, list[str]] = {}
        notes: dict[int, list[str]] = {}
        prepared, words, lowers, valences, sentiments = self._run(text, rules_at, notes)
        origins = self._origins(text)
        first: dict[str, int] = {}
        traces = []
        for position, word in enumerate(words):
            at = position if self.own_context else first.setdefault(word, position)
            if lowers[position] not in self.lexicon:
                continue
            rules = [origins[position]] if position in origins else []
            rules += rules_at.get(at, ())
            if at != position:
                rules.append(f"context of its first occurrence (word {at})")
            rules += notes.get(position, ())
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
        raw, emphasis, neg, neu, pos, compound = self._finish(sentiments, prepared)
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
            rule_set=self.rule_set,
        )
