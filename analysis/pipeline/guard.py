"""A time limit per document: a document that takes too long is reported by id, never a silent hang.

:func:`time_limit` raises :class:`DocumentTimeoutError` in the block it guards once the wall-clock
limit has passed. It uses ``SIGALRM`` (``setitimer``), so it works in the main thread of a
process -- the local engine's process and each of its worker processes. Where signals cannot
be used (another thread, Windows), the block runs unguarded and :data:`GUARDED` says so; the
Dask engine then bounds whole partitions instead (see :mod:`analysis.pipeline.engine`).

Examples
--------
>>> with time_limit(5, "doc-1"):
...     total = sum(range(1000))
>>> total
499500
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import AnalysisError

__all__ = ["DocumentTimeoutError", "guarded", "time_limit"]


class DocumentTimeoutError(AnalysisError):
    """A document took longer than the time limit of one document."""

    def __init__(self, doc_id: str, seconds: float) -> None:
        self.doc_id, self.seconds = doc_id, seconds
        super().__init__(f"document {doc_id!r} took more than {seconds:g} s (a pathological text?)")

    def __reduce__(self):  # crosses processes with its arguments
        return type(self), (self.doc_id, self.seconds)


def guarded() -> bool:
    """Whether :func:`time_limit` can interrupt a block here (the main thread, with ``setitimer``)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, doc_id: str = "") -> Iterator[None]:
    """Raise :class:`DocumentTimeoutError` in the block after ``seconds`` (None or 0: no limit).

    Examples
    --------
    >>> import time
    >>> try:
    ...     with time_limit(0.05, "slow"):
    ...         time.sleep(1)
    ... except DocumentTimeoutError as error:
    ...     print(error)
    document 'slow' took more than 0.05 s (a pathological text?)
    """
    if not seconds or not guarded():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeoutError(doc_id, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
