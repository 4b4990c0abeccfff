"""The tables behind a comparison: who speaks, what each voice said, and the evidence of each number.

Examples
--------
>>> att = pd.DataFrame({"doc_id": ["d", "d"], "actor": ["lavrov", "lavrov"], "side": ["russia"] * 2,
...     "type": ["direct", "indirect"], "content": ["We agree.", "talks went well"]})
>>> speaker_table(att)[["actor", "attributions", "words"]].values.tolist()
[['lavrov', 2, 5]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..corpus.registry import ActorRegistry
from ..salience.kwic import kwic
from ..salience.scores import top_terms
from ..sentiment.stats import sentiment_evidence
from ..text import tokenize
from ..voices.voice import Voice

if TYPE_CHECKING:
    from .comparison import Comparison

__all__ = [
    "speaker_table",
    "statements",
    "voice_sizes",
    "sentiment_sentences",
    "keyword_contexts",
    "frame_evidence",
]


def speaker_table(attributions: pd.DataFrame, actors: ActorRegistry | None = None) -> pd.DataFrame:
    """Who is quoted, how often, and how: one row per actor (groups kept as such).

    Columns: actor, name, side, attributions, direct, indirect, mixed, words (in the quoted or
    reported content), documents. Unresolved speakers are grouped under actor ``""`` with
    their name ``(unresolved)``. Sorted by the number of attributions.

    Examples
    --------
    >>> att = pd.DataFrame({"doc_id": ["d", "d"], "actor": ["lavrov", "lavrov"], "side": ["russia"] * 2,
    ...     "type": ["direct", "indirect"], "content": ["We agree.", "talks went well"]})
    >>> speaker_table(att)[["actor", "attributions", "direct", "indirect", "words"]].values.tolist()
    [['lavrov', 2, 1, 1, 5]]
    """
    columns = ["actor", "name", "side", "attributions", "direct", "indirect", "mixed", "words", "documents"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    frame = attributions.assign(
        actor=attributions["actor"].fillna(""),
        words=attributions["content"].map(lambda t: len(tokenize(t))),
    )
    rows = []
    for actor, group in frame.groupby("actor", sort=False):
        types = group["type"].value_counts()
        if actor and actors is not None:
            name = " + ".join(actors[a].name if a in actors else a for a in actor.split("+"))
        else:
            name = actor or "(unresolved)"
        rows.append(
            {
                "actor": actor,
                "name": name,
                "side": group["side"].iloc[0] or "",
                "attributions": len(group),
                "direct": int(types.get("direct", 0)),
                "indirect": int(types.get("indirect", 0)),
                "mixed": int(types.get("mixed", 0)),
                "words": int(group["words"].sum()),
                "documents": group["doc_id"].nunique(),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["attributions", "words", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def statements(utterances: pd.DataFrame, voice: str) -> pd.DataFrame:
    """What a voice said: its utterances with document, offsets, type and text, in text order."""
    selected = Voice.parse(voice).select(utterances)
    return selected[["doc_id", "start", "end", "type", "actor", "text"]].reset_index(drop=True)


def voice_sizes(units: pd.DataFrame, voice: str) -> dict[str, int]:
    """Return the size of a voice: sentence units, tokens, utterances and documents."""
    selected = units[Voice.parse(voice).mask(units)]
    return {
        "units": len(selected),
        "tokens": int(sum(len(tokenize(t)) for t in selected["text"])),
        "utterances": int(selected[["doc_id", "utt_id"]].drop_duplicates().shape[0]),
        "documents": int(selected["doc_id"].nunique()),
    }


def sentiment_sentences(comparison: Comparison) -> pd.DataFrame:
    """Every scored sentence of the two voices, with the lexicon words behind its score.

    Columns: voice, label, unit_id, text, compound, polarity, boilerplate, words; ordered by
    voice, then position in the corpus.
    """
    parts = []
    for (_, row), label in zip(comparison.sentiment.iterrows(), comparison.labels, strict=True):
        evidence = sentiment_evidence(comparison.scored, row, explain=True)
        parts.append(evidence.assign(voice=row["voice"], label=label))
    table = pd.concat(parts, ignore_index=True)
    return table[["voice", "label", "unit_id", "text", "compound", "polarity", "boilerplate", "words"]]


def keyword_contexts(comparison: Comparison, units: pd.DataFrame, *, n: int = 3, window: int = 8) -> pd.DataFrame:
    """Keyword in context for the ``n`` top terms of each side, in the voice they characterise.

    Columns: side (the voice's label), term, score, count, then :func:`analysis.kwic`'s columns.
    """
    parts = []
    top = top_terms(comparison.keyness, n)
    for row in top.itertuples(index=False):
        voice, label, count = (
            (comparison.a, comparison.labels[0], row.count_a)
            if row.score > 0
            else (comparison.b, comparison.labels[1], row.count_b)
        )
        contexts = kwic(row.term, Voice.parse(voice).select(units), window=window)
        parts.append(contexts.assign(voice=label, term=row.term, score=row.score, count=count))
    if not parts:
        return pd.DataFrame(columns=["voice", "term", "score", "count", "left", "match", "right", "unit_id"])
    table = pd.concat(parts, ignore_index=True)
    return table[["voice", "term", "score", "count", "left", "match", "right", "unit_id"]]


def frame_evidence(shares: pd.DataFrame, units: pd.DataFrame, *, per_frame: int = 3) -> pd.DataFrame:
    """The sentences behind frame shares: up to ``per_frame`` units per voice x frame with hits.

    Columns: voice, frame, label, k, n, unit_id, text.
    """
    text_of = units.drop_duplicates("unit_id").set_index("unit_id")["text"]
    voice_column = shares.attrs.get("by", "voice")
    voice_column = {"doc": "doc_id"}.get(voice_column, voice_column)
    rows = []
    for row in shares[shares["k"] > 0].itertuples(index=False):
        record = row._asdict()
        for unit_id in list(record["evidence"])[:per_frame]:
            rows.append(
                {
                    "voice": record[voice_column],
                    "frame": record["frame"],
                    "label": record["label"],
                    "k": record["k"],
                    "n": record["n"],
                    "unit_id": unit_id,
                    "text": text_of.get(unit_id, ""),
                }
            )
    return pd.DataFrame(rows, columns=["voice", "frame", "label", "k", "n", "unit_id", "text"])
