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

import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from datasketch import MinHash
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
    "char_shingles",
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


def _hash(shingle: str) -> int:
    return zlib.crc32(shingle.encode("utf-8"))


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


_MIX = np.uint64(0x9E3779B97F4A7C15)
_MASK32 = np.uint64(0xFFFFFFFF)


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
    tokens = words(text) if isinstance(text, str) else list(text)
    if not tokens:
        return frozenset()
    hashes = np.fromiter((_word_hash(w) for w in tokens), dtype=np.uint64, count=len(tokens))
    width = min(k, len(tokens))
    count = len(tokens) - width + 1
    combined = hashes[:count].copy()
    for offset in range(1, width):
        combined = combined * _MIX + hashes[offset : offset + count]
    combined = (combined ^ (combined >> np.uint64(32))) & _MASK32
    return frozenset(combined.tolist())


def char_shingles(text: str, k: int) -> frozenset[int]:
    """Return the hashed runs of ``k`` characters of the normalised text.

    The code points of ``k`` consecutive characters are combined into one 32-bit value as in
    :func:`word_shingles` (vectorised, so a sentence takes microseconds).

    Examples
    --------
    >>> len(char_shingles("Abc, de", 3)), len(char_shingles("ab", 3)), len(char_shingles("", 3))
    (4, 1, 0)
    """
    normalised = normalise(text)
    if not normalised:
        return frozenset()
    codes = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(k, len(codes))
    count = len(codes) - width + 1
    combined = codes[:count].copy()
    for offset in range(1, width):
        combined = combined * _MIX + codes[offset : offset + count]
    combined = (combined ^ (combined >> np.uint64(32))) & _MASK32
    return frozenset(combined.tolist())


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


def similar_pairs(
    sets: Sequence[frozenset[int]],
    *,
    threshold: float,
    contained: float | None = None,
    min_contained: int = 1,
    keys: Sequence[object] | None = None,
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
        Shingle sets (:func:`word_shingles`, :func:`char_shingles`); empty sets pair with nothing.
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
    # Identical sets always pair, and need one signature between them.
    bands, rows = lsh_bands(round(lookup, 3), num_perm, recall=recall)
    key_of = list(keys) if keys is not None else [None] * len(sets)
    # Identical sets (of one key) always pair, and need one signature between them.
    by_content: dict[tuple[object, frozenset[int]], list[int]] = {}
    for i, shingles in enumerate(sets):
        if shingles:
            by_content.setdefault((key_of[i], shingles), []).append(i)
    members_of = {members[0]: members for members in by_content.values()}
    # each copy is paired with the first of its identical sets only: as many pairs as copies
    pairs = [Pair(members[0], j, 1.0, 1.0) for members in by_content.values() for j in members[1:]]
    representatives = list(members_of)
    if len(representatives) < 2:
        return sorted(pairs)
    signatures = MinHash.bulk((list(sets[i]) for i in representatives), num_perm=num_perm, seed=SEED, hashfunc=int)
    matrix = np.vstack([signature.hashvalues for signature in signatures]).astype(np.uint64)
    groups = pd.factorize(pd.Series([key_of[i] for i in representatives], dtype=object))[0].astype(np.uint64)
    # The MinHash estimate has a standard error of at most 0.5 / sqrt(num_perm); a candidate
    # estimated more than four of those below the lookup threshold is dropped unchecked.
    found = _band_candidates(matrix, groups, bands, rows, floor=lookup - 2 / np.sqrt(num_perm))
    if len(found):
        common, size_a, size_b = _overlaps([sets[i] for i in representatives], found)
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


def _overlaps(sets: Sequence[frozenset[int]], pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact intersection sizes of ``pairs`` of sets, and the two sets' sizes: a sparse product, in chunks."""
    from scipy import sparse

    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    values = np.fromiter((v for s in sets for v in s), dtype=np.int64, count=int(sizes.sum()))
    columns = pd.factorize(values)[0]
    shape = (len(sets), int(columns.max()) + 1)
    rows = sparse.csr_matrix((np.ones(len(columns), dtype=np.int32), columns, np.r_[0, np.cumsum(sizes)]), shape=shape)
    common = np.empty(len(pairs), dtype=np.int64)
    for start in range(0, len(pairs), _CHUNK):
        part = pairs[start : start + _CHUNK]
        common[start : start + len(part)] = np.asarray(rows[part[:, 0]].multiply(rows[part[:, 1]]).sum(axis=1)).ravel()
    return common.astype(float), sizes[pairs[:, 0]].astype(float), sizes[pairs[:, 1]].astype(float)


#: Candidate pairs handled at once by :func:`_band_candidates` (bounds its memory).
_CHUNK = 1 << 15


def _band_candidates(matrix: np.ndarray, groups: np.ndarray, bands: int, rows: int, *, floor: float) -> np.ndarray:
    """Pairs of rows ``(i, j)``, ``i < j``, of one group that share a bucket and are estimated at ``floor`` or more.

    The banding of LSH (Leskovec, Rajaraman & Ullman, ch. 3), vectorised: each band of each
    signature (and its group) is hashed to 64 bits; rows with equal hashes share a bucket.
    Pairs are taken band by band in chunks, each pair at the first band its rows share (so it
    is estimated once) and kept when the share of equal signature values, the MinHash estimate
    of their Jaccard similarity, is at least ``floor``: the memory is bounded by the chunk and
    the pairs kept, not by the candidates, which on a corpus of similar texts run to millions.
    """
    weights = (np.arange(1, rows + 2, dtype=np.uint64) * _MIX) | np.uint64(1)
    keys = np.empty((len(matrix), bands), dtype=np.uint64)
    for band in range(bands):
        keys[:, band] = matrix[:, band * rows : (band + 1) * rows] @ weights[:rows] + groups * weights[rows]
    kept = [np.empty((0, 2), dtype=np.int64)]
    for band in range(bands):
        for left, right in _bucket_pairs(keys[:, band]):
            first = ~(keys[left, :band] == keys[right, :band]).any(axis=1)  # not met in an earlier band
            left, right = left[first], right[first]
            estimate = (matrix[left] == matrix[right]).mean(axis=1)
            close = estimate >= floor
            kept.append(np.column_stack([np.minimum(left, right)[close], np.maximum(left, right)[close]]))
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
    sets: Sequence[frozenset[int]],
    *,
    threshold: float,
    contained: float | None = None,
    min_contained: int = 1,
    keys: Sequence[object] | None = None,
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
