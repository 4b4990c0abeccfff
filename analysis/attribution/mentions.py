"""Mentions: the names of the registry found in a document, resolved to what they refer to.

:func:`find_mentions` finds every name of the registry (aliases, descriptions, side aliases,
with an optional leading "the"), resolves descriptions ("the ministry") to the candidate actor
mentioned last, and :func:`annotate_mentions` marks subjects and quoted mentions and records
coordinations ("Presidents Pezeshkian and Putin", "Iran and Russia") as group mentions.

Examples
--------
>>> from analysis.corpus.registry import load_actors
>>> text = "Presidents Pezeshkian and Putin met. Both leaders agreed."
>>> mentions = annotate_mentions(find_mentions(text, load_actors()), text, load_actors())
>>> [(text[m.start:m.end], m.referent.actor) for m in mentions]
[('Pezeshkian', 'pezeshkian'), ('Putin', 'putin'), ('Pezeshkian and Putin', 'pezeshkian+putin')]
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..corpus.registry import ActorRegistry, normalise_name
from .rules import QuoteRules, load_quote_rules, phrase_pattern

__all__ = [
    "Referent",
    "Mention",
    "Speaker",
    "MentionIndex",
    "mention_regex",
    "find_mentions",
    "annotate_mentions",
    "actor_referent",
    "group_referent",
    "side_of_word",
    "demonyms",
]

_COORDINATION = re.compile(r"\s*(?:,\s*and\s+|,\s*|and\s+|&\s*)")
_SUBJECT_PREFIX = re.compile(r"(?:[^,;:\"]{0,120},\s*)?(?:(?:[A-Z][\w'.-]*|the|both|and|a|an)\s+){0,4}")


@dataclass(frozen=True, slots=True)
class Referent:
    """What a speaker refers to.

    ``kind`` is person, organisation, body, side, group, plural (unknown people), document
    ("the statement") or unknown; ``members`` is the kind shared by a group's members
    (person, organisation, side or mixed).
    """

    actor: str = ""
    side: str = ""
    kind: str = "unknown"
    gender: str = ""
    members: str = ""


@dataclass(slots=True)
class Mention:
    """A registry name found in the text, resolved (``what`` is actor, description, side or group)."""

    start: int
    end: int
    what: str
    referent: Referent
    possessive: bool = False
    subject: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the span of its noun phrase, its referent and how it was found."""

    start: int
    end: int
    referent: Referent
    resolution: str


_COMPILED: dict[int, tuple[weakref.ref, re.Pattern[str], re.Pattern[str], dict[str, Any]]] = {}


def _compiled(registry: ActorRegistry) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Any]]:
    """The name expressions of a registry (any case; lower-cased text) and a cache of targets."""
    key = id(registry)
    hit = _COMPILED.get(key)
    if hit is None or hit[0]() is not registry:
        names = [name for name, _, _ in registry.names()]
        pattern = rf"(?<![\w-])(?:the\s+)?{phrase_pattern(names)}(?![\w])"
        hit = _COMPILED[key] = (weakref.ref(registry), re.compile(pattern, re.IGNORECASE), re.compile(pattern), {})
    return hit[1], hit[2], hit[3]


def mention_regex(registry: ActorRegistry) -> re.Pattern[str]:
    """Return the compiled expression matching every name of a registry (cached per registry)."""
    return _compiled(registry)[0]


def actor_referent(registry: ActorRegistry, actor_id: str) -> Referent:
    actor = registry[actor_id]
    return Referent(actor.id, actor.side, actor.kind, actor.gender or "")


def group_referent(registry: ActorRegistry, members: Sequence[Referent]) -> Referent:
    actors = sorted({m.actor for m in members if m.actor})
    sides = sorted({s for m in members for s in m.side.split("+") if s})
    kinds = {"organisation" if m.kind == "body" else m.kind for m in members}
    return Referent("+".join(actors), "+".join(sides), "group", "", kinds.pop() if len(kinds) == 1 else "mixed")


def _description(
    registry: ActorRegistry, key: str, last_seen: dict[str, int], scope: tuple[str, str] = ("", "")
) -> Referent:
    side, word = scope
    candidates = [a for a in registry.described_by(key) if not side or a.side == side]
    if word:
        words = _alias_words(registry)
        candidates = [a for a in candidates if word in words[a.id]]
    seen = [a for a in candidates if a.id in last_seen]
    if seen:
        return actor_referent(registry, max(seen, key=lambda a: last_seen[a.id]).id)
    if len(candidates) == 1:
        return actor_referent(registry, candidates[0].id)
    sides = {a.side for a in candidates} or {side}
    kinds = {a.kind for a in candidates}
    return Referent("", sides.pop() if len(sides) == 1 else "", kinds.pop() if len(kinds) == 1 else "unknown")


