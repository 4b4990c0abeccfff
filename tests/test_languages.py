"""The language layer: one interface, English unchanged, Russian sentences, tokens, lemmas, stop words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from analysis import text as english_text
from analysis.errors import AnalysisError
from analysis.languages import (
    LanguageError,
    UnsupportedLanguageError,
    is_supported,
    load_language,
    script_of,
    supported_languages,
)

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = Path(__file__).parent / "gold"
ROOT = Path(__file__).parent.parent


def _english_texts() -> list[str]:
    texts = [case["text"] for case in yaml.safe_load((FIXTURES / "sentences.yml").read_text(encoding="utf-8"))]
    for path in sorted(GOLD.glob("*.jsonl")):
        if path.name[:3] in ("ru_", "fa_"):
            continue
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in sorted((ROOT / "corpus" / "documents").glob("*.md")):
        texts.append(path.read_text(encoding="utf-8"))
    return texts


def test_english_keeps_exactly_todays_sentences_and_tokens():
    english = load_language("en")
    texts = _english_texts()
    assert len(texts) > 150
    for text in texts:
        assert english.split_sentences(text) == english_text.split_sentences(text)
        assert [w.lower().replace("\u2019", "'") for w in english.words(text)] == english_text.tokenize(text)
        assert english.lemmas(text) == english_text.tokenize(text)


def test_english_stop_words_are_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert load_language("en").stop_words == ENGLISH_STOP_WORDS


@pytest.mark.parametrize("case", yaml.safe_load((FIXTURES / "ru_sentences.yml").read_text(encoding="utf-8")))
def test_russian_sentences(case):
    text = case["text"]
    assert [text[s:e] for s, e in load_language("ru").split_sentences(text)] == case["sentences"]


def test_russian_sentences_never_cross_paragraphs_and_stay_linear():
    ru = load_language("ru")
    text = "Первый абзац без точки\n\nВторой абзац. Третье предложение"
    assert [text[s:e] for s, e in ru.split_sentences(text)] == [
        "Первый абзац без точки",
        "Второй абзац.",
        "Третье предложение",
    ]
    long = "слово " * 3000
    assert all(e - s <= 5000 for s, e in ru.split_sentences(long))


def test_russian_tokens_have_offsets_and_lemmas_group_word_forms():
    ru = load_language("ru")
    text = "Договор, договора и договору — одно слово; партнёрство и партнерство тоже."
    assert [text[s:e] for s, e in ru.tokens(text)][:3] == ["Договор", "договора", "и"]
    lemmas = ru.lemmas(text)
    assert lemmas[0] == lemmas[1] == lemmas[3] == "договор"
    assert lemmas.count("партнерство") == 2  # ё folded
    assert [ru.lemma(w) for w in ("заявил", "заявила", "заявили", "заявляет")] == ["заявить"] * 3 + ["заявлять"]


def test_russian_stop_words_are_lemmas():
    ru = load_language("ru")
    assert ru.is_stop_word("что") and ru.is_stop_word("Которые") and not ru.is_stop_word("договор")


def test_supported_and_unsupported_languages():
    assert {"en", "ru", "fa"} <= set(supported_languages())
    assert is_supported("ru") and not is_supported("de") and not is_supported(None)
    with pytest.raises(UnsupportedLanguageError, match="no language resources for 'de'") as caught:
        load_language("de")
    assert isinstance(caught.value, AnalysisError)


def test_a_bad_language_file_names_the_file_and_line(tmp_path):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "language.yml").write_text(
        "code: xx\nname: X\nscript: Latin\nsentences:\n  splitter: nonsense\n", encoding="utf-8"
    )
    with pytest.raises(LanguageError, match=r"language.yml: splitter 'nonsense' is not one of .*\(line 5\)"):
        load_language("xx", tmp_path)
    (folder / "language.yml").write_text("code: xx\nname: X\nscript: Latin\ncolour: red\n", encoding="utf-8")
    with pytest.raises(LanguageError, match="unknown key"):
        load_language("xx", tmp_path)


def test_a_new_language_is_a_folder_of_files(tmp_path):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "language.yml").write_text(
        "code: xx\nname: Example\nscript: Latin\ndirection: rtl\nsentences: {splitter: punctuation}\n"
        "tokens: {tokenizer: words}\nlemmas: {lemmatizer: lowercase}\nstop_words: stop.txt\n",
        encoding="utf-8",
    )
    (folder / "stop.txt").write_text("# comment\nthe\n", encoding="utf-8")
    xx = load_language("xx", tmp_path)
    assert xx.direction == "rtl" and xx.stop_words == {"the"}
    text = "One two. Three four? Five"
    assert [text[s:e] for s, e in xx.split_sentences(text)] == ["One two.", "Three four?", "Five"]
    assert supported_languages(tmp_path) == ("xx",)


def test_script_of():
    assert script_of("С.В.Лавров") == "Cyrillic" and script_of("Lavrov") == "Latin" and script_of("") == ""
