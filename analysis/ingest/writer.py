"""Writing corpus documents: front matter, atomic writes, and what the corpus already holds.

Nothing is ever lost: a document is written to a temporary file in the same folder, flushed to
disk, then moved into place in one step (``os.link`` when the name must be new, so an existing
file is never replaced; ``os.replace`` only when updating). A crash leaves at most a ``.tmp``
file, which the corpus reader ignores.
"""

from __future__ import annotations

import contextlib
import datetime as dt  # noqa: F401 (used in the doctest)
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..corpus.documents import read_document
from ..errors import CorpusError
from .record import Record, text_key, url_key

__all__ = ["render_document", "write_atomic", "CorpusIndex", "documents_folder"]

_DOCUMENT_SUFFIXES = (".md", ".markdown")


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same output, faster


def render_document(record: Record, doc_id: str) -> str:
    """Return the Markdown file of a record: YAML front matter, a blank line, the body.

    ``genre`` and ``speaker`` are written only when the record has them.

    Examples
    --------
    >>> r = Record("Talks: day two", "Test Wire", dt.date(2025, 1, 17), "https://x.org/a", "Staff", "en",
    ...            "First.\\n\\nSecond.", genre="statement")
    >>> print(render_document(r, "2025-01-17-test-wire-talks-day-two"), end="")
    ---
    id: 2025-01-17-test-wire-talks-day-two
    title: 'Talks: day two'
    outlet: Test Wire
    date: 2025-01-17
    url: https://x.org/a
    byline: Staff
    language: en
    genre: statement
    ---
    <BLANKLINE>
    First.
    <BLANKLINE>
    Second.
    """
    fields: dict[str, Any] = {
        "id": doc_id,
        "title": record.title,
        "outlet": record.outlet,
        "date": record.date,
        "url": record.url,
        "byline": record.byline,
        "language": record.language,
    }
    if record.genre:
        fields["genre"] = record.genre
    if record.speaker:
        fields["speaker"] = record.speaker
    header = yaml.dump(fields, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{header}---\n\n{record.text.strip(chr(10))}\n"


def write_atomic(path: str | Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` in one step; never replace an existing file unless ``overwrite``.

    Raises
    ------
    FileExistsError
        When ``path`` exists and ``overwrite`` is false (the existing file is untouched).

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.md", "one\\n")
    >>> write_atomic(folder / "a.md", "two\\n")
    Traceback (most recent call last):
    ...
    FileExistsError: ...
    >>> (folder / "a.md").read_text()
    'one\\n'
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if path exists: no clobbering, even in a race
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def documents_folder(corpus: str | Path) -> Path:
    """Return the folder new documents of ``corpus`` go to.

    ``CORPUS/documents/``, unless the corpus keeps its Markdown files directly in its folder
    (and has no ``documents/``), in which case that folder.
    """
    corpus = Path(corpus)
    if (corpus / "documents").is_dir():
        return corpus / "documents"
    if corpus.is_dir() and any(
        p.suffix.lower() in _DOCUMENT_SUFFIXES and p.name.lower() != "readme.md" for p in corpus.iterdir()
    ):
        return corpus
    return corpus / "documents"


@dataclass
class CorpusIndex:
    """What a corpus folder already holds: ids, file names, URLs and bodies of its documents.

    Files that do not read as documents are kept out of the way (their names are taken) and
    listed in ``unreadable``; nothing here ever writes to an existing file.
    """

    folder: Path
    ids: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    by_url: dict[str, tuple[str, Path]] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    @classmethod
    def scan(cls, corpus: str | Path) -> CorpusIndex:
        """Read every document of ``corpus`` (which may not exist yet)."""
        folder = documents_folder(corpus)
        index = cls(folder)
        if not folder.is_dir():
            return index
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.suffix.lower() not in _DOCUMENT_SUFFIXES or path.name.lower() == "readme.md":
                continue
            index.names.add(path.stem)
            try:
                document = read_document(path)
            except CorpusError as exc:
                index.unreadable.append(str(exc))
                continue
            index.add(document.doc_id, path, document.url, document.text)
        return index

    def add(self, doc_id: str, path: Path, url: str, text: str) -> None:
        """Record a document (read or just written)."""
        self.ids.add(doc_id)
        self.names.add(path.stem)
        self.by_url.setdefault(url_key(url), (doc_id, path))
        self.by_text.setdefault(text_key(text), doc_id)

    def taken(self, doc_id: str) -> bool:
        """True when ``doc_id`` is used as an id or as a file name."""
        return doc_id in self.ids or doc_id in self.names

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.taken(doc_id)
