"""Exports of news databases and tools (CSV, JSON Lines, Parquet) as records.

Each field of a document is read from a column: the one named in ``--map FIELD=COLUMN``, else
the first of :data:`DEFAULT_COLUMNS` the file has (compared case-insensitively, ignoring ``_``,
``-`` and spaces). The defaults fit common exports: Media Cloud (``title``, ``url``,
``publish_date``, ``media_name``, ``text``), GDELT article lists (``url``, ``title``,
``seendate``, ``domain``, ``language``), and generic ones (``headline``, ``body``, ``author``…).

Parquet is read with fastparquet rather than pyarrow: with pyarrow installed, pandas 3 stores
every text column as Arrow strings, which cannot hold the lone surrogates the command line must
survive (``framing sentiment`` on JSON with ``"\\udc80"``).

Empty cells are filled where possible: the outlet from the URL's host, the language by
identification from the text, the byline with ``unknown``. A file with a URL column but no text
column is a list of pages to fetch, not an export (see :mod:`analysis.ingest.sources`).

Parquet is read with fastparquet rather than pyarrow: with pyarrow installed, pandas 3 stores
every text column as Arrow strings, which cannot hold the lone surrogates the command line has
to survive (``framing sentiment`` on JSON Lines holding ``"\\udc80"``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .language import detect_language, language_code
from .record import UNKNOWN_BYLINE, Record, normalise_body, outlet_from_url, parse_date

__all__ = ["FIELDS", "DEFAULT_COLUMNS", "parse_mapping", "read_table", "resolve_columns", "export_records"]

#: Fields a column can be mapped to.
FIELDS = ("text", "title", "date", "url", "outlet", "byline", "language", "genre", "speaker")

#: Column names tried for each field, in order, when ``--map`` does not name one.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "article_text", "maintext", "story_text", "article"),
    "title": ("title", "headline", "heading"),
    "date": (
        "publish_date",
        "date",
        "published",
        "publication_date",
        "pub_date",
        "published_at",
        "date_published",
        "seendate",
        "datetime",
        "sqldate",
    ),
    "url": ("url", "link", "article_url", "sourceurl", "documentidentifier", "permalink"),
    "outlet": (
        "media_name",
        "outlet",
        "source_name",
        "source",
        "publisher",
        "site_name",
        "sitename",
        "media",
        "sourcecommonname",
        "domain",
    ),
    "byline": ("byline", "author", "authors", "creator"),
    "language": ("language", "lang"),
    "genre": ("genre",),
    "speaker": ("speaker",),
}

_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
}


def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(name)).lower()


def parse_mapping(spec: str | list[str] | None) -> dict[str, str]:
    """Parse ``--map`` values (``text=body,date=publish_date``; may be given several times).

    Raises
    ------
    InputError
        For a malformed pair or an unknown field.

    Examples
    --------
    >>> parse_mapping(["text=body,date=publish_date", "outlet=media name"])
    {'text': 'body', 'date': 'publish_date', 'outlet': 'media name'}
    """
    if not spec:
        return {}
    specs = [spec] if isinstance(spec, str) else list(spec)
    mapping: dict[str, str] = {}
    for item in ",".join(specs).split(","):
        if not item.strip():
            continue
        field, sep, column = item.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not field or not column:
            raise InputError(None, f"--map: {item.strip()!r} is not FIELD=COLUMN")
        if field not in FIELDS:
            raise InputError(None, f"--map: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        mapping[field] = column
    return mapping


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV, TSV, JSON Lines or Parquet file into a table of text cells.

    Raises
    ------
    InputError
        Naming the file when it cannot be read as what its suffix says.
    """
    path = Path(path)
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(path, f"unknown export type {path.suffix!r} (expected .csv, .tsv, .jsonl or .parquet)")
    try:
        if kind in ("csv", "tsv"):
            frame = pd.read_csv(
                path, sep="\t" if kind == "tsv" else ",", dtype=str, keep_default_na=False, encoding="utf-8-sig"
            )
        elif kind == "jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            with warnings.catch_warnings():  # fastparquet probes a pandas option deprecated in pandas 3
                warnings.filterwarnings("ignore", message="The 'future.infer_string' option is deprecated")
                frame = pd.read_parquet(path)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (invalid byte at position {exc.start})") from None
    except ImportError as exc:
        raise InputError(path, f"cannot read {kind} ({exc})") from None
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        problem = " ".join(str(exc).split())[:200]
        raise InputError(path, f"cannot be read as {kind.upper()} ({problem})") from None
    frame.columns = [str(c) for c in frame.columns]
    return frame


