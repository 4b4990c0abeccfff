"""The ``"diplomatic"`` method: VADER that reads diplomatic language, with its adjustments as data.

Lexicons built on social media and reviews misread diplomatic text in three ways, each fixed
here by data a user can read and change:

1. **Names are not sentiment.** The names of actors, organisations and agreements are masked
   before scoring (:mod:`analysis.sentiment.masking`): "the Comprehensive Strategic
   Partnership Treaty entered into force" is a report, not praise.
2. **Diplomatic words** (``diplomatic.yml``, every entry with its rationale): words that name
   things rather than judge them ("agreement", "top", "security") are neutral; the vocabulary
   of complaint ("hegemony", "interference", "destabilising") is negative; "strongly" and
   "firmly" intensify instead of praising.
3. **Accusations are not compliments.** Words such as "undermining" or "violating" turn the
   positive words that follow negative, as "not" does, and after a reported accusation
   ("accused X of", "condemned", "criticised") positive words count 0: "accusing the European
   trio of undermining a peaceful solution" is negative, not +0.20.
4. **Procedure is not tone.** The topics of reported talks and of a treaty's provisions ("the
   sides discussed the fight against terrorism", "it envisages joint efforts against organised
   crime") count 0 after the cue that reports them, and the words of procedure ("the parties",
   "agreed", "approved", "commitments") are neutral: a careful reader codes such statements 0.

Everything else is VADER with nltk's rules (:class:`analysis.sentiment.vader.VaderEngine`): on
a text without names and without an adjusted word, ``"diplomatic"`` gives exactly the scores
of ``"vader"``. Explanations (:func:`analysis.sentiment.explain_sentiment`) show the masked
names, the adjusted words and the rules applied.

Examples
--------
>>> engine = diplomatic_engine()
>>> engine.scores("Top diplomats of the two countries met in Moscow.")[3]
0.0
>>> engine.scores("The ministry accused the European trio of undermining a peaceful solution.")[3] < -0.5
True
>>> engine.scores("The talks were useful.") == diplomatic_engine().scores("The talks were useful.")
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..corpus.config import config_file, data_file
from ..corpus.registry import load_actors
from ..datafiles import is_identifier, read_yaml
from ..errors import FileError
from .engines import vader_engine
from .masking import NameMasker, load_titles, name_masker
from .methods import Scores, SentimentError, SentimentResources
from .vader import VaderEngine, VaderTrace

__all__ = [
    "AdjustmentsError",
    "WordAdjustment",
    "Accusation",
    "Adjustments",
    "load_adjustments",
    "DiplomaticEngine",
    "diplomatic_engine",
    "DiplomaticMethod",
]

_SECTIONS = ("words", "boosters", "reversers", "accusations", "topics")
_CLAUSE_END = re.compile(r"[.;:!?]")
# a reported topic ends with its clause, or where a contrast starts another ("..., but the attack was")
_TOPIC_END = re.compile(r"[.;:!?]|\b(?:but|however|while|whereas)\b", re.IGNORECASE)
_NOT_SPACE = re.compile(r"\S+")
_MAX_VALENCE = 4.0


class AdjustmentsError(FileError, SentimentError):
    """A diplomatic adjustments file (``diplomatic.yml``) is missing or invalid; the message names
    the file and the line."""


@dataclass(frozen=True)
class WordAdjustment:
    """A word whose valence the method replaces, and why."""

    word: str
    valence: float
    rationale: str


@dataclass(frozen=True)
class Accusation:
    """A pattern of ``diplomatic.yml``: a reported accusation (positive words after it, to the end
    of the clause, count 0) or a reported topic (every word after it does)."""

    id: str
    regex: re.Pattern
    rationale: str


@dataclass(frozen=True)
class Adjustments:
    """The contents of ``diplomatic.yml`` (see that file for the meaning of each section)."""

    words: dict[str, WordAdjustment]
    boosters: dict[str, str]
    reversers: dict[str, str]
    accusations: tuple[Accusation, ...]
    source: str = "<memory>"
    topics: tuple[Accusation, ...] = ()


def _item_lines(text: str) -> dict[tuple[str, int], int]:
    """Line (1-based) of each item of each top-level list: ``(section, index) -> line``."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple[str, int], int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    lines[(str(key.value), index)] = item.start_mark.line + 1
    return lines


def _words(entry: dict[str, Any], fail) -> list[str]:
    if "word" in entry and "words" in entry:
        fail("give 'word' or 'words', not both")
    raw = entry.get("words", entry.get("word"))
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not values:
        fail("needs 'word' (a word) or 'words' (a list of words)")
    words = []
    for value in values:
        if not isinstance(value, str) or not value.strip() or value.strip() != value.strip().lower() or " " in value:
            fail(f"{value!r} is not one lower-case word")
        words.append(value.strip())
    return words


