"""Why a sentence scored as it did: the lexicon words, their valences and the rules applied.

Explanations come from our VADER engine (:mod:`analysis.sentiment.vader`), which computes the
same numbers as nltk's rules (method ``"vader"``) or the vaderSentiment 3.3.2 package's
(``"vader3"``) and records every step.

How the two rule sets differ is told in :mod:`analysis.sentiment.methods`.

Examples
--------
>>> words_summary("The summit was a great success, but the sanctions are unfair.")
'great +1.55, success +1.35, unfair -3.15'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .methods import SentimentError, as_texts, scorer
from .vader import VaderEngine, VaderTrace, vader_engine

__all__ = [
    "EXPLANATION_COLUMNS",
    "explainable_methods",
    "explain_sentiment",
    "explain_sentiments",
    "words_summary",
]

#: The methods with explanations, and the rule set of :func:`analysis.sentiment.vader.vader_engine` behind each.
_EXPLAINABLE = {"vader": "nltk", "vader3": "vader3"}

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
        scorer(method)  # an unknown method gets the list of known ones
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
    values, index = as_texts(texts)
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
