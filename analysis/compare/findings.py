"""The findings of a comparison in one table: one row per measure, voice A | voice B | difference.

:func:`findings_table` is what the framing report opens with: how much each voice said (its
statements, counting every copy and counting copies once, documents, outlets), its mean tone
with an interval and the difference with its p-value, its most distinctive terms, its most
frequent frames and the difference in shares, and whom it criticises. Every cell is built from
the comparison's own tables, so it can be checked against the evidence sections the rows link
to; a cell with nothing to say is None, and the row's ``note`` says why.

:func:`voice_facts` gives the size of each voice (the compact box at the top of the other
reports).

Examples
--------
>>> from analysis.pipeline import analyse_corpus
>>> from analysis.compare import compare_voices
>>> run = analyse_corpus()
>>> findings = findings_table(compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=999), actors=run.actors)
>>> findings["measure"].tolist()  # doctest: +NORMALIZE_WHITESPACE
['Statements', 'Documents', 'Outlets', 'Mean tone', 'Distinctive terms', 'Most frequent frames',
 'Whom it criticises']
>>> findings.loc[0, ["a", "b"]].tolist()
['8 (8 distinct)', '1 (1 distinct)']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..salience.scores import top_terms
from ..schema import columns
from ..sentiment.criticism import criticism_table

if TYPE_CHECKING:
    from ..corpus.registry import ActorRegistry
    from .result import Comparison

__all__ = ["FINDINGS_COLUMNS", "FACT_COLUMNS", "SECTIONS", "findings_table", "voice_facts"]

#: Columns of :func:`findings_table` (``analysis.schema``'s ``findings`` table).
FINDINGS_COLUMNS = columns("findings")
#: Columns of :func:`voice_facts` (``analysis.schema``'s ``voice_facts`` table).
FACT_COLUMNS = columns("voice_facts")
#: The heading of the framing report's section that holds each measure's evidence.
SECTIONS = {
    "size": "What each voice said",
    "tone": "Sentiment",
    "terms": "Distinctive terms",
    "frames": "Frames",
    "criticism": "Who criticises whom",
}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def voice_facts(comparison: Comparison, *, speakers: int = 3) -> pd.DataFrame:
    """How much each voice of a comparison said, and who speaks for it: one row per voice.

    ``statements`` counts the voice's sentence units in every copy of every document,
    ``distinct`` the distinct statements among them (copies of one sentence counted once, see
    :mod:`analysis.syndication.distinct`); ``documents`` and ``outlets`` those that carry
    them; ``speakers`` names the ``speakers`` actors who say most for it, with their roles and
    statements.

    Examples
    --------
    >>> from analysis.pipeline import analyse_corpus
    >>> from analysis.compare import compare_voices
    >>> facts = voice_facts(compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=999))
    >>> facts[["voice", "statements", "distinct", "documents", "outlets"]].values.tolist()
    [['iran_mfa', 8, 8, 1, 1], ['russia_mfa', 1, 1, 1, 1]]
    """
    rows = []
    units = comparison.units
    for voice, label in zip(comparison.voices, comparison.labels, strict=True):
        if units.empty:  # a comparison without its units: the counted sizes
            size = comparison.sizes[str(voice)]
            counts = (size["units"], size["units"], size["documents"], 0)
        else:
            selected = units[voice.mask(units)]
            distinct = selected["statement_id"].nunique() if "statement_id" in selected else len(selected)
            outlets = selected["outlet"].nunique() if "outlet" in selected else 0
            counts = (len(selected), int(distinct), int(selected["doc_id"].nunique()), int(outlets))
        table = comparison.contributions.get(str(voice), pd.DataFrame())
        names = [
            f"{row.name}{', ' + row.role if row.role else ''} ({row.statements})"
            for row in table.head(speakers).itertuples()
        ]
        if len(table) > speakers:
            names.append(f"{len(table) - speakers} more")
        rows.append([str(voice), label, *counts, ", ".join(names)])
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def _count_rows(facts: pd.DataFrame) -> list[dict[str, Any]]:
    a, b = facts.iloc[0], facts.iloc[1]
    note = (
        "Statements: the voice's sentences in every document that carries them; distinct: a sentence "
        "repeated in several documents counted once (every measure below counts distinct statements)."
    )
    rows = [
        {
            "measure": "Statements",
            "a": f"{a['statements']:,} ({a['distinct']:,} distinct)",
            "b": f"{b['statements']:,} ({b['distinct']:,} distinct)",
            "difference": f"{a['distinct'] - b['distinct']:+,} distinct",
            "note": note,
            "section": SECTIONS["size"],
        }
    ]
    for measure, column in (("Documents", "documents"), ("Outlets", "outlets")):
        rows.append(
            {
                "measure": measure,
                "a": f"{a[column]:,}",
                "b": f"{b[column]:,}",
                "difference": f"{a[column] - b[column]:+,}",
                "note": "",
                "section": SECTIONS["size"],
            }
        )
    return rows


def _why_no_interval(note: object) -> str:
    text = str(note or "")
    if "one document" in text or "a single document" in text:
        return "all its sentences come from one document (intervals resample documents)"
    if "one sentence" in text:
        return "it has one sentence"
    return "too few sentences"


def _signed(value: float) -> str:
    """A score with its sign, two decimals; a value that rounds to zero has none.

    Examples
    --------
    >>> _signed(0.412), _signed(-0.0004), _signed(-0.25)
    ('+0.41', '0.00', '-0.25')
    """
    shown = f"{value:+.2f}"
    return "0.00" if shown in ("+0.00", "-0.00") else shown


def _p_value(p: float) -> str:
    """A p-value as a reader wants it: two digits, three below 0.01, a bound below 0.001.

    Examples
    --------
    >>> _p_value(0.3149), _p_value(0.0042), _p_value(0.00001)
    ('p = 0.31', 'p = 0.004', 'p < 0.001')
    """
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def _unmeasured(row) -> str:
    """The "tone not measured for N Russian units" part of a sentiment row's note, or ""."""
    if row is None:
        return ""
    parts = [p.strip() for p in str(row.get("note", "") or "").split(";")]
    return next((p for p in parts if p.startswith("tone not measured")), "")


