"""Names that decline: find the registry's names in a text in every grammatical case.

The registry writes a name once, in the nominative ("Сергей Лавров", "глава МИД России",
"Захарова"). For a language whose ``language.yml`` says ``names: {declension: pymorphy3}``
(Russian), each name of the language's script is declined once, when the matcher is built,
into its six cases, and the text is searched for the resulting word forms in one pass over its
words -- no morphology runs per document, so matching stays as fast as for English.

How a name declines
-------------------
The *head* of a name is its leading run of words that can be nominative ("глава", "официальный
представитель", "Сергей Лавров"); it declines, word by word, in agreement; what follows
("МИД России", "Ирана в России") is already in its own case and stays. A word the OpenCorpora
dictionary knows (pymorphy3: common words, well-known first names and surnames) is declined by
the dictionary; a name it does not know (most foreign names, many surnames) by the ending rules
of the language's ``names.yml`` (Небензя -> Небензи, Небензе ...; Галибаф -> Галибафа ...;
Аракчи and Руденко are indeclinable). Acronyms (МИД, ООН) never decline. A person's gender
(from the registry) chooses the feminine or masculine paradigm: Захарова -> Захаровой, never
Захаров.

Matching
--------
Words are compared case-insensitively, with ё read as е (and the language's other letter folds,
:attr:`~analysis.languages.Language.letter_folds`: Persian ي as ی), except that a word written with a
capital in the registry must have one in the text (``Песков`` is not "песков", sand; ``Путина``
is not "путина", a fishing season). The longest name wins; matches do not overlap.

Examples
--------
>>> from analysis.languages import load_language
>>> ru = load_language("ru")
>>> forms = decline("Сергей Лавров", ru, person=True, gender="male")
>>> sorted(forms["Сергеем Лавровым"]), sorted(forms["Сергея Лаврова"])
(['ablt'], ['accs', 'gent'])
>>> matcher = NameMatcher([NameEntry("Захарова", "actor", "zakharova", person=True, gender="female")], ru)
>>> [(m.text, m.target, sorted(m.cases)) for m in matcher.find("Слово дали Захаровой. Захаров промолчал.")]
[('Захаровой', 'zakharova', ['ablt', 'datv', 'gent', 'loct'])]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..datafiles import read_yaml
from .backends import morph_analyzer
from .language import Language, LanguageError, script_of
from .patterns import alternation

__all__ = [
    "CASES",
    "registry_entries",
    "NameEntry",
    "NameMatch",
    "NameMatcher",
    "DeclensionRules",
    "decline",
    "load_declension",
]

#: The six cases, as pymorphy3 (OpenCorpora) names them.
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_OBLIQUE = CASES[1:]
_JOINERS = "[-\u2010\u2011'\u2019\u200c]"  # inside a word: hyphens, apostrophes, U+200C (Persian)
_WORD = re.compile(rf"[^\W_]+(?:{_JOINERS}[^\W_]+)*")
_GAP = re.compile(r"[ \t\u00a0]+")
_NAME_TAGS = frozenset({"Surn", "Name", "Patr"})
_GENDERS = {"male": "masc", "female": "femn"}


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A name of the registry: ``what`` is actor, description or side; ``target`` the id(s)."""

    name: str
    what: str
    target: str
    person: bool = False
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class NameMatch:
    """One name found in a text: its span, the entry's ``what`` and ``target``, the cases the form may be."""

    start: int
    end: int
    text: str
    name: str
    what: str
    target: str
    cases: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Ending:
    ends: tuple[str, ...]
    cut: int
    add: tuple[str, ...]
    indeclinable: bool


