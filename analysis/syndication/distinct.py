"""Distinct statements: the same words of one actor in many outlets are one statement with a reach.

A soundbite carried by five outlets is one thing the speaker said, not five. Sentence units
(:mod:`analysis.voices.units`) of the same actor whose texts are the same or nearly the same
are grouped into one *distinct statement*:

* texts are compared normalised (case, punctuation and quotation marks ignored,
  :func:`~analysis.syndication.shingles.normalise`) as sets of character 4-grams;
* two units of the same ``actor`` are the same statement when the Jaccard similarity of these
  sets is at least :data:`THRESHOLD` (0.6) -- a changed word or tense, a dropped "two", a
  partial quote re-cut by a few words -- and groups are closed under such links. Pairs are
  proposed by MinHash LSH, one index per actor, with bands that find a pair at the threshold
  with probability 0.988 (:data:`RECALL`; 0.998 at 0.65), then checked exactly; identical
  normalised texts are always one statement.

On the hand-made pairs of ``tests/test_syndication.py`` (the same sentence as different outlets
render it, and different sentences that share a long phrase) every pair of the same statement
scores 0.63 or more and every pair of different statements 0.53 or less.

Each distinct statement is identified by the ``unit_id`` of its first copy (the earliest
document, then corpus order), and has a *reach*: its copies (sentence units), the documents and
outlets that carry it and its first date. Sentiment, keyness and frames count distinct
statements by default (the first copy stands for the statement); ``count="copies"`` counts
every copy (:func:`counted_units`).

Examples
--------
>>> import pandas as pd
>>> units = pd.DataFrame({"unit_id": ["a:0-9", "b:4-14", "c:0-8"], "doc_id": ["a", "b", "c"],
...     "text": ["A new chapter.", "a new chapter", "Sanctions are illegal."], "actor": ["putin"] * 3,
...     "outlet": ["TASS", "RIA", "TASS"], "date": pd.to_datetime(["2025-01-17", "2025-01-18", "2025-01-18"])})
>>> distinct_statements(units)[["unit_id", "statement_id", "first", "copies", "outlets"]].values.tolist()
[['a:0-9', 'a:0-9', True, 2, 2], ['b:4-14', 'a:0-9', False, 2, 2], ['c:0-8', 'c:0-8', True, 1, 1]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..schema import columns
from .shingles import char_shingle_array, groups_of, similar_pairs

__all__ = [
    "THRESHOLD",
    "SHINGLE_CHARS",
    "COUNTS",
    "REACH_COLUMNS",
    "STATEMENT_REACH_COLUMNS",
    "distinct_statements",
    "statement_reach",
    "counted_units",
    "describe_reach",
]

#: Least Jaccard similarity of the character 4-gram sets of two copies of one statement.
THRESHOLD = 0.6
#: Characters per shingle.
SHINGLE_CHARS = 4
#: Least probability that the LSH index proposes two copies at the threshold (more above it).
RECALL = 0.98
#: What the measurements count: each distinct statement once, or every copy.
COUNTS = ("distinct", "copies")
#: Columns :func:`distinct_statements` adds to a units table.
REACH_COLUMNS = columns("statements")[1:]
#: Columns of :func:`statement_reach`.
STATEMENT_REACH_COLUMNS = columns("statement_reach")


def _column(units: pd.DataFrame, name: str, default: object) -> pd.Series:
    return units[name] if name in units.columns else pd.Series(default, index=units.index)


def distinct_statements(
    units: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
    shingle: int = SHINGLE_CHARS,
    grouping: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Group the sentence units of each actor into distinct statements and give each its reach.

    Parameters
    ----------
    units
        Sentence units (``CorpusAnalysis.units`` or a voice's rows of it): ``unit_id``,
        ``doc_id``, ``text``, ``actor``; ``outlet`` and ``date`` when present.
    threshold
        Least Jaccard similarity of two copies' character shingles (see the module docstring).
    shingle
        Characters per shingle.
    grouping
        A grouping made before, over a larger table (``unit_id`` and :data:`REACH_COLUMNS`, as a
        stored analysis keeps it, :attr:`analysis.CorpusAnalysis.statements`). It is used when
        ``units`` hold every copy of each statement they touch -- then grouping ``units`` (in
        the order of the table the grouping was made from) anew gives the same groups, first
        copies and reach -- and ignored otherwise. It must have been made with the same
        ``threshold`` and ``shingle``.

    Returns
    -------
    pandas.DataFrame
        The units, in their order, with :data:`REACH_COLUMNS`: ``statement_id`` (the
        ``unit_id`` of the statement's first copy), ``first`` (this unit is that copy),
        ``copies`` (units of the statement), ``documents``, ``outlets`` (how many carry it) and
        ``first_date``. Units of different actors are never one statement; the outlets'
        narration (actor ``outlet``) is grouped like any actor's, so a wire lead reprinted by
        two outlets is one.
    """
    table = units.reset_index(drop=True)
    if table.empty:
        return table.assign(**{c: pd.Series(dtype=object) for c in REACH_COLUMNS})
    if grouping is not None:
        known = _known_groups(table, grouping)
        if known is not None:
            return table.drop(columns=REACH_COLUMNS, errors="ignore").assign(**known)
        covered = _covered(table, grouping)
        part = table[covered].reset_index(drop=True)
        known = _known_groups(part, grouping) if covered.any() and not covered.all() else None
        if known is not None:  # the grouping answers for its actors; the others (narration) are grouped here
            parts = [
                part.drop(columns=REACH_COLUMNS, errors="ignore").assign(**known),
                distinct_statements(table[~covered], threshold=threshold, shingle=shingle),
            ]
            order = np.concatenate([np.flatnonzero(covered), np.flatnonzero(~covered)])
            return pd.concat(parts, ignore_index=True).iloc[np.argsort(order, kind="stable")].reset_index(drop=True)
    actors = _column(table, "actor", "").fillna("").astype(str)
    texts = table["text"].fillna("").astype(str)
    links: list[tuple[int, int]] = []
    # One actor at a time (statements of different actors never group): the memory of the
    # shingle sets is bounded by the most quoted actor, not by the corpus.
    for positions in actors.groupby(actors, sort=False).indices.values():
        codes, unique = pd.factorize(texts.iloc[positions])  # each distinct text shingled once
        unique_sets = [char_shingle_array(text, shingle) for text in unique]
        pairs = similar_pairs([unique_sets[code] for code in codes], threshold=threshold, recall=RECALL)
        links.extend((int(positions[p.i]), int(positions[p.j])) for p in pairs)
    groups = groups_of(len(table), links)
    dates = pd.to_datetime(_column(table, "date", pd.NaT))
    order = pd.DataFrame({"group": groups, "date": dates, "position": np.arange(len(table))})
    order = order.sort_values(["date", "position"], na_position="last", kind="stable")
    first_of = order.drop_duplicates("group").set_index("group")["position"]
    first = first_of.reindex(groups).to_numpy()
    outlets = _column(table, "outlet", "").fillna("").astype(str)
    frame = pd.DataFrame({"group": groups, "doc_id": table["doc_id"].astype(str), "outlet": outlets, "date": dates})
    by_group = frame.groupby("group")
    table["statement_id"] = table["unit_id"].to_numpy()[first]
    table["first"] = first == np.arange(len(table))
    table["copies"] = by_group["doc_id"].transform("size").to_numpy()
    table["documents"] = by_group["doc_id"].transform("nunique").to_numpy()
    table["outlets"] = by_group["outlet"].transform("nunique").to_numpy()
    table["first_date"] = by_group["date"].transform("min").to_numpy()
    return table


