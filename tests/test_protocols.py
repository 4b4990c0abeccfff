"""Methods are protocols: every built-in sentiment method and frame detector keeps its contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import analysis.sentiment.registry as registry
from analysis.pipeline.study import load_study
from analysis.salience import (
    DetectorError,
    ExplainableDetector,
    FrameDetector,
    check_frame_detector,
    frame_detectors,
    frame_shares,
    get_detector,
    load_frames,
    register_detector,
    unregister_detector,
)
from analysis.sentiment import (
    ExplainableMethod,
    ResourceAwareMethod,
    SentimentError,
    SentimentResources,
    check_sentiment_method,
    get_method,
    load_dictionary,
    register_method,
    score_sentiment,
    sentiment_methods,
    unregister_method,
)
from analysis.sentiment.methods import FunctionMethod

DICTIONARIES = Path(__file__).parent / "fixtures" / "dictionaries"


@pytest.mark.parametrize("name", sorted(registry.BUILT_IN))
def test_every_built_in_sentiment_method_passes_the_conformance_check(name):
    check_sentiment_method(get_method(name))


def test_a_dictionary_method_passes_the_conformance_check():
    dictionary = next(p for p in sorted(DICTIONARIES.iterdir()) if p.suffix in (".lc3", ".cat", ".dic", ".yml"))
    method = load_dictionary(dictionary)
    assert isinstance(method, ExplainableMethod) and isinstance(method, ResourceAwareMethod)
    check_sentiment_method(method)


def test_the_optional_parts_are_declared_not_guessed():
    assert isinstance(get_method("diplomatic"), ExplainableMethod)
    assert isinstance(get_method("diplomatic"), ResourceAwareMethod)
    assert not isinstance(get_method("vader_nltk"), ExplainableMethod)
    assert not isinstance(get_method("vader"), ResourceAwareMethod)
    assert isinstance(load_study("-"), SentimentResources)


def test_built_in_methods_are_listed_explicitly_not_registered_by_importing():
    assert sentiment_methods() == sorted(registry.BUILT_IN)
    import analysis.sentiment.diplomatic
    import analysis.sentiment.learned  # noqa: F401

    assert sentiment_methods() == sorted(registry.BUILT_IN)


def test_a_user_method_is_registered_checked_and_removed():
    register_method("constant", lambda texts: [(0.0, 1.0, 0.0, 0.0) for _ in texts])
    try:
        method = get_method("constant")
        assert isinstance(method, FunctionMethod) and method.name == "constant"
        check_sentiment_method(method)
        assert score_sentiment(["any"], method="constant")["method"].tolist() == ["constant"]
        with pytest.raises(SentimentError, match="already registered"):
            register_method("constant", method)
    finally:
        unregister_method("constant")
    assert "constant" not in sentiment_methods()


@pytest.mark.parametrize(
    ("function", "broken"),
    [
        (lambda texts: [(0.0, 1.0, 0.0, 0.0)] * min(len(texts), 1), "returned 1 rows"),
        (lambda texts: [(0.0, 1.0, 0.0, 2.0) for _ in texts], "outside"),
        (lambda texts: [(0.0, 1.0, 0.0, float("nan")) for _ in texts], "four finite numbers"),
        (lambda texts: [(0.0, 1.0, 0.0, min(len(texts), 5) / 10) for _ in texts], "among other texts"),
    ],
)
def test_a_broken_method_fails_the_check_with_what_it_broke(function, broken):
    with pytest.raises(SentimentError, match=broken):
        check_sentiment_method(FunctionMethod("broken", function))


def test_a_resource_aware_method_reads_the_study_it_is_bound_to(tmp_path):
    root = tmp_path / "study"
    (root / "documents").mkdir(parents=True)
    (root / "titles.yml").write_text("titles:\n  agreements: [Grand Bargain]\n", encoding="utf-8")
    study = load_study(root)
    text = "The Grand Bargain is excellent."
    assert get_method("diplomatic").trace(text).masked == ()
    bound = study.sentiment_method("diplomatic")
    assert [s.text for s in bound.trace(text).masked] == ["Grand Bargain"]
    check_sentiment_method(get_method("diplomatic"), study)


def test_the_frame_lexicon_is_a_detector_and_passes_the_check():
    lexicon = load_frames()
    assert isinstance(lexicon, FrameDetector) and isinstance(lexicon, ExplainableDetector)
    check_frame_detector(lexicon)
    assert frame_detectors() == ["lexicon"]
    assert get_detector("lexicon").frame_ids == lexicon.frame_ids


class _KeywordDetector:
    """A minimal detector of two frames, by keywords (as a user's own would be)."""

    name = "keywords"
    source = "<test>"
    frame_ids = ("trade", "war")
    frame_labels = ("Trade", "War")

    def detect(self, texts):
        return np.array([[("trade" in t.lower()), ("war" in t.lower())] for t in texts], dtype=bool).reshape(
            len(texts), 2
        )


def test_any_detector_drives_frame_shares_and_can_be_registered():
    detector = _KeywordDetector()
    check_frame_detector(detector)
    shares = frame_shares(["Trade grows.", "War looms.", "Trade and war."], detector, by="doc")
    assert set(shares["frame"]) == {"trade", "war"} and shares.attrs["detector"] == "keywords"
    register_detector("keywords", _KeywordDetector)
    try:
        assert "keywords" in frame_detectors()
        assert frame_shares(["Trade grows."], "keywords", by="doc")["k"].tolist() == [1, 0]
    finally:
        unregister_detector("keywords")
    with pytest.raises(DetectorError, match="unknown frame detector 'keywords'"):
        get_detector("keywords")


def test_a_broken_detector_fails_the_check():
    class Wrong(_KeywordDetector):
        def detect(self, texts):
            return np.zeros((len(texts), 3), dtype=bool)

    class Floats(_KeywordDetector):
        def detect(self, texts):
            return np.zeros((len(texts), 2))

    with pytest.raises(DetectorError, match="shape"):
        check_frame_detector(Wrong())
    with pytest.raises(DetectorError, match="boolean"):
        check_frame_detector(Floats())
    with pytest.raises(DetectorError, match="not a frame detector"):
        check_frame_detector(object())
