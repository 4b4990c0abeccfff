"""Near-duplicate documents: the same wire story under several mastheads, found and kept once.

Wire copy is republished with edits: a new dateline and headline, paragraphs cut, the lead
rewritten, a word changed here and there. Two documents are *near-duplicates* when the sets of
their word 3-grams (:func:`~analysis.syndication.shingles.word_shingles` of the body; titles
are ignored, since reprints change them) are similar enough:

* Jaccard similarity at least :data:`THRESHOLD` (0.5), or
* containment at least :data:`CONTAINED` (0.7): that share of the shorter document's 3-grams
  is found in the longer one -- a reprint that was cut -- when the shorter one has at least
  :data:`MIN_CONTAINED` 3-grams (about a paragraph).

A *compilation* -- a live blog or a digest that reproduces several wire stories -- contains
each of them but is a copy of none; through it, distinct stories would chain into one cluster
(and a deduplicated corpus would keep one of them). A document that contains two documents
telling different stories (sharing less than :data:`DIFFERENT_STORIES`, a fifth, of the
shorter one's 3-grams) is therefore taken for a compilation: its containment pairs are set
aside, and it is listed in the table's ``attrs["compilations"]``. A wire story and its cut
reprints remain one cluster, since reprints of one story share most of their 3-grams however
each was cut.

Pairs are proposed by MinHash LSH and checked exactly (:mod:`analysis.syndication.shingles`),
and near-duplicate pairs are joined into clusters (a chain of reprints is one cluster).
Shingles found in more than :data:`FREQUENT` (1,000) documents -- set phrases, boilerplate,
a corpus written to one pattern -- propose no pairs (they still count in every similarity):
without this, on 10,000 articles generated as ``benchmarks/scale.py`` does, from one set of
sentence patterns, 1.1 million pairs of mostly unrelated articles were checked exactly, a
number that grows with the square of the corpus; with it, 30,000 are, and the same pairs are
found (``benchmarks/syndication.py``). On 10,000 generated
articles whose reprints were edited as above (``benchmarks/syndication.py``), the clusters
reach an adjusted Rand index of 0.994 against the truth; Jaccard alone at 0.5 reaches 0.91 on
such copies, and a Jaccard threshold low enough for cut reprints (0.3) would merge articles
that merely share recycled background paragraphs.

In each cluster one document is *kept* (for :func:`dedupe_documents`): the earliest, then
the longest, then the first by id -- the first publication is usually the wire original.

Examples
--------
>>> from analysis.corpus import documents_from_texts
>>> body = "The two ministers met in Moscow on Friday and signed a plan on trade, energy and transport links."
>>> docs = documents_from_texts({"a": "MOSCOW (Wire) - " + body, "b": "BAKU (Other) - " + body, "c": "Unrelated."})
>>> find_duplicates(docs)[["cluster", "doc_id", "kept", "kind"]].values.tolist()
[[1, 'a', True, ''], [1, 'b', False, 'near']]
>>> dedupe_documents(docs)["doc_id"].tolist()
['a', 'c']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..schema import columns
from .shingles import Pair, groups_of, similar_pairs, word_shingle_array, words

__all__ = [
    "THRESHOLD",
    "CONTAINED",
    "MIN_CONTAINED",
    "SHINGLE_WORDS",
    "DIFFERENT_STORIES",
    "FREQUENT",
    "DUPLICATE_COLUMNS",
    "find_duplicates",
    "dedupe_documents",
    "describe_duplicates",
]

#: Least Jaccard similarity of the word 3-gram sets of two near-duplicate documents.
THRESHOLD = 0.5
#: Least share of the shorter document's 3-grams found in the longer (a reprint that was cut).
CONTAINED = 0.7
#: Least number of 3-grams of the shorter document for containment to count (about a paragraph).
MIN_CONTAINED = 30
#: Words per shingle.
SHINGLE_WORDS = 3
#: Two documents sharing less than this share of the shorter one's shingles tell different stories.
DIFFERENT_STORIES = 0.2
#: Shingles found in more documents than this propose no pairs (see ``frequent`` in
#: :func:`~analysis.syndication.shingles.similar_pairs`).
FREQUENT = 1000
#: Columns of :func:`find_duplicates`.
DUPLICATE_COLUMNS = columns("duplicates")


def _kept_order(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents in the order a cluster keeps them: earliest, longest, then by id."""
    order = documents.assign(_date=pd.to_datetime(documents["date"]) if "date" in documents else pd.NaT)
    return order.sort_values(["_date", "_length", "doc_id"], ascending=[True, False, True], na_position="last")


