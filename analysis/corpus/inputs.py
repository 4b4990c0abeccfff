"""Read the INPUT argument of the commands into a ``documents`` table.

INPUT may be:

* a corpus folder, or one corpus document (Markdown with front matter): :func:`load_corpus`;
* a JSON Lines file (``.jsonl``): one ``{"doc_id": ..., "text": ...}`` object a line;
* a plain text file (any other suffix): one document, its ``doc_id`` the file's stem;
* ``-``: plain UTF-8 text read from standard input, one document with ``doc_id`` ``"stdin"``.

Texts that are not corpus documents are taken exactly as read, so offsets are Python string
indices into them. Documents from such inputs have empty metadata columns.

Examples
--------
>>> import io
>>> read_input("-", stdin=io.StringIO("Lavrov said the talks went well."))[["doc_id", "text"]].values.tolist()
[['stdin', 'Lavrov said the talks went well.']]
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from ..errors import InputError
from .documents import DOCUMENT_COLUMNS, load_corpus

__all__ = ["read_input", "documents_from_texts"]


def documents_from_texts(texts: dict[str, str] | list[str], *, outlet: str = "") -> pd.DataFrame:
    """Build a ``documents`` table from bare texts (dict of id -> text, or a list).

    Examples
    --------
    >>> documents_from_texts(["a", "b"])["doc_id"].tolist()
    ['0', '1']
    """
    items = texts.items() if isinstance(texts, dict) else ((str(i), t) for i, t in enumerate(texts))
    rows = [
        {
            "doc_id": str(doc_id),
            "title": "",
            "outlet": outlet,
            "date": pd.NaT,
            "url": "",
            "byline": "",
            "language": "",
            "genre": "news",
            "speaker": "",
            "text": text,
            "path": "",
        }
        for doc_id, text in items
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _read_jsonl(path: Path) -> pd.DataFrame:
    texts: dict[str, str] = {}
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from None
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise InputError(f"{path}:{number}", 'expected an object with a string "text" field')
                doc_id = str(record.get("doc_id", number))
                if doc_id in texts:
                    raise InputError(f"{path}:{number}", f"doc_id {doc_id!r} appears twice")
                texts[doc_id] = record["text"]
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8") from None
    if not texts:
        raise InputError(path, "no records")
    return documents_from_texts(texts)


def _read_text(path: Path) -> pd.DataFrame:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (invalid byte at byte {exc.start})") from None
    return documents_from_texts({path.stem: text})


def read_input(source: str | Path = "-", *, stdin: TextIO | None = None) -> pd.DataFrame:
    """Read a command's INPUT (see the module docstring) into a ``documents`` table.

    Raises
    ------
    CorpusError, InputError
        Naming the file (and line) and the problem.
    """
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin
        if stdin is None and hasattr(stream, "buffer"):
            raw = stream.buffer.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError("<stdin>", f"not UTF-8 (invalid byte at byte {exc.start})") from None
        else:
            text = stream.read() if not isinstance(stream, io.BytesIO) else stream.read().decode("utf-8")
        return documents_from_texts({"stdin": text})
    path = Path(source)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir():
        return load_corpus(path)
    if path.suffix.lower() == ".jsonl":
        return _read_jsonl(path)
    if path.suffix.lower() in (".md", ".markdown"):
        try:
            with path.open("rb") as handle:
                head = handle.read(3)
        except OSError as exc:  # as a folder's unreadable document: one line, never a traceback
            raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
        if head == b"---":
            return load_corpus(path)
    return _read_text(path)
