"""Utterances: every span of every document gets a voice -- a quote its actor, the rest the outlet.

The ``utterances`` table (built by :func:`utterances`) gives every span of a document a voice.
Its columns are the contract between quote attribution and the measuring stages:

========== ==================================================================================
doc_id     document id
utt_id     utterance number within the document, in text order
start, end character offsets into ``documents.text``, half-open
text       ``documents.text[start:end]``
actor      actor id; a group is sorted ids joined by ``+`` (``pezeshkian+putin``); narration
           is ``"outlet"``; journalists' questions in a transcript are ``"press"``; an
           unresolved speaker (or a joint one, "Both sides") is ``""``
side       side id of the actor (``iran+russia`` for a joint statement; ``""`` for narration)
source     ``"quote"`` (attributed in the text), ``"primary"`` (the speaker's own text: a
           statement, an op-ed, a turn of a transcript) or ``"narration"``
type       ``direct`` / ``indirect`` / ``mixed`` for quotes, ``statement`` or ``turn`` for
           primary text, ``narration`` otherwise
quote_id   the attribution's ``quote_id`` (``-1`` for other rows)
outlet     the document's outlet
date       the document's date
genre      the document's genre (``news``, ``statement``, ``op-ed``, ``transcript``, ``interview``)
language   the document's language (ISO 639-1: ``en``, ``ru``; ``""`` when not given)
========== ==================================================================================

**Whose text.** In news, quotes go to their actors and everything else is the outlet's. In a
``statement`` or ``op-ed`` the body is the document's ``speaker``'s, except what it quotes of
others. In a ``transcript`` or ``interview`` each turn ("Sergey Lavrov: ...", "Question: ...")
is its speaker's (:meth:`analysis.corpus.layout.Layout.turns`), and the opening before the
first label ("Ladies and gentlemen, ...") is the document's ``speaker``'s, or the speaker its
title names ("Foreign Minister Sergey Lavrov's statement and answers to media questions ...";
:meth:`analysis.corpus.layout.Layout.opening_speaker`). **Narration is never content**:
datelines, agency credits, "Read more" lines and captions (:mod:`analysis.corpus.layout`) stay
with the outlet wherever they are, and what reporting leaves before reported words ("on
January 17, that ...") is cut from them.

Which rows a voice (an actor, an institution, a side, the narration) selects is said by
:class:`analysis.voices.voice.Voice`.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterable

import pandas as pd

from ..corpus.layout import Layout, load_layout
from ..corpus.registry import ActorRegistry
from ..schema import columns
from ..text import paragraph_pieces, split_paragraphs
from .voice import NARRATION

__all__ = [
    "UTTERANCE_COLUMNS",
    "Utterance",
    "PRIMARY_GENRES",
    "TURN_GENRES",
    "utterances",
    "document_utterances",
    "utterance_frame",
]

#: Columns of the ``utterances`` table, in order.
UTTERANCE_COLUMNS = columns("utterances")
#: One row of the ``utterances`` table as a named tuple (what :func:`document_units` reads).
Utterance = namedtuple("Utterance", UTTERANCE_COLUMNS)
#: Genres whose body is the document's ``speaker``'s own text.
PRIMARY_GENRES = ("statement", "op-ed")
#: Genres made of speaker turns.
TURN_GENRES = ("transcript", "interview")

# Inside someone's own text, a quote stays a quote only when it names another speaker.
_NAMED = frozenset({"explicit", "alias", "description", "group", "joint"})
_ALNUM = re.compile(r"\w")


def _subtract(start: int, end: int, holes: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` outside the (sorted) holes."""
    parts, position = [], start
    for h_start, h_end, _ in holes:
        if h_end <= position or h_start >= end:
            continue
        if h_start > position:
            parts.append((position, h_start))
        position = max(position, h_end)
    if position < end:
        parts.append((position, end))
    return parts


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _primary_spans(
    doc, text: str, layout: Layout, actors: ActorRegistry | None, paragraphs: list[tuple[int, int]]
) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int]]]:
    """``(start, end, actor, type)`` of the text that is a speaker's own, in text order, and
    the spans of a transcript's turn labels ("Question:", "Sergey Lavrov:").

    A statement or op-ed is its ``speaker``'s (or the speaker its title names: "Article by
    Sergey Lavrov ..."). A transcript's turns are their labels' speakers; its opening, before the
    first label ("Ladies and gentlemen, ..."), is the document's ``speaker``'s, or the one its
    title names ("Foreign Minister Sergey Lavrov's statement and answers to media questions").
    """
    genre = getattr(doc, "genre", "news") or "news"
    if genre in PRIMARY_GENRES:
        speaker = layout.opening_speaker(doc, actors)
        return ([(0, len(text), speaker, "statement")] if speaker else []), []
    if genre not in TURN_GENRES:
        return [], []
    turns = layout.turns(text, actors, paragraphs=paragraphs)
    opening_end = turns[0].label_start if turns else len(text)
    speaker = layout.opening_speaker(doc, actors) if _ALNUM.search(text, 0, opening_end) else ""
    opening = [(0, opening_end, speaker, "turn")] if speaker else []
    labels = [(t.label_start, t.start) for t in turns]  # the label and its colon
    return opening + [(t.start, t.end, t.actor, "turn") for t in turns], labels