def _covered(table: pd.DataFrame, grouping: pd.DataFrame) -> np.ndarray:
    """The units of the actors whose every unit here is in ``grouping`` (statements never span actors)."""
    actors = _column(table, "actor", "").fillna("").astype(str)
    inside = table["unit_id"].astype(str).isin(set(grouping["unit_id"].astype(str))).to_numpy()
    outside = set(actors[~inside])
    return inside & ~actors.isin(outside).to_numpy()


def _known_groups(table: pd.DataFrame, grouping: pd.DataFrame) -> dict[str, np.ndarray] | None:
    """The reach columns of ``table``'s units from ``grouping``, or None when it cannot answer.

    It answers when every unit is in the grouping, no unit is listed twice, and every statement
    touched has all its copies in ``table``: the units then form whole groups, and the pairs
    that join them (each decided by the two texts alone) are the same.
    """
    ids = table["unit_id"].astype(str)
    if ids.duplicated().any():
        return None
    indexed = grouping.set_index(grouping["unit_id"].astype(str))
    if indexed.index.has_duplicates or not ids.isin(indexed.index).all():
        return None
    rows = indexed.loc[ids.to_numpy()]
    present = rows.groupby("statement_id", sort=False)["copies"].agg(["size", "first"])
    if not (present["size"] == present["first"]).all():
        return None
    return {column: rows[column].to_numpy() for column in REACH_COLUMNS}