def _tone_row(comparison: Comparison, level: float) -> dict[str, Any]:
    rows = comparison.sentiment.set_index("voice")
    cells, notes = [], []
    for voice, label in zip((comparison.a, comparison.b), comparison.labels, strict=True):
        row = rows.loc[voice] if voice in rows.index else None
        unmeasured = _unmeasured(row)
        if unmeasured:
            notes.append(f"{label}: {unmeasured} (the sentiment method does not read their language)")
        if row is None or int(row["n"]) == 0 or pd.isna(row["mean"]):
            cells.append(None)
            if not unmeasured:
                notes.append(f"{label} has no scored sentence")
            continue
        sentences = _plural(int(row["n"]), "sentence")
        if pd.notna(row["low"]) and pd.notna(row["high"]):
            interval = f"{level:.0%} interval {_signed(row['low'])} to {_signed(row['high'])}"
            cells.append(f"{_signed(row['mean'])} ({interval}; {sentences})")
        else:
            cells.append(f"{_signed(row['mean'])} ({sentences}; no interval)")
            notes.append(f"no interval for {label}: {_why_no_interval(row['note'])}")
    difference = None
    if len(comparison.sentiment_difference):
        diff = comparison.sentiment_difference.iloc[0]
        if pd.notna(diff["difference"]):
            p_value = diff["p_value"]
            if pd.isna(p_value):
                difference = f"{_signed(diff['difference'])} (no p-value)"
                notes.append(f"no p-value: {diff['note'] or 'too few sentences'}")
            else:
                difference = f"{_signed(diff['difference'])} (permutation {_p_value(p_value)})"
        else:
            notes.append("no difference: a voice has no scored sentence")
    return {
        "measure": "Mean tone",
        "a": cells[0],
        "b": cells[1],
        "difference": difference,
        "note": "; ".join(notes),
        "section": SECTIONS["tone"],
    }


def _terms_row(comparison: Comparison, n: int) -> dict[str, Any]:
    terms = comparison.keyness
    top = top_terms(terms, n) if len(terms) else terms
    a = top[top["score"] > 0]["term"].tolist() if len(top) else []
    b = top[top["score"] < 0]["term"].tolist()[::-1] if len(top) else []  # the most characteristic first
    notes = ["each voice's terms are those most characteristic of it against the other: the lists are the difference"]
    if "empty_reason" in terms.attrs:
        notes.append(f"no terms: {terms.attrs['empty_reason']}")
    elif terms.attrs.get("warnings"):
        notes.append("a small sample (under about 1,000 words a voice): a ranking of this sample, not a finding")
    for label, found in zip(comparison.labels, (a, b), strict=True):
        if not found and "empty_reason" not in terms.attrs:
            notes.append(f"no term is more frequent in {label}")
    return {
        "measure": "Distinctive terms",
        "a": ", ".join(a) or None,
        "b": ", ".join(b) or None,
        "difference": None,
        "note": "; ".join(notes),
        "section": SECTIONS["terms"],
    }


def _corrected_share(comparison: Comparison, voice: str, frame: str) -> str:
    """`` (corrected 35%)`` when the corpus's codes correct the share (``, low validity`` below F1 0.6)."""
    corrected = comparison.corrected
    if corrected is None or corrected.empty:
        return ""
    row = corrected[(corrected["voice"] == voice) & (corrected["frame"] == frame)]
    if row.empty or pd.isna(row["corrected"].iloc[0]):
        return ""
    low = ", low validity" if bool(row["low_validity"].iloc[0]) else ""
    return f" (corrected {row['corrected'].iloc[0]:.0%}{low})"


