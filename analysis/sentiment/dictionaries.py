"""Dictionaries users bring: Lexicoder, WordStat, LIWC and quanteda files as sentiment methods.

A user with a licensed copy of a dictionary -- the Lexicoder Sentiment Dictionary (Young &
Soroka 2012, *Affective News: The Automated Coding of Sentiment in Political Texts*, Political
Communication 29(2):205-231), a LIWC dictionary, their own -- scores with it as with VADER::

    method = load_dictionary("my/LSD2015.lc3")
    score_sentiment(texts, method=method)
    score_sentiment(texts, method="my/LSD2015.lc3")  # a path works as a method name too
    framing sentiment corpus --method my/LSD2015.lc3 --explain

Formats (the suffix says which; no dictionary ships with the package):

========== ===================================================================================
``.lc3``   Lexicoder: a line ``+category`` starts a category, every other line is an entry
``.cat``   WordStat (also how the LSD is distributed): categories on unindented lines, entries
           indented below them and ending in a weight ``(1)``; nested categories are joined
           with ``.``
``.dic``   LIWC: a header between two ``%`` lines numbers the categories (``1<TAB>posemo``),
           then each line is an entry followed by its category numbers; parenthesised
           conditions of old LIWC files are ignored, as quanteda does
``.yml``   quanteda's YAML (``as.yaml(dictionary)``): category -> list of entries, categories
           may nest
========== ===================================================================================

Entries are case-insensitive words or phrases ("not good"), with the glob wildcards ``*`` (any
characters) and ``?`` (one character): ``"abandon*"`` matches "abandoned". Every file is
validated when loaded; an error names the file and the line (an entry before any category, an
undefined LIWC category number, an empty entry, a category defined twice, bad YAML).

Scoring
-------
Texts are split into words (letters and digits, with inner apostrophes and hyphens); the
longest entry that matches at a position wins and its words are consumed, so "not good" in a
negated category is not also counted as "good" (quanteda's ``nested_scope = "dictionary"``).
Categories named ``positive`` and ``negative`` (any case; LIWC's ``posemo`` and ``negemo``)
count for and against; the Lexicoder's negated categories ``neg_positive`` (negated positive
words) and ``neg_negative`` count against and for, as Proksch, Lowe, Wäckerle & Soroka (2019,
*Multilingual Sentiment Analysis: A New Approach to Measuring Conflict in Legislative
Speeches*, Legislative Studies Quarterly 44(1):97-131) do; ``positive=`` and ``negative=``
choose other categories. With ``P`` positive and ``N`` negative matches, the compound score is
``(P - N) / (P + N + 1)``, which is ``tanh`` of half Proksch et al.'s logit scale
``log((P + 0.5) / (N + 0.5))``: in [-1, 1], 0 without matches, +-0.5 for one match, so VADER's
thresholds (+-0.05) read it the same way. ``neg``, ``pos`` and ``neu`` are the shares of
negative, positive and other words (a matched phrase counts as one).

Names of actors, organisations and agreements are masked first, as for ``"diplomatic"``
(:mod:`analysis.sentiment.masking`; ``mask=False`` turns it off). Explanations list each match
with its category, the entry and its line in the file.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "tiny.lc3"
>>> _ = path.write_text("+positive\\nwelcom*\\nconstructive\\n+negative\\nhegemon*\\nnot constructive\\n")
>>> method = load_dictionary(path)
>>> method.name, method(["Moscow welcomed the constructive talks.", "The talks were not constructive."])
('dictionary:tiny', [(0.0, 0.5, 0.5, 0.6667), (0.25, 0.75, 0.0, -0.5)])
>>> [(w.token, w.contribution, w.rules) for w in method.trace("Tehran denounced US hegemony.").words]
[('hegemony', -1.0, ("negative: 'hegemon*' (line 5)",))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import FileError
from ..languages import is_supported
from .masking import NameMasker, name_masker
from .methods import DEFAULT_LANGUAGES, Scores, SentimentError, SentimentResources
from .vader import VaderTrace, WordTrace

__all__ = [
    "FORMATS",
    "POSITIVE_CATEGORIES",
    "NEGATIVE_CATEGORIES",
    "DictionaryError",
    "Entry",
    "Dictionary",
    "read_dictionary",
    "DictionaryMethod",
    "load_dictionary",
    "file_languages",
]

#: Dictionary formats by file suffix.
FORMATS = {".lc3": "lexicoder", ".cat": "wordstat", ".dic": "liwc", ".yml": "yaml", ".yaml": "yaml"}
#: Category names (lower case, or the last part of a nested name) that count as positive by default.
POSITIVE_CATEGORIES = ("positive", "posemo", "positive emotion", "neg_negative")
#: Category names that count as negative by default.
NEGATIVE_CATEGORIES = ("negative", "negemo", "negative emotion", "neg_positive")

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_WEIGHT = re.compile(r"\s*\(\s*\d+\s*\)\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)")


class DictionaryError(FileError, SentimentError):
    """A dictionary file is missing or invalid; the message names the file and the line."""


@dataclass(frozen=True)
class Entry:
    """One entry of a dictionary: as written, its words (globs), its category and its line."""

    pattern: str
    words: tuple[str, ...]
    category: str
    line: int


@dataclass(frozen=True)
class Dictionary:
    """A dictionary read from a file: its entries by category, in file order."""

    name: str
    format: str
    entries: tuple[Entry, ...]
    source: str

    @property
    def categories(self) -> list[str]:
        """The category names, in file order."""
        return list(dict.fromkeys(e.category for e in self.entries))


def _entry(file: Path, line: int, pattern: str, category: str) -> Entry:
    pattern = " ".join(pattern.split())
    words = tuple(pattern.lower().split())
    if not words or all(set(word) <= {"*", "?"} for word in words):
        raise DictionaryError(file, f"line {line}: entry {pattern!r} has no letters to match")
    return Entry(pattern, words, category, line)


def _read_lines(file: Path) -> list[str]:
    if not file.is_file():
        raise DictionaryError(file, "no such file")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # old LIWC and WordStat files
    return text.splitlines()


def _lexicoder(file: Path) -> list[Entry]:
    entries, category, seen = [], None, set()
    for number, raw in enumerate(_read_lines(file), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("+"):
            category = line[1:].strip()
            if not category:
                raise DictionaryError(file, f"line {number}: a '+' line needs a category name")
            if category in seen:
                raise DictionaryError(file, f"line {number}: category {category!r} is defined twice")
            seen.add(category)
            continue
        if category is None:
            raise DictionaryError(file, f"line {number}: entry {line!r} comes before any '+category' line")
        entries.append(_entry(file, number, line, category))
    return entries


def _wordstat(file: Path) -> list[Entry]:
    entries: list[Entry] = []
    path: list[tuple[int, str]] = []  # (indent, category)
    seen = set()
    for number, raw in enumerate(_read_lines(file), start=1):
        if not raw.strip():
            continue
        expanded = raw.replace("\t", "    ")
        indent = len(expanded) - len(expanded.lstrip())
        line = expanded.strip()
        if _WEIGHT.search(line):
            if not path:
                raise DictionaryError(file, f"line {number}: entry {line!r} comes before any category")
            entries.append(_entry(file, number, _WEIGHT.sub("", line), ".".join(c for _, c in path)))
            continue
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, line))
        category = ".".join(c for _, c in path)
        if category in seen:
            raise DictionaryError(file, f"line {number}: category {category!r} is defined twice")
        seen.add(category)
    return entries


def _liwc(file: Path) -> list[Entry]:
    lines = _read_lines(file)
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise DictionaryError(file, "a LIWC dictionary starts with its categories between two '%' lines")
    categories: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        fields = lines[i].split()
        if not fields:
            continue
        if len(fields) < 2 or not fields[0].isdigit():
            raise DictionaryError(file, f"line {i + 1}: expected a category number and name, not {lines[i].strip()!r}")
        if fields[0] in categories:
            raise DictionaryError(file, f"line {i + 1}: category number {fields[0]} is defined twice")
        categories[fields[0]] = " ".join(fields[1:])
    entries = []
    for i in range(marks[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if "<of>" in line:
            raise DictionaryError(file, f"line {i + 1}: LIWC '<of>' entries are not supported")
        cleaned = _PARENTHESES.sub(" ", line).replace("/", " ")
        fields = cleaned.split("\t") if "\t" in cleaned else [cleaned]
        pattern = fields[0].strip()
        numbers = " ".join(fields[1:]).split()
        if len(fields) == 1:  # separated by spaces: the trailing numbers are the categories
            words = pattern.split()
            cut = len(words)
            while cut > 1 and words[cut - 1].isdigit():
                cut -= 1
            pattern, numbers = " ".join(words[:cut]), words[cut:]
        if not numbers:
            raise DictionaryError(file, f"line {i + 1}: entry {pattern!r} has no category number")
        for number in numbers:
            if number not in categories:
                known = ", ".join(categories)
                raise DictionaryError(
                    file, f"line {i + 1}: category {number} of {pattern!r} is not in the header ({known})"
                )
            entries.append(_entry(file, i + 1, pattern, categories[number]))
    return entries


def _yaml(file: Path) -> list[Entry]:
    text = "\n".join(_read_lines(file))
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(file, f"not valid YAML (line {mark.line + 1})" if mark else "not valid YAML") from None
    if not isinstance(root, yaml.MappingNode) or not root.value:
        raise DictionaryError(file, "expected a mapping of category -> list of entries (quanteda's as.yaml)")
    entries: list[Entry] = []
    seen: set[str] = set()

    def walk(node: yaml.Node, category: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value)
                full = name if not category or name == "__" else f"{category}.{name}"
                if full in seen and name != "__":
                    raise DictionaryError(file, f"line {key.start_mark.line + 1}: category {full!r} is defined twice")
                seen.add(full)
                walk(value, category if name == "__" else full)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                    raise DictionaryError(file, f"line {item.start_mark.line + 1}: entries must be non-empty strings")
                entries.append(_entry(file, item.start_mark.line + 1, str(item.value), category))
        elif isinstance(node, yaml.ScalarNode) and str(node.value).strip():
            entries.append(_entry(file, node.start_mark.line + 1, str(node.value), category))
        else:
            raise DictionaryError(file, f"line {node.start_mark.line + 1}: category {category!r} has no entries")

    walk(root, "")
    return entries


_READERS = {"lexicoder": _lexicoder, "wordstat": _wordstat, "liwc": _liwc, "yaml": _yaml}


def read_dictionary(path: str | Path, *, format: str | None = None) -> Dictionary:
    """Read and validate a dictionary file.

    Parameters
    ----------
    path
        The file.
    format
        ``"lexicoder"``, ``"wordstat"``, ``"liwc"`` or ``"yaml"``; by default from the suffix
        (:data:`FORMATS`).

    Raises
    ------
    DictionaryError
        Naming the file, the line and the problem.
    """
    file = Path(path)
    chosen = format or FORMATS.get(file.suffix.lower())
    if chosen not in _READERS:
        raise DictionaryError(
            file, f"unknown dictionary format (suffixes: {', '.join(FORMATS)}; formats: {', '.join(_READERS)})"
        )
    entries = _READERS[chosen](file)
    if not entries:
        raise DictionaryError(file, "the dictionary has no entries")
    return Dictionary(name=file.stem, format=chosen, entries=tuple(entries), source=str(file))


def _glob(word: str) -> re.Pattern:
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in word) + r"\Z")


class _Matcher:
    """Entries indexed for longest-match lookup: exact words, prefixes ("abandon*") and other globs."""

    def __init__(self, entries: Iterable[tuple[Entry, int]]) -> None:
        self.exact: dict[str, list[tuple[Entry, int]]] = {}
        self.prefix: dict[str, list[tuple[Entry, int]]] = {}
        self.other: list[tuple[re.Pattern, Entry, int]] = []
        self.longest = 1
        self._globs: dict[str, re.Pattern] = {}
        for entry, sign in entries:
            first = entry.words[0]
            self.longest = max(self.longest, len(entry.words))
            if not set(first) & {"*", "?"}:
                self.exact.setdefault(first, []).append((entry, sign))
            elif first.endswith("*") and not set(first[:-1]) & {"*", "?"}:
                self.prefix.setdefault(first[:-1], []).append((entry, sign))
            else:
                self.other.append((_glob(first), entry, sign))

    def _word(self, pattern: str, token: str) -> bool:
        if not set(pattern) & {"*", "?"}:
            return pattern == token
        if pattern not in self._globs:
            self._globs[pattern] = _glob(pattern)
        return self._globs[pattern].match(token) is not None

    def candidates(self, token: str) -> list[tuple[Entry, int]]:
        found = list(self.exact.get(token, ()))
        for end in range(len(token), -1, -1):
            found += self.prefix.get(token[:end], ())
        found += [(entry, sign) for regex, entry, sign in self.other if regex.match(token)]
        return found

    def match(self, tokens: list[str], i: int) -> tuple[int, list[tuple[Entry, int]]]:
        """Return (length, entries) of the longest match at ``i`` (all entries of that length)."""
        best, chosen = 0, []
        for entry, sign in self.candidates(tokens[i]):
            size = len(entry.words)
            if i + size > len(tokens) or size < best:
                continue
            if all(self._word(w, tokens[i + k]) for k, w in enumerate(entry.words[1:], start=1)):
                if size > best:
                    best, chosen = size, []
                chosen.append((entry, sign))
        return best, chosen


def _category_key(category: str) -> tuple[str, str]:
    lower = category.lower()
    return lower, lower.rsplit(".", 1)[-1]


class DictionaryMethod:
    """A dictionary as a sentiment method (a scorer with explanations); build it with :func:`load_dictionary`.

    Parameters
    ----------
    dictionary
        The dictionary (:func:`read_dictionary`).
    positive, negative
        The categories that count for and against (default: :data:`POSITIVE_CATEGORIES` and
        :data:`NEGATIVE_CATEGORIES`, matched on the whole name or its last nested part).
    mask
        Mask the names of the actor registry and of ``titles.yml`` before matching.
    resources
        A study's actor registry and titles, whose names are masked (None: the package's own).
    languages
        The languages the dictionary reads (ISO 639-1). Default: the language code before the
        file's suffix (``tone.ru.lc3`` reads Russian), else English. Units in other languages
        are not scored with it (:func:`~analysis.sentiment.scoring.score_units`).
    """

    def __init__(
        self,
        dictionary: Dictionary,
        *,
        positive: Sequence[str] | None = None,
        negative: Sequence[str] | None = None,
        mask: bool = True,
        resources: SentimentResources | None = None,
        languages: Sequence[str] | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.name = f"dictionary:{dictionary.name}"
        self.languages = tuple(languages) if languages else file_languages(dictionary.source)
        self.mask = mask
        self.resources = resources
        wanted = {
            1: {c.lower() for c in positive} if positive is not None else set(POSITIVE_CATEGORIES),
            -1: {c.lower() for c in negative} if negative is not None else set(NEGATIVE_CATEGORIES),
        }
        signs: dict[str, int] = {}
        for category in dictionary.categories:
            whole, last = _category_key(category)
            for sign, names in wanted.items():
                if whole in names or last in names:
                    signs[category] = sign
        if not any(s == 1 for s in signs.values()) or not any(s == -1 for s in signs.values()):
            raise DictionaryError(
                dictionary.source,
                f"no positive and negative categories among {', '.join(dictionary.categories)}: name them with "
                "positive=[...] and negative=[...]",
            )
        self.signs = signs
        self._matcher = _Matcher((e, signs[e.category]) for e in dictionary.entries if e.category in signs)
        self._masker: NameMasker | None = None

    def masker(self) -> NameMasker | None:
        """The names masked before matching (None with ``mask=False``)."""
        if self.mask and self._masker is None:
            self._masker = (
                name_masker("-")
                if self.resources is None
                else name_masker("-", actors=self.resources.actors, titles=self.resources.titles)
            )
        return self._masker if self.mask else None

    def _matches(self, text: str) -> tuple[list[str], list[tuple[int, str, list[tuple[Entry, int]]]], Any]:
        masker = self.masker()
        masked = masker.mask(text) if masker is not None else None
        prepared = masked.text if masked is not None else text
        spans = [m.span() for m in _WORD.finditer(prepared)]
        found = [prepared[a:b] for a, b in spans]
        tokens = [t.lower().replace("\u2019", "'") for t in found]
        matches, i = [], 0
        while i < len(tokens):
            size, entries = self._matcher.match(tokens, i)
            if size:
                matches.append((i, text[spans[i][0] : spans[i + size - 1][1]], entries))
                i += size
            else:
                i += 1
        units = len(tokens) - sum(len(entries[0][0].words) - 1 for _, _, entries in matches)
        return found, matches, (masked, units)

    def _scores(self, matches: list, units: int) -> tuple[float, float, float, float, int, int]:
        positive = sum(1 for _, _, entries in matches if sum(s for _, s in entries) > 0)
        negative = sum(1 for _, _, entries in matches if sum(s for _, s in entries) < 0)
        if units == 0:
            return 0.0, 0.0, 0.0, 0.0, 0, 0
        neg, pos = round(negative / units, 3), round(positive / units, 3)
        compound = round((positive - negative) / (positive + negative + 1), 4)
        return neg, round(1 - neg - pos, 3), pos, compound, positive, negative

    def score(self, texts: Sequence[str]) -> list[Scores]:
        results = []
        for text in texts:
            _, matches, (_, units) = self._matches(text)
            results.append(self._scores(matches, units)[:4])
        return results

    __call__ = score

    def trace(self, text: str) -> VaderTrace:
        """Explain one text: every match with its category, entry and line."""
        found, matches, (masked, units) = self._matches(text)
        neg, neu, pos, compound, positive, negative = self._scores(matches, units)
        words = []
        for position, matched, entries in matches:
            sign = sum(s for _, s in entries)
            value = float((sign > 0) - (sign < 0))
            rules = tuple(f"{e.category}: {e.pattern!r} (line {e.line})" for e, _ in entries)
            words.append(WordTrace(position, matched, value, value, value, rules))
        return VaderTrace(
            text=text,
            tokens=tuple(found),
            words=tuple(words),
            sum=float(positive - negative),
            emphasis=0.0,
            total=float(positive - negative),
            neg=neg,
            neu=neu,
            pos=pos,
            compound=compound,
            rule_set=self.name,
            masked=masked.spans if masked is not None else (),
        )

    def with_resources(self, resources: SentimentResources) -> DictionaryMethod:
        """The same dictionary masking a study's names."""
        if not self.mask:
            return self
        method = DictionaryMethod.__new__(DictionaryMethod)
        method.__dict__.update(self.__dict__)
        method.resources, method._masker = resources, None
        return method

    def __deepcopy__(self, memo: dict) -> DictionaryMethod:
        return self  # immutable; pandas copies the attrs of a scored table


