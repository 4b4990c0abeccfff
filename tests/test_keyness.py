"""Keyness: the formulas against hand computation, symmetry, seeds, inputs, n-grams, bad input, kwic."""

from __future__ import annotations

import importlib
import importlib.util
import math
import warnings

import numpy as np
import pandas as pd
import pytest
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

import analysis
from analysis.resampling import Resampling
from analysis.salience import (
    KEYNESS_COLUMNS,
    KWIC_COLUMNS,
    KeynessError,
    SmallSampleWarning,
    TermError,
    document_term_matrix,
    keyness,
    kwic,
    ngram_analyzer,
    top_terms,
)
from analysis.voices import UTTERANCE_COLUMNS, as_units, utterance_sentences

from .conftest import ROOT

keyness_module = importlib.import_module("analysis.salience.statistics")

# A tiny example, unigrams only, in one sentence a side:
#   a: sanctions 2, treaty 1                 n_a = 3
#   b: treaty 2, partnership 3               n_b = 5
A = "Sanctions sanctions treaty."
B = "Treaty treaty partnership partnership partnership."
COUNTS = {"sanctions": (2, 0), "treaty": (1, 2), "partnership": (0, 3)}
N_A, N_B = 3, 5


@pytest.fixture(autouse=True)
def _quiet_small_samples():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        yield


def tiny(**options) -> pd.DataFrame:
    return keyness(A, B, ngram_range=(1, 1), min_count=1, stability=None, **options).set_index("term")


def monroe_z(ya, yb, alpha_a, alpha0_a, alpha_b, alpha0_b, n_a=N_A, n_b=N_B) -> float:
    """Monroe et al. (2008) eq. 16, 20 and 22, written out."""
    delta = math.log((ya + alpha_a) / (n_a + alpha0_a - ya - alpha_a)) - math.log(
        (yb + alpha_b) / (n_b + alpha0_b - yb - alpha_b)
    )
    return delta / math.sqrt(1 / (ya + alpha_a) + 1 / (yb + alpha_b))


# --- formulas ---------------------------------------------------------------------------------
def test_counts_and_rates():
    table = tiny()
    for term, (ya, yb) in COUNTS.items():
        assert (table.loc[term, "count_a"], table.loc[term, "count_b"]) == (ya, yb)
        assert table.loc[term, "rate_a"] == pytest.approx(1000 * ya / N_A)
        assert table.loc[term, "rate_b"] == pytest.approx(1000 * yb / N_B)
    assert set(table["n"]) == {1}


def test_logodds_pooled_prior_by_hand():
    table = tiny(prior="pooled")
    for term, (ya, yb) in COUNTS.items():
        alpha, alpha0 = ya + yb, N_A + N_B  # alpha_w = y_aw + y_bw; alpha0 = n_a + n_b = 8
        z = monroe_z(ya, yb, alpha, alpha0, alpha, alpha0)
        assert table.loc[term, "score"] == pytest.approx(z, rel=1e-12)
        assert table.loc[term, "p"] == pytest.approx(2 * (1 - stats.norm.cdf(abs(z))), rel=1e-9)
    # by hand for one term: sanctions, alpha = 2: delta = ln(4/7) - ln(2/11), var = 1/4 + 1/2
    assert table.loc["sanctions", "score"] == pytest.approx((math.log(4 / 7) - math.log(2 / 11)) / math.sqrt(0.75))
    assert table.attrs["prior_size"] == [8.0]


def test_logodds_uninformative_prior_by_hand():
    table = tiny(prior=0.5)
    alpha, alpha0 = 0.5, 0.5 * 3  # three terms
    for term, (ya, yb) in COUNTS.items():
        assert table.loc[term, "score"] == pytest.approx(monroe_z(ya, yb, alpha, alpha0, alpha, alpha0), rel=1e-12)
    # sanctions: delta = ln(2.5 / (3 + 1.5 - 2.5)) - ln(0.5 / (5 + 1.5 - 0.5)), var = 1/2.5 + 1/0.5
    by_hand = (math.log(2.5 / 2.0) - math.log(0.5 / 6.0)) / math.sqrt(1 / 2.5 + 1 / 0.5)
    assert table.loc["sanctions", "score"] == pytest.approx(by_hand)
    assert tiny(prior="0.5")["score"].equals(table["score"])  # the command line passes strings


