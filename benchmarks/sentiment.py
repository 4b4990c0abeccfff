"""Sentiment against human ratings: ours (nltk's VADER, fast engine) and the vaderSentiment package.

Reads the three human-rated sets of Hutto & Gilbert (2014) from ``<repo>/../shared/bench/sentiment``
(``*_GroundTruth.txt``: ``id<TAB>mean rating<TAB>text``) and prints, per set and for each scorer,
the Pearson and Spearman correlation of the compound score with the mean human rating and the
texts scored per second on one core (the process is pinned to one CPU where the system allows).
It also prints how many texts get a different compound from the two scorers, and checks that
ours equals nltk's own ``SentimentIntensityAnalyzer`` on every text.

Scorers:

* ``ours``: ``analysis.score_sentiment(texts)`` -- method ``"vader"``, whole public call
  (validation, de-duplication, DataFrame);
* ``vaderSentiment``: the ``vaderSentiment`` 3.3.2 package's ``SentimentIntensityAnalyzer``;
* ``nltk``: nltk's ``SentimentIntensityAnalyzer`` with the same lexicon (the reference: equality, speed-up).

Reference (Hutto & Gilbert 2014, Table 4, VADER, Pearson r): tweets 0.881, movie reviews 0.451,
Amazon reviews 0.565. Targets: ours no worse than vaderSentiment on every set, at least 5,000
texts per second. ``--strict`` exits 1 when a target is missed.

    python benchmarks/sentiment.py [--strict]
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


def read_set(path: Path) -> tuple[list[float], list[str]]:
    ratings, texts = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            ratings.append(float(parts[1]))
            texts.append(parts[2])
    return ratings, texts


def timed(score: Callable[[list[str]], list[float]], texts: list[str]) -> tuple[list[float], float]:
    start = time.perf_counter()
    values = score(texts)
    return values, len(texts) / (time.perf_counter() - start)


def ours(texts: list[str]) -> list[float]:
    from analysis.sentiment import score_sentiment

    return score_sentiment(texts)["compound"].tolist()


def package(texts: list[str]) -> list[float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return [analyzer.polarity_scores(t)["compound"] for t in texts]


def nltk_reference(texts: list[str]) -> list[dict[str, float]]:
    from analysis.resources import vader_analyzer

    analyzer = vader_analyzer()
    return [analyzer.polarity_scores(t) for t in texts]


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
    args = parser.parse_args(argv)
    files = sorted(BENCH.glob("*_GroundTruth.txt")) if BENCH.is_dir() else []
    if not files:
        print(f"skipped: no human-rated sets in {BENCH} (see shared/bench/sentiment/README.md)")
        return 0
    print(f"sentiment benchmark, {pin_one_core()}; Pearson r / Spearman rho with mean human rating")
    from analysis.sentiment import score_sentiment
    from analysis.vader import vader_engine

    score_sentiment(["warm up"])  # load the lexicon outside the timings
    vader_engine()
    header = f"{'set':<22}{'texts':>7}  {'scorer':<15}{'pearson':>8}{'spearman':>9}{'texts/s':>9}  {'paper':>6}"
    print(header)
    print("-" * len(header))
    missed = []
    for path in files:
        name = path.name.removesuffix("_GroundTruth.txt")
        ratings, texts = read_set(path)
        ours_values, ours_rate = timed(ours, texts)
        package_values, package_rate = timed(package, texts)
        reference, nltk_rate = timed(nltk_reference, texts)
        results = {
            "ours": (ours_values, ours_rate),
            "vaderSentiment": (package_values, package_rate),
            "nltk": ([s["compound"] for s in reference], nltk_rate),
        }
        r = {}
        for scorer, (values, rate) in results.items():
            r[scorer] = stats.pearsonr(values, ratings)[0]
            rho = stats.spearmanr(values, ratings)[0]
            paper = f"{PAPER[name]:.3f}" if name in PAPER else ""
            print(f"{name:<22}{len(texts):>7}  {scorer:<15}{r[scorer]:>8.4f}{rho:>9.4f}{rate:>9.0f}  {paper:>6}")
        unequal = sum(1 for t, ref in zip(texts, reference, strict=True) if vader_engine().polarity_scores(t) != ref)
        differ = sum(1 for a, b in zip(ours_values, package_values, strict=True) if a != b)
        print(
            f"{'':<22}{'':>7}  compound differs from vaderSentiment on {differ} texts ({differ / len(texts):.1%}); "
            f"differs from nltk on {unequal}"
        )
        if r["ours"] < r["vaderSentiment"]:
            missed.append(f"{name}: ours r={r['ours']:.4f} < vaderSentiment r={r['vaderSentiment']:.4f}")
        if ours_rate < MIN_RATE:
            missed.append(f"{name}: {ours_rate:.0f} texts/s < {MIN_RATE}")
        if unequal:
            missed.append(f"{name}: {unequal} texts differ from nltk")
    print()
    if missed:
        print("targets missed:")
        for line in missed:
            print(f"  - {line}")
    else:
        print("all targets met")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