#: The columns of a documents table :func:`find_duplicates` reads besides ``text``.
_META = ["doc_id", "outlet", "date", "title"]


def _fingerprints(batches: Iterable[pd.DataFrame], shingle: int) -> tuple[pd.DataFrame, list[np.ndarray], list[bytes]]:
    """Each document's columns but its text, its shingles and a digest of its normalised text.

    The documents are read one table after another and their texts are not kept: the memory
    taken is that of the shingles (4 bytes a word), not that of the texts.
    """
    tables: list[pd.DataFrame] = []
    sets: list[np.ndarray] = []
    digests: list[bytes] = []
    for batch in batches:
        texts = batch["text"].astype(str)
        tables.append(batch[[c for c in _META if c in batch]].assign(_length=texts.str.len().to_numpy()))
        for text in texts:
            tokens = words(text)
            sets.append(word_shingle_array(tokens, shingle))
            digests.append(hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).digest())
    if not tables:
        return pd.DataFrame(columns=[*_META, "_length"]), sets, digests
    return pd.concat(tables, ignore_index=True), sets, digests


def find_duplicates(
    documents: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    threshold: float = THRESHOLD,
    contained: float | None = CONTAINED,
    min_contained: int = MIN_CONTAINED,
    shingle: int = SHINGLE_WORDS,
) -> pd.DataFrame:
    """Find clusters of exact and near-duplicate documents.

    Parameters
    ----------
    documents
        A ``documents`` table (``doc_id``, ``text``; ``outlet``, ``date``, ``title`` when
        present), or an iterable of such tables, read one after another without keeping their
        texts: the way to search a corpus larger than memory, a part at a time (the result
        does not depend on the order of the documents).
    threshold
        Least Jaccard similarity of two documents' word shingles (see the module docstring).
    contained
        Least containment of the shorter document in the longer; None to use Jaccard only.
    min_contained
        Least number of shingles of the shorter document for containment to count.
    shingle
        Words per shingle.

    Returns
    -------
    pandas.DataFrame
        One row per document that has a near-duplicate, columns :data:`DUPLICATE_COLUMNS`:
        ``cluster`` (numbered from 1 in the order of the kept documents), ``kept`` (the one
        document a deduplicated analysis keeps), ``kind`` of copy (``exact``: the same
        normalised text as the kept document; ``near``; ``""`` for the kept document itself),
        ``jaccard`` and ``containment`` with the kept
        document (1 for the kept one), ``size`` (documents in the cluster). Sorted by cluster,
        the kept document first. ``attrs["compilations"]`` lists the compilations set aside,
        by id.

    Examples
    --------
    >>> from analysis.corpus import documents_from_texts
    >>> parts = [documents_from_texts({"a": "One two three four."}), documents_from_texts({"b": "One two three four!"})]
    >>> find_duplicates(iter(parts))[["doc_id", "kind"]].values.tolist()
    [['a', ''], ['b', 'exact']]
    """
    batches = [documents] if isinstance(documents, pd.DataFrame) else documents
    table, sets, digests = _fingerprints(batches, shingle)
    pairs = similar_pairs(
        sets, threshold=threshold, contained=contained, min_contained=min_contained, frequent=FREQUENT
    )
    pairs, compilations = _set_aside_compilations(pairs, sets, threshold)
    compiled = sorted(table["doc_id"].iloc[sorted(compilations)].tolist())
    if not pairs:
        return _with_attrs(pd.DataFrame(columns=DUPLICATE_COLUMNS), compiled)

    groups = groups_of(len(table), [(p.i, p.j) for p in pairs])
    sizes = pd.Series(groups).value_counts()
    clustered = table.assign(_group=groups)[pd.Series(groups).map(sizes).gt(1).to_numpy()]
    ordered = _kept_order(clustered)
    kept = ordered.drop_duplicates("_group")
    number = {group: n for n, group in enumerate(kept["_group"], start=1)}
    kept_of = dict(zip(kept["_group"], kept.index, strict=True))
    rows = []
    for index, row in ordered.iterrows():
        first = kept_of[row["_group"]]
        a, b = sets[index], sets[first]
        common = _common(a, b)
        union = len(a) + len(b) - common
        exact = common == union and digests[index] == digests[first]
        rows.append(
            {
                "cluster": number[row["_group"]],
                "doc_id": row["doc_id"],
                "kept": index == first,
                "kind": "" if index == first else "exact" if exact else "near",
                "jaccard": common / union if union else 1.0,
                "containment": common / min(len(a), len(b)) if len(a) and len(b) else 1.0,
                "size": int(sizes[row["_group"]]),
                "outlet": row.get("outlet", ""),
                "date": row.get("date", pd.NaT),
                "title": row.get("title", ""),
            }
        )
    table = pd.DataFrame(rows, columns=DUPLICATE_COLUMNS)
    table = table.sort_values(["cluster", "kept"], ascending=[True, False], kind="stable").reset_index(drop=True)
    return _with_attrs(table, compiled)


