"""Validity: each detector and sentiment method against the codes of the user's own texts.

A dictionary is not a measure until it has been checked on the texts at hand (Grimmer &
Stewart 2013, "validate, validate, validate"). Every figure here is computed on the spans the
codes give (the document's text from ``start`` to ``end``), against the reference codes
(:func:`analysis.validation.codes.reference_codes`: the adjudicator's, else the coders'
majority):

* **frames** -- per frame, precision (of the spans the detector finds, the share coded as the
  frame), recall (of the coded spans, the share it finds) and F1, with ``n_pos`` coded
  positives beside them; then the micro average (pooled counts: dominated by frequent frames)
  and the macro average (the mean F1 of the frames with a coded positive);
* **tone** -- per sentiment method, Pearson and Spearman r between its compound score and the
  coded tone (-4..4), and the three-class accuracy (negative / neutral / positive: compound at
  +-0.05, coded tone at +-0.5, :func:`analysis.validation.codes.tone_class`);
* **misreadings** -- the false positives with the terms that fired, the coded positives no
  term found, and candidate terms: the log-odds keyness (Monroe et al. 2008) of the coded
  positives against the coded negatives, for revising the lexicon.

Units drawn with a weight (``framing sample --oversample-rare``) count by the inverse of it.

Examples
--------
>>> reference = pd.DataFrame({"frame:economy": [1.0, 1.0, 0.0, 0.0, np.nan], "weight": 1.0})
>>> hits = np.array([[True], [False], [True], [False], [True]])
>>> frame_validity(reference, hits, ["economy"])[["id", "precision", "recall", "f1", "n_pos"]].values.tolist()
[['economy', 0.5, 0.5, 0.5, 2], ['micro', 0.5, 0.5, 0.5, 2], ['macro', 0.5, 0.5, 0.5, 2]]
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..salience.scores import KeynessError, SmallSampleWarning, keyness
from ..schema import columns
from ..sentiment.methods import polarity
from .codes import frame_column, tone_class

__all__ = [
    "FRAME_VALIDITY_COLUMNS",
    "TONE_VALIDITY_COLUMNS",
    "MISREADING_COLUMNS",
    "LOW_F1",
    "span_texts",
    "frame_validity",
    "tone_validity",
    "misreadings",
    "candidate_terms",
]

#: Columns of :func:`frame_validity`.
FRAME_VALIDITY_COLUMNS = columns("frame_validity")
#: Columns of :func:`tone_validity`.
TONE_VALIDITY_COLUMNS = columns("tone_validity")
#: Columns of :func:`misreadings`.
MISREADING_COLUMNS = columns("misreadings")
#: A frame whose measured F1 is below this is marked wherever it appears.
LOW_F1 = 0.6


def span_texts(reference: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The text of each coded span (``doc_id``, ``start``, ``end``) in the documents.

    Examples
    --------
    >>> documents = pd.DataFrame({"doc_id": ["d"], "text": ["Trade grows. Talks."]})
    >>> span_texts(pd.DataFrame({"doc_id": ["d"], "start": [13], "end": [19]}), documents)
    ['Talks.']
    """
    texts = dict(zip(documents["doc_id"].astype(str), documents["text"], strict=True))
    return [
        texts[str(doc)][int(start) : int(end)]
        for doc, start, end in zip(reference["doc_id"], reference["start"], reference["end"], strict=True)
    ]


def _weights(reference: pd.DataFrame) -> np.ndarray:
    weight = reference["weight"] if "weight" in reference else pd.Series(1.0, index=reference.index)
    return 1.0 / weight.fillna(1.0).to_numpy(dtype="float64")


