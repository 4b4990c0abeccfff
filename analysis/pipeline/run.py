"""The whole pipeline in one call: corpus -> documents, actors, attributions, utterances, units.

Notebooks and commands need the same chain of tables; :func:`analyse_corpus` runs it once and
keeps every intermediate table, so that any later number can be traced back through them. The
corpus's configuration (its actor registry, frames, targets, boilerplate; see
:mod:`analysis.corpus.config`) travels with the tables, so later stages use the same files.

Examples
--------
>>> run = analyse_corpus()
>>> sorted(run.units.columns)[:3]
['actor', 'date', 'doc_id']
>>> "iran_mfa" in set(run.attributions["actor"])
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..attribution.extract import attribute_quotes
from ..corpus.config import Configuration, resolve_config
from ..corpus.documents import load_corpus
from ..corpus.registry import ActorRegistry, load_actors
from ..errors import CorpusError
from ..paths import default_corpus
from ..voices.units import utterance_sentences
from ..voices.utterances import utterances

__all__ = ["DEDUPE_VARIABLE", "CorpusAnalysis", "analyse_corpus", "analyse_documents", "check_speakers"]

#: Environment variable that says whether :func:`analyse_corpus` keeps one document per cluster of
#: near-duplicates when its ``dedupe`` is None (``1``, ``true`` or ``yes``); ``framing report
#: --dedupe`` sets it for the notebooks it runs.
DEDUPE_VARIABLE = "FRAMING_DEDUPE"


@dataclass(frozen=True)
class CorpusAnalysis:
    """The tables of one run of the pipeline (see the README for their columns)."""

    documents: pd.DataFrame
    actors: ActorRegistry
    attributions: pd.DataFrame
    utterances: pd.DataFrame
    units: pd.DataFrame
    config: Configuration
    corpus: Path | None = None


def check_speakers(documents: pd.DataFrame, actors: ActorRegistry) -> None:
    """Check that every document's ``speaker`` is an actor of the registry.

    Raises
    ------
    CorpusError
        Naming the document's file (or id) and the unknown speaker.
    """
    if "speaker" not in documents.columns:
        return
    for doc in documents.itertuples(index=False):
        speaker = getattr(doc, "speaker", "") or ""
        if speaker and speaker not in actors:
            where = getattr(doc, "path", "") or doc.doc_id
            raise CorpusError(where, f"speaker {speaker!r} is not an actor id of {actors.source}")


def analyse_documents(
    documents: pd.DataFrame,
    actors: ActorRegistry | str | Path | None = None,
    *,
    config: Configuration | None = None,
) -> CorpusAnalysis:
    """Attribute quotes in ``documents`` and cut every voice into sentence units.

    Parameters
    ----------
    documents
        A ``documents`` table (:func:`analysis.load_corpus`, :func:`analysis.corpus.read_input`).
    actors
        A registry, or a path for :func:`analysis.load_actors`; by default the configuration's.
    config
        Where the data files are (default: the default corpus's, :func:`resolve_config`).
    """
    if config is None:
        config = resolve_config(actors=actors if isinstance(actors, (str, Path)) else None)
    registry = actors if isinstance(actors, ActorRegistry) else load_actors(config.actors)
    check_speakers(documents, registry)
    layout = config.load_layout()
    attributions = attribute_quotes(documents, registry, layout=layout)
    spans = utterances(documents, attributions, actors=registry, layout=layout)
    return CorpusAnalysis(
        documents=documents,
        actors=registry,
        attributions=attributions,
        utterances=spans,
        units=utterance_sentences(spans),
        config=config,
        corpus=config.root,
    )


def analyse_corpus(
    corpus: str | Path | None = None, *, actors: str | Path | None = None, dedupe: bool | None = None
) -> CorpusAnalysis:
    """Load a corpus folder and run the pipeline on it.

    Parameters
    ----------
    corpus
        A corpus folder or one document; None for the default corpus.
    actors
        An ``actors.yml``; by default the corpus's own, else the package default.
    dedupe
        Keep one document per cluster of exact and near-duplicate documents (reprinted wire
        copy, :func:`analysis.syndication.dedupe_documents`); None: as ``$FRAMING_DEDUPE``
        says (``1``, ``true``, ``yes``), else keep every document. The dropped documents are
        counted in ``documents.attrs["duplicates_dropped"]``.

    Raises
    ------
    CorpusError, ActorsError
        For an invalid corpus or registry, naming the file and the problem.
    """
    folder = Path(corpus) if corpus is not None else default_corpus()
    config = resolve_config(folder, actors=actors)
    documents = load_corpus(folder)
    if dedupe is None:
        dedupe = os.environ.get(DEDUPE_VARIABLE, "").strip().lower() in ("1", "true", "yes")
    if dedupe:
        from ..syndication.duplicates import dedupe_documents

        documents = dedupe_documents(documents)
    run = analyse_documents(documents, config=config)
    return CorpusAnalysis(**{**run.__dict__, "corpus": folder})
