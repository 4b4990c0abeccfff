"""Read and validate a corpus of news documents into the ``documents`` table.

A corpus is a folder of UTF-8 Markdown files (``documents/*.md``, or ``*.md`` directly in the
folder), each starting with YAML front matter::

    ---
    id: alahed-2025-10-03-iran-russia-pact
    title: Iran Hails New Strategic Pact with Russia
    outlet: Al-Ahed News
    date: 2025-10-03
    url: https://english.alahednews.news/essaydetails.php?eid=82803&cid=534
    byline: Staff, Agencies
    language: en
    ---

    Body text exactly as published, paragraphs separated by blank lines.

The body is stored as read: only line endings are normalised to ``\\n``, a byte-order mark is
dropped, and the blank lines around the body are not part of it. Character offsets in every
later table are offsets into this body. Reading never writes to a corpus file.

Two optional fields say whose text a document is (see :data:`GENRES`): ``genre`` (``news`` by
default; ``statement`` and ``op-ed`` are the ``speaker``'s own text, ``transcript`` and
``interview`` are turns of several speakers) and ``speaker`` (an actor id of the registry; a
statement needs one, an op-ed by someone outside the registry stays its outlet's text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..datafiles import is_identifier, parse_yaml
from ..errors import CorpusError
from ..paths import default_corpus
from ..schema import columns

__all__ = [
    "REQUIRED_FIELDS",
    "OPTIONAL_FIELDS",
    "GENRES",
    "DOCUMENT_COLUMNS",
    "Document",
    "read_document",
    "document_paths",
    "load_corpus",
    "validate_corpus",
]

#: Front-matter fields every document must have, non-empty.
REQUIRED_FIELDS = ("id", "title", "outlet", "date", "url", "byline", "language")

#: Front-matter fields a document may have.
OPTIONAL_FIELDS = ("genre", "speaker")
#: Kinds of document: whose text the body is. ``news`` is the outlet's (quotes inside are
#: attributed); ``statement`` and ``op-ed`` are the ``speaker``'s; ``transcript`` and
#: ``interview`` are turns ("Sergey Lavrov: ...", "Question: ...").
GENRES = ("news", "statement", "op-ed", "transcript", "interview")

#: Columns of the ``documents`` table, in order.
DOCUMENT_COLUMNS = columns("documents")

_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DELIMITER = re.compile(r"^---[ \t]*$", re.MULTILINE)
_URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_DOCUMENT_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Document:
    """One validated corpus document."""

    doc_id: str
    title: str
    outlet: str
    date: dt.date
    url: str
    byline: str
    language: str
    text: str
    path: str
    genre: str = "news"
    speaker: str = ""

    def as_row(self) -> dict[str, Any]:
        """Return the document as a row of the ``documents`` table."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "outlet": self.outlet,
            "date": pd.Timestamp(self.date),
            "url": self.url,
            "byline": self.byline,
            "language": self.language,
            "genre": self.genre,
            "speaker": self.speaker,
            "text": self.text,
            "path": self.path,
        }


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at byte {exc.start})") from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        raise CorpusError(path, "no front matter (the file must start with a '---' line)")
    first = text.find("\n")
    if first < 0 or text[:first].rstrip() != "---":
        raise CorpusError(path, "no front matter (the file must start with a '---' line)")
    closing = _DELIMITER.search(text, first + 1)
    if closing is None:
        raise CorpusError(path, "front matter is not closed by a '---' line")
    header = text[first + 1 : closing.start()]
    body = text[closing.end() :].strip("\n")
    try:
        meta = parse_yaml(header, path, CorpusError, offset=1)
    except CorpusError as exc:
        raise CorpusError(path, f"front matter is {exc.problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError(path, "front matter must be a YAML mapping of field: value")
    return meta, body


def _parse_date(path: Path, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CorpusError(path, f"date {value!r} is not an ISO date (YYYY-MM-DD)")


def _genre_and_speaker(path: Path, meta: dict[str, Any]) -> tuple[str, str]:
    genre = str(meta.get("genre") or "news").strip().lower()
    if genre not in GENRES:
        raise CorpusError(path, f"genre {genre!r} is not one of {', '.join(GENRES)}")
    speaker = str(meta.get("speaker") or "").strip()
    if speaker and not is_identifier(speaker):
        raise CorpusError(path, f"speaker {speaker!r} must be an actor id (lower-case letters, digits or '_')")
    if genre == "statement" and not speaker:
        raise CorpusError(path, "a statement needs a 'speaker': the actor id whose text it is")
    return genre, speaker


def read_document(path: str | Path, *, relative_to: str | Path | None = None) -> Document:
    """Read and validate one corpus document.

    Parameters
    ----------
    path
        A Markdown file with YAML front matter.
    relative_to
        Folder the stored ``path`` is made relative to (default: the file's own name only).

    Raises
    ------
    CorpusError
        Naming the file and the problem.

    Examples
    --------
    >>> from analysis.paths import default_corpus
    >>> doc = read_document(sorted((default_corpus() / "documents").glob("*.md"))[0])
    >>> doc.outlet
    'Al-Ahed News'
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file")
    if not path.is_file():
        raise CorpusError(path, "not a file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror})") from None
    meta, body = _split_front_matter(path, _decode(path, raw))
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise CorpusError(path, f"required field '{field}' is missing or empty")
    fields = {name: str(meta[name]).strip() for name in REQUIRED_FIELDS if name != "date"}
    if not _ID_PATTERN.match(fields["id"]):
        raise CorpusError(path, f"id {fields['id']!r} must be letters, digits, '.', '_' or '-'")
    if not _URL_PATTERN.match(fields["url"]):
        raise CorpusError(path, f"url {fields['url']!r} is not an http(s) address")
    date = _parse_date(path, meta["date"])
    genre, speaker = _genre_and_speaker(path, meta)
    if not body.strip():
        raise CorpusError(path, "the body is empty")
    shown = path.relative_to(relative_to) if relative_to is not None else Path(path.name)
    return Document(
        doc_id=fields["id"],
        title=fields["title"],
        outlet=fields["outlet"],
        date=date,
        url=fields["url"],
        byline=fields["byline"],
        language=fields["language"],
        text=body,
        path=shown.as_posix(),
        genre=genre,
        speaker=speaker,
    )


def document_paths(path: str | Path) -> list[Path]:
    """Return the document files of a corpus folder (or the file itself), sorted.

    A corpus folder holds its documents in ``documents/``; a folder without that subfolder
    is searched for Markdown files directly.

    Raises
    ------
    CorpusError
        When the path does not exist or holds no documents.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    if path.is_file():
        return [path]
    folder = path / "documents" if (path / "documents").is_dir() else path
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _DOCUMENT_SUFFIXES)
    files = [p for p in files if p.name.lower() != "readme.md"]
    if not files:
        raise CorpusError(folder, "no documents (expected Markdown files with front matter, *.md)")
    return files


def _each_document(path: str | Path) -> Iterator[Document | CorpusError]:
    """Every document of a corpus, or the problem that stops it, one at a time."""
    root = Path(path)
    base = root if root.is_dir() else root.parent
    seen: dict[str, str] = {}
    for file in document_paths(root):
        try:
            doc = read_document(file, relative_to=base)
        except CorpusError as exc:
            yield exc
            continue
        if doc.doc_id in seen:
            yield CorpusError(file, f"id {doc.doc_id!r} is already used by {seen[doc.doc_id]}")
            continue
        seen[doc.doc_id] = str(file)
        yield doc


def _read_all(path: str | Path) -> tuple[list[Document], list[CorpusError]]:
    documents: list[Document] = []
    problems: list[CorpusError] = []
    for item in _each_document(path):
        (problems if isinstance(item, CorpusError) else documents).append(item)
    return documents, problems


def validate_corpus(path: str | Path) -> list[CorpusError]:
    """Check every document of a corpus and return all problems found (empty when valid).

    Examples
    --------
    >>> from analysis.paths import default_corpus
    >>> validate_corpus(default_corpus())
    []
    """
    try:  # one document at a time: checking a corpus takes the memory of one document
        return [item for item in _each_document(path) if isinstance(item, CorpusError)]
    except CorpusError as exc:
        return [exc]


def load_corpus(path: str | Path | None = None) -> pd.DataFrame:
    """Load a corpus folder (or one document) into the ``documents`` table.

    Parameters
    ----------
    path
        A corpus folder, or one Markdown document. ``None`` loads the bundled corpus.

    Returns
    -------
    pandas.DataFrame
        One row per document, columns :data:`DOCUMENT_COLUMNS`, sorted by date then id.

    Raises
    ------
    CorpusError
        For the first invalid file, naming it and the problem.

    Examples
    --------
    >>> docs = load_corpus()
    >>> docs.loc[0, "outlet"]
    'Al-Ahed News'
    """
    if path is None:
        path = default_corpus()
    documents, problems = _read_all(path)
    if problems:
        raise problems[0]
    frame = pd.DataFrame([d.as_row() for d in documents], columns=DOCUMENT_COLUMNS)
    return frame.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
