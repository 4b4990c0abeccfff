"""The notebook suite end to end: every notebook executed on the bundled corpus and on a
second, hostile corpus with other actors; the rendered HTML parsed and checked.

These tests are slow (each report starts one kernel per notebook); ``make test`` runs them.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.render.report import (
    TIMINGS,
    ReportError,
    _read_timings,
    build_report,
    default_notebooks,
    execution_order,
    notebook_weight,
)

from .conftest import CORPUS, ROOT, write_document

pytestmark = pytest.mark.slow

NOTEBOOKS = default_notebooks()
FIGURES = {
    "00_corpus_overview": ["00_corpus_sizes"],
    "01_who_speaks": ["01_speakers", "01_timeline"],
    "02_sentiment": ["02_sentiment"],
    "03_keywords": ["03_keyness", "03_term_scatter"],
    "04_frames": ["04_frames"],
    "05_framing_report": ["05_sentiment", "05_keyness", "05_frames"],
    "06_selective_quoting": [],  # the bundled corpus holds no primary text
}
HEADINGS = {
    "00_corpus_overview": "What is in the corpus?",
    "01_who_speaks": "Who speaks in the coverage?",
    "02_sentiment": "How positive is what each voice said?",
    "03_keywords": "Which words characterise each voice?",
    "04_frames": "Which frames does each voice use?",
    "05_framing_report": "How do the two voices frame the event?",
    "06_selective_quoting": "The same words in many outlets: what did each outlet choose to quote?",
}


class Page(HTMLParser):
    """Collects what the checks need from a rendered page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self.feed(html)
        self.text = "".join(self.text_parts)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in {"h1", "h2", "h3"}:
            self._heading = []

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3"} and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def of(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _checks_common(page: Page, html: str) -> None:
    assert page.of("script") == [], "a report must not contain scripts"
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute on <{tag}>"
            if name in {"href", "src"} and value:
                assert not value.strip().lower().startswith(("javascript:", "http://", "https://")), (tag, value)
    for image in page.of("img"):
        assert (image.get("src") or "").startswith("data:image/png;base64,")
    assert "Traceback" not in page.text
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, "error or warning output"
    assert "Content-Security-Policy" in html


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundled") / "reports"
    parameters = {"CORPUS": str(CORPUS), "ACTOR_A": "iran_mfa", "ACTOR_B": "russia_mfa", "SEED": 2025}
    build_report(out=out, parameters=parameters, with_code=True, progress=lambda _: None)
    return out


@pytest.mark.parametrize("notebook", [p.stem for p in NOTEBOOKS])
def test_every_notebook_renders_on_the_bundled_corpus(bundled, notebook):
    html = (bundled / f"{notebook}.html").read_text(encoding="utf-8")
    page = Page(html)
    _checks_common(page, html)
    assert HEADINGS[notebook] in page.headings
    assert len(page.of("img")) == len(FIGURES[notebook])
    for figure in FIGURES[notebook]:
        for suffix in (".png", ".svg"):
            assert (bundled / "figures" / f"{figure}{suffix}").stat().st_size > 1000
    if notebook != "00_corpus_overview":
        assert "Iranian Foreign Ministry" in page.text and "Russian Foreign Ministry" in page.text
    # The reader's version has no code; the methods version has it.
    assert "import analysis as fa" not in page.text
    assert not [a for _, a in page.tags if "jp-InputArea-editor" in (a.get("class") or "")]
    methods = (bundled / "methods" / f"{notebook}.html").read_text(encoding="utf-8")
    assert "import analysis as fa" in Page(methods).text


def test_the_bundled_report_leads_with_its_findings_then_the_caveats_then_the_evidence(bundled):
    html = (bundled / "05_framing_report.html").read_text(encoding="utf-8")
    text = Page(html).text
    findings = text.index("Mean tone")
    assert findings < text.index("What these numbers cannot tell") < text.index("strategic choice")
    assert "A: Iranian Foreign Ministry" in text and "B: Russian Foreign Ministry" in text
    assert re.search(r"[+-]\d\.\d\d \(8 sentences; no interval\)", text)  # the tone, and why none (a note)
    assert "fewer than about 1,000" in text  # small-sample caveat
    assert "Voice A is" not in text and "statement(s)" not in text  # no paragraph of counts
    for page in ("02_sentiment", "03_keywords", "04_frames"):  # the others open with the voices' box
        other = Page((bundled / f"{page}.html").read_text(encoding="utf-8")).text
        assert "8 statements (8 distinct) in 1 document from 1 outlet" in other and "Voice A is" not in other
    who = Page((bundled / "01_who_speaks.html").read_text(encoding="utf-8")).text
    assert "pezeshkian+putin" in who  # "Both leaders" resolved to the group


