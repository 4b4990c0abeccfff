"""Dictionaries users bring: four formats, one meaning; validation naming file and line; explanations."""

from __future__ import annotations

import json

import pytest

from analysis.cli import main
from analysis.sentiment import (
    DictionaryError,
    explain_sentiment,
    load_dictionary,
    read_dictionary,
    score_sentiment,
    sentiment_methods,
)
from analysis.sentiment.dictionaries import FORMATS
from analysis.sentiment.methods import DICTIONARY_SUFFIXES

from .conftest import ROOT

FOLDER = ROOT / "tests" / "fixtures" / "dictionaries"
FILES = [FOLDER / f"diplomacy{suffix}" for suffix in (".lc3", ".cat", ".dic", ".yml")]
TEXTS = [
    "Tehran welcomed the constructive and fruitful talks.",
    "The talks were not constructive.",
    "Moscow denounced US hegemony, sanctions and double standards.",
    "Relations are not hostile.",
    "The weather was fine.",
    "",
    "Mutually beneficial cooperation, praised by both sides, undermined by provocations.",
]


def test_every_suffix_has_a_reader():
    assert set(FORMATS) == set(DICTIONARY_SUFFIXES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.suffix)
def test_each_format_reads_the_same_entries(path):
    dictionary = read_dictionary(path)
    entries = {(e.category.lower(), e.pattern.lower()) for e in dictionary.entries}
    assert ("positive", "mutually beneficial") in entries and ("neg_negative", "not hostile") in entries
    assert len([e for e in dictionary.entries if e.category.lower() != "diplomacy"]) == 15


def test_the_four_formats_give_the_same_scores():
    scores = [score_sentiment(TEXTS, method=load_dictionary(path))[["neg", "neu", "pos", "compound"]] for path in FILES]
    for other in scores[1:]:
        assert other.equals(scores[0])


def test_scores_by_hand():
    method = load_dictionary(FILES[0])
    table = score_sentiment(TEXTS, method=method)
    # (P - N) / (P + N + 1)
    assert table["compound"].tolist()[:6] == [0.75, -0.5, -0.75, 0.5, 0.0, 0.0]
    # "not constructive" is one negated match, not also "constructive"; 4 units: the, talks, were, [not constructive]
    assert table.iloc[1][["neg", "neu", "pos"]].tolist() == [0.25, 0.75, 0.0]
    assert table["method"].unique().tolist() == ["dictionary:diplomacy"]


def test_globs_and_phrases_match_whole_words_case_insensitively():
    method = load_dictionary(FILES[0])
    trace = method.trace("PRAISE for the Praised, the praiseworthy; UNDERMINING; double   standards")
    assert [w.token for w in trace.words] == ["PRAISE", "Praised", "praiseworthy", "UNDERMINING", "double   standards"]
    assert [w.contribution for w in trace.words] == [1.0, 1.0, 1.0, -1.0, -1.0]
    assert trace.words[0].rules == ("positive: 'prais*' (line 7)",)


def test_names_are_masked_unless_asked_not_to():
    text = "The Treaty of Friendship and Cooperation was signed."
    assert explain_sentiment(text, method=load_dictionary(FILES[0])).compound == 0.0
    assert explain_sentiment(text, method=load_dictionary(FILES[0], mask=False)).compound == 0.5


def test_a_path_is_a_method_and_is_not_registered(tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text("positive: [fine]\nnegative: [awful]\n", encoding="utf-8")
    table = score_sentiment(["Fine.", "Awful."], method=str(path))
    assert table["compound"].tolist() == [0.5, -0.5] and table["method"].tolist() == ["dictionary:mine"] * 2
    assert "dictionary:mine" not in sentiment_methods()


def test_liwc_category_names_and_explicit_categories(tmp_path):
    path = tmp_path / "liwc.dic"
    path.write_text("%\n1\tposemo\n2\tnegemo\n3\tanger\n%\nhappy\t1\nsad\t2\nfurious\t2 3\n", encoding="utf-8")
    assert score_sentiment(["happy", "furious"], method=load_dictionary(path))["compound"].tolist() == [0.5, -0.5]
    anger = load_dictionary(path, positive=["posemo"], negative=["anger"])
    assert score_sentiment(["sad", "furious"], method=anger)["compound"].tolist() == [0.0, -0.5]


def test_nested_categories_use_their_last_part(tmp_path):
    path = tmp_path / "nested.yml"
    path.write_text("tone:\n  positive: [calm]\n  negative: [angry]\n", encoding="utf-8")
    method = load_dictionary(path)
    assert method.signs == {"tone.positive": 1, "tone.negative": -1}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.lc3", "good\n+positive\nfine\n", r"line 1: entry 'good' comes before any '\+category' line"),
        ("b.lc3", "+positive\ngood\n+positive\nfine\n", r"line 3: category 'positive' is defined twice"),
        ("c.lc3", "+positive\n*\n+negative\nbad\n", r"line 2: entry '\*' has no letters"),
        ("d.cat", "\tGOOD (1)\nPOSITIVE\n", r"line 1: entry 'GOOD \(1\)' comes before any category"),
        ("e.dic", "1\tpositive\ngood\t1\n", r"between two '%' lines"),
        (
            "f.dic",
            "%\n1\tpositive\n2\tnegative\n%\ngood\t1\nbad\t7\n",
            r"line 6: category 7 of 'bad' is not in the header",
        ),
        ("g.dic", "%\nfirst\tpositive\n%\ngood\t1\n", r"line 2: expected a category number and name"),
        ("h.yml", "positive: [good\nnegative: [bad]\n", r"not valid YAML \(line 2\)"),
        ("i.yml", "positive:\n  - good\n  - [nested]\nnegative: [bad]\n", r"line 3: entries must be non-empty strings"),
        ("j.yml", "- good\n- bad\n", r"expected a mapping of category"),
        ("k.lc3", "+joy\ngood\n+sorrow\nbad\n", r"no positive and negative categories among joy, sorrow"),
        ("l.txt", "+positive\ngood\n", r"unknown dictionary format"),
    ],
)
def test_bad_dictionaries_name_the_file_and_the_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as error:
        load_dictionary(path)
    assert str(path) in str(error.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DictionaryError, match="no such file"):
        load_dictionary(tmp_path / "absent.lc3")


def test_the_command_line_takes_a_dictionary_and_explains(tmp_path, capsys):
    document = tmp_path / "text.txt"
    document.write_text("Tehran welcomed the constructive talks. Moscow denounced hegemony.\n", encoding="utf-8")
    status = main(["sentiment", str(document), "--method", str(FILES[0]), "--explain", "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0
    assert [r["compound"] for r in rows] == [round(2 / 3, 4), -0.5]
    assert rows[0]["words"] == "welcomed +1, constructive +1; masked: Tehran"