def resolve_columns(path: str | Path, columns: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Return the column used for each field: ``mapping`` first, then :data:`DEFAULT_COLUMNS`.

    Raises
    ------
    InputError
        When a mapped column is not in the file.

    Examples
    --------
    >>> resolve_columns("x.csv", ["Title", "URL", "Publish Date", "media_name", "Body"], {"text": "Body"})
    {'text': 'Body', 'title': 'Title', 'date': 'Publish Date', 'url': 'URL', 'outlet': 'media_name'}
    """
    by_squashed = {}
    for column in columns:
        by_squashed.setdefault(_squash(column), column)
    resolved: dict[str, str] = {}
    for field in FIELDS:
        if field in mapping:
            wanted = mapping[field]
            column = wanted if wanted in columns else by_squashed.get(_squash(wanted))
            if column is None:
                shown = ", ".join(columns[:20]) + (" …" if len(columns) > 20 else "")
                raise InputError(path, f"--map {field}={wanted}: no column {wanted!r} (columns: {shown})")
            resolved[field] = column
            continue
        for candidate in DEFAULT_COLUMNS[field]:
            column = by_squashed.get(_squash(candidate))
            if column is not None and column not in resolved.values():
                resolved[field] = column
                break
    return resolved


def _cell(row: dict[str, Any], column: str | None) -> str:
    if column is None:
        return ""
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, dict):
        return ""  # nested objects are not a field's value
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v is not None)
    return str(value).strip()


def export_records(
    path: str | Path, frame: pd.DataFrame, columns: dict[str, str]
) -> Iterator[tuple[str, Record | str]]:
    """Yield ``(source, record)`` for each row of an export, or ``(source, reason)`` for a bad row.

    ``source`` is ``FILE row N`` (N counts data rows from 1).

    Examples
    --------
    >>> frame = pd.DataFrame({"headline": ["Talks end"], "body": ["One.\\nTwo."], "date": ["2025-01-17"],
    ...                       "link": ["https://www.example.org/a"]})
    >>> [(s, r.outlet, r.text) for s, r in export_records("x.csv", frame, resolve_columns("x.csv", list(frame), {}))]
    [('x.csv row 1', 'example.org', 'One.\\n\\nTwo.')]
    """
    for number, row in enumerate(frame.to_dict(orient="records"), start=1):
        source = f"{path} row {number}"
        text = normalise_body(_cell(row, columns.get("text")))
        if not text:
            yield source, "empty text"
            continue
        raw_date = row.get(columns["date"]) if "date" in columns else None
        date = parse_date(raw_date)
        if date is None:
            shown = _cell(row, columns.get("date"))
            yield source, (f"date {shown!r} is not understood" if shown else "no date")
            continue
        url = _cell(row, columns.get("url"))
        language = language_code(_cell(row, columns.get("language"))) or detect_language(text)[0]
        record = Record(
            title=" ".join(_cell(row, columns.get("title")).split()),
            outlet=_cell(row, columns.get("outlet")) or (outlet_from_url(url) if url else ""),
            date=date,
            url=url,
            byline=_cell(row, columns.get("byline")) or UNKNOWN_BYLINE,
            language=language,
            text=text,
            genre=_cell(row, columns.get("genre")).lower() or None,
            speaker=_cell(row, columns.get("speaker")) or None,
            source=source,
        )
        yield source, record
