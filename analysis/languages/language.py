"""A language as data: one interface, resources read from ``analysis/data/languages/<code>/``.

Each language folder holds ``language.yml`` (its name, script, direction and which splitter,
tokenizer and lemmatizer of :mod:`analysis.languages.backends` it uses) and the resources the
stages read by the document's language: ``stop_words.txt`` (one lemma a line), ``quotes.yml``
(quote attribution rules, :mod:`analysis.attribution.multilingual`), and more as they come.
Adding a language adds a folder; a document whose language has no folder is not run through
another language's rules (:class:`UnsupportedLanguageError`).

Examples
--------
>>> ru = load_language("ru")
>>> ru.name, ru.script, ru.direction
('Russian', 'Cyrillic', 'ltr')
>>> [ru.lemma(w) for w in ("договор", "договора", "договору")]
['договор', 'договор', 'договор']
>>> text = "Лавров заявил, что договор вступил в силу. Захарова это подтвердила."
>>> [text[s:e] for s, e in ru.split_sentences(text)]
['Лавров заявил, что договор вступил в силу.', 'Захарова это подтвердила.']
>>> [text[s:e] for s, e in ru.tokens(text)][:4]
['Лавров', 'заявил', 'что', 'договор']
>>> is_supported("ru"), is_supported("xx")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ..datafiles import read_yaml
from ..errors import AnalysisError, FileError
from ..paths import package_data
from .backends import LEMMATIZERS, SPLITTERS, TOKENIZERS, Span

__all__ = [
    "LANGUAGES_DIR",
    "DIRECTIONS",
    "Language",
    "LanguageError",
    "UnsupportedLanguageError",
    "load_language",
    "supported_languages",
    "is_supported",
    "is_analysable",
    "script_of",
]

#: Where the language folders of the package are.
LANGUAGES_DIR = package_data("languages")
#: Writing directions.
DIRECTIONS = ("ltr", "rtl")
_CODE = re.compile(r"^[a-z]{2,3}$")
_KEYS = {"code", "name", "script", "direction", "sentences", "tokens", "lemmas", "stop_words", "names"}


class LanguageError(FileError):
    """A language folder's file is missing or invalid; the message names the file."""


class UnsupportedLanguageError(AnalysisError):
    """No resources for a language: its documents are kept and reported, never analysed as another."""

    def __init__(self, code: str, supported: Iterable[str]) -> None:
        self.code = code
        super().__init__(f"no language resources for {code!r} (supported: {', '.join(supported)})")

    def __reduce__(self):
        return type(self), (self.code, supported_languages())


def script_of(text: str) -> str:
    """The script most letters of ``text`` are written in (Unicode's name: Latin, Cyrillic, Arabic...), or "".

    Examples
    --------
    >>> script_of("Лавров"), script_of("Lavrov"), script_of("عراقچی"), script_of("2025")
    ('Cyrillic', 'Latin', 'Arabic', '')
    """
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "").split(" ")[0].capitalize()
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


