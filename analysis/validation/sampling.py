"""Samples to code: a reproducible random draw of sentence units per voice, written as a coding sheet.

:func:`sample_units` draws up to ``n`` sentence units of each voice (a stratified sample: every
voice gets its own draw, so a rare voice is not crowded out), seeded so that the same call gives
the same sheet. Options:

* ``oversample_rare`` -- units in which the lexicon finds a rare frame (found in fewer than
  :data:`RARE_SHARE` of the voice's units) are drawn with a larger weight, ``RARE_SHARE / share``
  of the rarest such frame, at most :data:`MAX_WEIGHT`; the weight is recorded in the sheet's
  ``weight`` column, and estimates from the codes (validity, corrected shares) count each unit
  by its inverse, so the codes still describe the voice;
* ``probabilities`` -- a learned detector's probabilities (``framing sample --uncertain
  MODEL.json``): the units it is least sure of (the probability of some frame nearest 0.5) are
  proposed first, for the next round of coding (uncertainty sampling, Lewis & Gale 1994).

The sheet (:func:`coding_sheet`) has the columns ``doc_id``, ``start``, ``end``, ``unit_id``,
``voice``, ``text``, ``before`` and ``after`` (the neighbouring sentences), one empty
``frame:<id>`` column per frame, an empty ``tone`` and ``coder`` (and ``weight`` or
``uncertainty``): it opens in any spreadsheet and, filled in, is a codes file.

Examples
--------
>>> units = pd.DataFrame({"unit_id": [f"d:{i}-{i + 1}" for i in range(0, 20, 2)], "doc_id": "d",
...     "start": range(0, 20, 2), "end": range(1, 21, 2), "text": list("abcdefghij"),
...     "actor": ["lavrov", "araghchi"] * 5, "side": ["russia", "iran"] * 5, "source": "quote"})
>>> sheet = sample_units(units, ["side:iran", "side:russia"], n=2, seed=1, frame_ids=["economy"])
>>> sheet["voice"].tolist(), list(sheet.columns[-3:])
(['side:iran', 'side:iran', 'side:russia', 'side:russia'], ['frame:economy', 'tone', 'coder'])
>>> sheet.equals(sample_units(units, ["side:iran", "side:russia"], n=2, seed=1, frame_ids=["economy"]))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..schema import columns
from ..voices.voice import as_voice
from .codes import frame_column

__all__ = ["RARE_SHARE", "MAX_WEIGHT", "SHEET_COLUMNS", "rare_weights", "sample_units", "coding_sheet"]

#: A frame found in fewer than this share of a voice's units is rare.
RARE_SHARE = 0.1
#: The largest weight a unit is drawn with.
MAX_WEIGHT = 10.0
#: The first columns of a coding sheet (then one per frame, ``tone`` and ``coder``).
SHEET_COLUMNS = columns("coding_sheet")


def rare_weights(hits: np.ndarray) -> np.ndarray:
    """The draw weight of each unit: ``RARE_SHARE / share`` of the rarest rare frame it mentions, else 1.

    Examples
    --------
    >>> hits = np.array([[1, 0], [0, 0], [0, 0], [0, 0], [0, 0]] * 4 + [[0, 1]] * 20, dtype=bool)
    >>> rare_weights(hits)[[0, 1, 20]].tolist()
    [1.0, 1.0, 1.0]
    >>> rare_weights(np.array([[1]] + [[0]] * 99, dtype=bool))[:2].tolist()
    [10.0, 1.0]
    """
    hits = np.asarray(hits, dtype=bool)
    if not hits.size:
        return np.ones(len(hits))
    shares = hits.mean(axis=0)
    with np.errstate(divide="ignore"):
        boost = np.where((shares > 0) & (shares < RARE_SHARE), np.minimum(MAX_WEIGHT, RARE_SHARE / shares), 1.0)
    return np.where(hits, boost[None, :], 1.0).max(axis=1)


def _neighbours(units: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The text of the unit before and after each unit in its document."""
    ordered = units.sort_values(["doc_id", "start"], kind="stable")
    same_before = ordered["doc_id"].eq(ordered["doc_id"].shift(1))
    same_after = ordered["doc_id"].eq(ordered["doc_id"].shift(-1))
    before = ordered["text"].shift(1).where(same_before, "")
    after = ordered["text"].shift(-1).where(same_after, "")
    return before.reindex(units.index).fillna(""), after.reindex(units.index).fillna("")


