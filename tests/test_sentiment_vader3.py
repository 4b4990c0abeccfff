"""The "vader3" rule set gives exactly the vaderSentiment 3.3.2 package's scores, and explains them."""

from __future__ import annotations

import json
import string
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import AnalysisError
from analysis.sentiment import (
    SentimentError,
    explain_sentiment,
    explain_sentiments,
    explainable_methods,
    score_sentiment,
    words_summary,
)
from analysis.sentiment.engines import vader_engine
from analysis.sentiment.vader3 import Vader3Engine

from .conftest import SENTIMENT_BENCH, compound_from_trace, sentiment_bench_texts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sentiment_vader3_sentences.txt"
BENCH = SENTIMENT_BENCH


def fixture_sentences() -> list[str]:
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("# ")]


@cache
def package():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def engine() -> Vader3Engine:
    return vader_engine("vader3")  # type: ignore[return-value]


def recomputed_compound(text: str) -> float:
    """The compound rebuilt from the explanation alone (clipped to [-1, 1] as the package does)."""
    return compound_from_trace(engine().trace(text))


# the fixture --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", fixture_sentences())
def test_fixture_scores_equal_the_package(text):
    assert engine().polarity_scores(text) == package().polarity_scores(text)


@pytest.mark.parametrize("text", fixture_sentences())
def test_explanation_adds_up_to_the_score(text):
    trace = engine().trace(text)
    assert trace.scores() == package().polarity_scores(text)
    assert recomputed_compound(text) == trace.compound
    assert trace.rule_set == "vader3"


def test_fixture_exercises_every_rule_and_mostly_differs_from_nltk():
    sentences = fixture_sentences()
    assert len(sentences) >= 80
    rules = {rule for text in sentences for w in engine().trace(text).words for rule in w.rules}
    expected = [
        "'no' before a lexicon word",
        "negated by 'no'",
        "from emoji",
        "'without",
        "the package's list.index",
        "not rescaled by 'but'",
        "ALL CAPS",
        "booster",
        "dampener",
        "idiom",
        "'least'",
        "before 'but'",
        "after 'but'",
        "'never so'",
        "negated by",
    ]
    missing = [prefix for prefix in expected if not any(prefix in rule for rule in rules)]
    assert missing == []
    differ = [t for t in sentences if engine().polarity_scores(t) != vader_engine().polarity_scores(t)]
    assert len(differ) >= 40


def test_score_sentiment_vader3_equals_vadersentiment_method():
    sentences = fixture_sentences()
    ours = score_sentiment(sentences, method="vader3")
    reference = score_sentiment(sentences, method="vadersentiment")
    assert ours[["neg", "neu", "pos", "compound"]].equals(reference[["neg", "neu", "pos", "compound"]])
    assert set(ours["method"]) == {"vader3"}


@pytest.mark.parametrize("text", ["", " ", "\t\n", "a", "!", "?? !!", "😀", "©", "  💔  "])
def test_degenerate_texts_equal_the_package(text):
    assert engine().polarity_scores(text) == package().polarity_scores(text)


# the rules ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule_set", "tokens"),
    [
        ("good!!!! (fine) no! ok. a", "nltk", ["good!!!!", "(fine)", "no", "ok"]),
        ("good!!!! (fine) no! ok. a", "vader3", ["good", "fine", "no!", "ok.", "a"]),
        ("I love 😀😀x", "vader3", ["I", "love", "grinning", "face", "grinning", "facex"]),
    ],
)
def test_tokens(text, rule_set, tokens):
    assert vader_engine(rule_set).tokens(text) == tokens


def test_no_problem_is_positive_under_vader3_only():
    assert vader_engine().scores("No problem.")[3] < 0 < engine().scores("No problem.")[3]


def test_a_repeated_word_is_scored_in_its_own_context():
    words = engine().trace("Not good. It was good.").words
    assert [(w.token, w.valence) for w in words] == [("good", pytest.approx(-1.406)), ("good", 1.9)]
    nltk_words = vader_engine().trace("Not good. It was good.").words
    assert nltk_words[1].valence == nltk_words[0].valence  # nltk reuses the first context


def test_but_quirk_is_explained():
    words = {w.token: w for w in engine().trace("The deal is nice, but okay.").words}
    assert words["nice"].contribution == pytest.approx(0.45)  # rescaled twice
    assert words["okay"].contribution == words["okay"].valence  # not rescaled at all
    assert any("list.index" in rule for rule in words["nice"].rules)
    assert any("not rescaled" in rule for rule in words["okay"].rules)


def test_emoji_words_name_their_emoji():
    words = engine().trace("Talks 😀went well").words
    assert [(w.token, w.rules) for w in words] == [("grinning", ("from emoji 😀",)), ("well", ())]


