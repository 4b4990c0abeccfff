"""The fast VADER engine gives exactly nltk's scores, and its explanations add up to them."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.sentiment import score_sentiment, vader_analyzer, vader_engine

from .conftest import SENTIMENT_BENCH, compound_from_trace, sentiment_bench_texts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sentiment_sentences.txt"
BENCH = SENTIMENT_BENCH


def fixture_sentences() -> list[str]:
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("# ")]


def nltk_scores(text: str) -> dict[str, float]:
    return vader_analyzer().polarity_scores(text)


def recomputed_compound(text: str) -> float:
    """The compound rebuilt from the explanation alone."""
    return compound_from_trace(vader_engine().trace(text))


@pytest.mark.parametrize("text", fixture_sentences())
def test_fixture_scores_equal_nltk(text):
    assert vader_engine().polarity_scores(text) == nltk_scores(text)


@pytest.mark.parametrize("text", fixture_sentences())
def test_explanation_adds_up_to_the_score(text):
    trace = vader_engine().trace(text)
    assert trace.scores() == nltk_scores(text)
    assert recomputed_compound(text) == trace.compound


def test_fixture_has_enough_sentences_and_rules():
    sentences = fixture_sentences()
    assert len(sentences) >= 50
    rules = {rule.split(" ")[0] for text in sentences for w in vader_engine().trace(text).words for rule in w.rules}
    # every kind of rule fires somewhere in the fixture
    assert {"ALL", "booster", "negated", "idiom", "dampener", "'least'", "before", "after", "context"} <= rules


def test_score_sentiment_vader_and_vader_nltk_agree_on_fixture():
    sentences = fixture_sentences()
    ours = score_sentiment(sentences, method="vader")
    reference = score_sentiment(sentences, method="vader_nltk")
    assert ours[["neg", "neu", "pos", "compound"]].equals(reference[["neg", "neu", "pos", "compound"]])


def test_known_differences_from_the_vadersentiment_package():
    # "no" is a negative word in nltk but a negation in vaderSentiment 3.3.2
    text = "no problem with the deal"
    ours = score_sentiment([text], method="vader")["compound"].item()
    package = score_sentiment([text], method="vadersentiment")["compound"].item()
    assert ours < 0 < package
    # emoji are described (and scored) by vaderSentiment only
    assert score_sentiment(["😀"], method="vader")["compound"].item() == 0.0
    assert score_sentiment(["😀"], method="vadersentiment")["compound"].item() > 0


def test_trace_names_the_rules():
    trace = vader_engine().trace("The deal isn't bad, but the sanctions are horrible.")
    by_token = {w.token: w for w in trace.words}
    assert any('negated by "isn\'t"' in r or "negated by 'isn't'" in r for r in by_token["bad"].rules)
    assert "before 'but' x0.5" in by_token["bad"].rules
    assert "after 'but' x1.5" in by_token["horrible"].rules
    assert by_token["horrible"].contribution == pytest.approx(by_token["horrible"].valence * 1.5)


def test_tokens_strip_punctuation_like_nltk():
    engine = vader_engine()
    assert engine.tokens("good... GREAT!!! (nice) :) a !? x") == ["good...", "GREAT", "(nice)", ":)", "!?"]


# Random texts built from the words the rules look at, with punctuation and capitals.
_RULE_WORDS = [
    "good",
    "bad",
    "great",
    "horrible",
    "happy",
    "sad",
    "love",
    "hate",
    "nice",
    "ugly",
    "kind",
    "fine",
    "no",
    "very",
    "extremely",
    "so",
    "this",
    "kind",
    "of",
    "sort",
    "never",
    "not",
    "isn't",
    "don't",
    "without",
    "least",
    "at",
    "but",
    "the",
    "shit",
    "bomb",
    "ass",
    "yeah",
    "right",
    "kiss",
    "death",
    "cut",
    "mustard",
    "hand",
    "to",
    "mouth",
    "can't",
    "stand",
    "fed",
    "up",
    ":)",
    ":(",
    "<3",
    ":D",
    "a",
    "I",
]
_DECORATIONS = ["{}", "{}", "{}", "{}.", "{},", "{}!", "{}!!", "{}?", "{}??", "{}...", "'{}'", "({})", "{}!?!", "!{}"]


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_RULE_WORDS), min_size=0, max_size=14))
    pieces = []
    for word in words:
        if draw(st.integers(0, 5)) == 0:
            word = word.upper()
        elif draw(st.integers(0, 7)) == 0:
            word = word.capitalize()
        pieces.append(draw(st.sampled_from(_DECORATIONS)).format(word))
    return draw(st.sampled_from([" ", "  ", " \t"])).join(pieces)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_texts())
def test_random_rule_texts_equal_nltk(text):
    assert vader_engine().polarity_scores(text) == nltk_scores(text)
    assert recomputed_compound(text) == vader_engine().trace(text).compound


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.text(string.printable, max_size=60))
def test_arbitrary_text_equals_nltk(text):
    assert vader_engine().polarity_scores(text) == nltk_scores(text)


@pytest.mark.slow
@pytest.mark.skipif(not BENCH.is_dir(), reason="no ../shared/bench/sentiment")
def test_every_benchmark_text_equals_nltk():
    texts = sentiment_bench_texts()
    assert len(texts) > 18_000
    engine, analyzer = vader_engine(), vader_analyzer()
    different = [t for t in texts if engine.polarity_scores(t) != analyzer.polarity_scores(t)]
    assert different == []


_MARKS = st.text(alphabet="!?.,;:-'\"()[]", max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_MARKS, st.sampled_from(["good", "GOOD", "bad", "not", "no", "x", "ok"]), _MARKS), max_size=8)
)
def test_words_in_any_punctuation_equal_nltk(words):
    text = " ".join(f"{before}{word}{after}" for before, word, after in words)
    assert vader_engine().polarity_scores(text) == nltk_scores(text)


def test_benchmark_skips_cleanly_without_the_shared_sets(tmp_path, monkeypatch, capsys):
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "sentiment.py"
    spec = importlib.util.spec_from_file_location("sentiment_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "BENCH", tmp_path / "absent")
    assert module.main([]) == 0
    assert "skipped" in capsys.readouterr().out
