"""The rules of quote attribution, read from YAML and compiled once.

The rules are data (``analysis/data/quote_rules.yml``; see that file for the format): reporting
verbs with their forms and frames, "according to" forms, words allowed in a speaker's noun
phrase, group nouns, pronouns, negative contexts of cues ("said to be", "so-called") and
abbreviations.
This module turns them into the sets and regular expressions :mod:`analysis.attribution.extract` uses.

Every pattern is built so that it cannot backtrack catastrophically: word lists become a
character trie (:func:`phrase_pattern`), never nested quantifiers.

Examples
--------
>>> rules = load_quote_rules()
>>> rules.cue("Said").lemma, rules.cue("said").frame
('say', 'clause')
>>> rules.cue("according  to").frame
'according'
>>> phrase_pattern(["said", "says", "say"])
'(?:sa(?:id|ys?))'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import read_yaml
from ..errors import FileError
from ..paths import package_data

__all__ = ["FRAMES", "QuoteRulesError", "Cue", "NotCue", "QuoteRules", "phrase_pattern", "load_quote_rules"]

#: Frames of a cue: what follows it (see the rules file).
FRAMES = ("clause", "object", "according", "possessive")

_SPACES = re.compile(r"\s+")
_CONTEXT = 80  # characters a negative context may reach before or after its cue


class QuoteRulesError(FileError):
    """A quote-rules file is missing or invalid; the message names the file first."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One form of a reporting expression ("said", "according to", "quoted as saying")."""

    form: str
    lemma: str
    frame: str
    object_first: bool = False
    passive_subject: bool = False
    refers_back: bool = False
    document_subject: bool = False
    naming: bool = False

    @property
    def participle(self) -> bool:
        """True for "-ing" forms, which can continue the speaker of their sentence."""
        return self.form.split()[0].endswith("ing") and self.frame != "according"


@lru_cache(maxsize=1 << 14)
def _key(phrase: str) -> str:
    """The form phrases are compared in (single spaces, case-folded); cached: the same cue
    forms come back in every document."""
    return _SPACES.sub(" ", phrase.strip()).casefold()


