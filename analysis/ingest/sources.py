"""What each SOURCE of ``framing ingest`` is, and the items it holds.

=========================================  ==================================================
SOURCE                                     items
=========================================  ==================================================
``page.html`` / ``page.htm``               one saved page
a folder                                   every ``.html``/``.htm`` file in it (sub-folders
                                           too, hidden ones skipped), sorted by path
``urls.txt`` (any other text file)         one URL a line; blank lines and ``#`` comments
                                           skipped
``.csv``/``.tsv`` with a URL column        pages to fetch, the other columns (title, outlet,
but no text column                         date, byline, language, genre, speaker) filling or
                                           overriding what the page says
``.csv``/``.tsv``/``.jsonl``/``.parquet``  one document a row (:mod:`analysis.ingest.exports`)
with a text column
=========================================  ==================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .exports import export_records, read_table, resolve_columns
from .record import Record, parse_date

__all__ = ["PageItem", "UrlItem", "RecordItem", "Item", "expand_sources"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")
_OVERRIDES = ("title", "outlet", "date", "byline", "language", "genre", "speaker")


@dataclass(frozen=True)
class PageItem:
    """A saved HTML page on disk."""

    path: Path

    @property
    def source(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class UrlItem:
    """A page to fetch, with fields given by the list (they win over what the page says)."""

    url: str
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.url


@dataclass(frozen=True)
class RecordItem:
    """A row of an export: a record, or the reason it cannot be one."""

    source: str
    record: Record | None
    problem: str | None = None


Item = PageItem | UrlItem | RecordItem


def _pages(folder: Path) -> list[PageItem]:
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in _HTML_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    if not files:
        raise InputError(folder, "no saved pages in this folder (expected .html or .htm files)")
    return [PageItem(p) for p in sorted(files)]


def _url_lines(path: Path) -> list[UrlItem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (invalid byte at position {exc.start})") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    items = [UrlItem(line.strip()) for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    if not items:
        raise InputError(path, "no URLs in this file (one http(s) address a line)")
    return items


def _table(path: Path, mapping: dict[str, str]) -> list[Item]:
    frame = read_table(path)
    columns = resolve_columns(path, list(frame.columns), mapping)
    if "text" in columns:
        return [
            RecordItem(s, r, None) if isinstance(r, Record) else RecordItem(s, None, r)
            for s, r in export_records(path, frame, columns)
        ]
    if "url" not in columns:
        shown = ", ".join(list(frame.columns)[:20])
        raise InputError(
            path,
            f"neither a text column nor a URL column (columns: {shown}); "
            "name them with --map text=COLUMN or url=COLUMN",
        )
    items: list[Item] = []
    for row in frame.to_dict(orient="records"):
        url = str(row.get(columns["url"]) or "").strip()
        if not url or url == "nan":
            continue
        overrides: dict[str, Any] = {}
        for name in _OVERRIDES:
            if name in columns:
                value = row.get(columns[name])
                value = "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
                if value:
                    overrides[name] = value
        if "date" in overrides:
            overrides["date"] = parse_date(overrides["date"]) or overrides["date"]
        if "genre" in overrides:
            overrides["genre"] = str(overrides["genre"]).lower()
        items.append(UrlItem(url, overrides))
    if not items:
        raise InputError(path, f"no URLs in column {columns['url']!r}")
    return items


def expand_sources(sources: Iterable[str | Path], mapping: dict[str, str] | None = None) -> list[Item]:
    """Return the items of every SOURCE, in order.

    Raises
    ------
    InputError
        Naming the SOURCE when it does not exist or is not one of the kinds above.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "urls.txt").write_text("# treaty\\nhttps://example.org/a\\n\\nhttps://example.org/b\\n")
    >>> [item.url for item in expand_sources([folder / "urls.txt"])]
    ['https://example.org/a', 'https://example.org/b']
    """
    mapping = mapping or {}
    items: list[Item] = []
    for source in sources:
        path = Path(source)
        if not path.exists():
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            items.extend(_pages(path))
        elif path.suffix.lower() in _HTML_SUFFIXES:
            items.append(PageItem(path))
        elif path.suffix.lower() in _TABLE_SUFFIXES:
            items.extend(_table(path, mapping))
        else:
            items.extend(_url_lines(path))
    return items
