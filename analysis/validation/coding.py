"""Coding in JupyterLab: one unit at a time, a checkbox per frame, a tone slider, the codebook beside.

A coding sheet (``framing sample``'s CSV) is coded in place: :class:`CodingSheet` reads it,
finds the next unit nobody coded, records a unit's codes and writes the sheet back after every
unit (to a file beside it, then moved into place, so an interrupted session never loses the
sheet), which makes a session resumable. :func:`coding_widget` puts it on screen with
ipywidgets (``notebooks/coding.ipynb``). Corpus text is shown escaped.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "sheet.csv"
>>> _ = path.write_text("doc_id,start,end,unit_id,text,frame:economy,tone,coder\\nd,0,5,d:0-5,Trade,,,\\n")
>>> sheet = CodingSheet(path)
>>> sheet.frame_ids, sheet.next_uncoded()
(['economy'], 0)
>>> sheet.record(0, frames={"economy": True}, tone=1, coder="ana")
>>> CodingSheet(path).next_uncoded() is None, path.read_text().splitlines()[1]
(True, 'd,0,5,d:0-5,Trade,1,1,ana')
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..salience.frames import load_frames
from .codebook import Codebook, load_codebook, render_codebook
from .codes import FRAME_PREFIX, TONE_RANGE, CodesError

__all__ = ["CodingSheet", "coding_widget", "practice_sheet", "coding_panel"]


class CodingSheet:
    """A coding sheet on disk: its units, which are coded, and a way to record codes.

    Parameters
    ----------
    path
        The CSV file (``framing sample --out``); every column is kept as it is.

    Raises
    ------
    CodesError
        When the file is missing or has no ``frame:<id>`` column and no ``tone`` column.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.table = pd.read_csv(self.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except FileNotFoundError:
            raise CodesError(self.path, "no such file (make one with framing sample)") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise CodesError(self.path, f"not a CSV coding sheet ({exc})") from None
        self.frame_ids = [c[len(FRAME_PREFIX) :] for c in self.table.columns if c.startswith(FRAME_PREFIX)]
        if not self.frame_ids and "tone" not in self.table.columns:
            raise CodesError(self.path, "no frame:<id> or tone column: not a coding sheet")
        for column in ("tone", "coder"):
            if column not in self.table.columns:
                self.table[column] = ""

    def __len__(self) -> int:
        return len(self.table)

    def coded(self, index: int) -> bool:
        """Whether a unit has any code (a frame or the tone)."""
        row = self.table.iloc[index]
        return any(str(row[f"{FRAME_PREFIX}{f}"]).strip() for f in self.frame_ids) or bool(str(row["tone"]).strip())

    def next_uncoded(self, start: int = 0) -> int | None:
        """The first unit from ``start`` on that has no code, or None when all are coded."""
        return next((i for i in range(start, len(self)) if not self.coded(i)), None)

    def progress(self) -> tuple[int, int]:
        """Units coded and units in the sheet."""
        return sum(self.coded(i) for i in range(len(self))), len(self)

    def record(self, index: int, *, frames: Mapping[str, bool], tone: int | None, coder: str) -> None:
        """Record one unit's codes (every frame 0 or 1; tone -4..4 or None) and save the sheet."""
        unknown = set(frames) - set(self.frame_ids)
        if unknown:
            raise CodesError(self.path, f"unknown frame id(s) {', '.join(sorted(unknown))}")
        if tone is not None and not TONE_RANGE[0] <= int(tone) <= TONE_RANGE[1]:
            raise CodesError(self.path, f"tone {tone} is outside {TONE_RANGE[0]}..{TONE_RANGE[1]}")
        for frame_id in self.frame_ids:
            self.table.iat[index, self.table.columns.get_loc(f"{FRAME_PREFIX}{frame_id}")] = str(
                int(bool(frames.get(frame_id, False)))
            )
        self.table.iat[index, self.table.columns.get_loc("tone")] = "" if tone is None else str(int(tone))
        self.table.iat[index, self.table.columns.get_loc("coder")] = coder
        self.save()

    def save(self) -> None:
        """Write the sheet beside itself and move it into place."""
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        self.table.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
        temporary.replace(self.path)


def _unit_html(sheet: CodingSheet, index: int) -> str:
    row = sheet.table.iloc[index]
    coded, total = sheet.progress()

    def part(column: str, style: str) -> str:
        value = str(row[column]) if column in row.index else ""
        return f'<p dir="auto" style="{style}">{html.escape(value)}</p>' if value else ""  # RTL text runs RTL

    where = html.escape(f"{row.get('doc_id', '')} [{row.get('start', '')}-{row.get('end', '')}]")
    voice = html.escape(str(row.get("voice", "")))
    return (
        f"<p><b>Unit {index + 1} of {total}</b> ({coded} coded) &middot; {voice} &middot; <code>{where}</code></p>"
        + part("before", "color:#777")
        + part("text", "font-size:1.15em;border-left:4px solid #4a7;padding-left:.5em")
        + part("after", "color:#777")
    )


def coding_widget(sheet: str | Path | CodingSheet, *, coder: str, codebook: Codebook | str | Path | None = None) -> Any:
    """An ipywidgets panel that codes a sheet one unit at a time (see the module docstring).

    Parameters
    ----------
    sheet
        The coding sheet (a path or a :class:`CodingSheet`).
    coder
        The coder's name, written in the ``coder`` column.
    codebook
        A :class:`Codebook` or a ``frames.yml`` (None: the package's), shown beside the unit.

    Returns
    -------
    ipywidgets.Widget
        The panel; ``panel.sheet`` is the sheet, ``panel.checkboxes`` (frame id -> Checkbox),
        ``panel.tone`` (the slider), ``panel.save_button``, ``panel.skip_button`` and
        ``panel.position`` (the unit shown, None when every unit is coded).
    """
    import ipywidgets as widgets

    data = sheet if isinstance(sheet, CodingSheet) else CodingSheet(sheet)
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    labels = {f.id: f.label for f in book.frames}
    shown = widgets.HTML()
    checkboxes = {f: widgets.Checkbox(description=labels.get(f, f), indent=False) for f in data.frame_ids}
    tone = widgets.IntSlider(value=0, min=TONE_RANGE[0], max=TONE_RANGE[1], description="tone")
    tone_coded = widgets.Checkbox(value=True, description="code the tone", indent=False)
    save_button = widgets.Button(description="Save and next", button_style="success")
    skip_button = widgets.Button(description="Skip")
    side = widgets.HTML(render_codebook(book, "html").split("<body>", 1)[-1].rsplit("</body>", 1)[0])
    panel = widgets.HBox(
        [
            widgets.VBox([shown, widgets.VBox(list(checkboxes.values())), tone, tone_coded,
                          widgets.HBox([save_button, skip_button])], layout=widgets.Layout(width="60%")),
            widgets.Box([side], layout=widgets.Layout(width="40%", height="32em", overflow="auto")),
        ]
    )  # fmt: skip

    def show(index: int | None) -> None:
        panel.position = index
        if index is None:
            coded, total = data.progress()
            shown.value = f"<p><b>All {total} units are coded</b> ({coded} with codes). The sheet is saved.</p>"
            return
        shown.value = _unit_html(data, index)
        for box in checkboxes.values():
            box.value = False
        tone.value = 0

    def save(_: Any = None) -> None:
        if panel.position is None:
            return
        frames = {f: box.value for f, box in checkboxes.items()}
        data.record(panel.position, frames=frames, tone=tone.value if tone_coded.value else None, coder=coder)
        show(data.next_uncoded(panel.position + 1) if data.next_uncoded(panel.position + 1) is not None
             else data.next_uncoded())  # fmt: skip

    def skip(_: Any = None) -> None:
        if panel.position is not None:
            following = data.next_uncoded(panel.position + 1)
            show(following if following is not None else data.next_uncoded())

    save_button.on_click(save)
    skip_button.on_click(skip)
    panel.sheet, panel.checkboxes, panel.tone = data, checkboxes, tone
    panel.save_button, panel.skip_button = save_button, skip_button
    show(data.next_uncoded())
    return panel


def practice_sheet(path: str | Path, codebook: Codebook | None = None, *, seed: int = 0) -> Path:
    """Write a coding sheet of the codebook's own example sentences, shuffled: practice for new coders.

    Each example is a "document" of its own (``doc_id`` ``example-<frame>-<n>``); the frame it
    illustrates is not shown. The sheet is written only when ``path`` does not exist yet, so a
    session resumes.

    Examples
    --------
    >>> import tempfile
    >>> sheet = CodingSheet(practice_sheet(Path(tempfile.mkdtemp()) / "practice.csv"))
    >>> len(sheet) > 30, sheet.next_uncoded()
    (True, 0)
    """
    import numpy as np

    target = Path(path)
    if target.exists():
        return target
    book = codebook if codebook is not None else load_codebook()
    rows = [
        (f"example-{frame.id}-{n}", 0, len(text), f"example-{frame.id}-{n}:0-{len(text)}", "codebook", text)
        for frame in book.frames
        for n, text in enumerate(frame.examples, start=1)
    ]
    order = np.random.default_rng(seed).permutation(len(rows))
    sheet = pd.DataFrame([rows[i] for i in order], columns=["doc_id", "start", "end", "unit_id", "voice", "text"])
    for frame in book.frames:
        sheet[f"{FRAME_PREFIX}{frame.id}"] = ""
    sheet["tone"], sheet["coder"] = "", ""
    sheet.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    return target


def coding_panel(sheet: str | Path | None, *, corpus: str | Path | None = None, coder: str) -> Any:
    """The coding notebook's panel: ``sheet`` coded by ``coder`` beside the codebook of ``corpus``.

    ``sheet`` None codes a practice sheet of the codebook's examples (:func:`practice_sheet`,
    kept in a temporary folder); ``corpus`` None shows the package's codebook.
    """
    import tempfile

    book = load_codebook(load_frames(corpus))
    if sheet is None:
        sheet = practice_sheet(Path(tempfile.gettempdir()) / f"framing-practice-{coder}.csv", book)
    return coding_widget(sheet, coder=coder, codebook=book)
