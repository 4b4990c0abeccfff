"""Keyness, kwic and frames per language: Russian read by lemma, English unchanged (issue 26)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.salience import FramesError, frame_shares, keyness, kwic, load_frames
from analysis.salience.detectors import DetectorError, detect_by_language, measured_by_language
from analysis.salience.lemmas import lemma_texts, lemmatizer
from analysis.salience.scores import SmallSampleWarning

GOLD = Path(__file__).parent / "fixtures" / "frames_ru" / "coded.jsonl"
TITLE_FORMS = [
    "Договор о всеобъемлющем стратегическом партнёрстве вступил в силу.",
    "Текст Договора о всеобъемлющем стратегическом партнерстве опубликован.",
    "Стороны придают большое значение Договору о всеобъемлющем стратегическом партнёрстве.",
    "Министры обменялись мнениями о Договоре о всеобъемлющем стратегическом партнёрстве.",
    "Москва гордится Договором о всеобъемлющем стратегическом партнёрстве.",
]


def _units(texts: list[str], languages: list[str]) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "unit_id": [f"d{i}:0-1" for i in range(n)],
            "doc_id": [f"d{i}" for i in range(n)],
            "start": 0,
            "end": 1,
            "actor": "x",
            "side": "",
            "text": texts,
            "language": languages,
        }
    )


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        yield


# ------------------------------------------------------------------ keyness


def test_russian_keyness_top_terms_are_lemmas_not_word_forms():
    a = [
        "Договор подписан в Москве.",
        "Текст договора опубликован.",
        "По договору стороны обязуются помогать друг другу.",
        "Договором предусмотрено сотрудничество.",
        "О договоре говорили министры.",
    ]
    b = ["Санкции незаконны.", "Мы отвергаем санкции.", "Против санкций выступают все.", "Санкциями нас не запугать."]
    table = keyness(a, b, language="ru", stability=None)
    top = table["term"].head(3).tolist()
    assert top[0] == "договор"
    assert table["term"].iloc[-1] == "санкция"
    row = table.set_index("term").loc["договор"]
    assert (row["count_a"], row["count_b"]) == (5, 0)
    forms = {"договора", "договору", "договором", "договоре", "санкции", "санкций", "санкциями"}
    assert not forms & set(table["term"])


def test_russian_stop_words_are_tokens_that_break_bigrams():
    a = ["Договор о партнёрстве подписан.", "Договор о партнёрстве вступил в силу."]
    b = ["Санкции против нас незаконны.", "Санкции против нас незаконны."]
    table = keyness(a, b, language="ru", stability=None, min_count=1)
    terms = set(table["term"])
    assert {"договор", "партнерство", "санкция"} <= terms
    assert "о" not in terms and "против" not in terms and "мы" not in terms
    assert "договор партнерство" not in terms and "санкция незаконный" not in terms
    kept = keyness(a, b, language="ru", stability=None, min_count=1, keep_stopwords=True)
    assert "против" in set(kept["term"])
    # tokens include the stop words, as in English
    assert table.attrs["tokens_a"] == 10


def test_english_units_are_counted_as_before_with_or_without_language_column():
    a = ["Sanctions are illegal and violate international law.", "Iran rejects the sanctions."]
    b = ["The strategic partnership deepens.", "Our partnership grows stronger."]
    plain = keyness(a, b, stability=None, min_count=1)
    marked = keyness(_units(a, ["en", "en"]), _units(b, ["en", ""]), stability=None, min_count=1)
    pd.testing.assert_frame_equal(plain, marked)
    assert lemma_texts(a, ["en", "en"]) == a


def test_keyness_leaves_out_units_of_languages_without_resources():
    a = _units(["Sanctions are illegal.", "Les sanctions sont illégales.", "Санкции незаконны."], ["en", "xx", "ru"])
    table = keyness(a, ["Trade grows. Trade."], stability=None, min_count=1)
    assert table.attrs["left_out_a"] == 1 and table.attrs["units_a"] == 2
    assert table.attrs["languages"] == ["en", "ru"]
    assert "sanctions" in set(table["term"]) and "санкция" in set(table["term"])
    assert not any("illégales" in t for t in table["term"])


def test_capitalised_names_are_lemmatised_as_names():
    reader = lemmatizer("ru")
    assert reader.lemma("Газа") == "газа"  # Gaza, not the genitive of газ
    assert reader.lemma("газа") == "газ"
    assert reader.lemma("Лаврова") == "лавров"
    assert reader.lemma("Каспийском") == "каспийский"  # an adjective stays one (not the town Каспийск)


# ------------------------------------------------------------------ kwic


def test_kwic_finds_every_form_of_a_russian_term_shown_as_written():
    texts = [
        "Договор подписан. Текст договора опубликован.",
        "По договору стороны обязуются помогать; договором довольны.",
        "Договорились о встрече.",
    ]
    found = kwic("договор", _units(texts, ["ru"] * 3), window=2)
    assert found["match"].tolist() == ["Договор", "договора", "договору", "договором"]
    assert found["left"].tolist()[1] == "подписан. Текст"
    assert found["right"].tolist()[2] == "стороны обязуются"
    starts = found["start"].tolist()
    assert texts[0][starts[1] : found["end"].tolist()[1]] == "договора"
    assert (
        kwic("договора", texts, language="ru")["match"].tolist()
        == kwic("договор", texts, language="ru")["match"].tolist()
    )


def test_kwic_phrases_by_lemma_and_not_across_punctuation():
    texts = [
        "Они укрепляют стратегическое партнёрство и гордятся стратегическим партнерством.",
        "Стратегическое, партнёрство.",
    ]
    found = kwic("стратегическое партнёрство", texts, language="ru")
    assert found["match"].tolist() == ["стратегическое партнёрство", "стратегическим партнерством"]
    assert found["doc_id"].tolist() == ["0", "0"]


def test_kwic_reads_each_row_in_its_language():
    units = _units(["The treaty was signed.", "Договор подписан.", "Le traité est signé."], ["en", "ru", "xx"])
    assert kwic("treaty", units)["match"].tolist() == ["treaty"]
    assert kwic("договор", units)["match"].tolist() == ["Договор"]
    assert kwic("signed", units)["match"].tolist() == ["signed"]  # the unsupported row is not searched


# ------------------------------------------------------------------ frames


def test_russian_terms_match_every_form():
    lexicon = load_frames()
    column = lexicon.frame_ids.index
    texts = [
        "Иран считает Россию своим стратегическим партнёром.",
        "Отношения строятся на взаимном уважении.",
        "Мы отвергаем незаконные санкции.",
        "Товарооборот вырос.",
        "Погода была хорошей.",
    ]
    hits = lexicon.detect_in(texts, "ru")
    assert hits[0, column("partnership")] and hits[1, column("partnership")]
    assert hits[2, column("sovereignty")] and hits[2, column("legality")]
    assert hits[3, column("economy")]
    assert not hits[4].any()
    assert lexicon.explain_in(texts[1], "ru") == {"partnership": ["взаимном уважении"]}


def test_compound_adjectives_and_names_of_commissions():
    lexicon = load_frames()
    assert list(lexicon.explain_in("Стороны обсудили торгово-экономическое сотрудничество.", "ru")) == ["economy"]
    assert list(lexicon.explain_in("Научно-техническим связям уделено внимание.", "ru")) == ["science_culture"]
    # the commission's name is a name: its words are no frame by themselves
    name = "Заседание Межправительственной комиссии по торгово-экономическому сотрудничеству состоялось."
    assert lexicon.explain_in(name, "ru") == {}


def test_treaty_title_does_not_fire_partnership_in_any_case():
    lexicon = load_frames()
    partnership = lexicon.frame_ids.index("partnership")
    hits = lexicon.detect_in(TITLE_FORMS, "ru")
    assert not hits[:, partnership].any()
    assert hits[0, lexicon.frame_ids.index("legality")]  # "вступил в силу" is still read
    # the words of the title outside it are the frame
    assert lexicon.detect_in(["Стратегическое партнёрство двух стран крепнет."], "ru")[0, partnership]


def test_a_name_counts_for_the_frames_that_list_it_whole():
    lexicon = load_frames()
    explained = lexicon.explain_in("Саммит Шанхайской организации сотрудничества прошёл в Китае.", "ru")
    assert explained == {"multilateralism": ["Шанхайской организации сотрудничества"]}
    explained = lexicon.explain_in("Совет Безопасности ООН провёл заседание.", "ru")
    assert list(explained) == ["multilateralism"]
    # a longer name holding a name the frame lists counts for that frame too
    explained = lexicon.explain_in("Генеральной Ассамблеей ООН принят документ.", "ru")
    assert explained == {"multilateralism": ["Генеральной Ассамблеей ООН"]}


def test_multiword_terms_do_not_cross_punctuation():
    lexicon = load_frames()
    column = lexicon.frame_ids.index("partnership")
    assert not lexicon.detect_in(["Взаимное, уважение."], "ru")[0, column]
    assert lexicon.detect_in(["Взаимного уважения достаточно."], "ru")[0, column]


def test_detect_by_language_with_mixed_languages():
    lexicon = load_frames()
    texts = ["Sanctions are illegal.", "Санкции незаконны.", "تحریم‌ها غیرقانونی است.", "Наше партнёрство крепнет."]
    languages = ["en", "ru", "fa", "ru"]
    hits = detect_by_language(lexicon, texts, languages)
    assert hits.shape == (4, len(lexicon.frame_ids)) and hits.dtype == bool
    sovereignty, partnership = lexicon.frame_ids.index("sovereignty"), lexicon.frame_ids.index("partnership")
    assert hits[:, sovereignty].tolist() == [True, True, False, False]
    assert hits[:, partnership].tolist() == [False, False, False, True]
    assert not hits[2].any()
    assert measured_by_language(lexicon, languages).tolist() == [True, True, False, True]
    # the same rows as each language alone, in the texts' order
    assert np.array_equal(hits[1], lexicon.detect_in([texts[1]], "ru")[0])
    assert np.array_equal(hits[0], lexicon.detect([texts[0]])[0])
    with pytest.raises(DetectorError, match="2 texts but 1 languages"):
        detect_by_language(lexicon, texts[:2], ["en"])


class _EnglishOnly:
    """A detector that declares no languages: it reads English only."""

    name = "english-only"
    source = "test"
    frame_ids = ("any",)
    frame_labels = ("Any text",)

    def __init__(self):
        self.seen: list[str] = []

    def detect(self, texts):
        self.seen.extend(texts)
        return np.ones((len(texts), 1), dtype=bool)


def test_a_detector_without_languages_is_given_english_only():
    detector = _EnglishOnly()
    hits = detect_by_language(detector, ["One.", "Два.", "Three."], ["en", "ru", "en"])
    assert hits[:, 0].tolist() == [True, False, True]
    assert detector.seen == ["One.", "Three."]


def test_frame_shares_leave_unmeasured_units_out_of_n():
    units = _units(["Sanctions are illegal.", "Санкции незаконны.", "تحریم‌ها غیرقانونی است.", "Товарооборот вырос."],
                   ["en", "ru", "fa", "ru"])  # fmt: skip
    shares = frame_shares(units, by="actor")
    row = shares.set_index("frame").loc["sovereignty"]
    assert (row["n"], row["k"]) == (3, 2)
    assert shares.attrs["unmeasured"] == {"fa": 1}
    assert shares.attrs["languages"] == ["en", "ru"]


def test_frames_yml_languages_are_validated(tmp_path):
    base = "version: 1\nframes:\n  - id: f\n    label: F\n    terms: [trade]\n"
    for extra, message in (
        ("    languages: [ru]\n", "'languages' must map language codes"),
        ("    languages: {en: {terms: [trade]}}\n", "other than en"),
        ("    languages: {ru: {words: [торговля]}}\n", "expected a mapping with 'terms'"),
        ("    languages: {ru: {terms: ['---']}}\n", "needs a letter or digit"),
    ):
        file = tmp_path / "frames.yml"
        file.write_text(base + extra, encoding="utf-8")
        with pytest.raises(FramesError, match=message) as info:
            load_frames(file)
        assert "frames.yml" in str(info.value)
    file.write_text(base + "    languages: {ru: {terms: [торговля], examples: [Торговля растёт.]}}\n", encoding="utf-8")
    lexicon = load_frames(file)
    assert lexicon.languages == ("en", "ru")
    assert lexicon["f"].examples_by_language == {"ru": ("Торговля растёт.",)}
    assert lexicon.detect_in(["Торговли нет."], "ru").tolist() == [[True]]
    english_only = tmp_path / "en.yml"
    english_only.write_text(base, encoding="utf-8")
    assert load_frames(english_only).languages == ("en",)
    assert measured_by_language(load_frames(english_only), ["en", "ru"]).tolist() == [True, False]


def _gold(file: Path = GOLD) -> tuple[list[str], list[list[str]]]:
    rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], [r["frames"] for r in rows]


@pytest.mark.parametrize("name", ["coded.jsonl", "heldout.jsonl"])
def test_russian_lexicon_on_the_coded_russian_units(name):
    """The coded units of tests/fixtures/frames_ru (benchmarks/frames_ru.py prints P/R/F1 per frame)."""
    lexicon = load_frames()
    texts, codes = _gold(GOLD.parent / name)
    assert len(texts) >= 30
    unknown = {f for frames in codes for f in frames} - set(lexicon.frame_ids)
    assert not unknown
    gold = np.array([[f in frames for f in lexicon.frame_ids] for frames in codes])
    assert gold.sum(axis=0).min() >= 1  # every frame is coded at least once
    predicted = lexicon.detect_in(texts, "ru")
    tp, fp, fn = (gold & predicted).sum(), (~gold & predicted).sum(), (gold & ~predicted).sum()
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, f"micro F1 {f1:.3f}"
    partnership = lexicon.frame_ids.index("partnership")
    for text, row in zip(texts, predicted, strict=True):
        if "всеобъемлющем стратегическом" in text:
            assert not row[partnership], text
