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

More methods plug in with :func:`register_method`: any function from a list of texts to
score tuples; an object with a ``trace(text)`` method is explainable, and one with a
``for_config(config)`` method reads a corpus's own files (``"diplomatic"`` does).

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
>>> score_sentiment(["The talks were very friendly and successful.", "", "Sanctions are illegal and unfair."],
...     method="vader")
     neg    neu    pos  compound method
0  0.000  0.398  0.602    0.8204  vader
1  0.000  0.000  0.000    0.0000  vader
2  0.691  0.309  0.000   -0.7717  vader
>>> texts = ["The Comprehensive Strategic Partnership Treaty entered into force.", "Top diplomats met."]
>>> score_sentiment(texts, method="vader")["compound"].tolist(), score_sentiment(texts)["compound"].tolist()
([0.25, 0.2023], [0.0, 0.0])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from .vader import vader_engine

__all__ = [
    "DEFAULT_METHOD",
    "DICTIONARY_SUFFIXES",
    "SCORE_COLUMNS",
    "POSITIVE_THRESHOLD",
    "NEGATIVE_THRESHOLD",
    "SentimentError",
    "Scorer",
    "register_method",
    "unregister_method",
    "sentiment_methods",
    "scorer",
    "resolve_method",
    "method_name",
    "as_texts",
    "score_sentiment",
    "polarity",
]

#: The method of the reports and of :func:`score_sentiment` when none is given.
DEFAULT_METHOD = "diplomatic"
#: File suffixes read as dictionaries when given as a method (see :mod:`analysis.sentiment.dictionaries`).
DICTIONARY_SUFFIXES = (".lc3", ".cat", ".dic", ".yml", ".yaml")
#: The score columns every method returns, in order.
SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]
#: ``compound`` at or above this is positive (Hutto & Gilbert 2014; vaderSentiment docs).
POSITIVE_THRESHOLD = 0.05
#: ``compound`` at or below this is negative.
NEGATIVE_THRESHOLD = -0.05

#: A scorer takes a list of strings and returns one ``(neg, neu, pos, compound)`` per string.
Scorer = Callable[[list[str]], Iterable[tuple[float, float, float, float]]]


class SentimentError(AnalysisError):
    """Bad input or configuration of the sentiment stage (non-text values, unknown method, bad YAML)."""


# the registry ----------------------------------------------------------------------------------
_METHODS: dict[str, Scorer] = {}


def register_method(name: str, scorer: Scorer, *, replace: bool = False) -> None:
    """Register a sentiment method under a name usable as ``score_sentiment(..., method=name)``.

    Parameters
    ----------
    name
        The method's name.
    scorer
        A function from a list of texts to one ``(neg, neu, pos, compound)`` tuple per text,
        in order. It receives each distinct text once.
    replace
        Allow replacing an existing method of that name.

    Examples
    --------
    >>> register_method("length", lambda texts: [(0.0, 1.0, 0.0, min(len(t), 10) / 10) for t in texts])
    >>> score_sentiment(["abc"], method="length")["compound"].tolist()
    [0.3]
    >>> unregister_method("length")
    """
    if not name or not isinstance(name, str):
        raise SentimentError("a method needs a non-empty name")
    if name in _METHODS and not replace:
        raise SentimentError(f"method {name!r} is already registered (pass replace=True to replace it)")
    _METHODS[name] = scorer


def unregister_method(name: str) -> None:
    """Remove a registered method (the built-in ones can be removed too, and registered again).

    Raises
    ------
    SentimentError
        When no method has that name.
    """
    if _METHODS.pop(name, None) is None:
        raise SentimentError(f"unknown sentiment method {name!r} (known: {', '.join(sentiment_methods())})")


def sentiment_methods() -> list[str]:
    """Return the names of the registered methods.

    Examples
    --------
    >>> sentiment_methods()
    ['diplomatic', 'learned', 'vader', 'vader3', 'vader_nltk', 'vadersentiment']
    """
    return sorted(_METHODS)


class VaderMethod:
    """A VADER rule set as a method: a scorer with explanations (``trace``)."""

    def __init__(self, name: str, rules: str) -> None:
        self.name = name
        self.rules = rules

    def __call__(self, texts: list[str]) -> list[tuple[float, float, float, float]]:
        engine = vader_engine(self.rules)
        return [engine.scores(text) for text in texts]

    def trace(self, text: str) -> Any:
        """Explain one text (:meth:`analysis.sentiment.vader.VaderEngine.trace`)."""
        return vader_engine(self.rules).trace(text)

    def __deepcopy__(self, memo: dict) -> VaderMethod:
        return self  # immutable; pandas copies the attrs of a scored table

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VaderMethod) and (other.name, other.rules) == (self.name, self.rules)

    def __hash__(self) -> int:
        return hash((self.name, self.rules))


