"""``framing sentiment``: per line, per sentence, per document, per voice; formats; bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import main

from .conftest import CORPUS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["sentiment", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line]


# --per-line ---------------------------------------------------------------------------------
def test_per_line_from_stdin_keeps_order_and_scores_empty_lines_zero():
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "sentiment", "--per-line", "--format", "jsonl"],
        input=b"The talks were very friendly.\n\nSanctions are illegal and unfair!\n",
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout.decode("utf-8"))
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert rows[0]["compound"] > 0.05 and rows[2]["compound"] < -0.05
    assert [rows[1][k] for k in ("neg", "neu", "pos", "compound")] == [0, 0, 0, 0]
    assert {"doc_id", "line", "neg", "neu", "pos", "compound", "text"} <= set(rows[0])


def test_per_line_from_a_file_without_final_newline_and_with_crlf(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_bytes(b"Good.\r\nBad.\r\n\r\nFine")
    status, out, _ = run(capsys, str(path), "--per-line", "--format", "jsonl")
    rows = jsonl(out)
    assert status == 0
    assert [(r["line"], r["text"]) for r in rows] == [(1, "Good."), (2, "Bad."), (3, ""), (4, "Fine")]


def test_per_line_over_jsonl_numbers_lines_per_document(tmp_path, capsys):
    path = tmp_path / "texts.jsonl"
    path.write_text(
        json.dumps({"doc_id": "a", "text": "Good.\nBad."}) + "\n" + json.dumps({"doc_id": "b", "text": "Fine."}) + "\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, str(path), "--per-line", "--format", "csv")
    table = pd.read_csv(io.StringIO(out))
    assert status == 0
    assert table[["doc_id", "line"]].values.tolist() == [["a", 1], ["a", 2], ["b", 1]]


def test_per_line_explain_adds_words(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text("Not good.\nNothing.\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--per-line", "--explain", "--format", "jsonl")
    assert status == 0
    assert [r["words"] for r in jsonl(out)] == ["good -1.41", ""]


def test_per_line_vader3_scores_and_explains_with_the_package_rules(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text("No problem.\nGood!!!\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--per-line", "--method", "vader3", "--explain", "--format", "jsonl")
    rows = jsonl(out)
    assert status == 0
    assert [r["compound"] for r in rows] == [0.3089, 0.5826]  # the vaderSentiment package's scores
    assert [r["words"] for r in rows] == ["problem +1.26", "Good +1.9"]


# sentences and documents ----------------------------------------------------------------------
def test_by_sentence_on_the_bundled_corpus(capsys):
    status, out, _ = run(capsys, str(CORPUS), "--format", "jsonl")
    rows = jsonl(out)
    assert status == 0 and len(rows) > 5
    assert {"doc_id", "sent_id", "start", "end", "compound", "boilerplate", "text"} <= set(rows[0])
    assert all(-1 <= r["compound"] <= 1 for r in rows)


def test_table_format_shortens_text_only(capsys):
    status, out, _ = run(capsys, str(CORPUS))
    assert status == 0 and "compound" in out.splitlines()[0]
    assert max(len(line) for line in out.splitlines()) < 250


def test_by_document_gives_intervals(make_corpus, capsys):
    corpus = make_corpus(
        {
            "a.md": ("Talks were good. Ties are excellent. The deal is bad.\n", {"id": "a"}),
            "b.md": ("Nothing happened.\n", {"id": "b"}),
        }
    )
    status, out, _ = run(capsys, str(corpus), "--by", "document", "--format", "jsonl", "--resamples", "999")
    rows = {r["doc_id"]: r for r in jsonl(out)}
    assert status == 0
    assert rows["a"]["n"] == 3 and rows["a"]["low"] <= rows["a"]["mean"] <= rows["a"]["high"]
    assert rows["a"]["small_sample"] is True and len(rows["a"]["unit_ids"]) == 3
    assert rows["b"]["n"] == 1 and rows["b"]["low"] is None


def test_corpus_boilerplate_file_is_used(make_corpus, capsys):
    corpus = make_corpus({"a.md": ("We thank Moscow. Talks were good.\n", {"id": "a"})})
    (corpus / "boilerplate.yml").write_text("patterns:\n  - id: thanks\n    regex: '\\bthank'\n", encoding="utf-8")
    status, out, _ = run(capsys, str(corpus), "--format", "jsonl")
    assert status == 0
    assert [r["boilerplate"] for r in jsonl(out)] == [True, False]


# bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        (b"\xff\xfe bad bytes", [], "not UTF-8"),
        (b'{"doc_id": "a", "text": 42}\n', ["--jsonl"], 'string "text" field'),
        (b"Good.", ["--per-line", "--by", "actor"], "--per-line"),
        (b"Good.", ["--method", "bert"], "unknown sentiment method"),
        (b"Good.", ["--method", "vader_nltk", "--explain"], "method 'vader_nltk' has no explanations"),
        (b"Good.", ["--by", "document", "--confidence", "2"], "--confidence"),
        (b"Good.", ["--voice", "lavrov"], "--voice"),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path, capsys, content, argv, message):
    suffix = ".jsonl" if "--jsonl" in argv else ".txt"
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    status, out, err = run(capsys, str(path), *[a for a in argv if a != "--jsonl"])
    assert status == 2
    assert message in err and err.count("\n") == 1 and out == ""


def test_missing_input(tmp_path, capsys):
    status, _, err = run(capsys, str(tmp_path / "nowhere.txt"))
    assert status == 2 and "no such file" in err


def test_lone_surrogates_and_control_characters_in_jsonl_do_not_crash(tmp_path, monkeypatch):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"doc_id": "x", "text": "Good \\udc80 talks.\\u0000 Bad!"}\n', encoding="utf-8")
    for fmt in ("jsonl", "csv", "table"):
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # strict, like a real stdout
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["sentiment", str(path), "--format", fmt]) == 0
        stdout.flush()
        assert "Good" in stdout.buffer.getvalue().decode("utf-8")
        if fmt == "jsonl":  # the surrogate is kept as an escape, so the text reads back unchanged
            assert json.loads(stdout.buffer.getvalue().splitlines()[0])["text"].startswith("Good \udc80 talks.")


def test_stdin_in_process(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Good.\nBad.\n"), encoding="utf-8"))
    status, out, _ = run(capsys, "-", "--per-line", "--format", "jsonl")
    assert status == 0 and [r["text"] for r in jsonl(out)] == ["Good.", "Bad."]


def test_a_100_kb_line(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("good and bad " * 8000 + "\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--per-line", "--format", "jsonl")
    assert status == 0 and len(jsonl(out)) == 1


# voices (quote attribution) -------------------------------------------------------------------
VOICES_TEXT = (
    "Talks ended in Moscow. Lavrov said the treaty with Tehran is excellent and friendly. "
    "Araghchi said the sanctions are illegal and unfair. Araghchi said Moscow is a great partner."
)


@pytest.fixture
def voices_corpus(make_corpus):
    return make_corpus({"a.md": (VOICES_TEXT + "\n", {"id": "a"})})


def test_by_actor_side_utterance_and_target_with_attributed_quotes(voices_corpus, capsys):
    common = [str(voices_corpus), "--format", "jsonl", "--resamples", "999"]
    status, out, _ = run(capsys, *common, "--by", "actor")
    actors = {r["voice"]: r for r in jsonl(out)}
    assert status == 0 and list(actors) == ["araghchi", "lavrov", "outlet"]
    assert actors["araghchi"]["n"] == 2 and actors["lavrov"]["n"] == 1
    assert actors["lavrov"]["label"] == "Sergey Lavrov" and actors["lavrov"]["mean"] > 0.5
    status, out, _ = run(capsys, *common, "--by", "side")
    assert [r["voice"] for r in jsonl(out)] == ["side:iran", "side:russia", "outlet"]
    status, out, _ = run(capsys, *common, "--by", "utterance")
    assert {"doc_id", "utt_id", "actor", "side", "source", "n", "mean"} <= set(jsonl(out)[0])
    status, out, _ = run(capsys, *common, "--by", "target")
    cells = {(r["voice"], r["target"]) for r in jsonl(out)}
    assert {("lavrov", "treaty"), ("lavrov", "partner"), ("araghchi", "sanctions"), ("araghchi", "partner")} <= cells
    status, out, _ = run(capsys, *common, "--by", "actor", "--voice", "lavrov", "--voice", "side:iran")
    assert [r["voice"] for r in jsonl(out)] == ["lavrov", "side:iran"]


def test_compare_two_voices(voices_corpus, capsys):
    status, out, _ = run(capsys, str(voices_corpus), "--compare", "lavrov", "araghchi", "--format", "jsonl")
    (row,) = jsonl(out)
    assert status == 0
    assert (row["voice_a"], row["voice_b"], row["n_a"], row["n_b"]) == ("lavrov", "araghchi", 1, 2)
    assert row["p_value"] is None and "one sentence" in row["note"]


def test_unknown_voice_is_an_empty_row(voices_corpus, capsys):
    status, out, _ = run(capsys, str(voices_corpus), "--by", "actor", "--voice", "putin", "--format", "jsonl")
    assert status == 0 and jsonl(out)[0]["n"] == 0


def test_real_quote_attribution_on_the_bundled_corpus(capsys):
    for by in ("actor", "side", "utterance", "target"):
        status, out, err = run(capsys, str(CORPUS), "--by", by, "--format", "jsonl", "--resamples", "999")
        assert status == 0, err
        rows = jsonl(out)
        assert rows, by
        for row in rows:
            assert row["n"] >= 0
            if row["n"] >= 2 and row["low"] is not None:
                assert row["low"] - 1e-12 <= row["mean"] <= row["high"] + 1e-12
    status, out, err = run(capsys, str(CORPUS), "--compare", "iran_mfa", "russia_mfa", "--format", "jsonl")
    assert status == 0, err
