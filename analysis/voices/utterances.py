"""Voices: choosing whose text to analyse, and cutting it into sentence units.

The ``utterances`` table (built by :func:`analysis.utterances`) gives every span of a document
a voice. Its columns are the contract between quote attribution and the measuring stages:

========== ==================================================================================
doc_id     document id
utt_id     utterance number within the document, in text order
start, end character offsets into ``documents.text``, half-open
text       ``documents.text[start:end]``
actor      actor id; a group is sorted ids joined by ``+`` (``pezeshkian+putin``); narration
           is ``"outlet"``; an unresolved speaker is ``""``
side       side id of the actor (``iran+russia`` for a mixed group; ``""`` for narration)
source     ``"quote"`` or ``"narration"``
type       ``direct`` / ``indirect`` / ``mixed`` for quotes, ``narration`` otherwise
quote_id   the attribution's ``quote_id`` (``-1`` for narration)
outlet     the document's outlet
========== ==================================================================================

A *voice* is written as:

* an actor id (``iran_mfa``) -- that actor's quotes, including groups it belongs to;
* ``side:NAME`` (``side:iran``) -- the quotes of every actor on that side;
* ``outlet`` -- all narration, or ``outlet:NAME`` the narration of one outlet;
* ``all`` -- everything.

Examples
--------
>>> import pandas as pd
>>> utt = pd.DataFrame({"doc_id": ["d"] * 3, "utt_id": [0, 1, 2], "start": [0, 10, 20],
...     "end": [10, 20, 30], "text": ["a"] * 3, "actor": ["iran_mfa", "outlet", "pezeshkian+putin"],
...     "side": ["iran", "", "iran+russia"], "source": ["quote", "narration", "quote"],
...     "type": ["direct", "narration", "indirect"], "quote_id": [0, -1, 1], "outlet": ["X"] * 3})
>>> select_voice(utt, "side:russia")["actor"].tolist()
['pezeshkian+putin']
>>> select_voice(utt, "outlet")["source"].tolist()
['narration']
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import VoiceError
from ..text import split_paragraphs, split_sentences

__all__ = [
    "UTTERANCE_COLUMNS",
    "UNIT_COLUMNS",
    "NARRATION",
    "voice_mask",
    "check_voice",
    "select_voice",
    "known_voices",
    "voice_label",
    "utterance_sentences",
    "utterances",
]

#: Columns of the ``utterances`` table, in order.
UTTERANCE_COLUMNS = [
    "doc_id",
    "utt_id",
    "start",
    "end",
    "text",
    "actor",
    "side",
    "source",
    "type",
    "quote_id",
    "outlet",
]
#: Columns of the sentence units of utterances (see :func:`utterance_sentences`).
UNIT_COLUMNS = ["unit_id", "doc_id", "utt_id", "start", "end", "text", "actor", "side", "source", "type", "outlet"]
#: The actor value of narration.
NARRATION = "outlet"


_ALNUM = re.compile(r"\w")


def utterances(documents: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Give every span of every document its voice: the quotes to their actors, the rest to the outlet.

    Parameters
    ----------
    documents
        The ``documents`` table (``doc_id``, ``text``, ``outlet``).
    attributions
        The ``attributions`` table of :func:`analysis.attribute_quotes` (``doc_id``,
        ``quote_id``, ``start``, ``end``, ``type``, ``actor``, ``side``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`UTTERANCE_COLUMNS`, in text order. Quote content spans become
        ``source="quote"`` rows; the text between them (cues and speakers included) becomes
        ``source="narration"`` rows with actor ``"outlet"``, cut at paragraph breaks and trimmed;
        stretches with no letter or digit are dropped. When two attributions overlap, the one
        that starts first (then the longer) is kept, so no character has two voices.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"], "outlet": ["Wire"],
    ...     "text": ["Talks ended. Lavrov said ties are strong."]})
    >>> att = pd.DataFrame({"doc_id": ["d"], "quote_id": [0], "start": [25], "end": [41],
    ...     "type": ["indirect"], "actor": ["lavrov"], "side": ["russia"]})
    >>> utterances(docs, att)[["text", "actor", "source"]].values.tolist()
    [['Talks ended. Lavrov said', 'outlet', 'narration'], ['ties are strong.', 'lavrov', 'quote']]
    """
    by_doc = (
        {doc_id: group for doc_id, group in attributions.groupby("doc_id", sort=False)} if len(attributions) else {}
    )
    rows: list[tuple] = []
    for doc in documents.itertuples(index=False):
        text: str = doc.text
        outlet = getattr(doc, "outlet", "") or ""
        quotes = by_doc.get(doc.doc_id)
        spans: list[tuple[int, int, str, str, str, int]] = []
        if quotes is not None:
            ordered = quotes.assign(_length=quotes["end"] - quotes["start"]).sort_values(
                ["start", "_length"], ascending=[True, False], kind="stable"
            )
            reach = 0
            for q in ordered.itertuples(index=False):
                start, end = int(q.start), int(q.end)
                if start < reach or end <= start:
                    continue
                spans.append((start, end, q.actor or "", q.side or "", q.type, int(q.quote_id)))
                reach = end
        position = 0
        pieces: list[tuple[int, int, str, str, str, str, int]] = []
        for start, end, actor, side, kind, quote_id in [*spans, (len(text), len(text), "", "", "", -1)]:
            for p_start, p_end in split_paragraphs(text[position:start]):
                a, b = position + p_start, position + p_end
                if _ALNUM.search(text, a, b):
                    pieces.append((a, b, NARRATION, "", "narration", "narration", -1))
            if end > start:
                pieces.append((start, end, actor, side, "quote", kind, quote_id))
            position = max(position, end)
        for utt_id, (start, end, actor, side, source, kind, quote_id) in enumerate(pieces):
            rows.append((doc.doc_id, utt_id, start, end, text[start:end], actor, side, source, kind, quote_id, outlet))
    frame = pd.DataFrame(rows, columns=UTTERANCE_COLUMNS)
    return frame.astype({"utt_id": "int64", "start": "int64", "end": "int64", "quote_id": "int64"})