@dataclass(frozen=True)
class DeclensionRules:
    """The ending rules of a language's ``names.yml`` (see that file), by gender."""

    male: tuple[_Ending, ...]
    female: tuple[_Ending, ...]
    source: str

    def forms(self, word: str, gender: str | None) -> tuple[str, ...] | None:
        """The five oblique forms of a name by its ending, or None when it does not decline.

        Examples
        --------
        >>> from analysis.languages import load_language
        >>> load_declension(load_language("ru")).forms("Небензя", "male")
        ('Небензи', 'Небензе', 'Небензю', 'Небензей', 'Небензе')
        """
        lower = word.casefold()
        for rule in self.female if gender == "female" else self.male:
            if any(lower.endswith(e) for e in rule.ends):
                if rule.indeclinable:
                    return None
                stem = word[: len(word) - rule.cut] if rule.cut else word
                return tuple(stem + a for a in rule.add)
        return None


def load_declension(language: Language) -> DeclensionRules | None:
    """The ending rules of a language (its ``names.yml``), or None when it has none."""
    path = language.resource("names.yml")
    return None if path is None else _read_rules(path)


@cache
def _read_rules(path: Path) -> DeclensionRules:
    data = read_yaml(path, LanguageError)
    if not isinstance(data, dict) or not isinstance(data.get("endings"), dict):
        raise LanguageError(path, "expected a mapping with 'endings' by gender (male, female)")
    if tuple(data.get("cases") or ()) != CASES:
        raise LanguageError(path, f"'cases' must be {list(CASES)}")
    return DeclensionRules(
        male=_endings(path, data["endings"].get("male")),
        female=_endings(path, data["endings"].get("female")),
        source=str(path),
    )


def _endings(path: Path, rules: Any) -> tuple[_Ending, ...]:
    if not isinstance(rules, list):
        raise LanguageError(path, "each gender of 'endings' must be a list of {ends, cut, add}")
    found = []
    for number, rule in enumerate(rules, start=1):
        ends = rule.get("ends") if isinstance(rule, dict) else None
        ends = [ends] if isinstance(ends, str) else ends
        if not isinstance(ends, list) or not all(isinstance(e, str) for e in ends):
            raise LanguageError(path, f"endings rule #{number}: 'ends' must be a string or a list of strings")
        add = rule.get("add") or []
        indeclinable = bool(rule.get("indeclinable"))
        if not indeclinable and (len(add) != len(_OBLIQUE) or not isinstance(rule.get("cut"), int)):
            raise LanguageError(path, f"endings rule #{number} ({ends}): needs 'cut' and five endings in 'add'")
        found.append(_Ending(tuple(e.casefold() for e in ends), int(rule.get("cut") or 0), tuple(add), indeclinable))
    return tuple(found)


# declension ---------------------------------------------------------------------------------
def _shape(form: str, model: str) -> str:
    """Write ``form`` with the capitals of ``model`` (Title, UPPER or lower)."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] for part in form.split("-"))
    return form


def _nominative_parse(word: str):
    """The first dictionary parse of a word as a nominative, or None."""
    for parse in morph_analyzer().parse(word):
        if "nomn" in parse.tag and parse.is_known:
            return parse
    return None


def _known(word: str) -> bool:
    """Whether the dictionary knows the word in any form."""
    return any(parse.is_known for parse in morph_analyzer().parse(word))


def _name_parse(word: str, gender: str | None):
    """The dictionary parse of a person's name word (first name, patronymic, surname) as a
    nominative of the person's gender; None when the dictionary does not know it so."""
    wanted = _GENDERS.get(gender or "")
    for parse in morph_analyzer().parse(word):
        tag = parse.tag
        name = "nomn" in tag and "sing" in tag and parse.is_known and _NAME_TAGS & tag.grammemes
        if name and (wanted is None or wanted in tag or "ms-f" in tag):
            return parse
    return None


def _inflected(parse, word: str) -> tuple[str, ...]:
    """The six case forms of a dictionary word (adjectives agree with an animate head)."""
    if "Fixd" in parse.tag:
        return (word,) * len(CASES)
    forms = [word]
    for case in _OBLIQUE:
        # an adjective before an animate masculine or plural noun takes the genitive's form
        animate = case == "accs" and parse.tag.POS in ("ADJF", "PRTF") and not {"femn", "neut"} & parse.tag.grammemes
        inflected = (parse.inflect({case, "anim"}) if animate else None) or parse.inflect({case})
        forms.append(_shape(inflected.word, word) if inflected is not None else word)
    return tuple(forms)


