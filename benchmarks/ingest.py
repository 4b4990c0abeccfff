"""Benchmark: ``framing ingest`` of 1,000 saved pages, in a process pool and in one process.

Run with ``.venv/bin/python benchmarks/ingest.py`` (``--pages N``, ``--jobs N``).

The pages are generated, seeded, and carry what real news pages carry around an article:
navigation, a cookie banner, advertising, a byline, share buttons, related links, a comment
section, a footer, JSON-LD and OpenGraph metadata; three layouts, 4-12 paragraphs of 25-60
words each, about 13 KB a page. Each is ingested end to end: read, decoded, extracted with
trafilatura (metadata and date included), language identified, id made, Markdown written
atomically.

Measured in the same run, on the same pages, into two fresh corpora:

* ``pool``: :func:`analysis.ingest.ingest` with ``jobs`` extraction processes (default: every core);
* ``single process``: the same with ``jobs=1`` (the baseline).

The script checks that both runs added every page, that the two corpora are identical, and that
no body holds any of the clutter; it exits non-zero when the pool run takes longer than
``TARGET_SECONDS`` for 1,000 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from analysis.ingest import ingest

TARGET_SECONDS = 60.0

_VOCABULARY = (
    "the ministers met in capital on day and discussed treaty trade energy transport banking culture "
    "cooperation partnership agreement parliament ratified signed officials said would will years new "
    "relations between two countries talks were useful frank both sides agreed continue projects "
    "corridor gas oil power plant security defence sanctions economy region stability visit delegation "
    "president spokesman ministry statement press conference reporters question answer week month "
    "spring autumn next first second important step towards framework long term joint commission"
)
_WORDS = _VOCABULARY.split()
_OUTLETS = ["The Sample Courier", "Example Wire", "Testland Times", "Port Sample Post", "Daily Placeholder"]
_CLUTTER = [
    "Subscribe to our newsletter",
    "We use cookies to improve your experience",
    "Buy discount flights now",
    "Great article, thanks for sharing",
    "Most read this week",
    "All rights reserved",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def make_page(n: int, rng: random.Random) -> str:
    """One generated news page (own text, no third-party content)."""
    outlet = rng.choice(_OUTLETS)
    day = 1 + n % 28
    date = f"2025-{1 + n % 12:02d}-{day:02d}"
    title = f"Story {n}: " + " ".join(rng.choice(_WORDS) for _ in range(6)).capitalize()
    url = f"https://{outlet.lower().replace(' ', '')}.example/news/{date}/story-{n}"
    body = "\n".join(f"<p>{_paragraph(rng)}</p>" for _ in range(rng.randint(4, 12)))
    related = "".join(f'<li><a href="/r/{n}-{i}">Most read this week: {_sentence(rng)}</a></li>' for i in range(40))
    comments = "".join(
        f'<div class="comment"><p class="author">reader{i}</p>'
        f"<p>Great article, thanks for sharing. {_sentence(rng)}</p></div>"
        for i in range(rng.randint(4, 16))
    )
    nav = "".join(f'<li><a href="/{w}">{w.capitalize()}</a></li>' for w in rng.sample(_WORDS, 30))
    meta = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"{date}T09:00:00+00:00",
            "author": {"@type": "Person", "name": f"Reporter {n % 37}"},
            "publisher": {"@type": "Organization", "name": outlet},
        }
    )
    layout = n % 3
    article = (
        f'<article><h1>{title}</h1><p class="byline">By Reporter {n % 37}</p><div class="body">{body}</div></article>'
        if layout == 0
        else f'<div id="main" class="story"><h1 class="title">{title}</h1><div class="text">{body}</div></div>'
        if layout == 1
        else f'<main><div class="post"><header><h1>{title}</h1></header>'
        f'<section class="content">{body}</section></div></main>'
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title><link rel="canonical" href="{url}">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{outlet}">
<script type="application/ld+json">{meta}</script><script>var ads = "Buy discount flights now";</script></head>
<body><div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<nav><ul>{nav}<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<div class="ad">Buy discount flights now</div>{article}
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div>
<aside class="related"><h2>Most read this week</h2><ul>{related}</ul></aside>
<section class="comments"><h2>Comments</h2>{comments}</section>
<footer><p>{outlet}. All rights reserved.</p></footer></body></html>"""


def generate(folder: Path, pages: int, seed: int = 2025) -> int:
    """Write ``pages`` generated pages into ``folder``; return their total size in bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for n in range(pages):
        html = make_page(n, rng)
        (folder / f"page-{n:05d}.html").write_text(html, encoding="utf-8")
        size += len(html.encode("utf-8"))
    return size


def timed_run(pages: Path, corpus: Path, jobs: int) -> tuple[float, int, dict[str, str]]:
    started = time.perf_counter()
    report = ingest([pages], corpus, jobs=jobs)
    seconds = time.perf_counter() - started
    texts = {p.name: p.read_text(encoding="utf-8") for p in (corpus / "documents").iterdir()}
    return seconds, report.count("added"), texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        size = generate(root / "pages", args.pages)
        print(f"{args.pages} generated pages, {size / 1e6:.1f} MB ({size / args.pages / 1e3:.0f} KB a page)")
        pool_s, pool_added, pool_docs = timed_run(root / "pages", root / "pool", args.jobs)
        single_s, single_added, single_docs = timed_run(root / "pages", root / "single", 1)
    assert pool_added == single_added == args.pages, (pool_added, single_added)
    assert pool_docs == single_docs, "the two runs wrote different corpora"
    leaks = [c for c in _CLUTTER for text in pool_docs.values() if c in text.split("---", 2)[2]]
    assert not leaks, f"clutter in bodies: {sorted(set(leaks))}"
    print(f"{'run':<16} {'jobs':>4} {'seconds':>8} {'pages/s':>8}")
    print(f"{'pool':<16} {args.jobs:>4} {pool_s:>8.1f} {args.pages / pool_s:>8.1f}")
    print(f"{'single process':<16} {1:>4} {single_s:>8.1f} {args.pages / single_s:>8.1f}")
    print(f"pool / single process: {pool_s / single_s:.2f}x the time ({single_s / pool_s:.2f}x faster)")
    per_1000 = pool_s * 1000 / args.pages
    print(f"1,000 pages with {args.jobs} processes: {per_1000:.1f} s (target < {TARGET_SECONDS:.0f} s)")
    print("all pages added, both corpora identical, no clutter in any body")
    return 0 if per_1000 < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
