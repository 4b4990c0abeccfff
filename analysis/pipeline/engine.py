"""Engines: where the partitions of a corpus are analysed -- here, in local processes, or on Dask.

Every engine runs the same task, :func:`analysis.pipeline.partition.analyse_paths`, on lists of
document files and yields each partition's tables as it completes; the store
(:mod:`analysis.pipeline.store`) writes them and builds every aggregate from them, so the
results do not depend on the engine.

* ``"local"`` (the default): this process for one job, a pool of ``jobs`` processes otherwise;
  a document over the time limit is skipped (or fails the run) by id.
* ``"dask"``: a `dask.distributed <https://distributed.dask.org>`_ cluster -- an existing one
  (``scheduler="tcp://host:8786"``) or a ``LocalCluster`` of ``workers`` processes started for
  the run. Tasks carry document paths, never tables (workers read the files, so they must see
  the same file system), and one task is one partition: few, large tasks, as the Dask best
  practices advise. Workers run tasks outside their main thread, where the per-document time
  limit cannot interrupt; a partition is then bounded as a whole (its documents' limit times
  their number) and the run fails with one line naming its first document.

Examples
--------
>>> ENGINES
('local', 'dask')
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from ..errors import AnalysisError
from ..machine import available_cpus
from .partition import PartitionResult, Settings, analyse_paths

__all__ = ["ENGINES", "EngineError", "default_jobs", "run_partitions"]

#: The engines of :func:`run_partitions`.
ENGINES = ("local", "dask")


class EngineError(AnalysisError):
    """An engine cannot start or a partition cannot finish (a Dask cluster out of reach, a timeout)."""


def default_jobs() -> int:
    """Worker processes of the local engine by default: the CPUs this process may use, at most 8."""
    return max(1, min(8, available_cpus()))


def _local(
    partitions: Sequence[Sequence[str]], settings: Settings, root: str, jobs: int
) -> Iterator[tuple[int, PartitionResult]]:
    if jobs <= 1 or len(partitions) <= 1:
        for index, paths in enumerate(partitions):
            yield index, analyse_paths(list(paths), settings, root=root)
        return
    import multiprocessing

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {
            pool.submit(analyse_paths, list(paths), settings, root=root): i for i, paths in enumerate(partitions)
        }
        try:
            for future in as_completed(futures):
                index = futures.pop(future)  # nothing keeps a result once it is handed over
                yield index, future.result()
        except BrokenProcessPool:
            raise EngineError(
                "a worker process stopped before it finished (out of memory, killed, or failed at start-up: "
                'a script must put its work under `if __name__ == "__main__":`); try jobs=1 to see the error'
            ) from None


def _dask(
    partitions: Sequence[Sequence[str]],
    settings: Settings,
    root: str,
    scheduler: str | None,
    workers: int | None,
) -> Iterator[tuple[int, PartitionResult]]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as completed
    except ImportError:  # pragma: no cover - a dependency
        raise EngineError("the dask engine needs the 'distributed' package: pip install 'dask[distributed]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=workers or default_jobs(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,  # not the workers' complaints when the cluster closes; errors reach us as results
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        limit = settings.time_limit
        futures = {}
        for index, paths in enumerate(partitions):
            future = client.submit(analyse_paths, list(paths), settings, root=root, key=f"framing-partition-{index}")
            futures[future] = index
        for future in completed(list(futures)):
            index = futures.pop(future)  # released: the cluster keeps no result it handed over
            timeout = limit * max(1, len(partitions[index])) if limit else None
            try:
                result = future.result(timeout=timeout)
                del future  # the last reference: the cluster forgets the result
                yield index, result
            except TimeoutError:
                first = partitions[index][0] if partitions[index] else "?"
                raise EngineError(
                    f"partition {index} (from {os.path.basename(first)}) took more than {timeout:g} s on Dask"
                ) from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_partitions(
    partitions: Sequence[Sequence[str]],
    settings: Settings,
    *,
    root: str,
    engine: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Iterator[tuple[int, PartitionResult]]:
    """Analyse partitions of document files; yield ``(partition index, result)`` as each completes.

    Parameters
    ----------
    partitions
        Lists of document files.
    settings
        The configuration, sentiment method and time limit of every partition.
    root
        The corpus folder (documents record their path relative to it).
    engine
        ``"local"`` or ``"dask"`` (see the module docstring).
    jobs
        Processes of the local engine (default: :func:`default_jobs`; 1 runs in this process).
    scheduler, workers
        The Dask scheduler's address, or the number of workers of a local Dask cluster.

    Raises
    ------
    EngineError
        For an unknown engine, a cluster out of reach, a partition over its time limit.
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "local":
        yield from _local(partitions, settings, root, default_jobs() if jobs is None else jobs)
    else:
        yield from _dask(partitions, settings, root, scheduler, workers)
