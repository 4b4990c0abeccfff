"""The 'diplomatic' method: names are not praise, accusations are not compliments, adjustments are data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.pipeline.study import load_study
from analysis.sentiment import (
    DEFAULT_METHOD,
    AdjustmentsError,
    TitlesError,
    diplomatic_engine,
    explain_sentiment,
    explain_sentiments,
    load_adjustments,
    load_titles,
    mask_names,
    name_masker,
    polarity,
    score_sentiment,
    score_units,
    sentiment_evidence,
    words_summary,
)
from analysis.sentiment.engines import vader_engine

from .conftest import ROOT, compound_from_trace

PROBES = yaml.safe_load((ROOT / "tests" / "fixtures" / "diplomatic_probes.yml").read_text(encoding="utf-8"))["probes"]


def compound(text: str, method: str = "diplomatic") -> float:
    return float(score_sentiment([text], method=method)["compound"].item())


# the behaviours the issue asks for ----------------------------------------------------------
def test_diplomatic_is_the_default_method():
    assert DEFAULT_METHOD == "diplomatic"
    assert score_sentiment(["Good."])["method"].item() == "diplomatic"


@pytest.mark.parametrize(
    "text",
    [
        "The Comprehensive Strategic Partnership Treaty between Iran and Russia entered into force on Wednesday.",
        "The agreement entered into force on Thursday, the two foreign ministries announced.",
        "Top diplomats of the two countries met in Moscow.",
        "The UN Security Council met on Friday.",
    ],
)
def test_reports_of_events_and_names_are_neutral(text):
    assert compound(text, "vader") > 0.05  # what the lexicon alone reads into names and ranks
    assert compound(text) == 0.0


def test_accusing_the_european_trio_of_undermining_a_peaceful_solution_is_negative():
    text = "The Russian Foreign Ministry accused the European trio of undermining a peaceful solution."
    assert compound(text, "vader") > 0  # "peaceful" and "solution" outweigh "undermining"
    assert compound(text) < -0.5
    summary = words_summary(text)
    assert "peaceful -1.63" in summary and "masked: Russian Foreign Ministry" in summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tehran blamed Washington for the collapse of the talks.", "negative"),
        ("The ministry criticised the US support for the new sanctions.", "negative"),
        ("The spokesman condemned the so-called peace plan.", "negative"),
        ("Iran accused Washington of seeking friendship only in words.", "negative"),
        ("Lavrov called the talks constructive and fruitful.", "positive"),
        ("The minister hailed the agreement as a great success.", "positive"),
    ],
)
def test_accusations_are_negative_and_praise_stays_praise(text, expected):
    assert polarity(compound(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The agreement obliges each side to inform the other of threats to its security.",
        "It commits both parties not to help any state that attacks the other.",
        "The memorandum prohibits the transfer of weapons to armed groups.",
        "Neither side will allow its territory to be used for aggression against the other.",
        "The treaty does not require Moscow to take part in a war.",
        "The document contains no clause on mutual defence against an attack.",
        "The memorandum did not oblige either side to join a war.",
    ],
)
def test_provisions_of_a_document_name_what_it_covers_not_an_attitude(text):
    assert compound(text, "vader") != 0.0  # threats, attacks, aggression, war, help
    assert compound(text) == 0.0, words_summary(text)


def test_a_threat_outside_a_provision_is_still_negative():
    assert compound("The threats against our diplomats are unacceptable.") < -0.05
    assert compound("The agreement is a great success, but the threats against it are growing.") != 0.0


@pytest.mark.parametrize(
    "text", ["Good morning.", "Thank you.", "Thank you very much.", "Thank you for the question.", "Good afternoon!"]
)
def test_greetings_and_thanks_that_open_or_close_a_turn_are_neutral(text):
    assert compound(text, "vader") > 0.05
    assert compound(text) == 0.0


def test_thanks_with_praise_stay_praise():
    assert compound("Thank you for the warm welcome and the fruitful talks.") > 0.05
    assert compound("We thank our Russian friends for their steadfast support.") > 0.05


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Both capitals oppose the deployment of foreign warships in the region.", "negative"),
        ("We will continue to oppose any attempt to restore the old sanctions.", "negative"),
        ("The Europeans are misusing the dispute settlement procedure.", "negative"),
        ("The signing of the accord is a milestone in the history of our two nations.", "positive"),
        ("Energy remains the cornerstone of the two countries' cooperation.", "positive"),
        ("The organisation has become one of the pillars of the new world order.", "positive"),
        ("I would like to say a few words about the visit of the minister.", "neutral"),
        ("Countries like Kazakhstan and Armenia attended the meeting as observers.", "neutral"),
    ],
)
def test_diplomatic_stances_praise_and_politeness(text, expected):
    assert polarity(compound(text)) == expected, words_summary(text)


@pytest.mark.parametrize("probe", PROBES, ids=[p["text"][:40] for p in PROBES])
def test_every_diplomatic_probe_is_read_as_a_careful_reader_does(probe):
    assert polarity(compound(probe["text"])) == probe["expected"], words_summary(probe["text"])


def test_strongly_intensifies_a_condemnation_instead_of_praising():
    assert compound("The ministry strongly condemned the decision.", "vader") > compound(
        "The ministry condemned the decision.", "vader"
    )
    assert compound("The ministry strongly condemned the decision.") < compound("The ministry condemned the decision.")


# masking keeps offsets and changes nothing else ---------------------------------------------
def test_masking_keeps_length_word_positions_and_reports_spans():
    text = "Araghchi met Lavrov at the United Nations; the Security Council waited."
    masked = name_masker().mask(text)
    assert len(masked.text) == len(text)
    assert masked.text.split(" ").__len__() == text.split(" ").__len__()
    assert [(s.start, s.end) for s in masked.spans] == [(0, 8), (13, 19), (27, 41), (47, 63)]
    for span in masked.spans:
        assert text[span.start : span.end] == span.text
        assert set(masked.text[span.start : span.end]) <= {"_", " "}
    assert [s.source for s in masked.spans] == ["actor: araghchi", "actor: lavrov", *["title: organisations"] * 2]


def test_mask_names_table_and_curly_apostrophes():
    table = mask_names(["Iran\u2019s Foreign Ministry welcomed it.", "Nothing to mask."])
    assert table["masked"].tolist() == ["Iran\u2019s Foreign Ministry", ""]
    assert table["text"].iloc[1] == "Nothing to mask."


SENTENCES_WITHOUT_NAMES = [
    "The talks were very productive and extremely friendly.",  # "productive" is adjusted: not here
    "It was not bad at all!",
    "What a wonderful day, but the food was terrible.",
    "Nothing good came of it.",
    "They are NOT happy about the outcome :(",
]


@pytest.mark.parametrize("text", SENTENCES_WITHOUT_NAMES[1:])
def test_a_text_without_names_or_adjusted_words_scores_as_vader(text):
    assert diplomatic_engine().trace(text).masked == ()
    assert score_sentiment([text]).iloc[0, :4].tolist() == score_sentiment([text], method="vader").iloc[0, :4].tolist()


WORDS = ["good", "bad", "not", "very", "but", "great", "terrible", "never", "so", "kind", "of", "!", "talks", "the"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_unadjusted_random_texts_score_exactly_as_vader(words):
    text = " ".join(words)
    assert diplomatic_engine().scores(text) == vader_engine().scores(text)


def test_explanations_show_masked_names_and_neutralised_words_and_add_up():
    text = "Top diplomats praised the Comprehensive Strategic Partnership Treaty."
    trace = explain_sentiment(text)
    assert [s.text for s in trace.masked] == ["Comprehensive Strategic Partnership Treaty"]
    assert any("'top' not scored" in n for n in trace.notes)
    assert compound_from_trace(trace) == trace.compound == compound(text)
    table = explain_sentiments([text])
    assert "masked name (title: agreements)" in table["rules"].tolist()
    assert table.loc[table["token"] == "praised", "contribution"].item() == pytest.approx(2.2)


def test_adjusted_words_say_what_vader_gave():
    trace = explain_sentiment("Moscow accused the E3 of provocations.")
    rules = {w.token: w.rules for w in trace.words}
    assert rules["accused"][0] == "diplomatic.yml: -2 (VADER -1.2)"
    assert rules["provocations"][0] == "diplomatic.yml: -1.5 (not in VADER)"


# data files and corpus folders -------------------------------------------------------------
def test_the_package_adjustments_and_titles_load_with_rationales():
    adjustments = load_adjustments()
    assert all(w.rationale for w in adjustments.words.values())
    for word in ("sovereignty", "hegemony", "unilateral", "sanctions", "destabilising", "provocative",
                 "interference", "strategic", "cooperation"):  # fmt: skip
        assert word in adjustments.words, word
    assert {a.id for a in adjustments.accusations} >= {"accused_of", "condemned", "criticised"}
    assert "Security Council" in load_titles().groups["organisations"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("words: [unclosed\n", r"not valid YAML \(line 2\)"),
        ("words:\n  - word: top\n    valence: 9\n    rationale: x\n", r"line 2: words entry #1: valence 9 is outside"),
        ("words:\n  - word: top\n    valence: 0\n", r"line 2: words entry #1: needs a 'rationale'"),
        ("words:\n  - word: Top Rank\n    valence: 0\n    rationale: x\n", r"line 2: .*not one lower-case word"),
        (
            "accusations:\n  - id: a\n    regex: x\n    rationale: y\n  - id: b\n    regex: '('\n    rationale: y\n",
            r"line 5: accusations entry #2: bad regular expression",
        ),
        ("boosters:\n  - words: [very]\n    rationale: x\n    valence: 1\n", r"line 2: .*unknown field\(s\) valence"),
        ("phrases: []\n", r"unknown section\(s\) phrases"),
    ],
)
def test_bad_adjustments_name_the_file_and_the_line(tmp_path, content, message):
    path = tmp_path / "diplomatic.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AdjustmentsError, match=message) as error:
        load_adjustments(path)
    assert str(path) in str(error.value)


def test_bad_titles_name_the_file(tmp_path):
    path = tmp_path / "titles.yml"
    path.write_text("titles:\n  Bad Group: [x]\n", encoding="utf-8")
    with pytest.raises(TitlesError, match=r"titles\.yml.*Bad Group"):
        load_titles(path)


def test_a_corpus_folder_overrides_titles_adjustments_and_names(make_corpus):
    root = make_corpus(
        {"a.md": ("Ambassador Goodfellow praised the Peace Accord. Relations are excellent.", {})},
        actors="""\
        actors:
          - id: goodfellow
            name: Ambassador Goodfellow
            kind: person
            side: other
            aliases: [Goodfellow]
        """,
    )
    (root / "titles.yml").write_text("titles:\n  agreements: [Peace Accord]\n", encoding="utf-8")
    (root / "diplomatic.yml").write_text(
        textwrap.dedent(
            """\
            words:
              - word: excellent
                valence: 0
                rationale: in this corpus a formula of courtesy
            """
        ),
        encoding="utf-8",
    )
    study = load_study(root)
    assert study.config.titles == root / "titles.yml" and study.config.diplomatic == root / "diplomatic.yml"
    text = "Ambassador Goodfellow praised the Peace Accord. Relations are excellent."
    default = explain_sentiment(text)
    own = explain_sentiment(text, resources=study)
    assert [s.text for s in own.masked] == ["Ambassador Goodfellow", "Peace Accord"]
    assert [w.token for w in own.words] == ["praised"]
    assert {w.token for w in default.words} >= {"Peace", "excellent"}
    assert "Ambassador Goodfellow" not in [s.text for s in default.masked]
    units = score_units(pd.DataFrame({"unit_id": ["a:0-10"], "text": [text]}), resources=study)
    assert units["compound"].item() == own.compound
    evidence = sentiment_evidence(units, ["a:0-10"], explain=True)
    assert (
        evidence["words"].item() == "praised +2.2; masked: Ambassador Goodfellow, Peace Accord; not scored: excellent"
    )


def test_default_config_files_are_found_for_a_corpus_without_them(make_corpus):
    root = make_corpus({"a.md": ("Talks.", {})})
    study = load_study(root)
    assert study.config.titles.parent.name == "data" and study.config.diplomatic.name == "diplomatic.yml"
    assert Path(study.titles.source) == study.config.titles
