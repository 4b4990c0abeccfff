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
from ..schema import columns
from ..sentiment.stats import sentiment_evidence
from ..syndication.distinct import distinct_statements
from ..text import count_words, tokenize
from ..voices.voice import Voice, as_voice

if TYPE_CHECKING:
    from .comparison import Comparison

__all__ = [
    "VOICE_STATEMENT_COLUMNS",
    "STATEMENT_REACH",
    "CONTRIBUTION_COLUMNS",
    "speaker_table",
    "statements",
    "voice_contributions",
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


#: Columns of :func:`statements`.
VOICE_STATEMENT_COLUMNS = columns("voice_statements")
#: Columns :func:`statements` adds with ``reach=True``: copies of the statement, documents and
#: outlets that carry it, its first date (see :mod:`analysis.syndication.distinct`).
STATEMENT_REACH = columns("statements")[3:]
#: Columns of :func:`voice_contributions`.
CONTRIBUTION_COLUMNS = columns("contributions")


def _role(actor: str, actors: ActorRegistry | None) -> str:
    if actors is None or not actor:
        return ""
    return " + ".join(actors[a].role for a in actor.split("+") if a in actors and actors[a].role)


def statements(
    units: pd.DataFrame, voice: str | Voice, actors: ActorRegistry | None = None, *, reach: bool = False
) -> pd.DataFrame:
    """Everything a voice said, sentence by sentence: how a user reads what a ministry said.

    Parameters
    ----------
    units
        Sentence units (:func:`analysis.voices.utterance_sentences`, ``CorpusAnalysis.units``).
    voice
        A voice (see :class:`analysis.Voice`); with ``actors``, an institution's voice holds
        its members' statements.
    actors
        The actor registry, for the members of institutions and the ``role`` column.
    reach
        Add the reach of each statement, :data:`STATEMENT_REACH` (taken from the units when
        :func:`analysis.syndication.distinct_statements` grouped them, computed otherwise).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`VOICE_STATEMENT_COLUMNS`, in corpus order; ``type`` is ``direct``,
        ``indirect``, ``mixed`` (quotes in the news), ``statement`` or ``turn`` (the speaker's
        own text).

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["d:0-9"], "doc_id": ["d"], "utt_id": [0], "start": [0], "end": [9],
    ...     "text": ["We agree."], "actor": ["lavrov"], "side": ["russia"], "source": ["quote"],
    ...     "type": ["direct"], "outlet": ["W"], "genre": ["news"]})
    >>> from analysis.corpus import load_actors
    >>> statements(units, "russia_mfa", load_actors())[["actor", "role", "text"]].values.tolist()
    [['lavrov', 'minister', 'We agree.']]
    """
    selected = as_voice(voice, actors).select(units)
    if reach and "copies" not in selected.columns:
        selected = distinct_statements(selected)
    table = selected.assign(
        role=[_role(a, actors) for a in selected["actor"]],
        genre=selected["genre"] if "genre" in selected.columns else "news",
    )
    return table[VOICE_STATEMENT_COLUMNS + (STATEMENT_REACH if reach else [])].reset_index(drop=True)


def voice_contributions(units: pd.DataFrame, voice: str | Voice, actors: ActorRegistry | None = None) -> pd.DataFrame:
    """Who speaks for a voice, and how much: one row per actor of the voice.

    For an institution this answers "who speaks for the ministry": the ministry itself, its
    minister, its spokesperson, its deputies and envoys, each with its sentence units,
    statements, documents and share of the voice's units. Sorted by units; a voice without text
    gives an empty table.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["d:0-9", "d:10-20", "d:21-30"], "doc_id": ["d"] * 3,
    ...     "utt_id": [0, 0, 1], "start": [0, 10, 21], "end": [9, 20, 30], "text": ["a", "b", "c"],
    ...     "actor": ["lavrov", "lavrov", "zakharova"], "side": ["russia"] * 3, "source": ["quote"] * 3,
    ...     "outlet": ["W"] * 3})
    >>> from analysis.corpus import load_actors
    >>> voice_contributions(units, "russia_mfa", load_actors())[["actor", "role", "units", "share"]].values.tolist()
    [['lavrov', 'minister', 2, 0.6666666666666666], ['zakharova', 'spokesperson', 1, 0.3333333333333333]]
    """
    selected = units[as_voice(voice, actors).mask(units)]
    rows = []
    for actor, group in selected.groupby("actor", sort=False):
        name = " + ".join(actors[a].name if actors is not None and a in actors else a for a in actor.split("+"))
        rows.append(
            {
                "actor": actor,
                "name": name or "(unresolved)",
                "role": _role(actor, actors),
                "units": len(group),
                "statements": int(group[["doc_id", "utt_id"]].drop_duplicates().shape[0]),
                "documents": int(group["doc_id"].nunique()),
                "share": len(group) / len(selected),
            }
        )
    table = pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS)
    return table.sort_values(["units", "actor"], ascending=[False, True], kind="stable").reset_index(drop=True)


def voice_sizes(units: pd.DataFrame, voice: str | Voice, actors: ActorRegistry | None = None) -> dict[str, int]:
    """Return the size of a voice: sentence units, tokens, statements (utterances) and documents."""
    selected = units[as_voice(voice, actors).mask(units)]
    return {
        "units": len(selected),
        "tokens": count_words(selected["text"]),
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


def keyword_contexts(
    comparison: Comparison, units: pd.DataFrame | None = None, *, n: int = 3, window: int = 8
) -> pd.DataFrame:
    """Keyword in context for the ``n`` top terms of each side, in the voice they characterise.

    ``units`` are searched (by default the comparison's own, every copy of the two voices'
    sentences: the corpus's units give the same rows). Columns: side (the voice's label), term,
    score, count, then :func:`analysis.kwic`'s columns.
    """
    units = comparison.units if units is None else units
    parts = []
    top = top_terms(comparison.keyness, n)
    for row in top.itertuples(index=False):
        voice, label, count = (
            (comparison.voices[0], comparison.labels[0], row.count_a)
            if row.score > 0
            else (comparison.voices[1], comparison.labels[1], row.count_b)
        )
        contexts = kwic(row.term, voice.select(units), window=window)
        parts.append(contexts.assign(voice=label, term=row.term, score=row.score, count=count))
    if not parts:
        return pd.DataFrame(columns=["voice", "term", "score", "count", "left", "match", "right", "unit_id"])
    table = pd.concat(parts, ignore_index=True)
    return table[["voice", "term", "score", "count", "left", "match", "right", "unit_id"]]


def frame_evidence(shares: pd.DataFrame, units: pd.DataFrame, *, per_frame: int = 3) -> pd.DataFrame:
    """The sentences behind frame shares: up to ``per_frame`` units per voice x frame with hits.

    ``units`` hold the texts (a comparison's ``units``, or the corpus's). Columns: voice, frame,
    label, k, n, unit_id, text.
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
