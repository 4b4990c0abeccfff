"""What a report shows: labelled tables, a dash and a note for missing values, evidence text first,
the findings table, the voices' box and the index page."""

from __future__ import annotations

import inspect
import re
from html.parser import HTMLParser

import nbformat
import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.compare import compare_voices, findings_table, voice_facts
from analysis.pipeline import analyse_corpus
from analysis.render import evidence_table, findings, table, voices_box
from analysis.render.index import index_html, notebook_question, study_facts
from analysis.render.tables import ARTICLES_PAGE, DASH, article_anchor, document_links
from analysis.resampling import DEFAULT_SEED, Resampling
from analysis.sentiment import validation_table

from .conftest import ROOT

NAN_TEXT = re.compile(r"\b(nan|NaN|NaT|<NA>|None)\b")


class Cells(HTMLParser):
    """The text of every header and cell of the tables of a page, and the links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.cells: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._where: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td"):
            self._where = self.headers if tag == "th" else self.cells
            self._where.append("")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self._where = None

    def handle_data(self, data):
        self.text.append(data)
        if self._where is not None:
            self._where[-1] += data


@pytest.fixture(scope="module")
def run():
    return analyse_corpus()


@pytest.fixture(scope="module")
def comparison(run):
    return compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=999)


DOCUMENTS = pd.DataFrame(  # report 01 highlights the first three
    {
        "doc_id": ["shown", "other", "third", "elsewhere", "hostile"],
        "title": ["Talks in Moscow", "Ties", "Trade", "A long title " * 10, "<script>alert(1)</script>"],
        "outlet": ["Test Wire", "Wire", "Wire", "Gulf Monitor", "Wire <b>X</b>"],
        "date": pd.to_datetime(["2025-10-02", "2025-10-02", "2025-10-02", "2025-10-03", None]),
        "url": ["https://wire.example/a", "", "", "https://monitor.example/b", "javascript:alert(2)"],
    }
)


# --- tables -----------------------------------------------------------------------------------


def test_a_table_keeps_the_labels_of_its_rows():
    cells = Cells(table(validation_table()).data)
    assert cells.headers[0] == "method"
    assert {"vader", "diplomatic"} <= set(cells.cells)


def test_a_missing_value_is_a_dash_with_a_note_and_never_nan():
    frame = pd.DataFrame(
        {"label": ["A", "B"], "mean": [0.5, np.nan], "low": [0.1, None], "when": [pd.Timestamp("2025-10-02"), pd.NaT]}
    )
    html = table(frame, missing="one sentence only: no interval").data
    assert NAN_TEXT.search(" ".join(Cells(html).text)) is None
    assert DASH in Cells(html).cells and "one sentence only: no interval" in html
    assert "its note says why" in table(frame.assign(note=["", "why"])).data  # the default reason: the note column
    assert "framing-missing" not in table(frame.dropna()).data  # no missing value, no note


def test_headers_wrap_and_long_words_may_break():
    html = table(pd.DataFrame({"share_positive": [0.5], "url": ["https://example.org/" + "x" * 60]})).data
    assert "<th>share positive</th>" in html
    assert 'class="framing-long"' in html


def test_an_empty_table_says_so_and_still_writes_its_csv(tmp_path):
    html = table(pd.DataFrame(columns=["a", "b"]), empty="Nothing here.", name="empty", folder=tmp_path).data
    assert "Nothing here." in html and "<table" not in html
    assert (tmp_path / "tables" / "empty.csv").read_text(encoding="utf-8").strip() == "a,b"


def test_evidence_tables_put_the_text_first_and_the_ids_in_the_csv(tmp_path):
    rows = pd.DataFrame(
        {
            "unit_id": ["shown:0-9", "elsewhere:4-20", "hostile:0-5"],
            "actor": ["lavrov", "araghchi", "vale"],
            "text": ["We agree.", "A new chapter.", "<img src=x onerror=alert(1)>"],
        }
    )
    html = evidence_table(rows, DOCUMENTS, name="evidence", folder=tmp_path).data
    cells = Cells(html)
    assert cells.headers == ["text", "actor", "document"]
    assert "shown:0-9" not in html  # ids are for programs: in the CSV
    assert cells.links[:2] == [f"{ARTICLES_PAGE}#{article_anchor('shown')}", "https://monitor.example/b"]
    assert not any(link.startswith("javascript:") for link in cells.links)  # a javascript: address is no link
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;" in html
    assert "Test Wire, 2025-10-02: Talks in Moscow" in cells.cells
    csv = pd.read_csv(tmp_path / "tables" / "evidence.csv")
    assert csv["unit_id"].tolist() == rows["unit_id"].tolist()


def test_document_links_name_outlet_date_and_a_short_title():
    links = document_links(DOCUMENTS)
    label, href = links["elsewhere"]
    assert label.startswith("Gulf Monitor, 2025-10-03: A long title") and len(label) < 100 and label.endswith("…")
    assert href == "https://monitor.example/b"
    assert links["hostile"] == ("Wire <b>X</b>, undated: <script>alert(1)</script>", None)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", article_anchor("a b<\"'&>")) is not None


# --- the findings table and the voices' box ----------------------------------------------------


def test_the_findings_table_has_one_row_per_measure_and_says_why_a_cell_is_empty(run, comparison):
    found = findings_table(comparison, actors=run.actors, targets=run.study.targets)
    assert found["measure"].tolist() == [
        "Statements", "Documents", "Outlets", "Mean tone", "Distinctive terms", "Most frequent frames",
        "Whom it criticises",
    ]  # fmt: skip
    assert found.attrs["labels"] == ["Iranian Foreign Ministry", "Russian Foreign Ministry"]
    rows = found.set_index("measure")
    assert re.fullmatch(r"[+-]\d\.\d\d \(8 sentences; no interval\)", rows.loc["Mean tone", "a"])
    assert "one document" in rows.loc["Mean tone", "note"]  # why there is no interval
    assert rows.loc["Distinctive terms", "a"].startswith("cooperation")
    for row in found.itertuples():
        for cell in (row.a, row.b, row.difference):
            assert cell is None or NAN_TEXT.search(cell) is None
            if cell is None:
                assert row.note, f"{row.measure}: an empty cell needs its note"
    assert set(found["section"]) == {
        "What each voice said", "Sentiment", "Distinctive terms", "Frames", "Who criticises whom",
    }  # fmt: skip


def test_the_findings_table_reports_intervals_differences_and_criticism_on_a_larger_corpus(make_corpus):
    iran = [  # each a statement of its own (copies of one sentence would count once)
        "Iran's Foreign Ministry said that the sanctions of the West are illegal and destructive.",
        "Iran's Foreign Ministry said the partnership with Russia is a great success for both peoples.",
        "Iran's Foreign Ministry said that trade in national currencies grew quickly this spring.",
        "Iran's Foreign Ministry said the West keeps threatening the region with its hostile pressure.",
        "Iran's Foreign Ministry said that the new rail corridor will help farmers and traders.",
        "Iran's Foreign Ministry said cultural exchanges between the universities are welcome.",
    ]
    russia = [
        "Russia's Foreign Ministry said the strategic treaty is a fine achievement of diplomacy.",
        "Russia's Foreign Ministry said that energy cooperation remains strong and reliable.",
        "Russia's Foreign Ministry said the joint commission met in a friendly atmosphere.",
        "Russia's Foreign Ministry said that visa rules for students will become simpler.",
        "Russia's Foreign Ministry said the two navies held a useful exercise in the Caspian.",
        "Russia's Foreign Ministry said that banks will link their payment systems next year.",
    ]
    documents = {
        f"d{i}.md": (f"{iran[i % 6]}\n\n{russia[(i + 1) % 6]}", {"id": f"doc-{i}", "outlet": f"Wire {i % 3}"})
        for i in range(6)
    }
    run = analyse_corpus(make_corpus(documents))
    comparison = compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=999)
    found = findings_table(comparison, actors=run.actors).set_index("measure")
    assert found.loc["Documents", "a"] == "6" and found.loc["Outlets", "b"] == "3"
    assert "95% interval" in found.loc["Mean tone", "a"]
    assert "permutation p" in found.loc["Mean tone", "difference"]
    assert "The West" in found.loc["Whom it criticises", "a"] and found.loc["Whom it criticises", "b"] is None
    assert "Statements" in found.index and "distinct" in found.loc["Statements", "a"]
    assert "corrected" not in found.loc["Most frequent frames", "a"]  # this corpus has no codes


def test_the_frames_row_gives_the_corrected_shares_where_the_corpus_has_codes(run, comparison):
    assert not comparison.corrected.empty  # the bundled corpus holds codes/*.csv
    row = findings_table(comparison, actors=run.actors).set_index("measure").loc["Most frequent frames"]
    for voice, cell in ((comparison.a, row["a"]), (comparison.b, row["b"])):
        corrected = comparison.corrected[comparison.corrected["voice"] == voice].set_index("frame")["corrected"]
        for label, share, fixed in re.findall(r"([^,]+?) (\d+)% \(corrected (\d+)%", cell):
            frame = comparison.frames.loc[comparison.frames["label"] == label.strip(), "frame"].iloc[0]
            assert int(fixed) == round(corrected[frame] * 100), (label, share, fixed)
        assert "(corrected " in cell
    assert "Rogan-Gladen" in row["note"]


def test_the_findings_html_links_each_measure_to_its_section_and_numbers_its_notes(run, comparison):
    html = findings(comparison, actors=run.actors).data
    cells = Cells(html)
    assert "A: Iranian Foreign Ministry" in cells.headers and "B: Russian Foreign Ministry" in cells.headers
    assert "#Mean-tone" not in cells.links and "#Sentiment" in cells.links and "#Who-criticises-whom" in cells.links
    assert NAN_TEXT.search(" ".join(cells.text)) is None
    assert re.search(rf"{DASH}<sup>\d+</sup>", html)  # a dash points to its note
    assert html.count("<li>") == len({n for n in findings_table(comparison, actors=run.actors)["note"] if n})


def test_the_voices_box_names_both_voices_and_their_sizes(comparison):
    facts = voice_facts(comparison)
    assert facts[["statements", "documents", "outlets"]].values.tolist() == [[8, 1, 1], [1, 1, 1]]
    html = voices_box(comparison).data
    # the labels are isolated (<bdi>): a Persian label runs right to left inside the English line
    assert "A: <bdi>Iranian Foreign Ministry</bdi>" in html and "B: <bdi>Russian Foreign Ministry</bdi>" in html
    assert "8 statements (8 distinct) in 1 document from 1 outlet" in html
    assert "1 statement (1 distinct) in 1 document from 1 outlet" in html
    assert "(s)" not in html


# --- the index page ----------------------------------------------------------------------------


def test_the_index_names_the_voices_the_corpus_and_each_reports_question(run, comparison):
    entries = [("05_framing_report.html", "How do the two voices frame the event?", None, "Side by side: what?")]
    parameters = {"CORPUS": "corpus", "ACTOR_A": "iran_mfa", "ACTOR_B": "russia_mfa", "SEED": 0, "OUTPUT": "out"}
    page = index_html(entries, parameters, study_facts(run, comparison))
    text = " ".join(" ".join(Cells(page).text).split())  # the labels are in <bdi>: text in pieces
    assert "A: Iranian Foreign Ministry" in text and "B: Russian Foreign Ministry" in text
    assert "1 document from 1 outlet (Al-Ahed News), dated 2025-10-03" in text
    assert "Side by side: what?" in text and "seed of every resampling" in text
    for raw in ("ACTOR_A", "ACTOR_B", "SEED", "OUTPUT", "CORPUS"):
        assert raw not in text
    bare = " ".join(Cells(index_html(entries, parameters)).text)  # no analysis: the parameters in words
    assert "voice A" in bare and "iran_mfa" in bare and "OUTPUT" not in bare


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("0*.ipynb")), ids=lambda p: p.stem)
def test_every_report_says_the_question_it_answers(path):
    question = notebook_question(nbformat.read(path, as_version=4))
    assert question.endswith("?") and "**" not in question and 20 < len(question) < 400


# --- one default seed --------------------------------------------------------------------------


def _functions_with_a_seed():
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if ".cli" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            value = getattr(module, name, None)
            if callable(value) and not inspect.isclass(value):
                try:
                    parameters = inspect.signature(value).parameters
                except (TypeError, ValueError):
                    continue
                if "seed" in parameters:
                    yield f"{info.name}.{name}", parameters["seed"].default


def test_the_api_the_command_line_the_report_and_the_notebooks_share_one_default_seed(run, comparison):
    from analysis.cli import build_parser

    assert Resampling().seed == DEFAULT_SEED
    defaults = dict(_functions_with_a_seed())
    # a seed is DEFAULT_SEED, required, or None: a shorthand for Resampling(seed=...), whose default is DEFAULT_SEED
    allowed = (DEFAULT_SEED, None, inspect.Parameter.empty)
    assert defaults and all(d in allowed for d in defaults.values()), defaults
    seeded = compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=999, seed=DEFAULT_SEED)
    assert seeded.keyness.equals(comparison.keyness) and seeded.sentiment.equals(comparison.sentiment)
    for command in (["report"], ["sentiment"], ["keyness", "a", "b"], ["frames"]):
        assert build_parser(command[0]).parse_args(command).seed == DEFAULT_SEED, command
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        source = next(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert re.search(rf"^SEED = {DEFAULT_SEED}\b", source, re.M), path.name
