"""The commands of the validation loop: codebook, sample, agreement, validity, train."""

from __future__ import annotations

import json
import shutil

import pytest

from analysis.cli import main

from .conftest import ROOT

CODED = ROOT / "tests" / "fixtures" / "coded_corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A copy of the coded fixture corpus (the commands store their analysis inside it)."""
    folder = tmp_path_factory.mktemp("coded") / "corpus"
    shutil.copytree(CODED, folder)
    return folder


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_codebook_writes_markdown_and_html(tmp_path, capsys):
    status, out, _ = _run(capsys, "codebook")
    assert status == 0 and out.startswith("# Codebook") and "frame:legality" in out
    status, _, err = _run(capsys, "codebook", "--out", tmp_path / "book.html")
    page = (tmp_path / "book.html").read_text(encoding="utf-8")
    assert status == 0 and page.startswith("<!DOCTYPE html>") and "Tone" in page and "written to" in err
    status, _, err = _run(capsys, "codebook", "--out", tmp_path / "book.pdf")
    assert status == 2 and "must end in .html or .md" in err and len(err.strip().splitlines()) == 1


def test_sample_writes_a_coding_sheet_and_never_overwrites_one(corpus, tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    argv = ["sample", corpus, "--voice", "iran_mfa", "--voice", "russia_mfa", "--n", "5", "--seed", "2", "--out", sheet]
    status, _, err = _run(capsys, *argv)
    assert status == 0 and "10 units (iran_mfa: 5, russia_mfa: 5)" in err
    lines = sheet.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,start,end,unit_id,voice,text,before,after,frame:partnership")
    assert lines[0].endswith("tone,coder") and len(lines) == 11
    first = sheet.read_text(encoding="utf-8")
    status, _, err = _run(capsys, *argv)
    assert status == 2 and "exists" in err and sheet.read_text(encoding="utf-8") == first
    status, _, _ = _run(capsys, *argv, "--force", "--oversample-rare")
    assert status == 0 and "weight" in sheet.read_text(encoding="utf-8").splitlines()[0]


def test_sample_refuses_an_unknown_voice_and_a_missing_folder(corpus, tmp_path, capsys):
    status, _, err = _run(capsys, "sample", corpus, "--voice", "nobody", "--n", "3", "--out", tmp_path / "s.csv")
    assert status == 2 and len(err.strip().splitlines()) == 1
    status, _, err = _run(capsys, "sample", tmp_path / "nothing", "--voice", "lavrov", "--n", "3", "--out",
                          tmp_path / "s.csv")  # fmt: skip
    assert status == 2 and "not a corpus folder" in err


def test_agreement_prints_alpha_per_frame_and_tone(capsys):
    files = sorted((CODED / "codes").glob("*.csv"))
    status, out, _ = _run(capsys, "agreement", *files, "--format", "jsonl", "--resamples", "200")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(rows) == 18
    assert {"measure", "id", "alpha", "low", "high", "n_units"} <= set(rows[0])
    tone = rows[-1]
    assert tone["measure"] == tone["id"] == "tone" and tone["n_units"] == 387 and tone["low"] <= tone["alpha"]
    status, out, _ = _run(capsys, "agreement", *files, "--corpus", CODED, "--resamples", "100")
    assert status == 0 and "partnership" in out


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("d,0,5,,1,9,ana", "line 2, column 6 (tone): tone 9 is outside -4..4"),
        ("d,0,5,,2,1,ana", "line 2, column 5 (frame:economy): '2' is not 0, 1 or blank"),
    ],
)
def test_agreement_names_the_file_line_and_column_of_a_bad_code(tmp_path, capsys, row, expected):
    path = tmp_path / "bad.csv"
    path.write_text(f"doc_id,start,end,unit_id,frame:economy,tone,coder\n{row}\n", encoding="utf-8")
    status, out, err = _run(capsys, "agreement", path)
    assert status == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert str(path) in err and expected in err


def test_validity_prints_the_figures_of_frames_and_tone(corpus, capsys):
    status, out, _ = _run(capsys, "validity", corpus, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    frames = {r["id"]: r for r in rows if r["measure"] == "frame"}
    tone = [r for r in rows if r["measure"] == "tone"]
    assert status == 0 and set(frames["legality"]) == {"measure", "id", "precision", "recall", "f1", "n_pos"}
    assert frames["micro"]["f1"] >= 0.75
    assert [r["method"] for r in tone] == ["diplomatic", "vader"] and [r["default"] for r in tone] == [True, False]
    assert set(tone[0]) == {"measure", "method", "default", "pearson", "spearman", "accuracy3", "n"}


@pytest.mark.slow
def test_validity_shows_misreadings_candidates_and_corrected_shares(corpus, capsys):
    shown = ["--show", "all", "--voice", "iran_mfa", "--voice", "russia_mfa", "--wide"]  # --wide: cells in full
    status, out, _ = _run(capsys, "validity", corpus, *shown)
    assert status == 0
    for heading in ("== frames", "== tone", "== misreadings", "== candidate terms", "== corrected shares"):
        assert heading in out
    assert "false positive" in out and "missed" in out
    status, _, err = _run(capsys, "validity", corpus, "--show", "corrected")
    assert status == 2 and "--voice" in err


def test_validity_refuses_bad_codes_and_bad_methods(corpus, tmp_path, capsys):
    bad = tmp_path / "outside.csv"
    bad.write_text("doc_id,start,end,frame:economy\n2025-01-17-irmfa-signing-statement,0,99999,1\n", encoding="utf-8")
    status, _, err = _run(capsys, "validity", corpus, "--codes", bad)
    assert status == 2 and "line 2, column 3 (end)" in err and "outside the document" in err
    status, _, err = _run(capsys, "validity", corpus, "--method", "vader")
    assert status == 2 and "lexicon or a model file" in err
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("doc_id,start,end,frame:weather\n", encoding="utf-8")
    status, _, err = _run(capsys, "validity", corpus, "--codes", unknown)
    assert status == 2 and "unknown frame id 'weather'" in err


@pytest.mark.slow
def test_train_saves_a_model_that_validity_and_sample_use(corpus, tmp_path, capsys):
    model = tmp_path / "model.json"
    status, out, err = _run(capsys, "train", corpus, "--out", model, "--folds", "3")
    assert status == 0 and model.is_file() and "saved" in err and "micro" in out
    data = json.loads(model.read_text(encoding="utf-8"))
    assert data["validation"]["cross_validation"] == "3 folds grouped by document"
    status, out, err = _run(capsys, "validity", corpus, "--method", model, "--format", "jsonl")
    assert status == 0 and "in-sample" in err
    assert "model-tone" in {json.loads(line).get("method") for line in out.splitlines()}
    sheet = tmp_path / "next.csv"
    status, _, _ = _run(capsys, "sample", corpus, "--voice", "outlet", "--n", "4", "--uncertain", model, "--out", sheet)
    assert status == 0 and "uncertainty" in sheet.read_text(encoding="utf-8").splitlines()[0]
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    status, _, err = _run(capsys, "validity", corpus, "--method", broken)
    assert status == 2 and "not a model of framing train" in err
