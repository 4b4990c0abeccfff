"""Shingles and near-duplicate groups: the one similarity machinery of the syndication stage.

A text is normalised (Unicode NFKC, case folded, every run of characters that are not letters
or digits read as one space: quotation marks, dashes and punctuation do not count), cut into
*shingles* -- overlapping runs of ``k`` words, or of ``k`` characters for short texts -- and
each shingle is hashed to 32 bits with CRC-32, so a text becomes a set of integers that is
the same on every run and every machine.

:func:`similar_groups` groups such sets: MinHash signatures (Broder 1997; datasketch's
:class:`~datasketch.MinHash`, 128 permutations) are cut into bands as in locality-sensitive
hashing (LSH; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3): two sets
whose signatures agree on a whole band are a candidate pair, found in one vectorised pass over
the signatures (no index held in memory beyond them). Every candidate whose MinHash estimate
is plausible is then checked exactly (Jaccard similarity of the two sets, or containment of
the smaller in the larger), and the accepted pairs are joined into groups (connected
components). Because the check is exact, the groups depend on the sets only, never on the
order of the input; banding can at worst miss a pair whose similarity is close to the
threshold: the bands are chosen so that a pair at the threshold is proposed with a probability
of at least 0.99 (:func:`lsh_bands`), and a pair above it with a higher one.

Examples
--------
>>> normalise("The “new chapter” -- in ALL fields!")
'the new chapter in all fields'
>>> sets = [word_shingles("a b c d e f", 3), word_shingles("a b c d e g", 3), word_shingles("x y z", 3)]
>>> similar_groups(sets, threshold=0.5).tolist()
[0, 0, 1]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

__all__ = [
    "NUM_PERM",
    "SEED",
    "RECALL",
    "lsh_bands",
    "normalise",
    "words",
    "word_shingles",
    "word_shingle_array",
    "Shingles",
    "KEPT_SHARE",
    "char_shingles",
    "char_shingle_array",
    "jaccard",
    "containment",
    "Pair",
    "similar_pairs",
    "similar_groups",
    "groups_of",
]

#: Permutations of every MinHash signature (a standard error of about 0.04 on a Jaccard estimate).
NUM_PERM = 128
#: Seed of the MinHash permutations: fixed, so that signatures are the same on every run.
SEED = 1
#: The least probability that the LSH index proposes a pair at the threshold (:func:`lsh_bands`).
RECALL = 0.99

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Return the text as compared: NFKC, case folded, punctuation and quote marks as single spaces.

    Examples
    --------
    >>> normalise("«Turning point,» he said.")
    'turning point he said'
    """
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def words(text: str) -> list[str]:
    """Return the normalised words of a text.

    Examples
    --------
    >>> words("It's a Turning-point.")
    ['it', 's', 'a', 'turning', 'point']
    """
    normalised = normalise(text)
    return normalised.split(" ") if normalised else []


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


_MIX = np.uint64(0x9E3779B97F4A7C15)
_MASK32 = np.uint64(0xFFFFFFFF)


def _runs(values: np.ndarray, k: int) -> np.ndarray:
    """The distinct 32-bit hashes of every run of ``k`` consecutive ``values`` (one run if fewer), sorted.

    The values of a run are combined by multiply-and-add in 64 bits, then the top and bottom
    halves mixed.
    """
    width = min(k, len(values))
    count = len(values) - width + 1
    combined = values[:count].copy()
    for offset in range(1, width):
        combined = combined * _MIX + values[offset : offset + count]
    combined = (combined ^ (combined >> np.uint64(32))) & _MASK32
    return np.unique(combined.astype(np.uint32))


def word_shingle_array(text: str | Sequence[str], k: int) -> np.ndarray:
    """Return the hashed runs of ``k`` words of a text as a sorted array of distinct ``uint32``.

    The same shingles as :func:`word_shingles`, in under a tenth of the memory: the form to hold
    the shingles of a large corpus in (:func:`similar_pairs` takes either).

    Examples
    --------
    >>> word_shingle_array("one two three four", 3).dtype, len(word_shingle_array("one two three four", 3))
    (dtype('uint32'), 2)
    """
    tokens = words(text) if isinstance(text, str) else list(text)
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    return _runs(np.fromiter((_word_hash(w) for w in tokens), dtype=np.uint64, count=len(tokens)), k)


