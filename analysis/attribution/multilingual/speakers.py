"""Speakers in a language driven by data: their phrases next to a cue, and the actors they name.

A speaker phrase is built from the registry's names found in the text in any case
(:class:`analysis.languages.names.NameMatcher`), the language's pronouns, and its
``speaker_words`` (titles and nationality adjectives before a name: "Президенты Путин и
Пезешкиан", "Иранский министр"); after a cue, a run of capitalised words is a speaker too
("по словам Оверчука", "сообщает ТАСС"), unknown to the registry. Before a cue only a name of
the registry, a description or a pronoun in the nominative is a subject: every sentence starts
with a capital, so a capitalised word there proves nothing.

Resolution follows the English rules (:mod:`analysis.attribution.extract`): ``explicit`` for a
name of one actor (or a group of them joined by a conjunction), ``description`` for a shared
description resolved to the last actor it fits mentioned before, ``alias`` for a side's name,
``anaphora`` for a pronoun, ``none`` otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ...languages.names import NameMatch
from .rules import LanguageQuoteRules

__all__ = ["SpeakerFinder", "Resolved"]

_WORD = re.compile(r"[^\W_]+(?:[-.\u200c][^\W_]+)*\.?")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A speaker span and what it resolves to."""

    start: int
    end: int
    actor: str
    side: str
    resolution: str


class SpeakerFinder:
    """Speaker phrases and their resolution in one document (see the module docstring)."""

    def __init__(self, work: str, mentions: list[NameMatch], rules: LanguageQuoteRules, registry) -> None:
        self.work, self.rules, self.registry = work, rules, registry
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.by_start = {m.start: m for m in mentions}
        self.by_end = {m.end: m for m in mentions}

    # phrases ------------------------------------------------------------------------------
    def _word_at(self, position: int, end: int) -> re.Match[str] | None:
        while position < end and self.work[position] in " \t\u00a0":
            position += 1
        return _WORD.match(self.work, position, end)

    def after(
        self, position: int, end: int, *, unknown: bool = True, case: str | None = None
    ) -> tuple[int, int] | None:
        """The speaker phrase starting at ``position`` (after spaces), or None.

        ``unknown``: a run of capitalised words the registry does not know may be the speaker;
        ``case``: a name of the registry must be in this case ("nomn" after an inverted cue).
        """
        first, last, named = None, position, False
        while True:
            word = self._word_at(last, end)
            if word is None:
                break
            text = word.group().rstrip(".")
            mention = self.by_start.get(word.start())
            if mention is not None and (case is None or case in mention.cases or named):
                first, last, named = first if first is not None else word.start(), mention.end, True
                continue
            if mention is not None:  # a name in another case is no speaker ("сообщил Ушакову")
                break
            lower = text.casefold()
            if lower in self.rules.speaker_words and not named:
                first, last = first if first is not None else word.start(), word.start() + len(text)
                continue
            if named and lower in self.rules.conjunctions and self.by_start.get(self._next_start(word.end(), end)):
                last = word.end()
                continue
            if (unknown or named) and text[:1].isupper() and not named:
                first, last, named = first if first is not None else word.start(), word.start() + len(text), True
                continue
            if not named and lower in self.rules.pronouns:
                return word.start(), word.start() + len(text)
            break
        return (first, last) if named and first is not None else None

    def _next_start(self, position: int, end: int) -> int:
        word = self._word_at(position, end)
        return word.start() if word is not None else -1

    def before(self, lo: int, cue_start: int) -> tuple[int, int] | None:
        """The subject before a cue: the last nominative name, description or pronoun, extended
        left over titles, adjectives and names joined by a conjunction."""
        candidate: tuple[int, int] | None = None
        for word in _WORD.finditer(self.work, lo, cue_start):
            mention = self.by_start.get(word.start())
            text = word.group().rstrip(".")
            if mention is not None and mention.end <= cue_start and "nomn" in mention.cases:
                if not self._after_preposition(lo, mention.start):
                    candidate = (mention.start, mention.end)
            elif text.casefold() in self.rules.pronouns and not self._after_preposition(lo, word.start()):
                candidate = (word.start(), word.start() + len(text))
        if candidate is None or re.search(r"[«»„“\"]|(?<![\w-])что(?![\w-])", self.work[candidate[1] : cue_start]):
            return None
        return self._extend_left(lo, *candidate)

    def _after_preposition(self, lo: int, position: int) -> bool:
        previous = list(_WORD.finditer(self.work, max(lo, position - 12), position))
        return bool(previous) and previous[-1].group().casefold() in self.rules.prepositions

    def _extend_left(self, lo: int, start: int, end: int) -> tuple[int, int]:
        while True:
            words = list(_WORD.finditer(self.work, max(lo, start - 60), start))
            if not words or self.work[words[-1].end() : start].strip():
                return start, end
            word = words[-1]
            mention = self.by_end.get(word.end())
            lower = word.group().casefold()
            if mention is not None:
                start = mention.start
            elif lower in self.rules.speaker_words:
                start = word.start()
            elif lower in self.rules.conjunctions and len(words) > 1 and words[-2].end() in self.by_end:
                start = self.by_end[words[-2].end()].start
            else:
                return start, end

    # resolution ---------------------------------------------------------------------------
    def resolve(self, start: int, end: int) -> Resolved:
        """What a speaker span names (see the module docstring)."""
        inside = [m for m in self.mentions[bisect_left(self.starts, start) :] if m.end <= end and m.start < end]
        actors = list(dict.fromkeys(m.target for m in inside if m.what == "actor"))
        if actors:
            actor = "+".join(actors)
            return Resolved(
                start, end, actor, self.registry.side_of(actor), "explicit" if len(actors) == 1 else "group"
            )
        descriptions = [m for m in inside if m.what == "description"]
        if descriptions:
            return self._description(start, end, descriptions[-1])
        sides = [m.target for m in inside if m.what == "side"]
        if sides:
            return Resolved(start, end, "", sides[-1], "alias")
        pronoun = self.rules.pronouns.get(self.work[start:end].casefold())
        if pronoun is not None:
            return self._pronoun(start, end, pronoun)
        return Resolved(start, end, "", "", "none")

    def _previous_actors(self, position: int) -> list[str]:
        """Actors mentioned before ``position``, nearest first."""
        k = bisect_left(self.starts, position)
        return [m.target for m in reversed(self.mentions[:k]) if m.what == "actor" and "+" not in m.target]

    def _description(self, start: int, end: int, mention: NameMatch) -> Resolved:
        targets = mention.target.split("+")
        for actor in self._previous_actors(start):
            if actor in targets:
                return Resolved(start, end, actor, self.registry.side_of(actor), "description")
        if len(targets) == 1:
            return Resolved(start, end, targets[0], self.registry.side_of(targets[0]), "description")
        return Resolved(start, end, "", "", "none")

    def _pronoun(self, start: int, end: int, kind: str) -> Resolved:
        for actor_id in self._previous_actors(start):
            actor = self.registry.actors.get(actor_id)
            if actor is None:
                continue
            if (
                kind == "any"
                or (kind == "group" and actor.kind != "person")
                or (kind == "person" and actor.kind == "person")
                or actor.gender == kind
            ):
                return Resolved(start, end, actor_id, actor.side, "anaphora")
        return Resolved(start, end, "", "", "none")
