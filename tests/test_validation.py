"""The validation stage: codes files, agreement, validity, corrected shares, learned detectors, samples."""

from __future__ import annotations

import json

import krippendorff
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import precision_recall_fscore_support

from analysis.resampling import Resampling
from analysis.salience.frames import load_frames
from analysis.validation import (
    CodesError,
    agreement_table,
    corrected_shares,
    frame_validity,
    krippendorff_alpha,
    load_detector,
    read_codes,
    reference_codes,
    rogan_gladen,
    sample_units,
    tone_validity,
    train_detector,
)
from analysis.validation.agreement import _alpha_from, _distances, _unit_coincidences
from analysis.validation.learned import _TOKENS, LearnedDetectorError, TextFeatures

DOCUMENTS = pd.DataFrame({"doc_id": ["d1", "d2"], "text": ["Trade grows fast. Talks were held.", "War. Peace."]})
HEADER = "doc_id,start,end,unit_id,frame:economy,frame:security,tone,coder"


def _codes(tmp_path, body: str, name: str = "codes.csv", header: str = HEADER):
    path = tmp_path / name
    path.write_text(f"{header}\n{body}", encoding="utf-8")
    return path


# -- codes files --------------------------------------------------------------------------------
def test_a_codes_file_is_read_with_its_coders_and_blanks(tmp_path):
    path = _codes(tmp_path, "d1,0,17,d1:0-17,1,0,2,ana\nd1,0,17,,1,,1,ben\nd1,18,34,,,,,ana\n")
    codes = read_codes(path, documents=DOCUMENTS, frame_ids=["economy", "security"])
    assert codes["coder"].tolist() == ["ana", "ben"]  # the row with nothing coded is skipped
    assert codes["frame:security"].isna().tolist() == [False, True]
    assert codes["tone"].tolist() == [2.0, 1.0]
    assert codes["line"].tolist() == [2, 3]


def test_spreadsheet_exports_with_a_byte_order_mark_and_semicolons_are_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + HEADER.replace(",", ";") + "\nd2;0;4;;0;1;-3;ana\n").encode("utf-8"))
    codes = read_codes(path, documents=DOCUMENTS)
    assert codes.loc[0, ["frame:security", "tone"]].tolist() == [1.0, -3.0]


def test_the_coder_defaults_to_the_file_name(tmp_path):
    path = _codes(tmp_path, "d2,0,4,,0,1,,\n", name="ben.csv")
    assert read_codes(path, documents=DOCUMENTS)["coder"].tolist() == ["ben"]


@pytest.mark.parametrize(
    ("body", "header", "expected"),
    [
        ("d1,0,17,,1,0,5,ana\n", HEADER, "line 2, column 7 (tone): tone 5 is outside -4..4"),
        ("d1,0,17,,1,0,1.5,ana\n", HEADER, "line 2, column 7 (tone): '1.5' is not a whole number"),
        ("d1,0,17,,yes,0,1,ana\n", HEADER, "line 2, column 5 (frame:economy): 'yes' is not 0, 1 or blank"),
        ("d1,0,99,,1,0,1,ana\n", HEADER, "line 2, column 3 (end): span 0-99 is outside the document (0-34)"),
        ("d1,40,45,,1,0,1,ana\n", HEADER, "line 2, column 2 (start): span 40-45 is outside the document (0-34)"),
        ("dx,0,5,,1,0,1,ana\n", HEADER, "line 2, column 1 (doc_id): no document 'dx' in the corpus"),
        ("d1,a,5,,1,0,1,ana\n", HEADER, "line 2, column 2 (start): 'a' is not a whole number"),
        ("d1,0,17,d1:0-18,1,0,1,ana\n", HEADER, "column 4 (unit_id): 'd1:0-18' does not match doc_id:start-end"),
        ("d1,0,17,,1,0,1\n", "doc_id,start,end,unit_id,frame:economy,frame:sekurity,tone",
         "line 1, column 6 (frame:sekurity): unknown frame id 'sekurity'"),
        ("d1,0,17,1\n", "doc_id,begin,end,tone", "line 1: no 'start' column"),
        ("d1,0,17,,1,0,1,ana\nd1,0,17,,0,0,1,ana\n", HEADER, "line 3: span d1:0-17 is coded twice by 'ana'"),
    ],
)  # fmt: skip
def test_bad_codes_get_one_line_naming_file_line_and_column(tmp_path, body, header, expected):
    path = _codes(tmp_path, body, header=header)
    with pytest.raises(CodesError) as caught:
        read_codes(path, documents=DOCUMENTS, frame_ids=["economy", "security"])
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path)) and expected in message


