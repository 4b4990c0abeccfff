"""One ingest run: sources → items → (fetch) → extraction in a process pool → documents.

Items are handled in the order the sources list them, so ids (and the ``-2`` suffixes of
colliding ids) are the same on every run. Extraction, the costly step, runs in a pool of
processes that read the pages from disk themselves; fetching runs in a few threads (one host is
never asked twice at once); what to write is decided in this process, in order, and the atomic
writes themselves run in a few threads.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..corpus.layout import Layout
from ..corpus.registry import ActorRegistry
from .exports import parse_mapping
from .fetch import Fetcher, FetchError
from .html import ExtractionError, extract_html
from .ids import make_doc_id, unique_id
from .record import Record, check_record, text_key, url_key
from .sources import PageItem, RecordItem, UrlItem, expand_sources
from .titles import TitleReader
from .writer import CorpusIndex, render_document, write_atomic

__all__ = ["Outcome", "IngestReport", "ingest", "CACHE_FOLDER"]

#: Where fetched pages are kept, inside the corpus folder.
CACHE_FOLDER = Path(".cache") / "html"

#: Documents waiting to be written before the run waits for the disk.
WRITE_QUEUE = 64

#: Why an item whose document changed since it was written is skipped (without --update).
CHANGED = "changed since it was written"

#: Fewer extraction tasks than this run in this process (a pool costs more than it saves).
POOL_THRESHOLD = 16


@dataclass(frozen=True)
class Outcome:
    """What became of one item: ``added``, ``updated``, ``skipped`` or ``failed``, and why."""

    source: str
    status: str
    reason: str = ""
    doc_id: str | None = None
    path: Path | None = None
    language: str | None = None

    def line(self) -> str:
        """The item as one line of the run's log.

        Examples
        --------
        >>> Outcome("https://x.org/a", "failed", "HTTP 404 Not Found").line()
        'failed: https://x.org/a: HTTP 404 Not Found'
        """
        detail = self.reason or (str(self.path) if self.path else "")
        return f"{self.status}: {self.source}" + (f": {detail}" if detail else "")


@dataclass
class IngestReport:
    """The outcomes of a run, in the order of the items, and their counts."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Number of items with this status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def written(self) -> int:
        """Documents added or updated."""
        return self.count("added") + self.count("updated")

    @property
    def not_english(self) -> list[Outcome]:
        """Written documents whose language is not English."""
        return [o for o in self.outcomes if o.status in ("added", "updated") and o.language not in (None, "en")]

    def summary(self) -> str:
        """One line: counts added, updated, skipped (by reason) and failed.

        Examples
        --------
        >>> report = IngestReport([Outcome("a", "added", language="ru"),
        ...                        Outcome("b", "skipped", "already in the corpus as x"),
        ...                        Outcome("c", "failed", "HTTP 404")])
        >>> report.summary()
        'added 1, updated 0, skipped 1 (1 already in the corpus), failed 1; 1 document not in English'
        """
        reasons = Counter(o.reason.split(" as ")[0].split(" (")[0] for o in self.outcomes if o.status == "skipped")
        skipped = self.count("skipped")
        detail = f" ({', '.join(f'{n} {r}' for r, n in reasons.most_common())})" if skipped else ""
        text = (
            f"added {self.count('added')}, updated {self.count('updated')}, "
            f"skipped {skipped}{detail}, failed {self.count('failed')}"
        )
        changed = sum(1 for o in self.outcomes if o.status == "skipped" and o.reason.startswith(CHANGED))
        if changed:
            text += f"; --update rewrites the {changed} that changed"
        foreign = len(self.not_english)
        if foreign:
            text += f"; {foreign} document{'s' if foreign != 1 else ''} not in English"
        return text


def _extract_task(task: tuple[Any, str | None, str | None, str]) -> Record | str:
    """Extract one page in a worker: ``(path or bytes, url, charset, source)`` → record or reason."""
    content, url, encoding, source = task
    try:
        raw = Path(content).read_bytes() if isinstance(content, (str, Path)) else content
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    try:
        return extract_html(raw, url=url, encoding=encoding, source=source)
    except ExtractionError as exc:
        return str(exc)


