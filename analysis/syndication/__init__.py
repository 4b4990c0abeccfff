"""Stage 3b, syndication: the same words in many outlets, and what each outlet chose to quote.

* :mod:`~analysis.syndication.shingles` -- normalised texts as sets of hashed shingles, and
  near-duplicate groups by MinHash LSH (Broder 1997) with an exact check;
* :mod:`~analysis.syndication.duplicates` -- clusters of exact and near-duplicate documents
  (reprinted wire copy), and a corpus with one document per cluster;
* :mod:`~analysis.syndication.distinct` -- distinct statements: the same sentence of one actor
  in several documents is one statement with a reach (copies, documents, outlets, first date);
* :mod:`~analysis.syndication.align` -- reported statements aligned to the sentences of a
  primary text: quoted, paraphrased or not found;
* :mod:`~analysis.syndication.coverage` -- for one primary text, which sentences each outlet
  carried, which none did, and which reported statements have no source in it;
* :mod:`~analysis.syndication.timeline` -- statements per voice per week or month, and the key
  dates of a study (``events.yml``).
"""

from .align import ALIGNMENT_COLUMNS, MATCHES, PARAPHRASED, QUOTED, align_statements, verbatim_share
from .coverage import Coverage, CoverageError, coverage, primary_documents
from .distinct import (
    COUNTS,
    REACH_COLUMNS,
    counted_units,
    describe_reach,
    distinct_statements,
    statement_reach,
)
from .duplicates import DUPLICATE_COLUMNS, dedupe_documents, describe_duplicates, find_duplicates
from .timeline import EVENT_COLUMNS, TIMELINE_COLUMNS, EventsError, load_events, statement_timeline

__all__ = [
    "DUPLICATE_COLUMNS",
    "find_duplicates",
    "dedupe_documents",
    "describe_duplicates",
    "COUNTS",
    "REACH_COLUMNS",
    "distinct_statements",
    "statement_reach",
    "counted_units",
    "describe_reach",
    "QUOTED",
    "PARAPHRASED",
    "MATCHES",
    "ALIGNMENT_COLUMNS",
    "verbatim_share",
    "align_statements",
    "Coverage",
    "CoverageError",
    "coverage",
    "primary_documents",
    "EVENT_COLUMNS",
    "TIMELINE_COLUMNS",
    "EventsError",
    "load_events",
    "statement_timeline",
]
