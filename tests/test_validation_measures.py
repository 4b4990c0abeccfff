"""The measures item 9 of issue 23 revised, per class of meaning, and the codebook and codes that check them.

The sentences here are ours, written for these tests, and are none of the coded fixture's.
"""

from __future__ import annotations

import html

import pandas as pd
import pytest
import yaml

import analysis as fa
from analysis.salience.frames import load_frames
from analysis.sentiment.diplomatic import AdjustmentsError, load_adjustments
from analysis.sentiment.scoring import score_sentiment
from analysis.validation import (
    assess,
    codes_files,
    load_codebook,
    read_codes,
    render_codebook,
    unvalidated_note,
)

from .conftest import CORPUS, ROOT

CODED = ROOT / "tests" / "fixtures" / "coded_corpus"
LEXICON = load_frames()


def _frames(text: str) -> set[str]:
    hits = LEXICON.detect([text])[0]
    return {f for f, hit in zip(LEXICON.ids, hits, strict=True) if hit}


# -- names are not frames -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The Comprehensive Strategic Partnership Treaty was published on Monday.", {"partnership"}),
        ("A copy of the partnership treaty lies on the desk.", {"partnership"}),
        ("Envoys of the Shanghai Cooperation Organisation met in Astana.", {"partnership"}),
        ("The Supreme National Security Council met on Sunday.", {"security"}),
        ("Maria Zakharova spoke to reporters.", set(LEXICON.ids)),
        ("Inspectors of the International Atomic Energy Agency left Tehran on Monday.", {"economy"}),
        ("The Commission on Trade and Economic Cooperation met in Kazan.", {"economy", "partnership"}),
        ("The Deputy Minister for Legal and International Affairs arrived in Vienna.", {"legality"}),
        ("The World Trade Organization published its annual report.", {"economy"}),
    ],
)
def test_names_do_not_fire_the_frames_their_words_belong_to(sentence, absent):
    assert not (_frames(sentence) & absent)


@pytest.mark.parametrize(
    ("sentence", "present"),
    [
        ("Envoys of the Shanghai Cooperation Organisation met in Astana.", "multilateralism"),
        ("The State Duma will hold its vote on Tuesday.", "political"),
        ("The United Nations will host the talks.", "multilateralism"),
    ],
)
def test_a_name_counts_for_a_frame_that_lists_it_whole(sentence, present):
    assert present in _frames(sentence)


# -- partnership: the relationship characterised, not cooperation in a field ----------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "The commission on cooperation in agriculture meets in June.",
        "They discussed cooperation in the oil sector.",
        "A memorandum on cooperation between the two news agencies was signed.",
        "The treaty does not create a military alliance.",
    ],
)
def test_generic_cooperation_is_not_partnership(sentence):
    assert "partnership" not in _frames(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Relations between Minsk and Hanoi have reached a new level.",
        "We will coordinate closely with our Venezuelan friends.",
        "Our ties keep deepening year after year.",
        "Both countries stand together in difficult times.",
        "Cooperation rests on mutual trust.",
    ],
)
def test_a_characterised_relationship_is_partnership(sentence):
    assert "partnership" in _frames(sentence)


# -- legality: the legal form and life of an agreement -----------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "The accord was signed in Ashgabat on Friday.",
        "The convention entered into force last spring.",
        "The deal is valid for ten years and is extended automatically.",
        "Article 12 obliges the parties to exchange data.",
        "The senate approved the agreement by a wide margin.",
        "Each side must complete its internal procedures first.",
        "Under the treaty, neither side may join a hostile bloc.",
    ],
)
def test_the_legal_life_of_an_agreement_is_legality(sentence):
    assert "legality" in _frames(sentence)


# -- policy prescription: plans and their implementation --------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "The governments adopted a roadmap with clear deadlines.",
        "The agreement envisages joint ventures in shipbuilding.",
        "A working group will monitor how the decisions are carried out.",
        "The ministers set targets for the next three years.",
        "The projects have been delayed again.",
    ],
)
def test_plans_and_their_implementation_are_policy_prescription(sentence):
    assert "policy_prescription" in _frames(sentence)


def test_sanctions_measures_are_not_a_plan():
    assert "policy_prescription" not in _frames("These coercive measures hurt ordinary people.")


# -- tone: procedure and description stay neutral ----------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "The parties agreed to meet again in Yerevan.",
        "The upper house approved the ratification law.",
        "The ministers discussed the fight against terrorism and drug trafficking.",
        "The agreement provides for joint efforts against organised crime and terrorism.",
        "The commission on trade and economic cooperation held its tenth meeting.",
        "The commitments of the parties are set out in the annex.",
    ],
)
def test_procedural_statements_are_neutral(sentence):
    assert abs(score_sentiment(sentence)["compound"].item()) < 0.05


@pytest.mark.parametrize(
    ("sentence", "sign"),
    [
        ("The minister praised the historic breakthrough in relations.", 1),
        ("These fabrications are absurd.", -1),
        ("We strongly condemn the terrorist attack.", -1),
        ("They discussed the crisis, but the attack was a disgrace.", -1),
    ],
)
def test_judgements_keep_their_tone(sentence, sign):
    assert score_sentiment(sentence)["compound"].item() * sign > 0.3


