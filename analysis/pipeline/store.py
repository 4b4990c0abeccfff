"""Compute once: the analysis of a corpus stored as Parquet, reused while it matches, updated by partition.

:func:`analyse` runs the pipeline on a corpus folder and writes its tables -- documents,
attributions, utterances, sentence units with their sentiment scores, frame matches and
document sizes -- as Parquet files, one folder per partition of documents, with a
``manifest.json`` of what they were computed from:

* the package version and the format of the store;
* the hash of every data file of the configuration (actor registry, frames, layout, targets,
  boilerplate, titles, adjustments) and the sentiment method;
* the hash of every document file, its size and modification time, and the partition it
  belongs to.

The next call reuses every partition whose documents are unchanged and recomputes only the
others (a document changed, added or removed); a change of configuration, method or package
version recomputes everything. A document whose size and modification time are those recorded
keeps its recorded hash and is not read again (the check git makes on its index; a file
modified within two seconds of being hashed is hashed again); when no document changed, the
corpus is not validated again either, so reopening the analysis of 10,000 documents takes
seconds. Once the partitions are stored, the tables that span documents are computed from
them and stored beside them (:data:`AGGREGATES`: near-duplicate documents and distinct
statements), again only when a document changed. A lock file serialises concurrent runs on one store, and every
file is written beside its final place and moved there, so an interrupted run leaves the
previous analysis intact. The store lives in the corpus folder (``CORPUS/.framing/analysis``)
or, when that folder is read-only, in the user's cache folder.

Partitions are stable -- a document's partition is a hash of its file name -- and their tables
are per-document rows, so every engine (:mod:`analysis.pipeline.engine`) gives the same store.

Examples
--------
>>> import shutil, tempfile
>>> from analysis.paths import default_corpus
>>> fresh = shutil.ignore_patterns(".framing")  # a copy of the corpus without its stored analysis
>>> corpus = shutil.copytree(default_corpus(), tempfile.mkdtemp() + "/corpus", ignore=fresh)
>>> run = analyse(corpus, jobs=1)
>>> run.store.name, len(run.documents), "compound" in run.units.columns
('analysis', 1, True)
>>> analyse(corpus, jobs=1).units.equals(run.units)
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus.documents import validate_corpus
from ..paths import cache_dir
from ..schema import TABLES as SCHEMAS
from ..schema import SchemaError, TableSchema, check
from ..sentiment.methods import DEFAULT_METHOD
from ..syndication.distinct import REACH_COLUMNS, distinct_statements
from ..syndication.duplicates import find_duplicates
from ..voices.voice import NARRATION
from .analysis import CorpusAnalysis, Deferred
from .engine import default_jobs, run_partitions
from .manifest import (
    FORMAT,
    MANIFEST,
    PARTITION_SIZE,
    StoreError,
    content_digest,
    fingerprint,
    load_manifest,
    locked,
    partition_folders,
    partition_of,
    plan_partitions,
    reading,
    reusable_partitions,
    skipped_documents,
    stored_manifest,
    write_json,
)
from .parquet import read_table, write_table
from .partition import PartitionResult, Settings
from .study import Study, load_study

__all__ = [
    "STORED_SCHEMAS",
    "write_stored",
    "read_stored",
    "FORMAT",
    "TABLES",
    "AGGREGATES",
    "analysis_digest",
    "store_counts",
    "PARTITION_SIZE",
    "StoreError",
    "store_folder",
    "analyse",
    "load_store",
]

#: The tables of a partition, one Parquet file each.
TABLES = ("documents", "attributions", "utterances", "units", "frames", "stats")
#: The tables that span documents, computed once the partitions are stored: near-duplicate
#: documents (:func:`analysis.syndication.find_duplicates`) and the distinct statements of every
#: actor (:func:`analysis.syndication.distinct_statements`, the outlets' narration excepted).
AGGREGATES = ("duplicates", "statements")


def store_folder(corpus: str | Path) -> Path:
    """Where the analysis of a corpus folder is stored: ``CORPUS/.framing/analysis``, or the cache.

    Examples
    --------
    >>> from analysis.paths import default_corpus
    >>> store_folder(default_corpus()).parts[-2:]
    ('.framing', 'analysis')
    """
    corpus = Path(corpus).resolve()
    if os.access(corpus, os.W_OK):
        return corpus / ".framing" / "analysis"
    key = hashlib.sha256(str(corpus).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "analyses" / key


#: The schema of each stored table (:mod:`analysis.schema`); the units carry their scores.
STORED_SCHEMAS: dict[str, TableSchema] = {
    "documents": SCHEMAS["documents"],
    "attributions": SCHEMAS["attributions"],
    "utterances": SCHEMAS["utterances"],
    "units": TableSchema("units", "a scored sentence unit", SCHEMAS["units"].columns + SCHEMAS["scores"].columns),
    "frames": SCHEMAS["frame_hits"],
    "stats": SCHEMAS["stats"],
    "duplicates": SCHEMAS["duplicates"],
    "statements": SCHEMAS["statements"],
}


def write_stored(frame: pd.DataFrame, path: Path, name: str) -> None:
    """Write a table of the store after checking it against its schema (:data:`STORED_SCHEMAS`)."""
    check(frame, STORED_SCHEMAS[name], where=path)
    write_table(frame, path)


def read_stored(path: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a table of the store and check it against its schema (only ``columns``, when given).

    Raises
    ------
    StoreError
        Naming the file, the table and the column, when the table is not the one this version
        of the package writes (a store of an older version, or a damaged one).
    """
    expected = STORED_SCHEMAS[name]
    if columns is not None:
        expected = TableSchema(expected.name, expected.row, tuple(c for c in expected.columns if c.name in columns))
    try:
        return check(read_table(path, columns), expected, where=path)
    except (SchemaError, ValueError, KeyError) as exc:
        problem = str(exc) if isinstance(exc, SchemaError) else f"{path}: {exc}"
        raise StoreError(
            f"{problem} -- the stored analysis was written by another version of the package; "
            "run framing analyse CORPUS again"
        ) from None


