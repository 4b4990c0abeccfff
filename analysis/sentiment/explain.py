"""Why a sentence scored as it did: the words, their valences, the rules applied and what was masked.

Explanations come from the method itself, so they never disagree with the score: our VADER
engine (:mod:`analysis.sentiment.vader`) records every step for ``"vader"`` (nltk's rules) and
``"vader3"`` (the vaderSentiment 3.3.2 package's); ``"diplomatic"`` adds the masked names and
the adjusted words (:mod:`analysis.sentiment.diplomatic`); a dictionary lists its matches
(:mod:`analysis.sentiment.dictionaries`); the learned model lists the features that moved its
prediction (:mod:`analysis.sentiment.learned`). Any method with a ``trace(text)`` method is
explainable.

How the two VADER rule sets differ is told in :mod:`analysis.sentiment.methods`.

Examples
--------
>>> words_summary("The summit was a great success, but the sanctions are unfair.", method="vader")
'great +1.55, success +1.35, unfair -3.15'
>>> words_summary("Top diplomats met at the Security Council.")
'masked: Security Council; not scored: top'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..schema import columns
from .methods import (
    DEFAULT_METHOD,
    ExplainableMethod,
    Scorer,
    SentimentError,
    SentimentMethod,
    SentimentResources,
    as_texts,
)
from .registry import explainable_methods, get_method, method_name
from .vader import VaderTrace

__all__ = [
    "EXPLANATION_COLUMNS",
    "explain_sentiment",
    "explain_sentiments",
    "words_summary",
]

#: Columns of :func:`explain_sentiments`.
EXPLANATION_COLUMNS = columns("explanations")


def _explainer(method: str | SentimentMethod | Scorer, resources: SentimentResources | None = None) -> Any:
    chosen = get_method(method, resources)  # an unknown method gets the list of known ones
    if not isinstance(chosen, ExplainableMethod):
        raise SentimentError(
            f"method {method_name(method)!r} has no explanations (explainable: {', '.join(explainable_methods())})"
        )
    return chosen


def explain_sentiment(
    text: str, *, method: str | SentimentMethod | Scorer = DEFAULT_METHOD, resources: SentimentResources | None = None
) -> VaderTrace:
    """Return why a text scored as it did: every scored word, its valence and the rules, and what was masked.

    For the VADER methods the contributions add up to the score: ``compound = round(t / sqrt(t**2
    + 15), 4)`` with ``t = sum(contributions) +- emphasis`` (see
    :class:`analysis.sentiment.vader.VaderTrace`); ``masked`` lists the masked names and
    ``notes`` the words an adjustment stopped scoring.

    Parameters
    ----------
    text
        One text (a sentence).
    method
        An explainable method (:func:`explainable_methods`), a dictionary file or method object
        with a ``trace``; :data:`~analysis.sentiment.methods.DEFAULT_METHOD` by default.
    resources
        A study's resources, read by a method that reads them (see
        :func:`analysis.sentiment.registry.get_method`); None: the package's own.

    Raises
    ------
    SentimentError
        For a value that is not a string, or a method without explanations.

    Examples
    --------
    >>> trace = explain_sentiment("Moscow firmly condemns the terrorist attack.", method="vader")
    >>> [(w.token, w.lexicon, round(w.contribution, 3)) for w in trace.words]
    [('condemns', -2.3, -2.3), ('terrorist', -3.7, -3.7), ('attack', -2.1, -2.1)]
    >>> trace.compound
    -0.9022
    >>> trace = explain_sentiment("No doubt, a good deal.", method="vader3")
    >>> [(w.token, round(w.contribution, 3)) for w in trace.words], trace.compound
    ([('No', 0.0), ('doubt', 1.11), ('good', 1.9)], 0.6136)
    >>> [m.text for m in explain_sentiment("Lavrov hailed the United Nations.").masked]
    ['Lavrov', 'United Nations']
    """
    if not isinstance(text, str):
        raise SentimentError(f"cannot explain a {type(text).__name__}; give a string")
    return _explainer(method, resources).trace(text)


def _rows(label: Any, trace: Any) -> list[tuple]:
    rows = [(label, w.position, w.token, w.lexicon, w.valence, w.contribution, "; ".join(w.rules)) for w in trace.words]
    tokens = [t.lower() for t in trace.tokens]
    for span in getattr(trace, "masked", ()):
        position = len(trace.text[: span.start].split())
        rows.append((label, position, span.text, float("nan"), 0.0, 0.0, f"masked name ({span.source})"))
    for note in getattr(trace, "notes", ()):
        word = note.split("'")[1] if note.count("'") >= 2 else ""
        position = tokens.index(word) if word in tokens else -1
        rows.append((label, position, word, float("nan"), 0.0, 0.0, note))
    return rows


def explain_sentiments(
    texts: str | Iterable[str] | pd.Series,
    *,
    method: str | SentimentMethod | Scorer = DEFAULT_METHOD,
    resources: SentimentResources | None = None,
) -> pd.DataFrame:
    """Return the words behind the scores of many texts, one row per scored, masked or neutralised word.

    Parameters
    ----------
    texts
        Strings; with a Series (for example ``scored.set_index("unit_id")["text"]``) the
        ``text_id`` column holds its index labels, otherwise positions.
    method, resources
        As :func:`explain_sentiment`.

    Returns
    -------
    pandas.DataFrame
        Columns ``text_id``, ``position`` (word index in the text's tokens), ``token``,
        ``lexicon`` (valence in the lexicon), ``valence`` (after caps, boosters, negation,
        idioms), ``contribution`` (after "but"), ``rules`` (the rules applied, ``"; "``-joined).
        A masked name or a word an adjustment stopped scoring is a row with contribution 0,
        ``lexicon`` NaN and the reason in ``rules``.

    Examples
    --------
    >>> explain_sentiments(["Not good.", "Fine"], method="vader")[["text_id", "token", "contribution", "rules"]
    ...     ].values.tolist()
    [[0, 'good', -1.406, "negated by 'Not' x-0.74"], [1, 'Fine', 0.8, '']]
    >>> explain_sentiments(["The UN Security Council met."])[["token", "rules"]].values.tolist()
    [['UN Security Council', 'masked name (title: organisations)']]
    """
    values, index = as_texts(texts)
    explainer = _explainer(method, resources)
    rows = [row for label, text in zip(index, values, strict=True) for row in _rows(label, explainer.trace(text))]
    frame = pd.DataFrame(rows, columns=EXPLANATION_COLUMNS)
    return frame.astype({"position": "int64", "lexicon": "float64", "valence": "float64", "contribution": "float64"})


def words_summary(
    text: str, *, method: str | SentimentMethod | Scorer = DEFAULT_METHOD, resources: SentimentResources | None = None
) -> str:
    """Return the contributing words of a text as ``"word +1.9, other -2.5"``, then what was masked.

    Examples
    --------
    >>> words_summary("The summit was a great success, but the sanctions are unfair.", method="vader")
    'great +1.55, success +1.35, unfair -3.15'
    >>> words_summary("No problem.", method="vader3")
    'problem +1.26'
    >>> words_summary("Lavrov accused the E3 of undermining a peaceful solution.")
    'accused -2, undermining -1.8, peaceful -1.63, solution -0.962; masked: Lavrov'
    """
    trace = explain_sentiment(text, method=method, resources=resources)
    parts = [", ".join(f"{w.token} {w.contribution:+.3g}" for w in trace.words if round(w.contribution, 3) != 0)]
    masked = getattr(trace, "masked", ())
    if masked:
        parts.append("masked: " + ", ".join(dict.fromkeys(s.text for s in masked)))
    neutral = [n.split("'")[1] for n in getattr(trace, "notes", ()) if "not scored" in n and n.count("'") >= 2]
    if neutral:
        parts.append("not scored: " + ", ".join(neutral))
    return "; ".join(p for p in parts if p)