def test_a_bad_topic_pattern_names_the_file_and_line(tmp_path):
    path = tmp_path / "diplomatic.yml"
    path.write_text("topics:\n  - id: broken\n    regex: '(unclosed'\n    rationale: why\n", encoding="utf-8")
    with pytest.raises(AdjustmentsError, match=r"diplomatic.yml: line 2: topics entry #1: bad regular expression"):
        load_adjustments(path)


# -- the codebook ------------------------------------------------------------------------------
def test_every_frame_has_rules_and_examples_and_the_tone_scale_has_nine_anchors():
    book = load_codebook()
    for frame in book.frames:
        assert frame.include and frame.exclude, frame.id
        assert 2 <= len(frame.examples) <= 3, frame.id
    assert list(book.tone.anchors) == list(range(-4, 5))


def test_the_codebook_in_html_escapes_every_text(tmp_path):
    frames = yaml.safe_load((ROOT / "analysis" / "data" / "frames.yml").read_text(encoding="utf-8"))
    frames["frames"][0]["examples"] = ["<script>alert(1)</script> & <img src=x onerror=alert(2)>"]
    frames["frames"][0]["label"] = "Partners <b>bold</b>"
    path = tmp_path / "frames.yml"
    path.write_text(yaml.safe_dump(frames), encoding="utf-8")
    page = render_codebook(load_codebook(path), "html")
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert "script-src" not in page and "default-src 'none'" in page
    markdown = render_codebook(load_codebook(path), "markdown")
    assert "## Tone" in markdown and "- **-4**:" in markdown


def test_a_frames_file_without_a_tone_scale_uses_the_packages(tmp_path):
    frames = yaml.safe_load((ROOT / "analysis" / "data" / "frames.yml").read_text(encoding="utf-8"))
    frames.pop("tone")
    path = tmp_path / "frames.yml"
    path.write_text(yaml.safe_dump(frames), encoding="utf-8")
    assert load_codebook(path).tone.anchors == load_codebook().tone.anchors


# -- the committed codes -------------------------------------------------------------------------
@pytest.mark.parametrize("folder", [CORPUS, CODED], ids=["bundled", "fixture"])
def test_the_committed_codes_are_valid_and_both_coders_coded_every_unit(folder):
    documents = fa.load_corpus(folder)
    codes = read_codes(codes_files(folder), documents=documents, frame_ids=LEXICON.ids)
    coders = codes.groupby("coder")["unit_id"].nunique()
    assert coders["coder_a"] == coders["coder_b"] == codes["unit_id"].nunique()
    # the sentence units of the time they were coded: every unit of the analysis now lies inside coded text
    coded = codes.groupby("doc_id")[["start", "end"]].agg(list)
    for unit in fa.analyse_corpus(folder).units.itertuples():
        spans = zip(*coded.loc[unit.doc_id], strict=True)
        assert any(start <= unit.start and unit.end <= end for start, end in spans), unit.unit_id
    # the adjudicator settles only disagreements
    a = codes[codes["coder"].eq("coder_a")].set_index("unit_id")
    b = codes[codes["coder"].eq("coder_b")].set_index("unit_id").loc[a.index]
    settled = codes[codes["coder"].eq("adjudicated")]
    decided = [c for c in codes.columns if c.startswith("frame:") or c == "tone"]
    for _, row in settled.iterrows():
        for column in decided:
            if pd.notna(row[column]):
                assert a.loc[row["unit_id"], column] != b.loc[row["unit_id"], column], (row["unit_id"], column)


def test_the_bundled_corpus_codes_hold_spans_not_its_text():
    for path in codes_files(CORPUS):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert "text" not in header and "before" not in header


def test_the_fixture_split_keeps_a_held_out_part():
    split = yaml.safe_load((CODED / "split.yml").read_text(encoding="utf-8"))
    ids = set(fa.load_corpus(CODED)["doc_id"])
    assert set(split["tuning"]) | set(split["heldout"]) == ids
    assert not set(split["tuning"]) & set(split["heldout"]) and len(split["heldout"]) >= 10


def test_the_assessment_of_the_fixture_reaches_the_issues_figures():
    result = assess(fa.load_corpus(CODED), codes_files(CODED), methods=["diplomatic"])
    frames = result.frames.set_index("id")
    assert frames.loc["micro", "f1"] >= 0.75
    assert frames.loc["legality", "recall"] >= 0.6 and frames.loc["policy_prescription", "recall"] >= 0.6
    assert frames.loc["partnership", "precision"] >= 0.75
    tone = result.tone.set_index("method").loc["diplomatic"]
    assert tone["pearson"] >= 0.70
    assert result.agreement["n_units"].min() == result.n_spans == 387


def test_a_corpus_without_codes_is_said_to_be_unvalidated():
    note = unvalidated_note("my_corpus")
    assert "not validated" in note and "framing sample my_corpus" in note and "framing validity my_corpus" in note