@pytest.mark.parametrize(("content", "expected"), [(b"", "empty file"), (b"\xff\xfe,,", "not UTF-8")])
def test_empty_and_undecodable_files_are_named(tmp_path, content, expected):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CodesError, match=expected):
        read_codes(path)
    with pytest.raises(CodesError, match="no such file"):
        read_codes(tmp_path / "missing.csv")


def test_the_reference_is_the_adjudicators_else_the_majority_and_ties_stay_undecided():
    codes = pd.DataFrame(
        {
            "doc_id": "d",
            "start": [0, 0, 0, 5, 5],
            "end": [4, 4, 4, 9, 9],
            "unit_id": ["d:0-4"] * 3 + ["d:5-9"] * 2,
            "coder": ["a", "b", "adjudicated", "a", "b"],
            "frame:economy": [1.0, 0.0, 0.0, 1.0, 0.0],
            "frame:security": [1.0, 1.0, np.nan, 0.0, 0.0],
            "tone": [2.0, 0.0, np.nan, -1.0, -2.0],
            "weight": 1.0,
        }
    )
    reference = reference_codes(codes)
    assert reference["frame:economy"].tolist()[0] == 0.0  # adjudicated
    assert np.isnan(reference["frame:economy"].tolist()[1])  # a tie
    assert reference["frame:security"].tolist() == [1.0, 0.0]
    assert reference["tone"].tolist() == [1.0, -1.5]
    assert reference["n_coders"].tolist() == [2, 2]  # the adjudicator is not a coder


# -- agreement ----------------------------------------------------------------------------------
@pytest.mark.parametrize("level", ["nominal", "interval"])
@pytest.mark.parametrize("seed", range(6))
def test_alpha_is_the_krippendorff_package_and_the_bootstrap_reuses_it_exactly(level, seed):
    rng = np.random.default_rng(seed)
    matrix = rng.integers(-2, 3, size=(3, 60)).astype(float)
    matrix[1] = np.where(rng.random(60) < 0.7, matrix[0], matrix[1])  # coders that mostly agree
    matrix[rng.random(matrix.shape) < 0.2] = np.nan
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    assert krippendorff_alpha(matrix, level=level) == pytest.approx(expected, abs=1e-9)
    # a resample of units is a weighted sum of per-unit coincidences: the package's alpha on those units
    coincidences, values = _unit_coincidences(matrix)
    pairable = np.flatnonzero((~np.isnan(matrix)).sum(axis=0) >= 2)
    picks = rng.integers(0, len(pairable), size=len(pairable))
    resampled = matrix[:, pairable[picks]]
    summed = coincidences[picks].sum(axis=0)
    direct = krippendorff.alpha(reliability_data=resampled, level_of_measurement=level, value_domain=values)
    assert _alpha_from(summed, _distances(values, level)) == pytest.approx(direct, abs=1e-9)


def test_the_agreement_table_counts_pairable_units_and_leaves_the_adjudicator_out():
    codes = pd.DataFrame(
        {
            "unit_id": ["u1", "u1", "u2", "u2", "u3", "u3", "u1"],
            "coder": ["a", "b", "a", "b", "a", "c", "adjudicated"],
            "frame:economy": [1, 1, 0, 0, 1, 1, 0],
            "tone": [2, 2, 0, 1, np.nan, 3, 0],
        }
    )
    table = agreement_table(codes, resampling=Resampling(n_resamples=200, seed=0))
    assert table[["measure", "id", "n_units"]].values.tolist() == [["frame", "economy", 3], ["tone", "tone", 2]]
    low, alpha, high = table.loc[0, ["low", "alpha", "high"]]
    assert alpha == 1.0 and low == high == 1.0
    assert "few units" in table.loc[0, "note"]