_ALIAS_WORDS: dict[int, tuple[weakref.ref, dict[str, frozenset[str]]]] = {}


def _alias_words(registry: ActorRegistry) -> dict[str, frozenset[str]]:
    """The words of each actor's names ("chinese" for "Chinese Foreign Minister Wang Yi"), cached."""
    hit = _ALIAS_WORDS.get(id(registry))
    if hit is None or hit[0]() is not registry:
        words = {a.id: frozenset(w for n in (a.name, *a.aliases) for w in normalise_name(n).split()) for a in registry}
        hit = _ALIAS_WORDS[id(registry)] = (weakref.ref(registry), words)
    return hit[1]


_WORD_BEFORE = re.compile(r"([^\W_][\w'.-]*)\s+$")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def demonyms(registry: ActorRegistry) -> dict[str, str]:
    """One-word side aliases ("iran", "moscow"): their demonyms ("Iranian") start with them."""
    return {a.casefold(): side.id for side in registry.sides.values() for a in side.aliases if " " not in a}


def side_of_word(word: str, demonyms: dict[str, str]) -> str | None:
    """The side a modifier names: a side alias, its possessive or its demonym ("Russian"), or None."""
    low = word.casefold().removesuffix("'s").rstrip("'")
    if low in demonyms:
        return demonyms[low]
    for alias, side in demonyms.items():
        if low.startswith(alias) and len(low) - len(alias) <= 3:
            return side
    return None


def _description_scope(
    norm: str, start: int, end: int, previous: Mention | None, rules: QuoteRules, demonyms: dict[str, str]
) -> tuple[str, str] | None:
    """Whether a description match is a whole noun phrase: None when it is not, else the
    ``(side, word)`` its candidates are restricted to (``""`` for no restriction).

    "the minister" and "minister" after a determiner or a verb are whole phrases; "the
    Security Council president", "deputy foreign minister" or "the president of the Council"
    are not. A side named just before restricts it to that side ("the Iranian ambassador",
    "Moscow's envoy", "the Islamic Republic's ambassador"); another capitalised word to the
    actors with that word in a name ("the Turkish foreign minister" is the minister whose
    alias says "Turkish"), and when none has it the match is no description.
    """
    if _OF_AFTER.match(norm, end):
        return None
    if norm[start : start + 4].lower() == "the ":
        return "", ""
    if previous is not None and not norm[previous.end : start].replace("'s", "").replace("'", "").strip():
        side = previous.referent.side if "+" not in previous.referent.side else ""
        if previous.what == "side" or previous.possessive:  # "Iran's envoy", "the agency's chief"
            return side, ""
        return None  # "Kremlin aide", "Security Council president"
    word = _WORD_BEFORE.search(norm, max(0, start - 40), start)
    if word is None:
        return "", ""
    token = word.group(1)
    low = token.lower()
    side = side_of_word(token, demonyms) if token[:1].isupper() or low.endswith("'s") else None
    if side is not None:
        return side, ""
    if low in rules.determiners or low in rules.np_stop:
        return "", ""
    if token[:1].isupper() and not low.endswith("'s"):
        return "", normalise_name(token)
    if low in rules.modifiers or low.endswith("'s") or low in rules.speaker_nouns:
        return None
    return "", ""