def word_shingles(text: str | Sequence[str], k: int) -> frozenset[int]:
    """Return the hashed runs of ``k`` words of a text (or of a list of normalised words).

    Each word is hashed with CRC-32 and the hashes of ``k`` consecutive words are combined
    into one 32-bit value (multiply-and-add in 64 bits, then the top and bottom halves mixed),
    so the shingles of a text are the same on every run. A text of fewer than ``k`` words (but
    at least one) gives one shingle, the whole text.

    Examples
    --------
    >>> len(word_shingles("one two three four", 3)), len(word_shingles("one two", 3)), len(word_shingles("", 3))
    (2, 1, 0)
    >>> word_shingles("a b c d", 3) == word_shingles(["a", "b", "c", "d"], 3)
    True
    """
    return frozenset(word_shingle_array(text, k).tolist())


def char_shingle_array(text: str, k: int) -> np.ndarray:
    """Return the hashed runs of ``k`` characters of the normalised text as a sorted ``uint32`` array.

    The same shingles as :func:`char_shingles`, in under a tenth of the memory.

    Examples
    --------
    >>> char_shingle_array("Abc, de", 3).tolist() == sorted(char_shingles("Abc, de", 3))
    True
    """
    normalised = normalise(text)
    if not normalised:
        return np.empty(0, dtype=np.uint32)
    return _runs(np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64), k)


def char_shingles(text: str, k: int) -> frozenset[int]:
    """Return the hashed runs of ``k`` characters of the normalised text.

    The code points of ``k`` consecutive characters are combined into one 32-bit value as in
    :func:`word_shingles` (vectorised, so a sentence takes microseconds).

    Examples
    --------
    >>> len(char_shingles("Abc, de", 3)), len(char_shingles("ab", 3)), len(char_shingles("", 3))
    (4, 1, 0)
    """
    return frozenset(char_shingle_array(text, k).tolist())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Return the Jaccard similarity ``|a & b| / |a | b|`` of two sets (0 for two empty sets).

    Examples
    --------
    >>> jaccard(frozenset({1, 2, 3}), frozenset({2, 3, 4}))
    0.5
    """
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Return the share of the smaller set found in the larger, ``|a & b| / min(|a|, |b|)``.

    Examples
    --------
    >>> containment(frozenset({1, 2}), frozenset({1, 2, 3, 4}))
    1.0
    """
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@cache
def lsh_bands(threshold: float, num_perm: int = NUM_PERM, *, recall: float = RECALL) -> tuple[int, int]:
    """Return the bands ``b`` and rows ``r`` of an LSH index that finds a pair at ``threshold`` with ``recall``.

    A pair of Jaccard similarity ``s`` becomes a candidate with probability
    ``1 - (1 - s**r)**b``; of the settings with ``b * r <= num_perm`` that reach ``recall`` at
    the threshold, the one with the most rows (the fewest candidates below it) is chosen
    (datasketch's ``MinHashLSH`` instead balances false positives and negatives, which finds
    only about half of the pairs at its threshold).

    Examples
    --------
    >>> lsh_bands(0.5), lsh_bands(0.7)
    ((42, 3), (32, 4))
    """
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            best = (bands, rows)
    return best


class Pair(NamedTuple):
    """Two similar sets: their positions ``i < j``, Jaccard similarity and containment."""

    i: int
    j: int
    jaccard: float
    containment: float


#: A set of shingles: a frozenset of ints, or an array of distinct ints (:func:`word_shingle_array`).
Shingles = frozenset[int] | np.ndarray

#: A set whose signature would keep less than this share of its shingles once the frequent ones
#: are left out keeps them all (see ``frequent`` in :func:`similar_pairs`).
KEPT_SHARE = 0.2