def test_index_links_every_report_and_its_methods_version(bundled):
    page = Page((bundled / "index.html").read_text(encoding="utf-8"))
    links = {a.get("href") for a in page.of("a")}
    for path in NOTEBOOKS:
        assert f"{path.stem}.html" in links
        assert f"methods/{path.stem}.html" in links
    assert "A: Iranian Foreign Ministry" in page.text and "B: Russian Foreign Ministry" in page.text
    assert "1 document from 1 outlet (Al-Ahed News), dated 2025-10-03" in page.text
    assert "Are the statements of voice A more or less positive" in page.text  # each report's question
    for raw in ("ACTOR_A", "ACTOR_B", "SEED", "OUTPUT"):
        assert raw not in page.text


def test_nothing_but_the_reports_lands_in_the_output_folder(bundled):
    assert not (bundled / ".report.lock").exists()
    assert not list(bundled.glob(".staging-*"))


def _landed_patterns() -> list[str]:
    """The files the README's "What lands in reports/" table names (globs, relative to the folder)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What lands in `reports/`", 1)[1].split("\n## ", 1)[0]
    patterns = []
    for line in section.splitlines():
        if line.startswith("| `"):
            patterns += re.findall(r"`([^`]+)`", line.split("|")[1])
    return patterns


def test_the_readme_says_what_lands_in_reports(bundled):
    patterns = _landed_patterns()
    landed = [str(p.relative_to(bundled)) for p in bundled.rglob("*") if p.is_file()]
    for name in landed:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), f"{name} is not in the README"
    for pattern in patterns:
        assert any(fnmatch.fnmatch(name, pattern) for name in landed), f"the README names {pattern}; nothing landed"


# --- a second corpus: other actors, hostile text --------------------------------------------

HOSTILE_ACTORS = """
sides:
  north: {name: Northland, aliases: [Northcity]}
  south: {name: Southland, aliases: [Southcity]}
  other: {name: Other}
