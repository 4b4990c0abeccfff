"""The bookkeeping of a stored analysis: what it was computed from, its partitions, its lock.

:mod:`analysis.pipeline.store` computes and reads the analysis; this module keeps what tells
whether it is still valid and who may write it:

* the *fingerprint* of the settings (the package version, the store's format, the sentiment
  method and time limit, the hash of every data file of the study) and the *content digest*
  of the settings and every document's hash;
* the *plan*: the documents, their hashes (a file whose size and modification time are
  those recorded keeps its recorded hash, as git's index does) and their partitions (a hash
  of the file name, so a document never moves);
* the manifest file, written beside its place and moved there;
* an exclusive lock for the one run that writes a store, and a shared one for readers.

Examples
--------
>>> partition_of("documents/a.md", 4) == partition_of("documents/a.md", 4)
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.config import DATA_FILES, Configuration
from ..corpus.documents import document_paths
from ..errors import AnalysisError, CorpusError
from ..version import __version__

__all__ = [
    "FORMAT",
    "PARTITION_SIZE",
    "MANIFEST",
    "MAIN_GUARD",
    "StoreError",
    "Plan",
    "file_hash",
    "fingerprint",
    "content_digest",
    "partition_of",
    "plan_partitions",
    "reusable_partitions",
    "partition_folders",
    "skipped_documents",
    "load_manifest",
    "stored_manifest",
    "write_json",
    "locked",
    "reading",
]


#: Version of the store's layout; a store of another format is recomputed.
FORMAT = 2  # 2: utterances and units carry the document's language


#: Documents per partition (about): a task of a few seconds, few tasks for a large corpus.
PARTITION_SIZE = 200


MANIFEST = "manifest.json"


class StoreError(AnalysisError):
    """The store cannot be read or written."""


def file_hash(path: Path) -> str:
    """The SHA-256 of a file; a file that cannot be read is one line naming it, as when a corpus is read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from None
    return hashlib.sha256(data).hexdigest()


def fingerprint(config: Configuration, method: str, time_limit: float | None) -> dict[str, Any]:
    files = {kind: file_hash(getattr(config, kind)) for kind in DATA_FILES if getattr(config, kind).is_file()}
    method_file = Path(method)
    if method_file.suffix and method_file.is_file():  # a user's dictionary
        files["method"] = file_hash(method_file)
    return {"format": FORMAT, "version": __version__, "method": method, "time_limit": time_limit, "config": files}


def partition_of(name: str, count: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % count


#: Why a worker process finds the store locked by the process that started it.
MAIN_GUARD = (
    "a script that analyses a corpus with several processes must put its work under "
    '`if __name__ == "__main__":` (each worker process imports the script again)'
)


@contextlib.contextmanager
def locked(folder: Path, say: Callable[[str], None] = lambda line: None) -> Iterator[None]:
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


def write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)


@dataclass(frozen=True)
class Plan:
    root: Path
    names: list[str]  # document files relative to the corpus folder
    hashes: dict[str, str]
    stats: dict[str, tuple[int, int]]  # size and modification time (ns) of each file
    count: int  # partitions
    rehashed: int  # files read again because their size or time differs from the manifest's

    def partition(self, index: int) -> list[str]:
        return [n for n in self.names if partition_of(n, self.count) == index]


#: A file modified this close (ns) to the moment its hash was recorded is hashed again: its
#: time alone cannot tell a later change within the file system's time resolution (as git does).
RACY_NS = 2_000_000_000


def plan_partitions(root: Path, previous: dict[str, Any] | None, *, same_settings: bool) -> Plan:
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
        settled = status.st_mtime_ns < hashed_at - RACY_NS
        if settled and [entry.get("size"), entry.get("mtime_ns")] == list(stats[name]):
            hashes[name] = entry["sha256"]
        else:
            hashes[name] = file_hash(path)
            rehashed += 1
    count = max(1, math.ceil(len(names) / PARTITION_SIZE))
    if same_settings and previous and previous.get("partitions"):
        kept = int(previous["partitions"])  # keep the partitioning while the sizes stay reasonable
        if PARTITION_SIZE / 4 <= len(names) / kept <= PARTITION_SIZE * 2:
            count = kept
    return Plan(root, names, hashes, stats, count, rehashed)


def load_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def stored_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a stored analysis, or a StoreError saying how to make one."""
    manifest = load_manifest(folder)
    if manifest is None:
        raise StoreError(f"{folder}: no stored analysis (run: framing analyse CORPUS)")
    return manifest


def partition_folders(folder: Path, manifest: dict[str, Any]) -> list[Path]:
    """The partition folders of a stored analysis."""
    return [folder / "parts" / f"{i:05d}" for i in range(int(manifest["partitions"]))]


def skipped_documents(parts: list[Path]) -> list[tuple[str, str]]:
    """The documents the partitions left out, with why."""
    return [tuple(item) for p in parts for item in json.loads((p / "skipped.json").read_text(encoding="utf-8"))]


def content_digest(manifest: dict[str, Any]) -> str:
    """What the aggregates depend on: the settings and every document's content."""
    what = [manifest["fingerprint"], sorted((n, e["sha256"]) for n, e in manifest["documents"].items())]
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode("utf-8")).hexdigest()


def reusable_partitions(
    folder: Path, plan: Plan, previous: dict[str, Any] | None, fingerprint: dict[str, Any]
) -> set[int]:
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


@contextlib.contextmanager
def reading(folder: Path, digest: str) -> Iterator[None]:
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
        current = load_manifest(folder)
        if current is None or content_digest(current) != digest:
            raise StoreError(
                f"{folder}: the stored analysis changed after it was loaded (framing analyse ran again); load it again"
            )
        yield
    finally:
        if handle is not None:
            handle.close()  # releases the lock