def background_shares(terms: list[str]) -> dict[str, float]:
    table = wordfreq.get_frequency_dict("en", wordlist="large")
    floor = min(table.values())
    freq = {t: math.prod(max(table.get(w, 0.0), floor) for w in t.split()) for t in terms}
    total = sum(freq.values())
    return {t: f / total for t, f in freq.items()}


@pytest.mark.parametrize("prior_size", [None, 100.0])
def test_logodds_background_prior_by_hand(prior_size):
    table = tiny(prior="background", prior_size=prior_size)
    share = background_shares(list(COUNTS))
    alpha0 = N_A + N_B if prior_size is None else prior_size
    alpha0_a, alpha0_b = alpha0 * N_A / (N_A + N_B), alpha0 * N_B / (N_A + N_B)  # split by voice size
    for term, (ya, yb) in COUNTS.items():
        z = monroe_z(ya, yb, alpha0_a * share[term], alpha0_a, alpha0_b * share[term], alpha0_b)
        assert table.loc[term, "score"] == pytest.approx(z, rel=1e-12)
    assert table.attrs["prior_size"] == [float(alpha0)]


def test_background_prior_of_equal_voices_is_the_papers_shared_prior():
    a, b = "Sanctions sanctions treaty.", "Treaty partnership partnership."  # n_a = n_b = 3
    table = keyness(a, b, prior="background", ngram_range=(1, 1), min_count=1, stability=None).set_index("term")
    share = background_shares(["sanctions", "treaty", "partnership"])
    for term, (ya, yb) in {"sanctions": (2, 0), "treaty": (1, 1), "partnership": (0, 2)}.items():
        alpha = 6 * share[term] / 2  # eq. 16 with one alpha_w = alpha0 * pi_w / 2 for both voices
        assert table.loc[term, "score"] == pytest.approx(monroe_z(ya, yb, alpha, 3, alpha, 3, 3, 3), rel=1e-12)


def test_background_prior_of_bigrams_is_the_product_of_word_frequencies_with_a_floor():
    a, b = "International law. International law. Zorblax treaty.", "Strategic choice. Zorblax treaty."
    table = keyness(a, b, prior="background", ngram_range=(2, 2), min_count=1, stability=None).set_index("term")
    terms = ["international law", "zorblax treaty", "strategic choice"]
    share = background_shares(terms)
    n_a, n_b = 3, 2
    for term, ya, yb in [("international law", 2, 0), ("zorblax treaty", 1, 1), ("strategic choice", 0, 1)]:
        alpha0_a, alpha0_b = n_a, n_b  # alpha0 = n_a + n_b split by voice size
        z = monroe_z(ya, yb, alpha0_a * share[term], alpha0_a, alpha0_b * share[term], alpha0_b, n_a, n_b)
        assert table.loc[term, "score"] == pytest.approx(z, rel=1e-12)


def test_background_prior_keeps_the_sign_of_the_rate_difference():
    # "international law" is common in English but rare here; with one shared alpha_w it would
    # lean towards the smaller voice although it only occurs in the larger one
    a = "Moscow welcomed the pact. Leaders met. Mutual interests."
    b = "International law matters. International law again. Security threats. Global security. Peace now."
    table = keyness(a, b, prior="background", stability=None, min_count=2).set_index("term")
    assert table.loc["international law", "score"] < 0
    assert (np.sign(table["score"]) == np.sign(table["rate_a"] - table["rate_b"])).all()