def _kept_quotes(quotes: list[tuple], primary: list[tuple[int, int, str, str]], text: str, layout: Layout):
    """The attributions that give their span a voice: no overlaps, not absorbed by primary text.

    ``quotes`` are ``(start, end, actor, side, type, quote_id, resolution)`` tuples.
    """
    kept, reach = [], 0
    for start, end, actor, side, kind, quote_id, resolution in sorted(quotes, key=lambda q: (q[0], q[0] - q[1])):
        if start < reach or end <= start:
            continue
        start = layout.content_start(text, start, end)
        owner = next((p for p in primary if p[0] <= start < p[1]), None)
        if owner is not None and (not actor or actor == owner[2] or resolution not in _NAMED):
            continue  # "we said that ..." inside Lavrov's own turn is Lavrov's turn
        kept.append((start, end, actor, side, kind, quote_id))
        reach = end
    return kept


def _quotes_by_document(attributions: pd.DataFrame) -> dict[object, list[tuple]]:
    """The attributions as plain tuples, grouped by document (one pass, no per-document tables)."""
    if attributions.empty:
        return {}
    resolution = (
        attributions["resolution"] if "resolution" in attributions.columns else ["explicit"] * len(attributions)
    )
    columns = zip(
        attributions["doc_id"],
        attributions["start"].astype(int),
        attributions["end"].astype(int),
        attributions["actor"].fillna("").astype(str),
        attributions["side"].fillna("").astype(str),
        attributions["type"],
        attributions["quote_id"].astype(int),
        resolution,
        strict=True,
    )
    grouped: dict[object, list[tuple]] = {}
    for doc_id, *quote in columns:
        grouped.setdefault(doc_id, []).append(tuple(quote))
    return grouped


def _pieces(
    text: str,
    quotes: list[tuple[int, int, str, str, str, int]],
    primary: list[tuple[int, int, str, str]],
    narration: list[tuple[int, int, str]],
    actors: ActorRegistry | None,
    paragraphs: list[tuple[int, int]],
) -> Iterable[tuple[int, int, str, str, str, str, int]]:
    """Cut a document into ``(start, end, actor, side, source, type, quote_id)`` pieces, in text order."""
    claims: list[tuple[int, int, tuple[str, str, str, str, int]]] = []
    for start, end, actor, side, kind, quote_id in quotes:
        for a, b in _subtract(start, end, narration):
            claims.append((a, b, (actor, side, "quote", kind, quote_id)))
    taken = sorted([(s, e, "") for s, e, *_ in quotes] + narration)
    for start, end, actor, kind in primary:
        side = actors.side_of(actor) if actors is not None and actor else ""
        for a, b in _subtract(start, end, taken):
            for p_start, p_end in paragraph_pieces(text, paragraphs, a, b):
                claims.append((p_start, p_end, (actor, side, "primary", kind, -1)))
    claims.sort()
    position = 0
    narrator = (NARRATION, "", "narration", "narration", -1)
    for start, end, owner in [*claims, (len(text), len(text), None)]:
        for p_start, p_end in paragraph_pieces(text, paragraphs, position, start):
            yield (p_start, p_end, *narrator)
        if owner is not None and end > start:
            yield (start, end, *owner)
        position = max(position, end)