def _scores(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp > 0 else np.nan
    recall = tp / (tp + fn) if tp + fn > 0 else np.nan
    if tp == 0 and (tp + fp > 0 or tp + fn > 0):
        return precision, recall, 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp > 0 else np.nan
    return precision, recall, f1


def frame_validity(reference: pd.DataFrame, hits: np.ndarray, frame_ids: Sequence[str]) -> pd.DataFrame:
    """Precision, recall and F1 of a detector's hits against the coded frames.

    Parameters
    ----------
    reference
        One row per coded span with ``frame:<id>`` columns (1, 0 or NaN: not coded) and
        optionally ``weight``.
    hits
        The detector's spans x frames boolean array, frames in the order of ``frame_ids``.
    frame_ids
        The detector's frames; frames without a column in ``reference`` are left out.

    Returns
    -------
    pandas.DataFrame
        :data:`FRAME_VALIDITY_COLUMNS`: one row per coded frame (``measure`` ``"frame"``), then
        ``micro`` and ``macro``; ``n`` spans coded for the frame, ``n_pos`` coded positives,
        ``tp``, ``fp``, ``fn`` (weighted counts when units carry weights).
    """
    weights = _weights(reference)
    rows, totals, f1s = [], np.zeros(3), []
    for j, frame_id in enumerate(frame_ids):
        column = frame_column(frame_id)
        if column not in reference:
            continue
        coded = reference[column].to_numpy(dtype="float64")
        known = ~np.isnan(coded)
        truth, found, weight = coded[known] == 1, np.asarray(hits)[known, j].astype(bool), weights[known]
        counts = np.array([weight[truth & found].sum(), weight[~truth & found].sum(), weight[truth & ~found].sum()])
        totals += counts
        precision, recall, f1 = _scores(*counts)
        if truth.any():
            f1s.append((precision, recall, f1))
        rows.append(("frame", frame_id, precision, recall, f1, int(truth.sum()), int(known.sum()), *counts))
    n_pos = sum(r[5] for r in rows)
    n = max((r[6] for r in rows), default=0)
    rows.append(("frame", "micro", *_scores(*totals), n_pos, n, *totals))
    means = np.nanmean(np.array(f1s, dtype=float), axis=0) if f1s else np.full(3, np.nan)
    rows.append(("frame", "macro", *means, n_pos, n, np.nan, np.nan, np.nan))
    table = pd.DataFrame(rows, columns=FRAME_VALIDITY_COLUMNS)
    return table.astype({"n_pos": "int64", "n": "int64"})


def tone_validity(
    reference: pd.DataFrame,
    scores: Mapping[str, Sequence[float] | np.ndarray],
    *,
    default: str | None = None,
) -> pd.DataFrame:
    """Pearson and Spearman r and three-class accuracy of each method's compound against the coded tone.

    Parameters
    ----------
    reference
        One row per coded span with ``tone`` (NaN: not coded).
    scores
        Method name -> the compound score of each span (in the order of ``reference``).
    default
        The method the reports use (``default`` is True on its row).

    Examples
    --------
    >>> reference = pd.DataFrame({"tone": [2.0, 0.0, -3.0, 1.0, np.nan]})
    >>> table = tone_validity(reference, {"m": [0.6, 0.0, -0.7, 0.02, 0.9]}, default="m")
    >>> table[["method", "default", "accuracy3", "n"]].values.tolist()
    [['m', True, 0.75, 4]]
    """
    tone = reference["tone"].to_numpy(dtype="float64")
    known = ~np.isnan(tone)
    rows = []
    for name, values in scores.items():
        scored = np.asarray(values, dtype="float64")
        read = known & ~np.isnan(scored)  # NaN: a span in a language the method does not read
        compound, coded = scored[read], tone[read]
        n = int(read.sum())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a constant input has no correlation: NaN
            pearson = float(stats.pearsonr(compound, coded)[0]) if n > 2 else np.nan
            spearman = float(stats.spearmanr(compound, coded)[0]) if n > 2 else np.nan
        accuracy = float(np.mean(polarity(compound) == tone_class(coded))) if n else np.nan
        rows.append(("tone", name, name == default, pearson, spearman, accuracy, n))
    return pd.DataFrame(rows, columns=TONE_VALIDITY_COLUMNS).astype({"n": "int64", "default": "bool"})


def misreadings(
    reference: pd.DataFrame,
    texts: Sequence[str],
    hits: np.ndarray,
    frame_ids: Sequence[str],
    *,
    explain: Callable[[str], Mapping[str, Sequence[str]]] | None = None,
) -> pd.DataFrame:
    """The spans a detector got wrong: false positives (with the terms that fired) and misses.

    ``explain`` (a detector's ``explain(text)``: frame id -> terms) names the terms of each false
    positive; ``kind`` is ``"false positive"`` or ``"missed"`` (coded positive, not found).

    Examples
    --------
    >>> reference = pd.DataFrame({"doc_id": "d", "start": [0, 9], "end": [8, 20], "unit_id": ["d:0-8", "d:9-20"],
    ...     "frame:economy": [0.0, 1.0]})
    >>> table = misreadings(reference, ["Oil spill", "Investments"], np.array([[True], [False]]), ["economy"],
    ...     explain=lambda text: {"economy": ["oil"]})
    >>> table[["kind", "frame", "text", "terms"]].values.tolist()
    [['false positive', 'economy', 'Oil spill', 'oil'], ['missed', 'economy', 'Investments', '']]
    """
    rows = []
    hits = np.asarray(hits, dtype=bool)
    for j, frame_id in enumerate(frame_ids):
        column = frame_column(frame_id)
        if column not in reference:
            continue
        coded = reference[column].to_numpy(dtype="float64")
        for i in np.flatnonzero((coded == 0) & hits[:, j]):
            terms = explain(texts[i]).get(frame_id, []) if explain is not None else []
            rows.append(("false positive", frame_id, i, "; ".join(dict.fromkeys(terms))))
        for i in np.flatnonzero((coded == 1) & ~hits[:, j]):
            rows.append(("missed", frame_id, i, ""))
    records = [
        (kind, frame_id, *reference.iloc[i][["unit_id", "doc_id", "start", "end"]].tolist(), texts[i], terms)
        for kind, frame_id, i, terms in rows
    ]
    return pd.DataFrame(records, columns=MISREADING_COLUMNS)


def candidate_terms(
    reference: pd.DataFrame, texts: Sequence[str], frame_id: str, *, top: int = 10, lexicon: Any = None
) -> pd.DataFrame:
    """Terms of the coded positives of a frame against its coded negatives (log-odds keyness).

    Returns the ``top`` terms most characteristic of the positives (``score`` > 0) with their
    counts in both, and ``in_lexicon`` (whether the frame's terms already match the term) when
    a lexicon is given; an empty table when there is too little text.

    Examples
    --------
    >>> reference = pd.DataFrame({"frame:legality": [1.0, 1.0, 0.0, 0.0]})
    >>> texts = ["The treaty entered into force.", "The treaty entered into force today.",
    ...     "Trade grew.", "Trade grew fast."]
    >>> candidate_terms(reference, texts, "legality", top=2)["term"].tolist()
    ['treaty entered', 'entered']
    """
    coded = reference[frame_column(frame_id)].to_numpy(dtype="float64")
    columns = ["frame", "term", "count_positive", "count_negative", "score", "in_lexicon"]
    if not (coded == 1).any() or not (coded == 0).any():
        return pd.DataFrame(columns=columns)
    spans = pd.DataFrame({"text": list(texts), "unit_id": [f"span:{i}" for i in range(len(texts))]})
    spans = spans.assign(doc_id=spans["unit_id"], start=0, end=spans["text"].str.len())  # each span is one unit
    positives, negatives = spans[coded == 1], spans[coded == 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        try:
            terms = keyness(positives, negatives, stability=None, min_count=2)
        except KeynessError:
            return pd.DataFrame(columns=columns)
    terms = terms[terms["score"] > 0].head(top)
    frame = lexicon[frame_id] if lexicon is not None else None
    matched = [bool(frame.mentioned_in(t)) if frame is not None else np.nan for t in terms["term"]]
    return pd.DataFrame(
        {
            "frame": frame_id,
            "term": terms["term"].to_numpy(),
            "count_positive": terms["count_a"].to_numpy(),
            "count_negative": terms["count_b"].to_numpy(),
            "score": terms["score"].to_numpy(),
            "in_lexicon": matched,
        },
        columns=columns,
    )
