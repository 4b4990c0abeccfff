"""Execute the notebooks and render them as static HTML reports.

:func:`build_report` runs every numbered notebook of ``notebooks/`` with nbclient (kernel
``python3``, a timeout per cell, the notebook's folder as working directory), injecting the
values of the cell tagged ``parameters`` in the manner of papermill, and renders each one
with nbconvert: a reader's version without code, and, on request, a methods version with
code. It writes ``index.html`` linking the reports; figures are saved by the notebooks
themselves (:func:`save_figure`) as PNG and SVG under ``figures/``.

Everything is first written to a staging folder of its own (``OUT/.staging-*``) and moved into place only
when every notebook succeeded, so a failing notebook leaves earlier reports
intact. Reports are deterministic: two runs on the same input give byte-identical HTML.
They load nothing from the network and forbid scripts (Content-Security-Policy); corpus text
is escaped wherever the package renders it.

Examples
--------
>>> from analysis.render.report import inject_parameters
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("A = 1", metadata={"tags": ["parameters"]})])
>>> inject_parameters(nb, {"A": 2}).cells[1].source
'# Parameters injected by analysis.render.report\\nA = 2'
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..machine import available_cpus
from ..paths import project_root
from .index import index_html, notebook_question
from .notebooks import (
    CELL_TIMEOUT,
    ReportError,
    execute_notebook,
    inject_parameters,
    notebook_title,
    render_html,
    save_figure,
)

__all__ = [
    "ReportError",
    "ReportResult",
    "default_notebooks",
    "inject_parameters",
    "execute_notebook",
    "render_html",
    "build_report",
    "default_jobs",
    "save_figure",
    "notebook_title",
    "index_html",
    "execution_order",
    "notebook_weight",
]

_NOTEBOOK_NAME = re.compile(r"^\d\d_[\w-]+\.ipynb$")
# Signals that wait while a report is published.
_DEFERRED = (signal.SIGINT, signal.SIGTERM)
#: File of an output folder recording how long each notebook took (to start the longest first).
TIMINGS = ".report-timings.json"


@dataclass(frozen=True)
class ReportResult:
    """What :func:`build_report` wrote."""

    index: Path
    reports: tuple[Path, ...]
    methods: tuple[Path, ...]
    figures: tuple[Path, ...]
    seconds: float


def default_notebooks() -> list[Path]:
    """Return the numbered notebooks (``NN_name.ipynb``) of the checkout's ``notebooks/``."""
    root = project_root()
    folder = root / "notebooks" if root is not None else None
    if folder is None or not folder.is_dir():
        raise ReportError("no notebooks/ folder found next to the package; pass notebooks explicitly")
    return sorted(p for p in folder.iterdir() if _NOTEBOOK_NAME.match(p.name))


@contextlib.contextmanager
def _deferred_interrupts() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done (in the main thread), then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {s: signal.signal(s, lambda number, frame: received.append(number)) for s in _DEFERRED}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            signal.raise_signal(received[0])


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Let SIGTERM end the run as an exception (exit status 143), so that it cleans up behind it.

    Only in the main thread, and only when SIGTERM has its default action (a caller's own
    handler is left alone).
    """
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def terminate(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: Any) -> None:
    """Stop a process pool at once (an interrupted run): its running tasks are not waited for."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One publisher at a time in an output folder (other runs wait for it).

    The lock is taken on the folder itself, so that no lock file is left in it.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    handle = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _publish(staging: Path, out: Path) -> None:
    """Move every file of ``staging`` into ``out``, replacing files of the same name.

    Runs alone in the output folder (a lock) and cannot be interrupted half-way (interrupts wait
    for its end), so two runs never interleave their files and an interrupted run leaves
    either the previous reports or the new ones.
    """
    with _exclusive(out), _deferred_interrupts():
        for source in sorted(staging.rglob("*")):
            if source.is_file():
                target = out / source.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)


def _render_one(
    path: Path, params: Mapping[str, Any], shown: Mapping[str, Any], staging: Path, with_code: bool, timeout: int
) -> tuple[str, str, str | None, float, str]:
    """Execute one notebook and write its HTML page(s) into ``staging``; return what the index needs."""
    tick = time.perf_counter()
    nb = execute_notebook(path, params, timeout=timeout)
    inject_parameters(nb, shown)  # show where the files end up, not the staging folder
    title = notebook_title(nb, path.stem)
    page = staging / f"{path.stem}.html"
    page.write_text(render_html(nb, title=title), encoding="utf-8")
    methods_href = None
    if with_code:
        (staging / "methods").mkdir(exist_ok=True)
        method_page = staging / "methods" / f"{path.stem}.html"
        method_page.write_text(render_html(nb, with_code=True, title=f"{title} (methods)"), encoding="utf-8")
        methods_href = f"methods/{method_page.name}"
    return page.name, title, methods_href, time.perf_counter() - tick, notebook_question(nb)


