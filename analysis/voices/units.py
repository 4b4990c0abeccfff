"""Sentence units: the unit every measurement counts, and the one place its id is made.

A *sentence unit* is a sentence of one voice: a quotation of three sentences gives three units,
a reported clause inside a sentence stays one unit, and the outlet's narration is cut into its
sentences. Sentiment scores units, frames count units, keyness resamples units, and every
aggregate keeps the ids of its units, so that any number can be traced to its sentences.

The units table has the columns :data:`UNIT_COLUMNS`; tables made from bare texts (by
:func:`as_units`) have at least :data:`REQUIRED_COLUMNS`. A unit's id is
``"{doc_id}:{start}-{end}"`` (:func:`unit_id`), character offsets into the document's text.

Examples
--------
>>> unit_id("alahed-2025", 120, 168)
'alahed-2025:120-168'
>>> as_units(["One. Two.", "Three."])[["unit_id", "text"]].values.tolist()
[['0:0-4', 'One.'], ['0:5-9', 'Two.'], ['1:0-6', 'Three.']]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import pandas as pd

from ..errors import InputError
from ..languages import is_supported, load_language
from ..schema import columns
from ..text import split_sentences
from .utterances import UTTERANCE_COLUMNS

__all__ = [
    "UNIT_COLUMNS",
    "REQUIRED_COLUMNS",
    "unit_id",
    "unit_ids",
    "utterance_sentences",
    "document_units",
    "unit_frame",
    "as_units",
]

#: Columns of the sentence units of utterances (see :func:`utterance_sentences`), in order.
UNIT_COLUMNS = columns("units")
#: Columns every units table has, however it was made (others are kept).
REQUIRED_COLUMNS = columns("text_units")

_ALNUM = re.compile(r"\w")


def unit_id(doc_id: object, start: int, end: int) -> str:
    """Return the id of the unit ``[start, end)`` of a document: ``"{doc_id}:{start}-{end}"``."""
    return f"{doc_id}:{int(start)}-{int(end)}"


def unit_ids(table: pd.DataFrame) -> pd.Series:
    """Return the unit ids of a table: its ``unit_id`` column, or built from ``doc_id``, ``start``, ``end``.

    A table with neither gets its index labels as ids.

    Examples
    --------
    >>> unit_ids(pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [4]})).tolist()
    ['d:0-4']
    """
    if "unit_id" in table:
        return table["unit_id"].astype(str)
    if {"doc_id", "start", "end"} <= set(table.columns):
        ids = [unit_id(d, s, e) for d, s, e in zip(table["doc_id"], table["start"], table["end"], strict=True)]
        return pd.Series(ids, index=table.index, dtype=object)
    return pd.Series([str(i) for i in table.index], index=table.index, dtype=object)


def _pieces(text: str, start: int, end: int, sentences: list[tuple[int, int]], starts: list[int]):
    """The parts of ``[start, end)`` cut at the document's sentence boundaries, trimmed, each
    with the index of its sentence: ``(start, end, k)``."""
    k = max(0, bisect_right(starts, start) - 1)
    while k < len(sentences) and sentences[k][0] < end:
        a, b = max(sentences[k][0], start), min(sentences[k][1], end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b and _ALNUM.search(text, a, b):
            yield a, b, k
        k += 1


#: A piece of a sentence beside a quotation with at most this many words is its reporting clause.
MAX_REPORTING_WORDS = 12
_WORD = re.compile(r"[^\W_]+")


def _quoted_sentences(text: str, quotes: list[tuple[int, int]], sentences, starts) -> set[int]:
    """The indices of the sentences that hold some quoted content."""
    found: set[int] = set()
    for start, end in quotes:
        found.update(k for _, _, k in _pieces(text, start, end, sentences, starts))
    return found


def _reporting_clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """True for a short piece of narration that shares its sentence with a quotation: the
    reporting clause (``, the Foreign Ministry said.``, ``," the ministry affirmed.``,
    ``Lavrov said``) or a dateline before it -- never a unit of anyone's speech."""
    whole = text[sentence[0] : sentence[1]].strip()
    return text[start:end] != whole and len(_WORD.findall(text, start, end)) <= MAX_REPORTING_WORDS


