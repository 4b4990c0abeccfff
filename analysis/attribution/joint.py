"""Joint speakers: "Both sides", "the two countries", "Tehran and Moscow" speak for two sides at once.

Such a speaker is neither of the two sides alone, nor the last two people named before it: it
is the joint group of the two sides of the story. :func:`resolve_joint_rows` finds them among
a document's attributions (the phrases are data, ``joint_speakers`` in ``layout.yml``; a pair of
side names joined by "and" counts too) and gives them ``actor`` ``""``, ``side`` the two sides
joined by ``+`` and ``resolution`` ``"joint"``. The two sides are those named last before the
speaker in the document (an actor's side or a side's name, such as "Moscow"); when fewer than
two were named before it, the document's first two.

Examples
--------
>>> from analysis.corpus import load_actors
>>> from analysis.attribution.extract import attribution_rows
>>> from analysis.corpus.layout import load_layout
>>> text = "Lavrov met Zakharova and Araghchi. Both sides said the treaty works."
>>> rows = attribution_rows("d", text, load_actors())
>>> [row[12:15] for row in resolve_joint_rows(rows, text, load_actors(), load_layout())]
[('', 'iran+russia', 'joint')]
"""

from __future__ import annotations

import re

from ..corpus.layout import Layout
from ..corpus.registry import ActorRegistry, normalise_name
from ..text import normalise_quotes
from .mentions import find_mentions

__all__ = ["resolve_joint_rows"]

_AND = re.compile(r"\s+(?:and|&)\s+")


def _named_sides(speaker: str, actors: ActorRegistry) -> list[str]:
    """The sides a speaker like "Tehran and Moscow" names, when every part is a side's name."""
    parts = _AND.split(normalise_name(speaker))
    sides = [actors.side_alias(part) for part in parts]
    return sides if len(parts) >= 2 and all(sides) and len(set(sides)) >= 2 else []


def _sides_before(mentions: list[tuple[int, str]], position: int) -> list[str]:
    """The sides of a document's mentions, the ones named last before ``position`` first."""
    before = [side for start, side in mentions if start < position]
    after = [side for start, side in mentions if start >= position]
    ordered: list[str] = []
    for side in [*reversed(before), *after]:
        for one in side.split("+"):
            if one not in ordered:
                ordered.append(one)
    return ordered


# positions in the rows of analysis.attribution.extract.QUOTE_COLUMNS
_SPEAKER, _SPEAKER_START, _ACTOR, _SIDE, _RESOLUTION = 9, 10, 12, 13, 14


def resolve_joint_rows(rows: list[tuple], text: str, actors: ActorRegistry, layout: Layout) -> list[tuple]:
    """Resolve the joint speakers among one document's attribution rows (see the module docstring).

    ``rows`` are in the order of :data:`analysis.attribution.extract.QUOTE_COLUMNS`; the rows of
    other speakers are returned unchanged.
    """
    mentions: list[tuple[int, str]] | None = None
    resolved = []
    for row in rows:
        speaker = row[_SPEAKER]
        named = _named_sides(speaker, actors) if speaker else []
        if not speaker or not (named or layout.is_joint(speaker)):
            resolved.append(row)
            continue
        if mentions is None:
            norm = normalise_quotes(text)  # ASCII: the lower-case expression finds the same names, faster
            found = find_mentions(norm, actors, lower=norm.lower() if norm.isascii() else None)
            mentions = [(m.start, m.referent.side) for m in found if m.referent.side]
        sides = named or _sides_before(mentions, int(row[_SPEAKER_START]))
        wanted = ([s for s in sides if s != "other"] + [s for s in sides if s == "other"])[:2]
        if len(wanted) == 2:
            row = (*row[:_ACTOR], "", "+".join(sorted(wanted)), "joint", *row[_RESOLUTION + 1 :])
        resolved.append(row)
    return resolved