class _Packed(NamedTuple):
    """Sets of shingles one after another in one array, each sorted: ``values[offsets[i]:offsets[i + 1]]``."""

    values: np.ndarray
    offsets: np.ndarray

    @classmethod
    def of(cls, sets: Sequence[Shingles]) -> _Packed:
        sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
        offsets = np.r_[0, np.cumsum(sizes)].astype(np.int64)
        values = np.empty(int(offsets[-1]), dtype=np.uint32)
        for i, shingles in enumerate(sets):
            if not isinstance(shingles, np.ndarray):
                shingles = np.fromiter(shingles, dtype=np.uint32, count=len(shingles))
            values[offsets[i] : offsets[i + 1]] = np.sort(shingles)
        return cls(values, offsets)

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)

    def at(self, i: int) -> np.ndarray:
        return self.values[self.offsets[i] : self.offsets[i + 1]]

    def digest(self, i: int) -> bytes:
        return hashlib.blake2b(self.at(i).tobytes(), digest_size=16).digest()

    def subset(self, positions: Sequence[int]) -> _Packed:
        return _Packed.of([self.at(i) for i in positions])


def similar_pairs(
    sets: Sequence[Shingles],
    *,
    threshold: float,
    contained: float | None = None,
    min_contained: int = 1,
    keys: Sequence[object] | None = None,
    frequent: int | None = None,
    num_perm: int = NUM_PERM,
    recall: float = RECALL,
) -> list[Pair]:
    """Return pairs of sets whose Jaccard similarity is at least ``threshold`` (or that hold one another).

    Sets with the same content (and key) are paired with the first of them only, and two groups
    of identical sets are joined by one pair of their first members: the pairs connect every
    group of similar sets (:func:`similar_groups`) without listing all of a group's pairs, which
    would grow with the square of a much-copied sentence's copies.

    Parameters
    ----------
    sets
        Sets of 32-bit shingles (:func:`word_shingles`, :func:`char_shingles`, or arrays of distinct
        values such as :func:`word_shingle_array`); empty sets pair with nothing.
    threshold
        The least Jaccard similarity (:func:`jaccard`) of a pair.
    contained
        When given, a pair whose :func:`containment` (the share of the smaller set found in the
        larger: a copy that was cut) is at least this also counts, provided the smaller set has
        at least ``min_contained`` shingles. Candidates are then also looked up at the Jaccard
        similarity such a pair has when the larger set is twice the size of the smaller.
    min_contained
        The least size of the smaller set of a pair accepted by containment.
    keys
        When given, only sets with equal keys pair (for example, the statements of one actor):
        each key has its own LSH index.
    frequent
        When given, shingles found in more than this many distinct sets (set phrases and
        boilerplate, such as "the foreign ministry said") are left out of the signatures that
        propose pairs, as Broder et al. (1997) left out the shingles common to many web pages:
        on a corpus written to one pattern they put most pairs of unrelated texts into one
        bucket, and the search grows with the square of the corpus. They still count in the
        similarity of every proposed pair. A set that would keep less than
        :data:`KEPT_SHARE` of its shingles (a story copied more often than ``frequent``)
        keeps them all. Candidates are then checked without the MinHash estimate, which would
        be that of the shorter sets.
    num_perm
        Permutations of the MinHash signatures.
    recall
        The least probability that LSH proposes a pair at the threshold (:func:`lsh_bands`).

    Examples
    --------
    >>> sets = [frozenset(range(100)), frozenset(range(10, 110)), frozenset(range(50))]
    >>> [(p.i, p.j, round(p.jaccard, 2)) for p in similar_pairs(sets, threshold=0.8)]
    [(0, 1, 0.82)]
    >>> [(p.i, p.j, p.containment) for p in similar_pairs(sets, threshold=0.8, contained=1.0)]
    [(0, 1, 0.9), (0, 2, 1.0)]
    """
    lookup = threshold if contained is None else min(threshold, contained / (3 - contained))
    bands, rows = lsh_bands(round(lookup, 3), num_perm, recall=recall)
    key_of = list(keys) if keys is not None else [None] * len(sets)
    packed = _Packed.of(sets)
    sizes = packed.sizes
    # Identical sets (of one key) always pair, and need one signature between them.
    by_content: dict[tuple[object, bytes], list[int]] = {}
    for i in np.flatnonzero(sizes).tolist():
        by_content.setdefault((key_of[i], packed.digest(i)), []).append(i)
    # each copy is paired with the first of its identical sets only: as many pairs as copies
    pairs = [Pair(members[0], j, 1.0, 1.0) for members in by_content.values() for j in members[1:]]
    representatives = [members[0] for members in by_content.values()]
    if len(representatives) < 2:
        return sorted(pairs)
    distinct = packed if len(representatives) == len(sets) else packed.subset(representatives)
    del packed
    columns, counts = _numbered(distinct.values)
    signed = distinct
    if frequent is not None:
        usual = counts[columns] <= frequent
        kept = np.add.reduceat(usual, distinct.offsets[:-1], dtype=np.int64)
        usual |= np.repeat(kept < KEPT_SHARE * distinct.sizes, distinct.sizes)
        left = np.add.reduceat(usual, distinct.offsets[:-1], dtype=np.int64)
        signed = _Packed(distinct.values[usual], np.r_[0, np.cumsum(left)])
    from datasketch import MinHash  # imported when used: about 0.4 s that most commands do not need

    matrix = np.empty((len(representatives), num_perm), dtype=np.uint32)  # 32-bit values: half the memory
    values = (signed.at(i).tolist() for i in range(len(representatives)))
    for row, signature in enumerate(MinHash.generator(values, num_perm=num_perm, seed=SEED, hashfunc=int)):
        matrix[row] = signature.hashvalues
    del signed
    groups = pd.factorize(pd.Series([key_of[i] for i in representatives], dtype=object))[0].astype(np.uint64)
    # The MinHash estimate has a standard error of at most 0.5 / sqrt(num_perm); a candidate
    # estimated more than four of those below the lookup threshold is dropped unchecked.
    floor = lookup - 2 / np.sqrt(num_perm) if frequent is None else None
    found = _band_candidates(matrix, groups, bands, rows, floor=floor)
    if len(found):
        common, size_a, size_b = _overlaps(distinct.sizes, columns, found)
        similarity = common / (size_a + size_b - common)
        smaller = np.minimum(size_a, size_b)
        share = common / smaller
        accepted = similarity >= threshold
        if contained is not None:
            accepted |= (share >= contained) & (smaller >= min_contained)
        index = np.asarray(representatives)
        for left, right, jac, con in zip(
            index[found[accepted, 0]].tolist(),
            index[found[accepted, 1]].tolist(),
            similarity[accepted].tolist(),
            share[accepted].tolist(),
            strict=True,
        ):
            pairs.append(Pair(min(left, right), max(left, right), jac, con))  # their copies follow by the star
    return sorted(pairs)


