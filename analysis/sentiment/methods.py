"""Sentence sentiment: the registry of scoring methods, VADER by default, and the thresholds of polarity.

Methods
-------
The built-in methods are VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model
for Sentiment Analysis of Social Media Text", ICWSM-14) over the lexicon shipped in the
``vaderSentiment`` package, fully offline (:mod:`analysis.sentiment.lexicon`), plus the
dictionaries users bring and a learned model:

* ``"diplomatic"`` (:data:`DEFAULT_METHOD`, used by the reports): VADER with nltk's rules that
  reads diplomatic language (:mod:`analysis.sentiment.diplomatic`) -- names of actors,
  organisations and agreements masked, the adjustments of ``diplomatic.yml`` (each with its
  rationale), accusations read as accusations. On a text without names or adjusted words it
  equals ``"vader"``.

* ``"vader"``: nltk's ``SentimentIntensityAnalyzer`` rules, computed by
  :mod:`analysis.sentiment.vader` -- identical numbers, four to five times faster than nltk, with
  explanations. Choose it to reproduce nltk-based work or results made with this default.
* ``"vader3"``: the rules of the authors' own package, ``vaderSentiment`` 3.3.2 (emoji,
  "no problem", punctuation around words, repeated words), computed by the same engine --
  identical numbers to that package, faster, with explanations. Choose it to meet "no worse
  than VADER's own code" (it equals the package on all 18,513 human-rated texts), for review-
  like text (Pearson r with human ratings, ``"vader3"`` vs ``"vader"``: Amazon 0.590 vs 0.571,
  movies 0.427 vs 0.422; tweets 0.872 vs 0.878) and for text with emoji.
* ``"vader_nltk"`` and ``"vadersentiment"`` call nltk and the package themselves (the
  references; slower, no explanations).

* a dictionary file -- Lexicoder ``.lc3``/``.cat``, LIWC ``.dic``, quanteda YAML -- given as
  ``method="path/to/file.lc3"`` or loaded with :func:`analysis.sentiment.dictionaries.load_dictionary`
  (counts of positive and negative matches; see that module).
* ``"learned"``: a ridge regression over VADER features and word n-grams trained on the
  human-rated sets (:mod:`analysis.sentiment.learned`); an option, not the default (it does not
  beat VADER on every held-out set).

A method is a :class:`SentimentMethod` (a ``name`` and ``score(texts)``), with optional parts
declared as protocols of their own: :class:`ExplainableMethod` (``trace(text)``: the words and
rules behind a score), :class:`ResourceAwareMethod` (``with_resources(resources)``: the same
method reading a study's names, titles and adjustments, as ``"diplomatic"`` does) and
:class:`TrainableMethod` (``fit(texts, ratings)``). The built-in methods are listed explicitly
in :mod:`analysis.sentiment.registry`; more plug in with
:func:`~analysis.sentiment.registry.register_method`, and
:func:`~analysis.sentiment.registry.check_sentiment_method` checks that a method keeps the
contract (every built-in passes it).

Every method returns, per text, ``neg``, ``neu`` and ``pos`` (shares of the text's weight,
summing to about 1) and ``compound``, the normalised sum in [-1, 1]. Score *sentences*: the
compound saturates on long passages (a sum of 10 already gives 0.93). A text without a word of
two or more characters (``""``, ``"   "``, ``"a"``) scores 0 on all four, as in nltk -- so it
counts as *neutral* (``"vader3"``, like the package, gives ``"a"`` ``neu`` 1.0 instead); a
100 KB text is scored in linear time; a value that is not a ``str`` (``None``, NaN, bytes,
numbers) raises :class:`SentimentError` naming its position.

A sentence is *positive* when ``compound >= 0.05``, *negative* when ``compound <= -0.05`` and
*neutral* in between -- the thresholds recommended with VADER (Hutto & Gilbert 2014; the
``vaderSentiment`` documentation).

nltk's VADER and the vaderSentiment package
-------------------------------------------
Both read the same lexicon, but the ``vaderSentiment`` 3.3.2 package changed rules that nltk
(3.9, 3.10) kept from the earlier code: it treats "no" as a negation of the next words rather
than as a negative word ("no problem" is positive there, negative in nltk); it strips every
punctuation mark around a word (nltk strips one run from a fixed list, so ``good!!!!`` and
``(good)`` are not found in the lexicon); it scores a repeated word in its own context (nltk
reuses the context of the word's first occurrence); its "but" rule rescales the first word
holding an equal value, not always the word itself; it replaces emoji by their descriptions; it
does not negate after "without (a) doubt", has more booster words and other idioms ("to die
for"), and clips the compound to +-1 (:mod:`analysis.sentiment.vader` lists every difference).
On the 18,513 human-rated texts of Hutto & Gilbert the compound differs on 5.7 % of the Amazon
review snippets (211 of 3,708), 5.8 % of the movie review snippets (615 of 10,605) and 8.8 % of
the tweets (370 of 4,200); the differing texts mostly contain a repeated word, punctuation
around a word, "no" or "but" (the sets hold no emoji). Pearson r with the mean human rating,
nltk rules vs vaderSentiment 3.3.2 rules: Amazon 0.571 vs 0.590, movies 0.422 vs 0.427, tweets
0.878 vs 0.872 (``benchmarks/sentiment.py``). ``method="vader3"`` runs the package's rules in our engine
(equal to the package on all 18,513 texts).

Examples
--------
>>> method = VaderMethod("vader", "nltk")
>>> isinstance(method, SentimentMethod), isinstance(method, ExplainableMethod)
(True, True)
>>> method.score(["The talks were very friendly and successful.", "", "Sanctions are illegal and unfair."])
[(0.0, 0.398, 0.602, 0.8204), (0.0, 0.0, 0.0, 0.0), (0.691, 0.309, 0.0, -0.7717)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..schema import columns
from .engines import vader_engine
from .vader import VaderTrace

if TYPE_CHECKING:
    from ..corpus.registry import ActorRegistry
    from .diplomatic import Adjustments
    from .masking import Titles

__all__ = [
    "DEFAULT_METHOD",
    "DICTIONARY_SUFFIXES",
    "SCORE_COLUMNS",
    "POSITIVE_THRESHOLD",
    "NEGATIVE_THRESHOLD",
    "Scores",
    "SentimentError",
    "SentimentMethod",
    "ExplainableMethod",
    "ResourceAwareMethod",
    "TrainableMethod",
    "SentimentResources",
    "Scorer",
    "FunctionMethod",
    "VaderMethod",
    "ReferenceMethod",
    "as_texts",
    "DEFAULT_LANGUAGES",
    "method_languages",
    "polarity",
]

#: The method of the reports and of :func:`~analysis.sentiment.scoring.score_sentiment` when none is given.
DEFAULT_METHOD = "diplomatic"
#: File suffixes read as dictionaries when given as a method (see :mod:`analysis.sentiment.dictionaries`).
DICTIONARY_SUFFIXES = (".lc3", ".cat", ".dic", ".yml", ".yaml")
#: The score columns every method returns, in order.
SCORE_COLUMNS = columns("scores")[:4]
#: ``compound`` at or above this is positive (Hutto & Gilbert 2014; vaderSentiment docs).
POSITIVE_THRESHOLD = 0.05
#: ``compound`` at or below this is negative.
NEGATIVE_THRESHOLD = -0.05

#: The scores of one text: ``(neg, neu, pos, compound)``.
Scores = tuple[float, float, float, float]
#: A bare scoring function: a list of strings to one :data:`Scores` per string (wrap it in
#: :class:`FunctionMethod`, or register it, to use it as a method).
Scorer = Callable[[list[str]], Iterable[Scores]]


class SentimentError(AnalysisError):
    """Bad input or configuration of the sentiment stage (non-text values, unknown method, bad YAML)."""


# the protocols ------------------------------------------------------------------------------------
@runtime_checkable
class SentimentMethod(Protocol):
    """A sentiment method: a name and one :data:`Scores` tuple per text, in order.

    ``score`` receives each distinct text once (:func:`~analysis.sentiment.scoring.score_sentiment`
    deduplicates); it must accept any string, the empty one included, and score a text the same
    way whatever the other texts of the call.
    """

    name: str

    def score(self, texts: Sequence[str]) -> list[Scores]:
        """Return ``(neg, neu, pos, compound)`` for each text, in order."""
        ...


@runtime_checkable
class ExplainableMethod(SentimentMethod, Protocol):
    """Optional part: a method that can say why a text scored as it did."""

    def trace(self, text: str) -> VaderTrace:
        """Return the words, rules and masked names behind the score of one text."""
        ...


@runtime_checkable
class SentimentResources(Protocol):
    """What a resource-aware method reads from a study (:class:`analysis.pipeline.study.Study` has it)."""

    @property
    def actors(self) -> ActorRegistry: ...

    @property
    def titles(self) -> Titles: ...

    @property
    def adjustments(self) -> Adjustments: ...


@runtime_checkable
class ResourceAwareMethod(SentimentMethod, Protocol):
    """Optional part: a method that reads a study's names, titles and adjustments."""

    def with_resources(self, resources: SentimentResources) -> SentimentMethod:
        """Return the same method reading these resources instead of the package defaults."""
        ...