def _map(tasks: list[Any], jobs: int) -> Iterator[Record | str]:
    if jobs <= 1 or len(tasks) < POOL_THRESHOLD:
        yield from map(_extract_task, tasks)
        return
    chunksize = max(1, min(32, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_extract_task, tasks, chunksize=chunksize)


@dataclass(frozen=True)
class _Write:
    """A document to write (in a thread) and the outcome once it is written."""

    outcome: Outcome
    text: str
    overwrite: bool


class _Writer:
    """Decides what becomes of each record against what the corpus holds (one per run).

    Decisions (dedupe, ids) happen here, in order; the file writes they call for are handed
    back as :class:`_Write` so that the caller can run them in threads (``fsync`` waits on the
    disk, not on the processor).
    """

    def __init__(self, corpus: Path, *, update: bool, titles: TitleReader | None = None) -> None:
        self.index = CorpusIndex.scan(corpus)
        self.update = update
        self.titles = titles
        self.written: set[str] = set()  # documents this run adds (their files may still be being written)

    def known(self, url: str) -> tuple[str, Path] | None:
        return self.index.by_url.get(url_key(url))

    def plan(self, record: Record) -> Outcome | _Write:
        source = record.source
        if self.titles is not None:
            record = self.titles.fill(record)  # "Foreign Minister X's statement and answers ..."
        problem = check_record(record)
        if problem:
            return Outcome(source, "failed", problem)
        existing = self.known(record.url)
        if existing is not None:
            doc_id, path = existing
            if doc_id in self.written:
                return Outcome(source, "skipped", f"already in the corpus as {doc_id}", doc_id, path)
            text = render_document(record, doc_id)
            if _same_on_disk(path, text):
                return Outcome(source, "skipped", f"already in the corpus as {doc_id}, unchanged", doc_id, path)
            if not self.update:
                return Outcome(source, "skipped", f"{CHANGED} as {doc_id} (--update rewrites it)", doc_id, path)
            self.index.by_text.setdefault(text_key(record.text), doc_id)
            return _Write(Outcome(source, "updated", "", doc_id, path, record.language), text, True)
        same_text = self.index.by_text.get(text_key(record.text))
        if same_text is not None:
            return Outcome(source, "skipped", f"same text as {same_text}", same_text)
        folder = self.index.folder
        folder.mkdir(parents=True, exist_ok=True)
        doc_id = unique_id(make_doc_id(record.date, record.outlet, record.title), self.index)  # type: ignore[arg-type]
        path = folder / f"{doc_id}.md"
        self.index.add(doc_id, path, record.url, record.text)
        self.written.add(doc_id)
        return _Write(
            Outcome(source, "added", "", doc_id, path, record.language), render_document(record, doc_id), False
        )


def _same_on_disk(path: Path, text: str) -> bool:
    """True when the document at ``path`` holds exactly ``text`` (a file that cannot be read differs)."""
    try:
        return path.is_file() and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _written(write: _Write, future: Future[None]) -> Outcome:
    """The outcome of a write once its thread is done."""
    outcome = write.outcome
    try:
        future.result()
    except FileExistsError:
        return Outcome(outcome.source, "failed", f"{outcome.path} appeared during the run; it was left untouched")
    except OSError as exc:
        return Outcome(outcome.source, "failed", f"cannot write {outcome.path} ({exc.strerror or exc})")
    return outcome


def _apply_overrides(record: Record, overrides: dict[str, Any]) -> Record | str:
    date = overrides.get("date")
    if isinstance(date, str):
        return f"date {date!r} in the list is not understood"
    return record.with_overrides(**overrides)


def _fetch_urls(
    items: list[Any],
    fetcher: Fetcher,
    writer: _Writer,
    settle: Callable[[int, Outcome], None],
    *,
    update: bool,
    threads: int,
    progress: bool,
) -> dict[int, Any]:
    """Fetch the URL items neither in the corpus nor listed twice (the others settled with why); return the pages."""
    fetched: dict[int, Any] = {}
    urls = [(i, item) for i, item in enumerate(items) if isinstance(item, UrlItem)]
    seen: dict[str, str] = {}
    to_fetch: list[tuple[int, UrlItem]] = []
    for i, item in urls:
        key = url_key(item.url)
        final = fetcher.cached_final_url(item.url)
        known = writer.known(item.url) or (writer.known(final) if final else None)
        if key in seen:
            settle(i, Outcome(item.source, "skipped", f"listed twice (as {seen[key]})"))
        elif known is not None and not update:
            reason = f"already in the corpus as {known[0]} (not fetched again; --update fetches it again)"
            settle(i, Outcome(item.source, "skipped", reason, known[0], known[1]))
        else:
            to_fetch.append((i, item))
        seen.setdefault(key, item.url)

    def get(job: tuple[int, UrlItem]) -> tuple[int, Any]:
        i, item = job
        try:
            return i, fetcher.fetch(item.url)
        except FetchError as exc:
            return i, str(exc)

    disable = True if not progress or not to_fetch else None
    with (
        tqdm(total=len(to_fetch), desc="fetch", unit="page", disable=disable) as bar,
        ThreadPoolExecutor(max_workers=max(1, threads)) as pool,
    ):
        for i, result in pool.map(get, to_fetch):
            bar.update(1)
            if isinstance(result, str):
                settle(i, Outcome(items[i].source, "failed", result))
            else:
                fetched[i] = result
    return fetched


def ingest(
    sources: Iterable[str | Path],
    into: str | Path,
    *,
    mapping: dict[str, str] | str | list[str] | None = None,
    update: bool = False,
    jobs: int | None = None,
    fetcher: Fetcher | None = None,
    fetch_threads: int = 4,
    progress: bool = False,
    log: Callable[[Outcome], None] | None = None,
    actors: ActorRegistry | None = None,
    layout: Layout | None = None,
) -> IngestReport:
    """Bring saved pages, URL lists and exports into the corpus folder ``into``.

    Parameters
    ----------
    sources
        Files and folders (see :mod:`analysis.ingest.sources`).
    into
        The corpus folder; documents go to ``into/documents/`` (created when needed).
    mapping
        Export columns by field (``{"text": "body"}`` or ``"text=body,date=publish_date"``).
    update
        Rewrite a document already in the corpus (same URL) when its text or fields changed;
        without it such items are skipped and nothing is ever overwritten.
    jobs
        Processes for extraction (default: every core).
    fetcher
        The :class:`~analysis.ingest.fetch.Fetcher` for URLs (default: one caching pages in
        ``into/.cache/html/`` with its default politeness).
    fetch_threads
        Hosts fetched at the same time.
    progress
        Show a progress bar on stderr.
    log
        Called with each item's :class:`Outcome` as soon as it is known.
    actors, layout
        The registry and layout rules whose ``official_titles`` fill a record's ``genre`` and
        ``speaker`` from its title when it has neither (see :mod:`analysis.ingest.titles`;
        default: the package's).

    Returns
    -------
    IngestReport
        Every item's outcome, in order.

    Raises
    ------
    InputError
        When a SOURCE is missing or unreadable as a whole (one bad item never stops a run).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "export.csv").write_text(
    ...     "title,url,publish_date,media_name,text\\n"
    ...     'Talks end,https://example.org/a,2025-01-17,Test Wire,"Ministers met.\\nThey agreed."\\n')
    >>> report = ingest([folder / "export.csv"], folder / "corpus")
    >>> report.summary()
    'added 1, updated 0, skipped 0, failed 0'
    >>> report.outcomes[0].doc_id
    '2025-01-17-test-wire-talks-end'
    >>> ingest([folder / "export.csv"], folder / "corpus").summary()
    'added 0, updated 0, skipped 1 (1 already in the corpus), failed 0'
    """
    into = Path(into)
    if isinstance(mapping, (str, list)):
        mapping = parse_mapping(mapping)
    items = expand_sources(sources, mapping or {})
    writer = _Writer(into, update=update, titles=TitleReader(actors=actors, layout=layout))
    jobs = jobs or os.cpu_count() or 1
    outcomes: dict[int, Outcome] = {}

    def settle(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if log is not None:
            log(outcome)

    # 1. URLs: skip those already in the corpus or listed twice, fetch the rest.
    fetched: dict[int, Any] = {}
    if any(isinstance(item, UrlItem) for item in items):
        fetcher = fetcher or Fetcher(into / CACHE_FOLDER)
        fetched = _fetch_urls(items, fetcher, writer, settle, update=update, threads=fetch_threads, progress=progress)

    # 2. Extraction: saved pages and fetched pages, in a process pool.
    tasks: list[tuple[Any, str | None, str | None, str]] = []
    positions: list[int] = []
    for i, item in enumerate(items):
        if isinstance(item, PageItem):
            tasks.append((str(item.path), None, None, item.source))
            positions.append(i)
        elif i in fetched:
            page = fetched[i]
            tasks.append((page.content, page.final_url, page.encoding, item.source))
            positions.append(i)

    # 3. Writing: decisions in item order as extraction results come in, files in threads.
    results = _map(tasks, jobs)
    pending = iter(positions)
    next_task = next(pending, None)
    queue: deque[tuple[int, Outcome | _Write, Future[None] | None]] = deque()
    disable = True if not progress or len(items) < 2 else None
    with tqdm(total=len(items), desc="ingest", unit="doc", disable=disable) as bar, ThreadPoolExecutor(4) as io:

        def drain(wait: bool) -> None:
            while queue and (wait or queue[0][2] is None or queue[0][2].done()):
                i, planned, future = queue.popleft()
                settle(i, _written(planned, future) if isinstance(planned, _Write) and future else planned)  # type: ignore[arg-type]
                bar.update(1)

        for i, item in enumerate(items):
            if i in outcomes:
                bar.update(1)
                continue
            planned: Outcome | _Write
            if isinstance(item, RecordItem):
                planned = (
                    writer.plan(item.record) if item.record else Outcome(item.source, "failed", item.problem or "")
                )
            else:
                assert next_task == i
                result = next(results)
                next_task = next(pending, None)
                if isinstance(result, Record) and isinstance(item, UrlItem):
                    result = _apply_overrides(result, item.overrides)
                planned = Outcome(item.source, "failed", result) if isinstance(result, str) else writer.plan(result)
            if isinstance(planned, _Write):
                path = planned.outcome.path
                queue.append((i, planned, io.submit(write_atomic, path, planned.text, overwrite=planned.overwrite)))
            else:
                queue.append((i, planned, None))
            drain(wait=len(queue) > WRITE_QUEUE)
        drain(wait=True)
    return IngestReport([outcomes[i] for i in range(len(items))])
