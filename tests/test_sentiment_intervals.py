"""Intervals that respect documents: cluster bootstrap, document permutation, design-effect Wilson."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.errors import AnalysisError
from analysis.resampling import (
    RESAMPLE_LEVELS,
    Resampling,
    bootstrap_difference,
    bootstrap_mean,
    cluster_totals,
    group_codes,
    permutation_pvalue,
)
from analysis.salience import frame_shares
from analysis.salience.frames import voice_frame_shares
from analysis.sentiment import compare_sentiment, interval_widths, voice_sentiment
from analysis.sentiment.stats import aggregate_sentiment, documents_of
from analysis.shares import cluster_shares, wilson_interval

FAST = Resampling(n_resamples=999, seed=3)
ONE_DOCUMENT = "all sentences come from one document: no document-level interval"


def clustered(n_documents: int, per_document: int, *, spread: float = 0.5, seed: int = 0):
    """Scores whose documents differ in level (so sentences of one document are alike)."""
    rng = np.random.default_rng(seed)
    levels = rng.normal(0, spread, n_documents)
    values = np.concatenate([level + rng.normal(0, 0.1, per_document) for level in levels])
    groups = np.repeat([f"doc{i}" for i in range(n_documents)], per_document)
    return values, groups


def test_levels_and_group_helpers():
    assert RESAMPLE_LEVELS == ("document", "sentence")
    codes, n = group_codes(["b", "a", "b", "c"])
    assert codes.tolist() == [0, 1, 0, 2] and n == 3
    sums, counts = cluster_totals([1.0, 2.0, 3.0], ["x", "y", "x"])
    assert sums.tolist() == [4.0, 2.0] and counts.tolist() == [2.0, 1.0]
    with pytest.raises(AnalysisError, match="3 values but 2 group labels"):
        cluster_totals([1.0, 2.0, 3.0], ["x", "y"])


def test_document_intervals_are_wider_for_alike_sentences_and_hold_the_mean():
    values, groups = clustered(12, 8)
    s_low, s_high, _ = bootstrap_mean(values, FAST)
    d_low, d_high, note = bootstrap_mean(values, FAST, groups=groups)
    assert note == ""
    assert d_low <= values.mean() <= d_high
    assert (d_high - d_low) > 2 * (s_high - s_low)


def test_one_sentence_per_document_is_the_sentence_level_interval():
    values = np.random.default_rng(1).normal(size=40)
    assert bootstrap_mean(values, FAST, groups=[str(i) for i in range(40)]) == pytest.approx(
        bootstrap_mean(values, FAST), abs=0.02
    )


@pytest.mark.parametrize(
    ("values", "groups", "expected"),
    [
        ([], [], (math.nan, math.nan, "no sentences")),
        ([0.3], ["a"], (math.nan, math.nan, "one sentence: no interval")),
        ([0.2, 0.2, 0.2], ["a", "b", "c"], (0.2, 0.2, "all sentences score the same: the interval is degenerate")),
        ([0.1, 0.5, 0.9], ["a", "a", "a"], (math.nan, math.nan, ONE_DOCUMENT)),
    ],
)
def test_degenerate_cases_are_defined(values, groups, expected):
    low, high, note = bootstrap_mean(values, FAST, groups=groups)
    assert note == expected[2]
    for got, want in ((low, expected[0]), (high, expected[1])):
        assert (math.isnan(got) and math.isnan(want)) or got == want


def test_few_documents_are_flagged_and_seeds_reproduce():
    values, groups = clustered(3, 5)
    first = bootstrap_mean(values, FAST, groups=groups)
    assert first == bootstrap_mean(values, FAST, groups=groups)
    assert first[2].startswith("only 3 documents")


def test_document_difference_and_permutation():
    a, ga = clustered(8, 6, seed=1)
    b, gb = clustered(8, 6, seed=2)
    b = b - 1.0
    low, high, _ = bootstrap_difference(a, b, FAST, groups_a=ga, groups_b=[f"other{g}" for g in gb])
    s_low, s_high, _ = bootstrap_difference(a, b, FAST)
    assert low <= a.mean() - b.mean() <= high and (high - low) > (s_high - s_low)
    p_document = permutation_pvalue(a, b, FAST, groups_a=ga, groups_b=[f"other{g}" for g in gb])
    p_sentence = permutation_pvalue(a, b, FAST)
    assert p_sentence <= p_document < 0.05


def test_document_permutation_by_hand():
    # two blocks against one: 3 arrangements; the observed one is the most extreme in its direction
    a = np.array([0.9, 0.8, 0.7, 0.6])
    b = np.array([-0.5, -0.5])
    p = permutation_pvalue(a, b, FAST, groups_a=["d1", "d1", "d2", "d2"], groups_b=["d3", "d3"])
    assert p == pytest.approx(2 / 3)
    assert permutation_pvalue(a, b, FAST, groups_a=["d1"] * 4, groups_b=["d3"] * 2) == 1.0
    low, high, note = bootstrap_difference(a, b, FAST, groups_a=["d1"] * 4, groups_b=["d3", "d4"])
    assert math.isnan(low) and math.isnan(high) and "one document" in note


def test_design_effect_wilson_by_hand():
    hits = np.array([1, 1, 1, 0, 0, 0, 1, 0], dtype=float)[:, None]
    groups = ["a", "a", "a", "b", "b", "b", "c", "c"]
    low, high, note = cluster_shares(hits, groups)
    n, share = 8, 0.5
    sums, counts = np.array([3.0, 0.0, 1.0]), np.array([3.0, 3.0, 2.0])
    variance = 3 / 2 * ((sums - counts * share) ** 2).sum() / n**2
    effective = min(n, share * (1 - share) / variance) * (stats.norm.ppf(0.975) / stats.t.ppf(0.975, 2)) ** 2
    expected = wilson_interval(share * effective, effective)
    assert (float(low[0]), float(high[0])) == pytest.approx((float(expected[0]), float(expected[1])))
    assert note == "only 3 documents: a rough interval"
    sentence = wilson_interval(4, 8)
    assert float(high[0] - low[0]) > float(sentence[1] - sentence[0])


def test_design_effect_wilson_edges():
    zero = np.zeros((6, 1))
    low, high, _ = cluster_shares(zero, ["a", "a", "b", "b", "c", "c"])
    assert low[0] == 0.0 and 0 < high[0] < 1  # a share of 0 is never the degenerate [0, 0]
    low, high, note = cluster_shares(np.ones((4, 1)), ["a"] * 4)
    assert math.isnan(low[0]) and math.isnan(high[0]) and "one document" in note
    low, high, note = cluster_shares(np.ones((0, 2)), [])
    assert np.isnan(low).all() and note == "no sentences"
    boot_low, boot_high, _ = cluster_shares(np.array([[1.0], [0.0], [1.0], [1.0]]), ["a", "b", "c", "d"],
                                            interval="bootstrap", resampling=FAST)  # fmt: skip
    assert 0 <= boot_low[0] <= 0.75 <= boot_high[0] <= 1


# the stages ---------------------------------------------------------------------------------
def scored(documents: list[str], actor: list[str], compound: list[float]) -> pd.DataFrame:
    n = len(compound)
    return pd.DataFrame(
        {
            "unit_id": [f"{d}:{i * 10}-{i * 10 + 9}" for i, d in enumerate(documents)],
            "doc_id": documents,
            "source": ["quote"] * n,
            "actor": actor,
            "side": ["russia" if a == "lavrov" else "iran" for a in actor],
            "outlet": ["W"] * n,
            "text": ["Sanctions are illegal."] * n,
            "compound": compound,
        }
    )


def test_voice_sentiment_resamples_documents_by_default():
    values, groups = clustered(6, 5)
    table = scored(list(groups), ["lavrov"] * len(values), list(values))
    document = voice_sentiment(table, ["lavrov"], resampling=Resampling(n_resamples=999)).iloc[0]
    sentence = voice_sentiment(table, ["lavrov"], resampling=Resampling(level="sentence", n_resamples=999)).iloc[0]
    assert document["n_documents"] == 6 and sentence["n_documents"] == 6
    assert (document["high"] - document["low"]) > (sentence["high"] - sentence["low"])
    assert voice_sentiment(table, ["lavrov"], resampling=Resampling(n_resamples=99)).attrs["resample"] == "document"
    with pytest.raises(AnalysisError, match="resample='paragraph'"):
        Resampling(level="paragraph")


def test_a_voice_of_one_document_has_no_document_interval_but_says_why():
    table = scored(["d1"] * 12, ["lavrov"] * 12, list(np.linspace(-0.5, 0.5, 12)))
    row = voice_sentiment(table, ["lavrov"], resampling=Resampling(n_resamples=999)).iloc[0]
    assert math.isnan(row["low"]) and "one document" in row["note"] and row["mean"] == pytest.approx(0.0)
    widths = interval_widths(table, ["lavrov"], resampling=Resampling(n_resamples=999)).iloc[0]
    assert widths["width_sentence"] > 0 and math.isnan(widths["ratio"])


def test_per_document_rows_resample_their_sentences():
    table = scored(["d1"] * 5 + ["d2"] * 5, ["lavrov"] * 10, list(np.linspace(-0.5, 0.5, 10)))
    by_doc = aggregate_sentiment(table, by="doc_id", resampling=Resampling(n_resamples=999))
    assert by_doc["low"].notna().all() and by_doc.attrs["resample"] == "sentence"


def test_compare_counts_documents_and_permutes_them():
    values_a, groups_a = clustered(5, 4, seed=4)
    values_b, groups_b = clustered(5, 4, seed=5)
    table = pd.concat(
        [scored(list(groups_a), ["lavrov"] * 20, list(values_a + 1)), scored([f"x{g}" for g in groups_b],
         ["araghchi"] * 20, list(values_b))], ignore_index=True,
    )  # fmt: skip
    row = compare_sentiment(table, "lavrov", "araghchi", resampling=Resampling(n_resamples=999)).iloc[0]
    assert (row["documents_a"], row["documents_b"]) == (5, 5)
    sentence = compare_sentiment(
        table, "lavrov", "araghchi", resampling=Resampling(level="sentence", n_resamples=999)
    ).iloc[0]
    assert row["p_value"] >= sentence["p_value"]
    assert (row["high"] - row["low"]) > (sentence["high"] - sentence["low"])


def test_documents_of_reads_doc_id_or_the_unit_id():
    assert documents_of(pd.DataFrame({"unit_id": ["a:1-2"], "doc_id": ["z"]})).tolist() == ["z"]
    assert documents_of(pd.DataFrame({"unit_id": ["doc:7:1-2", "plain"]})).tolist() == ["doc:7", "plain"]


def test_frame_shares_count_evidence_in_documents():
    texts = ["Sanctions are illegal.", "Trade grows.", "Sanctions hurt.", "Trade is up."] * 3
    units = pd.DataFrame(
        {
            "unit_id": [f"d{i % 3}:{i * 30}-{i * 30 + 25}" for i in range(12)],
            "doc_id": [f"d{i % 3}" for i in range(12)],
            "start": [i * 30 for i in range(12)],
            "end": [i * 30 + 25 for i in range(12)],
            "actor": ["lavrov"] * 12,
            "side": ["russia"] * 12,
            "source": ["quote"] * 12,
            "outlet": ["W"] * 12,
            "text": texts,
        }
    )
    document = frame_shares(units, by="actor").set_index("frame").loc["sovereignty"]
    sentence = (
        frame_shares(units, by="actor", resampling=Resampling(level="sentence")).set_index("frame").loc["sovereignty"]
    )
    assert document["share"] == sentence["share"] == 0.5
    assert (document["high"] - document["low"]) > (sentence["high"] - sentence["low"])
    assert "only 3 documents" in document["note"]
    one = voice_frame_shares(units.assign(doc_id="d0"), ["lavrov"])
    assert one["low"].isna().all() and one["note"].str.contains("one document").all()
    assert one.attrs["resample"] == "document"
