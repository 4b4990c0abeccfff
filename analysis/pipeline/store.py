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

import contextlib
import hashlib
import json
import math
import os
import shutil
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from ..corpus.config import DATA_FILES, Configuration, resolve_config
from ..corpus.documents import document_paths, validate_corpus
from ..errors import AnalysisError
from ..paths import cache_dir
from ..sentiment.methods import DEFAULT_METHOD
from .engine import default_jobs, run_partitions
from .parquet import read_table, write_table
from .partition import PartitionResult, Settings

__all__ = [
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

#: Version of the store's layout; a store of another format is recomputed.
FORMAT = 1
#: The tables of a partition, one Parquet file each.
TABLES = ("documents", "attributions", "utterances", "units", "frames", "stats")
#: Documents per partition (about): a task of a few seconds, few tasks for a large corpus.
PARTITION_SIZE = 200
_MANIFEST = "manifest.json"
#: The tables that span documents, computed once the partitions are stored: near-duplicate
#: documents (:func:`analysis.syndication.find_duplicates`) and the distinct statements of every
#: actor (:func:`analysis.syndication.distinct_statements`, the outlets' narration excepted).
AGGREGATES = ("duplicates", "statements")


class StoreError(AnalysisError):
    """The store cannot be read or written."""


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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fingerprint(config: Configuration, method: str, time_limit: float | None) -> dict[str, Any]:
    files = {kind: _sha256(getattr(config, kind)) for kind in DATA_FILES if getattr(config, kind).is_file()}
    method_file = Path(method)
    if method_file.suffix and method_file.is_file():  # a user's dictionary
        files["method"] = _sha256(method_file)
    return {"format": FORMAT, "version": __version__, "method": method, "time_limit": time_limit, "config": files}


def _partition_of(name: str, count: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % count


#: Why a worker process finds the store locked by the process that started it.
MAIN_GUARD = (
    "a script that analyses a corpus with several processes must put its work under "
    '`if __name__ == "__main__":` (each worker process imports the script again)'
)


@contextlib.contextmanager
def _locked(folder: Path, say: Callable[[str], None] = lambda line: None) -> Iterator[None]:
    """An exclusive lock on the store: one writer at a time; others say whom they wait for and wait."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+", encoding="utf-8") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on Windows
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            if holder == str(os.getppid()):  # a worker re-running the script that started it
                raise StoreError(f"{folder}: locked by the process that started this one; {MAIN_GUARD}") from None
            say(f"waiting for process {holder or '?'} to finish its analysis in {folder}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)


def _write_partition(folder: Path, index: int, result: PartitionResult) -> None:
    """Write one partition's tables beside their place, then move the folder into it."""
    final = folder / "parts" / f"{index:05d}"
    staging = folder / "parts" / f".{index:05d}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in TABLES:
        write_table(getattr(result, name), staging / f"{name}.parquet")
    (staging / "skipped.json").write_text(json.dumps(result.skipped), encoding="utf-8")
    if final.exists():
        old = final.with_name(f".{index:05d}.{os.getpid()}.old")
        os.replace(final, old)
        os.replace(staging, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, final)


@dataclass(frozen=True)
class _Plan:
    root: Path
    names: list[str]  # document files relative to the corpus folder
    hashes: dict[str, str]
    stats: dict[str, tuple[int, int]]  # size and modification time (ns) of each file
    count: int  # partitions
    rehashed: int  # files read again because their size or time differs from the manifest's

    def partition(self, index: int) -> list[str]:
        return [n for n in self.names if _partition_of(n, self.count) == index]


#: A file modified this close (ns) to the moment its hash was recorded is hashed again: its
#: time alone cannot tell a later change within the file system's time resolution (as git does).
_RACY_NS = 2_000_000_000


def _plan(root: Path, previous: dict[str, Any] | None, *, same_settings: bool) -> _Plan:
    """The documents, their hashes and the partitioning.

    A document whose size and modification time are those the manifest recorded keeps the
    recorded hash (the check git does on its index); the others are read and hashed.
    """
    files = document_paths(root)
    names = [f.relative_to(root).as_posix() for f in files]
    recorded = (previous or {}).get("documents", {})
    hashed_at = int((previous or {}).get("hashed_at_ns", 0))
    hashes, stats, rehashed = {}, {}, 0
    for name, path in zip(names, files, strict=True):
        status = path.stat()
        stats[name] = (status.st_size, status.st_mtime_ns)
        entry = recorded.get(name, {})
        settled = status.st_mtime_ns < hashed_at - _RACY_NS
        if settled and [entry.get("size"), entry.get("mtime_ns")] == list(stats[name]):
            hashes[name] = entry["sha256"]
        else:
            hashes[name] = _sha256(path)
            rehashed += 1
    count = max(1, math.ceil(len(names) / PARTITION_SIZE))
    if same_settings and previous and previous.get("partitions"):
        kept = int(previous["partitions"])  # keep the partitioning while the sizes stay reasonable
        if PARTITION_SIZE / 4 <= len(names) / kept <= PARTITION_SIZE * 2:
            count = kept
    return _Plan(root, names, hashes, stats, count, rehashed)


def _load_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _stored_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a stored analysis, or a StoreError saying how to make one."""
    manifest = _load_manifest(folder)
    if manifest is None:
        raise StoreError(f"{folder}: no stored analysis (run: framing analyse CORPUS)")
    return manifest


def _parts(folder: Path, manifest: dict[str, Any]) -> list[Path]:
    """The partition folders of a stored analysis."""
    return [folder / "parts" / f"{i:05d}" for i in range(int(manifest["partitions"]))]


def _skipped(parts: list[Path]) -> list[tuple[str, str]]:
    """The documents the partitions left out, with why."""
    return [tuple(item) for p in parts for item in json.loads((p / "skipped.json").read_text(encoding="utf-8"))]


def analyse(
    corpus: str | Path,
    *,
    out: str | Path | None = None,
    config: Configuration | None = None,
    method: str = DEFAULT_METHOD,
    engine: str = "local",
    jobs: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    time_limit: float | None = 60.0,
    on_timeout: str = "skip",
    progress: Callable[[str], None] | None = None,
    load: bool = True,
):
    """Analyse a corpus folder into its store, reusing what is still valid; return the analysis.

    Parameters
    ----------
    corpus
        A corpus folder.
    out
        The store folder (default: :func:`store_folder`).
    config
        The corpus's configuration (default: :func:`analysis.corpus.config.resolve_config`).
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
    from .run import CorpusAnalysis  # noqa: F401 - documented return type

    root = Path(corpus)
    if not root.is_dir():
        raise StoreError(f"{root}: a stored analysis needs a corpus folder")
    config = config if config is not None else resolve_config(root)
    settings = Settings(config, method=method, time_limit=time_limit, on_timeout=on_timeout)
    folder = Path(out) if out is not None else store_folder(root)
    say = progress or (lambda line: None)
    with _locked(folder, say):
        previous = _load_manifest(folder)
        fingerprint = _fingerprint(config, method, time_limit)
        same_settings = bool(previous) and previous.get("fingerprint") == fingerprint
        started_hashing = time.time_ns()
        plan = _plan(root, previous, same_settings=same_settings)
        unchanged = same_settings and plan.rehashed == 0 and set(previous.get("documents", {})) == set(plan.names)
        if not unchanged:  # every document was validated when the stored analysis was made
            problems = validate_corpus(root)
            if problems:
                raise problems[0]
        reusable = _reusable(folder, plan, previous if same_settings else None, fingerprint)
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
            n: {"sha256": plan.hashes[n], "partition": _partition_of(n, plan.count), "size": size, "mtime_ns": mtime}
            for n, (size, mtime) in ((n, plan.stats[n]) for n in plan.names)
        }
        manifest = {
            "fingerprint": fingerprint,
            "corpus": str(root.resolve()),
            "partitions": plan.count,
            "hashed_at_ns": started_hashing,
            "documents": documents,
        }
        digest = _content_digest(manifest)
        kept = (previous or {}).get("aggregates", {})
        if kept.get("digest") == digest and all((folder / f"{name}.parquet").is_file() for name in AGGREGATES):
            manifest["aggregates"] = kept  # still those of these documents
            if not (unchanged and not todo):  # else nothing to record: the manifest stays as it is
                _write_json(folder / _MANIFEST, manifest)
            return load_store(folder, config=config) if load else None
        _write_json(folder / _MANIFEST, manifest)
        say("grouping copies: duplicate documents and distinct statements")
        started = time.perf_counter()
        _write_aggregates(folder, manifest, digest, jobs=1 if jobs == 1 else min(2, default_jobs()))
        say(f"grouped in {time.perf_counter() - started:.1f} s")
        return load_store(folder, config=config) if load else None


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
    from .parquet import fastparquet_module

    fastparquet = fastparquet_module()

    folder = Path(folder)
    manifest = _stored_manifest(folder)
    parts = _parts(folder, manifest)
    counts: dict[str, Any] = {}
    for name in ("documents", "attributions", "units"):
        counts[name] = sum(fastparquet.ParquetFile(str(p / f"{name}.parquet")).count() for p in parts)
    counts["skipped"] = sorted(_skipped(parts))
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
    return _content_digest(_stored_manifest(Path(folder)))


def _content_digest(manifest: dict[str, Any]) -> str:
    """What the aggregates depend on: the settings and every document's content."""
    what = [manifest["fingerprint"], sorted((n, e["sha256"]) for n, e in manifest["documents"].items())]
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode("utf-8")).hexdigest()


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
    parts = _parts(folder, manifest)
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
    _write_json(folder / _MANIFEST, manifest)


