"""A comparison computed once per report: stored beside the analysis, read back by every notebook.

A :class:`~analysis.compare.comparison.Comparison` is saved as a folder: its tables as Parquet
with their types and ``attrs`` (:mod:`analysis.pipeline.parquet`), everything else (voices as
their notation, sizes, caveats) as JSON -- never as a pickle: the store may sit in a corpus
folder someone else prepared, and reading it must not run code. Parquet keeps the comparison
of 10,000 documents quick to read in every notebook (a few hundred milliseconds, where JSON
took seconds). Its name is a hash of everything the comparison depends on: the stored
analysis, the two voices and every option.

Examples
--------
>>> import shutil, tempfile
>>> from analysis.paths import default_corpus
>>> from analysis.pipeline import analyse_corpus
>>> from analysis.compare import compare_voices
>>> fresh = shutil.ignore_patterns(".framing")  # a copy of the corpus without its stored analysis
>>> corpus = shutil.copytree(default_corpus(), tempfile.mkdtemp() + "/corpus", ignore=fresh)
>>> run = analyse_corpus(corpus, store=True, jobs=1)
>>> first = compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=199)
>>> again = compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=199)
>>> again.sentiment.equals(first.sentiment), len(list((run.store / "comparisons").iterdir()))
(True, 1)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from ..pipeline.parquet import read_table, write_table
from ..pipeline.store import analysis_digest
from ..voices.voice import as_voice
from .result import Comparison

__all__ = ["comparison_key", "save_comparison", "load_comparison", "is_stored", "prune_comparisons"]

_FORMAT = 2


def comparison_key(store: Path, options: dict[str, Any]) -> str:
    """The name of a comparison: a hash of the stored analysis, then a hash of the comparison's options.

    The first half is :func:`analysis.pipeline.store.analysis_digest`, the same while the
    analysis is (:func:`prune_comparisons` removes the comparisons of earlier analyses).
    """
    text = json.dumps({"format": _FORMAT, "options": options}, sort_keys=True, default=str)
    return f"{analysis_digest(store)[:16]}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def prune_comparisons(folder: str | Path, key: str) -> int:
    """Remove the stored comparisons of other analyses than the one ``key`` names; return how many.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("aaaa-1", "aaaa-2", "bbbb-1"):
    ...     (folder / name).mkdir()
    >>> prune_comparisons(folder, "aaaa-3"), sorted(p.name for p in folder.iterdir())
    (1, ['aaaa-1', 'aaaa-2'])
    """
    analysis = key.split("-")[0] + "-"
    removed = 0
    for path in Path(folder).iterdir():
        if path.name.startswith(analysis) or path.name.startswith("."):  # kept, or being written
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:  # a comparison stored as one JSON file by an earlier version
            path.unlink(missing_ok=True)
        removed += 1
    return removed


#: The file of a stored comparison that holds everything but its tables, and names them.
_INDEX = "comparison.json"


def save_comparison(comparison, path: str | Path) -> None:
    """Write a comparison into the folder ``path``: its tables as Parquet, the rest as JSON.

    The folder is written beside its place and renamed into it, so readers never see half a
    comparison; when another run stored the same comparison first, that one is kept.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    index: dict[str, Any] = {}
    for item in dataclasses.fields(comparison):
        value = getattr(comparison, item.name)
        if isinstance(value, pd.DataFrame):
            write_table(_plain_attrs(value), staging / f"{item.name}.parquet")
            index[item.name] = {"table": f"{item.name}.parquet"}
        elif item.name == "contributions":
            files = {key: f"{item.name}-{number}.parquet" for number, key in enumerate(value)}
            for key, table in value.items():
                write_table(table, staging / files[key])
            index[item.name] = {"tables": files}
        elif item.name == "voices":
            index[item.name] = {"voices": [str(v) for v in value]}
        else:
            index[item.name] = {"value": value}
    (staging / _INDEX).write_text(json.dumps(index, default=str), encoding="utf-8")
    try:
        os.replace(staging, path)
    except OSError:  # stored meanwhile by another run: the same comparison
        shutil.rmtree(staging, ignore_errors=True)


def _plain_attrs(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its ``attrs`` as JSON can hold them: an object (a sentiment method) by its name."""
    plain = (str, int, float, bool, list, dict, type(None))
    if all(isinstance(v, plain) for v in table.attrs.values()):
        return table
    copy = table.copy(deep=False)
    copy.attrs = {k: v if isinstance(v, plain) else str(getattr(v, "name", v)) for k, v in table.attrs.items()}
    return copy


def load_comparison(path: str | Path, actors) -> Comparison:
    """Read a comparison written by :func:`save_comparison` (voices resolved with ``actors``)."""
    path = Path(path)
    index = json.loads((path / _INDEX).read_text(encoding="utf-8"))
    values: dict[str, Any] = {}
    for name, entry in index.items():
        if "table" in entry:
            values[name] = read_table(path / entry["table"])
        elif "tables" in entry:
            values[name] = {key: read_table(path / file) for key, file in entry["tables"].items()}
        elif "voices" in entry:
            values[name] = tuple(as_voice(v, actors) for v in entry["voices"])
        else:
            values[name] = tuple(entry["value"]) if name == "labels" else entry["value"]
    return Comparison(**values)


def is_stored(path: str | Path) -> bool:
    """Whether ``path`` holds a complete stored comparison."""
    return (Path(path) / _INDEX).is_file()