def _head(
    words: list[str], *, person: bool, gender: str | None, rules: DeclensionRules | None
) -> list[tuple[str, ...]]:
    """The case forms of the words of a name's head, in order (see the module docstring).

    The head is its adjectives and its first noun -- or, for a person, a run of name words
    (first name, patronymic, surname, or a capitalised word the dictionary does not know), also
    after a title ("президент Путин"); the first word after it that is neither ends it.
    """
    columns: list[tuple[str, ...]] = []
    noun = named = False
    for word in words:
        if word.isupper() and len(word) > 1:  # an acronym (МИД, ООН) never declines
            if noun or named:
                break
            columns.append((word,) * len(CASES))
            noun = True
            continue
        if person and word[:1].isupper():
            parse = _name_parse(word, gender)
            if parse is not None:
                columns.append(_inflected(parse, word))
                named = True
                continue
            if rules is not None and (not noun or not _known(word)):  # a name the dictionary does not know as one
                oblique = rules.forms(word, gender)
                columns.append((word, *oblique) if oblique is not None else (word,) * len(CASES))
                named = True
                continue
        parse = None if noun or named else _nominative_parse(word)
        if parse is None:
            break
        columns.append(_inflected(parse, word))
        noun = parse.tag.POS == "NOUN"
    return columns


def decline(
    name: str, language: Language, *, person: bool = False, gender: str | None = None
) -> dict[str, frozenset[str]]:
    """Every form of a name in the six cases, each with the cases it stands for.

    A language without declension (``names.declension`` unset) gives the name alone, as a
    nominative. See the module docstring for the method.

    Examples
    --------
    >>> from analysis.languages import load_language
    >>> sorted(decline("глава МИД России", load_language("ru")))
    ['глава МИД России', 'главе МИД России', 'главой МИД России', 'главу МИД России', 'главы МИД России']
    """
    words = name.split()
    if language.names.get("declension") != "pymorphy3" or not words:
        return {name: frozenset({"nomn"})}
    columns = _head(words, person=person, gender=gender, rules=load_declension(language))
    tail = words[len(columns) :]
    result: dict[str, set[str]] = {}
    for index, case in enumerate(CASES):
        form = " ".join([*(c[index] for c in columns), *tail])
        result.setdefault(form, set()).add(case)
    return {form: frozenset(cases) for form, cases in result.items()}


def registry_entries(registry: Any, *, descriptions: bool = True) -> list[NameEntry]:
    """The names of an actor registry as written (capitals kept), for :class:`NameMatcher`.

    ``registry`` is an :class:`analysis.corpus.registry.ActorRegistry` (read through its
    ``actors`` and ``sides``; this base-level module does not import the corpus stage). A
    description several actors share has their ids joined by ``+`` as its target, in registry
    order, as :meth:`~analysis.corpus.registry.ActorRegistry.names` gives them.
    """
    entries: list[NameEntry] = []
    shared: dict[str, list[Any]] = {}
    for actor in registry.actors.values():
        person = actor.kind == "person"
        for name in dict.fromkeys((actor.name, *actor.aliases)):
            entries.append(NameEntry(name, "actor", actor.id, person=person, gender=actor.gender))
        for description in actor.descriptions:
            shared.setdefault(description, []).append(actor)
    if descriptions:
        for description, actors in shared.items():
            genders = {a.gender for a in actors}
            entries.append(
                NameEntry(
                    description,
                    "description",
                    "+".join(a.id for a in actors),
                    person=all(a.kind == "person" for a in actors),
                    gender=genders.pop() if len(genders) == 1 else None,
                )
            )
    for side in registry.sides.values():
        entries.extend(NameEntry(name, "side", side.id) for name in side.aliases)
    return entries


# matching -----------------------------------------------------------------------------------
def _key(word: str) -> str:
    return word.casefold().replace("ё", "е")


