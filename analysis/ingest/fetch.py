"""Fetching pages politely and resumably: timeouts, retries, rate limit, robots.txt, a cache.

* **Timeouts** on connecting and on reading; **retries** with exponential backoff on connection
  errors, read timeouts and HTTP 429/500/502/503/504 (urllib3's ``Retry``, honouring
  ``Retry-After``);
* a **per-host rate limit**: at least ``delay`` seconds between two requests to one host (or the
  host's ``Crawl-delay`` when robots.txt asks for more);
* an identifying **User-Agent**, and **robots.txt** respected (a disallowed page is not fetched);
* pages larger than ``max_bytes`` are refused, and so is anything that is not HTML;
* every page fetched is kept, raw, in the **cache** folder (``CORPUS/.cache/html/``) with a JSON
  note of its address, final address and declared charset; a page found there is never fetched
  again, so an interrupted run resumes where it stopped.

When the first few hosts tried cannot be reached at all, the machine is taken to be offline and
the remaining pages fail at once instead of each waiting for its timeouts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..version import __version__

__all__ = ["DEFAULT_USER_AGENT", "FetchError", "FetchedPage", "Fetcher"]

DEFAULT_USER_AGENT = f"framing-analysis/{__version__} (research; source-comparison and framing analysis suite)"

#: Consecutive unreachable hosts, with nothing fetched yet, after which the machine is offline.
OFFLINE_AFTER = 3

_ERRNO = re.compile(r"\[Errno -?\d+\] ([^)'\"\]]+)")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain")


class FetchError(Exception):
    """A page could not be fetched; the message says why in a few words."""


@dataclass(frozen=True)
class FetchedPage:
    """Raw bytes of a page with its address after redirects and its declared charset."""

    url: str
    final_url: str
    content: bytes
    encoding: str | None
    from_cache: bool


def _cache_name(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


class Fetcher:
    """Fetch pages into a cache folder, politely. Thread-safe; hosts are served one at a time.

    Parameters
    ----------
    cache_dir
        Folder of the raw pages (created when the first page is stored).
    timeout
        Seconds to wait for a connection and then for each read.
    retries
        Further attempts after a failure (connection, read timeout, HTTP 429 and 5xx).
    backoff
        Backoff factor: waits of ``backoff * 2**(n - 1)`` seconds between attempts.
    delay
        Least number of seconds between two requests to the same host.
    user_agent
        The User-Agent header, also the agent robots.txt rules are read for.
    max_bytes
        Largest page accepted.
    """

    def __init__(
        self,
        cache_dir: str | Path,
        *,
        timeout: float = 20.0,
        retries: int = 2,
        backoff: float = 1.0,
        delay: float = 1.0,
        user_agent: str = DEFAULT_USER_AGENT,
        max_bytes: int = 10_000_000,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.timeout = timeout
        self.delay = delay
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self.session = requests.Session()
        self.session.headers.update(
            {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
        )
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._unreachable: set[str] = set()
        self._fetched = 0
        self._failed_hosts_in_a_row = 0
        # the clock of the rate limit (replaceable, so that its spacing can be tested exactly)
        self.clock = time.monotonic
        self.sleep = time.sleep

    # -- cache ---------------------------------------------------------------------------
    def cached(self, url: str) -> FetchedPage | None:
        """Return the cached page of ``url``, or None."""
        name = _cache_name(url)
        meta_path = self.cache_dir / f"{name}.json"
        body_path = self.cache_dir / f"{name}.html"
        if not (meta_path.is_file() and body_path.is_file()):
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            content = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        return FetchedPage(url, meta.get("final_url") or url, content, meta.get("encoding"), True)

    def cached_final_url(self, url: str) -> str | None:
        """Return the address ``url`` redirected to when it was fetched, if it is cached."""
        page = self.cached(url)
        return page.final_url if page is not None else None

    def _store(self, page: FetchedPage) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        ignore = self.cache_dir.parent / ".gitignore"
        if self.cache_dir.parent.name == ".cache" and not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text(
                    "# raw pages fetched by `framing ingest`; not for version control\n*\n", encoding="utf-8"
                )
        name = _cache_name(page.url)
        meta = {"url": page.url, "final_url": page.final_url, "encoding": page.encoding, "fetched_at": time.time()}
        for path, data in ((self.cache_dir / f"{name}.html", page.content),):
            _write_bytes(path, data)
        _write_bytes(self.cache_dir / f"{name}.json", json.dumps(meta, indent=1).encode("utf-8"))

    # -- politeness ----------------------------------------------------------------------
    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def _robots_for(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        if origin in self._robots:
            return self._robots[origin]
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            response = self.session.get(f"{origin}/robots.txt", timeout=self.timeout)
        except requests.RequestException:
            parser = None  # unknown: let the page request find out whether the host answers
        else:
            if response.status_code in (401, 403):
                parser.disallow_all = True  # type: ignore[union-attr]
            elif response.status_code >= 400:
                parser.allow_all = True  # type: ignore[union-attr]
            else:
                parser.parse(response.text.splitlines())  # type: ignore[union-attr]
        self._robots[origin] = parser
        return parser

    @property
    def offline(self) -> bool:
        """True when nothing could be fetched and the first hosts tried were all unreachable."""
        return self._fetched == 0 and self._failed_hosts_in_a_row >= OFFLINE_AFTER

    # -- fetching ------------------------------------------------------------------------
    def fetch(self, url: str) -> FetchedPage:
        """Return the page at ``url``, from the cache when it is there.

        Raises
        ------
        FetchError
            With a short reason: disallowed by robots.txt, timed out, cannot connect, HTTP status,
            too large, not HTML.
        """
        page = self.cached(url)
        if page is not None:
            return page
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) URL")
        host = parts.netloc.lower()
        if self.offline:
            raise FetchError(f"not fetched: no connection ({OFFLINE_AFTER} hosts in a row unreachable; offline?)")
        if host in self._unreachable:
            raise FetchError(f"not fetched: {parts.hostname} was unreachable earlier in this run")
        with self._host_lock(host):
            if self.offline or host in self._unreachable:
                raise FetchError(f"not fetched: {parts.hostname} was unreachable earlier in this run")
            origin = f"{parts.scheme}://{parts.netloc}"
            self._wait_turn(host, self.delay)
            robots = self._robots_for(origin)
            if robots is not None:
                if not robots.can_fetch(self.user_agent, url):
                    raise FetchError("disallowed by robots.txt")
                crawl_delay = robots.crawl_delay(self.user_agent)
                if crawl_delay:
                    self._wait_turn(host, max(self.delay, float(crawl_delay)))
            page = self._download(url, host)
        self._store(page)
        return page

    def _unreachable_host(self, host: str, reason: str) -> FetchError:
        with self._lock:
            self._unreachable.add(host)
            if self._fetched == 0:
                self._failed_hosts_in_a_row += 1
        return FetchError(reason)

    def _download(self, url: str, host: str) -> FetchedPage:
        name = urlsplit(url).hostname
        try:
            response = self.session.get(url, timeout=self.timeout, stream=True)
        except requests.exceptions.ConnectTimeout:
            raise self._unreachable_host(
                host, f"cannot connect to {name} (timed out after {self.timeout:g} s)"
            ) from None
        except (requests.exceptions.ReadTimeout, requests.exceptions.Timeout):
            raise FetchError(f"timed out after {self.timeout:g} s waiting for {name}") from None
        except requests.exceptions.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except requests.exceptions.RetryError as exc:
            raise FetchError(f"gave up after retries ({_short(exc)})") from None
        except requests.exceptions.ConnectionError as exc:
            if "Read timed out" in str(exc):
                raise FetchError(f"timed out after {self.timeout:g} s waiting for {name}") from None
            raise self._unreachable_host(host, f"cannot connect to {name} ({_short(exc)})") from None
        except requests.RequestException as exc:
            raise FetchError(_short(exc)) from None
        with response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".strip())
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type and not content_type.startswith(_HTML_TYPES):
                raise FetchError(f"not an HTML page (content type {content_type})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"page larger than {self.max_bytes / 1e6:g} MB")
            chunks, size = [], 0
            try:
                for chunk in response.iter_content(chunk_size=65536):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"page larger than {self.max_bytes / 1e6:g} MB")
                    chunks.append(chunk)
            except requests.RequestException as exc:
                if "timed out" in str(exc).lower():
                    raise FetchError(f"timed out after {self.timeout:g} s waiting for {name}") from None
                raise FetchError(f"connection broken while reading ({_short(exc)})") from None
            charset = response.encoding if "charset" in response.headers.get("Content-Type", "").lower() else None
            with self._lock:
                self._fetched += 1
                self._failed_hosts_in_a_row = 0
            return FetchedPage(url, response.url or url, b"".join(chunks), charset, False)


def _short(exc: BaseException) -> str:
    """The most specific part of a requests/urllib3 error message.

    Examples
    --------
    >>> _short(OSError("HTTPSConnection(host='x.org', port=443): Failed to resolve 'x.org' "
    ...                "([Errno -2] Name or service not known)"))
    'Name or service not known'
    """
    text = str(exc)
    errno = _ERRNO.search(text)
    if errno:
        return errno.group(1).strip()
    for marker in ("Caused by ", "Failed to establish a new connection: ", "NameResolutionError"):
        if marker in text:
            text = text.split(marker)[-1]
    text = text.strip(" ()'\"[]")
    return " ".join(text.split())[:160] or type(exc).__name__


def _write_bytes(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