def find_mentions(
    norm: str, registry: ActorRegistry, *, lower: str | None = None, rules: QuoteRules | None = None
) -> list[Mention]:
    """Return the registry names in a normalised text, in text order, descriptions resolved.

    A description ("the ministry") is resolved to the candidate actor mentioned last before it,
    or to its only candidate; when several candidates were never mentioned, only a side they
    all share is kept. Descriptions match whole noun phrases only (see
    :func:`_description_scope`): "president" in "the Security Council president" is no
    mention. ``lower`` may give ``norm.lower()`` (same length) to search faster; ``rules``
    default to the package's quote rules.

    Examples
    --------
    >>> from analysis.corpus.registry import load_actors
    >>> text = "Putin spoke first. The Security Council president, then the president, replied."
    >>> [(text[m.start:m.end], m.referent.actor) for m in find_mentions(text, load_actors())]
    [('Putin', 'putin'), ('the president', 'putin')]
    """
    rules = rules if rules is not None else load_quote_rules()
    any_case, lower_case, names = _compiled(registry)
    side_words = demonyms(registry)
    mentions: list[Mention] = []
    last_seen: dict[str, int] = {}
    matches = lower_case.finditer(lower) if lower is not None else any_case.finditer(norm)
    for match in matches:
        start, end = match.span()
        raw = match.group()
        found = names.get(raw)
        if found is None:
            found = _name_target(registry, normalise_name(raw))
            if len(names) < 50_000:  # written variants of the names; bounded against odd input
                names[raw] = found
        what, target = found
        if what == "description":
            previous = (
                mentions[-1] if mentions and mentions[-1].end <= start and start - mentions[-1].end <= 3 else None
            )
            scope = _description_scope(norm, start, end, previous, rules, side_words)
            if scope is None:
                continue
            referent = _description(registry, target, last_seen, scope)
            if scope[1] and not referent.actor:
                continue  # "the Azerbaijani president": no actor of the registry is called so
        else:
            referent = target
        if referent.actor:
            last_seen[referent.actor] = start
        possessive = norm.startswith("'s", end) or (norm.startswith("'", end) and norm[end - 1] in "sS")
        mentions.append(Mention(start, end, what, referent, possessive))
    return mentions


def _name_target(registry: ActorRegistry, key: str) -> tuple[str, Any]:
    """What a normalised name stands for: ("actor", Referent), ("description", key), ("side", Referent)."""
    actor = registry.lookup(key)
    if actor is not None:
        return "actor", actor_referent(registry, actor.id)
    if registry.described_by(key):
        return "description", key
    return "side", Referent("", registry.side_alias(key) or "", "side")


def annotate_mentions(
    mentions: Sequence[Mention],
    norm: str,
    registry: ActorRegistry,
    *,
    sentence_starts: Sequence[int] = (),
    masked: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Mark subjects and quoted mentions, and add one ``group`` mention per coordination.

    Parameters
    ----------
    mentions
        From :func:`find_mentions` (changed in place).
    norm
        The normalised text.
    registry
        The actor registry.
    sentence_starts
        Sorted sentence start offsets; a mention first in its sentence (after at most a fronted
        phrase ending in a comma and a few capitalised words) is a subject, which pronoun
        resolution prefers.
    masked
        Sorted, disjoint spans of direct quotations: mentions inside are ``quoted`` and are
        not antecedents.

    Returns
    -------
    list of Mention
        The mentions, then the groups ("X and Y", "X, Y and Z" of distinct referents).
    """
    mask_starts = [a for a, _ in masked]
    for mention in mentions:
        k = bisect_right(mask_starts, mention.start) - 1
        mention.quoted = k >= 0 and masked[k][0] <= mention.start < masked[k][1]
        if sentence_starts and not mention.quoted:
            s = sentence_starts[max(0, bisect_right(sentence_starts, mention.start) - 1)]
            near = mention.start - s <= 200
            mention.subject = near and _SUBJECT_PREFIX.fullmatch(norm, s, mention.start) is not None
    return [*mentions, *_coordinations(norm, registry, list(mentions))]


def _coordinations(norm: str, registry: ActorRegistry, mentions: list[Mention]) -> list[Mention]:
    groups: list[Mention] = []
    run: list[Mention] = []
    joined = False  # a list needs "and": "Iran, Russia and China", not "Russia, Kazem Jalali"
    for mention in [*mentions, None]:
        if mention is not None and run and not mention.quoted and mention.start - run[-1].end <= 8:
            gap = _COORDINATION.fullmatch(norm, run[-1].end, mention.start)
            if gap is not None and not run[-1].possessive:
                run.append(mention)
                joined = joined or gap.group().strip() != ","
                continue
        members = {(m.referent.actor, m.referent.side) for m in run}
        if len(run) > 1 and len(members) > 1 and joined:
            groups.append(
                Mention(run[0].start, run[-1].end, "group", group_referent(registry, [m.referent for m in run]))
            )
            groups[-1].subject = run[0].subject
        run = [mention] if mention is not None and not mention.quoted else []
        joined = False
    return groups


class MentionIndex:
    """Lookups of a document's mentions by start and end offset."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        names = [m for m in mentions if m.what != "group"]
        self.by_end = {m.end: m for m in names}
        self.by_start = {m.start: m for m in names}
        self.starts = [m.start for m in names]
        self.names = names

    def inside(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.names) and self.names[i].start < end:
            if self.names[i].end <= end:
                found.append(self.names[i])
            i += 1
        return found
