"""Benchmark: near-duplicate documents on 10,000 generated articles, and alignment of 1,000 statements.

Run with ``.venv/bin/python benchmarks/syndication.py`` (``--documents N``, ``--statements N``).

The text is generated, seeded, and ours (no third-party text): invented words (letters drawn
with their English frequencies) drawn from a Zipf
distribution mixed with English stop words, in sentences of 10-30 words and paragraphs of one
to three sentences, with a dateline, a shared soundbite that different articles quote (so that
different articles share phrases, as real coverage does) and each outlet's footer. About a
third of the articles are reprinted 1-4 times, each reprint edited the way syndicated copy is:
a new dateline and outlet, one to three paragraphs cut, the lead rewritten (half of them), 2% of
the words changed and a new headline.

Measured, each in the same run, on one core:

* ``duplicates``: :func:`analysis.syndication.find_duplicates` on every document, and its
  adjusted Rand index (Hubert & Arabie 1985) against the true clusters;
* ``baseline``: brute-force pairwise Jaccard similarity of the same shingle sets on a random
  sample of documents (every pair), extrapolated to the whole corpus by the number of pairs;
* ``alignment``: :func:`analysis.syndication.align_statements` of generated reported statements
  (verbatim quotes with small edits, paraphrases, and statements with no source) against
  generated primary sentences, and its accuracy against the truth;
* ``naive``: the same classification by a plain loop comparing every statement with every
  primary sentence with :class:`difflib.SequenceMatcher`, on a sample, extrapolated;
* ``frequent shingles``: the near-duplicate search on articles of ``benchmarks/scale.py``,
  written from one set of sentence patterns (unrelated articles share many set phrases),
  with the shingles found in more than 1,000 documents proposing no pairs (the default)
  against every shingle proposing pairs (the baseline): the pairs checked exactly, the time, and
  whether the pairs found are the same.

Times are wall-clock (``time.perf_counter``), best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import time
from collections import Counter

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.metrics import adjusted_rand_score

TARGET_DUPLICATES = 30.0
TARGET_ALIGNMENT = 5.0
# Invented words are strings of letters drawn with their frequencies in English text, so that
# character n-grams are about as varied as in English.
_LETTERS = "etaoinshrdlcumwfgypbvkjxqz"
_LETTER_WEIGHTS = [12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0, 2.0, 1.9,
                   1.5, 1.0, 0.8, 0.2, 0.2, 0.1, 0.1]  # fmt: skip
_CITIES = ["MOSCOW", "TEHRAN", "BAKU", "ANKARA", "DUBAI", "ASTANA", "YEREVAN", "BEIJING"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class _Words:
    """Seeded invented vocabulary and sentences."""

    def __init__(self, seed: int, n_words: int = 6000) -> None:
        rng = np.random.default_rng(12345)
        letters = np.array(list(_LETTERS))
        weights = np.array(_LETTER_WEIGHTS) / sum(_LETTER_WEIGHTS)
        vocab = sorted({"".join(rng.choice(letters, size=rng.integers(3, 11), p=weights)) for _ in range(n_words * 2)})
        self.vocab = np.array(vocab[:n_words], dtype=object)
        self.stop = np.array(sorted(ENGLISH_STOP_WORDS), dtype=object)
        self.rng = np.random.default_rng(seed)

    def word(self) -> str:
        if self.rng.random() < 0.45:
            return str(self.stop[self.rng.zipf(1.5) % self.stop.size])
        return str(self.vocab[(self.rng.zipf(1.15) - 1) % self.vocab.size])

    def sentence(self, low: int = 10, high: int = 30) -> str:
        n = int(self.rng.integers(low, high + 1))
        return " ".join(self.word() for _ in range(n)).capitalize() + "."


def _dateline(rng: np.random.Generator, outlet: str) -> str:
    return f"{rng.choice(_CITIES)}, {rng.choice(_MONTHS)} {int(rng.integers(1, 29))} ({outlet}) -"


def generate_documents(n: int, *, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """Return ``n`` generated articles (a ``documents`` table) and the true cluster of each.

    Originals and their edited reprints share a cluster; every other article is alone.
    """
    words = _Words(seed)
    rng = words.rng
    outlets = [f"Outlet {i:02d}" for i in range(40)]
    footers = {o: f"Read more on {o}: {words.sentence(6, 10)}" for o in outlets}
    soundbites = [words.sentence(8, 16) for _ in range(200)]
    rows, truth = [], []
    cluster = 0
    while len(rows) < n:
        paragraphs = [
            " ".join(words.sentence() for _ in range(int(rng.integers(1, 4)))) for _ in range(int(rng.integers(6, 11)))
        ]
        quote = soundbites[int(rng.zipf(1.3) - 1) % len(soundbites)]
        paragraphs.insert(int(rng.integers(1, len(paragraphs))), f'"{quote}" the minister said.')
        day = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 300)))
        copies = int(rng.integers(1, 5)) if rng.random() < 0.35 else 0
        for copy in range(copies + 1):
            if len(rows) >= n:
                break
            outlet = outlets[int(rng.integers(len(outlets)))]
            body = list(paragraphs)
            if copy:
                for _ in range(int(rng.integers(1, 4))):
                    if len(body) > 3:
                        del body[int(rng.integers(1, len(body)))]
                if rng.random() < 0.5:
                    rest = body[0].split(". ", 1)
                    body[0] = words.sentence() + (" " + rest[1] if len(rest) > 1 else "")
                edited = []
                for paragraph in body:
                    tokens = paragraph.split(" ")
                    for position in rng.choice(len(tokens), size=len(tokens) // 50, replace=False):
                        tokens[position] = words.word()
                    edited.append(" ".join(tokens))
                body = edited
            text = _dateline(rng, outlet) + " " + "\n\n".join(body) + "\n\n" + footers[outlet]
            doc_id = f"doc-{len(rows):05d}"
            rows.append(
                {
                    "doc_id": doc_id,
                    "title": words.sentence(5, 9).rstrip("."),
                    "outlet": outlet,
                    "date": day + pd.Timedelta(days=copy),
                    "text": text,
                }
            )
            truth.append(cluster)
        cluster += 1
    return pd.DataFrame(rows), np.array(truth)


def adjusted_rand(documents: pd.DataFrame, truth: np.ndarray, clusters: pd.DataFrame) -> float:
    """Adjusted Rand index of :func:`find_duplicates` clusters against the true clusters."""
    labels = pd.Series(np.arange(len(documents)) + len(documents), index=documents["doc_id"].to_numpy())
    labels[clusters["doc_id"].to_numpy()] = clusters["cluster"].to_numpy()
    return float(adjusted_rand_score(truth, labels.to_numpy()))


def baseline_pairs(sets: list[frozenset[int]], threshold: float, contained: float, min_contained: int) -> int:
    """Brute force: the exact similarity of every pair of shingle sets (the same rule, no index)."""
    found = 0
    for i, a in enumerate(sets):
        for b in sets[i + 1 :]:
            common = len(a & b)
            if not common:
                continue
            if common / (len(a) + len(b) - common) >= threshold or (
                min(len(a), len(b)) >= min_contained and common / min(len(a), len(b)) >= contained
            ):
                found += 1
    return found


def generate_statements(n_statements: int, n_primary: int, *, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return primary sentences and reported statements with their true match and source.

    A third of the statements quote a primary sentence (a run of 60-100% of its words, one word
    changed in half of them), a third paraphrase one (70% of its content words, reordered, with
    other function words), a third are new sentences.
    """
    words = _Words(seed + 1)
    rng = words.rng
    primary = [words.sentence(12, 25) for _ in range(n_primary)]
    stop = set(ENGLISH_STOP_WORDS)
    rows = []
    for k in range(n_statements):
        kind = ("quoted", "paraphrased", "not found")[k % 3]
        source = int(rng.integers(n_primary))
        tokens = primary[source].rstrip(".").lower().split()
        if kind == "quoted":
            length = max(4, int(len(tokens) * rng.uniform(0.6, 1.0)))
            start = int(rng.integers(0, len(tokens) - length + 1))
            said = tokens[start : start + length]
            if rng.random() < 0.5:
                said[int(rng.integers(len(said)))] = words.word()
        elif kind == "paraphrased":
            content = [t for t in tokens if t not in stop]
            keep = rng.permutation(content)[: max(2, int(len(content) * 0.7))]
            said = [str(t) for t in keep]
            for _ in range(len(said) // 2):
                said.insert(int(rng.integers(len(said) + 1)), str(words.stop[rng.integers(words.stop.size)]))
        else:
            said = words.sentence(10, 20).rstrip(".").lower().split()
            source = -1
        rows.append({"unit_id": f"s{k}", "text": " ".join(said), "truth": kind, "source": source})
    primary_table = pd.DataFrame({"unit_id": [f"p{i}" for i in range(n_primary)], "text": primary})
    return primary_table, pd.DataFrame(rows)


def naive_alignment(statements: pd.DataFrame, primary: pd.DataFrame) -> list[str]:
    """A plain loop: every statement against every primary sentence, word order and bag of words."""
    from analysis.syndication.align import MIN_QUOTED_WORDS, PARAPHRASED, QUOTED

    stop = set(ENGLISH_STOP_WORDS)
    prepared = [(t.lower().rstrip(".").split(), Counter(w for w in t.lower().rstrip(".").split() if w not in stop))
                for t in primary["text"]]  # fmt: skip
    result = []
    for text in statements["text"]:
        said = text.split()
        bag = Counter(w for w in said if w not in stop)
        best_share, best_cosine = (0.0, 0), 0.0
        for words, counts in prepared:
            matcher = difflib.SequenceMatcher(None, said, words, autojunk=False)
            found = sum(block.size for block in matcher.get_matching_blocks())
            best_share = max(best_share, (found / max(len(said), 1), found))
            dot = sum(bag[w] * counts[w] for w in bag)
            norm = math.sqrt(sum(v * v for v in bag.values()) * sum(v * v for v in counts.values())) or 1.0
            best_cosine = max(best_cosine, dot / norm)
        if best_share[0] >= QUOTED and best_share[1] >= MIN_QUOTED_WORDS:
            result.append("quoted")
        elif best_cosine >= PARAPHRASED:
            result.append("paraphrased")
        else:
            result.append("not found")
    return result


def _best(function, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return min(times), value


def patterned_texts(n: int, *, seed: int = 7) -> list[str]:
    """``n`` news articles of ``benchmarks/scale.py``'s generator, written from one set of sentence patterns."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scale

    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(n):  # one in twenty a copy of an earlier one with a new dateline, as scale.py makes them
        if texts and rng.random() < 0.05:
            texts.append(f"{rng.choice(scale.PLACES)} - " + rng.choice(texts).split(" - ", 1)[-1])
        else:
            texts.append(scale._news(rng))
    return texts


def frequent_shingles(n: int) -> None:
    """Print the pairs proposed, the time and the pairs found with and without frequent shingles."""
    from analysis.syndication import shingles
    from analysis.syndication.duplicates import CONTAINED, FREQUENT, MIN_CONTAINED, SHINGLE_WORDS, THRESHOLD

    sets = [shingles.word_shingle_array(text, SHINGLE_WORDS) for text in patterned_texts(n)]
    proposed: list[int] = []
    search = shingles._band_candidates

    def counting(*args, **kwargs):
        found = search(*args, **kwargs)
        proposed.append(len(found))
        return found

    shingles._band_candidates = counting
    options = {"threshold": THRESHOLD, "contained": CONTAINED, "min_contained": MIN_CONTAINED}
    print(f"frequent shingles: {n:,} articles written from one set of sentence patterns")
    results = {}
    for label, frequent in (("every shingle (baseline)", None), (f"shingles in more than {FREQUENT:,}", FREQUENT)):
        started = time.perf_counter()
        results[label] = shingles.similar_pairs(sets, **options, frequent=frequent)
        seconds = time.perf_counter() - started
        print(f"  {label}: {proposed[-1]:,} pairs checked, {len(results[label]):,} found, {seconds:.2f} s")
    shingles._band_candidates = search
    baseline, ours = results.values()
    same = [(p.i, p.j) for p in baseline] == [(p.i, p.j) for p in ours]
    ratio = proposed[0] / max(proposed[1], 1)
    print(f"  the same pairs found: {'yes' if same else 'NO'}; {ratio:.0f}x fewer pairs checked")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="generated documents (default: 10,000)")
    parser.add_argument("--sample", type=int, default=600, help="documents of the brute-force baseline sample")
    parser.add_argument("--statements", type=int, default=1_000, help="reported statements (default: 1,000)")
    parser.add_argument("--primary", type=int, default=100, help="primary sentences (default: 100)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timing (the best is kept)")
    parser.add_argument("--patterned", type=int, default=10_000, help="articles written to one pattern (10,000)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    from analysis.syndication import align_statements, find_duplicates
    from analysis.syndication.duplicates import CONTAINED, MIN_CONTAINED, SHINGLE_WORDS, THRESHOLD
    from analysis.syndication.shingles import word_shingles

    documents, truth = generate_documents(args.documents, seed=0)
    print(f"near-duplicate documents: {len(documents):,} generated articles, {len(set(truth)):,} true clusters")
    seconds, clusters = _best(lambda: find_duplicates(documents), args.repeat)
    print(f"  ours (MinHash LSH + exact check): {seconds:.2f} s, {clusters['cluster'].nunique():,} clusters, "
          f"adjusted Rand index {adjusted_rand(documents, truth, clusters):.4f}")  # fmt: skip
    sample = documents["text"].iloc[: args.sample]
    sets = [word_shingles(text, SHINGLE_WORDS) for text in sample]
    base, _ = _best(lambda: baseline_pairs(sets, THRESHOLD, CONTAINED, MIN_CONTAINED), args.repeat)
    pairs_sample = len(sets) * (len(sets) - 1) / 2
    pairs_all = len(documents) * (len(documents) - 1) / 2
    extrapolated = base * pairs_all / pairs_sample
    print(f"  baseline (brute-force pairwise Jaccard, shingles given): {base:.2f} s for {len(sets)} documents "
          f"({pairs_sample:,.0f} pairs), {extrapolated:.0f} s extrapolated to {pairs_all:,.0f} pairs")  # fmt: skip
    verdict = "under" if seconds < TARGET_DUPLICATES else "OVER"
    print(f"  ratio: ours is {extrapolated / seconds:.0f}x faster; {verdict} the {TARGET_DUPLICATES:.0f} s target")

    primary, statements = generate_statements(args.statements, args.primary, seed=0)
    print(f"alignment: {len(statements):,} statements against {len(primary):,} primary sentences")
    seconds, aligned = _best(lambda: align_statements(statements, primary), args.repeat)
    accuracy = float((aligned["match"] == statements["truth"]).mean())
    quoted = aligned["match"].eq("quoted")
    right_source = float(
        (aligned.loc[quoted, "primary_id"] == "p" + statements.loc[quoted, "source"].astype(str)).mean()
    )
    print(f"  ours (TF-IDF cosine, word order on the 3 best): {seconds:.2f} s, accuracy {accuracy:.3f}, "
          f"quotes matched to their source {right_source:.3f}")  # fmt: skip
    sample_size = min(100, len(statements))
    base, naive = _best(lambda: naive_alignment(statements.iloc[:sample_size], primary), args.repeat)
    naive_accuracy = float((pd.Series(naive) == statements["truth"].iloc[:sample_size].to_numpy()).mean())
    extrapolated = base * len(statements) / sample_size
    print(f"  naive (every pair: SequenceMatcher and bag-of-words cosine): {base:.2f} s for {sample_size} "
          f"statements, {extrapolated:.1f} s extrapolated, accuracy {naive_accuracy:.3f}")  # fmt: skip
    verdict = "under" if seconds < TARGET_ALIGNMENT else "OVER"
    print(f"  ratio: ours is {extrapolated / seconds:.1f}x faster; {verdict} the {TARGET_ALIGNMENT:.0f} s target")
    frequent_shingles(args.patterned)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