def _stored_documents(parts: list[Path], columns: list[str] | None = None) -> pd.DataFrame:
    """The stored documents in corpus order (date, then id)."""
    documents = pd.concat([read_table(p / "documents.parquet", columns) for p in parts], ignore_index=True)
    return _ordered(documents, ["date", "doc_id"])


def _write_duplicates(folder: Path, parts: list[Path]) -> list[str]:
    """Find and store the clusters of near-duplicate documents; return the compilations set aside."""
    from ..syndication.duplicates import find_duplicates

    columns = ["doc_id", "outlet", "date", "title", "text"]
    duplicates = find_duplicates(read_table(p / "documents.parquet", columns) for p in parts)  # a part at a time
    write_table(duplicates, folder / "duplicates.parquet")
    return list(duplicates.attrs.get("compilations", []))


def _write_statements(folder: Path, parts: list[Path]) -> None:
    """Group the speakers' sentence units into distinct statements and store the grouping."""
    from ..syndication.distinct import REACH_COLUMNS, distinct_statements
    from ..voices.voice import NARRATION

    rank = {doc_id: i for i, doc_id in enumerate(_stored_documents(parts, ["doc_id", "date"])["doc_id"])}

    def spoken(part: Path) -> pd.DataFrame:
        units = read_table(part / "units.parquet", _STATEMENT_INPUT)
        return units[units["actor"].fillna("").astype(str).ne(NARRATION)]

    speech = pd.concat([spoken(p) for p in parts], ignore_index=True)  # the narration never held at once
    speech = _ordered(speech.assign(_rank=speech["doc_id"].map(rank)), ["_rank", "start", "end"])  # corpus order
    statements = distinct_statements(speech.drop(columns="_rank"))[["unit_id", *REACH_COLUMNS]]
    write_table(statements, folder / "statements.parquet")