actors:
  - id: north_office
    name: Northland Foreign Office
    kind: organisation
    side: north
    aliases: [Northland's Foreign Office, Northland Foreign Office]
    descriptions: [the office, the ministry]
  - id: south_office
    name: Southland Foreign Office
    kind: organisation
    side: south
    aliases: [Southland's Foreign Office, Southland Foreign Office]
    descriptions: [the office, the ministry]
  - id: vale
    name: Ana Vale
    kind: person
    side: north
    gender: female
    aliases: [Ana Vale, Vale]
"""

HOSTILE_BODY = """\
Northland's Foreign Office said that the agreement is a great success <script>alert("body")</script> for both peoples.

“We welcome {{ 7*7 }} and {% raw %} ties,” the Northland Foreign Office said. <img src=x onerror=alert(1)>

The Southland Foreign Office warned that sanctions and threats will not work [click](javascript:alert(2)).

According to the Southland Foreign Office, the talks were **difficult** but useful for trade and energy.

# Not a heading

Ana Vale said the deal would boost trade, and she praised <a href="javascript:alert(3)">the partnership</a>.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    write_document(
        corpus / "documents", "a.md", HOSTILE_BODY,
        id="hostile-1", title='"<script>alert(\'title\')</script> Talks {{ title }}"', outlet='"Wire <b>X</b>"',
    )  # fmt: skip
    write_document(
        corpus / "documents", "b.md",
        "The Southland Foreign Office stated that it rejects the plan. The office added that talks continue.\n\n"
        "Northland's Foreign Office said it regrets the decision.",
        id="hostile-2", date="2025-10-04",
    )  # fmt: skip
    (corpus / "actors.yml").write_text(textwrap.dedent(HOSTILE_ACTORS), encoding="utf-8")
    out = root / "reports"
    code = main(
        ["report", "--corpus", str(corpus), "--a", "north_office", "--b", "side:south", "--out", str(out),
         "--with-code", "--seed", "7"]
    )  # fmt: skip
    assert code == 0
    return out


@pytest.mark.parametrize("notebook", [p.stem for p in NOTEBOOKS])
def test_hostile_text_renders_as_inert_visible_text(hostile, notebook):
    for html_file in (hostile / f"{notebook}.html", hostile / "methods" / f"{notebook}.html"):
        html = html_file.read_text(encoding="utf-8")
        page = Page(html)
        _checks_common(page, html)
        assert "<script>alert" not in html
        assert 'alert("body")' not in html or "&lt;script&gt;alert(" in html
    text = Page((hostile / f"{notebook}.html").read_text(encoding="utf-8")).text
    if notebook == "01_who_speaks":
        assert '<script>alert("body")</script>' in text  # shown, as text
        assert "{{ 7*7 }}" in text and "{% raw %}" in text  # not evaluated
        assert "<img src=x onerror=alert(1)>" in text
        assert "[click](javascript:alert(2))" in text
        assert "**difficult**" in text
    if notebook == "00_corpus_overview":
        assert "<script>alert('title')</script> Talks {{ title }}" in text


def test_the_second_corpus_names_its_own_actors(hostile):
    text = Page((hostile / "05_framing_report.html").read_text(encoding="utf-8")).text
    assert "A: Northland Foreign Office" in text and "B: Southland (all actors)" in text  # the findings table
    assert "Northland Foreign Office" in text
    assert "Southland (all actors)" in text
    assert "Iranian Foreign Ministry" not in text


# --- failure, determinism ---------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, str]:
    """Every file of a report folder and its hash, but the record of how long notebooks took."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != TIMINGS
    }


def test_a_report_records_how_long_each_notebook_took_to_start_the_longest_first(bundled):
    timings = json.loads((bundled / TIMINGS).read_text(encoding="utf-8"))
    assert set(timings) == {p.stem for p in NOTEBOOKS}
    assert all(seconds > 0 for seconds in timings.values())
    order = execution_order(NOTEBOOKS, timings)
    assert sorted(order) == sorted(NOTEBOOKS)
    assert [timings[p.stem] for p in order] == sorted(timings.values(), reverse=True)
    # a notebook that has not run yet starts first; a broken or foreign record is ignored
    assert execution_order(NOTEBOOKS, {p.stem: 1.0 for p in NOTEBOOKS[1:]})[0] == NOTEBOOKS[0]


def test_before_any_run_the_notebooks_start_by_the_weight_they_declare(tmp_path):
    first = execution_order(NOTEBOOKS, {})
    weights = [notebook_weight(p) for p in first]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) > 1
    assert first[0].stem == "06_selective_quoting"  # the heaviest of the bundled notebooks
    plain = tmp_path / "00_plain.ipynb"
    plain.write_text('{"cells": [], "metadata": {"framing": {"weight": "heavy"}}}', encoding="utf-8")
    assert notebook_weight(plain) == 1.0 and notebook_weight(tmp_path / "missing.ipynb") == 1.0


@pytest.mark.parametrize("record", ["not json", "[1, 2]", '{"00_a": "slow", "01_b": true, "02_c": 3}'])
def test_a_broken_timings_record_is_ignored(tmp_path, record):
    (tmp_path / TIMINGS).write_text(record, encoding="utf-8")
    assert _read_timings(tmp_path) == ({"02_c": 3.0} if "02_c" in record else {})
    assert _read_timings(tmp_path / "missing") == {}


def test_a_failing_notebook_names_itself_and_keeps_the_earlier_reports(bundled, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(bundled, out)
    before = _tree(out)
    parameters = {"CORPUS": str(CORPUS), "ACTOR_A": "iran_mfa", "ACTOR_B": "lavrov", "SEED": 1}
    with pytest.raises(ReportError) as error:
        build_report(out=out, parameters=parameters, notebooks=NOTEBOOKS[:3], progress=lambda _: None)
    assert str(error.value).startswith("notebook 02_sentiment.ipynb failed: VoiceError: voice 'lavrov' has no text")
    assert _tree(out) == before


def test_two_runs_give_byte_identical_reports(tmp_path):
    chosen = [ROOT / "notebooks" / "02_sentiment.ipynb", ROOT / "notebooks" / "04_frames.ipynb"]
    parameters = {"CORPUS": str(CORPUS), "ACTOR_A": "side:iran", "ACTOR_B": "outlet", "SEED": 3}
    first, second = tmp_path / "one", tmp_path / "two"
    build_report(out=first, parameters=parameters, notebooks=chosen, with_code=True, progress=lambda _: None)
    build_report(out=second, parameters=parameters, notebooks=chosen, with_code=True, progress=lambda _: None)
    one, two = _tree(first), _tree(second)
    # The methods version names the output folder in its parameters cell; everything else is identical.
    assert {k: v for k, v in one.items() if not k.startswith("methods/") and k != "index.html"} == {
        k: v for k, v in two.items() if not k.startswith("methods/") and k != "index.html"
    }
    again = tmp_path / "one"
    build_report(out=again, parameters=parameters, notebooks=chosen, with_code=True, progress=lambda _: None)
    assert _tree(again) == one


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--a", "nobody"], "unknown actor id 'nobody'"),
        (["--b", "side:mars"], "unknown side 'mars'"),
        (["--a", "lavrov", "--b", "lavrov"], "two different voices"),
    ],
)
def test_bad_parameters_stop_before_any_kernel_starts(tmp_path, capsys, args, message):
    assert main(["report", "--out", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "out").exists()


def test_an_empty_corpus_stops_with_one_message(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    assert main(["report", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")]) == 2
    assert "no documents" in capsys.readouterr().err


# --- in a real browser ------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# What a page must never show a reader: a missing value as text.
_NAN_TEXT = r"\b(nan|NaN|NaT|<NA>)\b"
# Tables whose right edge passes the page (the page's width, less its scroll bar).
_WIDE_TABLES = """[...document.querySelectorAll('table')]
    .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length"""
# Links within the report folder whose target (a page, an element id) does not exist on this page.
_FINDINGS = """(() => {
    const table = document.querySelector('table.framing-findings');
    if (!table) return null;
    const links = [...table.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
    return {text: table.innerText, links: links, missing: links.filter(id => !document.getElementById(id))};
})()"""


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no Chromium executable on this machine")
def test_reports_display_in_headless_chromium_without_errors(bundled, tmp_path):
    """At 1280 px: no error, no broken image, no table wider than the page, no NaN, the findings table."""
    sync_api = pytest.importorskip("playwright.sync_api")
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync"]  # fmt: skip
    pages = [bundled / "index.html", *(bundled / f"{p.stem}.html" for p in NOTEBOOKS)]
    articles: set[str] = set()  # the anchors of the articles report 01 shows
    linked: set[str] = set()  # the anchors of 01 that evidence tables link to
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=flags)
        try:
            for path in pages:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                problems: list[str] = []
                page.on("console", lambda m, p=problems: p.append(m.text) if m.type in ("error", "warning") else None)
                page.on("pageerror", lambda e, p=problems: p.append(str(e)))
                page.on("requestfailed", lambda r, p=problems: p.append(f"request failed: {r.url}"))
                page.goto(path.as_uri(), wait_until="load")
                broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
                wide = page.evaluate(_WIDE_TABLES)
                nan = page.evaluate(f"document.body.innerText.match(/{_NAN_TEXT}/g)")
                findings = page.evaluate(_FINDINGS)
                linked |= set(page.evaluate(
                    "[...document.querySelectorAll('a[href^=\"01_who_speaks.html#\"]')].map(a => a.hash.slice(1))"
                ))  # fmt: skip
                if path.stem == "01_who_speaks":
                    articles = set(page.evaluate("[...document.querySelectorAll('h3[id^=\"doc-\"]')].map(h => h.id)"))
                shot = tmp_path / f"{path.stem}.png"
                page.screenshot(path=str(shot), full_page=True)
                page.close()
                assert problems == [], f"{path.name}: {problems}"
                assert broken == 0, f"{path.name}: {broken} broken image(s)"
                assert wide == 0, f"{path.name}: {wide} table(s) wider than the page at 1280 px"
                assert nan is None, f"{path.name}: {nan}"
                assert shot.stat().st_size > 10_000
                if path.stem == "05_framing_report":
                    assert findings is not None, "05 has no findings table"
                    assert (
                        "Iranian Foreign Ministry" in findings["text"]
                        and "Russian Foreign Ministry" in findings["text"]
                    )
                    assert len(findings["links"]) == 7 and findings["missing"] == [], findings
        finally:
            browser.close()
    assert linked and linked <= articles, f"evidence links to articles 01 does not show: {linked - articles}"
