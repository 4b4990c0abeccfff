"""Genre and speaker from the titles of official texts, for records that do not say them.

Foreign ministries publish transcripts and statements under titles that say what they are and
who speaks: "Foreign Minister Sergey Lavrov's statement and answers to media questions at ...",
"Remarks by Foreign Minister Abbas Araghchi at ...", "Statement by the Foreign Ministry on ...".
:class:`TitleReader` reads them with the ``official_titles`` rules of ``layout.yml`` (see
:meth:`analysis.corpus.layout.Layout.title_speaker`) and fills a record's ``genre`` and
``speaker`` when it has neither (a source, a mapping or an export column always wins).

A statement or op-ed needs a speaker of the registry; when the title names nobody the registry
knows, the record stays news. A transcript or interview keeps its genre even without a speaker
(its turn labels may name them; ``framing validate`` warns when nothing does).

Examples
--------
>>> from analysis.ingest.record import Record
>>> record = Record("Remarks by Foreign Minister Abbas Araghchi at the Majlis", "MFA", None,
...                 "https://example.org/r", "unknown", "en", "Thank you.")
>>> filled = TitleReader().fill(record)
>>> filled.genre, filled.speaker
('statement', 'araghchi')
"""

from __future__ import annotations

from ..corpus.layout import Layout, load_layout
from ..corpus.registry import ActorRegistry, load_actors
from .record import Record

__all__ = ["TitleReader"]

_NEED_SPEAKER = ("statement", "op-ed")


class TitleReader:
    """Fill ``genre`` and ``speaker`` of records from their titles (see the module docstring).

    Parameters
    ----------
    actors, layout
        The registry the speaker is looked up in and the layout rules with ``official_titles``
        (default: the package's, loaded on first use).
    """

    def __init__(self, *, actors: ActorRegistry | None = None, layout: Layout | None = None) -> None:
        self._actors, self._layout = actors, layout

    def fill(self, record: Record) -> Record:
        """The record with ``genre`` and ``speaker`` from its title, when it has neither."""
        if record.genre is not None or record.speaker is not None or not record.title.strip():
            return record
        if self._layout is None:
            self._layout = load_layout()
        if self._actors is None:
            self._actors = load_actors()
        found = self._layout.title_speaker(record.title, self._actors, outlet=record.outlet)
        if found is None or (found.genre in _NEED_SPEAKER and not found.actor):
            return record
        return record.with_overrides(genre=found.genre, speaker=found.actor or None)
