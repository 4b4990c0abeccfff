"""Sentiment against human ratings: our engine with nltk's and with vaderSentiment's rules, and both references.

Reads the three human-rated sets of Hutto & Gilbert (2014) from ``<repo>/../shared/bench/sentiment``
(``*_GroundTruth.txt``: ``id<TAB>mean rating<TAB>text``) and prints, per set and for each scorer,
the Pearson and Spearman correlation of the compound score with the mean human rating and the
texts scored per second on one core (the process is pinned to one CPU where the system allows;
each timing is the best of ``--repeat`` runs). It also counts the texts on which each of our rule
sets differs from its reference.

Scorers:

* ``ours (nltk)``: ``analysis.score_sentiment(texts)`` -- method ``"vader"``, our engine with nltk's
  rules, whole public call (validation, de-duplication, DataFrame);
* ``ours (vader3)``: ``analysis.score_sentiment(texts, method="vader3")`` -- our engine with the
  ``vaderSentiment`` 3.3.2 package's rules;
* ``vaderSentiment``: the ``vaderSentiment`` 3.3.2 package's own ``SentimentIntensityAnalyzer``
  (VADER's own code, the reference of ``vader3``);
* ``nltk``: nltk's ``SentimentIntensityAnalyzer`` with the same lexicon (the reference of ``vader``).

Reference (Hutto & Gilbert 2014, Table 4, VADER, Pearson r): tweets 0.881, movie reviews 0.451,
Amazon reviews 0.565. The issue's targets: ours no worse than VADER's own code (the package) on
every set, and at least 5,000 texts per second. The summary says which of our methods meets
them. ``--strict`` exits 1 when ``vader3`` is worse than the package on a set, when either of our
rule sets scores fewer than 5,000 texts/s, or when either differs from its reference on a text.

    python benchmarks/sentiment.py [--strict] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "sentiment"
PAPER = {"tweets": 0.881, "movieReviewSnippets": 0.451, "amazonReviewSnippets": 0.565}
MIN_RATE = 5_000
#: Our methods, each with the scorer it must equal.
OURS = {"vader": "nltk", "vader3": "vaderSentiment"}
#: Scorer name -> label in the table.
LABELS = {"vader": "ours (nltk)", "vader3": "ours (vader3)", "vaderSentiment": "vaderSentiment", "nltk": "nltk"}

Scores = list[tuple[float, float, float, float]]


def read_set(path: Path) -> tuple[list[float], list[str]]:
    ratings, texts = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            ratings.append(float(parts[1]))
            texts.append(parts[2])
    return ratings, texts


def ours(method: str) -> Callable[[list[str]], Scores]:
    def score(texts: list[str]) -> Scores:
        from analysis.sentiment import score_sentiment

        frame = score_sentiment(texts, method=method)
        return list(frame[["neg", "neu", "pos", "compound"]].itertuples(index=False, name=None))

    return score


def reference(analyzer: object) -> Callable[[list[str]], Scores]:
    def score(texts: list[str]) -> Scores:
        polarity = analyzer.polarity_scores  # type: ignore[attr-defined]
        return [tuple(s.values()) for s in map(polarity, texts)]  # neg, neu, pos, compound

    return score


def scorers() -> dict[str, Callable[[list[str]], Scores]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.sentiment import vader_analyzer

    return {
        "vader": ours("vader"),
        "vader3": ours("vader3"),
        "vaderSentiment": reference(SentimentIntensityAnalyzer()),
        "nltk": reference(vader_analyzer()),
    }


def timed(score: Callable[[list[str]], Scores], texts: list[str], repeat: int) -> tuple[Scores, float]:
    best = float("inf")
    values: Scores = []
    for _ in range(repeat):
        start = time.perf_counter()
        values = score(texts)
        best = min(best, time.perf_counter() - start)
    return values, len(texts) / best


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"pinned to CPU {cpu}"
        except OSError:
            pass
    return "not pinned"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per scorer; the best counts (default: 3)")
    args = parser.parse_args(argv)
    files = sorted(BENCH.glob("*_GroundTruth.txt")) if BENCH.is_dir() else []
    if not files:
        print(f"skipped: no human-rated sets in {BENCH} (see shared/bench/sentiment/README.md)")
        return 0
    print(f"sentiment benchmark, {pin_one_core()}; Pearson r / Spearman rho with mean human rating")
    run = scorers()
    for score in run.values():
        score(["warm up"])  # load lexicons outside the timings
    header = f"{'set':<22}{'texts':>7}  {'scorer':<16}{'pearson':>8}{'spearman':>9}{'texts/s':>9}  {'paper':>6}"
    print(header)
    print("-" * len(header))
    worse: dict[str, list[str]] = {method: [] for method in OURS}
    slow: dict[str, list[str]] = {method: [] for method in OURS}
    unequal: dict[str, int] = dict.fromkeys(OURS, 0)
    for path in files:
        name = path.name.removesuffix("_GroundTruth.txt")
        ratings, texts = read_set(path)
        results = {scorer: timed(score, texts, max(args.repeat, 1)) for scorer, score in run.items()}
        r = {}
        for scorer, (values, rate) in results.items():
            compound = [v[3] for v in values]
            r[scorer] = stats.pearsonr(compound, ratings)[0]
            rho = stats.spearmanr(compound, ratings)[0]
            paper = f"{PAPER[name]:.3f}" if name in PAPER else ""
            label = LABELS[scorer]
            print(f"{name:<22}{len(texts):>7}  {label:<16}{r[scorer]:>8.4f}{rho:>9.4f}{rate:>9.0f}  {paper:>6}")
        notes = []
        for method, target in OURS.items():
            values, rate = results[method]
            differ = sum(1 for a, b in zip(values, results[target][0], strict=True) if a != b)
            unequal[method] += differ
            notes.append(f"{LABELS[method]} differs from {target} on {differ}")
            if r[method] < r["vaderSentiment"]:
                worse[method].append(f"{name}: r={r[method]:.4f} < vaderSentiment r={r['vaderSentiment']:.4f}")
            if rate < MIN_RATE:
                slow[method].append(f"{name}: {rate:.0f} texts/s < {MIN_RATE}")
        print(f"{'':<22}{'':>7}  " + "; ".join(notes) + " texts")
    print()
    missed = []
    for method in OURS:
        verdict = "meets" if not worse[method] else "misses"
        print(f"{LABELS[method]} (method {method!r}) {verdict} 'no worse than VADER's own code on every set'")
        for line in worse[method]:
            print(f"  - {line}")
        for line in slow[method]:
            print(f"  - too slow: {line}")
        missed += [f"{method}: too slow on {line}" for line in slow[method]]
        if unequal[method]:
            missed.append(f"{method}: {unequal[method]} texts differ from {OURS[method]}")
    missed += [f"vader3: {line}" for line in worse["vader3"]]
    print()
    if missed:
        print("targets missed (--strict):")
        for line in missed:
            print(f"  - {line}")
    else:
        print(
            "all --strict targets met: vader3 no worse than vaderSentiment on every set, both rule sets "
            f">= {MIN_RATE} texts/s and equal to their references"
        )
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