def test_g2_by_hand_and_against_scipy():
    table = keyness(A, B, method="g2", ngram_range=(1, 1), min_count=1, stability=None).set_index("term")
    # sanctions: 2x2 table [[2, 0], [1, 5]] (term / other terms x a / b), N = 8
    observed = [2, 0, 1, 5]
    expected = [3 * 2 / 8, 5 * 2 / 8, 3 * 6 / 8, 5 * 6 / 8]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True) if o)
    assert table.loc["sanctions", "score"] == pytest.approx(g2, rel=1e-12)
    assert table.loc["sanctions", "p"] == pytest.approx(stats.chi2.sf(g2, 1), rel=1e-9)
    for term, (ya, yb) in COUNTS.items():
        contingency = np.array([[ya, yb], [N_A - ya, N_B - yb]])
        reference = stats.chi2_contingency(contingency, correction=False, lambda_="log-likelihood")
        sign = np.sign(ya / N_A - yb / N_B)
        assert table.loc[term, "score"] == pytest.approx(sign * reference.statistic, rel=1e-9)
    assert table.loc["partnership", "score"] < 0 < table.loc["sanctions", "score"]


def test_tfidf_is_sklearns_tfidf_of_the_two_voices():
    table = keyness(A, B, method="tfidf", ngram_range=(1, 1), min_count=1, stability=None).set_index("term")
    vectorizer = TfidfVectorizer(stop_words="english")
    weights = vectorizer.fit_transform([A, B]).toarray()
    for j, term in enumerate(vectorizer.get_feature_names_out()):
        assert table.loc[term, "score"] == pytest.approx(weights[0, j] - weights[1, j], rel=1e-12)
    assert table["p"].isna().all()


# --- symmetry and seeds -----------------------------------------------------------------------
CASES = [
    {"method": "logodds", "prior": "pooled"},
    {"method": "logodds", "prior": "background"},
    {"method": "logodds", "prior": 0.1},
    {"method": "g2"},
    {"method": "tfidf"},
]
TEXT_A = "Iran rejects unilateral sanctions. Sanctions violate international law. Iran and Russia cooperate."
TEXT_B = "Russia values the strategic partnership. The partnership treaty deepens cooperation with Iran."