def _members(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.split("+")


def voice_mask(utterances: pd.DataFrame, voice: str) -> pd.Series:
    """Return a boolean mask of the rows of ``utterances`` spoken in ``voice``.

    Raises
    ------
    VoiceError
        When the voice is malformed. A well-formed voice that matches no row gives an
        all-False mask; :func:`select_voice` turns that into an error.
    """
    voice = voice.strip()
    if not voice:
        raise VoiceError("empty voice: give an actor id, side:NAME, outlet or all")
    if voice == "all":
        return pd.Series(True, index=utterances.index)
    if voice == NARRATION:
        return utterances["source"].eq("narration")
    kind, _, name = voice.partition(":")
    if kind == "side" and name:
        return utterances["source"].eq("quote") & _members(utterances["side"]).apply(lambda s: name in s)
    if kind == "outlet" and name:
        return utterances["source"].eq("narration") & utterances["outlet"].eq(name)
    if ":" in voice:
        raise VoiceError(f"voice {voice!r} is not an actor id, side:NAME, outlet, outlet:NAME or all")
    return utterances["source"].eq("quote") & _members(utterances["actor"]).apply(lambda s: voice in s)


def check_voice(voice: str, actors) -> str:
    """Check that a voice names something the registry knows; return it stripped.

    Accepts actor ids (and groups of ids joined by ``+``), ``side:NAME`` for a side of the
    registry, ``outlet``, ``outlet:NAME`` and ``all``.

    Raises
    ------
    VoiceError
        For an unknown actor id or side, listing what the registry knows.

    Examples
    --------
    >>> from analysis.corpus.registry import load_actors
    >>> check_voice("side:iran", load_actors())
    'side:iran'
    >>> check_voice("nobody", load_actors())
    Traceback (most recent call last):
    ...
    analysis.errors.VoiceError: unknown actor id 'nobody' (known: iran_mfa, russia_mfa, putin, ...; see ...actors.yml)
    """
    voice = voice.strip()
    kind, _, name = voice.partition(":")
    if not voice:
        raise VoiceError("empty voice: give an actor id, side:NAME, outlet or all")
    if kind == "side":
        if name not in actors.sides:
            raise VoiceError(f"unknown side {name!r} (sides: {', '.join(actors.sides)})")
        return voice
    if kind == "outlet" or voice in (NARRATION, "all"):
        return voice
    if ":" in voice:
        raise VoiceError(f"voice {voice!r} is not an actor id, side:NAME, outlet, outlet:NAME or all")
    unknown = [part for part in voice.split("+") if part not in actors]
    if unknown:
        known = ", ".join(list(actors.actors)[:3])
        raise VoiceError(f"unknown actor id {unknown[0]!r} (known: {known}, ...; see {actors.source})")
    return voice


def known_voices(utterances: pd.DataFrame) -> list[str]:
    """Return the voices present in an utterances table (actor ids, sides, outlets)."""
    quotes = utterances[utterances["source"].eq("quote")]
    actors = sorted({a for v in _members(quotes["actor"]) for a in v if a})
    sides = sorted({f"side:{s}" for v in _members(quotes["side"]) for s in v if s})
    outlets = sorted({f"outlet:{o}" for o in utterances.loc[utterances["source"].eq("narration"), "outlet"] if o})
    return actors + sides + ([NARRATION] if outlets else []) + outlets


def select_voice(utterances: pd.DataFrame, voice: str) -> pd.DataFrame:
    """Return the utterances of one voice (see the module docstring for the notation).

    Raises
    ------
    VoiceError
        When the voice matches nothing, listing the voices that exist.
    """
    selected = utterances[voice_mask(utterances, voice)]
    if selected.empty:
        known = ", ".join(known_voices(utterances)) or "none"
        raise VoiceError(f"voice {voice!r} has no text in this corpus (voices present: {known})")
    return selected


def voice_label(voice: str, actors=None) -> str:
    """Return a readable label for a voice, using the registry's display names when given.

    Examples
    --------
    >>> from analysis.corpus.registry import load_actors
    >>> voice_label("iran_mfa", load_actors())
    'Iranian Foreign Ministry'
    >>> voice_label("side:russia", load_actors())
    'Russia (all actors)'
    """
    kind, _, name = voice.partition(":")
    if kind == "side" and name:
        side = actors.sides.get(name) if actors is not None else None
        return f"{side.name if side else name} (all actors)"
    if kind == "outlet":
        return f"{name} (narration)" if name else "Outlet narration"
    if voice == "all":
        return "All text"
    if actors is not None:
        parts = [actors[a].name if a in actors else a for a in voice.split("+")]
        return " + ".join(parts)
    return voice


def utterance_sentences(utterances: pd.DataFrame) -> pd.DataFrame:
    """Cut utterances into sentence units, the unit that sentiment and frames score.

    A long quotation becomes one unit per sentence; a reported clause inside a sentence stays
    one unit. ``unit_id`` is ``"{doc_id}:{start}-{end}"``, so every unit can be found in its
    document.

    Examples
    --------
    >>> import pandas as pd
    >>> utt = pd.DataFrame({"doc_id": ["d"], "utt_id": [0], "start": [5], "end": [19],
    ...     "text": ["One. Two more."], "actor": ["lavrov"], "side": ["russia"],
    ...     "source": ["quote"], "type": ["direct"], "quote_id": [0], "outlet": ["X"]})
    >>> utterance_sentences(utt)[["unit_id", "text"]].values.tolist()
    [['d:5-9', 'One.'], ['d:10-19', 'Two more.']]
    """
    rows = []
    for row in utterances.itertuples(index=False):
        for s, e in split_sentences(row.text):
            start, end = row.start + s, row.start + e
            rows.append(
                (
                    f"{row.doc_id}:{start}-{end}",
                    row.doc_id,
                    row.utt_id,
                    start,
                    end,
                    row.text[s:e],
                    row.actor,
                    row.side,
                    row.source,
                    row.type,
                    row.outlet,
                )
            )
    frame = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    return frame.astype({"utt_id": "int64", "start": "int64", "end": "int64"})