def _with_attrs(table: pd.DataFrame, compilations: list[str]) -> pd.DataFrame:
    table.attrs["compilations"] = compilations
    return table


def _common(a: np.ndarray, b: np.ndarray) -> int:
    """The number of shingles two documents share."""
    return len(np.intersect1d(a, b, assume_unique=True))


def _set_aside_compilations(pairs: list[Pair], sets: list[np.ndarray], threshold: float) -> tuple[list[Pair], set[int]]:
    """Drop the containment pairs of compilations: documents containing two documents that tell different stories.

    Two contained documents tell different stories when they share less than
    :data:`DIFFERENT_STORIES` of the shorter one's shingles (cut reprints of one story share
    most of theirs, even when each was cut differently).
    """

    def larger(pair: Pair) -> int:
        return pair.i if len(sets[pair.i]) >= len(sets[pair.j]) else pair.j

    contained_in: dict[int, list[int]] = {}
    for pair in pairs:
        if pair.jaccard < threshold:  # found by containment: the smaller one is in the larger
            large = larger(pair)
            contained_in.setdefault(large, []).append(pair.i + pair.j - large)

    def different(a: np.ndarray, b: np.ndarray) -> bool:
        return _common(a, b) < DIFFERENT_STORIES * min(len(a), len(b))

    compilations = {
        large
        for large, smalls in contained_in.items()
        if any(different(sets[a], sets[b]) for k, a in enumerate(smalls) for b in smalls[k + 1 :])
    }
    return [p for p in pairs if p.jaccard >= threshold or larger(p) not in compilations], compilations


def dedupe_documents(documents: pd.DataFrame, duplicates: pd.DataFrame | None = None, **options) -> pd.DataFrame:
    """Return the documents with one document per cluster of near-duplicates (the kept one).

    ``duplicates`` is a :func:`find_duplicates` table (computed with ``options`` when not
    given). The order of the remaining documents is unchanged; the table's ``attrs`` say how
    many were dropped (``"duplicates_dropped"``).

    Examples
    --------
    >>> from analysis.corpus import documents_from_texts
    >>> docs = documents_from_texts(["Same words here, and more of them.", "Same words here, and more of them."])
    >>> dedupe_documents(docs).attrs["duplicates_dropped"]
    1
    """
    if duplicates is None:
        duplicates = find_duplicates(documents, **options)
    dropped = set(duplicates.loc[~duplicates["kept"].astype(bool), "doc_id"])
    kept = documents[~documents["doc_id"].isin(dropped)].copy()
    kept.attrs["duplicates_dropped"] = len(dropped)
    return kept


def describe_duplicates(duplicates: pd.DataFrame, n_documents: int) -> str:
    """Say in one sentence what :func:`find_duplicates` found.

    Examples
    --------
    >>> table = pd.DataFrame({"cluster": [1, 1, 1], "kept": [True, False, False], "kind": ["", "exact", "near"]})
    >>> describe_duplicates(table, 10)
    '3 of 10 documents are copies of one another in 1 cluster (1 exact copy); keeping one per cluster leaves 8.'
    >>> describe_duplicates(table.iloc[0:0], 10)
    'No two of the 10 documents are near-duplicates.'
    """
    compilations = len(duplicates.attrs.get("compilations", []))
    aside = (
        f" {compilations} document{'s' if compilations != 1 else ''} (live blogs, digests) reproduce"
        f"{'s' if compilations == 1 else ''} several different stories and count as copies of none."
        if compilations
        else ""
    )
    if duplicates.empty:
        return f"No two of the {n_documents} documents are near-duplicates.{aside}"
    clusters = duplicates["cluster"].nunique()
    exact = int(duplicates["kind"].eq("exact").sum())
    dropped = int((~duplicates["kept"].astype(bool)).sum())
    return (
        f"{len(duplicates)} of {n_documents} documents are copies of one another in {clusters} "
        f"cluster{'s' if clusters != 1 else ''} ({exact} exact cop{'ies' if exact != 1 else 'y'}); "
        f"keeping one per cluster leaves {n_documents - dropped}.{aside}"
    )