@runtime_checkable
class TrainableMethod(SentimentMethod, Protocol):
    """Optional part: a method whose weights are learned from rated texts."""

    def fit(self, texts: Sequence[str], ratings: Sequence[float]) -> TrainableMethod:
        """Learn from texts and their ratings (-4 .. +4); return the fitted method."""
        ...


# the methods of this module -------------------------------------------------------------------
class FunctionMethod:
    """A bare scoring function as a :class:`SentimentMethod`.

    Examples
    --------
    >>> method = FunctionMethod("length", lambda texts: [(0.0, 1.0, 0.0, min(len(t), 10) / 10) for t in texts])
    >>> method.score(["abc"])
    [(0.0, 1.0, 0.0, 0.3)]
    """

    def __init__(self, name: str, function: Scorer) -> None:
        if not name or not isinstance(name, str):
            raise SentimentError("a method needs a non-empty name")
        if not callable(function):
            raise SentimentError(f"method {name!r}: {function!r} is not callable")
        self.name = name
        self.function = function

    def score(self, texts: Sequence[str]) -> list[Scores]:
        return [tuple(map(float, row)) for row in self.function(list(texts))]  # type: ignore[misc]

    def __call__(self, texts: Sequence[str]) -> list[Scores]:
        return self.score(texts)

    def __repr__(self) -> str:
        return f"FunctionMethod({self.name!r})"


