"""The tables of one analysis of a corpus, and the study they came from (:class:`CorpusAnalysis`).

:func:`analysis.pipeline.run.analyse_corpus` computes one; :func:`analysis.pipeline.store.load_store`
reads a stored one, whose tables other than the documents are read when first used
(:class:`Deferred`).

Examples
--------
>>> from analysis.pipeline.run import analyse_corpus
>>> run = analyse_corpus()
>>> run.units[["unit_id", "actor", "compound"]].head(1).values.tolist()  # doctest: +ELLIPSIS
[['alahed-2025-10-03-iran-hails-strategic-pact:36-130', 'iran_mfa', ...]]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus.config import Configuration
from ..corpus.registry import ActorRegistry
from ..syndication.distinct import distinct_statements
from ..syndication.duplicates import find_duplicates
from .study import Study

__all__ = ["Deferred", "CorpusAnalysis"]


class Deferred:
    """A table of a stored analysis that is read from its files when it is first used.

    :func:`analysis.pipeline.store.load_store` gives a :class:`CorpusAnalysis` these instead of
    tables, so that a notebook that uses three tables of a large analysis reads three.
    """

    __slots__ = ("read",)

    def __init__(self, read: Callable[[], Any]) -> None:
        self.read = read

    def __repr__(self) -> str:
        return "<table not read yet>"


@dataclass(frozen=True)
class CorpusAnalysis:
    """The tables of one run of the pipeline (see the README for their columns), and the study they came from.

    ``units`` carry their sentiment scores (``method``) and ``frames`` the frames each unit
    mentions (one column per frame of the corpus's lexicon), so that comparisons only aggregate;
    ``stats`` gives each document's size; ``skipped`` lists the documents left out, with why;
    ``store`` is the folder the analysis is stored in, when it is. A stored analysis also holds
    the tables that span documents, computed once (:data:`analysis.pipeline.store.AGGREGATES`):
    ``duplicates`` (near-duplicate documents) and ``statements`` (the distinct statement each
    unit of an actor belongs to, with its reach); :meth:`duplicate_documents` and
    :meth:`distinct_statements` use them, or compute them when the analysis is not stored.
    The tables of a stored analysis other than ``documents`` are read from the store when they
    are first used (:class:`Deferred`).
    """

    documents: pd.DataFrame
    actors: ActorRegistry
    attributions: pd.DataFrame
    utterances: pd.DataFrame
    units: pd.DataFrame
    study: Study
    corpus: Path | None = None
    frames: pd.DataFrame | None = None
    stats: pd.DataFrame | None = None
    skipped: tuple[tuple[str, str], ...] = ()
    store: Path | None = None
    method: str | None = None
    duplicates: pd.DataFrame | None = None
    statements: pd.DataFrame | None = None

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if type(value) is Deferred:  # a stored table, read now, once
            value = value.read()
            object.__setattr__(self, name, value)
        return value

    @property
    def config(self) -> Configuration:
        """Where the study's data files are (``study.config``)."""
        return self.study.config

    def duplicate_documents(self) -> pd.DataFrame:
        """The clusters of near-duplicate documents (:func:`analysis.syndication.find_duplicates`).

        Examples
        --------
        >>> from analysis.pipeline.run import analyse_corpus
        >>> analyse_corpus().duplicate_documents().empty
        True
        """
        return self.duplicates if self.duplicates is not None else find_duplicates(self.documents)

    def distinct_statements(self, units: pd.DataFrame) -> pd.DataFrame:
        """Group units (a voice's, for example) into distinct statements, reusing the stored grouping.

        The same result as :func:`analysis.syndication.distinct_statements` on ``units``; a stored
        analysis answers from its grouping of the whole corpus whenever ``units`` hold every
        copy of each statement they touch (a voice made of whole actors), else it computes.

        Examples
        --------
        >>> from analysis.pipeline.run import analyse_corpus
        >>> run = analyse_corpus()
        >>> grouped = run.distinct_statements(run.units[run.units["actor"] == "iran_mfa"])
        >>> bool(grouped["first"].all())
        True
        """
        return distinct_statements(units, grouping=self.statements)
