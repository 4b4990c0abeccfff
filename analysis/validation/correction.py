"""Frame shares corrected for the detector's measured error, with intervals that carry both samples.

A detector that misses half of a frame's sentences halves its share; one that fires on names
inflates it. When the codes give the detector's sensitivity (the share of coded positives it
finds) and specificity (the share of coded negatives it leaves alone), the share it reports,
``p``, estimates the true share as

    ``(p + specificity - 1) / (sensitivity + specificity - 1)``,

clipped to [0, 1]: the Rogan & Gladen (1978) estimator of prevalence, which Forman (2008,
*Quantifying counts and costs via classification*, Data Mining and Knowledge Discovery 17)
calls adjusted classify-and-count. When ``sensitivity + specificity <= 1`` the detector is no
better than chance on the codes and the share cannot be corrected (NaN, with a note).

The interval carries both uncertainties: each bootstrap draw resamples the coded units (new
sensitivity and specificity) and, independently, the voice's documents (a new raw share), and
corrects the one with the other; the percentiles of the corrected draws are the interval. The
raw share's interval resamples the same documents. A frame whose measured F1 is below
:data:`~analysis.validation.validity.LOW_F1` is marked (``low_validity``).

Examples
--------
>>> reference = pd.DataFrame({"frame:economy": [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]})
>>> coded_hits = np.array([[1], [1], [0], [0], [0], [0], [0], [1]], dtype=bool)  # sensitivity 0.5, specificity 0.75
>>> rates = error_rates(reference, coded_hits, ["economy"])
>>> rates[["frame", "sensitivity", "specificity"]].values.tolist()
[['economy', 0.5, 0.75]]
>>> round(float(rogan_gladen(0.3, 0.5, 0.75)), 6)
0.2
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..resampling import ONE_DOCUMENT, Resampling, batch_size, group_codes, resample_counts
from ..schema import columns
from .codes import frame_column
from .validity import LOW_F1

__all__ = ["CORRECTED_COLUMNS", "error_rates", "rogan_gladen", "corrected_shares"]

#: Columns of :func:`corrected_shares`.
CORRECTED_COLUMNS = columns("corrected_shares")


def _coded(reference: pd.DataFrame, coded_hits: np.ndarray, j: int, frame_id: str):
    """Truth, detection and weight of the spans coded for one frame."""
    coded = reference[frame_column(frame_id)].to_numpy(dtype="float64")
    known = ~np.isnan(coded)
    weight = reference["weight"].to_numpy(dtype="float64") if "weight" in reference else np.ones(len(coded))
    return coded[known] == 1, np.asarray(coded_hits)[known, j].astype(bool), 1.0 / weight[known]


def error_rates(reference: pd.DataFrame, coded_hits: np.ndarray, frame_ids: Sequence[str]) -> pd.DataFrame:
    """Sensitivity, specificity and F1 of a detector on the coded spans, per frame.

    Returns one row per frame coded in ``reference``: ``frame``, ``sensitivity``,
    ``specificity``, ``f1``, ``n_pos``, ``n_neg`` (weighted by the inverse of ``weight`` when
    the units carry one).
    """
    rows = []
    for j, frame_id in enumerate(frame_ids):
        if frame_column(frame_id) not in reference:
            continue
        truth, found, weight = _coded(reference, coded_hits, j, frame_id)
        tp, fn = weight[truth & found].sum(), weight[truth & ~found].sum()
        tn, fp = weight[~truth & ~found].sum(), weight[~truth & found].sum()
        sensitivity = tp / (tp + fn) if tp + fn else np.nan
        specificity = tn / (tn + fp) if tn + fp else np.nan
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
        rows.append((frame_id, sensitivity, specificity, f1, int(truth.sum()), int((~truth).sum())))
    return pd.DataFrame(rows, columns=["frame", "sensitivity", "specificity", "f1", "n_pos", "n_neg"])


def rogan_gladen(observed, sensitivity, specificity):
    """The Rogan-Gladen corrected share, clipped to [0, 1]; NaN where ``sensitivity + specificity <= 1``.

    Works elementwise on arrays.

    Examples
    --------
    >>> rogan_gladen(np.array([0.1, 0.5]), 0.8, 0.9).round(3).tolist()
    [0.0, 0.571]
    >>> float(rogan_gladen(0.4, 0.5, 0.5))
    nan
    """
    observed, sensitivity, specificity = (np.asarray(v, dtype="float64") for v in (observed, sensitivity, specificity))
    informed = sensitivity + specificity - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = np.where(informed > 0, (observed + specificity - 1) / informed, np.nan)
    return np.clip(corrected, 0.0, 1.0)


def _rate_draws(truth, found, weight, rng, n_draws) -> tuple[np.ndarray, np.ndarray]:
    """Sensitivity and specificity of bootstrap resamples of the coded units."""
    if truth.size == 0:
        return np.full(n_draws, np.nan), np.full(n_draws, np.nan)
    draws = resample_counts(rng, n_draws, truth.size) * weight[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        sensitivity = (draws @ (truth & found)) / (draws @ truth)
        specificity = (draws @ (~truth & ~found)) / (draws @ ~truth)
    return sensitivity, specificity


def _share_draws(hits: np.ndarray, documents: np.ndarray, rng, n_draws) -> np.ndarray:
    """Shares (draws x frames) of bootstrap resamples of the documents."""
    codes, n_documents = group_codes(documents)
    sums = np.vstack([np.bincount(codes, weights=hits[:, j], minlength=n_documents) for j in range(hits.shape[1])]).T
    counts = np.bincount(codes, minlength=n_documents).astype(float)
    draws = []
    done = 0
    while done < n_draws:
        size = min(batch_size(n_documents * (hits.shape[1] + 1)), n_draws - done)
        weights = resample_counts(rng, size, n_documents)
        draws.append((weights @ sums) / (weights @ counts)[:, None])
        done += size
    return np.vstack(draws)


def _percentiles(draws: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bounds per column, ignoring NaN draws (a resample without coded positives)."""
    tail = (1 - level) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN column gives NaN bounds
        return np.nanquantile(draws, tail, axis=0), np.nanquantile(draws, 1 - tail, axis=0)