@pytest.mark.parametrize("options", CASES)
def test_swapping_the_voices_flips_the_sign(options):
    forward = keyness(TEXT_A, TEXT_B, min_count=1, stability=None, **options).set_index("term")
    backward = keyness(TEXT_B, TEXT_A, min_count=1, stability=None, **options).set_index("term").loc[forward.index]
    np.testing.assert_allclose(backward["score"], -forward["score"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(backward["p"], forward["p"], rtol=1e-9)
    assert (backward["count_a"] == forward["count_b"]).all()


@pytest.mark.parametrize("options", CASES)
def test_same_seed_same_table(options):
    first = keyness(TEXT_A, TEXT_B, min_count=1, stability=Resampling(n_resamples=50, seed=7), **options)
    second = keyness(TEXT_A, TEXT_B, min_count=1, stability=Resampling(n_resamples=50, seed=7), **options)
    pd.testing.assert_frame_equal(first, second)
    assert first["stability"].between(0, 1).all()


def test_table_is_sorted_with_the_documented_columns_and_attrs():
    table = keyness(TEXT_A, TEXT_B, min_count=1, stability=Resampling(n_resamples=20), labels=("Iran", "Russia"))
    assert list(table.columns) == KEYNESS_COLUMNS
    assert table["score"].is_monotonic_decreasing
    assert table.attrs["labels"] == ["Iran", "Russia"]
    assert table.attrs["units_a"] == 3 and table.attrs["units_b"] == 2
    assert table.attrs["tokens_a"] == 12  # stop words included ("and")


# --- stability --------------------------------------------------------------------------------
def test_a_term_in_every_sentence_of_its_side_is_always_top():
    a = " ".join(["Sanctions."] * 6)
    b = " ".join(["Partnership."] * 6)
    table = keyness(a, b, top_k=1, stability=Resampling(n_resamples=100), min_count=1).set_index("term")
    assert table.loc["sanctions", "stability"] == 1.0
    assert table.loc["partnership", "stability"] == 1.0


def test_no_bootstrap_gives_no_stability():
    assert keyness(TEXT_A, TEXT_B, min_count=1, stability=None)["stability"].isna().all()


def test_top_hits_counts_the_k_highest_positive_scores():
    hits = np.zeros(4)
    keyness_module._top_hits(np.array([[3.0, 1.0, 2.0, -1.0], [0.5, -2.0, -1.0, -3.0]]), 2, hits)
    assert hits.tolist() == [2.0, 0.0, 1.0, 0.0]  # row 2 has one positive score only


@pytest.mark.parametrize("method", ["logodds", "g2", "tfidf"])
def test_resampled_scores_equal_the_scores_of_resampled_texts(monkeypatch, method):
    """The vectorised bootstrap gives each resample the score of keyness() on the resampled sentences."""
    units_a, units_b = as_units(TEXT_A), as_units(TEXT_B)
    weights: list[np.ndarray] = []
    boots: list[np.ndarray] = []
    original_weights, original_hits = keyness_module.resample_counts, keyness_module._top_hits

    def record_weights(rng, n_samples, n_units):
        w = original_weights(rng, n_samples, n_units)
        weights.append(w)
        return w

    def record_scores(scores, k, hits):
        boots.append(scores.copy())  # called for a's side (scores) then b's (-scores)
        original_hits(scores, k, hits)

    monkeypatch.setattr(keyness_module, "resample_counts", record_weights)
    monkeypatch.setattr(keyness_module, "_top_hits", record_scores)
    table = keyness(units_a, units_b, method=method, min_count=1, stability=Resampling(n_resamples=5, seed=3))
    wa, wb = weights
    compared = 0
    for sample in range(5):
        resampled_a = units_a.loc[units_a.index.repeat(wa[sample].astype(int))]
        resampled_b = units_b.loc[units_b.index.repeat(wb[sample].astype(int))]
        monkeypatch.setattr(keyness_module, "resample_counts", original_weights)
        try:
            direct = keyness(resampled_a, resampled_b, method=method, min_count=1, stability=None).set_index("term")
        except KeynessError:  # a resample without words on one side
            continue
        vectorised = pd.Series(boots[0][sample], index=sorted(table["term"]))  # vocabulary order
        # terms absent from the resample score 0 in the bootstrap and are absent from `direct`
        np.testing.assert_allclose(vectorised[direct.index], direct["score"], rtol=1e-10, atol=1e-14)
        assert (vectorised.drop(direct.index) == 0).all()
        compared += 1
    assert compared >= 3


# --- inputs -----------------------------------------------------------------------------------
def utterance_table(texts: list[str], actor: str) -> pd.DataFrame:
    rows, start = [], 0
    for i, text in enumerate(texts):
        rows.append(
            ("d", i, start, start + len(text), text, actor, "iran", "quote", "direct", i, "Wire", pd.NaT, "news", "en")
        )
        start += len(text) + 1
    return pd.DataFrame(rows, columns=UTTERANCE_COLUMNS)


def test_texts_lists_utterances_and_units_give_the_same_counts():
    sentences_a = ["Iran rejects unilateral sanctions.", "Sanctions violate international law."]
    utt = utterance_table(sentences_a, "iran_mfa")
    variants = [" ".join(sentences_a), sentences_a, utt, utterance_sentences(utt)]
    tables = [keyness(v, TEXT_B, min_count=1, stability=None) for v in variants]
    for table in tables[1:]:
        pd.testing.assert_frame_equal(
            table[["term", "count_a", "count_b", "score"]], tables[0][["term", "count_a", "count_b", "score"]]
        )


def test_as_units_cuts_rows_into_sentences_with_document_offsets():
    frame = pd.DataFrame({"doc_id": ["d"], "start": [100], "text": ["One. Two more."], "actor": ["lavrov"]})
    units = as_units(frame)
    assert units[["unit_id", "text", "actor", "side"]].values.tolist() == [
        ["d:100-104", "One.", "lavrov", ""],
        ["d:105-114", "Two more.", "lavrov", ""],
    ]


# --- n-grams ----------------------------------------------------------------------------------
def test_bigrams_never_bridge_stop_words_or_punctuation():
    grams = ngram_analyzer()("Respect for international law, the strategic choice; Iran\u2019s foreign ministry")
    assert "international law" in grams and "strategic choice" in grams
    assert "respect international" not in grams and "law strategic" not in grams
    assert "iran foreign" in grams  # the one-letter "s" is not a token
    kept = ngram_analyzer(keep_stopwords=True)("Respect for international law")
    assert {"respect for", "for international", "international law"} <= set(kept)


def test_ngram_range_two_only_and_one_only():
    assert ngram_analyzer(ngram_range=(2, 2))("strategic choice deepens") == ["strategic choice", "choice deepens"]
    assert ngram_analyzer(ngram_range=(1, 1))("strategic choice") == ["strategic", "choice"]


PIECES = [
    "Iran\u2019s",
    "the",
    "strategic",
    "choice",
    ",",
    "\u2014",
    "\u2018core\u2019",
    "20-year",
    "a",
    "of",
    "law.",
    "U.S.",
    "--",
    "'",
    "x",
    "Ünïcode",
    "it's",
    "\u201cquote\u201d",
    "\n\n",
    "co-operation",
    "_x_",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=20).map(" ".join), min_size=1, max_size=8),
    st.sampled_from([(1, 1), (1, 2), (2, 2), (1, 3)]),
    st.booleans(),
)
def test_document_term_matrix_equals_countvectorizer(texts, ngram_range, keep_stopwords):
    matrix, terms, tokens = document_term_matrix(texts, ngram_range=ngram_range, keep_stopwords=keep_stopwords)
    analyzer = ngram_analyzer(ngram_range=ngram_range, keep_stopwords=keep_stopwords)
    if not any(analyzer(t) for t in texts):
        assert matrix.shape == (len(texts), 0)
        return
    vectorizer = CountVectorizer(analyzer=analyzer)
    reference = vectorizer.fit_transform(texts)
    assert terms.tolist() == vectorizer.get_feature_names_out().tolist()
    assert (reference != matrix).nnz == 0
    assert tokens.tolist() == [len(CountVectorizer().build_tokenizer()(t.lower())) for t in texts]


