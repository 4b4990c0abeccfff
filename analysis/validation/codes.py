"""Codes: what human coders said about spans of the corpus, read from CSV files and checked.

A *codes file* is a CSV (comma, semicolon or tab separated, UTF-8 with or without a byte-order
mark, as spreadsheets write it) with one row per coded span and coder:

=================== ============================================================================
``doc_id``          the document (its id in the corpus)
``start``, ``end``  the span, character offsets into the document's text (half-open)
``unit_id``         optional; when given it must be ``doc_id:start-end``
``frame:<id>``      one column per coded frame: ``1`` (the span uses the frame), ``0`` (it does
                    not), blank (not coded)
``tone``            optional; an integer from -4 (very negative) to +4 (very positive), blank
                    when not coded (see the tone scale of the codebook)
``coder``           optional; who coded the row (default: the file's name without suffix)
``weight``          optional; the relative weight with which the unit was drawn
                    (``framing sample --oversample-rare``); estimates weight each unit by its
                    inverse
=================== ============================================================================

Other columns (the coding sheet's ``voice``, ``text``, ``before``, ``after``, notes) are
ignored. A row with nothing coded (every frame and the tone blank) is skipped: a coding sheet
can be read before it is finished. Several files, and several coders in one file, are read
together; a span coded twice by one coder is an error.

Every problem is one line naming the file, the line and the column: an unknown frame id, a
document that is not in the corpus, a span outside its document, a tone out of range, a value
that is not 0, 1 or blank.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "ana.csv").write_text("doc_id,start,end,frame:economy,tone\\nd,0,12,1,2\\nd,13,20,,\\n")
>>> documents = pd.DataFrame({"doc_id": ["d"], "text": ["Trade grows. Talks."]})
>>> codes = read_codes([folder / "ana.csv"], documents=documents, frame_ids=["economy", "security"])
>>> codes[["unit_id", "coder", "frame:economy", "tone"]].values.tolist()
[['d:0-12', 'ana', 1.0, 2.0]]
>>> _ = (folder / "bad.csv").write_text("doc_id,start,end,tone\\nd,0,12,7\\n")
>>> read_codes([folder / "bad.csv"], documents=documents)
Traceback (most recent call last):
...
analysis.validation.codes.CodesError: .../bad.csv: line 2, column 4 (tone): tone 7 is outside -4..4
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import FileError

__all__ = [
    "FRAME_PREFIX",
    "TONE_RANGE",
    "CodesError",
    "frame_column",
    "frame_columns",
    "read_codes",
    "codes_files",
    "reference_codes",
    "tone_class",
]

#: Prefix of the frame columns of a codes file.
FRAME_PREFIX = "frame:"
#: The tone scale: integers from -4 to +4.
TONE_RANGE = (-4, 4)
_REQUIRED = ("doc_id", "start", "end")
_OPTIONAL = ("unit_id", "tone", "coder", "weight")
_FRAME_VALUES = {"": np.nan, "0": 0.0, "1": 1.0}


class CodesError(FileError):
    """A codes file is missing or invalid; the message names the file, the line and the column."""


def frame_column(frame_id: str) -> str:
    """The column of a frame in a codes file.

    Examples
    --------
    >>> frame_column("legality")
    'frame:legality'
    """
    return f"{FRAME_PREFIX}{frame_id}"


def frame_columns(codes: pd.DataFrame) -> list[str]:
    """The frame ids coded in a codes table, in column order.

    Examples
    --------
    >>> frame_columns(pd.DataFrame(columns=["doc_id", "frame:economy", "frame:security", "tone"]))
    ['economy', 'security']
    """
    return [str(c)[len(FRAME_PREFIX) :] for c in codes.columns if str(c).startswith(FRAME_PREFIX)]


def _delimiter(header: str) -> str:
    """The separator of a CSV file, from its header line (spreadsheets in some locales write ``;``)."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _read_text(file: Path) -> str:
    try:
        return file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CodesError(file, "no such file") from None
    except IsADirectoryError:
        raise CodesError(file, "is a folder, not a CSV file") from None
    except UnicodeDecodeError as exc:
        raise CodesError(file, f"not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise CodesError(file, f"cannot be read ({exc.strerror or exc})") from None


class _Row:
    """One row of a codes file, with the means to name a cell in an error."""

    def __init__(self, file: Path, line: int, header: list[str], values: list[str]) -> None:
        self.file, self.line, self.header = file, line, header
        self.values = dict(zip(header, (v.strip() for v in values), strict=False))

    def fail(self, column: str, problem: str) -> None:
        number = self.header.index(column) + 1 if column in self.header else "?"
        raise CodesError(self.file, f"line {self.line}, column {number} ({column}): {problem}")

    def get(self, column: str) -> str:
        return self.values.get(column, "") or ""

    def integer(self, column: str) -> int:
        value = self.get(column)
        try:
            number = float(value)
        except ValueError:
            self.fail(column, f"{value!r} is not a whole number" if value else "missing")
        if not number.is_integer():
            self.fail(column, f"{value!r} is not a whole number")
        return int(number)


def _check_header(file: Path, header: list[str], frame_ids: Sequence[str] | None) -> list[str]:
    """The frame ids of the header, checking the required columns and the frame ids."""
    for column in _REQUIRED:
        if column not in header:
            raise CodesError(file, f"line 1: no {column!r} column (a codes file needs doc_id, start and end)")
    seen = set()
    frames = []
    for number, column in enumerate(header, start=1):
        if column in seen and column:
            raise CodesError(file, f"line 1, column {number}: {column!r} appears twice")
        seen.add(column)
        if column.startswith(FRAME_PREFIX):
            frame_id = column[len(FRAME_PREFIX) :]
            if frame_ids is not None and frame_id not in frame_ids:
                known = ", ".join(frame_ids)
                raise CodesError(
                    file, f"line 1, column {number} ({column}): unknown frame id {frame_id!r} (known: {known})"
                )
            frames.append(frame_id)
    return frames


def _parse_row(row: _Row, frames: list[str], texts: dict[str, str] | None, coder: str) -> dict[str, Any] | None:
    """The coded values of one row, or None when it codes nothing."""
    values = {frame_column(f): row.get(frame_column(f)) for f in frames}
    tone_text = row.get("tone")
    if not tone_text and not any(values.values()):
        return None
    record: dict[str, Any] = {"doc_id": row.get("doc_id")}
    if not record["doc_id"]:
        row.fail("doc_id", "missing")
    start, end = row.integer("start"), row.integer("end")
    if texts is not None:
        if record["doc_id"] not in texts:
            row.fail("doc_id", f"no document {record['doc_id']!r} in the corpus")
        length = len(texts[record["doc_id"]])
        if not 0 <= start < end <= length:
            row.fail(
                "end" if 0 <= start < length else "start", f"span {start}-{end} is outside the document (0-{length})"
            )
    elif not 0 <= start < end:
        row.fail("end", f"span {start}-{end} is empty or negative")
    unit = f"{record['doc_id']}:{start}-{end}"
    if row.get("unit_id") and row.get("unit_id") != unit:
        row.fail("unit_id", f"{row.get('unit_id')!r} does not match doc_id:start-end ({unit!r})")
    record.update(start=start, end=end, unit_id=unit, coder=row.get("coder") or coder)
    for column, value in values.items():
        if value not in _FRAME_VALUES:
            row.fail(column, f"{value!r} is not 0, 1 or blank")
        record[column] = _FRAME_VALUES[value]
    record["tone"] = np.nan
    if tone_text:
        tone = row.integer("tone")
        if not TONE_RANGE[0] <= tone <= TONE_RANGE[1]:
            row.fail("tone", f"tone {tone} is outside {TONE_RANGE[0]}..{TONE_RANGE[1]}")
        record["tone"] = float(tone)
    record["weight"] = 1.0
    if row.get("weight"):
        try:
            record["weight"] = float(row.get("weight"))
        except ValueError:
            row.fail("weight", f"{row.get('weight')!r} is not a number")
        if not record["weight"] > 0:
            row.fail("weight", f"weight {row.get('weight')} must be positive")
    return record


def _read_file(file: Path, texts: dict[str, str] | None, frame_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    content = _read_text(file)
    if not content.strip():
        raise CodesError(file, "empty file (expected a header line: doc_id,start,end,frame:<id>...,tone,coder)")
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content.split("\n", 1)[0]))
    try:
        header = [h.strip() for h in next(reader)]
        frames = _check_header(file, header, frame_ids)
        records = []
        line = reader.line_num + 1
        for values in reader:
            if any(v.strip() for v in values):
                record = _parse_row(_Row(file, line, header, values), frames, texts, file.stem)
                if record is not None:
                    records.append({**record, "file": str(file), "line": line})
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CodesError(file, f"line {reader.line_num}: not valid CSV ({exc})") from None
    return records