def _rationale(entry: dict[str, Any], fail) -> str:
    rationale = entry.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip():
        fail("needs a 'rationale': say why")
    return " ".join(rationale.split())


def load_adjustments(path: str | Path | None = None) -> Adjustments:
    """Load and validate the diplomatic adjustments (``diplomatic.yml``).

    Parameters
    ----------
    path
        A ``diplomatic.yml`` file, a corpus folder or document (the corpus's own copy when it
        has one, else the package default), or None for the package's own.

    Raises
    ------
    AdjustmentsError
        Naming the file, the line and the problem: YAML that does not parse, an unknown
        section or field, a word that is not one lower-case word, a valence outside -4..4, a
        missing rationale, a regular expression that does not compile.

    Examples
    --------
    >>> adjustments = load_adjustments()
    >>> adjustments.words["top"].valence, "undermining" in adjustments.reversers
    (0.0, True)
    """
    file = data_file("diplomatic", path)
    data = read_yaml(file, AdjustmentsError)
    if not isinstance(data, dict):
        raise AdjustmentsError(file, f"expected a mapping with the sections {', '.join(_SECTIONS)}")
    unknown = set(data) - set(_SECTIONS)
    if unknown:
        raise AdjustmentsError(file, f"unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    lines = _item_lines(file.read_text(encoding="utf-8"))
    words: dict[str, WordAdjustment] = {}
    boosters: dict[str, str] = {}
    reversers: dict[str, str] = {}
    accusations: list[Accusation] = []
    topics: list[Accusation] = []
    for section in _SECTIONS:
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise AdjustmentsError(file, f"section {section!r} must be a list of entries")
        for index, entry in enumerate(entries):
            where = f"line {lines.get((section, index), '?')}: {section} entry #{index + 1}"

            def fail(problem: str, where: str = where) -> None:
                raise AdjustmentsError(file, f"{where}: {problem}")

            if not isinstance(entry, dict):
                fail("must be a mapping")
            allowed = {
                "words": {"word", "words", "valence", "rationale"},
                "boosters": {"word", "words", "rationale"},
                "reversers": {"word", "words", "rationale"},
                "accusations": {"id", "regex", "rationale"},
                "topics": {"id", "regex", "rationale"},
            }[section]
            extra = set(entry) - allowed
            if extra:
                fail(f"unknown field(s) {', '.join(sorted(map(str, extra)))}")
            rationale = _rationale(entry, fail)
            if section in ("accusations", "topics"):
                pattern_id, regex = entry.get("id"), entry.get("regex")
                if not is_identifier(pattern_id):
                    fail(f"id {pattern_id!r} must be lower-case letters, digits or '_'")
                if not isinstance(regex, str) or not regex.strip():
                    fail("needs a non-empty 'regex'")
                try:
                    compiled = re.compile(regex, re.IGNORECASE)
                except re.error as exc:
                    fail(f"bad regular expression ({exc})")
                (accusations if section == "accusations" else topics).append(
                    Accusation(pattern_id, compiled, rationale)
                )
                continue
            listed = _words(entry, fail)
            if section == "words":
                valence = entry.get("valence")
                if isinstance(valence, bool) or not isinstance(valence, (int, float)):
                    fail("needs a numeric 'valence'")
                if not -_MAX_VALENCE <= valence <= _MAX_VALENCE:
                    fail(f"valence {valence} is outside -4..4 (VADER's scale)")
                for word in listed:
                    if word in words:
                        fail(f"word {word!r} is adjusted twice")
                    words[word] = WordAdjustment(word, float(valence), rationale)
            else:
                target = boosters if section == "boosters" else reversers
                target.update(dict.fromkeys(listed, rationale))
    return Adjustments(words, boosters, reversers, tuple(accusations), str(file), tuple(topics))


def _any(patterns: tuple[Accusation, ...]) -> re.Pattern | None:
    """One pattern that finds any of the patterns (a quick test before the positions are found)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns), re.IGNORECASE)


def _booster_increment() -> float:
    """VADER's increment of a booster word ("very": +0.293)."""
    from .lexicon import vader_analyzer

    return float(vader_analyzer().constants.B_INCR)


class DiplomaticEngine(VaderEngine):
    """VADER (nltk's rules) with names masked and the diplomatic adjustments; see the module docstring.

    Build it with :func:`diplomatic_engine`.

    Parameters
    ----------
    base
        The VADER engine with nltk's rules whose lexicon and constants are adjusted.
    adjustments
        The contents of ``diplomatic.yml``.
    masker
        The names to mask (:func:`analysis.sentiment.masking.name_masker`).
    """

    rule_set = "diplomatic"

    def __init__(self, base: VaderEngine, adjustments: Adjustments, masker: NameMasker) -> None:
        lexicon = dict(base.lexicon)
        self.original = base.lexicon
        for word, adjustment in adjustments.words.items():
            if adjustment.valence == 0:
                lexicon.pop(word, None)
            else:
                lexicon[word] = adjustment.valence
        boosters = dict(base.boosters)
        increment = _booster_increment()
        for word in adjustments.boosters:
            lexicon.pop(word, None)
            boosters[word] = increment
        self._set_rules(
            lexicon,
            negations=base.negations,
            boosters=boosters,
            idioms=base.idioms,
            caps_increment=base.caps_increment,
            dampener=base.dampener,
            negation_scalar=base.negation_scalar,
        )
        self.punctuation_marks = base.punctuation_marks
        self.adjustments = adjustments
        self.masker = masker
        self._any_accusation = _any(adjustments.accusations)
        self._any_topic = _any(adjustments.topics)

    def prepare(self, text: str) -> str:
        """Mask the names (same length, same word positions)."""
        return self.masker.mask(text).text

    def _token_spans(self, prepared: str) -> list[tuple[int, int]]:
        """Character spans of the scored tokens (nltk's: whitespace tokens longer than one character)."""
        return [m.span() for m in _NOT_SPACE.finditer(prepared) if m.end() - m.start() > 1]

    def _after(
        self, prepared: str, patterns: tuple[Accusation, ...], any_pattern, ends: re.Pattern = _CLAUSE_END
    ) -> dict[int, str]:
        """Token position -> pattern id, for the tokens after a match of a pattern, to the end of its clause."""
        if any_pattern is None or any_pattern.search(prepared) is None:
            return {}
        spans = self._token_spans(prepared)
        inside: dict[int, str] = {}
        for pattern in patterns:
            for match in pattern.regex.finditer(prepared):
                end = ends.search(prepared, match.end())
                stop = end.start() if end else len(prepared)
                for position, (start, _) in enumerate(spans):
                    if match.end() <= start < stop:
                        inside.setdefault(position, pattern.id)
        return inside

    def _accused(self, prepared: str) -> dict[int, str]:
        """Token position -> accusation id, for the tokens after a reported accusation in its clause."""
        return self._after(prepared, self.adjustments.accusations, self._any_accusation)

    def _text_rules(
        self,
        prepared: str,
        words: list[str],
        lowers: list[str],
        valences: list[float],
        notes: dict[int, list[str]] | None,
    ) -> list[float]:
        """Reversers turn the positive words of the next three words negative; accusations zero the
        positive words after them, and reported topics every word after them."""
        result = list(valences)
        reversers = self.adjustments.reversers
        for i, value in enumerate(result):
            if value <= 0:
                continue
            by = next((lowers[j] for j in range(i - 1, max(i - 4, -1), -1) if lowers[j] in reversers), None)
            if by is not None:
                result[i] = value * self.negation_scalar
                if notes is not None:
                    notes.setdefault(i, []).append(f"reversed by '{by}' x{self.negation_scalar:g} (diplomatic.yml)")
        for i, accusation in self._accused(prepared).items():
            if result[i] > 0:
                result[i] = 0.0
                if notes is not None:
                    notes.setdefault(i, []).append(f"after an accusation ({accusation}): not praise =0")
        for i, topic in self._after(prepared, self.adjustments.topics, self._any_topic, _TOPIC_END).items():
            if result[i] != 0:
                result[i] = 0.0
                if notes is not None:
                    notes.setdefault(i, []).append(f"a topic reported ({topic}): not tone =0")
        return result

    def _origins(self, text: str) -> dict[int, str]:
        """The adjusted words' previous valence, as the first rule of each."""
        origins = {}
        for position, word in enumerate(self.tokens(text)):
            adjustment = self.adjustments.words.get(word.lower())
            if adjustment is not None and adjustment.valence != 0:
                before = self.original.get(word.lower())
                was = f"VADER {before:+g}" if before is not None else "not in VADER"
                origins[position] = f"diplomatic.yml: {adjustment.valence:+g} ({was})"
        return origins

    def trace(self, text: str) -> VaderTrace:
        """Return the score with every word's contribution, the masked names and the neutralised words.

        Examples
        --------
        >>> trace = diplomatic_engine().trace("The Security Council welcomed the agreement.")
        >>> [(s.text, s.source) for s in trace.masked]
        [('Security Council', 'title: organisations')]
        >>> [(w.token, w.contribution) for w in trace.words], trace.notes
        ([('welcomed', 1.4)], ("'agreement' not scored: was VADER +2.2 (diplomatic.yml)",))
        """
        trace = super().trace(text)
        masked = self.masker.mask(text)
        notes = []
        for word in dict.fromkeys(w.lower() for w in self._split(masked.text)):
            before = self.original.get(word)
            adjustment = self.adjustments.words.get(word)
            if before and ((adjustment is not None and adjustment.valence == 0) or word in self.adjustments.boosters):
                what = "a booster" if word in self.adjustments.boosters else "not scored"
                notes.append(f"'{word}' {what}: was VADER {before:+g} (diplomatic.yml)")
        return replace(trace, masked=masked.spans, notes=tuple(notes))


@cache
def _cached_engine(actors: str, titles: str, diplomatic: str, stamps: tuple[float, ...]) -> DiplomaticEngine:
    adjustments = load_adjustments(diplomatic)
    masker = name_masker("-", actors=load_actors(actors), titles=load_titles(titles))
    return DiplomaticEngine(vader_engine(), adjustments, masker)


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def diplomatic_engine(source: Any = None) -> DiplomaticEngine:
    """Return the diplomatic engine of a corpus's files (cached until one of them changes).

    Parameters
    ----------
    source
        A corpus folder or document (its ``actors.yml``, ``titles.yml`` and ``diplomatic.yml``,
        see :mod:`analysis.corpus.config`), or None or ``"-"`` for the package's own files.
        Loaded resources go to :meth:`DiplomaticMethod.with_resources` instead.

    Examples
    --------
    >>> diplomatic_engine().rule_set
    'diplomatic'
    """
    source = "-" if source is None else source
    files = tuple(config_file(kind, source) for kind in ("actors", "titles", "diplomatic"))
    return _cached_engine(*(str(f) for f in files), tuple(_stamp(f) for f in files))


#: Engines of loaded resources, by the identity of the resources (a few studies per process).
_RESOURCE_ENGINES: dict[tuple[int, int, int], tuple[tuple[Any, ...], DiplomaticEngine]] = {}
_RESOURCE_ENGINES_KEPT = 8


def resource_engine(resources: SentimentResources) -> DiplomaticEngine:
    """Return the diplomatic engine of loaded resources: a study's actors, titles and adjustments.

    The engine is built once per set of resource objects (a study loads them once) and kept
    for the few studies a process works with.

    Examples
    --------
    >>> from analysis.sentiment.registry import package_resources
    >>> resource_engine(package_resources()) is resource_engine(package_resources())
    True
    """
    parts = (resources.actors, resources.titles, resources.adjustments)
    key = tuple(id(p) for p in parts)
    kept = _RESOURCE_ENGINES.get(key)
    if kept is None or any(a is not b for a, b in zip(kept[0], parts, strict=True)):
        masker = name_masker("-", actors=parts[0], titles=parts[1])
        kept = (parts, DiplomaticEngine(vader_engine(), parts[2], masker))
        if len(_RESOURCE_ENGINES) >= _RESOURCE_ENGINES_KEPT:
            _RESOURCE_ENGINES.pop(next(iter(_RESOURCE_ENGINES)))
        _RESOURCE_ENGINES[key] = kept  # type: ignore[index]
    return kept[1]


class DiplomaticMethod:
    """The ``"diplomatic"`` sentiment method: a scorer with explanations, reading a study's resources.

    Parameters
    ----------
    resources
        A study's actor registry, titles and adjustments
        (:class:`~analysis.sentiment.methods.SentimentResources`); None: the package's own.

    Examples
    --------
    >>> method = DiplomaticMethod()
    >>> method.name, method.score(["Lavrov praised the Treaty of Friendship and Cooperation."])
    ('diplomatic', [(0.0, 0.686, 0.314, 0.4939)])
    """

    name = "diplomatic"

    def __init__(self, resources: SentimentResources | None = None) -> None:
        self.resources = resources

    def engine(self) -> DiplomaticEngine:
        """The engine of the resources (built once per set of resources)."""
        return diplomatic_engine() if self.resources is None else resource_engine(self.resources)

    def score(self, texts: Sequence[str]) -> list[Scores]:
        engine = self.engine()
        return [engine.scores(text) for text in texts]

    __call__ = score

    def trace(self, text: str) -> VaderTrace:
        """Explain one text (see :meth:`DiplomaticEngine.trace`)."""
        return self.engine().trace(text)

    def with_resources(self, resources: SentimentResources) -> DiplomaticMethod:
        """The same method reading a study's actor registry, titles and adjustments."""
        return DiplomaticMethod(resources)

    def __deepcopy__(self, memo: dict) -> DiplomaticMethod:
        return self  # immutable; pandas copies the attrs of a scored table

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DiplomaticMethod) and other.resources is self.resources

    def __hash__(self) -> int:
        return hash(("diplomatic", id(self.resources)))

    def __repr__(self) -> str:
        return "DiplomaticMethod()" if self.resources is None else "DiplomaticMethod(<study resources>)"