class VaderMethod:
    """A VADER rule set as a method: a scorer with explanations (``trace``)."""

    def __init__(self, name: str, rules: str) -> None:
        self.name = name
        self.rules = rules

    def score(self, texts: Sequence[str]) -> list[Scores]:
        engine = vader_engine(self.rules)
        return [engine.scores(text) for text in texts]

    __call__ = score

    def trace(self, text: str) -> VaderTrace:
        """Explain one text (:meth:`analysis.sentiment.vader.VaderEngine.trace`)."""
        return vader_engine(self.rules).trace(text)

    def __deepcopy__(self, memo: dict) -> VaderMethod:
        return self  # immutable; pandas copies the attrs of a scored table

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VaderMethod) and (other.name, other.rules) == (self.name, self.rules)

    def __hash__(self) -> int:
        return hash((self.name, self.rules))

    def __repr__(self) -> str:
        return f"VaderMethod({self.name!r}, {self.rules!r})"


class ReferenceMethod:
    """The reference implementations of VADER, called themselves: nltk's analyzer or the
    ``vaderSentiment`` package's (slower than :class:`VaderMethod`, no explanations)."""

    def __init__(self, name: str) -> None:
        if name not in ("vader_nltk", "vadersentiment"):
            raise SentimentError(f"no reference implementation named {name!r}")
        self.name = name

    def score(self, texts: Sequence[str]) -> list[Scores]:
        analyzer = _nltk_analyzer() if self.name == "vader_nltk" else _vadersentiment_analyzer()
        return [tuple(analyzer.polarity_scores(text)[c] for c in SCORE_COLUMNS) for text in texts]  # type: ignore[misc]

    __call__ = score

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReferenceMethod) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"ReferenceMethod({self.name!r})"