class NameMatcher:
    """Finds the names of a registry, in every case, in texts of one language.

    Parameters
    ----------
    entries
        The names (:class:`NameEntry`); those not written in the language's script are left
        out (an English alias never matches inside Russian text, and the English matcher
        handles it there).
    language
        The :class:`~analysis.languages.Language` whose script and declension apply.
    """

    def __init__(self, entries: Iterable[NameEntry], language: Language) -> None:
        self.language = language
        self._index: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], NameEntry, frozenset[str]]]] = {}
        self.forms = 0
        for entry in entries:
            if script_of(entry.name) != language.script:
                continue
            for form, cases in decline(entry.name, language, person=entry.person, gender=entry.gender).items():
                words = _WORD.findall(form)
                if not words:
                    continue
                keys = tuple(language.fold_letters(_key(w)) for w in words)
                capitals = tuple(w[:1].isupper() for w in words)
                self._index.setdefault(keys[0], []).append((keys, capitals, entry, cases))
                self.forms += 1
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))
        # the first words of the names, as whole words of the folded text (see _WORD)
        self._first = re.compile(
            rf"(?<![^\W_])(?<![^\W_]{_JOINERS})(?:{alternation(self._index)})(?![^\W_]|{_JOINERS}[^\W_])"
        )

    def find(self, text: str) -> list[NameMatch]:
        """The names in ``text``, longest first where they overlap, in text order.

        One pass over the text folded once (lower case, the language's letter folds): the first
        words of the names are found together (one pattern), and only there are the following
        words compared.
        """
        folded = self.language.fold_letters(text.casefold().replace("ё", "е"))
        if len(folded) != len(text):  # a letter whose fold is longer ("ß"): fold word by word
            return self._find_word_by_word(text)
        found: list[NameMatch] = []
        last = 0
        for first in self._first.finditer(folded):
            if first.start() < last:
                continue
            matched = self._match_from(text, folded, first)
            if matched is not None:
                end, entry, cases = matched
                start = first.start()
                found.append(NameMatch(start, end, text[start:end], entry.name, entry.what, entry.target, cases))
                last = end
        return found

    def _match_from(self, text: str, folded: str, first: re.Match[str]):
        """The longest name starting with the word ``first``: its end, entry and cases, or None."""
        for keys, capitals, entry, cases in self._index[first.group()]:
            if capitals[0] and not text[first.start()].isupper():
                continue
            position = first.end()
            for key, capital in zip(keys[1:], capitals[1:], strict=True):
                gap = _GAP.match(text, position)
                word = _WORD.match(folded, gap.end()) if gap is not None else None
                if word is None or word.group() != key or (capital and not text[word.start()].isupper()):
                    break
                position = word.end()
            else:
                return position, entry, cases
        return None

    def _find_word_by_word(self, text: str) -> list[NameMatch]:
        """:meth:`find` for a text whose folding changes its length: each word folded on its own."""
        words = [
            (m.start(), m.end(), m.group(), self.language.fold_letters(_key(m.group()))) for m in _WORD.finditer(text)
        ]
        found: list[NameMatch] = []
        i = 0
        while i < len(words):
            candidates = self._index.get(words[i][3])
            matched = self._match_at(text, words, i, candidates) if candidates else None
            if matched is None:
                i += 1
                continue
            length, entry, cases = matched
            start, end = words[i][0], words[i + length - 1][1]
            found.append(NameMatch(start, end, text[start:end], entry.name, entry.what, entry.target, cases))
            i += length
        return found

    def _match_at(self, text: str, words: list[tuple[int, int, str, str]], i: int, candidates: list):
        for keys, capitals, entry, cases in candidates:
            n = len(keys)
            if i + n > len(words):
                continue
            if all(
                words[i + k][3] == keys[k]
                and (not capitals[k] or words[i + k][2][:1].isupper())
                and (k == 0 or _GAP.fullmatch(text, words[i + k - 1][1], words[i + k][0]) is not None)
                for k in range(n)
            ):
                return n, entry, cases
        return None