def _numbered(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct values (``int32``, in chunks: half the memory of ``np.unique``'s inverse) and count each."""
    distinct, counts = np.unique(values, return_counts=True)
    columns = np.empty(len(values), dtype=np.int32)
    for start in range(0, len(values), 1 << 22):
        columns[start : start + (1 << 22)] = np.searchsorted(distinct, values[start : start + (1 << 22)])
    return columns, counts


def _overlaps(sizes: np.ndarray, columns: np.ndarray, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact intersection sizes of ``pairs`` of sets, and the two sets' sizes: a sparse product, in chunks.

    The sets are given by their ``sizes`` and the ``columns`` of their values (each value
    numbered, the sets one after another).
    """
    from scipy import sparse

    indptr = np.r_[0, np.cumsum(sizes)]
    shape = (len(sizes), int(columns.max()) + 1)
    rows = sparse.csr_matrix((np.ones(len(columns), dtype=np.int8), columns, indptr), shape=shape)
    common = np.empty(len(pairs), dtype=np.int64)
    for start in range(0, len(pairs), _CHUNK):
        part = pairs[start : start + _CHUNK]
        common[start : start + len(part)] = np.asarray(rows[part[:, 0]].multiply(rows[part[:, 1]]).sum(axis=1)).ravel()
    return common.astype(float), sizes[pairs[:, 0]].astype(float), sizes[pairs[:, 1]].astype(float)


#: Candidate pairs handled at once by :func:`_band_candidates` (bounds its memory).
_CHUNK = 1 << 15


def _band_candidates(
    matrix: np.ndarray, groups: np.ndarray, bands: int, rows: int, *, floor: float | None
) -> np.ndarray:
    """Pairs of rows ``(i, j)``, ``i < j``, of one group that share a bucket and are estimated at ``floor`` or more.

    The banding of LSH (Leskovec, Rajaraman & Ullman, ch. 3), vectorised: each band of each
    signature (and its group) is hashed to 64 bits; rows with equal hashes share a bucket.
    Pairs are taken band by band in chunks, each pair at the first band its rows share (so it
    is estimated once) and kept when the share of equal signature values, the MinHash estimate
    of their Jaccard similarity, is at least ``floor`` (every pair when ``floor`` is None): the
    memory is bounded by the chunk and the pairs kept, not by the candidates, which on a corpus
    of similar texts run to millions.
    """
    weights = (np.arange(1, rows + 2, dtype=np.uint64) * _MIX) | np.uint64(1)
    keys = np.empty((len(matrix), bands), dtype=np.uint64)
    for band in range(bands):
        keys[:, band] = (
            matrix[:, band * rows : (band + 1) * rows].astype(np.uint64) @ weights[:rows] + groups * weights[rows]
        )
    kept = [np.empty((0, 2), dtype=np.int64)]
    for band in range(bands):
        for left, right in _bucket_pairs(keys[:, band]):
            first = ~(keys[left, :band] == keys[right, :band]).any(axis=1)  # not met in an earlier band
            left, right = left[first], right[first]
            if floor is not None:
                close = (matrix[left] == matrix[right]).mean(axis=1) >= floor
                left, right = left[close], right[close]
            kept.append(np.column_stack([np.minimum(left, right), np.maximum(left, right)]))
    return np.unique(np.vstack(kept), axis=0)


def _bucket_pairs(column: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every pair of rows with equal values in ``column``, in chunks of about :data:`_CHUNK` pairs."""
    order = np.argsort(column, kind="stable")
    values = column[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    two = starts[sizes == 2]
    for begin in range(0, len(two), _CHUNK):
        part = two[begin : begin + _CHUNK]
        yield order[part], order[part + 1]
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    pending = 0
    for begin, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
        members = order[begin : begin + size]
        for position in range(size - 1):  # each member with the members after it
            lefts.append(np.full(size - 1 - position, members[position]))
            rights.append(members[position + 1 :])
            pending += size - 1 - position
            if pending >= _CHUNK:
                yield np.concatenate(lefts), np.concatenate(rights)
                lefts, rights, pending = [], [], 0
    if pending:
        yield np.concatenate(lefts), np.concatenate(rights)


def similar_groups(
    sets: Sequence[Shingles],
    *,
    threshold: float,
    contained: float | None = None,
    min_contained: int = 1,
    keys: Sequence[object] | None = None,
    frequent: int | None = None,
    num_perm: int = NUM_PERM,
    recall: float = RECALL,
) -> np.ndarray:
    """Return a group number for every set: sets joined by a chain of similar pairs share it.

    Groups are numbered in the order of their first member. See :func:`similar_pairs` for the
    parameters.

    Examples
    --------
    >>> similar_groups([frozenset({1, 2}), frozenset({7}), frozenset({1, 2})], threshold=0.9).tolist()
    [0, 1, 0]
    """
    pairs = similar_pairs(
        sets,
        threshold=threshold,
        contained=contained,
        min_contained=min_contained,
        keys=keys,
        frequent=frequent,
        num_perm=num_perm,
        recall=recall,
    )
    return groups_of(len(sets), [(p.i, p.j) for p in pairs])


def groups_of(n: int, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Return the connected components of ``n`` items joined by ``pairs``, numbered by first member.

    Examples
    --------
    >>> groups_of(4, [(1, 3)]).tolist()
    [0, 1, 2, 1]
    """
    if not pairs:
        return np.arange(n)
    rows = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    graph = coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[labels]
