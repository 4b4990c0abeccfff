"""Score sentence units: sentiment scores, polarity and boilerplate flags added to the table.

Examples
--------
>>> import pandas as pd
>>> units = pd.DataFrame({"unit_id": ["d:0-19"], "text": ["Ties are excellent."]})
>>> score_units(units)[["compound", "polarity", "boilerplate"]].values.tolist()
[[0.5719, 'positive', False]]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .boilerplate import BoilerplateSpec, flag_boilerplate
from .methods import DEFAULT_METHOD, SCORE_COLUMNS, Scorer, SentimentError, polarity, score_sentiment

__all__ = ["SCORED_COLUMNS", "score_units"]

#: The columns :func:`score_units` adds to a units table.
SCORED_COLUMNS = ["neg", "neu", "pos", "compound", "method", "polarity", "boilerplate", "boilerplate_rule"]


def _unit_ids(units: pd.DataFrame) -> pd.Series:
    if "unit_id" in units:
        return units["unit_id"].astype(str)
    if {"doc_id", "start", "end"} <= set(units.columns):
        return units["doc_id"].astype(str) + ":" + units["start"].astype(str) + "-" + units["end"].astype(str)
    return pd.Series([str(i) for i in units.index], index=units.index)


def score_units(
    units: pd.DataFrame,
    *,
    method: str | Scorer = DEFAULT_METHOD,
    boilerplate: BoilerplateSpec = None,
    config: Any = None,
) -> pd.DataFrame:
    """Score a table of sentence units and flag diplomatic boilerplate.

    Parameters
    ----------
    units
        A table with a ``text`` column: the sentence units of utterances
        (:func:`analysis.utterance_sentences`), the ``sentences`` table, or any table of
        sentences. Other columns are kept.
    method
        A sentiment method: a registered name, a dictionary file or a scorer
        (:func:`analysis.sentiment.methods.scorer`); ``"diplomatic"`` by default.
    boilerplate
        The boilerplate patterns: None for the package default, a ``boilerplate.yml`` file or
        a corpus folder, a sequence of :class:`BoilerplatePattern`, or False to flag nothing.
    config
        The corpus (a folder or its :class:`~analysis.corpus.config.Configuration`) whose actor
        registry, titles and adjustments ``"diplomatic"`` reads; None: the default corpus's.

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
    scores = score_sentiment(units["text"], method=method, config=config)
    for column in [*SCORE_COLUMNS, "method"]:
        frame[column] = scores[column].to_numpy()  # positional: the units' index may repeat
    frame["polarity"] = polarity(scores["compound"].to_numpy()) if len(frame) else pd.Series(dtype="object")
    rules = flag_boilerplate(units["text"], patterns=boilerplate).to_numpy()
    frame["boilerplate"] = (rules != "").astype(bool)
    frame["boilerplate_rule"] = rules
    frame.attrs["sentiment_method"] = scores.attrs["sentiment_method"]
    return frame
