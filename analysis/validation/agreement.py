"""Agreement between coders: Krippendorff's alpha per frame (nominal) and for tone (interval).

Krippendorff's alpha (Krippendorff 2004/2018, *Content Analysis*, ch. 12) is
``1 - D_o / D_e``: the disagreement observed between coders of the same unit over the
disagreement expected by chance from all the values given. It handles any number of coders,
missing codes and the level of measurement; 1 is perfect agreement, 0 is chance, and
Krippendorff asks for at least 0.8 (0.667 for tentative conclusions). Only units coded by two
or more coders (*pairable* units) count; ``n_units`` says how many there were.

The point estimate is that of the ``krippendorff`` package (Castro 2017). The interval is a
percentile bootstrap over units: the coincidences of each unit are computed once, and a
resample of units is a weighted sum of them, which gives the package's alpha on the resampled
units exactly (a test checks it) at the cost of one matrix product per batch.

Examples
--------
>>> codes = pd.DataFrame({"unit_id": ["u1", "u1", "u2", "u2", "u3", "u3"],
...     "coder": ["a", "b"] * 3, "frame:economy": [1, 1, 0, 0, 1, 0], "tone": [2, 2, 0, 1, -1, -1]})
>>> table = agreement_table(codes, resampling=Resampling(n_resamples=200, seed=1))
>>> table[["measure", "id", "n_units"]].values.tolist()
[['frame', 'economy', 3], ['tone', 'tone', 3]]
>>> round(float(table.loc[1, "alpha"]), 3)
0.912
"""

from __future__ import annotations

import warnings

import krippendorff
import numpy as np
import pandas as pd

from ..resampling import Resampling, batch_size, resample_counts
from ..schema import columns
from .codes import frame_column, frame_columns

__all__ = ["AGREEMENT_COLUMNS", "reliability_matrix", "krippendorff_alpha", "alpha_interval", "agreement_table"]

#: Columns of :func:`agreement_table`.
AGREEMENT_COLUMNS = columns("agreement")
#: The package's name for each level of measurement, and the squared distance it uses.
_LEVELS = ("nominal", "interval")


def reliability_matrix(codes: pd.DataFrame, column: str) -> np.ndarray:
    """A coders x units matrix of one coded column (NaN where a coder did not code a unit).

    Examples
    --------
    >>> codes = pd.DataFrame({"unit_id": ["u1", "u1", "u2"], "coder": ["a", "b", "a"], "tone": [1, 2, 0]})
    >>> reliability_matrix(codes, "tone").tolist()
    [[1.0, 0.0], [2.0, nan]]
    """
    table = codes.pivot_table(
        index="coder", columns="unit_id", values=column, aggfunc="first", dropna=False, sort=False
    )
    return table.to_numpy(dtype="float64")


