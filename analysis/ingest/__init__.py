"""Bring a real study in: saved pages, URL lists and news-database exports become corpus documents.

::

    from analysis.ingest import ingest
    report = ingest(["saved_pages/", "urls.txt", "mediacloud.csv"], "corpus")
    print(report.summary())      # added 41, updated 0, skipped 3 (...), failed 2

The stages, one module each: :mod:`~analysis.ingest.sources` (what a SOURCE holds),
:mod:`~analysis.ingest.fetch` (polite, cached fetching), :mod:`~analysis.ingest.html` (main text
and metadata with trafilatura), :mod:`~analysis.ingest.exports` (CSV, JSON Lines, Parquet),
:mod:`~analysis.ingest.language`, :mod:`~analysis.ingest.ids` (``date-outlet-slug``),
:mod:`~analysis.ingest.writer` (front matter and atomic writes) and :mod:`~analysis.ingest.run`.
"""

from __future__ import annotations

from .exports import DEFAULT_COLUMNS, FIELDS, parse_mapping
from .fetch import DEFAULT_USER_AGENT, Fetcher, FetchError
from .html import ExtractionError, extract_html
from .ids import make_doc_id
from .language import detect_language
from .record import GENRES, Record
from .run import IngestReport, Outcome, ingest
from .writer import render_document, write_atomic

__all__ = [
    "ingest",
    "IngestReport",
    "Outcome",
    "Record",
    "extract_html",
    "ExtractionError",
    "Fetcher",
    "FetchError",
    "DEFAULT_USER_AGENT",
    "parse_mapping",
    "FIELDS",
    "DEFAULT_COLUMNS",
    "GENRES",
    "make_doc_id",
    "detect_language",
    "render_document",
    "write_atomic",
]
