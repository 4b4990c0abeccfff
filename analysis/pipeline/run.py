"""The whole pipeline in one call: corpus -> documents, actors, attributions, utterances, units.

Notebooks and commands need the same chain of tables; :func:`analyse_corpus` runs it once and
keeps every intermediate table, so that any later number can be traced back through them. The
corpus's :class:`~analysis.pipeline.study.Study` (its actor registry, layout, frames, targets,
boilerplate …, each loaded once) travels with the tables, so later stages use the same data.

Examples
--------
>>> run = analyse_corpus()
>>> run.units[["unit_id", "actor", "compound"]].head(1).values.tolist()  # doctest: +ELLIPSIS
[['alahed-2025-10-03-iran-hails-strategic-pact:36-130', 'iran_mfa', ...]]
>>> "iran_mfa" in set(run.attributions["actor"])
True
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..corpus.documents import load_corpus
from ..corpus.registry import ActorRegistry, load_actors
from ..paths import default_corpus
from ..sentiment.methods import DEFAULT_METHOD
from ..syndication.duplicates import dedupe_documents
from .analysis import CorpusAnalysis, Deferred
from .partition import Settings, analyse_frame, check_speakers
from .store import analyse
from .study import Study, load_study

__all__ = ["CorpusAnalysis", "Deferred", "analyse_corpus", "analyse_documents", "check_speakers"]


def analyse_documents(
    documents: pd.DataFrame,
    actors: ActorRegistry | str | Path | None = None,
    *,
    study: Study | None = None,
    method: str = DEFAULT_METHOD,
    time_limit: float | None = 60.0,
    on_timeout: str = "skip",
) -> CorpusAnalysis:
    """Attribute quotes in ``documents``, cut every voice into sentence units, score and match them.

    One pass per document (:mod:`analysis.pipeline.partition`), in this process.

    Parameters
    ----------
    documents
        A ``documents`` table (:func:`analysis.load_corpus`, :func:`analysis.corpus.read_input`).
    actors
        A registry, or a path for :func:`analysis.load_actors`; by default the study's.
    study
        The study's data (default: the default corpus's, :func:`~analysis.pipeline.study.load_study`).
    method
        The sentiment method the units are scored with.
    time_limit, on_timeout
        Seconds one document may take; a slower one is skipped (and listed in ``skipped``) or,
        with ``on_timeout="fail"``, stops the run naming it.
    """
    if study is None:
        study = load_study(actors=actors)
    elif actors is not None:
        registry = actors if isinstance(actors, ActorRegistry) else load_actors(actors)
        study = Study(study.config, given={**study.given, "actors": registry})
    settings = Settings(study, method=method, time_limit=time_limit, on_timeout=on_timeout)
    result = analyse_frame(documents, settings)
    return CorpusAnalysis(
        documents=result.documents,
        actors=study.actors,
        attributions=result.attributions,
        utterances=result.utterances,
        units=result.units,
        study=study,
        corpus=study.root,
        frames=result.frames,
        stats=result.stats,
        skipped=tuple(result.skipped),
        method=method,
    )


def analyse_corpus(
    corpus: str | Path | None = None,
    *,
    actors: str | Path | None = None,
    study: Study | None = None,
    store: bool | str | Path | None = None,
    method: str = DEFAULT_METHOD,
    engine: str = "local",
    jobs: int | None = None,
    time_limit: float | None = 60.0,
    on_timeout: str = "skip",
    dedupe: bool = False,
) -> CorpusAnalysis:
    """Load a corpus folder and run the pipeline on it.

    Parameters
    ----------
    corpus
        A corpus folder or one document; None for the default corpus.
    actors
        An ``actors.yml``; by default the corpus's own, else the package default.
    study
        The corpus's data, already loaded (default: :func:`~analysis.pipeline.study.load_study`
        of the corpus).
    store
        Keep the analysis: True stores it in the corpus's store folder
        (:func:`analysis.pipeline.store.store_folder`), a path stores it there. A stored
        analysis is reused while the corpus and its configuration are unchanged, and only
        changed documents are analysed again (:mod:`analysis.pipeline.store`). None (the
        default) analyses in memory.
    method
        The sentiment method the units are scored with.
    engine, jobs
        With a store: ``"local"`` (``jobs`` processes) or ``"dask"`` (see
        :mod:`analysis.pipeline.engine`).
    time_limit, on_timeout
        Seconds one document may take, and whether a slower one is skipped or fails the run.
    dedupe
        Keep one document per cluster of exact and near-duplicate documents (reprinted wire
        copy, :func:`analysis.syndication.dedupe_documents`); by default every document is
        kept. The dropped documents are counted in ``documents.attrs["duplicates_dropped"]``.

    Raises
    ------
    CorpusError, ActorsError
        For an invalid corpus or registry, naming the file and the problem.
    """
    folder = Path(corpus) if corpus is not None else default_corpus()
    if study is None:
        study = load_study(folder, actors=actors)
    if store and folder.is_dir():
        out = None if store is True else Path(store)
        run = analyse(
            folder,
            out=out,
            study=study,
            method=method,
            engine=engine,
            jobs=jobs,
            time_limit=time_limit,
            on_timeout=on_timeout,
        )
        return _deduplicated(run) if dedupe else run
    documents = load_corpus(folder)
    if dedupe:
        documents = dedupe_documents(documents)
    run = analyse_documents(documents, study=study, method=method, time_limit=time_limit, on_timeout=on_timeout)
    return CorpusAnalysis(**{**run.__dict__, "corpus": folder})


def _deduplicated(run: CorpusAnalysis) -> CorpusAnalysis:
    """The analysis with one document per cluster of duplicates (every table filtered alike)."""
    documents = dedupe_documents(run.documents, run.duplicate_documents())
    kept = set(documents["doc_id"])

    def keep(table: pd.DataFrame | None) -> pd.DataFrame | None:
        return None if table is None else table[table["doc_id"].isin(kept)].reset_index(drop=True)

    units = keep(run.units)
    frames = run.frames[run.frames["unit_id"].isin(set(units["unit_id"]))].reset_index(drop=True)
    return replace(
        run,
        documents=documents,
        attributions=keep(run.attributions),
        utterances=keep(run.utterances),
        units=units,
        frames=frames if run.frames is not None else None,
        stats=keep(run.stats),
        statements=None,  # the copies in dropped documents no longer count
    )