def _write_partition(folder: Path, index: int, result: PartitionResult) -> None:
    """Write one partition's tables beside their place, then move the folder into it."""
    final = folder / "parts" / f"{index:05d}"
    staging = folder / "parts" / f".{index:05d}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in TABLES:
        write_stored(getattr(result, name), staging / f"{name}.parquet", name)
    (staging / "skipped.json").write_text(json.dumps(result.skipped), encoding="utf-8")
    if final.exists():
        old = final.with_name(f".{index:05d}.{os.getpid()}.old")
        os.replace(final, old)
        os.replace(staging, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, final)


def analyse(
    corpus: str | Path,
    *,
    out: str | Path | None = None,
    study: Study | None = None,
    method: str = DEFAULT_METHOD,
    engine: str = "local",
    jobs: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    time_limit: float | None = 60.0,
    on_timeout: str = "skip",
    progress: Callable[[str], None] | None = None,
    load: bool = True,
) -> CorpusAnalysis | None:
    """Analyse a corpus folder into its store, reusing what is still valid; return the analysis.

    Parameters
    ----------
    corpus
        A corpus folder.
    out
        The store folder (default: :func:`store_folder`).
    study
        The corpus's data (default: :func:`analysis.pipeline.study.load_study` of the corpus); its
        files are fingerprinted, so it cannot hold objects given instead of files.
    method
        The sentiment method the units are scored with.
    engine, jobs, workers, scheduler
        Where the partitions are analysed (:func:`analysis.pipeline.engine.run_partitions`).
    time_limit, on_timeout
        Seconds one document may take, and whether a slower one is skipped or fails the run.
    progress
        Called with a line of progress (default: nothing).
    load
        Load the stored analysis and return it; False returns None, so that analysing a corpus
        larger than memory only ever holds one partition (``framing analyse`` does this;
        :func:`store_counts` then says what is stored).

    Returns
    -------
    CorpusAnalysis or None
        The tables of the whole corpus, with ``store`` the folder they are stored in.

    Raises
    ------
    CorpusError
        For the first invalid document (no partition is computed then).
    """
    root = Path(corpus)
    if not root.is_dir():
        raise StoreError(f"{root}: a stored analysis needs a corpus folder")
    study = study if study is not None else load_study(root)
    if study.given:
        raise StoreError(f"{root}: a stored analysis reads its data from files, not objects ({', '.join(study.given)})")
    config = study.config
    settings = Settings(study, method=method, time_limit=time_limit, on_timeout=on_timeout)
    folder = Path(out) if out is not None else store_folder(root)
    say = progress or (lambda line: None)
    with locked(folder, say):
        previous = load_manifest(folder)
        settings_print = fingerprint(config, method, time_limit)
        same_settings = bool(previous) and previous.get("fingerprint") == settings_print
        started_hashing = time.time_ns()
        plan = plan_partitions(root, previous, same_settings=same_settings)
        unchanged = same_settings and plan.rehashed == 0 and set(previous.get("documents", {})) == set(plan.names)
        if not unchanged:  # every document was validated when the stored analysis was made
            problems = validate_corpus(root)
            if problems:
                raise problems[0]
        reusable = reusable_partitions(folder, plan, previous if same_settings else None, settings_print)
        todo = [i for i in range(plan.count) if i not in reusable]
        if todo:
            say(f"analysing {sum(len(plan.partition(i)) for i in todo)} document(s) in {len(todo)} partition(s)")
            started = time.perf_counter()
            partitions = [[str(root / n) for n in plan.partition(i)] for i in todo]
            for position, result in run_partitions(
                partitions, settings, root=str(root), engine=engine, jobs=jobs, scheduler=scheduler, workers=workers
            ):
                _write_partition(folder, todo[position], result)
            say(f"analysed in {time.perf_counter() - started:.1f} s")
        for stale in (folder / "parts").glob("[0-9]*") if (folder / "parts").is_dir() else []:
            if int(stale.name) >= plan.count:
                shutil.rmtree(stale, ignore_errors=True)
        documents = {
            n: {"sha256": plan.hashes[n], "partition": partition_of(n, plan.count), "size": size, "mtime_ns": mtime}
            for n, (size, mtime) in ((n, plan.stats[n]) for n in plan.names)
        }
        manifest = {
            "fingerprint": settings_print,
            "corpus": str(root.resolve()),
            "partitions": plan.count,
            "hashed_at_ns": started_hashing,
            "documents": documents,
        }
        digest = content_digest(manifest)
        kept = (previous or {}).get("aggregates", {})
        if kept.get("digest") == digest and all((folder / f"{name}.parquet").is_file() for name in AGGREGATES):
            manifest["aggregates"] = kept  # still those of these documents
            if not (unchanged and not todo):  # else nothing to record: the manifest stays as it is
                write_json(folder / MANIFEST, manifest)
            return load_store(folder, study=study) if load else None
        write_json(folder / MANIFEST, manifest)
        say("grouping copies: duplicate documents and distinct statements")
        started = time.perf_counter()
        _write_aggregates(folder, manifest, digest, jobs=1 if jobs == 1 else min(2, default_jobs()))
        say(f"grouped in {time.perf_counter() - started:.1f} s")
        return load_store(folder, study=study) if load else None


