"""The corpus format: loading the bundled corpus, and clear errors for every kind of bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cli import main
from analysis.corpus import DOCUMENT_COLUMNS, REQUIRED_FIELDS
from analysis.errors import CorpusError

from .conftest import CORPUS, SHARED, VALID_FIELDS, front_matter, write_document

SEED = SHARED / "seeds" / "iran-hails-new-strategic-pact-with-russia.txt"


def test_bundled_corpus_loads_with_every_column():
    docs = analysis.load_corpus(CORPUS)
    assert list(docs.columns) == DOCUMENT_COLUMNS
    assert len(docs) >= 1
    seed = docs.set_index("doc_id").loc["alahed-2025-10-03-iran-hails-strategic-pact"]
    assert seed["title"] == "Iran Hails New Strategic Pact with Russia"
    assert seed["outlet"] == "Al-Ahed News"
    assert seed["date"] == pd.Timestamp("2025-10-03")
    assert seed["byline"] == "Staff, Agencies"
    assert seed["url"] == "https://english.alahednews.news/essaydetails.php?eid=82803&cid=534"
    assert seed["language"] == "en"
    assert seed["text"].startswith("Iran's Foreign Ministry has praised the implementation")
    assert seed["text"].endswith("as close strategic allies.")
    assert "\u201cstrategic choice\u201d" in seed["text"]  # curly quotes kept


def test_load_corpus_without_argument_is_the_bundled_corpus():
    pd.testing.assert_frame_equal(analysis.load_corpus(), analysis.load_corpus(CORPUS))


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not available")
def test_seed_body_is_stored_character_for_character():
    raw = SEED.read_text(encoding="utf-8")
    body = raw[raw.index("Iran's Foreign Ministry has praised") :].rstrip("\n")
    stored = analysis.load_corpus(CORPUS).loc[0, "text"]
    assert stored == body


def test_body_keeps_paragraphs_and_drops_only_surrounding_blank_lines(tmp_path):
    path = write_document(tmp_path, "a.md", "\n\nFirst paragraph.\n\nSecond “quoted” one.\n\n\n")
    doc = analysis.corpus.read_document(path)
    assert doc.text == "First paragraph.\n\nSecond “quoted” one."


def test_crlf_and_bom_are_normalised(tmp_path):
    path = tmp_path / "a.md"
    content = front_matter(**VALID_FIELDS) + "One.\n\nTwo."
    path.write_bytes(b"\xef\xbb\xbf" + content.replace("\n", "\r\n").encode("utf-8"))
    assert analysis.corpus.read_document(path).text == "One.\n\nTwo."


def test_documents_are_sorted_by_date_then_id(make_corpus):
    root = make_corpus(
        {
            "b.md": ("Later text.", {"id": "b", "date": "2025-11-01"}),
            "a.md": ("Earlier text.", {"id": "z", "date": "2025-01-01"}),
            "c.md": ("Same day.", {"id": "c", "date": "2025-11-01"}),
        }
    )
    assert analysis.load_corpus(root)["doc_id"].tolist() == ["z", "b", "c"]


def test_a_single_document_can_be_loaded(tmp_path):
    path = write_document(tmp_path, "one.md")
    docs = analysis.load_corpus(path)
    assert docs["doc_id"].tolist() == ["doc-1"]
    assert docs.loc[0, "path"] == "one.md"


def test_markdown_files_directly_in_the_folder_are_found(tmp_path):
    write_document(tmp_path, "x.md")
    (tmp_path / "README.md").write_text("# not a document\n", encoding="utf-8")
    assert analysis.load_corpus(tmp_path)["doc_id"].tolist() == ["doc-1"]


# --- bad input ------------------------------------------------------------------------------


def _bad(tmp_path: Path, case: str) -> Path:
    """Create a corpus folder holding one bad file (and a valid one); return the folder."""
    docs = tmp_path / "corpus" / "documents"
    write_document(docs, "good.md", id="good")
    bad = docs / "bad.md"
    if case == "no front matter":
        bad.write_text("Just a body.\n", encoding="utf-8")
    elif case == "unclosed front matter":
        bad.write_text("---\nid: x\ntitle: T\n\nBody.\n", encoding="utf-8")
    elif case == "invalid yaml":
        bad.write_text("---\nid: [x\n---\nBody.\n", encoding="utf-8")
    elif case == "front matter not a mapping":
        bad.write_text("---\n- a\n- b\n---\nBody.\n", encoding="utf-8")
    elif case == "missing id":
        write_document(docs, "bad.md", id=None)
    elif case.startswith("missing "):
        write_document(docs, "bad.md", **{"id": "bad", case.removeprefix("missing "): None})
    elif case.startswith("empty "):
        write_document(docs, "bad.md", **{case.removeprefix("empty "): '""', "id": "bad"})
    elif case == "date not iso":
        write_document(docs, "bad.md", id="bad", date="03/10/2025")
    elif case == "date impossible":
        write_document(docs, "bad.md", id="bad", date='"2025-13-40"')
    elif case == "duplicate id":
        write_document(docs, "bad.md", id="good")
    elif case == "not utf-8":
        bad.write_bytes(front_matter(**{**VALID_FIELDS, "id": "bad"}).encode() + "Caf\xe9 talks.".encode("latin-1"))
    elif case == "blank body":
        write_document(docs, "bad.md", "\n\n   \n", id="bad")
    elif case == "bad id":
        write_document(docs, "bad.md", id='"a b/c"')
    elif case == "javascript url":
        write_document(docs, "bad.md", id="bad", url='"javascript:alert(1)"')
    else:  # pragma: no cover
        raise AssertionError(case)
    return tmp_path / "corpus"


BAD_CASES = {
    "no front matter": "no front matter",
    "unclosed front matter": "not closed",
    "invalid yaml": "not valid YAML",
    "front matter not a mapping": "mapping",
    **{f"missing {f}": f"'{f}' is missing or empty" for f in REQUIRED_FIELDS},
    **{f"empty {f}": f"'{f}' is missing or empty" for f in ("title", "outlet", "byline")},
    "date not iso": "not an ISO date",
    "date impossible": "not an ISO date",
    "duplicate id": "already used by",
    "not utf-8": "not UTF-8",
    "blank body": "body is empty",
    "bad id": "must be letters",
    "javascript url": "not an http(s) address",
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_documents_raise_a_corpus_error_naming_file_and_problem(tmp_path, case):
    root = _bad(tmp_path, case)
    with pytest.raises(CorpusError) as error:
        analysis.load_corpus(root)
    message = str(error.value)
    assert "bad.md" in message
    assert BAD_CASES[case] in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "missing", "no such file or folder"),
        (lambda p: p, "no documents"),
        (lambda p: (p / "documents").mkdir() or p, "no documents"),
    ],
    ids=["path does not exist", "empty folder", "empty documents folder"],
)
def test_missing_or_empty_corpus_raises(tmp_path, make, expected):
    with pytest.raises(CorpusError, match=expected):
        analysis.load_corpus(make(tmp_path))


def test_validate_corpus_reports_every_problem(tmp_path):
    docs = tmp_path / "documents"
    write_document(docs, "a.md", id="a", date="soon")
    write_document(docs, "b.md", "", id="b")
    write_document(docs, "c.md", id="c")
    problems = analysis.validate_corpus(tmp_path)
    assert [Path(p.path).name for p in problems] == ["a.md", "b.md"]


def _fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", ["not utf-8", "duplicate id", "missing date", "blank body"])
def test_cli_validate_prints_one_line_exits_2_and_touches_nothing(tmp_path, capsys, case):
    root = _bad(tmp_path, case)
    before = _fingerprint(root)
    assert main(["validate", str(root)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("framing validate: error: ")
    assert "bad.md" in lines[0]
    assert "Traceback" not in captured.err
    assert _fingerprint(root) == before


def test_cli_validate_on_the_bundled_corpus(capsys):
    before = _fingerprint(CORPUS)
    assert main(["validate", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 1 document(s)")
    assert _fingerprint(CORPUS) == before


def test_loading_never_writes(make_corpus):
    root = make_corpus({"a.md": ("Text.", {})})
    before = _fingerprint(root)
    analysis.load_corpus(root)
    analysis.validate_corpus(root)
    assert _fingerprint(root) == before


def test_validating_a_corpus_holds_one_document_at_a_time(tmp_path):
    import tracemalloc

    paragraph = "Lavrov said the talks were useful and the partnership would grow. " * 40
    for number in range(150):  # about 4 MB of text
        write_document(tmp_path / "corpus" / "documents", f"d{number:03d}.md", "\n\n".join([paragraph] * 10),
                       id=f"doc-{number:03d}")  # fmt: skip
    tracemalloc.start()
    try:
        assert analysis.validate_corpus(tmp_path / "corpus") == []
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_500_000, f"validating held {peak / 1e6:.1f} MB for 4 MB of documents"