def _nltk_analyzer() -> Any:
    from .lexicon import vader_analyzer

    return vader_analyzer()


@cache
def _vadersentiment_analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - it is a dependency
        raise SentimentError("method 'vadersentiment' needs the vaderSentiment package") from None
    return SentimentIntensityAnalyzer()


# texts and polarity ----------------------------------------------------------------------------
def as_texts(texts: str | Iterable[str] | pd.Series) -> tuple[list[str], pd.Index]:
    """Return the texts as a list with their index, checking every value is a string.

    Raises
    ------
    SentimentError
        Naming the first value that is not a string.

    Examples
    --------
    >>> as_texts(pd.Series(["a", "b"], index=[3, 4]))
    (['a', 'b'], Index([3, 4], dtype='int64'))
    """
    if isinstance(texts, str):
        texts = [texts]
    if isinstance(texts, pd.Series):
        values, index = texts.tolist(), texts.index
    else:
        values = list(texts)
        index = pd.RangeIndex(len(values))
    for label, value in zip(index, values, strict=True):
        if not isinstance(value, str):
            missing = value is None or (isinstance(value, float) and np.isnan(value))
            kind = "missing" if missing else type(value).__name__
            hint = "; decode bytes to str first" if isinstance(value, (bytes, bytearray)) else ""
            raise SentimentError(f"text {label!r} is {kind}, not a string{hint}")
    return values, index


#: The languages a method reads when it declares none: the built-in lexicons and models are English.
DEFAULT_LANGUAGES = ("en",)


def method_languages(method: object) -> tuple[str, ...]:
    """The languages (ISO 639-1 codes) a sentiment method reads: its ``languages`` attribute, else English.

    A method may declare ``languages`` (a user's Russian dictionary declares ``("ru",)``, a
    model trained on coded Russian units the same); units in other languages are not scored
    (:func:`~analysis.sentiment.scoring.score_units` gives them NaN), so that an English lexicon
    never scores Russian text.

    Examples
    --------
    >>> method_languages(FunctionMethod("mine", lambda texts: [(0.0, 1.0, 0.0, 0.0)] * len(texts)))
    ('en',)
    """
    declared = getattr(method, "languages", None)
    if not declared:
        return DEFAULT_LANGUAGES
    if isinstance(declared, str):
        declared = (declared,)
    return tuple(str(code).strip().lower() for code in declared)


def polarity(compound: float | Sequence[float] | pd.Series | np.ndarray) -> Any:
    """Classify compound scores as ``"positive"``, ``"neutral"`` or ``"negative"`` (thresholds +-0.05).

    Examples
    --------
    >>> polarity(0.05), polarity(-0.2), polarity(0.0)
    ('positive', 'negative', 'neutral')
    >>> polarity(pd.Series([0.5, -0.5])).tolist()
    ['positive', 'negative']
    """
    if np.ndim(compound) == 0:
        value = float(compound)  # type: ignore[arg-type]
        if value >= POSITIVE_THRESHOLD:
            return "positive"
        return "negative" if value <= NEGATIVE_THRESHOLD else "neutral"
    values = np.asarray(compound, dtype="float64")
    labels = np.where(
        values >= POSITIVE_THRESHOLD, "positive", np.where(values <= NEGATIVE_THRESHOLD, "negative", "neutral")
    )
    if isinstance(compound, pd.Series):
        return pd.Series(labels, index=compound.index, name="polarity")
    return labels