def corrected_shares(
    hits: np.ndarray,
    documents: Sequence[str] | np.ndarray,
    voices: Mapping[str, np.ndarray],
    reference: pd.DataFrame,
    coded_hits: np.ndarray,
    frame_ids: Sequence[str],
    *,
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Raw and corrected frame shares per voice, with intervals (see the module docstring).

    Parameters
    ----------
    hits
        The detector's units x frames boolean array for the corpus (the units counted).
    documents
        The document of each unit.
    voices
        Voice name -> boolean mask (or indices) of its units.
    reference, coded_hits
        The reference codes of the coded spans and the same detector's hits on them.
    frame_ids
        The detector's frames, in the order of the columns of both hit arrays.
    resampling
        Draws, confidence level and seed of the bootstrap (default 2,000 draws, 95%, seed 0).

    Returns
    -------
    pandas.DataFrame
        :data:`CORRECTED_COLUMNS`, one row per voice x frame: ``n`` units, ``k`` hits, the
        ``raw`` share and its interval, the ``corrected`` share and its interval, the measured
        ``sensitivity``, ``specificity`` and ``f1``, ``n_coded`` spans coded for the frame,
        ``low_validity`` (F1 below 0.6) and a ``note``. Frames without codes keep their raw
        share only.
    """
    options = resampling or Resampling(n_resamples=2000)
    hits = np.asarray(hits, dtype=bool)
    documents = np.asarray(documents, dtype=object).astype(str)
    rates = error_rates(reference, coded_hits, frame_ids).set_index("frame")
    rng = options.rng()
    rate_draws = {
        f: _rate_draws(*_coded(reference, coded_hits, j, f), rng, options.n_resamples)
        for j, f in enumerate(frame_ids)
        if f in rates.index
    }
    rows = []
    for voice, selection in voices.items():
        index = np.flatnonzero(selection) if np.asarray(selection).dtype == bool else np.asarray(selection)
        voice_hits = hits[index].astype(float)
        n = index.size
        one_document = n > 0 and len(set(documents[index])) < 2
        if n:
            shares = _share_draws(voice_hits, documents[index], rng, options.n_resamples)
            raw_low, raw_high = _percentiles(shares, options.confidence_level)
            if one_document:  # nothing to resample: no document-level interval, as everywhere
                raw_low, raw_high = np.full(len(frame_ids), np.nan), np.full(len(frame_ids), np.nan)
        for j, frame_id in enumerate(frame_ids):
            k = int(voice_hits[:, j].sum()) if n else 0
            raw = k / n if n else np.nan
            row = {"voice": voice, "frame": frame_id, "n": n, "k": k, "raw": raw}
            row.update(raw_low=raw_low[j] if n else np.nan, raw_high=raw_high[j] if n else np.nan)
            row.update(_corrected(frame_id, raw, shares[:, j] if n else None, rates, rate_draws, options))
            if one_document:
                row["note"] = "; ".join(
                    filter(None, [ONE_DOCUMENT + " (the corrected one carries the codes')", row["note"]])
                )
            rows.append(row)
    return pd.DataFrame(rows, columns=CORRECTED_COLUMNS)


def _corrected(frame_id, raw, share_draws, rates, rate_draws, options) -> dict:
    """The corrected share of one voice and frame, its interval and note."""
    if frame_id not in rates.index:
        nan = np.nan
        return dict(corrected=nan, low=nan, high=nan, sensitivity=nan, specificity=nan, f1=nan, n_coded=0,
                    low_validity=False, note="not coded: no correction")  # fmt: skip
    rate = rates.loc[frame_id]
    n_coded = int(rate["n_pos"] + rate["n_neg"])
    corrected = float(rogan_gladen(raw, rate["sensitivity"], rate["specificity"]))
    low = high = np.nan
    notes = []
    if share_draws is not None:
        sensitivity, specificity = rate_draws[frame_id]
        draws = rogan_gladen(share_draws, sensitivity, specificity)
        if np.isnan(draws).mean() < 0.5:
            low, high = (float(v[0]) for v in _percentiles(draws[:, None], options.confidence_level))
    if rate["n_pos"] == 0:
        notes.append("no coded positive: sensitivity unknown")
    elif np.isnan(corrected):
        notes.append("the detector is no better than chance on the codes: no correction")
    low_validity = bool(not np.isnan(rate["f1"]) and rate["f1"] < LOW_F1)
    if low_validity:
        notes.append(f"measured F1 {rate['f1']:.2f} < {LOW_F1}: read with care")
    return dict(
        corrected=corrected,
        low=low,
        high=high,
        sensitivity=float(rate["sensitivity"]),
        specificity=float(rate["specificity"]),
        f1=float(rate["f1"]),
        n_coded=n_coded,
        low_validity=low_validity,
        note="; ".join(notes),
    )