def test_alpha_is_undefined_without_variation_and_says_so():
    codes = pd.DataFrame({"unit_id": ["u1", "u1", "u2", "u2"], "coder": ["a", "b"] * 2, "frame:economy": [0] * 4})
    row = agreement_table(codes, resampling=Resampling(n_resamples=50)).iloc[0]
    assert np.isnan(row["alpha"]) and "undefined" in row["note"]


# -- validity -----------------------------------------------------------------------------------
def test_frame_figures_are_those_of_scikit_learn():
    rng = np.random.default_rng(3)
    truth = (rng.random((200, 3)) < [0.1, 0.3, 0.5]).astype(float)
    hits = np.where(truth == 1, rng.random((200, 3)) < 0.8, rng.random((200, 3)) < 0.1)
    reference = pd.DataFrame(truth, columns=["frame:a", "frame:b", "frame:c"])
    table = frame_validity(reference, hits, ["a", "b", "c"]).set_index("id")
    precision, recall, f1, support = precision_recall_fscore_support(truth, hits, zero_division=0)
    assert table.loc[["a", "b", "c"], "precision"].tolist() == pytest.approx(precision.tolist())
    assert table.loc[["a", "b", "c"], "recall"].tolist() == pytest.approx(recall.tolist())
    assert table.loc[["a", "b", "c"], "f1"].tolist() == pytest.approx(f1.tolist())
    assert table.loc[["a", "b", "c"], "n_pos"].tolist() == support.tolist()
    micro = precision_recall_fscore_support(truth, hits, average="micro")
    assert table.loc["micro", ["precision", "recall", "f1"]].tolist() == pytest.approx(list(micro[:3]))
    assert table.loc["macro", "f1"] == pytest.approx(f1.mean())


def test_uncoded_spans_do_not_count_and_weights_are_inverted():
    reference = pd.DataFrame({"frame:a": [1.0, 0.0, np.nan, 1.0], "weight": [1.0, 1.0, 1.0, 4.0]})
    table = frame_validity(reference, np.array([[True], [True], [True], [False]]), ["a"]).set_index("id")
    assert table.loc["a", ["n", "n_pos", "tp", "fp", "fn"]].tolist() == [3, 2, 1.0, 1.0, 0.25]


def test_tone_figures_are_those_of_scipy():
    rng = np.random.default_rng(1)
    tone = rng.integers(-4, 5, 100).astype(float)
    compound = np.clip(tone / 4 + rng.normal(0, 0.3, 100), -1, 1)
    row = tone_validity(pd.DataFrame({"tone": tone}), {"m": compound}, default="m").iloc[0]
    assert row["pearson"] == pytest.approx(stats.pearsonr(compound, tone)[0])
    assert row["spearman"] == pytest.approx(stats.spearmanr(compound, tone)[0])
    classes = np.sign(np.where(np.abs(compound) < 0.05, 0, compound)) == np.sign(tone)
    assert row["accuracy3"] == pytest.approx(classes.mean()) and bool(row["default"])


# -- corrected shares ---------------------------------------------------------------------------
def test_rogan_gladen_recovers_the_true_share_and_its_interval_holds_it():
    rng = np.random.default_rng(7)
    documents = np.repeat(np.arange(200), 10)
    truth = rng.random((2000, 1)) < 0.3
    found = np.where(truth, rng.random((2000, 1)) < 0.6, rng.random((2000, 1)) < 0.08)
    coded = rng.choice(2000, 400, replace=False)
    reference = pd.DataFrame({"frame:x": truth[coded, 0].astype(float)})
    table = corrected_shares(found, documents, {"all": np.ones(2000, bool)}, reference, found[coded], ["x"],
                             resampling=Resampling(n_resamples=500, seed=1))  # fmt: skip
    row = table.iloc[0]
    assert row["raw"] < truth.mean() - 0.05  # the detector misses many
    assert abs(row["corrected"] - truth.mean()) < 0.04
    assert row["low"] <= truth.mean() <= row["high"]
    assert row["high"] - row["low"] > row["raw_high"] - row["raw_low"]  # two uncertainties, not one
    assert not row["low_validity"]


