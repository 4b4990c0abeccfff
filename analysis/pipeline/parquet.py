"""Tables as Parquet files: written whole or not at all, read back with their types, text held once.

The stored analysis (:mod:`analysis.pipeline.store`) and the stored comparisons
(:mod:`analysis.compare.cache`) keep their tables here. Parquet (through fastparquet) keeps
numbers, dates and text; this module adds what a table needs to come back as it was:

* the pandas type of every column (``str``, ``Int64``, ``datetime64[s]``...), recorded in the
  file's key-value metadata and restored on reading;
* columns of lists (the evidence ids of a row) and the table's ``attrs``, as JSON;
* a write beside the file, then a rename: a reader never sees half a file.

A text column whose values repeat (an actor id on every sentence of a corpus) is stored as a
dictionary and read back holding each distinct value once, every row pointing to it: the
analysis of 10,000 documents then takes 0.8 GB in memory instead of 1.3 GB, where every cell
was its own string.

Examples
--------
>>> import tempfile
>>> ids = [["a:1"], [], ["b:2", "b:3"], None]
>>> table = pd.DataFrame({"actor": ["lavrov", "lavrov", "lavrov", "araghchi"], "ids": ids})
>>> table.attrs["method"] = "logodds"
>>> path = Path(tempfile.mkdtemp()) / "table.parquet"
>>> write_table(table, path)
>>> back = read_table(path)
>>> back.equals(table), back.attrs, back["actor"].iloc[0] is back["actor"].iloc[1]
(True, {'method': 'logodds'}, True)
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["write_table", "read_table", "share_repeated_text"]

#: The key of this module's entry in a Parquet file's key-value metadata.
_KEY = "framing"
#: Column types restored as recorded (others come back as fastparquet reads them).
_RESTORED = ("str", "string", "Int64", "boolean", "bool", "int64", "float64")


def _is_list_column(values: pd.Series) -> bool:
    return values.dtype == object and any(isinstance(v, (list, tuple, np.ndarray)) for v in values)


def _repeats(values: pd.Series) -> bool:
    """Whether a text column holds each of its values, on average, at least twice."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)) or len(values) < 2:
        return False
    try:
        return 2 * values.nunique(dropna=False) <= len(values)
    except TypeError:  # unhashable cells
        return False


def fastparquet_module() -> Any:
    """Import fastparquet without its warning about a pandas option that pandas 3 deprecates.

    fastparquet asks pandas at import whether strings are inferred (``future.infer_string``);
    pandas 3 warns that the option is deprecated. The question is the library's own business,
    so a user running with warnings on (``-W default``, pytest) is not shown it.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The 'future.infer_string' option is deprecated")
        import fastparquet
    return fastparquet


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """Write a table as Parquet, with its column types, list columns and ``attrs``.

    Dates are stored in nanoseconds (and read back in their own unit); an index other than
    ``0, 1, 2...`` is kept. The file is written beside ``path`` and renamed into place.
    """
    fastparquet = fastparquet_module()

    path = Path(path)
    index = frame.index
    plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None
    types = {str(c): str(frame[c].dtype) for c in frame.columns}
    lists = [str(c) for c in frame.columns if _is_list_column(frame[c])]
    changes: dict[str, Any] = {
        c: frame[c].map(lambda v: None if v is None else json.dumps(list(v), default=str)) for c in lists
    }
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            changes[column] = values.astype("datetime64[ns]")
        elif column not in changes and _repeats(values):  # stored as a dictionary: read back without a copy per row
            changes[column] = values.astype("category")
    if changes:
        frame = frame.assign(**changes)
    meta = {"types": types, "lists": lists, "attrs": frame.attrs, "index": None if plain else list(index.names)}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fastparquet.write(
        str(temporary), frame, write_index=not plain, custom_metadata={_KEY: json.dumps(meta, default=str)}
    )
    os.replace(temporary, path)


def read_table(path: str | Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (or any Parquet file), ``columns`` only if given.

    Columns that are not in the file are left out. Column types, list columns and ``attrs``
    recorded by :func:`write_table` are restored, and repeated text is held once (stored as a
    dictionary by :func:`write_table`; in other files, :func:`share_repeated_text`).
    """
    fastparquet = fastparquet_module()

    with open(path, "rb") as handle:
        stored = fastparquet.ParquetFile(handle)
        wanted = [c for c in columns if c in stored.columns] if columns else None
        with warnings.catch_warnings():  # fastparquet probes a pandas option deprecated in pandas 3
            warnings.simplefilter("ignore", FutureWarning)
            frame = stored.to_pandas(columns=wanted)
        meta = json.loads(stored.key_value_metadata.get(_KEY, "{}"))
    if meta:  # repeated text was stored as a dictionary: one object per distinct value
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype) and meta["types"].get(column) != "category":
                frame[column] = _expanded(frame[column])
    else:  # a file from elsewhere
        frame = share_repeated_text(frame)
    for column in meta.get("lists", []):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: v if v is None else json.loads(v))
    for column, kind in meta.get("types", {}).items():
        if column not in frame.columns or str(frame[column].dtype) == kind:
            continue
        if kind in _RESTORED or kind.startswith("datetime64["):
            frame[column] = frame[column].astype(kind)
    if meta.get("index"):
        frame.index.names = meta["index"]
    frame.attrs.update(meta.get("attrs") or {})
    return frame


def _expanded(values: pd.Series) -> pd.Series:
    """A categorical column as plain values, each row pointing to its category's one object."""
    codes = values.cat.codes.to_numpy()
    categories = np.asarray(values.cat.categories, dtype=object)
    expanded = categories.take(codes) if len(categories) else np.full(len(codes), None, dtype=object)
    expanded[codes < 0] = None
    return pd.Series(expanded, index=values.index, dtype=object)


def share_repeated_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Make each text column whose values repeat hold every distinct value once (in place).

    A column of Python strings holds one object per cell even when the values repeat; here
    cells with equal values point to one object, so the memory of a column of actor ids,
    outlets or sentence types no longer grows with its rows. Values and types are unchanged.

    Examples
    --------
    >>> table = share_repeated_text(pd.DataFrame({"side": ["iran", "iran".upper().lower(), None]}, dtype=object))
    >>> table["side"].iloc[0] is table["side"].iloc[1], table["side"].tolist()
    (True, ['iran', 'iran', None])
    """
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object or len(values) < 2:
            continue
        try:
            codes, uniques = pd.factorize(values)
        except TypeError:  # unhashable cells (lists)
            continue
        if 2 * len(uniques) > len(values):  # mostly distinct values: nothing to share
            continue
        shared = np.asarray(uniques, dtype=object).take(codes)
        missing = codes < 0
        if missing.any():
            shared[missing] = values.to_numpy(dtype=object)[missing]
        frame[column] = pd.Series(shared, index=frame.index, dtype=object)
    return frame
