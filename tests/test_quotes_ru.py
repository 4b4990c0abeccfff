"""Russian quote attribution: the class gold, the held-out gold, each class's negatives, odd input."""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path

import pytest

from analysis.attribution import QUOTE_COLUMNS
from analysis.attribution.multilingual.extract import attribution_rows_in, extract_quotes_in
from analysis.attribution.multilingual.rules import LanguageRulesError, load_language_rules
from analysis.corpus import load_actors
from analysis.languages import load_language

ROOT = Path(__file__).resolve().parent.parent


def _benchmark():
    spec = importlib.util.spec_from_file_location("quotes_ru_benchmark", ROOT / "benchmarks" / "quotes_ru.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _benchmark()


@pytest.mark.parametrize("path", bench.GOLD_FILES, ids=[p.name for p in bench.GOLD_FILES])
def test_gold_targets(path):
    gold = bench.bench.load_gold(path)
    assert sum(len(g["quotes"]) for g in gold) >= 15
    result = bench.bench.score(gold, bench.predict(gold))
    for threshold in bench.bench.THRESHOLDS:
        assert result["spans"][threshold]["all"]["f1"] >= 0.9, result["spans"][threshold]["all"]
    assert result["speaker"][0] >= 0.9 and result["actor"][0] >= 0.9


def test_every_class_of_the_issue_has_gold_and_negatives():
    gold = bench.bench.load_gold(ROOT / "tests" / "gold" / "ru_classes.jsonl")
    classes = {g["class"] for g in gold}
    assert {
        "direct_colon",
        "direct_dash",
        "nested",
        "reported_chto",
        "according",
        "opinion",
        "institutional",
    } <= classes
    assert {"inverted", "mixed", "descriptions", "negative"} <= classes
    assert all(not g["quotes"] for g in gold if g["class"] == "negative")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Это важный шаг», — заявила Захарова.", ("Это важный шаг", "direct", "заявила", "zakharova")),
        ("Аракчи и Лавров заявили, что ответят.", ("ответят", "indirect", "заявили", "araghchi+lavrov")),
        ("Песков заявит, что визит состоится.", ("визит состоится", "indirect", "заявит", "peskov")),
        ("Как отметили в Кремле, визит состоится.", ("визит состоится", "indirect", "отметили", "kremlin")),
        ("По словам Небензи, резолюция провалилась.", ("резолюция провалилась", "indirect", "По словам", "nebenzia")),
        ("Визит состоится, сообщил Ушакову помощник.", None),  # a dative after the cue is no speaker's phrase
        ("Газета «Известия» вышла утром.", None),
        ("Депутаты заявили о готовности работать.", None),
        ("Как известно, визит состоялся.", None),
    ],
)
def test_class_cases(text, expected):
    rows = extract_quotes_in(text)
    assert list(rows.columns) == QUOTE_COLUMNS
    if expected is None:
        assert rows.empty or rows["actor"].eq("").all(), rows[["content", "speaker"]].values.tolist()
        return
    assert rows[["content", "type", "cue", "actor"]].values.tolist()[0] == list(expected)


def test_a_language_without_quote_rules_attributes_nothing():
    # English has its own extractor (analysis.attribution.extract) and no quotes.yml here: the
    # engine never reads a language with another language's rules
    assert load_language_rules(load_language("en")) is None
    assert attribution_rows_in("d", "Lavrov said the talks were useful.", load_actors(), load_language("en")) == []
    assert attribution_rows_in("d", "", load_actors(), load_language("ru")) == []


def test_a_bad_rules_file_names_the_file_and_line(tmp_path):
    bad = tmp_path / "quotes.yml"
    bad.write_text("marks: [[«, »]]\ncues: {lemmas: [заявить]}\nadjuncts_max: lots\n", encoding="utf-8")
    with pytest.raises(LanguageRulesError, match=r"quotes\.yml: 'adjuncts_max' must be a whole number \(line 3\)"):
        load_language_rules(load_language("ru"), bad)


def test_odd_input_never_raises_and_stays_fast():
    rng = random.Random(5)
    alphabet = '«»„“"—–-,.:;!? \n\tЛавров заявил что по словам в МИД России xyz 12'
    actors, ru = load_actors(), load_language("ru")
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        started = time.process_time()
        for row in attribution_rows_in("d", text, actors, ru):
            assert 0 <= row[2] <= row[3] <= len(text) and row[4] == text[row[2] : row[3]]
        assert time.process_time() - started < 1.0
    long = "Лавров заявил, что " + "договор " * 20_000
    started = time.process_time()
    attribution_rows_in("d", long, actors, ru)
    assert time.process_time() - started < 5.0