def test_a_detector_no_better_than_chance_is_not_corrected_and_low_f1_is_flagged():
    assert np.isnan(rogan_gladen(0.3, 0.4, 0.6))
    reference = pd.DataFrame({"frame:x": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0]})
    coded_hits = np.array([[1], [0], [1], [1], [0], [0]], dtype=bool)
    row = corrected_shares(np.array([[True], [False]]), ["a", "b"], {"v": np.array([True, True])}, reference,
                           coded_hits, ["x"], resampling=Resampling(n_resamples=100)).iloc[0]  # fmt: skip
    assert row["low_validity"] and "F1" in row["note"]


# -- learned detectors --------------------------------------------------------------------------
TEXTS = [
    "Trade and investment grew strongly this year.",
    "The banks linked their payment systems.",
    "Energy exports under the Partnership Treaty rose again.",
    "Oil and gas deliveries resumed.",
    "New investment in the railway was agreed.",
    "The missile threat keeps growing.",
    "Armed forces held joint exercises.",
    "Terrorism remains the main danger.",
    "The drone attack was condemned.",
    "Military cooperation continues.",
    "Students will study at both universities.",
    "A film festival opens in Moscow.",
]
LABELS = pd.DataFrame(
    {
        "frame:economy": [1.0] * 5 + [0.0] * 7,
        "frame:security": [0.0] * 5 + [1.0] * 5 + [0.0] * 2,
        "tone": [1.0, 0.0, 1.0, 0.0, 1.0, -2.0, 0.0, -3.0, -3.0, 0.0, 1.0, 1.0],
    }
)


def test_text_features_equal_scikit_learns_tfidf():
    lexicon = load_frames()
    features = TextFeatures.fit(TEXTS, lexicon, min_df=1)
    masked = [lexicon._masker().mask(t).text for t in TEXTS]  # names are masked first ("Partnership Treaty")
    assert masked != TEXTS
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), token_pattern=_TOKENS, sublinear_tf=True).fit(masked)
    ours = features.transform(TEXTS).toarray()[:, : len(features.vocabulary)]
    assert features.vocabulary == vectorizer.get_feature_names_out().tolist()
    assert np.allclose(ours, vectorizer.transform(masked).toarray())


def test_a_detector_is_saved_as_json_and_reads_back_to_the_same_predictions(tmp_path):
    detector = train_detector(TEXTS, LABELS)
    assert detector.frame_ids == ("economy", "security") and detector.tone is not None
    path = detector.save(tmp_path / "model.json")
    data = json.loads(path.read_text(encoding="utf-8"))  # plain JSON, nothing that runs code when read
    assert data["format"] == "framing-analysis learned detector" and set(data["frames"]) == {"economy", "security"}
    loaded = load_detector(path)
    probes = ["Gas exports grew.", "A missile attack.", "Students and films."]
    assert np.allclose(loaded.probabilities(probes), detector.probabilities(probes), atol=1e-4)
    assert loaded.detect(probes).dtype == bool and loaded.detect(probes).shape == (3, 2)
    assert loaded.detect(probes)[:2].tolist() == [[True, False], [False, True]]
    assert "economy" in loaded.explain("Gas exports grew.")
    assert np.allclose(loaded.tone.predict(probes), detector.tone.predict(probes), atol=1e-3)
    scores = loaded.tone.score(probes)
    assert len(scores) == 3 and all(len(s) == 4 and -1 <= s[3] <= 1 for s in scores)


def test_a_frame_with_few_codes_keeps_the_lexicon():
    labels = LABELS.assign(**{"frame:science_culture": [0.0] * 10 + [1.0] * 2})
    detector = train_detector(TEXTS, labels)
    assert detector.models["science_culture"] == {
        "kept": "lexicon",
        "reason": "2 coded positives, 10 negatives (< 5)",
    }
    assert detector.detect(["A new university."])[0, detector.frame_ids.index("science_culture")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("not json", "not a JSON model file"),
        ('{"format": "something else"}', "not a model of framing train"),
        ('{"format": "framing-analysis learned detector", "version": 9}', "version 9 is not supported"),
    ],
)
def test_bad_model_files_are_named(tmp_path, content, expected):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LearnedDetectorError, match=expected):
        load_detector(path)


