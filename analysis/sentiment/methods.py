"""Sentence sentiment with VADER: scores, the words behind them, and diplomatic boilerplate.

Methods
-------
All methods are VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text", ICWSM-14) over the lexicon shipped in the
``vaderSentiment`` package, fully offline (:mod:`analysis.sentiment.lexicon`):

* ``"vader"`` (the default): nltk's ``SentimentIntensityAnalyzer`` rules, computed by
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

More methods plug in with :func:`register_method`.

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

Diplomatic boilerplate
----------------------
Condolences and condemnations of terrorist attacks ("firmly condemns the terrorist attack and
expresses deep condolences", compound -0.92) are routine courtesy, not attitude. Sentences
matching a pattern of ``boilerplate.yml`` (package default, or a corpus folder's own) are
flagged by :func:`score_units` (``boilerplate``, ``boilerplate_rule``); the aggregations of
:mod:`analysis.sentiment.stats` can exclude them. Flagging never changes a score.

Examples
--------
>>> score_sentiment(["The talks were very friendly and successful.", "", "Sanctions are illegal and unfair."])
     neg    neu    pos  compound method
0  0.000  0.398  0.602    0.8204  vader
1  0.000  0.000  0.000    0.0000  vader
2  0.691  0.309  0.000   -0.7717  vader
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ..errors import AnalysisError
from ..paths import data_file
from .vader import VaderEngine, VaderTrace, vader_engine

__all__ = [
    "SCORE_COLUMNS",
    "POSITIVE_THRESHOLD",
    "NEGATIVE_THRESHOLD",
    "SentimentError",
    "Scorer",
    "register_method",
    "sentiment_methods",
    "score_sentiment",
    "polarity",
    "explainable_methods",
    "explain_sentiment",
    "explain_sentiments",
    "words_summary",
    "BoilerplatePattern",
    "load_boilerplate",
    "flag_boilerplate",
    "score_units",
]

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


# methods ----------------------------------------------------------------------------------
_METHODS: dict[str, Scorer] = {}
#: The methods with explanations, and the rule set of :func:`analysis.sentiment.vader.vader_engine` behind each.
_EXPLAINABLE = {"vader": "nltk", "vader3": "vader3"}


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
    >>> _ = _METHODS.pop("length")
    """
    if not name or not isinstance(name, str):
        raise SentimentError("a method needs a non-empty name")
    if name in _METHODS and not replace:
        raise SentimentError(f"method {name!r} is already registered (pass replace=True to replace it)")
    _METHODS[name] = scorer


def sentiment_methods() -> list[str]:
    """Return the names of the registered methods.

    Examples
    --------
    >>> sentiment_methods()
    ['vader', 'vader3', 'vader_nltk', 'vadersentiment']
    """
    return sorted(_METHODS)


def _vader(texts: list[str]) -> list[tuple[float, float, float, float]]:
    engine = vader_engine()
    return [engine.scores(text) for text in texts]


def _vader3(texts: list[str]) -> list[tuple[float, float, float, float]]:
    engine = vader_engine("vader3")
    return [engine.scores(text) for text in texts]


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


register_method("vader", _vader)
register_method("vader3", _vader3)
register_method("vader_nltk", _vader_nltk)
register_method("vadersentiment", _vadersentiment)


# scoring ----------------------------------------------------------------------------------
def _texts(texts: str | Iterable[str] | pd.Series) -> tuple[list[str], pd.Index]:
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


def _method(method: str) -> Scorer:
    scorer = _METHODS.get(method)
    if scorer is None:
        raise SentimentError(f"unknown sentiment method {method!r} (known: {', '.join(sentiment_methods())})")
    return scorer


def score_sentiment(texts: str | Iterable[str] | pd.Series, *, method: str = "vader") -> pd.DataFrame:
    """Score each text (a sentence) with a sentiment method.

    Parameters
    ----------
    texts
        Strings (a list, a Series -- its index is kept -- or one string).
    method
        A registered method (:func:`sentiment_methods`); ``"vader"`` by default.

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
    >>> score_sentiment("Moscow firmly condemns the terrorist attack.")["compound"].item()
    -0.9022
    """
    values, index = _texts(texts)
    scorer = _method(method)
    distinct = list(dict.fromkeys(values))
    scored = dict(zip(distinct, scorer(distinct), strict=True))
    frame = pd.DataFrame([scored[v] for v in values], columns=SCORE_COLUMNS, index=index, dtype="float64")
    if not values:
        frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in SCORE_COLUMNS}, index=index)
    frame["method"] = method
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


# explanations -----------------------------------------------------------------------------
#: Columns of :func:`explain_sentiments`.
EXPLANATION_COLUMNS = ["text_id", "position", "token", "lexicon", "valence", "contribution", "rules"]