def _reusable(folder: Path, plan: _Plan, previous: dict[str, Any] | None, fingerprint: dict[str, Any]) -> set[int]:
    """The partitions whose stored tables were computed from exactly the documents they hold now."""
    if not previous or previous.get("fingerprint") != fingerprint or previous.get("partitions") != plan.count:
        return set()
    stored = previous.get("documents", {})
    reusable = set()
    for index in range(plan.count):
        names = plan.partition(index)
        before = {n for n, entry in stored.items() if entry.get("partition") == index}
        same = before == set(names) and all(stored[n]["sha256"] == plan.hashes[n] for n in names)
        if same and (folder / "parts" / f"{index:05d}" / "stats.parquet").is_file():
            reusable.add(index)
    return reusable


def load_store(folder: str | Path, *, config: Configuration | None = None):
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
    from .run import CorpusAnalysis, Deferred

    folder = Path(folder)
    manifest = _stored_manifest(folder)
    parts = _parts(folder, manifest)
    missing = [p for p in parts if not (p / "stats.parquet").is_file()]
    if missing:
        raise StoreError(f"{missing[0]}: a partition of the stored analysis is missing; run framing analyse again")
    skipped = _skipped(parts)
    root = Path(manifest["corpus"])
    config = config if config is not None else resolve_config(root)
    documents = _ordered(pd.concat([read_table(p / "documents.parquet") for p in parts], ignore_index=True),
                         ["date", "doc_id"])  # fmt: skip
    rank = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    digest = _content_digest(manifest)
    read: dict[str, pd.DataFrame] = {}  # the tables read so far

    def table(name: str, by: list[str] | None = None) -> pd.DataFrame:
        if name not in read:
            with _reading(folder, digest):
                frame = pd.concat([read_table(p / f"{name}.parquet") for p in parts], ignore_index=True)
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
        actors=config.load_actors(),
        attributions=deferred("attributions", ["quote_id"]),
        utterances=deferred("utterances", ["utt_id"]),
        units=deferred("units", ["start", "end"]),
        config=config,
        corpus=root,
        frames=Deferred(frames),
        stats=deferred("stats", []),
        skipped=tuple(sorted(skipped)),
        store=folder,
        method=manifest["fingerprint"]["method"],
        **_read_aggregates(folder, manifest, digest),
    )