def phrase_pattern(phrases: Iterable[str]) -> str:
    """Return a regular expression matching any of ``phrases``, longest first, as a trie.

    Spaces in a phrase match any run of whitespace. The expression has no nested quantifier
    that can backtrack more than the length of one phrase, so matching stays linear.
    Callers add the word boundaries and flags they need.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in _key(phrase):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + build(child) for char, child in node.items() if char]
        branches.sort()
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return f"(?:{build(trie)})" if trie else "(?!)"


def _words(source: str, data: dict[str, Any], name: str) -> frozenset[str]:
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise QuoteRulesError(source, f"'{name}' must be a list of non-empty strings")
    return frozenset(_key(v) for v in value)


@dataclass(frozen=True, slots=True)
class NotCue:
    """A negative context of some cue forms: what must come before and after them."""

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


@dataclass(frozen=True, eq=False)
class QuoteRules:
    """Compiled quote-attribution rules; build them with :func:`load_quote_rules`."""

    source: str
    cues: dict[str, Cue]
    cue_regex: re.Pattern[str]
    cue_regex_lower: re.Pattern[str]
    not_cues: dict[str, tuple[NotCue, ...]]
    adjunct_regex: re.Pattern[str]
    skip_before_cue: frozenset[str]
    determiners: frozenset[str]
    modifiers: frozenset[str]
    np_stop: frozenset[str]
    speaker_nouns: dict[str, str]
    group_regex: re.Pattern[str]
    group_kinds: dict[str, str]
    pronouns: dict[str, frozenset[str]]
    links: frozenset[str]
    link_regex: re.Pattern[str]
    abbreviations: frozenset[str]
    trailing_openers: frozenset[str] = frozenset()
    clause_markers: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    demonstrative_regex: re.Pattern[str] = re.compile("(?!)")
    possessive_regex: re.Pattern[str] = re.compile("(?!)")
    possessive_nouns: frozenset[str] = frozenset()
    host_nouns: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    addressee_regex: re.Pattern[str] = re.compile("(?!)")
    quote_joiners: frozenset[str] = frozenset()
    verb_phrase_links: frozenset[str] = frozenset()
    circumstance_openers: frozenset[str] = frozenset()
    role_nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    role_modifiers: frozenset[str] = frozenset()

    def cue(self, form: str) -> Cue | None:
        """Return the cue a written form stands for (any case and spacing), or None."""
        return self.cues.get(_key(form))

    def negated(self, text: str, start: int, end: int) -> bool:
        """True when the cue form at ``text[start:end]`` sits in one of its negative contexts.

        Examples
        --------
        >>> rules = load_quote_rules()
        >>> text = "The deal is said to be ready, Lavrov said."
        >>> rules.negated(text, 12, 16), rules.negated(text, 37, 41)
        (True, False)
        """
        for rule in self.not_cues.get(_key(text[start:end]), ()):
            # both contexts must hold: the anchored match after the cue is the cheaper test
            if rule.after is not None and rule.after.match(text, end, end + _CONTEXT) is None:
                continue
            if rule.before is not None and rule.before.search(text, max(0, start - _CONTEXT), start) is None:
                continue
            return True
        return False


def _cues(source: str, data: dict[str, Any]) -> dict[str, Cue]:
    raw = data.get("cues")
    if not isinstance(raw, dict) or not raw:
        raise QuoteRulesError(source, "'cues' must be a mapping of lemma to {frame, forms}")
    cues: dict[str, Cue] = {}
    for lemma, spec in raw.items():
        if not isinstance(spec, dict):
            raise QuoteRulesError(source, f"cue {lemma!r} must be a mapping with frame and forms")
        frame = spec.get("frame")
        if frame not in ("clause", "object"):
            raise QuoteRulesError(source, f"cue {lemma!r}: frame {frame!r} is not clause or object")
        passive = spec.get("passive")
        if passive not in (None, "subject"):
            raise QuoteRulesError(source, f"cue {lemma!r}: passive must be 'subject' when given")
        if spec.get("subject") not in (None, "document"):
            raise QuoteRulesError(source, f"cue {lemma!r}: subject must be 'document' when given")
        for form in _words(source, spec, "forms") or ():
            cues[form] = Cue(
                form,
                str(lemma),
                frame,
                bool(spec.get("object_first")),
                passive == "subject",
                bool(spec.get("refers_back")),
                spec.get("subject") == "document",
                bool(spec.get("naming")),
            )
        if not spec.get("forms"):
            raise QuoteRulesError(source, f"cue {lemma!r} has no forms")
    for form in _words(source, data, "according_to"):
        cues[form] = Cue(form, "according to", "according")
    return cues


def _role_nouns(source: str, data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    raw = data.get("role_nouns") or {}
    if not isinstance(raw, dict):
        raise QuoteRulesError(source, "'role_nouns' must map a noun to a list of offices")
    return {_key(noun): tuple(sorted(_words(source, raw, noun))) for noun in raw}


def _regex(source: str, where: str, pattern: Any, suffix: str = "") -> re.Pattern[str] | None:
    if pattern is None:
        return None
    if not isinstance(pattern, str):
        raise QuoteRulesError(source, f"{where} must be a string")
    try:
        return re.compile(f"(?:{pattern}){suffix}", re.IGNORECASE)
    except re.error as exc:
        raise QuoteRulesError(source, f"{where} is not a valid regular expression ({exc})") from None


def _not_cues(source: str, entries: Any) -> dict[str, tuple[NotCue, ...]]:
    if not isinstance(entries, list):
        raise QuoteRulesError(source, "'not_cues' must be a list of {forms, before, after}")
    by_form: dict[str, list[NotCue]] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"not_cues #{number}"
        if not isinstance(entry, dict) or not (entry.get("before") or entry.get("after")):
            raise QuoteRulesError(source, f"{where} must be a mapping with forms and before and/or after")
        rule = NotCue(
            _regex(source, f"{where}: before", entry.get("before"), "$"),
            _regex(source, f"{where}: after", entry.get("after")),
        )
        for form in _words(source, entry, "forms"):
            by_form.setdefault(form, []).append(rule)
    return {form: tuple(rules) for form, rules in by_form.items()}


def _build(data: Any, source: str) -> QuoteRules:
    if not isinstance(data, dict):
        raise QuoteRulesError(source, "expected a mapping with 'cues' and the other rule lists")
    cues = _cues(source, data)
    cue_pattern = rf"(?<![\w'-]){phrase_pattern(cues)}(?![\w'-])"
    cue_regex = re.compile(cue_pattern, re.IGNORECASE)
    adjuncts = data.get("adjuncts") or []
    try:
        adjunct_regex = re.compile(
            r"\s+(?:" + "|".join(f"(?:{a})" for a in adjuncts) + r")(?![\w'-])" if adjuncts else "(?!)",
            re.IGNORECASE,
        )
    except re.error as exc:
        raise QuoteRulesError(source, f"'adjuncts' holds an invalid regex ({exc})") from None
    nouns_raw = data.get("speaker_nouns") or {}
    if not isinstance(nouns_raw, dict):
        raise QuoteRulesError(source, "'speaker_nouns' must map a kind to a list of nouns")
    speaker_nouns = {word: kind for kind in nouns_raw for word in _words(source, nouns_raw, kind)}
    groups_raw = data.get("group_nouns") or {}
    if not isinstance(groups_raw, dict):
        raise QuoteRulesError(source, "'group_nouns' must map a kind to a list of nouns")
    group_kinds = {noun: kind for kind in groups_raw for noun in _words(source, groups_raw, kind)}
    determiners = _words(source, data, "group_determiners")
    group_regex = re.compile(
        rf"(?<![\w'-]){phrase_pattern(determiners)}\s+(?P<noun>{phrase_pattern(group_kinds)})(?![\w'-])",
        re.IGNORECASE,
    )
    pronouns_raw = data.get("pronouns") or {}
    if not isinstance(pronouns_raw, dict):
        raise QuoteRulesError(source, "'pronouns' must map a pronoun to what it refers to")
    pronouns = {_key(p): _words(source, pronouns_raw, p) for p in pronouns_raw}
    links = _words(source, data, "speaker_links")
    demonstratives = _words(source, data, "demonstratives")
    return QuoteRules(
        source=source,
        cues=cues,
        cue_regex=cue_regex,
        cue_regex_lower=re.compile(cue_pattern),  # for lower-cased text: twice as fast
        not_cues=_not_cues(source, data.get("not_cues") or []),
        adjunct_regex=adjunct_regex,
        skip_before_cue=_words(source, data, "skip_before_cue"),
        determiners=_words(source, data, "determiners"),
        modifiers=_words(source, data, "modifiers"),
        np_stop=_words(source, data, "np_stop"),
        speaker_nouns=speaker_nouns,
        group_regex=group_regex,
        group_kinds=group_kinds,
        pronouns=pronouns,
        links=links,
        link_regex=re.compile(rf"\s+{phrase_pattern(links)}\s+", re.IGNORECASE),
        abbreviations=_words(source, data, "abbreviations"),
        trailing_openers=_words(source, data, "trailing_openers"),
        clause_markers=_words(source, data, "clause_markers"),
        demonstratives=demonstratives,
        host_nouns=_words(source, data, "host_nouns"),
        name_particles=_words(source, data, "name_particles"),
        titles=_words(source, data, "titles"),
        addressee_regex=re.compile(rf"{phrase_pattern(_words(source, data, 'addressees'))}(?![\w'-])", re.IGNORECASE),
        possessive_nouns=_words(source, data, "possessive_cues"),
        quote_joiners=_words(source, data, "quote_joiners"),
        verb_phrase_links=_words(source, data, "verb_phrase_links"),
        circumstance_openers=_words(source, data, "circumstance_openers"),
        role_nouns=_role_nouns(source, data),
        role_modifiers=_words(source, data, "role_modifiers"),
        possessive_regex=re.compile(
            rf"(?:(?<![\w'-])(?P<pronoun>his|her|their|its)\s+|'s\s+|(?<=s)'\s+)(?:own\s+)?"
            rf"{phrase_pattern(_words(source, data, 'possessive_cues'))}(?![\w'-])",
            re.IGNORECASE,
        ),
        demonstrative_regex=re.compile(rf"\s*{phrase_pattern(demonstratives)}(?![\w'-])", re.IGNORECASE),
    )


def _read(file: Path) -> QuoteRules:
    data = read_yaml(file, QuoteRulesError)
    try:
        return _build(data, str(file))
    except QuoteRulesError as exc:
        line = _line_of(file.read_text(encoding="utf-8"), exc.problem)
        if line is None:
            raise
        raise QuoteRulesError(file, f"{exc.problem} (line {line})") from None


def _line_of(text: str, problem: str) -> int | None:
    """The line of the key a problem names ("'trailing_openers' must be ...", "cue 'say': ...")."""
    named = re.search(r"'([^']+)'", problem)
    if named is None:
        return None
    key = re.search(rf"^\s*{re.escape(named.group(1))}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, key.start()) + 1 if key is not None else None


@cache
def _default_rules() -> QuoteRules:
    return _read(package_data("quote_rules.yml"))


def load_quote_rules(path: str | Path | None = None) -> QuoteRules:
    """Load and compile quote-attribution rules.

    Parameters
    ----------
    path
        A rules file in the format of ``analysis/data/quote_rules.yml``; None for that file
        (compiled once per process).

    Raises
    ------
    QuoteRulesError
        Naming the file and the problem (missing, not YAML, a list that is not a list of
        strings, an invalid regular expression).

    Examples
    --------
    >>> load_quote_rules().cue("called for").frame
    'object'
    """
    return _default_rules() if path is None else _read(Path(path))
