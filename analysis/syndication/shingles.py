"""Shingles and near-duplicate groups: the one similarity machinery of the syndication stage.

A text is normalised (Unicode NFKC, case folded, every run of characters that are not letters
or digits read as one space: quotation marks, dashes and punctuation do not count), cut into
*shingles* -- overlapping runs of ``k`` words, or of ``k`` characters for short texts -- and
each shingle is hashed to 32 bits with CRC-32, so a text becomes a set of integers that is
the same on every run and every machine.

:func:`similar_groups` groups such sets: MinHash signatures (Broder 1997) are indexed in a
MinHash LSH index (datasketch; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*,
ch. 3), which proposes candidate pairs in sub-linear time; every candidate pair is then
checked exactly (Jaccard similarity of the two sets, or containment of the smaller in the
larger), and the accepted pairs are joined into groups (connected components). Because the
check is exact, the groups depend on the sets only, never on the order of the input; LSH can
at worst miss a pair whose similarity is close to the threshold: the bands of the index are
chosen so that a pair at the threshold is proposed with a probability of at least 0.99
(:func:`lsh_bands`), and a pair above it with a higher one.

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
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH
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

    Examples
    --------
    >>> len(char_shingles("Abc, de", 3)), len(char_shingles("ab", 3))
    (4, 1)
    """
    normalised = normalise(text)
    if not normalised:
        return frozenset()
    if len(normalised) <= k:
        return frozenset((_hash(normalised),))
    return frozenset(_hash(normalised[i : i + k]) for i in range(len(normalised) - k + 1))


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
    the threshold, the one with the most rows (the fewest candidates below it) is chosen.

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


def _plausible(
    found: list[tuple[int, int]], distinct: list[int], signatures: list[MinHash], lookup: float
) -> list[tuple[int, int]]:
    """Drop LSH candidates whose estimated Jaccard similarity is far below the lookup threshold.

    The MinHash estimate has a standard error of at most 0.5 / sqrt(num_perm) (0.044 with 128
    permutations); a candidate more than four of those below the threshold is dropped without
    its exact check, which leaves only the false candidates that LSH proposes by chance.
    """
    if not found:
        return []
    row = {i: n for n, i in enumerate(distinct)}
    matrix = np.vstack([s.hashvalues for s in signatures])
    left = np.fromiter((row[i] for i, _ in found), dtype=np.int64, count=len(found))
    right = np.fromiter((row[j] for _, j in found), dtype=np.int64, count=len(found))
    estimate = np.empty(len(found))
    for start in range(0, len(found), 65536):
        part = slice(start, start + 65536)
        estimate[part] = (matrix[left[part]] == matrix[right[part]]).mean(axis=1)
    margin = 4 * 0.5 / np.sqrt(matrix.shape[1])
    return [pair for pair, value in zip(found, estimate, strict=True) if value >= lookup - margin]


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
) -> list[Pair]:
    """Return the pairs of sets whose Jaccard similarity is at least ``threshold`` (or that hold one another).

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
        When given, only sets with equal keys pair (for example, the statements of one actor).
    num_perm
        Permutations of the MinHash signatures.

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
    by_content: dict[frozenset[int], list[int]] = {}
    for i, shingles in enumerate(sets):
        if shingles:
            by_content.setdefault(shingles, []).append(i)
    distinct = [members[0] for members in by_content.values()]
    candidates: list[tuple[int, int]] = []
    if len(distinct) > 1:
        bands, rows = lsh_bands(round(lookup, 3), num_perm)
        lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
        signatures = MinHash.bulk((sorted(sets[i]) for i in distinct), num_perm=num_perm, seed=SEED, hashfunc=int)
        with lsh.insertion_session() as session:
            for i, signature in zip(distinct, signatures, strict=True):
                session.insert(i, signature, check_duplication=False)
        found = [
            (i, j) for i, signature in zip(distinct, signatures, strict=True) for j in lsh.query(signature) if j > i
        ]
        candidates = _plausible(found, distinct, signatures, lookup)
    pairs = [Pair(members[a], j, 1.0, 1.0) for members in by_content.values() for a in range(len(members))
             for j in members[a + 1 :]]  # fmt: skip
    for i, j in candidates:
        a, b = sets[i], sets[j]
        common = len(a & b)
        similarity = common / (len(a) + len(b) - common)
        share = common / min(len(a), len(b))
        accepted = similarity >= threshold or (
            contained is not None and share >= contained and min(len(a), len(b)) >= min_contained
        )
        if accepted:
            pairs.extend(Pair(min(x, y), max(x, y), similarity, share) for x in by_content[a] for y in by_content[b])
    if keys is not None:
        pairs = [p for p in pairs if keys[p.i] == keys[p.j]]
    return sorted(pairs)


def similar_groups(
    sets: Sequence[frozenset[int]],
    *,
    threshold: float,
    contained: float | None = None,
    min_contained: int = 1,
    keys: Sequence[object] | None = None,
    num_perm: int = NUM_PERM,
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
        sets, threshold=threshold, contained=contained, min_contained=min_contained, keys=keys, num_perm=num_perm
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
