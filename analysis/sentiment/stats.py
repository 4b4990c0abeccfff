"""Sentiment aggregates with their uncertainty: per utterance, document, actor, side and target.

Every function here takes the table of scored sentence units of :func:`analysis.score_units`
and returns a table that is easy to print and to plot: one row per group with

========================= ==========================================================================
``n``                     sentences used (boilerplate excluded when asked)
``n_documents``           documents those sentences come from
``mean``                  mean of their ``compound`` scores
``low``, ``high``         bootstrap confidence interval of the mean (95 % by default)
``share_positive`` ...    shares of positive / neutral / negative sentences (compound >= 0.05,
                          between, <= -0.05: the VADER thresholds, Hutto & Gilbert 2014)
``n_boilerplate``         sentences of the group flagged as diplomatic boilerplate (excluded from
                          ``n`` only with ``exclude_boilerplate=True``)
``small_sample``          True when ``n`` is below ``min_n`` (10): read the row as an anecdote
``note``                  what is special about the row, in words ("" when nothing)
``unit_ids``              the sentence units behind the row (:func:`sentiment_evidence` returns them)
========================= ==========================================================================

Intervals
---------
The interval is a bootstrap interval of the mean (Efron & Tibshirani 1993, *An Introduction to
the Bootstrap*, Chapman & Hall; ch. 14 for BCa), computed with :func:`scipy.stats.bootstrap`,
bias-corrected and accelerated (BCa) by default, seeded so that the same call gives the same
numbers. Above 2,000 documents (or sentences) the percentile method is used instead (BCa's
jackknife costs O(n^2) and both agree at that size).

**Documents are resampled, not sentences** (``resample="document"``, the default; see
:mod:`analysis.resampling`). Sentences of one article or one briefing share a writer, a topic
and a tone, so resampling them as if independent gives intervals that are too narrow; a cluster
bootstrap resamples whole documents and takes the mean of their sentences. Differences
between two voices (:func:`compare_sentiment`) get a document-level bootstrap interval and a
permutation p-value that permutes documents (each voice's sentences of one document move
together; :func:`scipy.stats.permutation_test`, exact when the number of distinct permutations
is below ``n_resamples``). ``resample="sentence"`` gives the sentence-level intervals, right
only when sentences are independent; :func:`interval_widths` shows both side by side. Rows of
one document (:func:`aggregate_sentiment` by ``doc_id`` or by utterance) can only resample their
sentences, and do.

Degenerate cases are defined, never errors: no sentence gives ``mean``, ``low`` and ``high``
NaN; one sentence gives its score as ``mean`` and a NaN interval (a single value says nothing
about variability); sentences that all score the same give the degenerate interval ``[c, c]``
-- every resample has that mean -- and a note saying so; sentences that all come from one
document give a NaN interval at the document level, with a note (there is nothing to resample;
the sentence-level interval describes that document only); two to four documents give an
interval noted as rough.

Examples
--------
>>> import pandas as pd
>>> scored = pd.DataFrame({"unit_id": list("abcd"), "actor": ["x", "x", "x", "y"],
...     "compound": [0.5, 0.1, -0.3, 0.9], "boilerplate": [False, False, True, False]})
>>> table = aggregate_sentiment(scored, by="actor")
>>> table.round(3)[["actor", "n", "mean", "n_boilerplate", "small_sample"]].values.tolist()
[['x', 3, 0.1, 1, True], ['y', 1, 0.9, 0, True]]
>>> aggregate_sentiment(scored, by="actor", exclude_boilerplate=True)["n"].tolist()
[2, 1]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..languages import load_language
from ..resampling import (
    Resampling,
    bootstrap_mean,
)
from ..schema import columns
from ..voices.voice import NARRATION, PRESS, as_voice, known_voices
from .explain import words_summary
from .methods import DEFAULT_METHOD, NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, ExplainableMethod
from .registry import explainable_methods, get_method, method_name

__all__ = [
    "SENTIMENT_SUMMARY_COLUMNS",
    "summarise_compound",
    "aggregate_sentiment",
    "default_voices",
    "voice_sentiment",
    "sentiment_evidence",
    "documents_of",
    "check_scored",
    "boilerplate_mask",
    "summarise_group",
    "summary_frame",
]

#: Columns every aggregate row has (after its key columns).
SENTIMENT_SUMMARY_COLUMNS = columns("sentiment_summary")
_NAN = float("nan")


def summarise_compound(
    compound: Sequence[float] | np.ndarray,
    *,
    unit_ids: Sequence[str] = (),
    n_boilerplate: int = 0,
    documents: Sequence[str] | np.ndarray | None = None,
    resampling: Resampling | None = None,
) -> dict[str, Any]:
    """Summarise compound scores into one aggregate row (the :data:`SENTIMENT_SUMMARY_COLUMNS`).

    ``documents`` is the document of each score: with ``resampling.level == "document"`` (the
    default) the interval resamples documents; with ``"sentence"``, or without ``documents``, it
    resamples sentences. ``n_documents`` is NaN without ``documents``. ``resampling`` also gives
    the interval's level, resamples and seed, and the ``small_sample`` threshold ``min_n``
    (default: :class:`~analysis.resampling.Resampling`).

    Examples
    --------
    >>> row = summarise_compound([0.5, 0.0, -0.5, 0.5])
    >>> row["n"], row["mean"], row["share_positive"], row["share_negative"], row["small_sample"]
    (4, 0.125, 0.5, 0.25, True)
    >>> summarise_compound([0.5, 0.0, -0.5, 0.5], documents=["a"] * 4)["note"]
    'small sample (n < 10); all sentences come from one document: no document-level interval'
    """
    values = np.asarray(compound, dtype="float64")
    n = int(values.size)
    options = resampling if resampling is not None else Resampling()
    min_n = options.min_n
    groups = documents if documents is not None and options.level == "document" else None
    low, high, note = bootstrap_mean(values, options, groups=groups)
    notes = [note] if note and n > 0 else []
    if n == 0:
        notes.append("no sentences")
    elif n < min_n:
        notes.insert(0, f"small sample (n < {min_n})")
    return {
        "n": n,
        "n_documents": len(set(map(str, documents))) if documents is not None else _NAN,
        "mean": float(values.mean()) if n else _NAN,
        "low": low,
        "high": high,
        "share_positive": float(np.mean(values >= POSITIVE_THRESHOLD)) if n else _NAN,
        "share_neutral": float(np.mean((values > NEGATIVE_THRESHOLD) & (values < POSITIVE_THRESHOLD))) if n else _NAN,
        "share_negative": float(np.mean(values <= NEGATIVE_THRESHOLD)) if n else _NAN,
        "n_boilerplate": int(n_boilerplate),
        "small_sample": n < min_n,
        "note": "; ".join(notes),
        "unit_ids": list(unit_ids),
    }


def documents_of(scored: pd.DataFrame) -> pd.Series:
    """Return the document of each row: ``doc_id``, else the document part of ``unit_id``
    (``"doc:start-end"``), else the unit itself (then every sentence is its own document).

    Examples
    --------
    >>> documents_of(pd.DataFrame({"unit_id": ["d1:0-5", "d1:6-9", "x"]})).tolist()
    ['d1', 'd1', 'x']
    """
    if "doc_id" in scored:
        return scored["doc_id"].astype(str)
    ids = scored["unit_id"].astype(str)
    parts = ids.str.extract(r"^(.*):\d+-\d+$")[0]
    return parts.fillna(ids)


_VOICE_COLUMNS = {"actor", "side", "source", "outlet"}


def check_scored(scored: pd.DataFrame, *, voices: bool = False) -> None:
    """Raise :class:`~analysis.errors.AnalysisError` when a scored table lacks the columns an aggregate needs."""
    missing = {"unit_id", "compound"} - set(scored.columns)
    if missing:
        raise AnalysisError(f"the scored table lacks {', '.join(sorted(missing))}: build it with score_units")
    missing = _VOICE_COLUMNS - set(scored.columns) if voices else set()
    if missing:
        raise AnalysisError(
            f"voices need the columns {', '.join(sorted(missing))}: score the sentence units of utterances "
            "(score_units(utterance_sentences(utterances(documents, attributions))))"
        )


def boilerplate_mask(scored: pd.DataFrame) -> pd.Series:
    """Return which rows are flagged as diplomatic boilerplate (all False without the column)."""
    if "boilerplate" in scored:
        return scored["boilerplate"].fillna(False).astype(bool)
    return pd.Series(False, index=scored.index)


def summarise_group(group: pd.DataFrame, *, exclude_boilerplate: bool, resampling: Resampling) -> dict[str, Any]:
    """Summarise one group of scored units into an aggregate row (:data:`SENTIMENT_SUMMARY_COLUMNS`).

    Units without a score (NaN: in a language the method does not read) are left out and said
    in the note ("tone not measured for 3 Russian units").
    """
    original = group
    unmeasured = group["compound"].isna().to_numpy()
    if unmeasured.any():  # units in a language the method does not read (score_units)
        group = group[~unmeasured]
    flagged = boilerplate_mask(group)
    used = group[~flagged] if exclude_boilerplate else group
    summary = summarise_compound(
        used["compound"].to_numpy(dtype="float64"),
        unit_ids=used["unit_id"].astype(str).tolist(),
        n_boilerplate=int(flagged.sum()),
        documents=documents_of(used).to_numpy(),
        resampling=resampling,
    )
    if exclude_boilerplate and summary["n"] == 0 and len(group):
        summary["note"] = "no sentences left after excluding boilerplate"
    if unmeasured.any():
        summary["note"] = "; ".join(filter(None, [summary["note"], unmeasured_note(original[unmeasured])]))
    return summary


def unmeasured_note(units: pd.DataFrame) -> str:
    """``"tone not measured for 12 Russian units"``: the units no method read, by language.

    Examples
    --------
    >>> unmeasured_note(pd.DataFrame({"language": ["ru", "ru", "fa"]}))
    'tone not measured for 2 Russian units, 1 Persian unit'
    """
    codes = units["language"].fillna("").astype(str) if "language" in units else pd.Series([""] * len(units))
    parts = []
    for code, count in codes.value_counts(sort=False).sort_index().items():
        parts.append(f"{count} {language_name(code)} unit{'s' if count != 1 else ''}")
    return "tone not measured for " + ", ".join(sorted(parts, key=lambda p: -int(p.split()[0])))


def language_name(code: str) -> str:
    """The name of a language code (``"ru"`` -> ``"Russian"``), the code itself without resources."""
    if not code:
        return "unknown-language"
    try:
        return load_language(code).name
    except AnalysisError:
        return code


def summary_frame(rows: list[dict[str, Any]], keys: list[str], resample: str) -> pd.DataFrame:
    """Return aggregate rows as a table with its dtypes and the resampling level in ``attrs``."""
    frame = pd.DataFrame(rows, columns=[*keys, *SENTIMENT_SUMMARY_COLUMNS])
    frame = frame.astype({"n": "int64", "n_documents": "Int64", "n_boilerplate": "int64", "small_sample": "bool"})
    frame.attrs["resample"] = resample
    return frame


def aggregate_sentiment(
    scored: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    exclude_boilerplate: bool = False,
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Aggregate sentence scores per value of one or more columns (document, utterance, actor ...).

    Parameters
    ----------
    scored
        Scored sentence units (:func:`analysis.score_units`).
    by
        Column(s) to group by: ``"doc_id"`` per document, ``["doc_id", "utt_id"]`` per
        utterance, ``"actor"`` per actor value (a group quote ``"pezeshkian+putin"`` is its
        own value here; :func:`voice_sentiment` counts it for each member instead).
    exclude_boilerplate
        Leave out the sentences flagged ``boilerplate``.
    resampling
        The interval's options (default: :class:`~analysis.resampling.Resampling`): its
        ``level`` ``"document"`` (default) resamples documents (the ``doc_id`` column, else the
        document part of ``unit_id``), ``"sentence"`` resamples sentences as if independent.
        Grouping by ``doc_id`` puts every row in one document, so its interval resamples
        sentences whatever the level (``attrs["resample"]`` records it); ``min_n`` is the
        ``small_sample`` threshold.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns and :data:`SENTIMENT_SUMMARY_COLUMNS`, one row per group, groups sorted.

    Examples
    --------
    >>> scored = pd.DataFrame({"unit_id": ["a", "b", "c"], "doc_id": ["d1", "d1", "d2"],
    ...     "compound": [0.2, 0.4, -0.6]})
    >>> aggregate_sentiment(scored)[["doc_id", "n", "mean", "unit_ids"]].values.tolist()
    [['d1', 2, 0.30000000000000004, ['a', 'b']], ['d2', 1, -0.6, ['c']]]
    """
    check_scored(scored)
    keys = [by] if isinstance(by, str) else list(by)
    absent = [k for k in keys if k not in scored]
    if absent:
        raise AnalysisError(f"cannot group by {', '.join(absent)}: no such column in the scored table")
    options = resampling if resampling is not None else Resampling()
    if "doc_id" in keys:  # a row of one document resamples sentences
        options = options.replace(level="sentence")
    rows = []
    for values, group in scored.groupby(keys, sort=True, dropna=False):
        rows.append(
            {
                **dict(zip(keys, values, strict=True)),
                **summarise_group(group, exclude_boilerplate=exclude_boilerplate, resampling=options),
            }
        )
    return summary_frame(rows, keys, options.level)