def utterance_sentences(utterances: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cut utterances into sentence units, the unit that sentiment and frames score.

    A long quotation becomes one unit per sentence; a reported clause inside a sentence stays
    one unit. ``unit_id`` is ``"{doc_id}:{start}-{end}"``, so every unit can be found in its
    document.

    With ``documents``, each document is split into sentences once
    (:func:`analysis.text.split_sentences`; a document whose ``language`` has resources, by that
    language's splitter) and every utterance is cut at those boundaries -- the way the pipeline
    does it, several times faster than splitting each utterance on its own.
    Without, each utterance's text is split by itself.

    Examples
    --------
    >>> utt = pd.DataFrame({"doc_id": ["d"], "utt_id": [0], "start": [5], "end": [19],
    ...     "text": ["One. Two more."], "actor": ["lavrov"], "side": ["russia"],
    ...     "source": ["quote"], "type": ["direct"], "quote_id": [0], "outlet": ["X"],
    ...     "date": [pd.Timestamp("2025-10-02")], "genre": ["news"]})
    >>> utterance_sentences(utt)[["unit_id", "text"]].values.tolist()
    [['d:5-9', 'One.'], ['d:10-19', 'Two more.']]
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Wow. One. Two more."]})
    >>> utterance_sentences(utt, docs)[["unit_id", "text"]].values.tolist()
    [['d:5-9', 'One.'], ['d:10-19', 'Two more.']]
    """
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True)) if documents is not None else {}
    languages = (
        dict(zip(documents["doc_id"], documents["language"], strict=True))
        if documents is not None and "language" in documents.columns
        else {}
    )
    rows: list[tuple] = []
    if texts:
        for doc_id, group in utterances.groupby("doc_id", sort=False):
            text = texts[doc_id]
            rows.extend(document_units(text, group.itertuples(index=False), _sentences(text, languages.get(doc_id))))
    else:
        for row in utterances.itertuples(index=False):
            spans = [(row.start + s, row.start + e) for s, e in split_sentences(row.text)]
            rows.extend(_units_of(row, spans, row.text, row.start))
    return unit_frame(rows)


def _sentences(text: str, language: object) -> list[tuple[int, int]] | None:
    """A document's sentences by its language's splitter (None: English, split by :func:`document_units`)."""
    code = language.strip().lower() if isinstance(language, str) else ""
    if code in ("", "en") or not is_supported(code):
        return None
    return load_language(code).split_sentences(text)


def unit_frame(rows: list[tuple]) -> pd.DataFrame:
    """The units table of rows made by :func:`document_units`."""
    frame = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    return frame.astype({"utt_id": "int64", "start": "int64", "end": "int64"})


def document_units(text: str, utterances, sentences: list[tuple[int, int]] | None = None) -> list[tuple]:
    """The sentence units of one document's utterances, as rows in the order of :data:`UNIT_COLUMNS`.

    The per-document step of :func:`utterance_sentences`: the document is split into sentences
    once (or ``sentences`` gives its split) and each utterance (a named tuple with the
    :data:`UTTERANCE_COLUMNS`) is cut at them. A reporting clause is never a unit: the short
    rest of a sentence that holds a quotation (``, the Foreign Ministry said.``, ``Lavrov
    said``, a dateline before the quotation) gives no unit to the outlet or the speaker.
    """
    sentences = split_sentences(text) if sentences is None else sentences
    starts = [s for s, _ in sentences]
    utterances = list(utterances)
    quoted = _quoted_sentences(text, [(u.start, u.end) for u in utterances if u.source == "quote"], sentences, starts)
    rows: list[tuple] = []
    for row in utterances:
        pieces = [
            (a, b)
            for a, b, k in _pieces(text, row.start, row.end, sentences, starts)
            if row.source == "quote" or k not in quoted or not _reporting_clause(text, a, b, sentences[k])
        ]
        rows.extend(_units_of(row, pieces, text, 0))
    return rows


def _units_of(row, spans, text: str, base: int) -> list[tuple]:
    """Unit rows of one utterance; ``spans`` are document offsets, ``text`` starts at offset ``base``."""
    date, genre = getattr(row, "date", pd.NaT), getattr(row, "genre", "news")
    language = getattr(row, "language", "")
    language = language if isinstance(language, str) else ""
    return [
        (
            unit_id(row.doc_id, start, end),
            row.doc_id,
            row.utt_id,
            start,
            end,
            text[start - base : end - base],
            row.actor,
            row.side,
            row.source,
            row.type,
            row.outlet,
            date,
            genre,
            language,
        )
        for start, end in spans
    ]


def _split_rows(frame: pd.DataFrame) -> pd.DataFrame:
    has_doc = "doc_id" in frame.columns
    has_start = "start" in frame.columns
    rows = []
    for position, (index, row) in enumerate(frame.iterrows()):
        text = row["text"]
        if not isinstance(text, str):
            continue
        doc_id = str(row["doc_id"]) if has_doc else str(index if isinstance(index, str) else position)
        offset = int(row["start"]) if has_start else 0
        actor = row.get("actor", "")
        side = row.get("side", "")
        for s, e in split_sentences(text):
            start, end = offset + s, offset + e
            rows.append((unit_id(doc_id, start, end), doc_id, start, end, text[s:e], actor, side))
    units = pd.DataFrame(rows, columns=REQUIRED_COLUMNS)
    return units.astype({"start": "int64", "end": "int64"})


def as_units(data: str | Sequence[str] | pd.DataFrame) -> pd.DataFrame:
    """Return the sentence units of a text, a list of texts, or an utterances/units table.

    Every measuring stage takes its input through this function, so each accepts the same
    kinds of input.

    Parameters
    ----------
    data
        * a string: one document, ``doc_id`` ``"0"``;
        * a list of strings: one document each, ``doc_id`` ``"0"``, ``"1"``, ...;
        * a units table (has ``unit_id``, see :func:`utterance_sentences`): as is;
        * an utterances table (the columns of
          :data:`analysis.voices.utterances.UTTERANCE_COLUMNS`): cut with
          :func:`utterance_sentences`;
        * any other table with a ``text`` column (``doc_id``, ``start``, ``actor``, ``side``
          used when present): each row cut into sentences.

    Returns
    -------
    pandas.DataFrame
        At least the columns :data:`REQUIRED_COLUMNS`; missing ``actor``/``side`` are ``""``.

    Raises
    ------
    InputError
        For a table without a ``text`` column or a value of another type.
    """
    if isinstance(data, pd.DataFrame):
        if "unit_id" in data.columns and "text" in data.columns:
            units = data.copy()
        elif set(UTTERANCE_COLUMNS) - {"date", "genre", "language"} <= set(data.columns):
            units = utterance_sentences(data)
        elif "text" in data.columns:
            units = _split_rows(data)
        else:
            raise InputError(None, "a table of texts needs a 'text' column")
    elif isinstance(data, str):
        units = _split_rows(pd.DataFrame({"doc_id": ["0"], "text": [data]}))
    elif isinstance(data, Sequence) and all(isinstance(t, str) for t in data):
        units = _split_rows(pd.DataFrame({"doc_id": [str(i) for i in range(len(data))], "text": list(data)}))
    else:
        raise InputError(None, f"expected a text, a list of texts or a table, not {type(data).__name__}")
    for column in ("actor", "side"):
        if column not in units.columns:
            units[column] = ""
        units[column] = units[column].fillna("").astype(str)
    return units.reset_index(drop=True)
