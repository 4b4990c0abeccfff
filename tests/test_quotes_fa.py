"""Persian as data: analysis/data/languages/fa/quotes.yml read by the multilingual engine, scored on
the Persian class gold (tests/gold/fa_classes.jsonl), and the generic pieces Persian needed: the
language's own comma, the zero-width non-joiner inside words, a cue after its speaker (verb last),
pronouns of persons."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from analysis.attribution.multilingual.extract import extract_quotes_in
from analysis.attribution.multilingual.rules import LanguageRulesError, load_language_rules
from analysis.corpus import load_actors
from analysis.languages import load_language
from analysis.languages.names import NameMatcher, registry_entries

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "fa_classes.jsonl"


def _benchmark():
    spec = importlib.util.spec_from_file_location("quotes_fa_benchmark", ROOT / "benchmarks" / "quotes_ru.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _benchmark()


def _rows(text: str):
    return extract_quotes_in(text, language="fa")[["content", "type", "cue", "speaker", "actor"]].values.tolist()


def test_the_persian_gold_is_attributed_by_the_engine_from_the_rules_file():
    assert bench.gold_files("fa") == [GOLD]
    gold = bench.bench.load_gold(GOLD)
    assert 15 <= len(gold) <= 25 and sum(len(g["quotes"]) for g in gold) >= 15
    result = bench.bench.score(gold, bench.predict(gold, "fa"))
    for threshold in bench.bench.THRESHOLDS:
        assert result["spans"][threshold]["all"]["f1"] >= 0.9, result["spans"][threshold]["all"]
    assert result["speaker"][0] >= 0.9 and result["actor"][0] >= 0.9


def test_every_persian_class_has_gold_and_negatives_stay_empty():
    gold = bench.bench.load_gold(GOLD)
    classes = {g["class"] for g in gold}
    assert {"direct_colon", "reported_ke", "according", "anaphora", "verb_final", "mixed", "negative"} <= classes
    negatives = [g for g in gold if g["class"] == "negative"]
    assert len(negatives) >= 3 and all(not g["quotes"] for g in negatives)
    predicted = bench.predict(negatives, "fa")
    assert predicted.empty, predicted[["doc_id", "content"]].values.tolist()


def test_persian_commas_and_ascii_commas_read_alike():
    persian = _rows("به گفته عراقچی، پیمان به زودی اجرا می‌شود.")
    ascii_comma = _rows("به گفته عراقچی, پیمان به زودی اجرا می‌شود.")
    assert persian == ascii_comma == [["پیمان به زودی اجرا می‌شود", "indirect", "به گفته", "عراقچی", "araghchi"]]


def test_a_cue_inside_a_word_joined_by_zwnj_is_no_cue():
    rules = load_language_rules(load_language("fa"))
    text = "گفت‌وگو، گفت‌وگوها، گفت"
    assert [m.group() for m in rules.cue_regex.finditer(text)] == ["گفت"]
    assert "می‌گوید" in rules.cue_forms and "تأکید کرد" in rules.cue_forms and "تاکید کرد" in rules.cue_forms
    assert _rows("«پیمان امضا شد»، عراقچی گفت‌وگو کرد.") == []


def test_names_written_with_zwnj_are_one_name():
    matcher = NameMatcher(registry_entries(load_actors(ROOT / "analysis" / "data" / "actors.yml")), load_language("fa"))
    found = [(m.text, m.target) for m in matcher.find("رئیس‌جمهور روسیه با غریب‌آبادی و آیت‌الله خامنه‌ای دیدار کرد.")]
    assert found == [("رئیس‌جمهور روسیه", "putin"), ("غریب‌آبادی", "gharibabadi"), ("آیت‌الله خامنه‌ای", "khamenei")]


def test_a_quotation_then_its_speaker_and_a_final_cue():
    assert _rows("«ما به تعهدات خود پایبندیم»، بقائی افزود.") == [
        ["ما به تعهدات خود پایبندیم", "direct", "افزود", "بقائی", "baghaei"]
    ]
    # the cue must end the sentence, the speaker must be one: no attribution otherwise
    assert _rows("«ما به تعهدات خود پایبندیم»، بقائی افزود که مذاکرات ادامه دارد.")[0][0] != "ما به تعهدات خود پایبندیم"
    assert _rows("«پیمان امضا شد»، این خبر را همه گفتند.") == []


def test_the_verb_last_order_is_generic_and_works_in_russian():
    rows = extract_quotes_in("«Договор вступил в силу», — Лавров заявил.", language="ru")
    assert rows[["content", "type", "cue", "speaker", "actor"]].values.tolist() == [
        ["Договор вступил в силу", "direct", "заявил", "Лавров", "lavrov"]
    ]


def test_persian_pronouns_point_to_the_last_person_not_an_organisation():
    rows = _rows("عراقچی با وزارت امور خارجه روسیه گفت‌وگو کرد. وی گفت که پیمان اجرا می‌شود.")
    assert rows == [["پیمان اجرا می‌شود", "indirect", "گفت", "وی", "araghchi"]]


def test_persian_sentences_end_at_the_persian_question_mark():
    fa = load_language("fa")
    text = "آیا مجلس پیمان را تصویب می‌کند؟ به اعتقاد قالیباف، مجلس آن را بررسی می‌کند."
    assert [text[s:e] for s, e in fa.split_sentences(text)] == [
        "آیا مجلس پیمان را تصویب می‌کند؟",
        "به اعتقاد قالیباف، مجلس آن را بررسی می‌کند.",
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("commas: ['،،']", "'commas' must be a list of single characters"),
        ("pronouns: {someone: [وی]}", "'pronouns' must map male, female, person, group or any"),
    ],
)
def test_a_bad_persian_rules_file_names_the_file_and_the_problem(tmp_path, line, problem):
    source = (ROOT / "analysis" / "data" / "languages" / "fa" / "quotes.yml").read_text(encoding="utf-8")
    key = line.split(":")[0]
    source = re.sub(rf"^{key}:.*(\n  .*)*", line, source, flags=re.MULTILINE)
    path = tmp_path / "quotes.yml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(LanguageRulesError, match=re.escape(problem)) as raised:
        load_language_rules(load_language("fa"), path)
    assert str(path) in str(raised.value)


def test_arabic_keyboard_letters_read_as_persian_and_the_text_is_kept_as_written():
    text = "به گفته بقائي، پيمان اجرا مي‌شود. عراقچي گفت كه همكاري ادامه دارد."
    assert _rows(text) == [
        ["پيمان اجرا مي‌شود", "indirect", "به گفته", "بقائي", "baghaei"],
        ["همكاري ادامه دارد", "indirect", "گفت", "عراقچي", "araghchi"],
    ]
    assert load_language("fa").lemma("پيمان") == load_language("fa").lemma("پیمان")
    assert load_language("ru").letter_folds == (("ё", "е"),) and load_language("en").letter_folds == ()
