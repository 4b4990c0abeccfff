"""Frame terms matched by lemma, for the languages other than English of a frame lexicon.

A frame of ``frames.yml`` may list terms per language (``languages: {ru: {terms: [...]}}``).
Such a term is matched against the **lemmas** of a unit's words
(:mod:`analysis.salience.lemmas`): ``партнёрство`` finds партнёрства, партнёрству,
партнерством; a phrase is a sequence of lemmas (``взаимное уважение`` finds "взаимного
уважения", "взаимным уважением") whose words follow each other with only spaces, hyphens or
apostrophes between them (never across other punctuation); a word ending in ``*`` is a prefix
of a lemma (``санкц*``: санкция, санкционный); a word written all in capitals (``НАТО``,
``ЕС``) matches only that word in capitals. A term may be written in any form: its words are
lemmatised as the text's are.

**Names are not frames**, as in English (:class:`~analysis.salience.lexicon.FrameLexicon`):
before matching, the names of the language's ``titles.yml`` (the treaty's name, the Shanghai
Cooperation Organisation, the Security Council...) and the registry's names written in the
language's script are found by lemma too -- in every case, "Договора о всеобъемлющем
стратегическом партнёрстве" as well as "Договор о всеобъемлющем стратегическом партнерстве" --
and their words take no part in matching; a name counts only for the frames that list it whole,
or list whole a shorter name inside it (``Шанхайская организация сотрудничества`` is
multilateralism, not partnership; "Генеральная Ассамблея ООН" is multilateralism because the
frame lists "Генеральная Ассамблея").

Examples
--------
>>> matcher = LemmaMatcher([["партнерство", "взаимное уважение"], ["санкц*", "НАТО"]], "ru",
...     names=["Договор о всеобъемлющем стратегическом партнёрстве"])
>>> matcher.match(["Отношения строятся на взаимном уважении.", "Санкции против нас незаконны.",
...     "Договор о всеобъемлющем стратегическом партнерстве подписан."]).tolist()
[[True, False], [False, True], [False, False]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..languages import load_language, script_of
from .lemmas import Lemmatizer, lemmatizer, term_lemmas

__all__ = ["LemmaMatcher", "Hit", "language_names"]

_GAP = re.compile(r"[\s'\u2019\u2010\u2011-]*")

# a word of a compiled term: ("lemma", lemma), ("prefix", letters) or ("form", word as written)
_Word = tuple[str, str]


@dataclass(frozen=True)
class Hit:
    """One match in a text: the group (frame), the term and the span of text it covers."""

    group: int
    term: str
    start: int
    end: int


def _compile(term: str, language: str) -> tuple[_Word, ...]:
    words = term.split()
    lemmas = term_lemmas(term, language)
    compiled = []
    for word, lemma in zip(words, lemmas, strict=True):
        if word.endswith("*"):
            compiled.append(("prefix", lemma[:-1]))
        elif len(word) > 1 and word.isupper():
            compiled.append(("form", word))
        else:
            compiled.append(("lemma", lemma))
    return tuple(compiled)


def _contains(words: tuple[_Word, ...], part: tuple[_Word, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``words``."""
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _word_matches(word: _Word, form: str, lemma: str) -> bool:
    kind, value = word
    if kind == "lemma":
        return lemma == value
    if kind == "prefix":
        return lemma.startswith(value)
    return form == value


class _Index:
    """Terms indexed by their first word, for one pass over a text's tokens."""

    def __init__(self, entries: Sequence[tuple[int, str, tuple[_Word, ...]]]) -> None:
        self.entries = list(entries)
        self.by_lemma: dict[str, list[int]] = {}
        self.by_form: dict[str, list[int]] = {}
        self.prefixes: list[tuple[str, int]] = []
        for number, (_, _, words) in enumerate(self.entries):
            kind, value = words[0]
            if kind == "lemma":
                self.by_lemma.setdefault(value, []).append(number)
            elif kind == "form":
                self.by_form.setdefault(value, []).append(number)
            else:
                self.prefixes.append((value, number))
        self._first: dict[str, list[int]] = {}

    def candidates(self, form: str, lemma: str) -> list[int]:
        """The entries whose first word a token (form, lemma) is; cached per lemma."""
        found = self._first.get(lemma)
        if found is None:
            found = list(self.by_lemma.get(lemma, ()))
            found += [number for prefix, number in self.prefixes if lemma.startswith(prefix)]
            self._first[lemma] = found
        by_form = self.by_form.get(form)
        return found + by_form if by_form else found

    def at(self, tokens: list[tuple[int, int, str]], text: str, i: int, masked: Sequence[bool]) -> list[int]:
        """The entries that match the tokens from position ``i`` (no masked token inside)."""
        start, end, lemma = tokens[i]
        matched = []
        for number in self.candidates(text[start:end], lemma):
            words = self.entries[number][2]
            last = i + len(words)
            if last > len(tokens) or any(masked[i:last]):
                continue
            ok = all(
                _word_matches(word, text[s:e], lem)
                for word, (s, e, lem) in zip(words[1:], tokens[i + 1 : last], strict=True)
            )
            if ok and all(_GAP.fullmatch(text[tokens[k][1] : tokens[k + 1][0]]) for k in range(i, last - 1)):
                matched.append(number)
        return matched


