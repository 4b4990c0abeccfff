"""Keyword in context: every occurrence of a term with the words around it and where it is.

Examples
--------
>>> kwic("strategic partnership", ["Both sides hailed the strategic partnership treaty."], window=2)[
...     ["left", "match", "right"]].values.tolist()
[['hailed the', 'strategic partnership', 'treaty.']]
>>> kwic("договор", ["Текст договора опубликован, договором довольны."], window=1, language="ru")[
...     ["left", "match", "right"]].values.tolist()
[['Текст', 'договора', 'опубликован,'], ['опубликован,', 'договором', 'довольны.']]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..errors import InputError
from ..languages import is_supported
from ..schema import columns
from ..text import normalise_quotes
from ..voices.units import unit_id
from .lemmas import ENGLISH, find_lemmas, unit_languages
from .terms import term_pattern

__all__ = ["KWIC_COLUMNS", "kwic"]

#: Columns of the table :func:`kwic` returns, in order.
KWIC_COLUMNS = columns("kwic")


def _context(text: str, *, window: int, left: bool) -> str:
    words = text.split()
    kept = words[-window:] if left else words[:window]
    return " ".join(kept) if window > 0 else ""


def kwic(
    term: str, data: str | Sequence[str] | pd.DataFrame, *, window: int = 8, language: str = ENGLISH
) -> pd.DataFrame:
    """Keyword in context: every occurrence of a term with the words around it and its source.

    Parameters
    ----------
    term
        A word or phrase, as :func:`keyness` prints it (``"international law"``); ``*`` is a
        wildcard (see :func:`term_pattern`). Matching ignores case.
    data
        A text, a list of texts, or an utterances, units or documents table (``text`` and, when
        present, ``doc_id``, ``start``, ``actor``, ``side``, ``unit_id``). Each row is searched
        as given, so the context never leaves its utterance or unit.
    window
        Number of words shown on each side.
    language
        The language of texts, and of a table's rows when it has no ``language`` column. In
        English the term's words are matched as written (above); in another language with
        resources by lemma (:func:`analysis.salience.lemmas.find_lemmas`: ``договор`` finds
        договора, договору, договором), the match shown as written. Rows in a language without
        resources are not searched.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KWIC_COLUMNS`; ``start``/``end`` are the match's character offsets in
        the document (the row's ``start`` added); ``unit_id`` is the row's ``unit_id`` or the
        span of the row as ``"{doc_id}:{start}-{end}"``.

    Examples
    --------
    >>> k = kwic("international law", ["Both nations uphold international law and the Charter."], window=2)
    >>> k[["left", "match", "right", "start"]].values.tolist()
    [['nations uphold', 'international law', 'and the', 20]]
    """
    pattern = term_pattern(term)
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise InputError(None, "a table of texts needs a 'text' column")
        frame = data
    else:
        texts = [data] if isinstance(data, str) else list(data)
        frame = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    # search every text, then read the other columns of the rows that match only
    found = []
    languages = unit_languages(frame, language)
    readable = {code: code == ENGLISH or is_supported(code) for code in set(languages)}
    for position, (text, code) in enumerate(zip(frame["text"].tolist(), languages, strict=True)):
        if isinstance(text, str) and readable[code]:
            if code == ENGLISH:
                matches = [match.span() for match in pattern.finditer(normalise_quotes(text))]
            else:
                matches = find_lemmas(term, text, code)
            if matches:
                found.append((position, text, matches))
    positions = [position for position, _, _ in found]
    matched = frame.iloc[positions]
    columns = {c: matched[c].tolist() if c in matched.columns else [None] * len(found)
               for c in ("start", "unit_id", "actor", "side")}  # fmt: skip
    doc_ids = matched["doc_id"].astype(str).tolist() if "doc_id" in matched.columns else list(map(str, positions))
    rows = []
    for i, (_, text, matches) in enumerate(found):
        doc_id = doc_ids[i]
        start = columns["start"][i]
        offset = int(start) if start is not None and start == start else 0
        row_unit = columns["unit_id"][i] or unit_id(doc_id, offset, offset + len(text))
        actor, side = (columns[c][i] for c in ("actor", "side"))
        for s, e in matches:
            rows.append(
                (
                    doc_id,
                    row_unit,
                    str(actor or "") if actor == actor else "",
                    str(side or "") if side == side else "",
                    offset + s,
                    offset + e,
                    _context(text[:s], window=window, left=True),
                    text[s:e],
                    _context(text[e:], window=window, left=False),
                )
            )
    result = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return result.astype({"start": "int64", "end": "int64"})
