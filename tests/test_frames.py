"""Frames: the lexicon, its validation and override, matching, shares, intervals and evidence."""

from __future__ import annotations

import math
import textwrap
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.paths import package_data
from analysis.resampling import Resampling
from analysis.salience.frames import (
    SMALL_SHARE,
    UNATTRIBUTED,
    Frame,
    FrameLexicon,
    FramesError,
    frame_matches,
    frame_shares,
    load_frames,
    wilson_interval,
)
from analysis.voices import UTTERANCE_COLUMNS

DIPLOMATIC = [
    "partnership",
    "sovereignty",
    "multilateralism",
    "security",
    "economy",
    "science_culture",
    "regional_stability",
    "west_adversary",
]


# --- the package lexicon ----------------------------------------------------------------------
def test_package_lexicon_has_the_diplomatic_frames_and_codebook_frames():
    lexicon = load_frames()
    assert lexicon.source == str(package_data("frames.yml"))
    assert set(DIPLOMATIC) <= set(lexicon.ids)
    codebook = {f.codebook for f in lexicon if f.codebook != "diplomatic"}
    assert codebook <= {str(n) for n in range(1, 16)} and len(codebook) >= 8
    for frame in lexicon:
        assert frame.label and frame.description and frame.source and frame.terms, frame.id
        if frame.codebook != "diplomatic":
            assert "Boydstun" in frame.source, frame.id
    assert len(lexicon.to_frame()) == len(lexicon)


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("Both sides praised the strategic partnership and mutual respect.", ["partnership"], []),
        ("Despite heavy Western sanctions, Iran resisted.", ["sovereignty", "west_adversary"], []),
        ("They will uphold multilateralism and international law.", ["multilateralism", "legality"], []),
        ("The BRICS group and the UN Charter.", ["multilateralism"], []),
        ("The treaty covers defense and intelligence sharing.", ["security"], []),
        # generic cooperation in a field is not partnership: the relationship is not characterised
        ("Cooperation in energy, finance and agriculture.", ["economy"], ["science_culture", "partnership"]),
        ("Cooperation between our countries keeps deepening.", ["partnership"], ["economy"]),
        ("Science and technology exchanges grew.", ["science_culture"], []),
        ("Stability in the Caucasus and the Caspian region.", ["regional_stability"], []),
        ("NATO and the United States were criticised.", ["west_adversary"], []),
        ("Parliament approved the treaty by consensus.", ["political"], []),
        # negatives: words that look like a term but are not one
        ("He told us that it is important.", [], ["west_adversary", "economy"]),
        ("Electricity prices rose.", ["economy"], ["political"]),
        ("The Islamic Republic of Iran said so.", [], ["morality"]),
        ("A long-standing relationship.", [], ["reputation"]),
        ("The strategic choice was made.", [], ["policy_prescription"]),
    ],
)
def test_frames_fire_on_their_terms_and_not_on_lookalikes(sentence, present, absent):
    lexicon = load_frames()
    fired = {f.id for f in lexicon if f.mentioned_in(sentence)}
    assert set(present) <= fired, fired
    assert not set(absent) & fired, fired


def test_frame_terms_wildcards_phrases_and_acronyms():
    frame = Frame("t", "Test", terms=("sanction*", "international law", "US", "Shanghai Cooperation Organi*ation"))
    assert frame.matched_terms("Sanctions, sanctioned; INTERNATIONAL law; the US told us.") == [
        "Sanctions",
        "sanctioned",
        "INTERNATIONAL law",
        "US",
    ]
    assert frame.mentioned_in("the Shanghai Cooperation Organisation")
    assert Frame("w", "W", terms=("West's",)).matched_terms("the West\u2019s pressure") == ["West's"]  # curly quote


