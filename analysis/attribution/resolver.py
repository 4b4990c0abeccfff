"""Resolution: a speaker's noun phrase turned into an actor, a side and how it was found.

:class:`Resolver` resolves speaker spans in text order, so that pronouns, group nouns and
descriptions by role can refer back to earlier speakers and mentions. Resolution values (see
:mod:`analysis.attribution.extract` for the full table): ``explicit``, ``description``,
``alias``, ``group``, ``joint``, ``anaphora``, ``context``, ``none``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence

from ..corpus.registry import ActorRegistry, normalise_name
from .mentions import Mention, MentionIndex, Referent, Speaker, actor_referent, group_referent
from .phrases import lower
from .roles import RoleDescriptions
from .rules import QuoteRules

__all__ = ["RESOLUTIONS", "Resolver"]

#: Values of the ``resolution`` column, from the most to the least direct evidence.
RESOLUTIONS = ("explicit", "description", "alias", "group", "joint", "anaphora", "context", "none")

_HOST_BEFORE = re.compile(r"(?P<noun>[\w'-]+)\s+(?P<link>to|in)\s+(?:the\s+)?$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,\s*and\s+|,\s*|and\s+|&\s*)")
_LOOK_BACK = 200  # earlier speakers and mentions a pronoun or group noun may refer to
_ROLE_LOOK_BACK = 1000  # earlier mentions a description by role may refer to


class Resolver:
    """Resolve speaker spans of one document to referents, in text order.

    Parameters
    ----------
    norm
        The normalised text.
    registry, rules
        The actor registry and the quote rules.
    mentions
        The document's mentions (:func:`find_mentions`).
    """

    def __init__(
        self,
        norm: str,
        registry: ActorRegistry,
        rules: QuoteRules,
        mentions: Sequence[Mention],
        *,
        date: dt.date | None = None,
    ) -> None:
        self.norm, self.registry, self.rules, self.date = norm, registry, rules, date
        self.roles = RoleDescriptions(registry, rules)
        self.index = MentionIndex(mentions)
        history = sorted((m for m in mentions if not m.quoted), key=lambda m: (m.start, -m.end))
        self._mentions = history
        self._mention_starts = [m.start for m in history]
        self._speakers: list[tuple[int, Referent]] = []

    # antecedents ---------------------------------------------------------------------------
    def remember(self, position: int, referent: Referent) -> None:
        """Record a resolved speaker at ``position`` as an antecedent for later pronouns."""
        self._speakers.append((position, referent))

    def _compatible(self, referent: Referent, accept: frozenset[str]) -> bool:
        kind = referent.kind
        genders = accept & {"male", "female"}
        if genders and referent.gender and referent.gender not in genders:
            return False
        if kind in accept:
            return True
        return kind == "unknown" and bool(accept & {"person", "organisation"})

    def antecedent(self, position: int, accept: frozenset[str]) -> Referent | None:
        """Return the most recent compatible speaker or subject mention before ``position``.

        Speakers of earlier attributions and mentions in subject position are preferred;
        when none is compatible, any earlier compatible mention is taken.
        """
        best: tuple[int, Referent] | None = None
        for pos, referent in reversed(self._speakers[-_LOOK_BACK:]):
            if pos < position and self._compatible(referent, accept):
                best = (pos, referent)
                break
        i = bisect_left(self._mention_starts, position) - 1
        fallback: Referent | None = None
        steps = 0
        while i >= 0 and steps < _LOOK_BACK:
            mention = self._mentions[i]
            if self._compatible(mention.referent, accept):
                if mention.subject:
                    if best is None or mention.start > best[0]:
                        best = (mention.start, mention.referent)
                    break
                if fallback is None:
                    fallback = mention.referent
            i -= 1
            steps += 1
        if best is not None:
            return best[1]
        return fallback

    def _group_antecedent(self, position: int, members: str, count: int) -> Referent | None:
        for pos, referent in reversed(self._speakers[-_LOOK_BACK:]):
            if pos < position and referent.kind == "group" and members in ("any", referent.members):
                return referent
        i = bisect_left(self._mention_starts, position) - 1
        for _ in range(_LOOK_BACK):
            if i < 0:
                break
            mention = self._mentions[i]
            if mention.what == "group" and members in ("any", mention.referent.members):
                return mention.referent
            i -= 1
        # no coordination: the last `count` distinct actors of the right kind nearby
        found: dict[str, Referent] = {}
        i = bisect_left(self._mention_starts, position) - 1
        while i >= 0 and position - self._mentions[i].start < 600 and len(found) < count:
            referent = self._mentions[i].referent
            kind = "organisation" if referent.kind == "body" else referent.kind
            if referent.actor and "+" not in referent.actor and members in ("any", kind):
                found.setdefault(referent.actor, referent)
            i -= 1
        if len(found) == count:
            return group_referent(self.registry, list(found.values()))
        return None

    # resolution ------------------------------------------------------------------------------
    def resolve(self, start: int, end: int) -> Speaker:
        """Resolve the speaker noun phrase ``norm[start:end]`` and remember it as an antecedent."""
        speaker = self._resolve(start, end)
        self.remember(start, speaker.referent)
        return speaker

    def _resolve(self, start: int, end: int) -> Speaker:
        norm, rules = self.norm, self.rules
        phrase = lower(norm[start:end])
        if phrase in rules.pronouns:
            referent = self.antecedent(start, rules.pronouns[phrase])
            if referent is None:
                return Speaker(start, end, Referent(kind=_pronoun_kind(rules.pronouns[phrase])), "none")
            return Speaker(start, end, referent, "anaphora")
        group = rules.group_regex.fullmatch(norm, start, end)
        if group is not None:
            noun = normalise_name(group.group("noun"))
            determiner = lower(norm[start : group.start("noun")]).split()
            count = 3 if "three" in determiner else 2
            referent = self._group_antecedent(start, rules.group_kinds.get(noun, "any"), count)
            if referent is None:
                return Speaker(start, end, Referent(kind="plural"), "none")
            return Speaker(start, end, referent, "group")
        head = _head_mentions(norm, self.index.inside(start, end), start, end, rules)
        if head:
            referent = head[0].referent if len(head) == 1 else group_referent(self.registry, [m.referent for m in head])
            if len(head) == 1 and head[0].what == "description":
                return Speaker(start, end, referent, "description" if referent.actor or referent.side else "none")
            if not referent.actor and referent.side:
                return Speaker(start, end, referent, "alias")
            return Speaker(start, end, referent, "explicit")
        words = phrase.split()
        last = words[-1].strip(".,") if words else ""
        if any(rules.speaker_nouns.get(w.strip(".,")) == "document" for w in words):
            return self._document(start, end, words)
        role = self._role_description(start, end, phrase)
        if role is not None:
            return role
        kind = rules.speaker_nouns.get(last, "unknown")
        return Speaker(start, end, Referent(kind="unknown" if kind == "document" else kind), "none")

    def _document(self, start: int, end: int, words: list[str]) -> Speaker:
        """A document speaks for its issuer: the possessor it names ("the Kremlin's readout"), else
        the organisation, body, person or side named last ("The statement said ...")."""
        issuer = [m for m in self.index.inside(start, end) if m.possessive and m.referent.actor]
        if issuer:
            return Speaker(start, end, issuer[-1].referent, "explicit")
        accept = frozenset({"group"}) if "joint" in words else frozenset({"organisation", "body", "person", "side"})
        referent = self.antecedent(start, accept)
        if referent is not None:
            return Speaker(start, end, referent, "anaphora")
        return Speaker(start, end, Referent(kind="document"), "none")

    def _role_description(self, start: int, end: int, phrase: str) -> Speaker | None:
        """A description by role, perhaps of an institution named by a possessive ("the Russian
        Foreign Ministry's official representative"), or None."""
        owner = next((m for m in self.index.inside(start, end) if m.possessive and m.referent.actor), None)
        if owner is not None and self.norm[start : owner.start].strip(" ").lower() not in ("", "the"):
            owner = None
        if owner is not None:
            rest = self.norm[owner.end : end].lstrip("'s").lstrip("'")
            parsed = self.roles.parse("the " + lower(rest).strip())
            if parsed is not None:
                side = parsed[0] or owner.referent.side
                return self._role(start, end, side, parsed[1], institution=owner.referent.actor)
            return None
        parsed = self.roles.parse(phrase)
        return self._role(start, end, *parsed) if parsed is not None else None

    def _role(self, start: int, end: int, side: str, offices: tuple[str, ...], *, institution: str = "") -> Speaker:
        """A description by role (see :mod:`analysis.attribution.roles`)."""
        candidates = {a.id for a in self.roles.holders(offices, side, institution=institution)}
        i = bisect_left(self._mention_starts, start) - 1
        stop = max(-1, i - _ROLE_LOOK_BACK)  # bounded: a document of many role phrases stays linear
        while i > stop:
            referent = self._mentions[i].referent
            if referent.actor in candidates:
                return Speaker(start, end, referent, "description")
            i -= 1
        holders = self.roles.holders(offices, side, on=self.date, institution=institution)
        if len(holders) == 1:
            return Speaker(start, end, actor_referent(self.registry, holders[0].id), "description")
        if side:
            return Speaker(start, end, Referent("", side, "person"), "description")
        return Speaker(start, end, Referent(kind="person"), "none")


def _pronoun_kind(accept: frozenset[str]) -> str:
    for kind in ("person", "organisation", "group"):
        if kind in accept:
            return kind
    return "unknown"


def _head_mentions(norm: str, inside: list[Mention], start: int, end: int, rules: QuoteRules) -> list[Mention]:
    """Return the mentions the noun phrase ``norm[start:end]`` is headed by (several for "X and Y")."""
    if not inside:
        return []
    last = inside[-1]
    to = _HOST_BEFORE.search(norm, max(start, last.start - 40), last.start)
    if to is not None and (to.group("link").lower() == "to" or lower(to.group("noun")) in rules.host_nouns):
        # "the ambassador to Russia", "the Iranian ambassador in Moscow": the host does not speak
        return _head_mentions(norm, inside[:-1], start, to.start("link") - 1, rules)
    if norm[last.end : end].strip() not in ("", "'s", "'"):
        return []
    heads = [last]
    for mention in reversed(inside[:-1]):
        gap = _COORDINATION.fullmatch(norm, mention.end, heads[0].start)
        if gap is None or mention.possessive or (len(heads) == 1 and gap.group().strip() == ","):
            break  # the last link of a list is "and": "Russia, Kazem Jalali" is an apposition
        heads.insert(0, mention)
    distinct = {(m.referent.actor, m.referent.side) for m in heads}
    return heads if len(distinct) > 1 else [last]
