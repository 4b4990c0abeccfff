"""Descriptions by role: "the senior diplomat", "the Russian leader", "the deputy minister".

A speaker phrase that is only a definite description of an office -- a determiner or a side's
possessive ("the", "Iran's"), modifiers that leave the office as it is ("senior", "veteran",
``role_modifiers``), perhaps a side ("Russian", "Iranian") and a noun of ``role_nouns`` in
``quote_rules.yml`` ("diplomat", "top diplomat", "leader", "deputy minister") -- refers to an
actor whose ``role`` in the registry is one of the noun's offices:

1. the actor of such an office (and of that side) named last before the phrase in the
   document ("Sergei Ryabkov met ... The senior diplomat said" is Ryabkov);
2. else the only actor of the registry who held such an office on the document's date
   (``from``/``until`` of ``actors.yml``; "Iran's top diplomat" in March 2025 is Araghchi);
3. else, when the phrase names a side, that side without an actor.

An institution's possessive narrows the office to its members ("the Russian Foreign Ministry's
official representative" is the ministry's spokesperson). An indefinite phrase ("a senior
diplomat") introduces someone new and is never resolved; a
modifier that is neither a role modifier nor a side ("the British diplomat") stops it too.

Examples
--------
>>> from analysis.corpus.registry import load_actors
>>> from analysis.attribution.rules import load_quote_rules
>>> roles = RoleDescriptions(load_actors(), load_quote_rules())
>>> roles.parse("the senior Russian diplomat")
('russia', ('ambassador', 'deputy minister', 'envoy', 'minister', 'permanent representative', 'spokesperson'))
>>> roles.parse("a senior diplomat") is None
True
>>> [a.id for a in roles.holders(("minister",), "iran")]
['araghchi']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..corpus.registry import Actor, ActorRegistry
from .mentions import demonyms, side_of_word
from .rules import QuoteRules

__all__ = ["RoleDescriptions"]

_DEFINITE = frozenset({"the", "this", "that"})


class RoleDescriptions:
    """The role descriptions of one registry under one set of rules (see the module docstring)."""

    def __init__(self, registry: ActorRegistry, rules: QuoteRules) -> None:
        self.registry, self.rules = registry, rules
        self._sides = demonyms(registry)
        self._longest = max((len(noun.split()) for noun in rules.role_nouns), default=0)

    def parse(self, phrase: str) -> tuple[str, tuple[str, ...]] | None:
        """``(side, offices)`` of a definite role description (side ``""`` when none is named), or None."""
        words = phrase.lower().replace("\u2019", "'").split()
        if len(words) < 2 or not self._longest:
            return None
        offices: tuple[str, ...] | None = None
        for size in range(min(self._longest, len(words) - 1), 0, -1):
            offices = self.rules.role_nouns.get(" ".join(words[-size:]))
            if offices is not None:
                words = words[:-size]
                break
        if offices is None:
            return None
        side = ""
        first = words[0]
        if first not in _DEFINITE:
            side = self._side(first) if first.endswith("'s") else ""
            if not side:
                return None  # "a senior diplomat", "several diplomats": someone new
        for word in words[1:]:
            if word in self.rules.role_modifiers:
                continue
            named = self._side(word)
            if not named or (side and named != side):
                return None  # "the British diplomat"
            side = named
        return side, offices

    def _side(self, word: str) -> str:
        return side_of_word(word, self._sides) or ""

    def holders(
        self, offices: Iterable[str], side: str, *, on: dt.date | None = None, institution: str = ""
    ) -> list[Actor]:
        """The actors of the registry holding one of ``offices`` (of ``side`` and members of
        ``institution`` when given) on a date."""
        wanted = tuple(offices)
        members = set(self.registry.members(institution)) if institution else None
        return [
            actor
            for actor in self.registry
            if _holds(actor.role, wanted)
            and (not side or actor.side == side)
            and (members is None or actor.id in members)
            and actor.in_office(on)
        ]


def _holds(role: str, offices: tuple[str, ...]) -> bool:
    """Whether an office of the registry ("ambassador to Russia") is one of ``offices`` ("ambassador")."""
    role = role.lower()
    return bool(role) and any(role == office or role.startswith(office + " ") for office in offices)