def default_voices(scored: pd.DataFrame, *, by: str = "actor") -> list[str]:
    """Return the voices of a scored unit table: every actor (``by="actor"``) or every side
    (``by="side"``) that speaks in it, then ``"joint"`` for joint statements of several sides,
    ``"press"`` for journalists' questions and ``"outlet"`` for the narration, when there are any.

    Examples
    --------
    >>> units = pd.DataFrame({"source": ["quote", "quote", "narration"], "actor": ["lavrov", "pezeshkian+putin",
    ...     "outlet"], "side": ["russia", "iran+russia", ""], "outlet": ["W", "W", "W"]})
    >>> default_voices(units)
    ['lavrov', 'joint', 'outlet']
    >>> default_voices(units, by="side")
    ['side:russia', 'joint', 'outlet']
    """
    if by not in ("actor", "side"):
        raise AnalysisError(f"by must be 'actor' or 'side', not {by!r}")
    known = known_voices(scored)
    special = ("joint", PRESS, NARRATION)
    if by == "actor":
        chosen = [v for v in known if ":" not in v and v not in special]
    else:
        chosen = [v for v in known if v.startswith("side:")]
    return chosen + [v for v in special if v in known]


def voice_sentiment(
    scored: pd.DataFrame,
    voices: Sequence[str] | None = None,
    *,
    actors: Any = None,
    exclude_boilerplate: bool = False,
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Aggregate sentence scores per voice: an actor, ``side:NAME``, ``outlet``, ``outlet:NAME``, ``all``.

    A voice's sentences are those of :func:`analysis.select_voice`: an actor's own quotes and
    the joint statements it is part of; a side's quotes by any of its actors. One sentence can
    therefore count for several voices.

    Parameters
    ----------
    scored
        Scored sentence units of utterances (:func:`analysis.score_units` of
        :func:`analysis.utterance_sentences`).
    voices
        The voices, in the order wanted (default: :func:`default_voices`).
    actors
        The actor registry: display names for the ``label`` column, and an institution's
        voice holds its members' statements; optional.
    exclude_boilerplate, resampling
        As :func:`aggregate_sentiment` (documents are resampled by default).

    Returns
    -------
    pandas.DataFrame
        ``voice``, ``label`` and :data:`SENTIMENT_SUMMARY_COLUMNS`, one row per voice (a voice with no
        sentence gets ``n = 0`` and NaN statistics).

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["a", "b", "c"], "source": ["quote", "quote", "narration"],
    ...     "actor": ["lavrov", "lavrov", "outlet"], "side": ["russia", "russia", ""], "outlet": ["W"] * 3,
    ...     "compound": [0.5, 0.7, 0.0]})
    >>> voice_sentiment(units, ["lavrov", "outlet"])[["voice", "n", "mean"]].values.tolist()
    [['lavrov', 2, 0.6], ['outlet', 1, 0.0]]
    """
    check_scored(scored, voices=True)
    options = resampling if resampling is not None else Resampling()
    chosen = list(voices) if voices is not None else default_voices(scored)
    rows = []
    for voice in chosen:
        parsed = as_voice(voice, actors)
        group = scored[parsed.mask(scored)]
        rows.append(
            {
                "voice": str(parsed),
                "label": parsed.label(actors),
                **summarise_group(group, exclude_boilerplate=exclude_boilerplate, resampling=options),
            }
        )
    return summary_frame(rows, ["voice", "label"], options.level)


def sentiment_evidence(
    scored: pd.DataFrame, row: pd.Series | dict[str, Any] | Sequence[str], *, explain: bool = False
) -> pd.DataFrame:
    """Return the scored sentence units behind an aggregate row, in the row's order.

    Parameters
    ----------
    scored
        The scored units the aggregate was computed from.
    row
        An aggregate row (anything with ``unit_ids``) or a list of unit ids.
    explain
        Add a ``words`` column: the words that drove each score and the masked names, explained
        by the method that scored (``attrs["sentiment_method"]`` of :func:`analysis.score_units`),
        else by the method named in the ``method`` column (``"vader"`` for one without
        explanations, ``"diplomatic"`` when the table has no such column).

    Examples
    --------
    >>> scored = pd.DataFrame({"unit_id": ["a", "b"], "text": ["Good talks.", "Bad."], "compound": [0.44, -0.54]})
    >>> sentiment_evidence(scored, {"unit_ids": ["b"]}, explain=True)[["text", "words"]].values.tolist()
    [['Bad.', 'Bad -2.5']]
    """
    ids = row["unit_ids"] if isinstance(row, (dict, pd.Series)) else row
    ids = [str(i) for i in ids]
    indexed = scored.assign(_key=scored["unit_id"].astype(str)).drop_duplicates("_key").set_index("_key")
    unknown = [i for i in ids if i not in indexed.index]
    if unknown:
        raise AnalysisError(f"unit id(s) not in the scored table: {', '.join(unknown[:5])}")
    evidence = indexed.loc[ids].reset_index(drop=True)
    if explain:
        used = scored.attrs.get("sentiment_method")
        methods = evidence["method"] if "method" in evidence.columns else [DEFAULT_METHOD] * len(evidence)

        explainers: dict[str, Any] = {}
        summaries: dict[tuple[str, str], str] = {}

        def explainer(method: str) -> Any:
            if method not in explainers:  # resolved once per method, not once per sentence
                if isinstance(used, ExplainableMethod) and method_name(used) == method:
                    explainers[method] = used  # the method that scored, with its study's names and adjustments
                else:
                    explainers[method] = get_method(method if method in explainable_methods() else "vader")
            return explainers[method]

        def summary(text: str, method: str) -> str:
            if (text, method) not in summaries:  # copies of one sentence are explained once
                summaries[text, method] = words_summary(text, method=explainer(method))
            return summaries[text, method]

        evidence["words"] = [summary(str(t), str(m)) for t, m in zip(evidence["text"], methods, strict=True)]
    return evidence
