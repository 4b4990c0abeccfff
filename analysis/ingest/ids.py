"""Deterministic document ids: ``date-outlet-slug``, lower-case ASCII, collisions resolved.

Titles in any script are transliterated to ASCII (text-unidecode, the tables python-slugify
uses), so an id is readable and stable: the same date, outlet and title always give the same id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container

from text_unidecode import unidecode

__all__ = ["slug", "make_doc_id", "unique_id"]

#: Longest slug taken from a title and from an outlet name.
TITLE_CHARS = 60
OUTLET_CHARS = 24

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_length: int = TITLE_CHARS, *, default: str = "untitled") -> str:
    """Return ``text`` as lower-case ASCII words joined by ``-``, cut at a word boundary.

    Examples
    --------
    >>> slug("Putin, Pezeshkian sign 20-year treaty — “a breakthrough”")
    'putin-pezeshkian-sign-20-year-treaty-a-breakthrough'
    >>> slug("Песков: договор")
    'peskov-dogovor'
    >>> slug("!!!", default="untitled")
    'untitled'
    """
    words = _NOT_WORD.split(unidecode(text or "").replace("'", "").lower())
    result = ""
    for word in filter(None, words):
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > max_length:
            if not result:
                result = word[:max_length]
            break
        result = candidate
    return result or default


def make_doc_id(date: dt.date, outlet: str, title: str) -> str:
    """Return the id of a document from its date, outlet and title.

    Examples
    --------
    >>> make_doc_id(dt.date(2025, 1, 17), "Tehran Times", "Iran, Russia sign strategic pact")
    '2025-01-17-tehran-times-iran-russia-sign-strategic-pact'
    """
    return f"{date.isoformat()}-{slug(outlet, OUTLET_CHARS, default='unknown')}-{slug(title)}"


def unique_id(base: str, taken: Container[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3`` … whichever is not ``taken``.

    Examples
    --------
    >>> unique_id("a", {"a", "a-2"})
    'a-3'
    """
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