# --- small samples and bad input --------------------------------------------------------------
def test_small_voices_warn_and_say_so_in_attrs():
    with pytest.warns(SmallSampleWarning, match="fewer than about 1,000"):
        table = keyness(TEXT_A, TEXT_B, min_count=1, stability=None, labels=("Iran", "Russia"))
    assert len(table.attrs["warnings"]) == 2
    assert "'Iran' has only 12 tokens" in table.attrs["warnings"][0]


def test_large_voices_do_not_warn():
    big_a = " ".join(f"Word{i % 50} treaty sanctions." for i in range(400))
    big_b = " ".join(f"Word{i % 40} partnership treaty." for i in range(400))
    with warnings.catch_warnings():
        warnings.simplefilter("error", SmallSampleWarning)
        table = keyness(big_a, big_b, stability=None)
    assert table.attrs["warnings"] == []


@pytest.mark.parametrize(
    ("a", "b", "options", "message"),
    [
        ("", TEXT_B, {}, "voice 'a' is empty"),
        ("  \n ", TEXT_B, {}, "voice 'a' is empty"),
        ([], TEXT_B, {}, "voice 'a' is empty"),
        ("...!", TEXT_B, {}, "voice 'a' is empty"),
        (TEXT_A, "The of and it is. Was there!", {}, "voice 'b' has only stop words"),
        ("It is the one.", "Was there!", {}, "voice 'a' has only stop words"),
        (TEXT_A, TEXT_B, {"min_count": 99}, "no term occurs 99 times"),
        (TEXT_A, TEXT_B, {"method": "chi2"}, "unknown method"),
        (TEXT_A, TEXT_B, {"prior": "flat"}, "unknown prior"),
        (TEXT_A, TEXT_B, {"prior": 0}, "positive number"),
        (TEXT_A, TEXT_B, {"ngram_range": (2, 1)}, "ngram_range"),
        (TEXT_A, TEXT_B, {"top_k": 0}, "top_k"),
        (TEXT_A, TEXT_B, {"prior": "background", "prior_size": -5}, "prior_size"),
    ],
)
def test_bad_input_is_a_one_line_analysis_error(a, b, options, message):
    with pytest.raises(analysis.AnalysisError, match=message) as error:
        keyness(a, b, **options)
    assert "\n" not in str(error.value)


