"""How right a comparison's measures are on its corpus: the codes of the corpus folder, if it has any.

A corpus folder may hold codes (``codes/*.csv``, :mod:`analysis.validation.codes`). When it
does, a comparison carries four more tables, computed with the comparison's own frame detector
and sentiment method: the agreement between coders, the detector's figures per frame, the
method's tone figures (with VADER beside it), and the two voices' frame shares raw and corrected
for the detector's measured error. Without codes they are empty, and the reports say that the
measures are not validated on the corpus and which three commands validate them.

Examples
--------
>>> from analysis.pipeline import analyse_corpus
>>> from analysis.compare import compare_voices
>>> comparison = compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=199, cache=False)
>>> int(comparison.frame_validity.set_index("id").loc["micro", "n"]), sorted(comparison.corrected["voice"].unique())
(26, ['iran_mfa', 'russia_mfa'])
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..resampling import Resampling
from ..schema import empty
from ..sentiment.registry import method_name
from ..validation.assessment import assess, corrected_voice_shares
from ..validation.codes import codes_files
from ..validation.validity import LOW_F1

__all__ = ["VALIDATION_TABLES", "codes_digest", "validation_tables", "mark_low_validity"]

#: The tables a comparison carries about its measures' validity (empty without codes).
VALIDATION_TABLES = {
    "agreement": "agreement",
    "frame_validity": "frame_validity",
    "tone_validity": "tone_validity",
    "corrected": "corrected_shares",
}


def codes_digest(root: Path | None) -> str:
    """A hash of a corpus folder's codes files (their names and contents): a comparison is made again when they change.

    Examples
    --------
    >>> codes_digest(None)
    ''
    """
    files = codes_files(root) if root is not None else []
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest() if files else ""


def validation_tables(
    run: Any,
    units: pd.DataFrame,
    voices: list[str],
    detector: Any,
    method: Any,
    options: Resampling,
    *,
    hits: Any = None,
) -> dict[str, pd.DataFrame]:
    """The four validity tables of a comparison (empty tables when the corpus folder has no codes).

    ``units`` are the counted units of the two voices, ``hits`` the detector's matches of them
    when already known (the stored analysis's, for the study's lexicon).
    """
    files = codes_files(run.study.root) if run.study.root is not None else []
    if not files:
        return {name: empty(table) for name, table in VALIDATION_TABLES.items()}
    name = method_name(method)
    methods = {name: run.study.sentiment_method(method)}
    if name != "vader":
        methods["vader"] = run.study.sentiment_method("vader")
    result = assess(
        run.documents,
        files,
        detector=detector,
        methods=methods,
        default=name,
        resources=run.study,
        resampling=options,
        known_frames=run.study.frames.frame_ids,
    )
    corrected = corrected_voice_shares(
        units,
        voices,
        result,
        detector=detector,
        hits=None if hits is None else np.asarray(hits, dtype=bool),
        actors=run.actors,
        resampling=options.replace(n_resamples=min(options.n_resamples, 2000), method="percentile"),
    )
    for table in (result.agreement, result.frames, result.tone, corrected):
        table.attrs.update({"spans": result.n_spans, "coders": ", ".join(result.coders), "detector": result.detector})
    return {"agreement": result.agreement, "frame_validity": result.frames, "tone_validity": result.tone,
            "corrected": corrected}  # fmt: skip


def mark_low_validity(shares: pd.DataFrame, frame_validity: pd.DataFrame) -> pd.DataFrame:
    """The frame shares with a note on every frame whose F1 on the codes is below 0.6.

    Examples
    --------
    >>> shares = pd.DataFrame({"frame": ["economy", "legality"], "note": ["", "few units"]})
    >>> figures = pd.DataFrame({"id": ["economy", "legality"], "f1": [0.9, 0.4]})
    >>> mark_low_validity(shares, figures)["note"].tolist()
    ['', 'few units; measured F1 0.40 < 0.6 on the codes: read with care']
    """
    if frame_validity.empty:
        return shares
    f1 = frame_validity.set_index("id")["f1"]
    low = {frame: value for frame, value in f1.items() if pd.notna(value) and value < LOW_F1}
    if not low:
        return shares
    marked = shares.copy()
    for index, frame in marked["frame"].items():
        if frame in low:
            flag = f"measured F1 {low[frame]:.2f} < {LOW_F1} on the codes: read with care"
            marked.at[index, "note"] = "; ".join(filter(None, [marked.at[index, "note"], flag]))
    return marked