def explainable_methods() -> list[str]:
    """Return the methods whose scores :func:`explain_sentiment` can explain.

    Examples
    --------
    >>> explainable_methods()
    ['vader', 'vader3']
    """
    return sorted(_EXPLAINABLE)


def _explainer(method: str) -> VaderEngine:
    rules = _EXPLAINABLE.get(method)
    if rules is None:
        _method(method)  # an unknown method gets the list of known ones
        raise SentimentError(f"method {method!r} has no explanations (explainable: {', '.join(explainable_methods())})")
    return vader_engine(rules)


def explain_sentiment(text: str, *, method: str = "vader") -> VaderTrace:
    """Return why a text scored as it did: every lexicon word, its valence and the rules.

    The contributions add up to the score: ``compound = round(t / sqrt(t**2 + 15), 4)`` with
    ``t = sum(contributions) +- emphasis`` (see :class:`analysis.sentiment.vader.VaderTrace`).

    Parameters
    ----------
    text
        One text (a sentence).
    method
        ``"vader"`` (nltk's rules, default) or ``"vader3"`` (vaderSentiment 3.3.2's rules).

    Raises
    ------
    SentimentError
        For a value that is not a string, or a method without explanations.

    Examples
    --------
    >>> trace = explain_sentiment("Moscow firmly condemns the terrorist attack.")
    >>> [(w.token, w.lexicon, round(w.contribution, 3)) for w in trace.words]
    [('condemns', -2.3, -2.3), ('terrorist', -3.7, -3.7), ('attack', -2.1, -2.1)]
    >>> trace.compound
    -0.9022
    >>> trace = explain_sentiment("No doubt, a good deal.", method="vader3")
    >>> [(w.token, round(w.contribution, 3)) for w in trace.words], trace.compound
    ([('No', 0.0), ('doubt', 1.11), ('good', 1.9)], 0.6136)
    """
    if not isinstance(text, str):
        raise SentimentError(f"cannot explain a {type(text).__name__}; give a string")
    return _explainer(method).trace(text)


def explain_sentiments(texts: str | Iterable[str] | pd.Series, *, method: str = "vader") -> pd.DataFrame:
    """Return the lexicon words behind the scores of many texts, one row per word.

    Parameters
    ----------
    texts
        Strings; with a Series (for example ``scored.set_index("unit_id")["text"]``) the
        ``text_id`` column holds its index labels, otherwise positions.
    method
        ``"vader"`` (default) or ``"vader3"`` (:func:`explainable_methods`).

    Returns
    -------
    pandas.DataFrame
        Columns ``text_id``, ``position`` (word index in the text's tokens), ``token``,
        ``lexicon`` (valence in the lexicon), ``valence`` (after caps, boosters, negation,
        idioms), ``contribution`` (after "but"), ``rules`` (the rules applied, ``"; "``-joined).

    Examples
    --------
    >>> explain_sentiments(["Not good.", "Fine"])[["text_id", "token", "contribution", "rules"]].values.tolist()
    [[0, 'good', -1.406, "negated by 'Not' x-0.74"], [1, 'Fine', 0.8, '']]
    """
    values, index = _texts(texts)
    engine = _explainer(method)
    rows = [
        (label, w.position, w.token, w.lexicon, w.valence, w.contribution, "; ".join(w.rules))
        for label, text in zip(index, values, strict=True)
        for w in engine.trace(text).words
    ]
    frame = pd.DataFrame(rows, columns=EXPLANATION_COLUMNS)
    return frame.astype({"position": "int64", "lexicon": "float64", "valence": "float64", "contribution": "float64"})


def words_summary(text: str, *, method: str = "vader") -> str:
    """Return the contributing words of a text as ``"word +1.9, other -2.5"``.

    Examples
    --------
    >>> words_summary("The summit was a great success, but the sanctions are unfair.")
    'great +1.55, success +1.35, unfair -3.15'
    >>> words_summary("No problem.", method="vader3")
    'problem +1.26'
    """
    return ", ".join(
        f"{w.token} {w.contribution:+.3g}"
        for w in explain_sentiment(text, method=method).words
        if round(w.contribution, 3) != 0
    )


# boilerplate ------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoilerplatePattern:
    """One kind of diplomatic boilerplate: an id, a description and a compiled regular expression."""

    id: str
    description: str
    regex: re.Pattern