def utterances(
    documents: pd.DataFrame,
    attributions: pd.DataFrame,
    *,
    actors: ActorRegistry | None = None,
    layout: Layout | None = None,
) -> pd.DataFrame:
    """Give every span of every document its voice (see the module docstring).

    Parameters
    ----------
    documents
        The ``documents`` table (``doc_id``, ``text``, ``outlet``; ``date``, ``genre`` and
        ``speaker`` when present).
    attributions
        The ``attributions`` table of :func:`analysis.attribute_quotes` (``doc_id``,
        ``quote_id``, ``start``, ``end``, ``type``, ``actor``, ``side``; ``resolution`` when
        present).
    actors
        The registry: resolves the names of transcript turns and the sides of primary text.
    layout
        The layout rules (default: :func:`analysis.corpus.layout.load_layout`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`UTTERANCE_COLUMNS`, in text order. The text between quotes (cues and
        speakers included) is cut at paragraph breaks and trimmed; stretches with no letter or
        digit are dropped. When two attributions overlap, the one that starts first (then the
        longer) is kept, so no character has two voices.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "outlet": ["Wire"],
    ...     "text": ["TEHRAN (IRNA) - Talks ended. Lavrov said ties are strong."]})
    >>> att = pd.DataFrame({"doc_id": ["d"], "quote_id": [0], "start": [41], "end": [57],
    ...     "type": ["indirect"], "actor": ["lavrov"], "side": ["russia"]})
    >>> utterances(docs, att)[["text", "actor", "source"]].values.tolist()
    [['TEHRAN (IRNA) - Talks ended. Lavrov said', 'outlet', 'narration'], ['ties are strong.', 'lavrov', 'quote']]
    """
    layout = layout if layout is not None else load_layout()
    by_doc = _quotes_by_document(attributions)
    rows: list[tuple] = []
    for doc in documents.itertuples(index=False):
        rows.extend(document_utterances(doc, by_doc.get(doc.doc_id, []), actors=actors, layout=layout))
    return utterance_frame(rows)


def utterance_frame(rows: list[tuple]) -> pd.DataFrame:
    """The ``utterances`` table of rows made by :func:`document_utterances`."""
    frame = pd.DataFrame(rows, columns=UTTERANCE_COLUMNS)
    return frame.astype({"utt_id": "int64", "start": "int64", "end": "int64", "quote_id": "int64"})


def document_utterances(
    doc,
    quotes: list[tuple],
    *,
    actors: ActorRegistry | None,
    layout: Layout,
    paragraphs: list[tuple[int, int]] | None = None,
    narration: list[tuple[int, int, str]] | None = None,
) -> list[tuple]:
    """The utterances of one document as rows in the order of :data:`UTTERANCE_COLUMNS`.

    The per-document step of :func:`utterances`, for pipelines that build their tables
    document by document.

    Parameters
    ----------
    doc
        A row of the ``documents`` table (``doc_id``, ``text``; ``outlet``, ``date``, ``genre``
        and ``speaker`` when present), e.g. from ``documents.itertuples()``.
    quotes
        Its attributions as ``(start, end, actor, side, type, quote_id, resolution)`` tuples.
    paragraphs, narration
        The document's paragraphs (:func:`analysis.text.segment`) and its layout's narration
        spans, when the pipeline has them already.
    """
    text: str = doc.text
    outlet = getattr(doc, "outlet", "") or ""
    date = getattr(doc, "date", pd.NaT)
    genre = getattr(doc, "genre", "news") or "news"
    language = str(getattr(doc, "language", "") or "")
    paragraphs = split_paragraphs(text) if paragraphs is None else paragraphs
    primary, labels = _primary_spans(doc, text, layout, actors, paragraphs)
    if narration is None:
        narration = layout.narration_spans(text, paragraphs=paragraphs)
    kept = _kept_quotes(quotes, primary, text, layout)
    rows, utt_id = [], 0
    for start, end, actor, side, source, kind, quote_id in _pieces(text, kept, primary, narration, actors, paragraphs):
        start, end = _trimmed(text, start, end)
        if end <= start or not _ALNUM.search(text, start, end):
            continue
        if source == "narration" and any(a <= start and end <= b for a, b in labels):
            continue  # a turn's label ("Question:") is nobody's words, not even the outlet's
        piece = (start, end, text[start:end], actor, side, source, kind, quote_id)
        rows.append((doc.doc_id, utt_id, *piece, outlet, date, genre, language))
        utt_id += 1
    return rows
