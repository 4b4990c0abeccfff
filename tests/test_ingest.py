"""`framing ingest` on web pages: extraction without clutter, metadata, and polite, resumable fetching.

A local HTTP server (a thread on 127.0.0.1, port 0) serves pages written for these tests: an
article wrapped in navigation, advertising, a cookie banner, comments and related links, with
JSON-LD and OpenGraph metadata; pages in windows-1251 and iso-8859-1; a 404; a slow answer; a
redirect; a flaky server; a PDF; a path robots.txt disallows; and a very large page. No test
reaches the network.
"""

from __future__ import annotations

import http.server
import itertools
import threading
import time
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.corpus.documents import load_corpus, read_document, validate_corpus
from analysis.ingest import Fetcher, extract_html, ingest
from analysis.ingest.fetch import FetchError

ARTICLE_PARAGRAPHS = [
    "The foreign ministers of Testland and Examplia met in Port Sample on Tuesday and agreed to put the new "
    "partnership treaty into force before the end of the year, officials of both ministries said.",
    "\u201cThe talks were frank, useful and long overdue,\u201d the Testland minister told reporters after the "
    "meeting, adding that trade and energy would come first.",
    "According to the Examplian ministry, the treaty covers transport corridors, banking links and cultural "
    "exchanges, and it will remain in force for twenty years.",
    "Both delegations said they would meet again in the spring to review how the first projects are going.",
]

CLUTTER = [
    "Subscribe to our newsletter",
    "We use cookies to improve your experience",
    "Buy discount flights to Sampleville",
    "Great article, totally agree",
    "Weather: heavy snow expected",
    "Copyright 2025 The Sample Courier",
    "Most read this week",
]


def article_page(*, url: str = "https://courier.example/world/2025/03/04/ministers-agree-treaty") -> str:
    """The main test article, wrapped in everything a news site puts around it."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree to speed up treaty | The Sample Courier</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="Ministers agree to speed up treaty">
<meta property="og:site_name" content="The Sample Courier">
<meta property="og:url" content="{url}">
<meta property="og:type" content="article">
<meta name="description" content="Two ministers met and talked about a treaty.">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ministers agree to speed up treaty",
 "datePublished": "2025-03-04T09:30:00+03:00", "dateModified": "2025-03-05T11:00:00+03:00",
 "author": {{"@type": "Person", "name": "Dana Placeholder"}},
 "publisher": {{"@type": "Organization", "name": "The Sample Courier"}}}}
</script>
<script>window.ads = ["Buy discount flights to Sampleville"];</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By browsing you
accept all cookies. <button>Accept all cookies</button></p></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/newsletter">Subscribe to our newsletter</a></li></ul></nav></header>
<aside class="ad banner-ad"><a href="/ads/1">Buy discount flights to Sampleville</a></aside>
<main><article class="article">
<h1 class="headline">Ministers agree to speed up treaty</h1>
<p class="byline">By <span class="author">Dana Placeholder</span>, 4 March 2025</p>
<div class="article-body">
{paragraphs}
</div>
<div class="share"><a href="#">Share on social media</a></div>
</article>
<section class="related"><h2>Most read this week</h2><ul>
<li><a href="/weather/snow">Weather: heavy snow expected</a></li>
<li><a href="/sport/final">Local team wins the final after extra time</a></li>
</ul></section>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p class="comment-author">reader42</p><p>Great article, totally agree with every word.</p></div>
<div class="comment"><p class="comment-author">sceptic</p><p>I doubt any of this will happen soon.</p></div>
</section></main>
<footer><p>Copyright 2025 The Sample Courier. All rights reserved.</p></footer>
</body></html>"""


RUSSIAN_PARAGRAPHS = [
    "Министры иностранных дел двух стран встретились во вторник и договорились ускорить вступление договора в силу.",
    "По словам министра, переговоры были откровенными и полезными, а следующая встреча пройдет весной.",
]


def russian_page() -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in RUSSIAN_PARAGRAPHS)
    html = (
        "<html><head><title>Министры договорились ускорить договор</title>"
        '<meta property="og:site_name" content="Пример Вестник">'
        '<meta property="article:published_time" content="2025-03-05T10:00:00+03:00">'
        f"</head><body><nav><a href='/'>Главная</a></nav><article>{paragraphs}</article></body></html>"
    )
    return html.encode("cp1251")  # the charset is declared in the HTTP header only


LATIN1_TEXT = (
    "The caf\u00e9 owners of Port Sample welcomed the d\u00e9tente between the two ministries on Wednesday, "
    "saying that na\u00efve hopes had finally met reality and that trade would grow."
)


def latin1_page() -> bytes:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Caf\u00e9 owners welcome d\u00e9tente</title>"
        '<meta name="date" content="2025-03-06"></head>'
        f"<body><article><p>{LATIN1_TEXT}</p><p>{LATIN1_TEXT.replace('Wednesday', 'Thursday')}</p>"
        "</article></body></html>"
    )
    return html.encode("iso-8859-1")


