"""Validity where the reports and commands use the measures: comparisons, report sections, --method MODEL.json."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import analysis as fa
from analysis.cli import main
from analysis.compare.validated import mark_low_validity
from analysis.pipeline.study import load_study
from analysis.render.validation import validation_section
from analysis.validation import train_detector
from analysis.validation.learned import LearnedDetectorError

from .conftest import ROOT

CODED = ROOT / "tests" / "fixtures" / "coded_corpus"
UNCODED = ROOT / "tests" / "fixtures" / "institutions"


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coded") / "corpus"
    shutil.copytree(CODED, folder)
    return folder


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    """A model trained on a few of our own sentences (frames and tone)."""
    texts = [f"Trade and investment grew in {m}." for m in ("May", "June", "July", "August", "March", "April")] + [
        f"The missile threat grew in {m}." for m in ("May", "June", "July", "August", "March", "April")
    ]
    labels = pd.DataFrame(
        {
            "frame:economy": [1.0] * 6 + [0.0] * 6,
            "frame:security": [0.0] * 6 + [1.0] * 6,
            "tone": [1.0, 2.0, 1.0, 0.0, 1.0, 2.0, -2.0, -1.0, -2.0, -3.0, -1.0, -2.0],
        }
    )
    return train_detector(texts, labels).save(tmp_path_factory.mktemp("model") / "model.json")


@pytest.mark.slow
def test_a_comparison_of_a_coded_corpus_carries_its_validity(coded):
    run = fa.analyse_corpus(coded, store=True)
    comparison = fa.compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=199)
    micro = comparison.frame_validity.set_index("id").loc["micro"]
    assert micro["n"] == 387 and micro["f1"] >= 0.75
    assert comparison.tone_validity["method"].tolist() == ["diplomatic", "vader"]
    assert comparison.tone_validity["default"].tolist() == [True, False]
    assert set(comparison.corrected["voice"]) == {"iran_mfa", "russia_mfa"}
    assert comparison.agreement.set_index("id").loc["tone", "n_units"] == 387
    again = fa.compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=199)  # read from the store
    assert again.corrected.equals(comparison.corrected) and again.frame_validity.attrs["spans"] == 387
    section = validation_section(again, "all", corpus=coded).data
    for heading in ("The frame detector against the codes", "Tone against the coded tone", "raw and corrected"):
        assert heading in section
    assert "387 spans coded" in section and str(coded.parent) not in section  # the folder's name only


def test_a_comparison_of_a_corpus_without_codes_says_how_to_validate_it():
    comparison = fa.compare_voices(fa.analyse_corpus(UNCODED), "iran_mfa", "russia_mfa", n_resamples=199, cache=False)
    assert comparison.frame_validity.empty and comparison.corrected.empty
    assert list(comparison.agreement.columns) == ["measure", "id", "alpha", "low", "high", "n_units", "note"]
    section = validation_section(comparison, "frames", corpus=UNCODED).data
    assert "not validated on this corpus" in section
    assert "framing sample institutions" in section and "framing validity institutions" in section


def test_frames_below_an_f1_of_0_6_are_marked_in_the_shares():
    shares = pd.DataFrame({"frame": ["a", "b", "c"], "note": ["", "", "few units"]})
    figures = pd.DataFrame({"id": ["a", "b", "micro"], "f1": [0.59, 0.6, 0.3]})
    notes = mark_low_validity(shares, figures)["note"].tolist()
    assert notes[0].startswith("measured F1 0.59 < 0.6") and notes[1:] == ["", "few units"]


def test_a_model_file_is_a_detector_and_a_method_of_the_study(model, tmp_path):
    study = load_study(CODED)
    detector = study.frame_detector(model)
    assert detector.frame_ids == ("economy", "security") and len(detector.features.lexicon.masker) > 0
    assert detector.detect(["Investment grew.", "A missile."]).tolist() == [[True, False], [False, True]]
    tone = study.sentiment_method(model)
    assert tone.score(["Trade grew."])[0][3] > 0 > tone.score(["The missile threat."])[0][3]
    frames_only = train_detector(["Trade."] * 6 + ["War."] * 6, pd.DataFrame({"frame:economy": [1.0] * 6 + [0.0] * 6}))
    path = frames_only.save(tmp_path / "frames_only.json")
    with pytest.raises(LearnedDetectorError, match="has no tone regressor"):
        study.sentiment_method(path)


@pytest.mark.slow
def test_the_commands_take_a_model_file_as_method(coded, model, capsys):
    assert main(["frames", str(coded), "--method", str(model), "--by", "side", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["frame"] for r in rows} == {"economy", "security"}
    assert main(["sentiment", str(coded), "--method", str(model), "--by", "side", "--format", "jsonl"]) == 0
    assert "side:iran" in capsys.readouterr().out
    comparison = fa.compare_voices(fa.analyse_corpus(coded, store=True), "iran_mfa", "russia_mfa",
                                   n_resamples=199, frames=str(model), method=str(model))  # fmt: skip
    assert comparison.frames["frame"].unique().tolist() == ["economy", "security"]
    assert comparison.tone_validity["method"].tolist()[0] == "learned-tone"


@pytest.mark.slow
def test_the_validation_benchmark_prints_the_issues_figures(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("validation_benchmark", ROOT / "benchmarks" / "validation.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert benchmark.main([]) == 0
    out = capsys.readouterr().out
    for section in ("1. Agreement", "2. The frame lexicon", "3. The learned detector", "4. Tone", "5. The human-rated"):
        assert section in out
    assert "held-out documents   now" in out and "mean micro F1" in out