def _unit_coincidences(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pairable unit, its coincidence matrix (units x values x values), and the values.

    A unit coded ``m`` times adds ``1 / (m - 1)`` for each ordered pair of its values given by
    two different coders (Krippendorff 2004, section 11.3).
    """
    values = np.unique(matrix[~np.isnan(matrix)])
    counts = np.stack([(matrix == v).sum(axis=0) for v in values], axis=1).astype(float)  # units x values
    m = counts.sum(axis=1)
    pairable = m >= 2
    counts, m = counts[pairable], m[pairable]
    outer = counts[:, :, None] * counts[:, None, :]
    outer[:, np.arange(len(values)), np.arange(len(values))] -= counts
    return outer / (m - 1)[:, None, None], values


def _distances(values: np.ndarray, level: str) -> np.ndarray:
    if level == "nominal":
        return (values[:, None] != values[None, :]).astype(float)
    return (values[:, None] - values[None, :]) ** 2


def _alpha_from(coincidences: np.ndarray, distances: np.ndarray) -> np.ndarray:
    """Alpha of one or many coincidence matrices (``... x values x values``)."""
    totals = coincidences.sum(axis=-1)  # n_c
    n = totals.sum(axis=-1)
    observed = (coincidences * distances).sum(axis=(-2, -1))
    expected = np.einsum("...i,...j,ij->...", totals, totals, distances) / (n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, 1 - observed / expected, np.nan)


def krippendorff_alpha(matrix: np.ndarray, *, level: str = "nominal") -> float:
    """Krippendorff's alpha of a coders x units matrix (NaN: not coded), by the ``krippendorff`` package.

    NaN when fewer than two values were given by coders of pairable units (no variation: alpha
    is undefined).

    Examples
    --------
    >>> krippendorff_alpha(np.array([[1, 0, 1, 0], [1, 0, 1, 1]], dtype=float))
    0.533333333333
    """
    if level not in _LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(_LEVELS)}")
    coincidences, _ = _unit_coincidences(np.asarray(matrix, dtype="float64"))
    if len(coincidences) == 0 or np.count_nonzero(coincidences.sum(axis=(0, 1))) < 2:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return round(float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)), 12)


def alpha_interval(
    matrix: np.ndarray, *, level: str = "nominal", resampling: Resampling | None = None
) -> tuple[float, float]:
    """Percentile bootstrap interval of alpha, resampling the pairable units.

    Examples
    --------
    >>> matrix = np.array([[1, 0, 1, 0, 1, 1], [1, 0, 1, 1, 1, 0]], dtype=float)
    >>> low, high = alpha_interval(matrix, resampling=Resampling(n_resamples=500, seed=0))
    >>> bool(-1 <= low < krippendorff_alpha(matrix) < high <= 1)
    True
    """
    options = resampling or Resampling(n_resamples=1000)
    coincidences, values = _unit_coincidences(np.asarray(matrix, dtype="float64"))
    n_units = len(coincidences)
    if n_units < 2 or len(values) < 2:
        return float("nan"), float("nan")
    flat = coincidences.reshape(n_units, -1)
    distances = _distances(values, level)
    rng = options.rng()
    draws = []
    done = 0
    per_batch = batch_size(n_units * flat.shape[1])
    while done < options.n_resamples:
        size = min(per_batch, options.n_resamples - done)
        weights = resample_counts(rng, size, n_units)
        summed = (weights @ flat).reshape(size, len(values), len(values))
        draws.append(_alpha_from(summed, distances))
        done += size
    alphas = np.concatenate(draws)
    alphas = alphas[~np.isnan(alphas)]
    if not alphas.size:
        return float("nan"), float("nan")
    tail = (1 - options.confidence_level) / 2
    low, high = np.quantile(alphas, [tail, 1 - tail])
    return float(low), float(high)


def _row(measure: str, name: str, matrix: np.ndarray, level: str, options: Resampling) -> dict:
    pairable = int((np.sum(~np.isnan(matrix), axis=0) >= 2).sum()) if matrix.size else 0
    alpha = krippendorff_alpha(matrix, level=level) if pairable else float("nan")
    low, high = alpha_interval(matrix, level=level, resampling=options) if pairable else (float("nan"),) * 2
    if pairable == 0:
        note = "no unit coded by two or more coders"
    elif np.isnan(alpha):
        note = "every coder gave the same value: alpha is undefined"
    elif pairable < 30:
        note = f"few units coded twice (n={pairable}): the interval is wide"
    else:
        note = ""
    return {"measure": measure, "id": name, "alpha": alpha, "low": low, "high": high, "n_units": pairable, "note": note}


def agreement_table(
    codes: pd.DataFrame, *, resampling: Resampling | None = None, adjudicator: str = "adjudicated"
) -> pd.DataFrame:
    """Krippendorff's alpha between coders for every coded frame (nominal) and for tone (interval).

    Parameters
    ----------
    codes
        A codes table (:func:`analysis.validation.codes.read_codes`): ``unit_id``, ``coder``,
        ``frame:<id>`` columns and optionally ``tone``.
    resampling
        Resamples, confidence level and seed of the bootstrap intervals (default 1,000
        resamples, 95%, seed 0).
    adjudicator
        The coder whose rows settle disagreements (:func:`analysis.validation.codes.reference_codes`):
        left out here, since an adjudication is not an independent coding.

    Returns
    -------
    pandas.DataFrame
        :data:`AGREEMENT_COLUMNS`: one row per frame (``measure`` ``"frame"``, ``id`` the frame
        id) and one for tone (``measure`` and ``id`` ``"tone"``) when tone was coded; ``alpha``
        with its interval ``low``-``high``; ``n_units``, the units coded by two or more coders;
        ``note`` when alpha is undefined or the units few.
    """
    options = resampling or Resampling(n_resamples=1000)
    codes = codes[codes["coder"].ne(adjudicator)] if "coder" in codes else codes
    rows = [
        _row("frame", frame_id, reliability_matrix(codes, frame_column(frame_id)), "nominal", options)
        for frame_id in frame_columns(codes)
    ]
    if "tone" in codes.columns and codes["tone"].notna().any():
        rows.append(_row("tone", "tone", reliability_matrix(codes, "tone"), "interval", options))
    table = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    return table.astype({"alpha": "float64", "low": "float64", "high": "float64", "n_units": "int64"})
