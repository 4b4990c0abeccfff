"""Quote rules of a language, read from its ``quotes.yml`` and compiled once.

The file lists cues by lemma; their word forms come from the language's lemmatizer (pymorphy3
for Russian: every gender, number, tense and aspect of "заявить" -- заявил, заявила, заявили,
заявит ...), so the per-document pass matches plain forms and runs no morphology. A language
without a lemmatizer that inflects (Persian) writes its forms out. See
``analysis/data/languages/ru/quotes.yml`` for the format.

Examples
--------
>>> from analysis.languages import load_language
>>> rules = load_language_rules(load_language("ru"))
>>> sorted(f for f in rules.cue_forms if f.startswith("заявил"))
['заявил', 'заявила', 'заявили', 'заявило']
>>> rules.cue_forms["выразил уверенность"]
'выразить уверенность'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ...datafiles import read_yaml
from ...errors import FileError
from ...languages import Language
from ...languages.backends import morph_analyzer
from ...languages.patterns import alternation

__all__ = ["LanguageRulesError", "LanguageQuoteRules", "load_language_rules", "words_pattern"]

_KEYS = {
    "marks",
    "dashes",
    "cues",
    "complementizers",
    "according",
    "as_cue",
    "institutional",
    "pronouns",
    "commas",
    "speaker_words",
    "conjunctions",
    "prepositions",
    "adjuncts_max",
}


class LanguageRulesError(FileError):
    """A language's ``quotes.yml`` is missing or invalid; the message names the file and line."""


@dataclass(frozen=True, eq=False)
class LanguageQuoteRules:
    """Compiled quote rules of one language; build them with :func:`load_language_rules`."""

    source: str
    marks: tuple[tuple[str, str], ...]
    dashes: str
    cue_forms: dict[str, str]  # written form (lower-case) -> lemma
    cue_regex: re.Pattern[str]
    complementizer_regex: re.Pattern[str]
    according_regex: re.Pattern[str]
    as_cue: frozenset[str]
    institutional: frozenset[str]
    pronouns: dict[str, str]  # pronoun -> male | female | person | group | any
    speaker_words: frozenset[str]  # every form, lower-case
    conjunctions: frozenset[str]
    prepositions: frozenset[str]
    adjuncts_max: int
    commas: str = ""  # the language's own commas ("،"), read as "," by the engine


def words_pattern(phrases: list[str]) -> str:
    r"""A regular expression matching any of the phrases as whole words, longest first.

    The phrases are merged into a trie (:func:`analysis.languages.patterns.alternation`:
    ``заявил``, ``заявила``, ``заявили`` share ``заявил[аи]?``), so that a scan tries each
    position against the first letters of the phrases, not against each of hundreds of phrases
    in turn; words of a phrase are separated by any run of spaces. At one position the longest
    phrase that ends a word wins. A zero-width non-joiner (U+200C) is inside a word, as Persian
    writes it: "گفت" is not in "گفت‌وگو".

    Examples
    --------
    >>> bool(re.search(words_pattern(["по словам"]), "да, по  словам Лаврова"))
    True
    >>> print(words_pattern(["заявил", "заявила", "заявили"]))
    (?<![\w\u200c-])(?:заявил[аи]?)(?![\w\u200c-])
    >>> re.search(words_pattern(["сказал", "сказал бы"]), "он сказал бы так").group()
    'сказал бы'
    """
    return rf"(?<![\w\u200c-])(?:{alternation(phrases)})(?![\w\u200c-])"


def _forms(lemma: str, language: Language) -> set[str]:
    """The finite verb forms (or every form) of a lemma, lower-case, ё read as е."""
    if language.lemmatizer != "pymorphy3":
        return {lemma.casefold()}
    found: set[str] = set()
    for parse in morph_analyzer().parse(lemma):
        if parse.normal_form.replace("ё", "е") != lemma.replace("ё", "е"):
            continue
        for form in parse.lexeme:
            if form.tag.POS in ("VERB", "NOUN", "ADJS", "ADJF") or len(parse.lexeme) == 1:
                found.add(form.word.replace("ё", "е"))
        if found:
            break
    return found or {lemma.casefold()}