def store_counts(folder: str | Path) -> dict[str, Any]:
    """What a stored analysis holds, read from the Parquet metadata (no table is loaded).

    Returns
    -------
    dict
        ``documents``, ``attributions`` and ``units`` (row counts) and ``skipped`` (the
        ``(doc_id, reason)`` pairs of the documents left out).

    Raises
    ------
    StoreError
        When the folder holds no stored analysis.
    """
    import fastparquet

    folder = Path(folder)
    manifest = stored_manifest(folder)
    parts = partition_folders(folder, manifest)
    counts: dict[str, Any] = {}
    for name in ("documents", "attributions", "units"):
        counts[name] = sum(fastparquet.ParquetFile(str(p / f"{name}.parquet")).count() for p in parts)
    counts["skipped"] = sorted(skipped_documents(parts))
    return counts


def analysis_digest(folder: str | Path) -> str:
    """A hash of what a stored analysis was computed from (settings and documents' contents).

    It names what is derived from the analysis, such as stored comparisons: it stays the same
    while the analysis does, whatever else the manifest records.

    Raises
    ------
    StoreError
        When the folder holds no stored analysis.
    """
    return content_digest(stored_manifest(Path(folder)))


#: The columns of the units the distinct statements are computed from.
_STATEMENT_INPUT = ["unit_id", "doc_id", "start", "end", "text", "actor", "outlet", "date"]


#: Documents from which the two aggregates are computed in two processes (below, starting the
#: processes takes longer than computing them one after the other).
_AGGREGATES_APART = 2000


def _write_aggregates(folder: Path, manifest: dict[str, Any], digest: str, jobs: int = 1) -> None:
    """Compute the tables that span documents, write them, and record them in the manifest.

    They are computed from the stored partitions, reading only the columns they need (the
    documents, and the speakers' sentence units), so that the memory they take is not added to
    that of the whole analysis; with ``jobs`` above 1 and at least :data:`_AGGREGATES_APART`
    documents, the two tables are computed at once in two processes.
    """
    parts = partition_folders(folder, manifest)
    if jobs > 1 and len(manifest["documents"]) >= _AGGREGATES_APART:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
            statements = pool.submit(_write_statements, folder, parts)
            compilations = pool.submit(_write_duplicates, folder, parts).result()
            statements.result()
    else:
        compilations = _write_duplicates(folder, parts)
        _write_statements(folder, parts)
    manifest["aggregates"] = {"digest": digest, "compilations": compilations}
    write_json(folder / MANIFEST, manifest)


def _stored_documents(parts: list[Path], columns: list[str] | None = None) -> pd.DataFrame:
    """The stored documents in corpus order (date, then id)."""
    documents = pd.concat(
        [read_stored(p / "documents.parquet", "documents", columns) for p in parts], ignore_index=True
    )
    return _ordered(documents, ["date", "doc_id"])