def large_page(n_links: int = 40_000) -> bytes:
    """A page of about 3 MB: the article, then an enormous list of related links."""
    links = "".join(
        f'<li><a href="/archive/{i}">Archive story number {i} about nothing</a></li>' for i in range(n_links)
    )
    page = article_page(url="https://courier.example/world/big")
    return page.replace("</main>", f'<section class="archive"><ul>{links}</ul></section></main>').encode("utf-8")


ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Site:
    """The pages the test server answers, and a log of the requests it received."""

    def __init__(self) -> None:
        self.requests: list[tuple[float, str, str]] = []  # (time, path, user agent)
        self.flaky_left = 1
        self.base = ""

    def hits(self, path: str) -> int:
        return sum(1 for _, p, _ in self.requests if p == path)

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes, float]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, ROBOTS.encode(), 0
        if path == "/world/talks":
            url = f"{self.base}/world/talks"
            return 200, html, article_page(url=url).encode("utf-8"), 0
        if path == "/world/talks-again":
            url = f"{self.base}/world/talks-again"
            page = article_page(url=url).replace("Tuesday", "Wednesday").replace("speed up treaty", "meet again")
            return 200, html, page.encode("utf-8"), 0
        if path == "/old/talks":
            return 301, {"Location": "/world/talks"}, b"", 0
        if path == "/ru/news":
            return 200, {"Content-Type": "text/html; charset=windows-1251"}, russian_page(), 0
        if path == "/fr/cafe":
            return 200, {"Content-Type": "text/html"}, latin1_page(), 0
        if path == "/slow":
            return 200, html, article_page().encode("utf-8"), 1.5
        if path == "/flaky":
            if self.flaky_left > 0:
                self.flaky_left -= 1
                return 503, html, b"<html><body>Busy</body></html>", 0
            return 200, html, article_page(url=f"{self.base}/flaky").encode("utf-8"), 0
        if path == "/private/secret":
            return 200, html, article_page().encode("utf-8"), 0
        if path == "/report.pdf":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 not a page", 0
        if path == "/big":
            return 200, html, large_page(), 0
        return 404, html, b"<html><body><h1>Not found</h1></body></html>", 0


@pytest.fixture
def site():
    """A local HTTP server on 127.0.0.1 (port chosen by the system), stopped after the test."""
    state = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
            status, headers, body, delay = state.answer(self.path)
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def quick_fetcher(corpus: Path, **options) -> Fetcher:
    settings = {"timeout": 0.5, "retries": 0, "backoff": 0.0, "delay": 0.0, **options}
    return Fetcher(corpus / ".cache" / "html", **settings)


def url_list(tmp_path: Path, site: Site, *paths: str) -> Path:
    path = tmp_path / "urls.txt"
    path.write_text("# pages for the test\n" + "\n".join(f"{site.base}{p}" for p in paths) + "\n", encoding="utf-8")
    return path


# -- extraction ----------------------------------------------------------------------------


def test_body_holds_the_article_paragraph_by_paragraph_and_none_of_the_clutter():
    record = extract_html(article_page())
    assert record.text == "\n\n".join(ARTICLE_PARAGRAPHS)
    for clutter in CLUTTER:
        assert clutter not in record.text
    assert "reader42" not in record.text and "I doubt any of this" not in record.text


def test_metadata_comes_from_json_ld_and_opengraph():
    record = extract_html(article_page())
    assert record.title == "Ministers agree to speed up treaty"  # no " | The Sample Courier"
    assert record.outlet == "The Sample Courier"
    assert record.date.isoformat() == "2025-03-04"  # published, not modified
    assert record.byline == "Dana Placeholder"
    assert record.url == "https://courier.example/world/2025/03/04/ministers-agree-treaty"
    assert record.language == "en"


def test_a_page_without_article_text_fails_with_a_reason():
    from analysis.ingest import ExtractionError

    with pytest.raises(ExtractionError, match="no article text"):
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_non_utf8_pages_are_decoded_by_their_declared_charset():
    russian = extract_html(russian_page(), encoding="windows-1251", url="https://vestnik.example/ru/news")
    assert russian.text == "\n\n".join(RUSSIAN_PARAGRAPHS)
    assert russian.language == "ru"
    latin = extract_html(latin1_page(), url="https://cafe.example/fr/cafe")  # declared in <meta> only
    assert LATIN1_TEXT in latin.text
    assert latin.title == "Caf\u00e9 owners welcome d\u00e9tente"


def test_a_very_large_page_is_extracted_without_its_link_lists():
    started = time.perf_counter()
    record = extract_html(large_page())
    assert record.text == "\n\n".join(ARTICLE_PARAGRAPHS)
    assert "Archive story" not in record.text
    assert time.perf_counter() - started < 20


