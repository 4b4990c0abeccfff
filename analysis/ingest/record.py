"""One document on its way into a corpus: the :class:`Record`, and the small rules that clean it.

A record holds the front-matter fields of a corpus document (see ``corpus/README.md``) and its
body. Every way in (saved pages, fetched URLs, database exports) produces records; the writer
turns them into Markdown files.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from ..corpus.documents import GENRES
from ..datafiles import is_identifier

__all__ = [
    "GENRES",
    "Record",
    "check_record",
    "normalise_body",
    "parse_date",
    "outlet_from_url",
    "url_key",
    "text_key",
]


#: Byline written when the source names no author or agency.
UNKNOWN_BYLINE = "unknown"

_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T)")


@dataclass(frozen=True)
class Record:
    """A document ready to be written: front-matter fields, body and where it came from.

    ``source`` names the origin for messages (a file, ``file row N``, or a URL);
    ``date`` may be None until a date is found (a record without one is not written).
    """

    title: str
    outlet: str
    date: dt.date | None
    url: str
    byline: str
    language: str
    text: str
    genre: str | None = None
    speaker: str | None = None
    source: str = ""

    def with_overrides(self, **fields: Any) -> Record:
        """Return a copy with the non-empty ``fields`` replaced (empty values keep the original).

        Examples
        --------
        >>> r = Record("T", "Wire", None, "https://x.org/a", "unknown", "en", "Body.")
        >>> r.with_overrides(outlet="TASS", title="").outlet, r.with_overrides(title="").title
        ('TASS', 'T')
        """
        kept = {k: v for k, v in fields.items() if v not in (None, "")}
        return replace(self, **kept)


def normalise_body(text: str) -> str:
    """Return a body with ``\\n`` line ends, paragraphs separated by one blank line.

    Text whose paragraphs are single lines separated by single newlines (common in database
    exports) gets a blank line between them; text that already has blank lines keeps its single
    newlines inside paragraphs. Trailing spaces are removed; words are left as they are.

    Examples
    --------
    >>> normalise_body("First line.\\r\\nSecond line.\\n")
    'First line.\\n\\nSecond line.'
    >>> normalise_body("A poem\\nin two lines.\\n\\n\\n\\nNext paragraph.")
    'A poem\\nin two lines.\\n\\nNext paragraph.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    if not text:
        return ""
    has_blank_lines = _BLANK_LINES.search(text) is not None
    paragraphs = [p.strip("\n") for p in _BLANK_LINES.split(text)] if has_blank_lines else text.split("\n")
    return "\n\n".join(p for p in paragraphs if p.strip())


def parse_date(value: Any) -> dt.date | None:
    """Return the calendar date of ``value`` as written (no time-zone shift), or None.

    Accepts dates and timestamps, ISO 8601 text (``2025-01-17``, ``2025-01-17T23:30:00+03:00``),
    compact forms (``20250117``, GDELT's ``20250117T101500Z``), RFC 2822 (``Fri, 17 Jan 2025``)
    and other forms pandas understands.

    Examples
    --------
    >>> parse_date("2025-01-17T23:30:00+03:00"), parse_date(20250117), parse_date("Fri, 17 Jan 2025 10:00 GMT")
    (datetime.date(2025, 1, 17), datetime.date(2025, 1, 17), datetime.date(2025, 1, 17))
    >>> parse_date("soon") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        value = int(value)
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, TypeError, OverflowError):
            return None
    if stamp is pd.NaT:
        return None
    return stamp.date()


def outlet_from_url(url: str) -> str:
    """Return the host name of ``url`` without ``www.``, the outlet's name of last resort.

    Examples
    --------
    >>> outlet_from_url("https://www.tehrantimes.com/news/1")
    'tehrantimes.com'
    """
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def url_key(url: str) -> str:
    """Return the form of a URL used to recognise the same page twice.

    Scheme and host are lower-cased; ``www.``, the fragment, default ports, common tracking
    parameters and a trailing slash are dropped (courlan's normalisation, from trafilatura's
    authors, then ``www.`` and the slash).

    Examples
    --------
    >>> url_key("HTTPS://www.Example.org/a/?utm_source=x#top") == url_key("https://example.org/a")
    True
    """
    from courlan import normalize_url

    try:
        key = normalize_url(url.strip(), strict=True)
    except (ValueError, TypeError):
        key = url.strip()
    parts = urlsplit(key)
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    host = (parts.netloc or "").lower().removeprefix("www.")
    return f"{parts.scheme.lower()}://{host}{path}" + (f"?{parts.query}" if parts.query else "")


def text_key(text: str) -> str:
    """Return a fingerprint of a body: equal for bodies that differ only in white space.

    Examples
    --------
    >>> text_key("Two  words.\\n") == text_key("Two words.")
    True
    """
    import hashlib

    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def check_record(record: Record) -> str | None:
    """Return why ``record`` cannot become a corpus document, or None when it can.

    Examples
    --------
    >>> check_record(Record("T", "Wire", None, "https://x.org/a", "unknown", "en", "Body."))
    'no publication date found'
    """
    if not record.text.strip():
        return "no article text found"
    if not record.title.strip():
        return "no title found"
    if record.date is None:
        return "no publication date found"
    if not record.url:
        return "no URL found (the document needs the address of the original)"
    if not _URL.match(record.url):
        return f"url {record.url!r} is not an http(s) address"
    if not record.outlet.strip():
        return "no outlet found"
    if record.genre is not None and record.genre not in GENRES:
        return f"genre {record.genre!r} is not one of {', '.join(GENRES)}"
    if record.speaker is not None and not is_identifier(record.speaker):
        return f"speaker {record.speaker!r} is not an actor id (lower-case letters, digits and '_')"
    return None
