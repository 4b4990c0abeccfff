"""``framing keyness`` and ``framing frames``: files, folders, corpus voices, formats, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import main

from .conftest import CORPUS

IRAN = "Iran rejects unilateral sanctions. Sanctions violate international law. Iran defends its sovereignty."
RUSSIA = "Russia values the strategic partnership. The partnership treaty deepens cooperation with Iran."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line]


@pytest.fixture
def voices(tmp_path):
    (tmp_path / "iran.txt").write_text(IRAN, encoding="utf-8")
    (tmp_path / "russia.txt").write_text(RUSSIA, encoding="utf-8")
    folder = tmp_path / "russia_folder"
    folder.mkdir()
    for i, sentence in enumerate(RUSSIA.split(". ")):
        (folder / f"{i}.txt").write_text(sentence, encoding="utf-8")
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    return tmp_path


# --- keyness ----------------------------------------------------------------------------------
def test_keyness_of_two_files_prints_counts_and_stability_with_a_note(capsys, voices):
    status, out, err = run(capsys, "keyness", str(voices / "iran.txt"), str(voices / "russia.txt"), "--top", "3")
    assert status == 0
    header = out.splitlines()[0].split()
    assert header == ["term", "n", "count_a", "count_b", "rate_a", "rate_b", "score", "p", "stability"]
    assert "sanctions" in out and "partnership" in out
    assert "A = iran.txt" in err and "fewer than about 1,000" in err


def test_keyness_jsonl_has_top_n_per_side_and_is_reproducible(capsys, voices):
    args = ["keyness", str(voices / "iran.txt"), str(voices / "russia.txt"), "--top", "2", "--format", "jsonl"]
    args += ["--min-count", "1", "--seed", "5"]
    status, out, _ = run(capsys, *args)
    rows = jsonl(out)
    assert status == 0 and len(rows) == 4
    assert rows[0]["score"] > 0 > rows[-1]["score"]
    assert 0 <= rows[0]["stability"] <= 1
    assert run(capsys, *args)[1] == out


def test_keyness_of_a_folder_and_methods(capsys, voices):
    for method in ("g2", "tfidf"):
        status, out, _ = run(
            capsys,
            "keyness",
            str(voices / "iran.txt"),
            str(voices / "russia_folder"),
            "--method",
            method,
            "--min-count",
            "1",
            "--format",
            "csv",
            "--ngram",
            "1",
        )
        table = pd.read_csv(io.StringIO(out))
        assert status == 0 and set(table["n"]) == {1}
        assert "partnership" in set(table["term"])


def test_keyness_background_prior_and_stopwords(capsys, voices):
    status, out, _ = run(
        capsys,
        "keyness",
        str(voices / "iran.txt"),
        str(voices / "russia.txt"),
        "--prior",
        "background",
        "--keep-stopwords",
        "--min-count",
        "1",
        "--format",
        "jsonl",
        "--top",
        "50",
    )
    assert status == 0
    assert "the" in {row["term"] for row in jsonl(out)}


@pytest.mark.parametrize(
    ("a", "b", "extra", "message"),
    [
        ("empty.txt", "iran.txt", [], "voice 'empty.txt' is empty"),
        ("iran.txt", "stop.txt", [], "has only stop words"),
        ("nofiles", "iran.txt", [], "no text files"),
        ("missing.txt", "iran.txt", [], "no such file or folder"),
        ("iran.txt", "russia.txt", ["--prior", "flat"], "unknown prior"),
        ("iran.txt", "russia.txt", ["--top", "0"], "--top must be at least 1"),
        ("iran.txt", "russia.txt", ["--min-count", "99"], "no term occurs 99 times"),
    ],
)
def test_keyness_bad_input_exits_2_with_one_line(capsys, voices, a, b, extra, message):
    (voices / "empty.txt").write_text("", encoding="utf-8")
    (voices / "stop.txt").write_text("It was the one. They were there!", encoding="utf-8")
    (voices / "nofiles").mkdir()
    (voices / "nofiles" / "data.csv").write_text("x", encoding="utf-8")
    status, out, err = run(capsys, "keyness", str(voices / a), str(voices / b), *extra)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("framing keyness: error:")


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [("nobody", "iran_mfa", "unknown actor id 'nobody'"), ("iran_mfa", "side:mars", "unknown side 'mars'")],
)
def test_keyness_unknown_actor_or_side_exits_2(capsys, a, b, message):
    status, _, err = run(capsys, "keyness", a, b, "--corpus", str(CORPUS))
    assert status == 2 and message in err and err.count("\n") == 1


def test_keyness_of_corpus_voices_with_attribution(capsys):
    status, out, err = run(
        capsys, "keyness", "side:iran", "russia_mfa", "--corpus", str(CORPUS), "--min-count", "1", "--format", "jsonl"
    )
    assert status == 0
    terms = {row["term"] for row in jsonl(out)}
    assert "international law" in terms and "strategic choice" in terms
    assert "A = Iran (all actors)" in err and "B = Russian Foreign Ministry" in err


def test_keyness_voice_without_text_lists_the_voices_present(capsys):
    status, _, err = run(capsys, "keyness", "lavrov", "iran_mfa", "--corpus", str(CORPUS))
    assert status == 2 and "voice 'lavrov' has no text" in err and "iran_mfa" in err


def test_keyness_on_the_bundled_corpus_with_real_attribution(capsys):
    status, out, err = run(capsys, "keyness", "side:iran", "outlet", "--corpus", str(CORPUS), "--format", "jsonl")
    assert status == 0 and jsonl(out)
    assert "fewer than about 1,000" in err


def test_keyness_subprocess_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "keyness", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


# --- frames -----------------------------------------------------------------------------------
def test_frames_by_doc_on_the_bundled_corpus(capsys):
    status, out, _ = run(capsys, "frames", str(CORPUS), "--by", "doc", "--format", "jsonl")
    rows = jsonl(out)
    assert status == 0
    partnership = next(r for r in rows if r["frame"] == "partnership")
    assert partnership["n"] >= 10 and partnership["k"] == len(partnership["evidence"]) > 0
    assert 0 <= partnership["low"] <= partnership["share"] <= partnership["high"] <= 1


def test_frames_table_and_csv_formats(capsys):
    status, out, _ = run(capsys, "frames", str(CORPUS), "--by", "doc", "--wide")
    assert status == 0 and "(+" in out and "few units" in out
    status, out, _ = run(capsys, "frames", str(CORPUS), "--by", "doc", "--format", "csv", "--interval", "bootstrap")
    table = pd.read_csv(io.StringIO(out))
    assert status == 0 and {"low", "high", "evidence"} <= set(table.columns)


def test_frames_from_stdin_and_a_custom_lexicon(capsys, monkeypatch, tmp_path):
    lexicon = tmp_path / "mine.yml"
    lexicon.write_text("frames:\n  - {id: trade, label: Trade, terms: [trade]}\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("Trade grew. Talks ended."))
    status, out, _ = run(capsys, "frames", "--by", "doc", "--frames", str(lexicon), "--format", "jsonl")
    assert status == 0
    assert [(r["frame"], r["k"], r["n"]) for r in jsonl(out)] == [("trade", 1, 2)]


def test_frames_by_side_with_attribution(capsys):
    status, out, _ = run(capsys, "frames", str(CORPUS), "--by", "side", "--format", "jsonl")
    sides = {row["side"] for row in jsonl(out)}
    assert status == 0 and sides == {"iran", "russia", "outlet"}


def test_frames_by_actor_on_the_bundled_corpus(capsys):
    status, out, _ = run(capsys, "frames", str(CORPUS), "--by", "actor", "--format", "jsonl")
    assert status == 0 and "iran_mfa" in {row["actor"] for row in jsonl(out)}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--frames", "missing.yml"], "no such file"),
        (["--frames", "bad.yml"], "not valid YAML"),
        (["empty.txt"], "no sentences to score"),
        (["nowhere"], "no such file or folder"),
    ],
)
def test_frames_bad_input_exits_2(capsys, monkeypatch, tmp_path, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yml").write_text("frames: [\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    if argv[0].startswith("--"):
        argv = [str(CORPUS), *argv]
    status, _, err = run(capsys, "frames", *argv, "--by", "doc")
    assert status == 2 and message in err and err.count("\n") == 1