def load_dictionary(
    path: str | Path,
    *,
    format: str | None = None,
    positive: Sequence[str] | None = None,
    negative: Sequence[str] | None = None,
    mask: bool = True,
    resources: SentimentResources | None = None,
    languages: Sequence[str] | None = None,
) -> DictionaryMethod:
    """Load a dictionary file as a sentiment method (see the module docstring).

    Parameters
    ----------
    path
        A ``.lc3``, ``.cat``, ``.dic``, ``.yml`` or ``.yaml`` file.
    format
        The format, when the suffix does not say it (:data:`FORMATS`).
    positive, negative
        Categories that count for and against (default: ``positive``/``negative``,
        ``posemo``/``negemo`` and the Lexicoder's negated categories).
    mask, resources
        Mask names before matching: those of a study's actor registry and titles (None: the
        package's own).
    languages
        The languages it reads (default: ``tone.ru.lc3`` reads ``ru``, any other file English;
        :func:`file_languages`).

    Raises
    ------
    DictionaryError
        For a file that does not parse (naming the line), or without positive and negative
        categories.
    """
    return DictionaryMethod(
        read_dictionary(path, format=format),
        positive=positive,
        negative=negative,
        mask=mask,
        resources=resources,
        languages=languages,
    )


def file_languages(source: str | Path) -> tuple[str, ...]:
    """The languages a dictionary file reads by its name: ``tone.ru.lc3`` reads ``ru``, else English.

    Examples
    --------
    >>> file_languages("my/tone.ru.lc3"), file_languages("my/LSD2015.lc3"), file_languages("my/v1.2.cat")
    (('ru',), ('en',), ('en',))
    """
    suffixes = Path(str(source)).suffixes
    code = suffixes[-2].lstrip(".").lower() if len(suffixes) >= 2 else ""
    return (code,) if is_supported(code) else DEFAULT_LANGUAGES