def _write_duplicates(folder: Path, parts: list[Path]) -> list[str]:
    """Find and store the clusters of near-duplicate documents; return the compilations set aside."""
    columns = ["doc_id", "outlet", "date", "title", "text"]
    duplicates = find_duplicates(read_stored(p / "documents.parquet", "documents", columns) for p in parts)  # by part
    write_stored(duplicates, folder / "duplicates.parquet", "duplicates")
    return list(duplicates.attrs.get("compilations", []))


def _write_statements(folder: Path, parts: list[Path]) -> None:
    """Group the speakers' sentence units into distinct statements and store the grouping."""
    rank = {doc_id: i for i, doc_id in enumerate(_stored_documents(parts, ["doc_id", "date"])["doc_id"])}

    def spoken(part: Path) -> pd.DataFrame:
        units = read_stored(part / "units.parquet", "units", _STATEMENT_INPUT)
        return units[units["actor"].fillna("").astype(str).ne(NARRATION)]

    speech = pd.concat([spoken(p) for p in parts], ignore_index=True)  # the narration never held at once
    speech = _ordered(speech.assign(_rank=speech["doc_id"].map(rank)), ["_rank", "start", "end"])  # corpus order
    statements = distinct_statements(speech.drop(columns="_rank"))[["unit_id", *REACH_COLUMNS]]
    write_stored(statements, folder / "statements.parquet", "statements")


def load_store(folder: str | Path, *, study: Study | None = None) -> CorpusAnalysis:
    """Load a stored analysis (:func:`analyse` writes it) as a :class:`~analysis.pipeline.run.CorpusAnalysis`.

    The documents are read at once; every other table when it is first used, under a shared
    lock on the store (a run writing it waits, and is waited for), and only while the store
    still holds the analysis that was loaded.

    Raises
    ------
    StoreError
        When the folder holds no complete analysis, or (when a table is first used) when the
        store was analysed again since it was loaded.
    """
    folder = Path(folder)
    manifest = stored_manifest(folder)
    parts = partition_folders(folder, manifest)
    missing = [p for p in parts if not (p / "stats.parquet").is_file()]
    if missing:
        raise StoreError(f"{missing[0]}: a partition of the stored analysis is missing; run framing analyse again")
    skipped = skipped_documents(parts)
    root = Path(manifest["corpus"])
    study = study if study is not None else load_study(root)
    tables = [read_stored(p / "documents.parquet", "documents") for p in parts]
    documents = _ordered(pd.concat(tables, ignore_index=True), ["date", "doc_id"])
    rank = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    digest = content_digest(manifest)
    read: dict[str, pd.DataFrame] = {}  # the tables read so far

    def table(name: str, by: list[str] | None = None) -> pd.DataFrame:
        if name not in read:
            with reading(folder, digest):
                frame = pd.concat([read_stored(p / f"{name}.parquet", name) for p in parts], ignore_index=True)
            if by is not None:  # in corpus order
                frame = frame.assign(_rank=frame["doc_id"].map(rank)) if len(frame) else frame.assign(_rank=[])
                frame = _ordered(frame, ["_rank", *by]).drop(columns="_rank")
            read[name] = frame
        return read[name]

    def frames() -> pd.DataFrame:  # in the order of the units
        units = table("units", ["start", "end"])
        return table("frames").set_index("unit_id").loc[units["unit_id"]].reset_index()

    def deferred(name: str, by: list[str]) -> Deferred:
        return Deferred(lambda: table(name, by))

    return CorpusAnalysis(
        documents=documents,
        actors=study.actors,
        attributions=deferred("attributions", ["quote_id"]),
        utterances=deferred("utterances", ["utt_id"]),
        units=deferred("units", ["start", "end"]),
        study=study,
        corpus=root,
        frames=Deferred(frames),
        stats=deferred("stats", []),
        skipped=tuple(sorted(skipped)),
        store=folder,
        method=manifest["fingerprint"]["method"],
        **_read_aggregates(folder, manifest, digest),
    )


def _read_aggregates(folder: Path, manifest: dict[str, Any], digest: str) -> dict[str, Any]:
    """The stored tables that span documents (read when first used), when they are those of the stored documents."""
    aggregates = manifest.get("aggregates")
    if not aggregates or aggregates.get("digest") != digest:
        return {}
    if not all((folder / f"{name}.parquet").is_file() for name in AGGREGATES):
        return {}

    def reader(name: str) -> Deferred:
        def read() -> pd.DataFrame:
            with reading(folder, digest):
                table = read_stored(folder / f"{name}.parquet", name)
            if name == "duplicates":
                table.attrs["compilations"] = list(aggregates.get("compilations", []))
            return table

        return Deferred(read)

    return {name: reader(name) for name in AGGREGATES}


def _ordered(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, kind="stable").reset_index(drop=True) if by else frame.reset_index(drop=True)