def _draw(index: np.ndarray, n: int, rng: np.random.Generator, weights: np.ndarray | None, uncertainty) -> np.ndarray:
    """Positions drawn from ``index``: by weight, by uncertainty (ties at random) or uniformly."""
    if len(index) <= n and uncertainty is None:
        return rng.permutation(index)
    if uncertainty is not None:
        order = rng.permutation(len(index))
        ranked = order[np.argsort(-uncertainty[index][order], kind="stable")]
        return index[ranked[:n]]
    if weights is None:
        return rng.choice(index, size=n, replace=False)
    p = weights[index] / weights[index].sum()
    return rng.choice(index, size=n, replace=False, p=p)


def sample_units(
    units: pd.DataFrame,
    voices: Sequence[str],
    *,
    n: int,
    seed: int,
    frame_ids: Sequence[str],
    actors: Any = None,
    hits: np.ndarray | None = None,
    oversample_rare: bool = False,
    probabilities: np.ndarray | None = None,
) -> pd.DataFrame:
    """Draw up to ``n`` sentence units of each voice and return them as a coding sheet.

    Parameters
    ----------
    units
        The sentence units of a corpus (``analyse_corpus(...).units``).
    voices
        The voices to stratify by (``iran_mfa``, ``side:russia``, ``outlet``...); a unit of two
        voices is drawn for the first.
    n, seed
        Units per voice; seed of the draw.
    frame_ids
        The frames the sheet has a column for.
    actors
        The actor registry the voices are read with.
    hits, oversample_rare
        With ``oversample_rare``, the lexicon's units x frames hits set the draw weights
        (:func:`rare_weights`, per voice), recorded in ``weight``.
    probabilities
        A learned detector's units x frames probabilities: the units it is least sure of are
        drawn first (``uncertainty`` = 1 - |2p - 1| of the least certain frame).

    Raises
    ------
    InputError
        For ``n`` below 1, no voice, ``oversample_rare`` without ``hits``, or a voice with no unit.
    """
    if n < 1 or not voices:
        raise InputError(None, "give at least one voice and n of at least 1")
    if oversample_rare and hits is None:
        raise InputError(None, "oversample_rare needs the lexicon's hits")
    units = units.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    uncertainty = None if probabilities is None else (1 - np.abs(2 * np.asarray(probabilities) - 1)).max(axis=1)
    taken = np.zeros(len(units), dtype=bool)
    parts, weights = [], np.ones(len(units))
    for voice in voices:
        mask = as_voice(voice, actors).mask(units).to_numpy() & ~taken
        index = np.flatnonzero(mask)
        if not index.size:
            raise InputError(None, f"voice {voice!r} has no sentence units in the corpus")
        if oversample_rare:
            weights[index] = rare_weights(np.asarray(hits)[index])
        drawn = _draw(index, n, rng, weights if oversample_rare else None, uncertainty)
        taken[index] = True
        parts.append((voice, drawn))
    return coding_sheet(units, parts, frame_ids, weights=weights if oversample_rare else None, uncertainty=uncertainty)


def coding_sheet(
    units: pd.DataFrame,
    parts: Sequence[tuple[str, np.ndarray]],
    frame_ids: Sequence[str],
    *,
    weights: np.ndarray | None = None,
    uncertainty: np.ndarray | None = None,
) -> pd.DataFrame:
    """The coding sheet of drawn units: ``parts`` is ``(voice, positions in units)`` per voice."""
    before, after = _neighbours(units)
    rows = []
    for voice, drawn in parts:
        chosen = units.iloc[drawn]
        part = pd.DataFrame(
            {
                "doc_id": chosen["doc_id"].astype(str).to_numpy(),
                "start": chosen["start"].astype("int64").to_numpy(),
                "end": chosen["end"].astype("int64").to_numpy(),
                "unit_id": chosen["unit_id"].astype(str).to_numpy(),
                "voice": voice,
                "text": chosen["text"].to_numpy(),
                "before": before.iloc[drawn].to_numpy(),
                "after": after.iloc[drawn].to_numpy(),
            }
        )
        if weights is not None:
            part["weight"] = weights[drawn].round(4)
        if uncertainty is not None:
            part["uncertainty"] = uncertainty[drawn].round(4)
        rows.append(part)
    sheet = pd.concat(rows, ignore_index=True)
    for frame_id in frame_ids:
        sheet[frame_column(frame_id)] = ""
    sheet["tone"] = ""
    sheet["coder"] = ""
    return sheet