@dataclass(frozen=True, eq=False)
class Language:
    """A language's resources behind one interface; build it with :func:`load_language`."""

    code: str
    name: str
    script: str
    direction: str
    splitter: str
    tokenizer: str
    lemmatizer: str
    folder: Path
    continue_after: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    lemma_folds: tuple[tuple[str, str], ...] = ()
    names: dict[str, Any] = field(default_factory=dict)

    def split_sentences(self, text: str) -> list[Span]:
        """The ``(start, end)`` spans of the sentences of ``text``, paragraph by paragraph."""
        return SPLITTERS[self.splitter](text, self.continue_after)

    def tokens(self, text: str) -> list[Span]:
        """The ``(start, end)`` spans of the words of ``text`` (punctuation left out)."""
        return TOKENIZERS[self.tokenizer](text)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` as written."""
        return [text[s:e] for s, e in self.tokens(text)]

    def lemma(self, word: str) -> str:
        """The lemma of one word, lower-case (English: the word lower-cased; Russian: pymorphy3's)."""
        lemma = LEMMATIZERS[self.lemmatizer](word)
        for source, target in self.lemma_folds:
            lemma = lemma.replace(source, target)
        return lemma

    def lemmas(self, text: str) -> list[str]:
        """The lemmas of the words of ``text``, in order."""
        return [self.lemma(w) for w in self.words(text)]

    @cached_property
    def letter_folds(self) -> tuple[tuple[str, str], ...]:
        """The folds of ``lemmas: fold`` that map one letter to one letter: text read through them
        keeps its offsets (Russian ё -> е; Persian's Arabic-keyboard letters ي -> ی, ك -> ک), so
        names and cues match whichever a text writes (:meth:`fold_letters`)."""
        return tuple((source, target) for source, target in self.lemma_folds if len(source) == len(target) == 1)

    def fold_letters(self, text: str) -> str:
        """``text`` with :attr:`letter_folds` applied (same length, same offsets).

        Examples
        --------
        >>> load_language("fa").fold_letters("عراقچي") == "عراقچی"
        True
        """
        for source, target in self.letter_folds:
            if source in text:
                text = text.replace(source, target)
        return text

    def is_stop_word(self, word: str) -> bool:
        """Whether a word (through its lemma) is a stop word of this language."""
        return self.lemma(word) in self.stop_words

    def resource(self, name: str) -> Path | None:
        """The path of a resource file of this language (``quotes.yml``, ``layout.yml``), or None."""
        path = self.folder / name
        return path if path.is_file() else None

    def has(self, name: str) -> bool:
        """Whether this language has a resource (``has("quotes.yml")``: quote attribution works)."""
        return self.resource(name) is not None


def supported_languages(folder: Path | None = None) -> tuple[str, ...]:
    """The codes of the languages with a folder of resources, sorted.

    Examples
    --------
    >>> {"en", "ru"} <= set(supported_languages())
    True
    """
    root = folder or LANGUAGES_DIR
    return tuple(sorted(p.name for p in root.iterdir() if (p / "language.yml").is_file()))


def is_supported(code: str | None, folder: Path | None = None) -> bool:
    """Whether a language code has resources."""
    return bool(code) and code in supported_languages(folder)


def is_analysable(code: str | None) -> bool:
    """Whether the documents of a language are analysed: English (or no language given), or a
    language with quote rules (``quotes.yml``). Others are kept and counted, never analysed.

    Examples
    --------
    >>> is_analysable("en"), is_analysable(""), is_analysable("ru"), is_analysable("de")
    (True, True, True, False)
    """
    code = str(code or "").strip().lower()
    return code in ("", "en") or (is_supported(code) and load_language(code).has("quotes.yml"))


def load_language(code: str, folder: Path | None = None) -> Language:
    """Load a language's resources (cached per process).

    Parameters
    ----------
    code
        An ISO 639-1 code (``"en"``, ``"ru"``, ``"fa"``).
    folder
        A folder of language folders (default: the package's, :data:`LANGUAGES_DIR`).

    Raises
    ------
    UnsupportedLanguageError
        When the language has no folder.
    LanguageError
        Naming the file and the problem when a folder's files are invalid.
    """
    return _load(str(code).strip().lower(), (folder or LANGUAGES_DIR).resolve())


@cache
def _load(code: str, root: Path) -> Language:
    if not _CODE.match(code) or not (root / code / "language.yml").is_file():
        raise UnsupportedLanguageError(code, supported_languages(root))
    file = root / code / "language.yml"
    data = read_yaml(file, LanguageError)
    if not isinstance(data, dict):
        raise LanguageError(file, "expected a mapping with code, name, script and the components")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise LanguageError(file, f"unknown key(s) {', '.join(unknown)} (line {_line(file, unknown[0])})")
    if data.get("code") != code:
        raise LanguageError(file, f"code {data.get('code')!r} is not the folder's name {code!r}")
    direction = data.get("direction", "ltr")
    if direction not in DIRECTIONS:
        raise LanguageError(file, f"direction {direction!r} is not ltr or rtl (line {_line(file, 'direction')})")
    sentences = _section(file, data, "sentences")
    tokens = _section(file, data, "tokens")
    lemmas = _section(file, data, "lemmas")
    folds = lemmas.get("fold") or {}
    if not isinstance(folds, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in folds.items()):
        raise LanguageError(file, f"lemmas: fold must map characters to characters (line {_line(file, 'fold')})")
    return Language(
        code=code,
        name=_text(file, data, "name"),
        script=_text(file, data, "script"),
        direction=direction,
        splitter=_component(file, sentences, "splitter", SPLITTERS),
        tokenizer=_component(file, tokens, "tokenizer", TOKENIZERS),
        lemmatizer=_component(file, lemmas, "lemmatizer", LEMMATIZERS),
        folder=file.parent,
        continue_after=frozenset(w.casefold() for w in _strings(file, sentences, "continue_after")),
        stop_words=_stop_words(file.parent, data.get("stop_words")),
        lemma_folds=tuple(folds.items()),
        names=_section(file, data, "names"),
    )


def _line(file: Path, key: str) -> int | str:
    text = file.read_text(encoding="utf-8")
    match = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else "?"


def _text(file: Path, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LanguageError(file, f"{key!r} must be a non-empty string")
    return value.strip()


def _section(file: Path, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise LanguageError(file, f"{key!r} must be a mapping (line {_line(file, key)})")
    return value


def _component(file: Path, section: dict[str, Any], key: str, known: dict[str, Any]) -> str:
    value = section.get(key)
    if value not in known:
        raise LanguageError(file, f"{key} {value!r} is not one of {', '.join(known)} (line {_line(file, key)})")
    return value


def _strings(file: Path, section: dict[str, Any], key: str) -> tuple[str, ...]:
    value = section.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LanguageError(file, f"{key} must be a list of non-empty strings (line {_line(file, key)})")
    return tuple(value)


def _stop_words(folder: Path, value: Any) -> frozenset[str]:
    """Stop words from a file of the folder (one a line, ``#`` comments) or a built-in list."""
    if value is None:
        return frozenset()
    if value == "scikit-learn":  # the list English keyness has always used
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    path = folder / str(value)
    if not path.is_file():
        raise LanguageError(folder / "language.yml", f"stop_words file {value!r} does not exist")
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w.casefold() for w in words if w)