def codes_files(folder: str | Path) -> list[Path]:
    """The codes files of a corpus folder: ``codes/*.csv``, sorted (none when it has no codes).

    Examples
    --------
    >>> codes_files("/nonexistent")
    []
    """
    where = Path(folder) / "codes"
    return sorted(where.glob("*.csv")) if where.is_dir() else []


def read_codes(
    files: str | Path | Iterable[str | Path],
    *,
    documents: pd.DataFrame | None = None,
    frame_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read and check codes files (see the module docstring for the format).

    Parameters
    ----------
    files
        One or more CSV files.
    documents
        The corpus's ``documents`` table (``doc_id``, ``text``): every span must lie in a
        document of it. None checks only that spans are not empty.
    frame_ids
        The frames of the lexicon: a ``frame:<id>`` column of another id is an error. None
        accepts any.

    Returns
    -------
    pandas.DataFrame
        One row per coded span and coder: ``doc_id``, ``start``, ``end``, ``unit_id``,
        ``coder``, one float column per coded frame (``frame:<id>``: 1.0, 0.0 or NaN), ``tone``
        (float, NaN when not coded), ``weight``, ``file`` and ``line``. Frames coded in one file
        but not another are NaN in the other's rows.

    Raises
    ------
    CodesError
        For the first problem, naming the file, the line and the column.
    """
    paths = [Path(files)] if isinstance(files, (str, Path)) else [Path(f) for f in files]
    if not paths:
        raise CodesError(None, "no codes files given")
    texts = None if documents is None else dict(zip(documents["doc_id"].astype(str), documents["text"], strict=True))
    records: list[dict[str, Any]] = []
    first: dict[tuple, dict[str, Any]] = {}
    for path in paths:
        for record in _read_file(path, texts, frame_ids):
            key = (record["doc_id"], record["start"], record["end"], record["coder"])
            if key in first:
                where = f"{first[key]['file']} line {first[key]['line']}"
                raise CodesError(
                    path,
                    f"line {record['line']}: span {record['unit_id']} is coded twice by {record['coder']!r} ({where})",
                )
            first[key] = record
            records.append(record)
    frames = list(dict.fromkeys(c for r in records for c in r if c.startswith(FRAME_PREFIX)))
    columns = ["doc_id", "start", "end", "unit_id", "coder", *frames, "tone", "weight", "file", "line"]
    table = pd.DataFrame(records, columns=columns)
    return table.astype({"start": "int64", "end": "int64", "tone": "float64", "weight": "float64", "line": "int64"})


def reference_codes(codes: pd.DataFrame, *, adjudicator: str = "adjudicated") -> pd.DataFrame:
    """One reference value per span from several coders: what validity is measured against.

    Per span and frame, the adjudicator's value when that coder coded it, else the majority
    of the coders; a tie is left undecided (NaN) and the span does not count for that frame.
    The tone is the adjudicator's, else the mean of the coders'.

    Returns
    -------
    pandas.DataFrame
        One row per span (in order of first appearance): ``doc_id``, ``start``, ``end``,
        ``unit_id``, ``n_coders``, the frame columns, ``tone`` and ``weight`` (the span's
        first).

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": "d", "start": 0, "end": 5, "unit_id": "d:0-5",
    ...     "coder": ["a", "b", "c"], "frame:economy": [1.0, 1.0, 0.0], "tone": [1.0, 2.0, np.nan],
    ...     "weight": 1.0})
    >>> row = reference_codes(codes).iloc[0]
    >>> int(row["n_coders"]), float(row["frame:economy"]), float(row["tone"])
    (3, 1.0, 1.5)
    """
    frames = [frame_column(f) for f in frame_columns(codes)]
    judged = codes["coder"].eq(adjudicator).to_numpy()
    units = pd.Index(pd.unique(codes["unit_id"]), name="unit_id")
    first = codes.drop_duplicates("unit_id").set_index("unit_id").reindex(units)
    coders = codes[~judged]
    final = codes[judged].groupby("unit_id", sort=False)
    table = pd.DataFrame({c: first[c] for c in ("doc_id", "start", "end")}, index=units)
    table["n_coders"] = coders.groupby("unit_id", sort=False)["coder"].nunique().reindex(units).fillna(0)
    for column in frames:
        votes = coders.groupby("unit_id", sort=False)[column]
        ones, count = votes.sum().reindex(units).fillna(0), votes.count().reindex(units).fillna(0)
        majority = np.where(ones * 2 > count, 1.0, np.where(ones * 2 < count, 0.0, np.nan))
        majority[count.to_numpy() == 0] = np.nan
        settled = final[column].first().reindex(units) if judged.any() else pd.Series(np.nan, index=units)
        table[column] = settled.where(settled.notna(), majority).to_numpy(dtype="float64")
    tone = codes["tone"] if "tone" in codes else pd.Series(np.nan, index=codes.index)
    mean = tone[~judged].groupby(codes.loc[~judged, "unit_id"], sort=False).mean().reindex(units)
    settled = tone[judged].groupby(codes.loc[judged, "unit_id"], sort=False).first().reindex(units)
    table["tone"] = settled.where(settled.notna(), mean).to_numpy(dtype="float64")
    table["weight"] = first["weight"].to_numpy(dtype="float64") if "weight" in first else 1.0
    table = table.reset_index()[["doc_id", "start", "end", "unit_id", "n_coders", *frames, "tone", "weight"]]
    return table.astype({"start": "int64", "end": "int64", "n_coders": "int64"})


def tone_class(tone: float | Sequence[float] | np.ndarray | pd.Series) -> Any:
    """The three classes of coded tone: ``"negative"`` (at most -0.5), ``"positive"`` (at least
    +0.5) or ``"neutral"`` -- the mean of two coders who said 0 and +1 is positive.

    Examples
    --------
    >>> tone_class([-2, 0, 0.5, 0.25]).tolist()
    ['negative', 'neutral', 'positive', 'neutral']
    """
    values = np.asarray(tone, dtype="float64")
    return np.where(values >= 0.5, "positive", np.where(values <= -0.5, "negative", "neutral"))
