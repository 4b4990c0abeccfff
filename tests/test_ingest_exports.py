"""`framing ingest` on database exports (CSV, JSON Lines, Parquet), ids, writing and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.documents import load_corpus, read_document, validate_corpus
from analysis.errors import InputError
from analysis.ingest import ingest, make_doc_id, parse_mapping, render_document
from analysis.ingest.exports import resolve_columns
from analysis.ingest.record import Record, normalise_body, parse_date

from .conftest import write_document

TEXT_A = "Ministers met in Port Sample on Tuesday.\nThey agreed to meet again in the spring."
TEXT_B = "The treaty enters into force today, the ministry said.\nIt will last twenty years."
TEXT_C = "Parliament approved the treaty by a large majority on Wednesday after a short debate."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["ingest", *argv, "--no-progress"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def media_cloud_csv(path: Path) -> Path:
    """A Media Cloud-like export: a BOM, column names in odd case, quoted newlines, bad rows."""
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "Publish Date": ["2025-01-17 10:15:00", "2025-10-02T08:00:00+03:00", "2025-05-21", "", "2025-05-21", "x"],
            "title": [
                "Talks in Port Sample",
                "Treaty enters into force",
                "Parliament approves",
                "No date",
                "Dup",
                "Bad",
            ],
            "URL": [
                "https://www.courier.example/a",
                "https://wire.example/b",
                "https://courier.example/a/",  # the same page as row 1
                "https://wire.example/d",
                "https://other.example/e",
                "https://wire.example/f",
            ],
            "media_name": ["The Sample Courier", "Sample Wire", "The Sample Courier", "Sample Wire", "", "Sample Wire"],
            "text": [TEXT_A, TEXT_B, TEXT_C, TEXT_A + " More.", TEXT_B, TEXT_C + " Again."],
            "extra column": ["x"] * 6,
        }
    )
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_a_media_cloud_export_with_its_default_columns(tmp_path):
    corpus = tmp_path / "corpus"
    report = ingest([media_cloud_csv(tmp_path / "mc.csv")], corpus)
    lines = [o.line() for o in report.outcomes]
    assert [o.status for o in report.outcomes] == ["added", "added", "skipped", "failed", "skipped", "failed"], lines
    assert report.outcomes[2].reason == f"already in the corpus as {report.outcomes[0].doc_id}"
    assert report.outcomes[3].reason == "no date"
    assert report.outcomes[4].reason == f"same text as {report.outcomes[1].doc_id}"
    assert report.outcomes[5].reason == "date 'x' is not understood"
    assert report.outcomes[3].source == f"{tmp_path / 'mc.csv'} row 4"
    docs = load_corpus(corpus).set_index("doc_id")
    assert list(docs.index) == [
        "2025-01-17-the-sample-courier-talks-in-port-sample",
        "2025-10-02-sample-wire-treaty-enters-into-force",
    ]
    first = docs.iloc[0]
    assert first["text"] == TEXT_A.replace("\n", "\n\n")  # one paragraph a line
    assert first["byline"] == "unknown" and first["language"] == "en"
    assert docs.iloc[1]["date"] == pd.Timestamp("2025-10-02")  # the date as written, not shifted to UTC


def test_a_json_lines_export_with_odd_columns_and_a_mapping(tmp_path):
    rows = [
        {
            "headline": "Spokesman comments on the treaty",
            "story": "The spokesman said the treaty was a turning point.\n\nHe took questions for an hour.",
            "published_at": "2025-04-08T23:30:00-05:00",
            "link": "https://ministry.example/statements/1",
            "authors": ["Press Office", "Staff"],
            "lang": "English",
            "genre": "Statement",
            "speaker": "baghaei",
            "source": {"name": "nested values are ignored"},
        },
        {
            "headline": "Неверная строка",
            "story": "Министр заявил, что переговоры прошли успешно и полезно.",
            "published_at": 1744156800000,
            "link": "https://ru.example/1",
            "lang": None,
        },
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    report = ingest([export], tmp_path / "corpus", mapping="text=story,outlet=source", jobs=1)
    first, second = report.outcomes
    assert first.status == "added", first.line()
    doc = read_document(first.path)
    assert (doc.title, doc.outlet, doc.byline, doc.language, doc.date.isoformat()) == (
        "Spokesman comments on the treaty",
        "ministry.example",
        "Press Office, Staff",
        "en",
        "2025-04-08",
    )
    text = first.path.read_text(encoding="utf-8")
    assert "genre: statement\nspeaker: baghaei\n" in text
    assert second.status == "failed" and second.reason == "date '1744156800000' is not understood"


@pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated")
def test_a_parquet_export_like_gdelt(tmp_path):
    frame = pd.DataFrame(
        {
            "url": ["https://www.agency.example/1", "https://www.agency.example/2"],
            "title": ["Duma ratifies the treaty", "Министры встретились"],
            "seendate": ["20250408T101500Z", "20250409T090000Z"],
            "domain": ["agency.example", "agency.example"],
            "language": ["English", "Russian"],
            "content_text": [TEXT_C, "Министры иностранных дел встретились и обсудили договор о партнерстве."],
        }
    )
    frame.to_parquet(tmp_path / "gdelt.parquet")
    report = ingest([tmp_path / "gdelt.parquet"], tmp_path / "corpus", mapping={"text": "content_text"})
    assert [o.doc_id for o in report.outcomes] == [
        "2025-04-08-agency-example-duma-ratifies-the-treaty",
        "2025-04-09-agency-example-ministry-vstretilis",
    ]
    assert [o.language for o in report.not_english] == ["ru"]
    assert validate_corpus(tmp_path / "corpus") == []


def test_genre_and_speaker_are_checked(tmp_path):
    export = tmp_path / "e.csv"
    pd.DataFrame(
        {
            "title": ["A", "B"],
            "url": ["https://x.example/a", "https://x.example/b"],
            "date": ["2025-01-01"] * 2,
            "body": [TEXT_A, TEXT_B],
            "genre": ["press release", "transcript"],
            "speaker": ["lavrov", "Mr Lavrov"],
        }
    ).to_csv(export, index=False)
    first, second = ingest([export], tmp_path / "corpus").outcomes
    assert first.reason.startswith("genre 'press release' is not one of news, statement, op-ed, transcript")
    assert second.reason.startswith("speaker 'Mr Lavrov' is not an actor id")


def test_sources_csv_of_the_treaty_is_a_url_list_with_real_columns():
    sources = Path(__file__).resolve().parent.parent / "corpus" / "sources.csv"
    frame = pd.read_csv(sources, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["url", "outlet", "date", "title", "genre", "speaker"]
    assert len(frame) >= 40 and frame["url"].is_unique
    assert frame["url"].str.match(r"^https?://").all() and (frame["outlet"] != "").all()
    dated = frame.loc[frame["date"] != "", "date"]
    assert dated.map(lambda d: parse_date(d) is not None and len(d) == 10).all()
    assert set(frame["genre"]) <= {"news", "statement", "transcript", "interview", "op-ed"}
    from analysis.ingest.sources import UrlItem, expand_sources

    items = expand_sources([sources])
    assert len(items) == len(frame) and all(isinstance(i, UrlItem) for i in items)


# -- ids, front matter and writing ----------------------------------------------------------


def test_ids_are_deterministic_lowercase_ascii():
    import datetime as dt

    assert make_doc_id(dt.date(2025, 1, 17), "TASS", "Putin, Pezeshkian sign treaty!") == (
        "2025-01-17-tass-putin-pezeshkian-sign-treaty"
    )
    long_title = "A very long headline " * 10
    doc_id = make_doc_id(dt.date(2025, 1, 17), "Al-Ahed News", long_title)
    assert doc_id.startswith("2025-01-17-al-ahed-news-a-very-long-headline") and len(doc_id) <= 11 + 25 + 60
    assert doc_id == doc_id.lower() and doc_id.isascii() and not doc_id.endswith("-")


def test_a_written_document_reads_back_exactly(tmp_path):
    import datetime as dt

    record = Record(
        title='He said: "yes" — and #1: 50% of it',
        outlet="Wire: Test",
        date=dt.date(2025, 1, 17),
        url="https://x.example/a?b=1&c=2",
        byline="- Staff",
        language="en",
        text="“Curly” quotes.\n\nA second paragraph\nwith a line break.\n\n---\n\nAfter a rule.",
        genre="interview",
        speaker="lavrov",
    )
    path = tmp_path / "d.md"
    path.write_text(render_document(record, "2025-01-17-wire-test-x"), encoding="utf-8")
    doc = read_document(path)
    assert (doc.doc_id, doc.title, doc.outlet, doc.url, doc.byline) == (
        "2025-01-17-wire-test-x",
        record.title,
        record.outlet,
        record.url,
        record.byline,
    )
    assert doc.text == record.text


def test_exports_never_touch_existing_documents(tmp_path, make_corpus):
    corpus = make_corpus({"seed.md": ("Lavrov said the talks were useful.", {"url": "https://courier.example/a"})})
    seed = corpus / "documents" / "seed.md"
    before = seed.read_bytes()
    report = ingest([media_cloud_csv(tmp_path / "mc.csv")], corpus)
    assert report.outcomes[0].reason == "changed since it was written as doc-1 (--update rewrites it)"
    assert seed.read_bytes() == before
    assert not [p for p in (corpus / "documents").iterdir() if p.suffix == ".tmp" or p.name.startswith(".")]


def test_normalise_body_and_mapping_helpers():
    assert normalise_body("  \nOne.\r\n\r\nTwo.  \n") == "One.\n\nTwo."
    assert parse_mapping("text = body , date=publish_date") == {"text": "body", "date": "publish_date"}
    with pytest.raises(InputError, match="unknown field 'txt'"):
        parse_mapping("txt=body")
    with pytest.raises(InputError, match="is not FIELD=COLUMN"):
        parse_mapping("text")
    assert resolve_columns("x", ["Headline", "Body", "pubDate", "Link"], {"date": "pubdate"}) == {
        "text": "Body",
        "title": "Headline",
        "date": "pubDate",
        "url": "Link",
    }


# -- the command line ------------------------------------------------------------------------


def test_cli_adds_prints_a_summary_and_flags_other_languages(tmp_path, capsys):
    export = tmp_path / "e.csv"
    pd.DataFrame(
        {
            "title": ["Talks", "Переговоры"],
            "url": ["https://x.example/a", "https://x.example/b"],
            "date": ["2025-01-17", "2025-01-18"],
            "text": [TEXT_A, "Министры встретились в Москве и обсудили договор."],
        }
    ).to_csv(export, index=False)
    status, out, err = run(capsys, str(export), "--into", str(tmp_path / "corpus"), "-v")
    assert status == 0
    assert out == "framing ingest: added 2, updated 0, skipped 0, failed 0; 1 document not in English\n"
    assert "note: 2025-01-18-x-example-peregovory is in 'ru', not English" in err
    assert err.count("framing ingest: added: ") == 2
    status, out, err = run(capsys, str(export), "--into", str(tmp_path / "corpus"))
    assert status == 1  # nothing added
    assert out == "framing ingest: added 0, updated 0, skipped 2 (2 already in the corpus), failed 0\n"
    assert err == ""


@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        (None, [], "no such file or folder"),
        ("title,date\nA,2025-01-01\n", [], "neither a text column nor a URL column (columns: title, date)"),
        ("title,body\nA,b\n", ["--map", "text=texte"], "--map text=texte: no column 'texte' (columns: title, body)"),
        ("title,body\nA,b\n", ["--map", "colour=body"], "--map: unknown field 'colour'"),
        (b"title,text\n\xff\xfe,x\n", [], "not UTF-8"),
    ],
    ids=["missing", "no-columns", "bad-map", "unknown-field", "not-utf8"],
)
def test_cli_bad_input_is_one_line_naming_the_file(tmp_path, capsys, content, argv, message):
    source = tmp_path / "export.csv"
    if isinstance(content, str):
        source.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        source.write_bytes(content)
    status, out, err = run(capsys, str(source), "--into", str(tmp_path / "corpus"), *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("framing ingest: error: ")
    assert message in err
    if "--map: unknown" not in message:
        assert str(source) in err
    assert not (tmp_path / "corpus").exists()


def test_cli_writes_into_a_flat_corpus_folder_when_it_has_one(tmp_path, capsys):
    write_document(tmp_path / "flat", "old.md", url="https://x.example/old")
    export = tmp_path / "e.csv"
    pd.DataFrame({"title": ["T"], "url": ["https://x.example/a"], "date": ["2025-01-17"], "text": [TEXT_A]}).to_csv(
        export, index=False
    )
    status, _, _ = run(capsys, str(export), "--into", str(tmp_path / "flat"))
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "flat").iterdir()) == ["2025-01-17-x-example-t.md", "old.md"]


# -- documentation and benchmark --------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_readme_your_own_corpus_starts_with_framing_ingest_and_make_corpus_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your own corpus\n", 1)[1]
    first_paragraph = section.strip().split("\n\n", 1)[0]
    assert first_paragraph.startswith("Start with `framing ingest`")
    assert "make corpus" in section.split("\n## ", 1)[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert any(line.startswith("corpus: ") and "## " in line for line in makefile.splitlines())


@pytest.mark.slow
def test_the_benchmark_runs_on_a_few_pages(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("ingest_benchmark", ROOT / "benchmarks" / "ingest.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    benchmark.main(["--pages", "24", "--jobs", "2"])  # its exit status says whether the speed target is met
    out = capsys.readouterr().out
    assert "pool / single process" in out and "no clutter in any body" in out
