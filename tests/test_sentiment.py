"""score_sentiment, methods, explanations, boilerplate flags and score_units."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.sentiment import (
    SCORE_COLUMNS,
    BoilerplatePattern,
    SentimentError,
    explain_sentiment,
    explain_sentiments,
    flag_boilerplate,
    load_boilerplate,
    polarity,
    register_method,
    score_sentiment,
    score_units,
    sentiment_methods,
    unregister_method,
    vader_analyzer,
    words_summary,
)

CONDOLENCES = (
    "Moscow firmly condemns the terrorist attack and expresses deep condolences to the families of the victims."
)


# scoring -----------------------------------------------------------------------------------
def test_columns_order_and_method():
    frame = score_sentiment(["Good.", "Bad."])
    assert list(frame.columns) == [*SCORE_COLUMNS, "method"]
    assert frame["method"].tolist() == ["diplomatic", "diplomatic"]  # the default method since issue 15
    assert score_sentiment(["Good."], method="vader")["method"].tolist() == ["vader"]
    assert frame["compound"].dtype == np.float64


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "a", "!", "a b c"])
def test_texts_without_words_score_zero(text):
    row = score_sentiment([text]).iloc[0]
    assert row[SCORE_COLUMNS].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert polarity(row["compound"]) == "neutral"


def test_series_index_is_kept_and_single_string_accepted():
    texts = pd.Series(["Good.", "Bad."], index=["x", "y"])
    assert score_sentiment(texts).index.tolist() == ["x", "y"]
    assert len(score_sentiment("Good.")) == 1


def test_empty_input_gives_empty_table():
    frame = score_sentiment([])
    assert frame.empty and list(frame.columns) == [*SCORE_COLUMNS, "method"]


def test_each_distinct_text_is_scored_once():
    seen: list[str] = []

    def counting(texts: list[str]):
        seen.extend(texts)
        return [(0.0, 1.0, 0.0, 0.0) for _ in texts]

    register_method("counting", counting)
    try:
        frame = score_sentiment(["a", "b", "a", "a"], method="counting")
    finally:
        unregister_method("counting")
    assert seen == ["a", "b"] and len(frame) == 4


@pytest.mark.parametrize(
    ("value", "message"),
    [(None, "missing"), (float("nan"), "missing"), (b"bytes", "decode bytes"), (3, "int")],
)
def test_non_text_values_raise_a_clear_error(value, message):
    with pytest.raises(SentimentError, match=message) as error:
        score_sentiment(["fine", value])
    assert "text 1" in str(error.value)
    assert isinstance(error.value, AnalysisError)


def test_unknown_method_lists_the_known_ones():
    with pytest.raises(SentimentError, match="vader_nltk"):
        score_sentiment(["x"], method="bert")


def test_registering_twice_needs_replace():
    with pytest.raises(SentimentError, match="already registered"):
        register_method("vader", lambda texts: [])
    assert {"vader", "vader_nltk", "vadersentiment"} <= set(sentiment_methods())


def test_a_100_kb_sentence_is_scored_quickly_and_saturates():
    text = "The partnership is good and the sanctions are bad " * 2000
    assert len(text) >= 100_000
    score_sentiment(["Loads the lexicon and the names first."])  # the time below is the text's, not the loading's
    start = time.perf_counter()
    row = score_sentiment([text]).iloc[0]
    assert time.perf_counter() - start < 2.0
    assert -1.0 <= row["compound"] <= 1.0
    assert row[["neg", "neu", "pos"]].sum() == pytest.approx(1.0, abs=0.01)


def test_a_100_kb_text_of_distinct_words_is_linear():
    text = " ".join(f"word{i}" for i in range(20_000)) + " good"
    start = time.perf_counter()
    assert score_sentiment([text])["compound"].item() > 0
    assert time.perf_counter() - start < 2.0


def test_odd_characters_do_not_crash():
    texts = ["\x00\x01 good \x7f", "\udc80 bad", "﻿good", "good\u2028bad", "🙂" * 1000]
    frame = score_sentiment(texts)
    assert frame["compound"].between(-1, 1).all()


def test_polarity_thresholds_are_vaders():
    values = pd.Series([0.05, 0.0499, -0.0499, -0.05, np.nan])
    assert polarity(values).tolist()[:4] == ["positive", "neutral", "neutral", "negative"]
    assert polarity(np.array([0.5]))[0] == "positive"


# explanations ------------------------------------------------------------------------------
def test_explanation_of_the_boilerplate_example():
    trace = explain_sentiment(CONDOLENCES, method="vader")
    assert trace.compound == vader_analyzer().polarity_scores(CONDOLENCES)["compound"]
    assert trace.compound < -0.9
    assert {w.token for w in trace.words} >= {"condemns", "terrorist", "attack", "victims"}
    assert sum(w.contribution for w in trace.words) == pytest.approx(trace.sum)


def test_explain_sentiments_long_table_keeps_series_labels():
    texts = pd.Series(["Not good.", "Nothing here.", "Great and happy!"], index=["u1", "u2", "u3"])
    table = explain_sentiments(texts)
    assert table["text_id"].tolist() == ["u1", "u3", "u3"]
    assert table.loc[0, "rules"] == "negated by 'Not' x-0.74"
    assert table.loc[0, "contribution"] == pytest.approx(1.9 * -0.74)


def test_words_summary_lists_contributions():
    assert words_summary("Not good.") == "good -1.41"
    assert words_summary("Nothing here.") == ""


def test_explain_rejects_non_text():
    with pytest.raises(SentimentError):
        explain_sentiment(None)  # type: ignore[arg-type]


# boilerplate -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (CONDOLENCES, "condolences"),
        ("Tehran strongly condemned the terrorist attack in Moscow.", "condemn_terrorism"),
        ("The ministry condemned this heinous act of terrorism.", "condemn_terrorism"),
        ("He expressed his deepest sympathy to the bereaved families.", "sympathy"),
        ("We wish the injured a speedy recovery.", "recovery_wishes"),
        ("The nation is mourning the victims.", "mourning"),
        ("Iran condemns the US strikes on its territory.", ""),
        ("Russia accused the West of supporting terrorists.", ""),
        ("The treaty was signed in Moscow.", ""),
        ("Moscow condemned the sanctions as economic terrorism by the West", ""),
    ],
)
def test_boilerplate_patterns(text, rule):
    assert flag_boilerplate([text]).item() == rule


def test_boilerplate_from_a_corpus_folder_overrides_the_default(tmp_path):
    (tmp_path / "boilerplate.yml").write_text(
        "patterns:\n  - id: thanks\n    description: thanks\n    regex: '\\bthank(s| you)\\b'\n", encoding="utf-8"
    )
    assert [p.id for p in load_boilerplate(tmp_path)] == ["thanks"]
    assert flag_boilerplate(["Thank you, Moscow.", CONDOLENCES], patterns=tmp_path).tolist() == ["thanks", ""]
    # a folder without its own file uses the package default
    empty = tmp_path / "other"
    empty.mkdir()
    assert "condolences" in [p.id for p in load_boilerplate(empty)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("patterns: [", "not valid"),
        ("nothing: 1", "'patterns' list"),
        ("patterns:\n  - id: x\n", "non-empty 'regex'"),
        ("patterns:\n  - id: Bad Id\n    regex: x\n", "lower-case"),
        ("patterns:\n  - id: broken\n    regex: '(unclosed'\n", "bad regular expression"),
    ],
)
def test_bad_boilerplate_files_name_the_problem(tmp_path, content, message):
    path = tmp_path / "boilerplate.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SentimentError, match=message) as error:
        load_boilerplate(path)
    assert str(path) in str(error.value)


def test_missing_boilerplate_file(tmp_path):
    with pytest.raises(SentimentError, match="no such file"):
        load_boilerplate(tmp_path / "nope.yml")


def test_patterns_can_be_given_directly_or_switched_off():
    import re

    patterns = [BoilerplatePattern("greeting", "", re.compile("hello", re.I))]
    assert flag_boilerplate(["Hello there"], patterns=patterns).tolist() == ["greeting"]
    assert flag_boilerplate([CONDOLENCES], patterns=False).tolist() == [""]


# units -------------------------------------------------------------------------------------
def test_score_units_adds_ids_scores_and_flags_without_changing_scores():
    units = pd.DataFrame(
        {"doc_id": ["d", "d"], "start": [0, 120], "end": [106, 140], "text": [CONDOLENCES, "Ties are excellent."]}
    )
    scored = score_units(units)
    assert scored["unit_id"].tolist() == ["d:0-106", "d:120-140"]
    assert scored["boilerplate"].tolist() == [True, False]
    assert scored["boilerplate_rule"].tolist() == ["condolences", ""]
    assert scored["polarity"].tolist() == ["negative", "positive"]
    unflagged = score_units(units, boilerplate=False)
    assert scored["compound"].equals(unflagged["compound"])
    assert not unflagged["boilerplate"].any()
    assert list(units.columns) == ["doc_id", "start", "end", "text"]  # input unchanged


def test_score_units_keeps_an_existing_unit_id_and_needs_text():
    units = pd.DataFrame({"unit_id": ["u"], "text": ["fine"]})
    assert score_units(units)["unit_id"].tolist() == ["u"]
    with pytest.raises(SentimentError, match="'text'"):
        score_units(pd.DataFrame({"x": [1]}))


def test_score_units_of_an_empty_table():
    scored = score_units(pd.DataFrame({"doc_id": [], "start": [], "end": [], "text": []}))
    assert scored.empty and "compound" in scored and "boilerplate" in scored


def test_score_units_with_a_repeated_index_keeps_rows_aligned():
    units = pd.DataFrame({"text": ["Good.", "Bad.", CONDOLENCES]}, index=[0, 0, 1])
    scored = score_units(units)
    assert scored["compound"].tolist() == score_sentiment(list(units["text"]))["compound"].tolist()
    assert scored["boilerplate"].tolist() == [False, False, True]