# -- fetching --------------------------------------------------------------------------------


def test_url_list_end_to_end_with_clear_reasons_for_every_failure(tmp_path, site):
    paths = ["/world/talks", "/ru/news", "/fr/cafe", "/missing", "/slow", "/private/secret", "/report.pdf"]
    corpus = tmp_path / "corpus"
    report = ingest([url_list(tmp_path, site, *paths)], corpus, fetcher=quick_fetcher(corpus), jobs=1)
    by_source = {o.source.removeprefix(site.base): o for o in report.outcomes}
    assert [by_source[p].status for p in paths[:3]] == ["added", "added", "added"]
    assert by_source["/missing"].reason == "HTTP 404 Not Found"
    assert by_source["/slow"].reason.startswith("timed out after 0.5 s")
    assert by_source["/private/secret"].reason == "disallowed by robots.txt"
    assert by_source["/report.pdf"].reason == "not an HTML page (content type application/pdf)"
    assert site.hits("/private/secret") == 0  # robots.txt was read first
    assert report.summary().startswith("added 3, updated 0, skipped 0, failed 4")
    assert [o.language for o in report.not_english] == ["ru"]
    assert validate_corpus(corpus) == []
    docs = load_corpus(corpus).set_index("url")
    talks = docs.loc[f"{site.base}/world/talks"]
    assert talks["title"] == "Ministers agree to speed up treaty" and talks["outlet"] == "The Sample Courier"
    assert talks["text"] == "\n\n".join(ARTICLE_PARAGRAPHS)
    assert {ua for _, _, ua in site.requests} == {Fetcher(tmp_path).user_agent}
    assert all(ua.startswith("framing-analysis/") for _, _, ua in site.requests)


def test_a_redirect_is_followed_and_the_final_address_kept(tmp_path, site):
    corpus = tmp_path / "corpus"
    report = ingest([url_list(tmp_path, site, "/old/talks")], corpus, fetcher=quick_fetcher(corpus))
    assert report.outcomes[0].status == "added"
    assert read_document(report.outcomes[0].path).url == f"{site.base}/world/talks"


def test_a_second_run_skips_what_is_done_without_asking_the_server(tmp_path, site):
    corpus = tmp_path / "corpus"
    urls = url_list(tmp_path, site, "/world/talks", "/ru/news")
    first = ingest([urls], corpus, fetcher=quick_fetcher(corpus))
    files = {p: p.read_bytes() for p in (corpus / "documents").iterdir()}
    asked = len(site.requests)
    second = ingest([urls], corpus, fetcher=quick_fetcher(corpus))
    assert first.summary() == "added 2, updated 0, skipped 0, failed 0; 1 document not in English"
    assert second.summary() == "added 0, updated 0, skipped 2 (2 already in the corpus), failed 0"
    assert len(site.requests) == asked
    assert {p: p.read_bytes() for p in (corpus / "documents").iterdir()} == files


def test_pages_are_cached_raw_so_an_interrupted_run_resumes_without_fetching_again(tmp_path, site):
    corpus = tmp_path / "corpus"
    urls = url_list(tmp_path, site, "/world/talks")
    report = ingest([urls], corpus, fetcher=quick_fetcher(corpus))
    cached = sorted(p.suffix for p in (corpus / ".cache" / "html").iterdir())
    assert cached == [".html", ".json"]
    assert (corpus / ".cache" / ".gitignore").read_text().endswith("*\n")
    report.outcomes[0].path.unlink()  # as if the run had stopped before writing
    asked = site.hits("/world/talks")
    again = ingest([urls], corpus, fetcher=quick_fetcher(corpus))
    assert again.outcomes[0].status == "added"
    assert site.hits("/world/talks") == asked


def test_server_errors_are_retried_with_backoff(tmp_path, site):
    corpus = tmp_path / "corpus"
    fetcher = quick_fetcher(corpus, retries=1, backoff=0.01)
    report = ingest([url_list(tmp_path, site, "/flaky")], corpus, fetcher=fetcher)
    assert report.outcomes[0].status == "added"
    assert site.hits("/flaky") == 2


