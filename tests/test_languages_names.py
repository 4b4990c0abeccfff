"""Names that decline: every actor of the registry in the six Russian cases (tests/fixtures/ru_names.yml)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.corpus import load_actors
from analysis.languages import LanguageError, load_language
from analysis.languages.names import NameEntry, NameMatcher, decline, load_declension, registry_entries

ROOT = Path(__file__).resolve().parent.parent


def _benchmark():
    spec = importlib.util.spec_from_file_location("names_ru_benchmark", ROOT / "benchmarks" / "names_ru.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _benchmark()
POSITIVES, NEGATIVES = bench.load_cases()


@pytest.fixture(scope="module")
def matcher():
    return NameMatcher(registry_entries(load_actors(ROOT / "analysis" / "data" / "actors.yml")), load_language("ru"))


def test_every_actor_and_side_is_found_in_all_six_cases(matcher):
    missed = [
        (target, case, form)
        for sentence, target, case, form in POSITIVES
        if not any(m.target == target and m.what in ("actor", "side") for m in matcher.find(sentence))
    ]
    assert missed == []
    actors = load_actors(ROOT / "analysis" / "data" / "actors.yml")
    assert {t for _, t, _, _ in POSITIVES} == set(actors.actors) | {"iran", "russia"}


def test_look_alike_words_are_not_names(matcher):
    found = {sentence: [m.text for m in matcher.find(sentence) if m.what != "description"] for sentence in NEGATIVES}
    assert {s: f for s, f in found.items() if f} == {}


def test_the_matched_form_carries_its_cases(matcher):
    [match] = [m for m in matcher.find("Журналисты задали вопрос Лаврову.") if m.target == "lavrov"]
    assert match.cases == {"datv"} and match.text == "Лаврову"
    [nominative] = [m for m in matcher.find("Лавров ответил.") if m.target == "lavrov"]
    assert "nomn" in nominative.cases


def test_longest_name_wins_and_capitals_count(matcher):
    text = "Глава МИД России ответил главе МИД Ирана. Облако песка поднялось."
    found = [(m.text, m.target) for m in matcher.find(text) if m.what == "actor"]
    assert found == [("Глава МИД России", "lavrov"), ("главе МИД Ирана", "araghchi")]


def test_descriptions_decline_and_keep_every_actor_they_describe(matcher):
    found = [(m.text, m.what) for m in matcher.find("Министру задали вопрос.")]
    assert found == [("Министру", "description")]
    [description] = [m for m in matcher.find("Министру задали вопрос.")]
    assert set(description.target.split("+")) == {"araghchi", "lavrov"}


def test_gender_chooses_the_paradigm():
    ru = load_language("ru")
    assert "Захаровой" in decline("Захарова", ru, person=True, gender="female")
    assert "Захарова" not in {f for f, c in decline("Захаров", ru, person=True, gender="male").items() if "nomn" in c}


def test_unknown_foreign_names_decline_by_their_ending():
    rules = load_declension(load_language("ru"))
    assert rules.forms("Галибаф", "male") == ("Галибафа", "Галибафу", "Галибафа", "Галибафом", "Галибафе")
    assert rules.forms("Аракчи", "male") is None  # indeclinable
    assert rules.forms("Кнайсль", "female") is None


def test_languages_without_declension_match_the_name_as_written():
    fa = load_language("fa")
    matcher = NameMatcher([NameEntry("عراقچی", "actor", "araghchi", person=True)], fa)
    assert [m.target for m in matcher.find("عراقچی گفت که مذاکرات ادامه دارد.")] == ["araghchi"]
    assert matcher.find("Araghchi said") == []


def test_a_bad_names_file_names_the_file(tmp_path):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "language.yml").write_text(
        "code: xx\nname: X\nscript: Cyrillic\nsentences: {splitter: punctuation}\ntokens: {tokenizer: words}\n"
        "lemmas: {lemmatizer: lowercase}\nnames: {declension: pymorphy3}\n",
        encoding="utf-8",
    )
    (folder / "names.yml").write_text("cases: [nomn]\nendings: {male: []}\n", encoding="utf-8")
    with pytest.raises(LanguageError, match=r"names\.yml: 'cases' must be"):
        load_declension(load_language("xx", tmp_path))
