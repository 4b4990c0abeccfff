"""The learned scorer: a shipped file, never trained at test time, an option because it did not earn default."""

from __future__ import annotations

import json

import pytest
from scipy import stats

from analysis.paths import package_data
from analysis.sentiment import (
    DEFAULT_METHOD,
    explain_sentiment,
    learned_method,
    learned_table,
    load_validation,
    score_sentiment,
    sentiment_methods,
)
from analysis.sentiment.learned import DENSE_FEATURES, LearnedModelError, load_model, ngrams

from .conftest import ROOT, SENTIMENT_BENCH


def test_the_model_file_is_small_and_says_how_it_was_validated():
    path = package_data("sentiment_model.json")
    assert path.stat().st_size < 300_000
    model = load_model()
    assert model.trained_on == ("amazonReviewSnippets", "movieReviewSnippets", "tweets")
    assert len(model.dense_weights) == len(DENSE_FEATURES) and 0 < len(model.weights) <= 5_000
    held = model.validation["held_out"]
    assert set(held) == set(model.trained_on)
    assert (ROOT / "analysis" / "data" / "sentiment_model.md").is_file()
    assert (ROOT / "scripts" / "train_sentiment_model.py").is_file()


def test_it_is_the_default_only_if_it_beats_vader_on_every_held_out_set():
    validation = load_model().validation
    beats = all(row["learned"] > row["vader"] for row in validation["held_out"].values())
    assert validation["beats_vader_on_every_held_out_set"] is beats
    assert (DEFAULT_METHOD == "learned") is beats
    assert "learned" in sentiment_methods()
    assert learned_table().loc["tweets", "learned"] == validation["held_out"]["tweets"]["learned"]


def test_scores_and_explanations_add_up():
    texts = ["A wonderful and moving film.", "A dull, pointless mess.", ""]
    table = score_sentiment(texts, method="learned")
    assert table["compound"].iloc[0] > 0.3 and table["compound"].iloc[1] < -0.3
    trace = explain_sentiment(texts[0], method="learned")
    assert trace.compound == table["compound"].iloc[0]
    assert sum(w.contribution for w in trace.words) == pytest.approx(trace.compound, abs=0.01)
    assert any(w.token == "wonderful" for w in trace.words)


def test_ngrams_skip_masked_names():
    assert ngrams("______ met ____ today") == ["met", "today", "met today"]
    method = learned_method()
    assert [s.text for s in method.trace("Lavrov met the press.").masked] == ["Lavrov"]


def test_a_bad_model_file_is_named(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"dense_weights": []}), encoding="utf-8")
    with pytest.raises(LearnedModelError, match="not a model file"):
        load_model(path)
    with pytest.raises(LearnedModelError, match="no such file"):
        load_model(tmp_path / "absent.json")


@pytest.mark.skipif(not SENTIMENT_BENCH.is_dir(), reason="no ../shared/bench/sentiment")
def test_the_shipped_model_reproduces_its_benchmark_figures():
    # in-sample r (the model was trained on these sets): it must match what the benchmark wrote
    path = SENTIMENT_BENCH / "amazonReviewSnippets_GroundTruth.txt"
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()]
    ratings = [float(r[1]) for r in rows if len(r) == 3]
    texts = [r[2] for r in rows if len(r) == 3]
    r = stats.pearsonr(score_sentiment(texts, method="learned")["compound"], ratings)[0]
    written = load_validation()["human_rated"]["amazonReviewSnippets"]["pearson"]["learned (in-sample)"]
    assert r == pytest.approx(written, abs=1e-3)
