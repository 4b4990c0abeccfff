"""Joint speakers: "Both sides", "the two countries", "Tehran and Moscow" speak for two sides at once.

Such a speaker is neither of the two sides alone, nor the last two people named before it: it
is the joint group of the two sides of the story. :func:`resolve_joint_speakers` finds them in
an attributions table (the phrases are data, ``joint_speakers`` in ``layout.yml``; a pair of
side names joined by "and" counts too) and gives them ``actor`` ``""``, ``side`` the two sides
joined by ``+`` and ``resolution`` ``"joint"``. The two sides are those named last before the
speaker in the document (an actor's side or a side's name, such as "Moscow"); when fewer than
two were named before it, the document's first two.

Examples
--------
>>> import pandas as pd
>>> from analysis.corpus import load_actors
>>> from analysis.voices.layout import load_layout
>>> text = "Lavrov met Zakharova and Araghchi. Both sides said the treaty works."
>>> att = pd.DataFrame({"doc_id": ["d"], "speaker": ["Both sides"], "speaker_start": [35],
...     "actor": ["lavrov+zakharova"], "side": ["russia"], "resolution": ["group"]})
>>> docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
>>> resolve_joint_speakers(att, docs, load_actors(), load_layout())[["actor", "side", "resolution"]].values.tolist()
[['', 'iran+russia', 'joint']]
"""

from __future__ import annotations

import re

import pandas as pd

from ..corpus.registry import ActorRegistry, normalise_name
from ..text import normalise_quotes
from ..voices.layout import Layout
from .speakers import find_mentions

__all__ = ["resolve_joint_speakers"]

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


def resolve_joint_speakers(
    attributions: pd.DataFrame, documents: pd.DataFrame, actors: ActorRegistry, layout: Layout
) -> pd.DataFrame:
    """Resolve the speakers that stand for two sides to their joint group (see the module docstring).

    Returns a copy of ``attributions``; rows with other speakers are unchanged.
    """
    if attributions.empty:
        return attributions
    speakers = attributions["speaker"].fillna("").astype(str)
    named = {s: _named_sides(s, actors) for s in speakers.unique() if s}
    candidates = [
        position
        for position, speaker in enumerate(speakers)
        if speaker and (named[speaker] or layout.is_joint(speaker))
    ]
    if not candidates:
        return attributions
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    table = attributions.copy()
    actor, side = table["actor"].to_numpy(copy=True), table["side"].to_numpy(copy=True)
    resolution = table["resolution"].to_numpy(copy=True)
    doc_ids, starts = table["doc_id"].to_numpy(), table["speaker_start"].to_numpy()
    mentions: dict[object, list[tuple[int, str]]] = {}
    for position in candidates:
        doc_id = doc_ids[position]
        if doc_id not in mentions:
            found = find_mentions(normalise_quotes(texts.get(doc_id, "")), actors)
            mentions[doc_id] = [(m.start, m.referent.side) for m in found if m.referent.side]
        sides = named[speakers.iat[position]] or _sides_before(mentions[doc_id], int(starts[position]))
        wanted = ([s for s in sides if s != "other"] + [s for s in sides if s == "other"])[:2]
        if len(wanted) == 2:
            actor[position], side[position], resolution[position] = "", "+".join(sorted(wanted)), "joint"
    return table.assign(actor=actor, side=side, resolution=resolution)