def test_a_table_without_text_or_another_type_is_an_input_error():
    with pytest.raises(analysis.errors.InputError, match="'text' column"):
        keyness(pd.DataFrame({"words": ["x"]}), TEXT_B)
    with pytest.raises(analysis.errors.InputError, match="not int"):
        keyness(5, TEXT_B)


# --- top_terms and kwic -----------------------------------------------------------------------
def test_top_terms_takes_n_from_each_side():
    table = keyness(TEXT_A, TEXT_B, min_count=1, stability=None)
    shown = top_terms(table, 2)
    assert len(shown) == 4
    assert (shown["score"].iloc[:2] > 0).all() and (shown["score"].iloc[2:] < 0).all()


def test_kwic_finds_terms_case_insensitively_with_document_offsets():
    document = "Talks ended. Iran\u2019s Foreign Ministry said INTERNATIONAL  law must be upheld by all."
    utt = pd.DataFrame(
        [
            (
                "d",
                0,
                13,
                len(document),
                document[13:],
                "iran_mfa",
                "iran",
                "quote",
                "indirect",
                0,
                "Wire",
                pd.NaT,
                "news",
                "en",
            )
        ],
        columns=UTTERANCE_COLUMNS,
    )
    hits = kwic("international law", utt, window=2)
    assert list(hits.columns) == KWIC_COLUMNS
    row = hits.iloc[0]
    assert document[row["start"] : row["end"]] == "INTERNATIONAL  law"
    assert (row["left"], row["match"], row["right"]) == ("Ministry said", "INTERNATIONAL  law", "must be")
    assert (row["doc_id"], row["actor"], row["unit_id"]) == ("d", "iran_mfa", f"d:13-{len(document)}")
    assert kwic("iran foreign", utt)["match"].tolist() == ["Iran\u2019s Foreign"]
    assert kwic("sanction*", "Sanctions and sanctioned; unsanctioned.")["match"].tolist() == ["Sanctions", "sanctioned"]


def test_kwic_on_units_keeps_unit_ids_and_finds_nothing_quietly():
    units = utterance_sentences(utterance_table(["Sanctions fail. Sanctions hurt."], "iran_mfa"))
    hits = kwic("sanctions", units)
    assert hits["unit_id"].tolist() == units["unit_id"].tolist()
    assert kwic("partnership", units).empty


def test_kwic_rejects_a_term_without_letters():
    with pytest.raises(TermError):
        kwic("* *", "text")


def test_analysis_keyness_is_the_function_even_after_importing_its_module():
    import analysis

    importlib.import_module("analysis.salience.scores")
    assert analysis.keyness is keyness
    assert analysis.keyness(A, B, ngram_range=(1, 1), min_count=1, stability=None).equals(
        keyness(A, B, ngram_range=(1, 1), min_count=1, stability=None)
    )


# --- the benchmark's baseline agrees ----------------------------------------------------------
def test_benchmark_baseline_agrees_with_keyness():
    spec = importlib.util.spec_from_file_location("benchmark_keyness", ROOT / "benchmarks" / "keyness.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    texts_a, texts_b = bench.generate_voice(1, 3000), bench.generate_voice(2, 3000)
    units_a, units_b = as_units(texts_a), as_units(texts_b)
    ours = keyness(units_a, units_b, stability=None).set_index("term")["score"]
    base = bench.baseline_logodds(list(units_a["text"]), list(units_b["text"]))
    assert set(ours.index) == set(base)
    np.testing.assert_allclose(ours[list(base)], list(base.values()), rtol=1e-10)


def test_numerals_and_separator_lines_are_never_terms():
    a = ["On January 17, 2025 the treaty was signed.", "___", "The treaty of January 17 was signed in 2025."]
    b = ["Trade grew by 17 percent in 2025.", "___ ___", "Trade grew again."]
    table = keyness(a, b, min_count=1, stability=None)
    assert table["term"].str.contains(r"[^\W\d_]", regex=True).all()
    assert not table["term"].isin(["17", "2025", "___", "january 17"]).any()
    assert table.attrs["tokens_a"] == 18  # numerals and separators still count as tokens
    assert {"january", "treaty"} <= set(table["term"])
