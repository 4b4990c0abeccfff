"""Score texts and tables of sentence units: sentiment scores, polarity and boilerplate flags.

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
>>> units = pd.DataFrame({"unit_id": ["d:0-19"], "text": ["Ties are excellent."]})
>>> score_units(units)[["compound", "polarity", "boilerplate"]].values.tolist()
[[0.5719, 'positive', False]]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..schema import columns
from .boilerplate import BoilerplateSpec, flag_boilerplate
from .methods import (
    DEFAULT_METHOD,
    SCORE_COLUMNS,
    Scorer,
    SentimentError,
    SentimentMethod,
    SentimentResources,
    as_texts,
    method_languages,
    polarity,
)
from .registry import resolve_method

__all__ = ["SCORED_COLUMNS", "score_sentiment", "score_units", "unread_units", "method_name_of"]

#: The columns :func:`score_units` adds to a units table.
SCORED_COLUMNS = columns("scores")


def score_sentiment(
    texts: str | Iterable[str] | pd.Series,
    *,
    method: str | SentimentMethod | Scorer = DEFAULT_METHOD,
    resources: SentimentResources | None = None,
) -> pd.DataFrame:
    """Score each text (a sentence) with a sentiment method.

    Parameters
    ----------
    texts
        Strings (a list, a Series -- its index is kept -- or one string).
    method
        A registered method (:func:`~analysis.sentiment.registry.sentiment_methods`), a
        dictionary file, or a method object; :data:`~analysis.sentiment.methods.DEFAULT_METHOD`
        (``"diplomatic"``) by default.
    resources
        A study's actor registry, titles and adjustments, read by a method that reads them
        (``"diplomatic"``); None: the package's own (see
        :func:`~analysis.sentiment.registry.get_method`).

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
    name, chosen = resolve_method(method, resources)
    distinct = list(dict.fromkeys(values))
    scored = dict(zip(distinct, chosen.score(distinct), strict=True))
    frame = pd.DataFrame([scored[v] for v in values], columns=SCORE_COLUMNS, index=index, dtype="float64")
    if not values:
        frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in SCORE_COLUMNS}, index=index)
    frame["method"] = name
    frame.attrs["sentiment_method"] = chosen
    return frame


def unread_units(
    units: pd.DataFrame, method: str | SentimentMethod | Scorer, resources: SentimentResources | None = None
) -> np.ndarray | None:
    """Which units are in a language the method does not read (None: it reads every unit).

    A units table without a ``language`` column is read whole (as English); ``""`` (not given)
    is English. The method's languages are :func:`~analysis.sentiment.methods.method_languages`.

    Examples
    --------
    >>> units = pd.DataFrame({"text": ["Good.", "Хорошо."], "language": ["en", "ru"]})
    >>> unread_units(units, "vader").tolist()
    [False, True]
    >>> unread_units(units[["text"]], "vader") is None
    True
    """
    if "language" not in units or not len(units):
        return None
    codes = units["language"].fillna("").astype(str).replace("", "en").to_numpy()
    if set(codes) <= {"en"} and not _declares(method):
        return None
    reads = set(method_languages(resolve_method(method, resources)[1]))
    unread = np.array([code not in reads for code in codes], dtype=bool)
    return unread if unread.any() else None


def _declares(method: object) -> bool:
    """Whether a method object declares its languages (a name or a file is resolved to know)."""
    return not isinstance(method, SentimentMethod) or getattr(method, "languages", None) is not None


def method_name_of(method: str | SentimentMethod | Scorer, resources: SentimentResources | None = None) -> str:
    """The name a method's scores carry (see :func:`~analysis.sentiment.registry.resolve_method`)."""
    return resolve_method(method, resources)[0]


def _unit_ids(units: pd.DataFrame) -> pd.Series:
    if "unit_id" in units:
        return units["unit_id"].astype(str)
    if {"doc_id", "start", "end"} <= set(units.columns):
        return units["doc_id"].astype(str) + ":" + units["start"].astype(str) + "-" + units["end"].astype(str)
    return pd.Series([str(i) for i in units.index], index=units.index)


def score_units(
    units: pd.DataFrame,
    *,
    method: str | SentimentMethod | Scorer = DEFAULT_METHOD,
    boilerplate: BoilerplateSpec = None,
    resources: SentimentResources | None = None,
) -> pd.DataFrame:
    """Score a table of sentence units and flag diplomatic boilerplate.

    Parameters
    ----------
    units
        A table with a ``text`` column: the sentence units of utterances
        (:func:`analysis.utterance_sentences`), the ``sentences`` table, or any table of
        sentences. Other columns are kept.
    method
        A sentiment method: a registered name, a dictionary file or a method object
        (:func:`analysis.sentiment.registry.get_method`); ``"diplomatic"`` by default.
    boilerplate
        The boilerplate patterns: None for the package default, a ``boilerplate.yml`` file or
        a corpus folder, a sequence of :class:`BoilerplatePattern`, or False to flag nothing.
    resources
        A study's actor registry, titles and adjustments, which ``"diplomatic"`` reads (None:
        the package's own).

    Returns
    -------
    pandas.DataFrame
        The units with ``unit_id`` (added as ``"{doc_id}:{start}-{end}"`` when missing) and
        ``neg``, ``neu``, ``pos``, ``compound``, ``method``, ``polarity``, ``boilerplate``
        (bool) and ``boilerplate_rule`` (the matching pattern's id or ``""``). ``attrs["sentiment_method"]``
        holds the scorer, so that explanations use the method (and corpus) that scored.

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
    unread = unread_units(units, method, resources)
    if unread is None:
        scores = score_sentiment(units["text"], method=method, resources=resources)
        for column in [*SCORE_COLUMNS, "method"]:
            frame[column] = scores[column].to_numpy()  # positional: the units' index may repeat
        frame["polarity"] = polarity(scores["compound"].to_numpy()) if len(frame) else pd.Series(dtype="object")
    else:
        scores = score_sentiment(units["text"][~unread], method=method, resources=resources)
        for column in SCORE_COLUMNS:
            values = np.full(len(frame), np.nan)
            values[~unread] = scores[column].to_numpy()
            frame[column] = values
        frame["method"] = method_name_of(method, resources)
        frame["polarity"] = np.where(unread, "", polarity(frame["compound"].to_numpy()))
    rules = flag_boilerplate(units["text"], patterns=boilerplate).to_numpy()
    frame["boilerplate"] = (rules != "").astype(bool)
    frame["boilerplate_rule"] = rules
    frame.attrs["sentiment_method"] = scores.attrs["sentiment_method"]
    return frame
