"""The reports' "How right are these measures here?" sections: the codes of the corpus, or how to make them.

:func:`validation_section` turns a comparison's validity tables
(:mod:`analysis.compare.validated`) into one block of escaped HTML for reports 02 (tone), 04
(frames) and 05 (both, with the shares corrected for the detector's error). A corpus without
codes gets the note that its measures are not validated here, and the three commands that
validate them.

Examples
--------
>>> from analysis.pipeline import analyse_corpus
>>> from analysis.compare import compare_voices
>>> comparison = compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=199, cache=False)
>>> "26 spans coded" in validation_section(comparison, "tone", corpus="corpus").data
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML

from ..validation.assessment import unvalidated_note
from .display import escape, note, table

__all__ = ["MEASURES", "validation_section"]

#: What a section shows: tone (02), frames (04) or all, with corrected shares (05).
MEASURES = ("tone", "frames", "all")


def _alpha(agreement: pd.DataFrame, measure: str) -> str:
    rows = agreement[agreement["measure"].eq(measure)].dropna(subset=["alpha"])
    if rows.empty:
        return "no agreement could be measured"
    if measure == "tone":
        row = rows.iloc[0]
        return f"tone alpha {row['alpha']:.2f} [{row['low']:.2f}, {row['high']:.2f}]"
    return (
        f"frame alpha from {rows['alpha'].min():.2f} to {rows['alpha'].max():.2f} (median {rows['alpha'].median():.2f})"
    )


def _tone(comparison: Any) -> list[str]:
    shown = comparison.tone_validity[["method", "default", "pearson", "spearman", "accuracy3", "n"]]
    return [
        "<h3>Tone against the coded tone</h3>",
        table(shown).data,
        note(
            "Pearson and Spearman r between each method's compound score and the coded tone (-4 to +4), and the "
            "share of spans both call negative, neutral or positive (accuracy3). default: the method of these "
            "reports."
        ).data,
    ]


def _frames(comparison: Any) -> list[str]:
    figures = comparison.frame_validity[["id", "precision", "recall", "f1", "n_pos", "n"]]
    low = figures[(figures["f1"] < 0.6) & ~figures["id"].isin(["micro", "macro"])]["id"].tolist()
    parts = [
        "<h3>The frame detector against the codes</h3>",
        table(figures, max_rows=40).data,
        note(
            "precision: of the coded spans the detector finds a frame in, the share coded as the frame; recall: of "
            "the spans coded as the frame, the share it finds; n_pos: coded positives. A frame with few coded "
            "positives has rough figures."
        ).data,
    ]
    if low:
        parts.append(note(f"Measured F1 below 0.6, read their shares with care: {', '.join(low)}.").data)
    return parts


def _corrected(comparison: Any) -> list[str]:
    shown = comparison.corrected[["voice", "frame", "raw", "raw_low", "raw_high", "corrected", "low", "high", "f1"]]
    shown = shown.assign(read_with_care=comparison.corrected["low_validity"].map({True: "yes", False: ""}))
    return [
        "<h3>Frame shares, raw and corrected for the detector's measured error</h3>",
        table(shown, max_rows=60).data,
        note(
            "corrected = (raw + specificity - 1) / (sensitivity + specificity - 1), clipped to [0, 1] (Rogan & "
            "Gladen 1978; Forman 2008), sensitivity and specificity measured on the codes; its interval resamples "
            "both the coded units and the voice's documents."
        ).data,
    ]


def validation_section(comparison: Any, measure: str = "all", *, corpus: str | Path | None = None) -> HTML:
    """The "How right are these measures here?" section of a report, as one block of HTML.

    Parameters
    ----------
    comparison
        A :class:`~analysis.compare.comparison.Comparison` (its validity tables).
    measure
        ``"tone"``, ``"frames"`` or ``"all"`` (with the corrected shares).
    corpus
        The corpus folder, named in the commands shown when it has no codes (its name only).
    """
    if measure not in MEASURES:
        raise ValueError(f"measure {measure!r} is not one of {', '.join(MEASURES)}")
    label = Path(corpus).name if corpus else "CORPUS"
    if comparison.frame_validity.empty and comparison.tone_validity.empty:
        return note(unvalidated_note(label))
    attrs = comparison.frame_validity.attrs or comparison.tone_validity.attrs
    facts = (
        f"{attrs.get('spans', '?')} spans coded (coders: {attrs.get('coders', '?')}) in {label}/codes; "
        f"{_alpha(comparison.agreement, 'frame')}; {_alpha(comparison.agreement, 'tone')} (Krippendorff)."
    )
    parts = [f'<p class="framing-note">{escape(facts)}</p>']
    if measure in ("frames", "all"):
        parts += _frames(comparison)
    if measure in ("tone", "all"):
        parts += _tone(comparison)
    if measure == "all" and not comparison.corrected.empty:
        parts += _corrected(comparison)
    return HTML("\n".join(parts))