def _strings(source: str, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LanguageRulesError(source, f"'{key}' must be a list of non-empty strings")
    return [" ".join(v.split()) for v in value]


def _cues(source: str, data: Any, language: Language) -> dict[str, str]:
    if not isinstance(data, dict) or not (data.get("lemmas") or data.get("forms")):
        raise LanguageRulesError(source, "'cues' must be a mapping with lemmas (and phrases, forms)")
    phrase_only = {w.casefold() for w in _strings(source, data, "phrase_only")}
    forms: dict[str, str] = {}
    for lemma in _strings(source, data, "lemmas"):
        if lemma.casefold() in phrase_only:
            continue
        for form in _forms(lemma, language):
            forms.setdefault(form, lemma)
    for phrase in _strings(source, data, "phrases"):
        head, *rest = phrase.split()
        for form in _forms(head, language):
            forms[" ".join([form, *rest]).casefold()] = phrase
    for form in _strings(source, data, "forms"):
        forms[form.casefold()] = form
    return forms


def _build(data: Any, source: str, language: Language) -> LanguageQuoteRules:
    if not isinstance(data, dict):
        raise LanguageRulesError(source, "expected a mapping with marks, cues and the other rule lists")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise LanguageRulesError(source, f"unknown key(s) '{unknown[0]}'")
    marks = data.get("marks") or []
    if not isinstance(marks, list) or not all(
        isinstance(m, list) and len(m) == 2 and all(isinstance(c, str) and len(c) == 1 for c in m) for m in marks
    ):
        raise LanguageRulesError(source, "'marks' must be a list of [open, close] pairs of one character each")
    fold = language.fold_letters  # the text is read through the language's letter folds: so are the rules
    cues = {fold(form): lemma for form, lemma in _cues(source, data.get("cues"), language).items()}
    pronouns = data.get("pronouns") or {}
    if not isinstance(pronouns, dict) or set(pronouns) - {"male", "female", "person", "group", "any"}:
        raise LanguageRulesError(source, "'pronouns' must map male, female, person, group or any to lists of pronouns")
    commas = _strings(source, data, "commas")
    if any(len(c) != 1 for c in commas):
        raise LanguageRulesError(source, "'commas' must be a list of single characters")
    adjuncts_max = data.get("adjuncts_max", 6)
    if not isinstance(adjuncts_max, int) or adjuncts_max < 0:
        raise LanguageRulesError(source, "'adjuncts_max' must be a whole number")
    speaker_words: set[str] = set()
    for word in _strings(source, data, "speaker_words"):
        speaker_words |= _forms(word, language) if language.lemmatizer == "pymorphy3" else {word.casefold()}
    return LanguageQuoteRules(
        source=source,
        marks=tuple((m[0], m[1]) for m in marks),
        dashes="".join(_strings(source, data, "dashes")),
        cue_forms=cues,
        cue_regex=re.compile(words_pattern(list(cues))),
        complementizer_regex=re.compile(
            r"\s*,?\s*"
            + words_pattern([fold(w) for w in _strings(source, data, "complementizers")]).replace(r"\s+", r"\s*,?\s*")
        ),
        according_regex=re.compile(
            words_pattern([fold(w) for w in _strings(source, data, "according")]), re.IGNORECASE
        ),
        as_cue=frozenset(w.casefold() for w in _strings(source, data, "as_cue")),
        institutional=frozenset(w.casefold() for w in _strings(source, data, "institutional")),
        pronouns={p.casefold(): kind for kind in pronouns for p in _strings(source, pronouns, kind)},
        speaker_words=frozenset(speaker_words),
        conjunctions=frozenset(w.casefold() for w in _strings(source, data, "conjunctions")),
        prepositions=frozenset(w.casefold() for w in _strings(source, data, "prepositions")),
        adjuncts_max=adjuncts_max,
        commas="".join(commas),
    )


def load_language_rules(language: Language, path: str | Path | None = None) -> LanguageQuoteRules | None:
    """The quote rules of a language (its ``quotes.yml``, or ``path``), or None when it has none.

    Raises
    ------
    LanguageRulesError
        Naming the file, the problem and its line.
    """
    file = Path(path) if path is not None else language.resource("quotes.yml")
    return None if file is None else _load(file, language)


@cache
def _load(file: Path, language: Language) -> LanguageQuoteRules:
    data = read_yaml(file, LanguageRulesError)
    try:
        return _build(data, str(file), language)
    except LanguageRulesError as exc:
        named = re.search(r"'([^']+)'", exc.problem)
        text = file.read_text(encoding="utf-8")
        key = re.search(rf"^\s*{re.escape(named.group(1))}\s*:", text, re.MULTILINE) if named else None
        if key is None:
            raise
        raise LanguageRulesError(file, f"{exc.problem} (line {text.count(chr(10), 0, key.start()) + 1})") from None