def _grouped(units: pd.DataFrame) -> pd.DataFrame:
    return units if "statement_id" in units.columns else distinct_statements(units)


def statement_reach(units: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct statement: its first text, actor and reach, most copied first.

    ``units`` is a units table, grouped by :func:`distinct_statements` (grouped here when it
    is not). Columns :data:`STATEMENT_REACH_COLUMNS`; ``outlet_names`` and ``unit_ids`` are
    lists, in the order of the copies.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["a:0-9", "b:4-14"], "doc_id": ["a", "b"],
    ...     "text": ["A new chapter.", "a new chapter"], "actor": ["putin"] * 2, "outlet": ["TASS", "RIA"]})
    >>> statement_reach(units)[["statement_id", "text", "copies", "outlet_names"]].values.tolist()
    [['a:0-9', 'A new chapter.', 2, ['TASS', 'RIA']]]
    """
    grouped = _grouped(units)
    if grouped.empty:
        return pd.DataFrame(columns=STATEMENT_REACH_COLUMNS)
    outlets = _column(grouped, "outlet", "").fillna("").astype(str)
    copies = grouped.assign(_outlet=outlets)
    heads = copies[copies["first"].astype(bool)].drop_duplicates("statement_id").set_index("statement_id")
    lists = pd.DataFrame(
        {
            "unit_ids": copies.groupby("statement_id", sort=False)["unit_id"].agg(list),
            "outlet_names": copies.drop_duplicates(["statement_id", "_outlet"])  # each outlet once, in order
            .groupby("statement_id", sort=False)["_outlet"]
            .agg(list),
        }
    )
    table = pd.DataFrame(
        {
            "statement_id": lists.index,
            "actor": heads["actor"].reindex(lists.index).to_numpy() if "actor" in heads else "",
            "text": heads["text"].reindex(lists.index).to_numpy(),
            **{c: heads[c].reindex(lists.index).astype("int64").to_numpy() for c in ("copies", "documents", "outlets")},
            "first_date": heads["first_date"].reindex(lists.index).to_numpy(),
            "outlet_names": lists["outlet_names"].to_numpy(),
            "unit_ids": lists["unit_ids"].to_numpy(),
        },
        columns=STATEMENT_REACH_COLUMNS,
    )
    return table.sort_values(["copies", "first_date", "statement_id"], ascending=[False, True, True],
                             na_position="last", kind="stable").reset_index(drop=True)  # fmt: skip


def counted_units(units: pd.DataFrame, count: str = "distinct") -> pd.DataFrame:
    """Return the units a measurement counts: the first copy of each distinct statement, or all.

    Raises
    ------
    AnalysisError
        For a ``count`` other than ``"distinct"`` or ``"copies"``.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["a:0-2", "b:0-2"], "doc_id": ["a", "b"], "text": ["Hi.", "Hi."],
    ...     "actor": ["x", "x"]})
    >>> len(counted_units(units)), len(counted_units(units, "copies"))
    (1, 2)
    """
    if count not in COUNTS:
        raise AnalysisError(f"count must be 'distinct' or 'copies', not {count!r}")
    grouped = _grouped(units)
    return grouped if count == "copies" else grouped[grouped["first"].astype(bool)]


def describe_reach(grouped: pd.DataFrame, label: str) -> str:
    """Say how much counting distinct statements shrinks a voice's sentence units.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["a:0-2", "b:0-2", "c:0-4"], "doc_id": ["a", "b", "c"],
    ...     "text": ["Hi.", "Hi.", "Bye."], "actor": ["x"] * 3, "outlet": ["P", "Q", "P"]})
    >>> describe_reach(distinct_statements(units), "X")
    'X: 3 sentence units are 2 distinct statements (1 copy, 33% fewer); the most copied: 2 times, 2 outlets.'
    """
    total = len(grouped)
    distinct = int(grouped["first"].astype(bool).sum()) if total else 0
    copies = total - distinct
    if copies == 0:
        return f"{label}: {total} sentence unit(s), each a distinct statement (no copies)."
    top = grouped.sort_values("copies", ascending=False, kind="stable").iloc[0]
    return (
        f"{label}: {total} sentence units are {distinct} distinct statements ({copies} "
        f"cop{'ies' if copies != 1 else 'y'}, {copies / total:.0%} fewer); the most copied: "
        f"{int(top['copies'])} times, {int(top['outlets'])} outlet{'s' if int(top['outlets']) != 1 else ''}."
    )