def test_a_100_kb_text_with_but_is_fast():
    text = "good and bad but nice " * 5000
    start = time.perf_counter()
    scores = engine().scores(text)
    assert time.perf_counter() - start < 2
    assert -1 <= scores[3] <= 1


# the public API ------------------------------------------------------------------------------
def test_explain_with_a_method():
    assert explainable_methods() == ["diplomatic", "learned", "vader", "vader3"]
    assert explain_sentiment("No problem.", method="vader3").compound == 0.3089
    assert explain_sentiment("No problem.", method="vader").compound == -0.5994  # nltk's rules
    assert explain_sentiment("No problem.").compound == -0.5994  # the default, "diplomatic", keeps them
    table = explain_sentiments(["No problem.", "Good 😀"], method="vader3")
    assert table[["text_id", "token"]].values.tolist() == [[0, "No"], [0, "problem"], [1, "Good"], [1, "grinning"]]
    assert words_summary("No problem.", method="vader3") == "problem +1.26"


@pytest.mark.parametrize(("method", "message"), [("vadersentiment", "no explanations"), ("bert", "unknown")])
def test_explain_rejects_methods_without_explanations(method, message):
    with pytest.raises(SentimentError, match=message):
        explain_sentiment("good", method=method)


def test_unknown_rule_set():
    with pytest.raises(AnalysisError, match="unknown VADER rule set"):
        vader_engine("vader2")


# random texts ----------------------------------------------------------------------------------
_WORDS = [
    "good", "bad", "great", "nice", "okay", "happy", "fine", "love", "hate", "problem", "doubt",
    "no", "No", "not", "never", "without", "or", "nor", "but", "least", "at", "very", "so", "this",
    "kind", "of", "sort", "just", "enough", "total", "major", "slight", "extremely", "the", "shit",
    "bomb", "yeah", "right", "to", "die", "for", "bus", "stop", "beating", "heart", "bad", "ass",
    "a", "I", ":)", ":(", "<3", ":D", "😀", "😡", "👍", "🔛", "💔", "🙏🏽", "☺️",
]  # fmt: skip
_DECORATIONS = ["{}", "{}", "{}", "{}.", "{},", "{}!", "{}!!", "{}?", "{}??", "'{}'", "({})", "{}!?!", "!{}", "{}😀"]


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), max_size=14))
    pieces = []
    for word in words:
        if draw(st.integers(0, 5)) == 0:
            word = word.upper()
        elif draw(st.integers(0, 7)) == 0:
            word = word.capitalize()
        pieces.append(draw(st.sampled_from(_DECORATIONS)).format(word))
    return draw(st.sampled_from([" ", "  ", " \t", ""])).join(pieces)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_texts())
def test_random_rule_texts_equal_the_package(text):
    assert engine().polarity_scores(text) == package().polarity_scores(text)
    assert recomputed_compound(text) == engine().trace(text).compound


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.text(string.printable, max_size=60))
def test_arbitrary_text_equals_the_package(text):
    assert engine().polarity_scores(text) == package().polarity_scores(text)


# the human-rated sets -------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(not BENCH.is_dir(), reason="no ../shared/bench/sentiment")
def test_every_benchmark_text_equals_the_package():
    texts = sentiment_bench_texts()
    assert len(texts) == 18_513
    different = [t for t in texts if engine().polarity_scores(t) != package().polarity_scores(t)]
    assert different == []


def test_benchmark_names_the_method_that_meets_the_target(tmp_path, monkeypatch, capsys):
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "sentiment.py"
    spec = importlib.util.spec_from_file_location("sentiment_benchmark_vader3", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lines = ["1\t2.5\tNo problem at all.", "2\t-2.0\tThe talks were bad.", "3\t1.5\tGood, good, good!"]
    lines += ["4\t0.2\tIt was fine.", "5\t-3.1\tHorrible 😡 and unfair.", "6\t2.9\tI LOVE it 😀"]
    (tmp_path / "tiny_GroundTruth.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(module, "BENCH", tmp_path)
    monkeypatch.setattr(module, "VALIDATION", tmp_path / "validation.json")
    monkeypatch.setattr(module, "pin_one_core", lambda: "not pinned")
    monkeypatch.setattr(module, "MIN_RATE", 0)
    assert module.main(["--strict", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    labels = [" ".join(line.split()[2:-3]) for line in out.splitlines() if line.startswith("tiny ")]
    assert labels == [
        "vader",
        "vader3",
        "diplomatic",
        "masking only",
        "adjustments only",
        "learned (in-sample)",
        "vaderSentiment",
        "nltk",
    ]
    assert "differs from vaderSentiment on 0" in out
    assert "all --strict targets met" in out
    written = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    assert set(written["human_rated"]) == {"tiny"} and written["probes"]["count"] == 30
