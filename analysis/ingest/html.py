"""Main text and metadata of a web page, with trafilatura (and htmldate for the date).

trafilatura (Barbaresi 2021, ACL demo) removes navigation, advertising, comments, related links
and cookie banners, and reads the metadata (JSON-LD, OpenGraph, ``<meta>``, bylines); its date
is htmldate's ``find_date`` (original publication date, extensive search). What is kept here:

* the body paragraph by paragraph (blank lines between them, subheadings and list items as
  paragraphs of their own), the headline dropped when the page repeats it as the first line;
* title, outlet (the site name, else the host), date, url (canonical or OpenGraph address,
  else the one the page was fetched from), byline (``unknown`` when the page names nobody);
* the language, identified from the body (:func:`analysis.ingest.language.detect_language`).

Bytes are decoded by the declared encoding (HTTP header, then ``<meta charset>``), then UTF-8,
then a guess (charset-normalizer): trafilatura alone guesses and can take windows-1251 for
another single-byte code page.
"""

from __future__ import annotations

import codecs
import re
import warnings
from typing import Any

from .language import detect_language
from .record import UNKNOWN_BYLINE, Record, outlet_from_url

__all__ = ["ExtractionError", "decode_html", "extract_html", "saved_from_url"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_SINGLEFILE = re.compile(r"<!--\s*Page saved with SingleFile\s*\n\s*url:\s*(\S+)", re.IGNORECASE)
_BLOCKS = {"p", "head", "quote", "code"}

#: trafilatura options: precision over recall (clutter is worse than a missed caption).
EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    "date_extraction_params": {"extensive_search": True, "original_date": True},
}


class ExtractionError(ValueError):
    """A page holds no article text (or cannot be parsed); the message says why."""


def _trafilatura() -> Any:
    """Import trafilatura (imported on first use: it takes a second)."""
    with warnings.catch_warnings():
        # trafilatura probes urllib3's optional SOCKS support; we never use a SOCKS proxy
        warnings.filterwarnings("ignore", message="SOCKS support in urllib3")
        import trafilatura
    return trafilatura


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(raw: bytes | str, declared: str | None = None) -> str:
    """Return the text of an HTML page: BOM, declared charset, ``<meta charset>``, UTF-8, guess.

    Examples
    --------
    >>> decode_html('<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251"))[-13:]
    '<p>Привет</p>'
    >>> decode_html("<p>café</p>".encode("latin-1"), "iso-8859-1")
    '<p>café</p>'
    """
    if isinstance(raw, str):
        return raw
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(name, errors="replace").lstrip("\ufeff")
    candidates = [_codec(declared)]
    match = _META_CHARSET.search(raw[:8192])
    if match:
        candidates.append(_codec(match.group(1).decode("ascii", "ignore")))
    candidates.append("utf-8")
    for name in candidates:
        if name is None:
            continue
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def saved_from_url(html: str) -> str | None:
    """Return the address a browser or SingleFile noted when the page was saved, if any.

    Examples
    --------
    >>> saved_from_url("<!-- saved from url=(0025)https://example.org/a -->\\n<html>")
    'https://example.org/a'
    """
    head = html[:4096]
    match = _SAVED_FROM.search(head) or _SINGLEFILE.search(head)
    return match.group(1) if match else None


def _block_text(element: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _paragraphs(body: Any) -> list[str]:
    """The body of trafilatura's XML tree, one string per paragraph."""
    paragraphs: list[str] = []
    for element in body:
        if element.tag == "list":
            paragraphs.extend(_block_text(item) for item in element.iter("item"))
        elif element.tag == "table":
            for row in element.iter("row"):
                paragraphs.append(" | ".join(_block_text(cell) for cell in row.iter("cell")))
        elif element.tag in _BLOCKS or len(element) or element.text:
            paragraphs.append(_block_text(element))
    return [p for p in paragraphs if p.strip()]


def extract_html(raw: bytes | str, *, url: str | None = None, encoding: str | None = None, source: str = "") -> Record:
    """Extract a :class:`Record` from one HTML page.

    Parameters
    ----------
    raw
        The page, as bytes (decoded with :func:`decode_html`) or text.
    url
        Address the page was fetched from; the page's canonical address wins when it has one.
    encoding
        Charset declared by the server (``Content-Type``), if any.
    source
        Where the page came from, for messages.

    Raises
    ------
    ExtractionError
        When the page holds no article text.

    Examples
    --------
    >>> page = ('<html><head><title>Talks held - Test Wire</title>'
    ...         '<meta property="og:site_name" content="Test Wire"></head><body>'
    ...         '<nav><a href="/">Home</a></nav><article><h1>Talks held</h1>'
    ...         '<p>The ministers met in Moscow on Friday and talked for three hours about trade.</p>'
    ...         '<p>They agreed to meet again in Tehran in the spring, the ministry said.</p>'
    ...         '</article><footer>Copyright</footer></body></html>')
    >>> record = extract_html(page, url="https://example.org/2025/01/17/talks")
    >>> record.title, record.outlet, record.date.isoformat(), record.text.count("\\n\\n")
    ('Talks held', 'Test Wire', '2025-01-17', 1)
    """
    trafilatura = _trafilatura()
    html = decode_html(raw, encoding)
    page_url = url or saved_from_url(html)
    try:
        document = trafilatura.bare_extraction(html, url=page_url, **EXTRACTION_OPTIONS)
    except Exception as exc:  # trafilatura raises a variety of parser errors
        raise ExtractionError(f"the page cannot be parsed ({type(exc).__name__})") from None
    if document is None or document.body is None:
        raise ExtractionError("no article text found in the page")
    paragraphs = _paragraphs(document.body)
    title = " ".join((document.title or "").split())
    if paragraphs and title and " ".join(paragraphs[0].split()).casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    if not text.strip():
        raise ExtractionError("no article text found in the page")
    final_url = document.url if document.url and document.url.startswith(("http://", "https://")) else page_url
    final_url = final_url or ""
    outlet = " ".join((document.sitename or "").split()) or (outlet_from_url(final_url) if final_url else "")
    language, probability = detect_language(text)
    if probability < 0.5 and getattr(document, "language", None):
        language = str(document.language).split("-")[0].lower()
    from .record import parse_date

    return Record(
        title=title,
        outlet=outlet,
        date=parse_date(document.date),
        url=final_url,
        byline=" ".join((document.author or "").split()) or UNKNOWN_BYLINE,
        language=language,
        text=text,
        source=source or page_url or "",
    )