def _vader_nltk(texts: list[str]) -> list[tuple[float, float, float, float]]:
    from .lexicon import vader_analyzer

    analyzer = vader_analyzer()
    return [tuple(analyzer.polarity_scores(text)[c] for c in SCORE_COLUMNS) for text in texts]


@cache
def _vadersentiment_analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - it is a dependency
        raise SentimentError("method 'vadersentiment' needs the vaderSentiment package") from None
    return SentimentIntensityAnalyzer()


def _vadersentiment(texts: list[str]) -> list[tuple[float, float, float, float]]:
    analyzer = _vadersentiment_analyzer()
    return [tuple(analyzer.polarity_scores(text)[c] for c in SCORE_COLUMNS) for text in texts]


register_method("vader", VaderMethod("vader", "nltk"))
register_method("vader3", VaderMethod("vader3", "vader3"))
register_method("vader_nltk", _vader_nltk)
register_method("vadersentiment", _vadersentiment)


# scoring ----------------------------------------------------------------------------------
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


def _dictionary_file(method: str) -> bool:
    from pathlib import Path

    return method.lower().endswith(DICTIONARY_SUFFIXES) and Path(method).is_file()


def scorer(method: str | Scorer, config: Any = None) -> Scorer:
    """Return the scoring function of a method: a registered name, a dictionary file, or a scorer.

    Parameters
    ----------
    method
        A registered name (:func:`sentiment_methods`), the path of a dictionary file (one of
        :data:`DICTIONARY_SUFFIXES`), or a scorer (a callable; give it a ``name``).
    config
        A corpus folder or :class:`~analysis.corpus.config.Configuration`: a method that reads
        a corpus's files (``for_config``; ``"diplomatic"`` reads its actor registry, titles and
        adjustments) reads that corpus's. None: the default corpus's.

    Raises
    ------
    SentimentError
        For an unknown method, listing the known ones.
    """
    if callable(method):
        chosen: Scorer = method
    else:
        found = _METHODS.get(method)
        if found is None and isinstance(method, str) and _dictionary_file(method):
            from .dictionaries import load_dictionary

            found = load_dictionary(method)
        if found is None:
            raise SentimentError(
                f"unknown sentiment method {method!r} (known: {', '.join(sentiment_methods())}, or a dictionary "
                f"file ending in {', '.join(DICTIONARY_SUFFIXES)})"
            )
        chosen = found
    if config is not None and hasattr(chosen, "for_config"):
        chosen = chosen.for_config(config)  # type: ignore[union-attr]
    return chosen


def method_name(method: str | Scorer) -> str:
    """The name a method's scores carry in the ``method`` column.

    Examples
    --------
    >>> method_name("vader"), method_name(scorer("diplomatic"))
    ('vader', 'diplomatic')
    """
    return resolve_method(method)[0]


def resolve_method(method: str | Scorer, config: Any = None) -> tuple[str, Scorer]:
    """Return ``(name, scorer)`` of a method (see :func:`scorer` and :func:`method_name`)."""
    chosen = scorer(method, config)
    if isinstance(method, str) and method in _METHODS:
        return method, chosen
    return str(getattr(chosen, "name", None) or getattr(chosen, "__name__", None) or "custom"), chosen


def score_sentiment(
    texts: str | Iterable[str] | pd.Series, *, method: str | Scorer = DEFAULT_METHOD, config: Any = None
) -> pd.DataFrame:
    """Score each text (a sentence) with a sentiment method.

    Parameters
    ----------
    texts
        Strings (a list, a Series -- its index is kept -- or one string).
    method
        A registered method (:func:`sentiment_methods`), a dictionary file, or a scorer;
        :data:`DEFAULT_METHOD` (``"diplomatic"``) by default.
    config
        The corpus whose files a corpus-aware method reads (see :func:`scorer`).

    Returns
    -------
    pandas.DataFrame
        One row per text, in order: ``neg``, ``neu``, ``pos``, ``compound``, ``method``.
        Each distinct text is scored once.

    Raises
    ------
    SentimentError
        For a value that is not a string, or an unknown method.

    Examples
    --------
    >>> score_sentiment("Moscow firmly condemns the terrorist attack.", method="vader")["compound"].item()
    -0.9022
    >>> score_sentiment("Top diplomats met at the United Nations.")[["compound", "method"]].values.tolist()
    [[0.0, 'diplomatic']]
    """
    values, index = as_texts(texts)
    name, score = resolve_method(method, config)
    distinct = list(dict.fromkeys(values))
    scored = dict(zip(distinct, score(distinct), strict=True))
    frame = pd.DataFrame([scored[v] for v in values], columns=SCORE_COLUMNS, index=index, dtype="float64")
    if not values:
        frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in SCORE_COLUMNS}, index=index)
    frame["method"] = name
    frame.attrs["sentiment_method"] = score
    return frame


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