def test_requests_to_one_host_are_spaced_by_the_rate_limit(tmp_path, site):
    corpus = tmp_path / "corpus"
    fetcher = quick_fetcher(corpus, delay=0.3)
    now = [100.0]  # a clock that moves only when the fetcher sleeps: the spacing is exact, whatever the load
    starts: list[float] = []
    fetcher.clock = lambda: now[0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    fetcher.sleep = sleep
    original = fetcher._wait_turn

    def recorded(host: str, delay: float) -> None:
        original(host, delay)
        starts.append(now[0])

    fetcher._wait_turn = recorded
    ingest([url_list(tmp_path, site, "/world/talks", "/fr/cafe", "/missing")], corpus, fetcher=fetcher)
    assert len([path for _, path, _ in site.requests if path != "/robots.txt"]) == 3
    page_starts = starts[-3:]
    assert [round(b - a, 6) for a, b in itertools.pairwise(page_starts)] == [0.3, 0.3]


def test_a_page_over_the_size_limit_is_refused_and_a_large_one_accepted(tmp_path, site):
    small = quick_fetcher(tmp_path / "a", max_bytes=1_000_000)
    with pytest.raises(FetchError, match="page larger than 1 MB"):
        small.fetch(f"{site.base}/big")
    corpus = tmp_path / "b"
    report = ingest([url_list(tmp_path, site, "/big")], corpus, fetcher=quick_fetcher(corpus, timeout=10))
    assert report.outcomes[0].status == "added"
    assert "Archive story" not in read_document(report.outcomes[0].path).text


def test_offline_every_url_gets_a_line_and_nothing_is_changed(tmp_path, capsys):
    # Closed ports on loopback addresses: connections are refused at once, as when offline.
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"http://127.0.0.{n}:9/news/{n}\n" for n in range(2, 8)), encoding="utf-8")
    corpus = tmp_path / "corpus"
    status = main(["ingest", str(urls), "--into", str(corpus), "--retries", "0", "--delay", "0", "--no-progress"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "framing ingest: added 0, updated 0, skipped 0, failed 6"
    failed = [line for line in err.splitlines() if line.startswith("framing ingest: failed: ")]
    assert len(failed) == 6
    assert all("cannot connect to 127.0.0." in line or "offline" in line for line in failed)
    assert "looks offline; nothing was changed" in err
    assert not corpus.exists()


# -- saved pages -----------------------------------------------------------------------------


def test_a_folder_of_saved_pages(tmp_path):
    pages = tmp_path / "saved"
    (pages / "2025").mkdir(parents=True)
    (pages / "2025" / "talks.html").write_text(article_page(), encoding="utf-8")
    saved = "<!-- saved from url=(0034)https://courier.example/fr/cafe -->\n"
    (pages / "cafe.htm").write_bytes(saved.encode() + latin1_page())
    (pages / "nourl.html").write_text(article_page().replace("courier.example", "").replace("canonical", "x"))
    (pages / ".hidden").mkdir()
    (pages / ".hidden" / "skip.html").write_text(article_page())
    report = ingest([pages], tmp_path / "corpus", jobs=1)
    lines = [o.line() for o in report.outcomes]
    assert report.count("added") == 2, lines
    assert report.outcomes[2].reason.startswith("no URL found"), lines
    cafe = read_document(report.outcomes[1].path)
    assert cafe.url == "https://courier.example/fr/cafe" and cafe.date.isoformat() == "2025-03-06"


def test_nothing_is_overwritten_without_update_and_update_rewrites(tmp_path):
    page = tmp_path / "talks.html"
    page.write_text(article_page(), encoding="utf-8")
    corpus = tmp_path / "corpus"
    first = ingest([page], corpus)
    path = first.outcomes[0].path
    before = path.read_bytes()
    again = ingest([page], corpus)
    assert again.outcomes[0].reason.startswith("already in the corpus as 2025-03-04-")
    assert again.outcomes[0].reason.endswith(", unchanged") and "--update" not in again.summary()
    page.write_text(article_page().replace("Tuesday", "Friday"), encoding="utf-8")
    changed = ingest([page], corpus)
    assert changed.outcomes[0].reason.startswith("changed since it was written as 2025-03-04-")
    assert changed.outcomes[0].reason.endswith("(--update rewrites it)")
    assert changed.summary() == (
        "added 0, updated 0, skipped 1 (1 changed since it was written), failed 0; --update rewrites the 1 that changed"
    )
    assert path.read_bytes() == before
    updated = ingest([page], corpus, update=True)
    assert updated.outcomes[0].status == "updated" and updated.outcomes[0].path == path
    assert "Friday" in read_document(path).text
    assert ingest([page], corpus, update=True).outcomes[0].reason.endswith(", unchanged")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary files left


def test_an_id_taken_by_another_document_gets_a_suffix_and_the_other_file_is_kept(tmp_path):
    page = tmp_path / "talks.html"
    page.write_text(article_page(), encoding="utf-8")
    corpus = tmp_path / "corpus"
    other = corpus / "documents" / "2025-03-04-the-sample-courier-ministers-agree-to-speed-up-treaty.md"
    other.parent.mkdir(parents=True)
    other.write_text("not even a document", encoding="utf-8")
    report = ingest([page], corpus)
    assert report.outcomes[0].doc_id == "2025-03-04-the-sample-courier-ministers-agree-to-speed-up-treaty-2"
    assert other.read_text(encoding="utf-8") == "not even a document"