def _prepare(parameters: Mapping[str, Any], jobs: int, say: Callable[[str], None]) -> dict[str, Any]:
    """Compute the stored analysis and the comparison once, before any notebook starts.

    Every notebook then reads them from the store (:mod:`analysis.pipeline.store`,
    :mod:`analysis.compare.cache`) instead of computing them again. They are computed in a
    process of their own, which ends before the notebooks start: the memory they took (about
    1 GB at 10,000 documents) is returned then, not kept beside the notebooks' kernels.
    Returns what the index says about the study (:func:`analysis.render.index.study_facts`).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        lines, facts = pool.submit(_prepare_here, dict(parameters), jobs).result()
    except BaseException:
        _stop(pool)  # an interrupted or failed run does not wait for the analysis to end
        raise
    pool.shutdown()
    for line in lines:
        say(line)
    return facts


def _prepare_here(parameters: Mapping[str, Any], jobs: int) -> tuple[list[str], dict[str, Any]]:
    """The work of :func:`_prepare`, in this process; returns the lines to say and the facts of the study.

    A comparison that cannot be made (a voice without text) is left to the notebooks, which
    say so in their own words.
    """
    from ..compare.comparison import compare_voices
    from ..errors import AnalysisError, VoiceError
    from ..paths import default_corpus
    from ..pipeline.run import analyse_corpus
    from ..resampling import DEFAULT_SEED
    from ..voices.voice import as_voice
    from .index import study_facts

    corpus = parameters.get("CORPUS")
    try:
        corpus = Path(corpus) if corpus else default_corpus()
    except AnalysisError:
        return [], {}
    if not corpus.is_dir():
        return [], {}
    started = time.perf_counter()
    run = analyse_corpus(corpus, store=True, jobs=jobs, dedupe=bool(parameters.get("DEDUPE", False)))
    seconds = time.perf_counter() - started
    voices = parameters.get("ACTOR_A"), parameters.get("ACTOR_B")
    comparison, parsed = None, []
    if all(voices):
        with contextlib.suppress(VoiceError):
            parsed = [as_voice(v, run.actors) for v in voices]
            seed, frames = parameters.get("SEED", DEFAULT_SEED), parameters.get("FRAMES")
            comparison = compare_voices(run, voices[0], voices[1], seed=seed, frames=frames)
            if parameters.get("METHOD"):  # the comparison of the reports that take the method (02, 05)
                compare_voices(run, voices[0], voices[1], seed=seed, frames=frames, method=parameters["METHOD"])
    line = f"analysis of {len(run.documents)} document(s) ready in {seconds:.1f} s ({run.store})"
    return [line], study_facts(run, comparison, parsed)


def default_jobs() -> int:
    """Notebooks executed at once by default: the CPUs available, at most 4."""
    return max(1, min(4, available_cpus()))


def _read_timings(out: Path) -> dict[str, float]:
    """Seconds each notebook took in the last report written to ``out`` (empty when unknown)."""
    try:
        data = json.loads((out / TIMINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): float(v) for k, v in data.items() if _is_number(v)}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def notebook_weight(path: Path) -> float:
    """The cost a notebook declares relative to the others (``metadata.framing.weight``; 1 when absent)."""
    try:
        weight = json.loads(Path(path).read_text(encoding="utf-8"))["metadata"]["framing"]["weight"]
    except (OSError, ValueError, KeyError, TypeError):
        return 1.0
    return float(weight) if _is_number(weight) else 1.0


def execution_order(paths: Sequence[Path], timings: Mapping[str, float]) -> list[Path]:
    """Return the order in which to start the notebooks: the longest first.

    Notebooks run a few at a time, so one long notebook started last would run alone at the
    end. Starting the longest first (the longest-processing-time rule of scheduling, Graham
    1969) evens the load. ``timings`` are the seconds of the last report (by notebook stem).
    Notebooks without a timing start first, the heaviest they declare first
    (:func:`notebook_weight`), then in their listed order. The reports and the index keep the
    listed order whatever the execution order.

    Examples
    --------
    >>> [p.stem for p in execution_order([Path("00_a.ipynb"), Path("01_b.ipynb"), Path("02_c.ipynb")],
    ...                                  {"00_a": 5.0, "01_b": 20.0})]
    ['02_c', '01_b', '00_a']
    """
    listed = {path: number for number, path in enumerate(paths)}
    unknown = {path: notebook_weight(path) for path in paths if path.stem not in timings}
    return sorted(
        paths,
        key=lambda p: (0, -unknown[p], listed[p]) if p in unknown else (1, -timings[p.stem], listed[p]),
    )


def _run_all(
    paths: Sequence[Path],
    jobs: int,
    say: Callable[[str], None],
    advance: Callable[[], None],
    timings: Mapping[str, float] | None = None,
    **options: Any,
) -> list[tuple[str, str, str | None, float, str]]:
    """Run :func:`_render_one` on every notebook, ``jobs`` at a time; results in notebook order.

    Several at a time, the longest of the last run start first (:func:`execution_order`), and
    each notebook is reported when it is done.
    """
    total = len(paths)
    if jobs <= 1 or total == 1:
        results = []
        for number, path in enumerate(paths, start=1):
            say(f"[{number}/{total}] {path.stem} ...")
            results.append(_render_one(path, **options))
            say(f"[{number}/{total}] {path.stem} done in {results[-1][3]:.1f} s")
            advance()
        return results
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    say(f"executing {total} notebooks, {jobs} at a time")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = {pool.submit(_render_one, path, **options): path for path in execution_order(paths, timings or {})}
        pending, finished = set(futures), 0
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            failed = [f for f in done if f.exception() is not None]
            if failed:
                raise min(failed, key=lambda f: paths.index(futures[f])).exception()
            for future in sorted(done, key=lambda f: paths.index(futures[f])):
                finished += 1
                say(f"[{finished}/{total}] {futures[future].stem} done in {future.result()[3]:.1f} s")
                advance()
    except BaseException:
        _stop(pool)  # a failed or interrupted run does not wait for the other notebooks
        raise
    pool.shutdown()
    by_path = {path: future.result() for future, path in futures.items()}
    return [by_path[path] for path in paths]


def build_report(
    *,
    out: str | Path,
    parameters: Mapping[str, Any] | None = None,
    notebooks: Sequence[str | Path] | None = None,
    with_code: bool = False,
    timeout: int = CELL_TIMEOUT,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ReportResult:
    """Execute the notebooks and write the HTML reports, ``index.html`` and figures to ``out``.

    Parameters
    ----------
    out
        Output folder (created if needed). Existing files are replaced only when every
        notebook succeeded.
    parameters
        Values for the notebooks' ``parameters`` cells, e.g. ``{"CORPUS": "corpus",
        "ACTOR_A": "iran_mfa", "ACTOR_B": "russia_mfa", "SEED": 0}``. ``OUTPUT`` (where
        figures are saved) is set by this function.
    notebooks
        Notebooks to run, in order (default: :func:`default_notebooks`).
    with_code
        Also write a methods version with code of each notebook, in ``out/methods/``.
    timeout
        Seconds one cell may take.
    jobs
        Notebooks executed at once, each in its own kernel (default: :func:`default_jobs`),
        the longest of the last run first (:func:`execution_order`; the seconds each took are
        kept in ``out/.report-timings.json``). The reports do not depend on it.
    progress
        Called with one line per notebook (default: lines and a progress bar on stderr; the
        bar shows only on a terminal).

    Raises
    ------
    ReportError
        Naming the notebook that failed and why; nothing in ``out`` is changed then.
    """
    started = time.perf_counter()
    paths = [Path(p).resolve() for p in (notebooks if notebooks is not None else default_notebooks())]
    if not paths:
        raise ReportError("no notebooks to run")
    for path in paths:
        if not path.is_file():
            raise ReportError(f"{path}: no such notebook")
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with _terminate_cleanly():  # SIGTERM cleans up too
        # a bar on a terminal only (disable=None), never when the caller takes the progress lines
        bar = tqdm(total=len(paths), desc="notebooks", unit="nb", file=sys.stderr, disable=True if progress else None)
        say = progress if progress is not None else (lambda line: bar.write(line, file=sys.stderr))
        staging: Path | None = None
        try:  # from the moment the staging folder exists, an interruption removes it
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))  # one per run: runs never share one
            params = dict(parameters or {})
            facts = _prepare(params, default_jobs() if jobs is None else jobs, say)
            shown = {**params, "OUTPUT": str(out)}
            params["OUTPUT"] = str(staging)
            timings = _read_timings(out)
            results = _run_all(
                paths,
                default_jobs() if jobs is None else jobs,
                say,
                bar.update,
                timings=timings,
                params=params,
                shown=shown,
                staging=staging,
                with_code=with_code,
                timeout=timeout,
            )
            entries = [(page, title, methods_href, question) for page, title, methods_href, _, question in results]
            (staging / "index.html").write_text(index_html(entries, shown, facts), encoding="utf-8")
            took = {path.stem: round(result[3], 1) for path, result in zip(paths, results, strict=True)}
            seconds = {**timings, **took}
            (staging / TIMINGS).write_text(json.dumps(seconds, indent=1, sort_keys=True), encoding="utf-8")
            figures = (
                sorted(p.relative_to(staging) for p in (staging / "figures").glob("*"))
                if (staging / "figures").is_dir()
                else []
            )
            _publish(staging, out)
        finally:
            bar.close()
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
    return ReportResult(
        index=out / "index.html",
        reports=tuple(out / result[0] for result in results),
        methods=tuple(out / result[2] for result in results if result[2]),
        figures=tuple(out / p for p in figures),
        seconds=time.perf_counter() - started,
    )