@contextlib.contextmanager
def _reading(folder: Path, digest: str) -> Iterator[None]:
    """A shared lock on the store while a table is read, and a check that it holds the analysis loaded."""
    try:
        handle = open(folder / ".lock", encoding="utf-8")  # noqa: SIM115 - held for the block
    except OSError:  # a store written by no one (a copy, a read-only folder)
        handle = None
    try:
        if handle is not None:
            with contextlib.suppress(ImportError):
                import fcntl

                fcntl.flock(handle, fcntl.LOCK_SH)  # waits for a run writing the store
        current = _load_manifest(folder)
        if current is None or _content_digest(current) != digest:
            raise StoreError(
                f"{folder}: the stored analysis changed after it was loaded (framing analyse ran again); load it again"
            )
        yield
    finally:
        if handle is not None:
            handle.close()  # releases the lock


def _read_aggregates(folder: Path, manifest: dict[str, Any], digest: str) -> dict[str, Any]:
    """The stored tables that span documents (read when first used), when they are those of the stored documents."""
    from .run import Deferred

    aggregates = manifest.get("aggregates")
    if not aggregates or aggregates.get("digest") != digest:
        return {}
    if not all((folder / f"{name}.parquet").is_file() for name in AGGREGATES):
        return {}

    def reader(name: str) -> Deferred:
        def read() -> pd.DataFrame:
            with _reading(folder, digest):
                table = read_table(folder / f"{name}.parquet")
            if name == "duplicates":
                table.attrs["compilations"] = list(aggregates.get("compilations", []))
            return table

        return Deferred(read)

    return {name: reader(name) for name in AGGREGATES}


def _ordered(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, kind="stable").reset_index(drop=True) if by else frame.reset_index(drop=True)
