"""``framing quotes``: every INPUT kind, every format, one-line errors with exit status 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.attribution import QUOTE_COLUMNS
from analysis.cli import main
from analysis.paths import default_corpus

TEXT = '"We agree," Lavrov said.\n\nTehran said the accusations were baseless.\n'


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["quotes", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def stdin(monkeypatch):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    return feed


def test_stdin_is_the_default_input(capsys, stdin):
    stdin(TEXT.encode("utf-8"))
    status, out, _ = run(capsys, "--format", "jsonl")
    rows = jsonl(out)
    assert status == 0
    assert [r["doc_id"] for r in rows] == ["stdin", "stdin"]
    assert [r["actor"] for r in rows] == ["lavrov", ""]
    assert [r["side"] for r in rows] == ["russia", "iran"]
    for row in rows:
        assert list(row) == QUOTE_COLUMNS
        assert TEXT[row["start"] : row["end"]] == row["content"]  # offsets index the text as read


def test_stdin_dash_with_a_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "quotes", "-", "--format", "jsonl"],
        input=TEXT.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["content"] for r in rows] == ["We agree", "the accusations were baseless"]


def test_corpus_folder(capsys):
    status, out, _ = run(capsys, str(default_corpus()), "--format", "jsonl")
    rows = jsonl(out)
    assert status == 0 and len(rows) == 10
    assert {r["actor"] for r in rows} == {"iran_mfa", "russia_mfa", "pezeshkian+putin"}


def test_one_corpus_document(capsys):
    document = sorted((default_corpus() / "documents").glob("*.md"))[0]
    status, out, _ = run(capsys, str(document), "--format", "jsonl")
    assert status == 0 and len(jsonl(out)) == 10


def test_jsonl_file(capsys, tmp_path):
    path = tmp_path / "texts.jsonl"
    records = [{"doc_id": "a", "text": "Peskov said no."}, {"doc_id": "b", "text": "Narration only."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--format", "jsonl")
    assert status == 0
    assert [(r["doc_id"], r["actor"], r["content"]) for r in jsonl(out)] == [("a", "peskov", "no")]


def test_text_file_and_csv(capsys, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert list(rows[0]) == QUOTE_COLUMNS
    assert [(r["doc_id"], r["speaker"]) for r in rows] == [("article", "Lavrov"), ("article", "Tehran")]


def test_table_format(capsys, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--wide")  # every column on one line
    assert status == 0
    assert out.splitlines()[0].split() == QUOTE_COLUMNS
    path.write_text("Nothing is attributed here.", encoding="utf-8")
    assert run(capsys, str(path))[1] == "(no rows)\n"


def test_actors_option(capsys, tmp_path):
    (tmp_path / "actors.yml").write_text(
        "actors:\n  - {id: fox, name: Ann Fox, kind: person, side: other, aliases: [Fox]}\n", encoding="utf-8"
    )
    path = tmp_path / "article.txt"
    path.write_text("Fox said the border would stay open.", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--actors", str(tmp_path / "actors.yml"), "--format", "jsonl")
    assert status == 0 and jsonl(out)[0]["actor"] == "fox"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: ["missing.txt"], "no such file or folder"),
        (lambda tmp: [_write(tmp / "bad.jsonl", b'{"doc_id": "a"\n')], "not valid JSON"),
        (lambda tmp: [_write(tmp / "latin1.txt", "caf\u00e9".encode("latin-1"))], "not UTF-8"),
        (lambda tmp: [_write(tmp / "a.txt", b"x"), "--actors", str(tmp / "none.yml")], "no such file"),
        (lambda tmp: [_write(tmp / "a.txt", b"x"), "--actors", _write(tmp / "bad.yml", b"actors: [")], "YAML"),
        (lambda tmp: [_write(tmp / "empty.md", b"---\nid: x\n---\n")], "required field"),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, tmp_path, make, message):
    status, out, err = run(capsys, *make(tmp_path))
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("framing quotes: error: ") and message in err


def test_bad_stdin_bytes(capsys, stdin):
    stdin(b"\xff\xfe broken")
    status, _, err = run(capsys)
    assert status == 2 and "not UTF-8" in err


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)
