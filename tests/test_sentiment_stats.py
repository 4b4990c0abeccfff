"""Aggregates with intervals: hand-computed examples, degenerate cases, seeds, voices, targets, evidence."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.resampling import BCA_MAX_N, Resampling
from analysis.resampling import bootstrap_mean as resampled_mean
from analysis.sentiment.criticism import target_sentiment
from analysis.sentiment.differences import COMPARISON_COLUMNS, compare_sentiment
from analysis.sentiment.stats import (
    SENTIMENT_SUMMARY_COLUMNS,
    aggregate_sentiment,
    default_voices,
    sentiment_evidence,
    summarise_compound,
    voice_sentiment,
)

FAST = {"n_resamples": 999}


def bootstrap_mean(values, **options):
    """The interval of analysis.resampling.bootstrap_mean with the options as keywords."""
    return resampled_mean(values, Resampling(**options))


def units(rows: list[tuple[str, str, str, float]], *, boilerplate: list[bool] | None = None) -> pd.DataFrame:
    """A scored unit table from (actor, side, text, compound) rows; actor "outlet" is narration."""
    frame = pd.DataFrame(rows, columns=["actor", "side", "text", "compound"])
    frame.insert(0, "unit_id", [f"d{i % 2}:{i * 10}-{i * 10 + 9}" for i in range(len(frame))])
    frame.insert(1, "doc_id", [f"d{i % 2}" for i in range(len(frame))])
    frame.insert(2, "utt_id", list(range(len(frame))))
    frame["source"] = ["narration" if a == "outlet" else "quote" for a in frame["actor"]]
    frame["outlet"] = "Wire"
    frame["boilerplate"] = boilerplate if boilerplate is not None else [False] * len(frame)
    return frame


# bootstrap_mean and summarise_compound ------------------------------------------------------
def test_hand_computed_summary():
    row = summarise_compound([0.05, 0.0, -0.05, 0.5], unit_ids=["a", "b", "c", "d"], resampling=Resampling(**FAST))
    assert row["n"] == 4
    assert row["mean"] == pytest.approx(0.125)
    assert (row["share_positive"], row["share_neutral"], row["share_negative"]) == (0.5, 0.25, 0.25)
    assert row["low"] <= row["mean"] <= row["high"]
    assert row["small_sample"] is True and row["note"].startswith("small sample (n < 10)")
    assert row["unit_ids"] == ["a", "b", "c", "d"]
    assert list(row) == SENTIMENT_SUMMARY_COLUMNS


def test_small_sample_threshold():
    assert summarise_compound(np.linspace(-1, 1, 9), resampling=Resampling(**FAST))["small_sample"] is True
    ten = summarise_compound(np.linspace(-1, 1, 10), resampling=Resampling(**FAST))
    assert ten["small_sample"] is False and ten["note"] == ""


def test_degenerate_samples_are_defined():
    empty = summarise_compound([], resampling=Resampling(**FAST))
    assert empty["n"] == 0 and math.isnan(empty["mean"]) and math.isnan(empty["low"])
    assert empty["note"] == "no sentences"
    one = summarise_compound([0.4], resampling=Resampling(**FAST))
    assert one["mean"] == 0.4 and math.isnan(one["low"]) and math.isnan(one["high"])
    assert "one sentence: no interval" in one["note"]
    same = summarise_compound([0.3] * 12, resampling=Resampling(**FAST))
    assert (same["low"], same["high"]) == (0.3, 0.3)
    assert "degenerate" in same["note"] and same["small_sample"] is False


@pytest.mark.parametrize("seed", range(6))
def test_intervals_contain_the_mean(seed):
    values = np.random.default_rng(seed).uniform(-1, 1, size=3 + 7 * seed)
    low, high, note = bootstrap_mean(values, seed=seed, **FAST)
    assert low <= values.mean() <= high
    assert note == ""


def test_two_distinct_values():
    low, high, _ = bootstrap_mean([0.1, 0.9], **FAST)
    assert low <= 0.5 <= high


def test_seeded_runs_are_identical_and_seeds_matter():
    values = np.random.default_rng(1).uniform(-1, 1, size=40)
    assert bootstrap_mean(values, seed=3, **FAST) == bootstrap_mean(values, seed=3, **FAST)
    assert bootstrap_mean(values, seed=3, **FAST) != bootstrap_mean(values, seed=4, **FAST)


def test_interval_narrows_with_n_and_widens_with_level():
    rng = np.random.default_rng(0)
    small, large = rng.normal(0, 0.5, 20), rng.normal(0, 0.5, 400)
    width = [h - lo for lo, h, _ in (bootstrap_mean(small, **FAST), bootstrap_mean(large, **FAST))]
    assert width[1] < width[0]
    lo90, hi90, _ = bootstrap_mean(small, confidence_level=0.90, **FAST)
    lo99, hi99, _ = bootstrap_mean(small, confidence_level=0.99, **FAST)
    assert hi90 - lo90 < hi99 - lo99


def test_large_samples_use_the_percentile_bootstrap_quickly():
    values = np.random.default_rng(2).uniform(-1, 1, size=BCA_MAX_N * 5)
    low, high, _ = bootstrap_mean(values, n_resamples=999)
    assert low < values.mean() < high
    assert high - low < 0.05


# aggregate_sentiment ----------------------------------------------------------------------
def test_aggregate_per_document_by_hand():
    scored = units([("lavrov", "russia", "a", 0.2), ("x", "iran", "b", -0.6), ("lavrov", "russia", "c", 0.4)])
    table = aggregate_sentiment(scored, by="doc_id", resampling=Resampling(**FAST))
    assert list(table.columns) == ["doc_id", *SENTIMENT_SUMMARY_COLUMNS]
    d0 = table.set_index("doc_id").loc["d0"]
    assert d0["n"] == 2 and d0["mean"] == pytest.approx(0.3)
    assert d0["unit_ids"] == ["d0:0-9", "d0:20-29"]
    d1 = table.set_index("doc_id").loc["d1"]
    assert d1["n"] == 1 and d1["mean"] == -0.6 and math.isnan(d1["low"])
    assert table["n"].dtype == np.int64 and table["small_sample"].dtype == bool


def test_aggregate_per_utterance_and_exclusion_of_boilerplate():
    scored = units(
        [("a", "iran", "x", 0.5), ("a", "iran", "y", -0.9), ("b", "russia", "z", 0.1)],
        boilerplate=[False, True, False],
    )
    kept = aggregate_sentiment(scored, by="actor", resampling=Resampling(**FAST)).set_index("actor")
    dropped = aggregate_sentiment(
        scored, by="actor", exclude_boilerplate=True, resampling=Resampling(**FAST)
    ).set_index("actor")
    assert kept.loc["a", "n"] == 2 and kept.loc["a", "mean"] == pytest.approx(-0.2)
    assert dropped.loc["a", "n"] == 1 and dropped.loc["a", "mean"] == 0.5
    assert kept.loc["a", "n_boilerplate"] == dropped.loc["a", "n_boilerplate"] == 1
    assert dropped.loc["a", "unit_ids"] == ["d0:0-9"]
    per_utterance = aggregate_sentiment(scored, by=["doc_id", "utt_id"], resampling=Resampling(**FAST))
    assert len(per_utterance) == 3 and per_utterance["n"].tolist() == [1, 1, 1]


def test_all_boilerplate_group_is_kept_with_a_note():
    scored = units([("a", "iran", "x", -0.9)], boilerplate=[True])
    row = aggregate_sentiment(scored, by="actor", exclude_boilerplate=True, resampling=Resampling(**FAST)).iloc[0]
    assert row["n"] == 0 and math.isnan(row["mean"]) and "excluding boilerplate" in row["note"]


def test_aggregate_rejects_unknown_columns_and_unscored_tables():
    scored = units([("a", "iran", "x", 0.1)])
    with pytest.raises(AnalysisError, match="no such column"):
        aggregate_sentiment(scored, by="speaker")
    with pytest.raises(AnalysisError, match="score_units"):
        aggregate_sentiment(scored.drop(columns="compound"))


def test_aggregate_is_reproducible():
    rng = np.random.default_rng(5)
    scored = units([("a" if i % 3 else "b", "iran", "t", float(v)) for i, v in enumerate(rng.uniform(-1, 1, 60))])
    first = aggregate_sentiment(scored, by="actor", resampling=Resampling(seed=11, n_resamples=999))
    second = aggregate_sentiment(scored, by="actor", resampling=Resampling(seed=11, n_resamples=999))
    pd.testing.assert_frame_equal(first, second)


# voices -----------------------------------------------------------------------------------
JOINT = [
    ("pezeshkian", "iran", "a", 0.8),
    ("pezeshkian", "iran", "b", 0.6),
    ("putin", "russia", "c", 0.2),
    ("pezeshkian+putin", "iran+russia", "d", 0.4),
    ("outlet", "", "e", 0.0),
]


def test_default_voices():
    scored = units(JOINT)
    assert default_voices(scored) == ["pezeshkian", "putin", "joint", "outlet"]
    assert default_voices(scored, by="side") == ["side:iran", "side:russia", "joint", "outlet"]
    with pytest.raises(AnalysisError):
        default_voices(scored, by="document")


def test_voice_sentiment_keeps_joint_statements_apart_unless_asked():
    table = voice_sentiment(units(JOINT), resampling=Resampling(**FAST)).set_index("voice")
    assert table.loc["pezeshkian", "n"] == 2 and table.loc["pezeshkian", "mean"] == pytest.approx(0.7)
    assert table.loc["putin", "n"] == 1 and table.loc["joint", "n"] == 1
    assert table.loc["outlet", "n"] == 1
    joint = voice_sentiment(units(JOINT), ["pezeshkian+joint", "putin+joint"], resampling=Resampling(**FAST)).set_index(
        "voice"
    )
    assert joint["n"].tolist() == [3, 2] and joint.loc["pezeshkian+joint", "mean"] == pytest.approx(0.6)
    sides = voice_sentiment(
        units(JOINT), ["side:iran", "side:russia", "joint", "all"], resampling=Resampling(**FAST)
    ).set_index("voice")
    assert sides["n"].tolist() == [2, 1, 1, 5]
    assert sides.loc["side:iran", "label"] == "iran (all actors)"


def test_voice_with_no_text_gets_an_empty_row_and_labels_use_the_registry():
    from analysis.corpus import load_actors

    table = voice_sentiment(units(JOINT), ["lavrov", "putin"], actors=load_actors(), resampling=Resampling(**FAST))
    assert table["n"].tolist() == [0, 1]
    assert table["label"].tolist() == ["Sergey Lavrov", "Vladimir Putin"]
    assert math.isnan(table["mean"].iloc[0]) and table["note"].iloc[0] == "no sentences"


# compare_sentiment ------------------------------------------------------------------------
def two_voices(a: list[float], b: list[float]) -> pd.DataFrame:
    return units([("a", "x", "t", v) for v in a] + [("b", "y", "t", v) for v in b])


def test_difference_by_hand_with_exact_permutation_p():
    row = compare_sentiment(
        two_voices([0.6, 0.7, 0.8], [-0.1, 0.0, 0.1]), "a", "b", resampling=Resampling(**FAST)
    ).iloc[0]
    assert list(row.index) == COMPARISON_COLUMNS
    assert (row["n_a"], row["n_b"]) == (3, 3)
    assert row["difference"] == pytest.approx(0.7)
    assert row["low"] <= 0.7 <= row["high"] and row["low"] > 0
    # The sentences alternate between documents d0 and d1, so each voice holds two documents' blocks:
    # the document-level test permutes 4 blocks (6 splits; the observed and its mirror are as extreme).
    assert row["p_value"] == pytest.approx(2 / 6)
    # Sentence level: 20 ways to split six values in two groups of three; only the observed split and
    # its mirror are as extreme, so the exact two-sided p is 2 / 20
    sentence = compare_sentiment(
        two_voices([0.6, 0.7, 0.8], [-0.1, 0.0, 0.1]),
        "a",
        "b",
        resampling=Resampling(level="sentence", **FAST),
    )
    assert sentence.iloc[0]["p_value"] == pytest.approx(0.1)
    assert row["small_sample"]


def test_identical_voices_are_not_different():
    row = compare_sentiment(two_voices([0.1, 0.2, 0.3], [0.1, 0.2, 0.3]), "a", "b", resampling=Resampling(**FAST)).iloc[
        0
    ]
    assert row["difference"] == pytest.approx(0.0)
    assert row["p_value"] == pytest.approx(1.0)
    assert row["low"] <= 0 <= row["high"]


def test_compare_is_seeded():
    rng = np.random.default_rng(3)
    scored = two_voices(list(rng.normal(0.2, 0.4, 30)), list(rng.normal(0, 0.4, 25)))
    first = compare_sentiment(scored, "a", "b", resampling=Resampling(seed=9, n_resamples=999))
    pd.testing.assert_frame_equal(
        first, compare_sentiment(scored, "a", "b", resampling=Resampling(seed=9, n_resamples=999))
    )
    assert not first["small_sample"].item()


def test_compare_degenerate_cases():
    none = compare_sentiment(two_voices([0.5, 0.6], []), "a", "b", resampling=Resampling(**FAST)).iloc[0]
    assert none["n_b"] == 0 and math.isnan(none["p_value"]) and "no sentences" in none["note"]
    one = compare_sentiment(two_voices([0.5, 0.6], [0.1]), "a", "b", resampling=Resampling(**FAST)).iloc[0]
    assert math.isnan(one["low"]) and math.isnan(one["p_value"]) and "one sentence" in one["note"]
    flat = compare_sentiment(two_voices([0.0, 0.0], [0.0, 0.0]), "a", "b", resampling=Resampling(**FAST)).iloc[0]
    assert (flat["low"], flat["high"]) == (0.0, 0.0) and "degenerate" in flat["note"]


def test_compare_notes_shared_sentences_and_excludes_boilerplate():
    shared = compare_sentiment(units(JOINT), "pezeshkian+joint", "putin+joint", resampling=Resampling(**FAST)).iloc[0]
    assert shared["n_shared"] == 1 and "both voices" in shared["note"]
    scored = units(
        [("a", "x", "t", 0.5), ("a", "x", "t", -0.9), ("b", "y", "t", 0.1)], boilerplate=[False, True, False]
    )
    row = compare_sentiment(scored, "a", "b", exclude_boilerplate=True, resampling=Resampling(**FAST)).iloc[0]
    assert row["n_a"] == 1 and row["mean_a"] == 0.5


# targets and evidence ---------------------------------------------------------------------
def test_actor_by_target_table():
    scored = units(
        [
            ("lavrov", "russia", "The treaty with Tehran is a success.", 0.6),
            ("lavrov", "russia", "Sanctions are illegal.", -0.4),
            ("araghchi", "iran", "Moscow is a reliable partner and the treaty works.", 0.5),
            ("outlet", "", "Moscow and Tehran signed the treaty.", 0.0),
        ]
    )
    table = target_sentiment(scored, resampling=Resampling(**FAST))
    cells = {(v, t): n for v, t, n in table[["voice", "target", "n"]].itertuples(index=False)}
    assert cells[("lavrov", "treaty")] == 1 and cells[("araghchi", "treaty")] == 1 and cells[("outlet", "treaty")] == 1
    assert cells[("lavrov", "partner")] == 1  # Tehran, seen from Russia
    assert cells[("araghchi", "partner")] == 1  # Moscow, seen from Iran
    assert ("outlet", "partner") not in cells  # narration has no side
    assert cells[("lavrov", "sanctions")] == 1
    sides = target_sentiment(scored, voices=["side:iran", "side:russia"], resampling=Resampling(**FAST))
    treaty = sides[sides["target"].eq("treaty")].set_index("voice")
    assert treaty["n"].to_dict() == {"side:iran": 1, "side:russia": 1}
    full = target_sentiment(scored, voices=["lavrov"], include_empty=True, resampling=Resampling(**FAST))
    assert len(full) == 12 and (full["n"] == 0).sum() == 12 - 4  # treaty, partner, iran, sanctions


def test_evidence_returns_the_units_of_a_row():
    scored = units(JOINT)
    scored["text"] = ["Good talks.", "Great day.", "Bad news.", "Fine.", "Nothing."]
    row = voice_sentiment(scored, ["putin+joint"], resampling=Resampling(**FAST)).iloc[0]
    evidence = sentiment_evidence(scored, row, explain=True)
    assert evidence["unit_id"].tolist() == row["unit_ids"]
    assert evidence["text"].tolist() == ["Bad news.", "Fine."]
    assert evidence["words"].tolist() == ["Bad -2.5", "Fine +0.8"]
    assert sentiment_evidence(scored, ["d0:0-9"])["text"].tolist() == ["Good talks."]
    with pytest.raises(AnalysisError, match="not in the scored table"):
        sentiment_evidence(scored, ["nope"])


def test_voice_functions_need_utterance_units():
    plain = pd.DataFrame({"unit_id": ["a"], "doc_id": ["d"], "text": ["Good."], "compound": [0.4]})
    for call in (
        lambda: voice_sentiment(plain, ["lavrov"]),
        lambda: compare_sentiment(plain, "a", "b"),
        lambda: target_sentiment(plain),
    ):
        with pytest.raises(AnalysisError, match="utterance_sentences"):
            call()


def test_evidence_is_explained_with_the_rules_the_table_was_scored_with():
    from analysis.sentiment import score_units

    units = pd.DataFrame(
        {"unit_id": ["a"], "doc_id": ["d"], "utt_id": [0], "start": [0], "end": [37],
         "text": ["There is no doubt the talks are good."], "actor": ["x"], "side": ["y"],
         "source": ["quote"], "type": ["direct"], "outlet": ["o"]}
    )  # fmt: skip
    nltk_rules = sentiment_evidence(score_units(units, method="vader"), ["a"], explain=True)
    vader3_rules = sentiment_evidence(score_units(units, method="vader3"), ["a"], explain=True)
    # nltk counts "no" as a negative word; vaderSentiment 3.3.2 reads it as negating "doubt".
    assert "no -1.2" in nltk_rules.loc[0, "words"]
    assert vader3_rules.loc[0, "words"] == "doubt +1.11, good +1.9"