_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def load_boilerplate(path: str | Path | None = None) -> tuple[BoilerplatePattern, ...]:
    """Load the boilerplate patterns (``boilerplate.yml``).

    Parameters
    ----------
    path
        A ``boilerplate.yml`` file, a corpus folder (its ``boilerplate.yml`` when present, the
        package default otherwise), or None for the package default.

    Raises
    ------
    SentimentError
        Naming the file and the problem (no such file, bad YAML, a bad id, a regex that does not compile).

    Examples
    --------
    >>> [p.id for p in load_boilerplate()][:3]
    ['condolences', 'sympathy', 'condemn_terrorism']
    """
    file = data_file(path, "boilerplate.yml")
    if not file.is_file():
        raise SentimentError(f"{file}: no such file")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SentimentError(f"{file}: not valid UTF-8 YAML ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise SentimentError(f"{file}: expected a mapping with a 'patterns' list")
    patterns = []
    for number, spec in enumerate(data["patterns"], start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str) or not spec["regex"].strip():
            raise SentimentError(f"{file}: pattern #{number} needs an id and a non-empty 'regex'")
        pattern_id = str(spec.get("id") or "")
        if not _ID.match(pattern_id):
            raise SentimentError(
                f"{file}: pattern #{number}: id {pattern_id!r} must be lower-case letters, digits or _"
            )
        try:
            regex = re.compile(spec["regex"], re.IGNORECASE)
        except re.error as exc:
            raise SentimentError(f"{file}: pattern {pattern_id!r}: bad regular expression ({exc})") from None
        patterns.append(BoilerplatePattern(pattern_id, str(spec.get("description") or ""), regex))
    return tuple(patterns)


BoilerplateSpec = str | Path | Sequence[BoilerplatePattern] | bool | None


def _boilerplate_patterns(spec: BoilerplateSpec) -> tuple[BoilerplatePattern, ...]:
    if spec is False:
        return ()
    if spec is None or spec is True:
        return load_boilerplate()
    if isinstance(spec, (str, Path)):
        return load_boilerplate(spec)
    return tuple(spec)


def flag_boilerplate(texts: str | Iterable[str] | pd.Series, *, patterns: BoilerplateSpec = None) -> pd.Series:
    """Return, per text, the id of the first boilerplate pattern it matches (``""`` when none).

    Parameters
    ----------
    texts
        Sentences.
    patterns
        None for the package default, a file or corpus folder, a sequence of
        :class:`BoilerplatePattern`, or False for none.

    Examples
    --------
    >>> flag_boilerplate(["Moscow firmly condemns the terrorist attack and expresses deep condolences.",
    ...     "Iran condemns the US strikes on its territory."]).tolist()
    ['condolences', '']
    """
    values, index = _texts(texts)
    rules = _boilerplate_patterns(patterns)

    def first(text: str) -> str:
        return next((p.id for p in rules if p.regex.search(text)), "")

    return pd.Series([first(t) for t in values], index=index, name="boilerplate_rule", dtype="object")


# units ------------------------------------------------------------------------------------
def _unit_ids(units: pd.DataFrame) -> pd.Series:
    if "unit_id" in units:
        return units["unit_id"].astype(str)
    if {"doc_id", "start", "end"} <= set(units.columns):
        return units["doc_id"].astype(str) + ":" + units["start"].astype(str) + "-" + units["end"].astype(str)
    return pd.Series([str(i) for i in units.index], index=units.index)


def score_units(units: pd.DataFrame, *, method: str = "vader", boilerplate: BoilerplateSpec = None) -> pd.DataFrame:
    """Score a table of sentence units and flag diplomatic boilerplate.

    Parameters
    ----------
    units
        A table with a ``text`` column: the sentence units of utterances
        (:func:`analysis.utterance_sentences`), the ``sentences`` table, or any table of
        sentences. Other columns are kept.
    method
        A registered sentiment method.
    boilerplate
        The boilerplate patterns: None for the package default, a ``boilerplate.yml`` file or
        a corpus folder, a sequence of :class:`BoilerplatePattern`, or False to flag nothing.

    Returns
    -------
    pandas.DataFrame
        The units with ``unit_id`` (added as ``"{doc_id}:{start}-{end}"`` when missing) and
        ``neg``, ``neu``, ``pos``, ``compound``, ``method``, ``polarity``, ``boilerplate``
        (bool) and ``boilerplate_rule`` (the matching pattern's id or ``""``).

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 40], "end": [39, 70],
    ...     "text": ["Lavrov expressed deep condolences.", "Ties are excellent."]})
    >>> score_units(units)[["unit_id", "compound", "polarity", "boilerplate"]].values.tolist()
    [['d:0-39', 0.0, 'neutral', True], ['d:40-70', 0.5719, 'positive', False]]
    """
    if "text" not in units:
        raise SentimentError("the units table has no 'text' column")
    frame = units.copy()
    frame["unit_id"] = _unit_ids(units)
    scores = score_sentiment(units["text"], method=method)
    for column in [*SCORE_COLUMNS, "method"]:
        frame[column] = scores[column].to_numpy()  # positional: the units' index may repeat
    frame["polarity"] = polarity(scores["compound"].to_numpy()) if len(frame) else pd.Series(dtype="object")
    rules = flag_boilerplate(units["text"], patterns=boilerplate).to_numpy()
    frame["boilerplate"] = (rules != "").astype(bool)
    frame["boilerplate_rule"] = rules
    return frame