def _frames_row(comparison: Comparison, n: int) -> dict[str, Any]:
    shares = comparison.frames
    cells, notes = [], []
    for voice, label in zip((comparison.a, comparison.b), comparison.labels, strict=True):
        rows = shares[(shares["voice"] == voice) & (shares["k"] > 0)].sort_values(
            "share", ascending=False, kind="stable"
        )
        if rows.empty:
            cells.append(None)
            notes.append(f"no sentence of {label} mentions a frame of the lexicon")
        else:
            cells.append(
                ", ".join(
                    f"{r.label} {r.share:.0%}{_corrected_share(comparison, voice, r.frame)}"
                    for r in rows.head(n).itertuples()
                )
            )
    by_frame = shares.pivot_table(index="label", columns="voice", values="share", sort=False)
    difference = None
    if {comparison.a, comparison.b} <= set(by_frame.columns) and len(by_frame):
        gaps = (by_frame[comparison.a] - by_frame[comparison.b]).dropna()
        if len(gaps) and gaps.abs().max() > 0:
            frame = gaps.abs().idxmax()
            points = round(gaps[frame] * 100)
            size = f"{points:+d} point{'' if abs(points) == 1 else 's'}" if points else "under 1 point"
            difference = f"{frame}: {size}"
    if difference is None:
        notes.append("no frame's share differs between the voices")
    notes.append("shares of the voice's sentences that mention the frame; the largest gap is the difference")
    if comparison.corrected is not None and not comparison.corrected.empty:
        notes.append(
            "corrected: the share corrected for the detector's error measured on this corpus's codes "
            "(Rogan-Gladen; see How right are these measures here?)"
        )
    return {
        "measure": "Most frequent frames",
        "a": cells[0],
        "b": cells[1],
        "difference": difference,
        "note": "; ".join(notes),
        "section": SECTIONS["frames"],
    }


def _criticism_row(comparison: Comparison, actors: ActorRegistry | None, targets: Any, n: int) -> dict[str, Any]:
    table = criticism_table(comparison.scored, targets=targets, voices=[comparison.a, comparison.b], actors=actors)
    cells, notes = [], []
    for voice, label in zip((comparison.a, comparison.b), comparison.labels, strict=True):
        rows = table[(table["voice"] == voice) & (table["n_negative"] > 0)]
        rows = rows.sort_values(["n_negative", "target_name"], ascending=[False, True], kind="stable").head(n)
        if rows.empty:
            cells.append(None)
            notes.append(f"no negative sentence of {label} names a target")
        else:
            cells.append(
                ", ".join(
                    f"{r.target_name} ({r.n_negative} of {_plural(int(r.n), 'sentence')} negative)"
                    for r in rows.itertuples()
                )
            )
    notes.append("the targets named in the voice's negative sentences; each voice is read on its own")
    return {
        "measure": "Whom it criticises",
        "a": cells[0],
        "b": cells[1],
        "difference": None,
        "note": "; ".join(notes),
        "section": SECTIONS["criticism"],
    }


def findings_table(
    comparison: Comparison,
    *,
    actors: ActorRegistry | None = None,
    targets: Any = None,
    terms: int = 3,
    frames: int = 2,
    criticised: int = 2,
) -> pd.DataFrame:
    """The findings of a comparison, one row per measure: voice A, voice B and their difference.

    Parameters
    ----------
    comparison
        The result of :func:`analysis.compare_voices`.
    actors
        The actor registry (names in the criticism counts).
    targets
        The targets of criticism (default: the package's, see :func:`analysis.sentiment.criticism_table`).
    terms, frames, criticised
        How many distinctive terms, frames and criticised targets each voice's cell names.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDINGS_COLUMNS`: the measure, the text of each cell (None where there
        is nothing to say), a ``note`` that says why a cell is empty and how to read the row,
        and the ``section`` of the framing report holding the evidence. ``attrs["labels"]``
        names the two voices.
    """
    level = float(comparison.sentiment.attrs.get("confidence_level", 0.95))
    rows = [
        *_count_rows(voice_facts(comparison)),
        _tone_row(comparison, level),
        _terms_row(comparison, terms),
        _frames_row(comparison, frames),
        _criticism_row(comparison, actors, targets, criticised),
    ]
    table = pd.DataFrame(rows, columns=FINDINGS_COLUMNS)
    table = table.astype({"a": object, "b": object, "difference": object})
    table = table.where(table.notna(), None).replace({np.nan: None})
    table.attrs["labels"] = list(comparison.labels)
    table.attrs["voices"] = [comparison.a, comparison.b]
    return table
