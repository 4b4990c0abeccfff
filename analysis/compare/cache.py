"""A comparison computed once per report: stored beside the analysis, read back by every notebook.

A :class:`~analysis.compare.comparison.Comparison` is saved as JSON -- tables in pandas'
``table`` orientation with their ``attrs``, voices as their notation -- never as a pickle: the
store may sit in a corpus folder someone else prepared, and reading it must not run code. Its
key is a hash of everything the comparison depends on: the stored analysis (its manifest), the
two voices and every option.

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
>>> again.sentiment.equals(first.sentiment), len(list((run.store / "comparisons").glob("*.json")))
(True, 1)
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..voices.voice import as_voice

__all__ = ["comparison_key", "save_comparison", "load_comparison", "prune_comparisons"]

_FORMAT = 1


def comparison_key(store: Path, options: dict[str, Any]) -> str:
    """The name of a comparison: a hash of the stored analysis, then a hash of the comparison's options.

    The first half is :func:`analysis.pipeline.store.analysis_digest`, the same while the
    analysis is (:func:`prune_comparisons` removes the comparisons of earlier analyses).
    """
    from ..pipeline.store import analysis_digest

    text = json.dumps({"format": _FORMAT, "options": options}, sort_keys=True, default=str)
    return f"{analysis_digest(store)[:16]}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def prune_comparisons(folder: str | Path, key: str) -> int:
    """Remove the stored comparisons of other analyses than the one ``key`` names; return how many.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("aaaa-1.json", "aaaa-2.json", "bbbb-1.json"):
    ...     _ = (folder / name).write_text("{}")
    >>> prune_comparisons(folder, "aaaa-3"), sorted(p.name for p in folder.iterdir())
    (1, ['aaaa-1.json', 'aaaa-2.json'])
    """
    analysis = key.split("-")[0] + "-"
    removed = 0
    for path in Path(folder).glob("*.json"):
        if not path.name.startswith(analysis):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _frame(table: pd.DataFrame) -> dict[str, Any]:
    return {"table": table.to_json(orient="table", date_unit="ns", index=False), "attrs": table.attrs}


def _unframe(data: dict[str, Any]) -> pd.DataFrame:
    table = pd.read_json(io.StringIO(data["table"]), orient="table")
    table.attrs.update(data.get("attrs") or {})
    return table


def save_comparison(comparison, path: str | Path) -> None:
    """Write a comparison as JSON (beside its place, then moved: readers never see half a file)."""
    data: dict[str, Any] = {}
    for item in dataclasses.fields(comparison):
        value = getattr(comparison, item.name)
        if isinstance(value, pd.DataFrame):
            data[item.name] = {"frame": _frame(value)}
        elif item.name == "contributions":
            data[item.name] = {"frames": {k: _frame(v) for k, v in value.items()}}
        elif item.name == "voices":
            data[item.name] = {"voices": [str(v) for v in value]}
        else:
            data[item.name] = {"value": value}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, default=str), encoding="utf-8")
    os.replace(temporary, path)


def load_comparison(path: str | Path, actors):
    """Read a comparison written by :func:`save_comparison` (voices resolved with ``actors``)."""
    from .comparison import Comparison

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    values: dict[str, Any] = {}
    for name, entry in data.items():
        if "frame" in entry:
            values[name] = _unframe(entry["frame"])
        elif "frames" in entry:
            values[name] = {k: _unframe(v) for k, v in entry["frames"].items()}
        elif "voices" in entry:
            values[name] = tuple(as_voice(v, actors) for v in entry["voices"])
        else:
            values[name] = tuple(entry["value"]) if name == "labels" else entry["value"]
    return Comparison(**values)
