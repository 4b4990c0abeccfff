"""Utterances: every span of every document gets a voice -- a quote its actor, the rest the outlet.

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

Which rows a voice (an actor, a side, the narration) selects is said by
:class:`analysis.voices.voice.Voice`.
"""

from __future__ import annotations

import re

import pandas as pd

from ..text import split_paragraphs
from .voice import NARRATION

__all__ = ["UTTERANCE_COLUMNS", "utterances"]

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