def test_a_model_whose_weights_do_not_fit_its_features_is_refused(tmp_path):
    path = train_detector(TEXTS, LABELS).save(tmp_path / "model.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["frames"]["economy"]["weights"] = data["frames"]["economy"]["weights"][:-3]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LearnedDetectorError, match="frame 'economy'"):
        load_detector(path)


# -- samples to code ----------------------------------------------------------------------------
def _units(n: int = 60) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": [f"d{i // 6}:{i}-{i + 1}" for i in range(n)],
            "doc_id": [f"d{i // 6}" for i in range(n)],
            "start": range(n),
            "end": range(1, n + 1),
            "text": [f"sentence {i}" for i in range(n)],
            "actor": ["lavrov", "araghchi", "outlet"] * (n // 3),
            "side": ["russia", "iran", ""] * (n // 3),
            "source": ["quote", "quote", "narration"] * (n // 3),
        }
    )


def test_a_sample_is_stratified_by_voice_reproducible_and_has_the_sheets_columns():
    units = _units()
    sheet = sample_units(units, ["side:iran", "lavrov"], n=5, seed=3, frame_ids=["economy"])
    assert sheet.groupby("voice").size().to_dict() == {"lavrov": 5, "side:iran": 5}
    assert list(sheet.columns) == [
        "doc_id", "start", "end", "unit_id", "voice", "text", "before", "after", "frame:economy", "tone", "coder",
    ]  # fmt: skip
    assert sheet.equals(sample_units(units, ["side:iran", "lavrov"], n=5, seed=3, frame_ids=["economy"]))
    assert not sheet.equals(sample_units(units, ["side:iran", "lavrov"], n=5, seed=4, frame_ids=["economy"]))
    first = sheet.iloc[0]
    index = units.index[units["unit_id"] == first["unit_id"]][0]
    expected_before = units.loc[index - 1, "text"] if units.loc[index - 1, "doc_id"] == first["doc_id"] else ""
    assert first["before"] == expected_before


def test_rare_frames_are_oversampled_with_the_weights_recorded():
    units = _units(300).assign(actor="lavrov", side="russia", source="quote")
    hits = np.zeros((300, 1), dtype=bool)
    hits[:6] = True  # a frame in 2% of the units
    sheet = sample_units(units, ["lavrov"], n=30, seed=0, frame_ids=["economy"], hits=hits, oversample_rare=True)
    rare = sheet["unit_id"].isin(units["unit_id"][:6])
    assert rare.sum() >= 3  # about 0.6 expected without weights
    assert sheet.loc[rare, "weight"].eq(5.0).all() and sheet.loc[~rare, "weight"].eq(1.0).all()


def test_the_uncertain_units_come_first():
    units = _units()
    probabilities = np.full((60, 1), 0.99)
    probabilities[[4, 9, 41]] = [[0.5], [0.45], [0.6]]  # an Iranian, a Russian and an outlet's unit
    sheet = sample_units(units, ["side:iran", "lavrov", "outlet"], n=1, seed=0, frame_ids=["economy"],
                         probabilities=probabilities)  # fmt: skip
    assert sheet["unit_id"].tolist() == units.loc[[4, 9, 41], "unit_id"].tolist()
    assert sheet["uncertainty"].tolist() == [1.0, 0.9, 0.8]


def test_a_voice_without_units_is_an_error():
    with pytest.raises(Exception, match="no sentence units"):
        sample_units(_units(), ["side:other"], n=3, seed=0, frame_ids=["economy"])


def test_a_learned_detector_and_its_tone_keep_the_protocols():
    from analysis.salience.detectors import ExplainableDetector, FrameDetector, check_frame_detector
    from analysis.sentiment.methods import SentimentMethod
    from analysis.sentiment.registry import check_sentiment_method

    detector = train_detector(TEXTS, LABELS)
    assert isinstance(detector, FrameDetector) and isinstance(detector, ExplainableDetector)
    assert detector.frame_labels == ("Economy, trade, energy and finance", "Security and defence")
    check_frame_detector(detector)
    assert isinstance(detector.tone, SentimentMethod)
    check_sentiment_method(detector.tone)


def test_the_lexicon_masks_the_names_of_its_study():
    from analysis.pipeline.study import load_study

    study = load_study("-")
    lexicon = study.frame_detector()
    assert lexicon.masker is not None and len(lexicon.masker) > 0
    assert not lexicon.detect(["The Comprehensive Strategic Partnership Treaty."]).any()