# --- validation and override ------------------------------------------------------------------
def write(tmp_path, text: str, name: str = "frames.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """\
    frames:
      - id: trade
        label: Trade
        terms: [trade, tariff*]
    """


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("frames: [\n  - id: x\n", "not valid YAML (line"),
        ("- id: x\n", "non-empty 'frames' list"),
        ("frames: []\n", "non-empty 'frames' list"),
        ("frames:\n  - just a string\n", "frame 1: expected a mapping"),
        ("frames:\n  - label: Trade\n    terms: [x]\n", "frame 1: id None"),
        ("frames:\n  - id: Trade\n    label: T\n    terms: [x]\n", "id 'Trade' must be lower-case"),
        ("frames:\n  - id: t\n    terms: [x]\n", "frame 't': missing 'label'"),
        ("frames:\n  - id: t\n    label: T\n", "frame 't': 'terms' must be a non-empty list"),
        ("frames:\n  - id: t\n    label: T\n    terms: []\n", "'terms' must be a non-empty list"),
        ("frames:\n  - id: t\n    label: T\n    terms: [x, 3]\n", "every term must be a non-empty string"),
        ("frames:\n  - id: t\n    label: T\n    terms: ['**']\n", "at least one letter"),
        ("frames:\n  - id: t\n    label: T\n    term: [x]\n", "unknown key(s) 'term'"),
        (
            "frames:\n  - {id: t, label: T, terms: [x]}\n  - {id: t, label: U, terms: [y]}\n",
            "frame 2: id 't' is used twice",
        ),
        ("version: 2\nframes:\n  - {id: t, label: T, terms: [x]}\n", "version 2 is not supported"),
        ("lexicon: 1\nframes:\n  - {id: t, label: T, terms: [x]}\n", "unknown key(s) 'lexicon'"),
    ],
)
def test_invalid_lexicons_raise_a_frames_error_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(FramesError) as error:
        load_frames(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)
    assert isinstance(error.value, analysis.AnalysisError)


def test_missing_and_non_utf8_lexicons(tmp_path):
    with pytest.raises(FramesError, match="no such file"):
        load_frames(tmp_path / "nowhere.yml")
    bad = tmp_path / "latin.yml"
    bad.write_bytes("frames: [caf\xe9]".encode("latin-1"))
    with pytest.raises(FramesError, match="not UTF-8"):
        load_frames(bad)


def test_a_corpus_folder_overrides_the_package_lexicon(tmp_path):
    assert load_frames(tmp_path).source == str(package_data("frames.yml"))  # no frames.yml: default
    path = write(tmp_path, GOOD)
    lexicon = load_frames(tmp_path)
    assert lexicon.source == str(path) and lexicon.ids == ["trade"]
    shares = frame_shares("Trade grew. Tariffs fell. Talks ended.", tmp_path, by="doc")
    assert shares[["frame", "k", "n"]].values.tolist() == [["trade", 2, 3]]


# --- matching and shares ----------------------------------------------------------------------
def units_table() -> pd.DataFrame:
    rows = [
        ("d1:0-20", "d1", 0, 20, "Sanctions are illegal.", "iran_mfa", "iran"),
        ("d1:21-40", "d1", 21, 40, "Our partnership grows.", "iran_mfa", "iran"),
        ("d1:41-60", "d1", 41, 60, "Talks went on.", "iran_mfa", "iran"),
        ("d2:0-30", "d2", 0, 30, "We oppose Western sanctions.", "lavrov", "russia"),
        ("d2:31-60", "d2", 31, 60, "Sanctions and trade.", "pezeshkian+putin", "iran+russia"),
        ("d2:61-90", "d2", 61, 90, "The outlet reports a partnership.", "outlet", ""),
        ("d2:91-99", "d2", 91, 99, "Someone spoke of sanctions.", "", ""),
    ]
    return pd.DataFrame(rows, columns=["unit_id", "doc_id", "start", "end", "text", "actor", "side"])


def test_frame_matches_is_a_boolean_table_by_unit():
    hits = frame_matches(units_table())
    assert hits.index.name == "unit_id" and list(hits.columns) == load_frames().ids
    assert hits.loc["d1:0-20", "sovereignty"] and not hits.loc["d1:0-20", "partnership"]
    assert hits.dtypes.eq(bool).all()


def shares_of(table: pd.DataFrame, voice: str, frame: str, column: str) -> pd.Series:
    return table[(table[column] == voice) & (table["frame"] == frame)].iloc[0]


def test_shares_by_side_count_groups_for_each_member_with_evidence():
    shares = frame_shares(units_table(), by="side")
    assert sorted(shares["side"].unique()) == ["iran", "outlet", "russia", UNATTRIBUTED]
    iran = shares_of(shares, "iran", "sovereignty", "side")
    assert (iran["n"], iran["k"], iran["share"]) == (4, 2, 0.5)  # three iran_mfa units + the group's
    assert iran["evidence"] == ["d1:0-20", "d2:31-60"]
    russia = shares_of(shares, "russia", "sovereignty", "side")
    assert (russia["n"], russia["k"]) == (2, 2)
    assert shares_of(shares, "outlet", "partnership", "side")["evidence"] == ["d2:61-90"]


def test_shares_by_actor_and_by_doc():
    by_actor = frame_shares(units_table(), by="actor")
    assert set(by_actor["actor"]) == {"iran_mfa", "lavrov", "pezeshkian", "putin", "outlet", UNATTRIBUTED}
    assert shares_of(by_actor, "putin", "economy", "actor")["k"] == 1
    by_doc = frame_shares(units_table(), by="doc")
    row = shares_of(by_doc, "d1", "partnership", "doc_id")
    assert (row["n"], row["k"], row["evidence"]) == (3, 1, ["d1:21-40"])


def test_wilson_interval_by_hand():
    z = NormalDist().inv_cdf(0.975)
    for k, n in [(0, 10), (2, 4), (7, 7), (13, 50)]:
        p = k / n
        center = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        low, high = wilson_interval(k, n)
        assert float(low) == pytest.approx(max(0.0, center - half), abs=1e-12)
        assert float(high) == pytest.approx(min(1.0, center + half), abs=1e-12)
    # sentence level: the plain Wilson interval of the units
    shares = frame_shares(units_table(), by="side", resampling=Resampling(level="sentence"))
    iran = shares_of(shares, "iran", "sovereignty", "side")
    assert (iran["low"], iran["high"]) == pytest.approx(tuple(float(v) for v in wilson_interval(2, 4)))


def test_small_voices_carry_a_note():
    shares = frame_shares(units_table(), by="doc")
    assert shares["note"].str.contains(f"< {SMALL_SHARE}").all()
    many = pd.DataFrame({"doc_id": ["d"], "text": [" ".join(["Trade grew."] * 40)]})
    assert (frame_shares(many, by="doc")["note"] == "").all()


def test_bootstrap_interval_is_seeded_and_brackets_the_share():
    first = frame_shares(units_table(), by="side", interval="bootstrap", resampling=Resampling(n_resamples=500, seed=1))
    second = frame_shares(
        units_table(), by="side", interval="bootstrap", resampling=Resampling(n_resamples=500, seed=1)
    )
    pd.testing.assert_frame_equal(first, second)
    defined = first["low"].notna()  # a voice whose units all come from one document has no document-level interval
    assert defined.any() and first.loc[~defined, "note"].str.contains("one document").all()
    inside = (first["low"] <= first["share"]) & (first["share"] <= first["high"])
    assert inside[defined].all()
    assert first.attrs["interval"] == "bootstrap" and first.attrs["n_resamples"] == 500
    never = shares_of(first, "iran", "west_adversary", "side")
    assert (never["low"], never["high"]) == (0.0, 0.0)  # why Wilson is the default


def test_shares_from_utterances_cut_into_sentences():
    text = "Sanctions are illegal. Our partnership grows."
    utt = pd.DataFrame(
        [("d", 0, 0, len(text), text, "iran_mfa", "iran", "quote", "direct", 0, "Wire", pd.NaT, "news", "en")],
        columns=UTTERANCE_COLUMNS,
    )
    shares = frame_shares(utt, by="actor")
    row = shares_of(shares, "iran_mfa", "partnership", "actor")
    assert (row["n"], row["k"], row["evidence"]) == (2, 1, ["d:23-45"])


def test_lexicon_object_and_columns():
    lexicon = FrameLexicon((Frame("a", "A", terms=("alpha",)), Frame("b", "B", terms=("beta",))), "inline")
    shares = frame_shares(["Alpha beta.", "Gamma."], lexicon, by="doc")
    assert list(shares.columns) == ["doc_id", "frame", "label", "n", "k", "share", "low", "high", "evidence", "note"]
    assert shares["k"].tolist() == [1, 1, 0, 0]
    assert shares.attrs["lexicon"] == "inline"
    assert np.isclose(shares["share"], shares["k"] / shares["n"]).all()


@pytest.mark.parametrize(
    ("data", "options", "message"),
    [
        ("", {}, "no sentences to score"),
        (["  ", "..."], {}, "no sentences to score"),
        ("Trade.", {"by": "speaker"}, "by='speaker'"),
        ("Trade.", {"interval": "exact"}, "interval='exact'"),
        ("Trade.", {"resampling": {"confidence_level": 1.5}}, "confidence_level"),
    ],
)
def test_bad_input_is_a_one_line_error(data, options, message):
    with pytest.raises(analysis.AnalysisError, match=message):
        if "resampling" in options:
            options = {"resampling": Resampling(**options["resampling"])}
        frame_shares(data, **options)