class LemmaMatcher:
    """Match groups of terms (a lexicon's frames) by lemma in one language, names masked.

    Parameters
    ----------
    groups
        One sequence of terms per group (a frame's terms in this language; may be empty).
    language
        The ISO 639-1 code of a language with resources (:func:`analysis.languages.load_language`).
    names
        Names whose words are not frame terms (see the module docstring).
    """

    def __init__(self, groups: Sequence[Sequence[str]], language: str, *, names: Sequence[str] = ()) -> None:
        self.language = language
        self.n_groups = len(groups)
        self.reader: Lemmatizer = lemmatizer(language)
        entries = [(group, term, _compile(term, language)) for group, terms in enumerate(groups) for term in terms]
        self.terms = _Index([e for e in entries if e[2]])
        compiled = {words: group for group, _, words in self.terms.entries}
        # a name counts for the groups that list it whole
        self.name_groups: dict[tuple[_Word, ...], list[int]] = {}
        for group, _, words in self.terms.entries:
            self.name_groups.setdefault(words, []).append(group)
        name_entries = [(-1, name, _compile(name, language)) for name in dict.fromkeys(names)]
        relevant = [e for e in name_entries if e[2] and (e[2] in compiled or self._holds_term(e[1]))]
        self.names = _Index(relevant)
        # a name also counts for the frames that list a shorter name inside it whole
        # ("Генеральная Ассамблея ООН" holds "Генеральная Ассамблея", a multilateral body)
        for _, _, words in relevant:
            inner = {
                group
                for _, _, other in relevant
                if len(other) < len(words) and _contains(words, other)
                for group in self.name_groups.get(other, ())
            }
            if inner:
                self.name_groups[words] = sorted({*self.name_groups.get(words, ()), *inner})

    def _holds_term(self, name: str) -> bool:
        tokens = self.reader.tokens(name)
        masked = [False] * len(tokens)
        return any(self.terms.at(tokens, name, i, masked) for i in range(len(tokens)))

    def _mask(self, tokens: list[tuple[int, int, str]], text: str) -> tuple[list[bool], list[Hit]]:
        """Which tokens belong to a name (the longest name at each place, left to right), and the
        hits of the names that frames list whole."""
        masked = [False] * len(tokens)
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            found = self.names.at(tokens, text, i, masked)
            if not found:
                i += 1
                continue
            _, name, words = max((self.names.entries[n] for n in found), key=lambda entry: len(entry[2]))
            last = i + len(words)
            for k in range(i, last):
                masked[k] = True
            for group in self.name_groups.get(words, ()):
                hits.append(Hit(group, name, tokens[i][0], tokens[last - 1][1]))
            i = last
        return masked, hits

    def hits(self, text: str) -> list[Hit]:
        """Every term (and whole name) of every group found in ``text``, in text order."""
        tokens = self.reader.tokens(text)
        masked, hits = self._mask(tokens, text)
        for i in range(len(tokens)):
            if masked[i]:
                continue
            for number in self.terms.at(tokens, text, i, masked):
                group, term, words = self.terms.entries[number]
                hits.append(Hit(group, term, tokens[i][0], tokens[i + len(words) - 1][1]))
        return sorted(hits, key=lambda hit: (hit.start, hit.group))

    def match(self, texts: Sequence[str]) -> np.ndarray:
        """A texts x groups boolean array: which groups each text mentions."""
        found = np.zeros((len(texts), self.n_groups), dtype=bool)
        for row, text in enumerate(texts):
            for hit in self.hits(text):
                found[row, hit.group] = True
        return found


def language_names(language: str, actors: Any = None) -> list[str]:
    """The names masked before matching a language's frame terms: its ``titles.yml`` and the
    names and aliases of an actor registry (default: the package's) written in its script.

    Examples
    --------
    >>> "Шанхайская организация сотрудничества" in language_names("ru")
    True
    """
    from ..corpus.registry import load_actors
    from ..sentiment.masking import load_titles, registry_names

    resources = load_language(language)
    file = resources.resource("titles.yml")
    names = [name for name, _ in load_titles(file).names()] if file is not None else []
    registry = actors if actors is not None else load_actors()
    names += [name for name, _ in registry_names(registry, descriptions=False) if script_of(name) == resources.script]
    return names
