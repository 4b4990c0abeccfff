"""Sentiment against human ratings, on diplomatic probes, and intervals that respect documents.

Reads the three human-rated sets of Hutto & Gilbert (2014) from ``<repo>/../shared/bench/sentiment``
(``*_GroundTruth.txt``: ``id<TAB>mean rating<TAB>text``) and prints four tables:

1. **Per set, Pearson r** (and Spearman rho, texts per second on one core, best of ``--repeat``)
   of each method and variant with the mean human rating:

   * ``vader`` -- our engine with nltk's rules (must equal ``nltk`` on every text);
   * ``vader3`` -- our engine with the vaderSentiment 3.3.2 rules (must equal ``vaderSentiment``);
   * ``diplomatic`` -- the default: names masked + ``diplomatic.yml``; and its two halves,
     ``masking only`` and ``adjustments only``, to show what each part does;
   * ``learned`` -- *in-sample*: the shipped model was trained on these very sets, so its r here
     says nothing about new text; its held-out figures (each set held out in turn, written by
     ``scripts/train_sentiment_model.py``) are printed in table 2;
   * every dictionary given with ``--dictionary FILE`` (a licensed Lexicoder, LIWC ... file);
   * the references ``vaderSentiment`` (the package) and ``nltk``.

2. **The learned scorer held out**, from its model file, and whether it became the default.
3. **Diplomatic probes** (``tests/fixtures/diplomatic_probes.yml``, our own sentences): how
   many each method classifies as a careful reader does.
4. **Intervals**: the Amazon snippets come in 300 reviews of several sentences, i.e. documents.
   For the whole set and for random draws of 10 and 30 reviews, the width of the 95% interval
   of the mean compound (``diplomatic``) and of the share of negative sentences, resampling
   sentences vs documents, and how often each interval covers the value of all 3,708
   sentences.

Figures 1-4 are written to ``analysis/data/sentiment_validation.json`` (unless ``--no-write``),
which the reports read: no figure in a notebook is typed by hand. Reference (Hutto & Gilbert
2014, Table 4, VADER, Pearson r): tweets 0.881, movie reviews 0.451, Amazon reviews 0.565.
``--strict`` exits 1 when ``vader3`` is worse than the package on a set, when ``vader`` or
``vader3`` scores fewer than 5,000 texts/s, or when either differs from its reference on a text.

    python benchmarks/sentiment.py [--strict] [--repeat N] [--dictionary FILE ...] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "sentiment"
PROBES = ROOT / "tests" / "fixtures" / "diplomatic_probes.yml"
VALIDATION = ROOT / "analysis" / "data" / "sentiment_validation.json"
PAPER = {"tweets": 0.881, "movieReviewSnippets": 0.451, "amazonReviewSnippets": 0.565}
MIN_RATE = 5_000
#: Our exact engines, each with the reference it must equal.
OURS = {"vader": "nltk", "vader3": "vaderSentiment"}
#: Draws of documents in the interval table, and how many times each is drawn.
DRAWS = (10, 30)
REPLICATES = 200

Scores = list[tuple[float, float, float, float]]


def read_set(path: Path) -> tuple[list[str], list[float], list[str]]:
    ids, ratings, texts = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            ids.append(parts[0])
            ratings.append(float(parts[1]))
            texts.append(parts[2])
    return ids, ratings, texts


def method(name: object) -> Callable[[list[str]], Scores]:
    def score(texts: list[str]) -> Scores:
        from analysis.sentiment import score_sentiment

        frame = score_sentiment(texts, method=name)
        return list(frame[["neg", "neu", "pos", "compound"]].itertuples(index=False, name=None))

    return score


def engine_scorer(engine: object) -> Callable[[list[str]], Scores]:
    def score(texts: list[str]) -> Scores:
        return [engine.scores(t) for t in texts]  # type: ignore[attr-defined]

    return score


def reference(analyzer: object) -> Callable[[list[str]], Scores]:
    def score(texts: list[str]) -> Scores:
        polarity = analyzer.polarity_scores  # type: ignore[attr-defined]
        return [tuple(s.values()) for s in map(polarity, texts)]  # neg, neu, pos, compound

    return score


def scorers(dictionaries: list[Path]) -> dict[str, Callable[[list[str]], Scores]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.sentiment import load_dictionary, vader_analyzer
    from analysis.sentiment.diplomatic import Adjustments, DiplomaticEngine, load_adjustments
    from analysis.sentiment.engines import vader_engine
    from analysis.sentiment.masking import NameMasker, name_masker

    masking_only = DiplomaticEngine(vader_engine(), Adjustments({}, {}, {}, ()), name_masker("-"))
    adjustments_only = DiplomaticEngine(vader_engine(), load_adjustments("-"), NameMasker([]))
    chosen = {
        "vader": method("vader"),
        "vader3": method("vader3"),
        "diplomatic": method("diplomatic"),
        "masking only": engine_scorer(masking_only),
        "adjustments only": engine_scorer(adjustments_only),
        "learned (in-sample)": method("learned"),
    }
    for path in dictionaries:
        loaded = load_dictionary(path)
        chosen[loaded.name] = method(loaded)
    chosen["vaderSentiment"] = reference(SentimentIntensityAnalyzer())
    chosen["nltk"] = reference(vader_analyzer())
    return chosen


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


def human_rated(files: list[Path], run: dict, repeat: int) -> tuple[dict, list[str]]:
    """Table 1; returns the figures and the --strict failures."""
    header = f"{'set':<22}{'texts':>7}  {'method':<22}{'pearson':>8}{'spearman':>9}{'texts/s':>9}  {'paper':>6}"
    print(header)
    print("-" * len(header))
    figures: dict = {}
    missed: list[str] = []
    for path in files:
        name = path.name.removesuffix("_GroundTruth.txt")
        _, ratings, texts = read_set(path)
        results = {scorer: timed(score, texts, repeat if scorer in (*OURS, *OURS.values()) else 1)
                   for scorer, score in run.items()}  # fmt: skip
        r: dict[str, float] = {}
        for scorer, (values, rate) in results.items():
            compound = [v[3] for v in values]
            r[scorer] = float(stats.pearsonr(compound, ratings)[0])
            rho = float(stats.spearmanr(compound, ratings)[0])
            paper = f"{PAPER[name]:.3f}" if name in PAPER else ""
            print(f"{name:<22}{len(texts):>7}  {scorer:<22}{r[scorer]:>8.4f}{rho:>9.4f}{rate:>9.0f}  {paper:>6}")
            if scorer in OURS and rate < MIN_RATE:
                missed.append(f"{scorer}: {rate:.0f} texts/s < {MIN_RATE} on {name}")
        notes = []
        for ours, target in OURS.items():
            differ = sum(1 for a, b in zip(results[ours][0], results[target][0], strict=True) if a != b)
            notes.append(f"{ours} differs from {target} on {differ}")
            if differ:
                missed.append(f"{ours}: {differ} texts differ from {target} on {name}")
        if r["vader3"] < r["vaderSentiment"]:
            missed.append(f"vader3: r={r['vader3']:.4f} < vaderSentiment r={r['vaderSentiment']:.4f} on {name}")
        print(f"{'':<31}" + "; ".join(notes) + " texts")
        figures[name] = {
            "texts": len(texts),
            "paper_vader": PAPER.get(name),
            "pearson": {k: round(v, 4) for k, v in r.items()},
        }
    return figures, missed


def held_out() -> dict:
    """Table 2: the learned scorer's held-out figures, from its model file."""
    from analysis.sentiment.learned import load_model

    validation = load_model().validation
    print(f"{'held-out set':<22}{'learned':>9}{'vader':>9}{'diplomatic':>12}")
    for name, row in validation.get("held_out", {}).items():
        print(f"{name:<22}{row['learned']:>9.4f}{row['vader']:>9.4f}{row['diplomatic']:>12.4f}")
    beats = validation.get("beats_vader_on_every_held_out_set")
    print(f"beats VADER on every held-out set: {beats} -> {'the default' if beats else 'an option, not the default'}")
    return {
        key: validation[key] for key in ("protocol", "alpha", "ngrams", "held_out", "beats_vader_on_every_held_out_set")
    }


def probes(names: list[str], run: dict) -> dict:
    """Table 3: how many diplomatic probes each method gets right."""
    from analysis.sentiment import polarity

    cases = yaml.safe_load(PROBES.read_text(encoding="utf-8"))["probes"]
    texts = [c["text"] for c in cases]
    expected = [c["expected"] for c in cases]
    correct = {}
    for name in names:
        labels = polarity(np.array([v[3] for v in run[name](texts)]))
        correct[name] = int(sum(a == b for a, b in zip(labels, expected, strict=True)))
        print(f"{name:<22}{correct[name]:>4} of {len(cases)}")
    return {"count": len(cases), "correct": correct}


def intervals(path: Path) -> dict:
    """Table 4: sentence- vs document-level intervals on reviews of several sentences."""
    from analysis.resampling import Resampling, bootstrap_mean
    from analysis.sentiment import score_sentiment
    from analysis.shares import cluster_shares, wilson_interval

    ids, _, texts = read_set(path)
    documents = np.array([i.split("_")[0] for i in ids])
    compound = score_sentiment(texts)["compound"].to_numpy()
    negative = (compound <= -0.05).astype(float)
    truth_mean, truth_share = float(compound.mean()), float(negative.mean())
    options = Resampling(n_resamples=999, seed=0)

    def measure(index: np.ndarray) -> dict[str, float]:
        values, groups, hits = compound[index], documents[index], negative[index]
        s_low, s_high, _ = bootstrap_mean(values, options)
        d_low, d_high, _ = bootstrap_mean(values, options, groups=groups)
        w_low, w_high = (float(v) for v in wilson_interval(hits.sum(), hits.size))
        c_low, c_high, _ = cluster_shares(hits[:, None], groups)
        return {
            "mean_sentence": s_high - s_low,
            "mean_document": d_high - d_low,
            "share_sentence": w_high - w_low,
            "share_document": float(c_high[0] - c_low[0]),
            "cover_mean_sentence": s_low <= truth_mean <= s_high,
            "cover_mean_document": d_low <= truth_mean <= d_high,
            "cover_share_sentence": w_low <= truth_share <= w_high,
            "cover_share_document": float(c_low[0]) <= truth_share <= float(c_high[0]),
        }

    levels = [(k, lvl) for k in ("mean", "share") for lvl in ("sentence", "document")]
    whole = measure(np.arange(compound.size))
    rows = [
        {
            "documents": int(np.unique(documents).size),
            "sentences": int(compound.size),
            "replicates": 1,
            **{f"{k}_width_{lvl}": whole[f"{k}_{lvl}"] for k, lvl in levels},
        }
    ]
    rng = np.random.default_rng(2025)
    unique = np.unique(documents)
    for size in DRAWS:
        runs = []
        for _ in range(REPLICATES):
            chosen = rng.choice(unique, size=size, replace=False)
            runs.append(measure(np.flatnonzero(np.isin(documents, chosen))))
        row: dict = {"documents": size, "sentences": None, "replicates": REPLICATES}
        for k, lvl in levels:
            row[f"{k}_width_{lvl}"] = float(np.median([r[f"{k}_{lvl}"] for r in runs]))
            row[f"coverage_{k}_{lvl}"] = float(np.mean([r[f"cover_{k}_{lvl}"] for r in runs]))
        rows.append(row)
    print(f"{'documents':>10}{'mean: sentence':>16}{'document':>10}{'ratio':>7}{'share: sentence':>17}{'document':>10}"
          f"{'ratio':>7}{'coverage mean s/d':>19}{'coverage share s/d':>20}")  # fmt: skip
    for row in rows:
        ratio_mean = row["mean_width_document"] / row["mean_width_sentence"]
        ratio_share = row["share_width_document"] / row["share_width_sentence"]
        row["mean_ratio"], row["share_ratio"] = ratio_mean, ratio_share
        cover = (
            f"{row['coverage_mean_sentence']:>9.2f}/{row['coverage_mean_document']:.2f}"
            f"{row['coverage_share_sentence']:>14.2f}/{row['coverage_share_document']:.2f}"
            if row["replicates"] > 1
            else f"{'(all)':>14}"
        )
        print(f"{row['documents']:>10}{row['mean_width_sentence']:>16.4f}{row['mean_width_document']:>10.4f}"
              f"{ratio_mean:>7.2f}{row['share_width_sentence']:>17.4f}{row['share_width_document']:>10.4f}"
              f"{ratio_share:>7.2f}{cover}")  # fmt: skip
    print("widths are medians over the draws; coverage: share of draws whose 95% interval holds the value of all "
          f"{compound.size} sentences")  # fmt: skip
    rounded = [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()} for row in rows]
    return {
        "data": f"{path.name}: {compound.size} sentences of {unique.size} reviews; method 'diplomatic'",
        "statistics": "mean compound (bootstrap, BCa) and share of negative sentences (Wilson)",
        "rows": rounded,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs of the exact engines (default: 3)")
    parser.add_argument("--dictionary", action="append", type=Path, default=[], help="a dictionary file to evaluate")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {VALIDATION.name}")
    args = parser.parse_args(argv)
    files = sorted(BENCH.glob("*_GroundTruth.txt")) if BENCH.is_dir() else []
    if not files:
        print(f"skipped: no human-rated sets in {BENCH} (see shared/bench/sentiment/README.md)")
        return 0
    print(f"sentiment benchmark, {pin_one_core()}\n")
    run = scorers(args.dictionary)
    for score in run.values():
        score(["warm up"])  # load lexicons and models outside the timings
    print("1. Pearson r / Spearman rho with the mean human rating")
    figures, missed = human_rated(files, run, max(args.repeat, 1))
    print("\n2. The learned scorer, each set held out in turn (from its model file)")
    learned = held_out()
    print("\n3. Diplomatic probes classified as a careful reader does (tests/fixtures/diplomatic_probes.yml)")
    ours = [name for name in run if name not in ("vaderSentiment", "nltk")]
    probe_figures = probes(ours, run)
    amazon = next((f for f in files if f.name.startswith("amazonReviewSnippets")), None)
    interval_figures = {}
    if amazon is not None:
        print("\n4. 95% interval widths, resampling sentences vs documents (Amazon reviews as documents)")
        interval_figures = intervals(amazon)
    if not args.no_write:
        from analysis.sentiment.methods import DEFAULT_METHOD

        validation = {
            "generated_by": "benchmarks/sentiment.py",
            "default_method": DEFAULT_METHOD,
            "human_rated": figures,
            "learned_held_out": learned,
            "probes": probe_figures,
            "intervals": interval_figures,
        }
        VALIDATION.write_text(json.dumps(validation, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {VALIDATION}")
    print()
    if missed:
        print("targets missed (--strict):")
        for line in missed:
            print(f"  - {line}")
    else:
        print(f"all --strict targets met: vader and vader3 equal their references, >= {MIN_RATE} texts/s, "
              "vader3 no worse than vaderSentiment on every set")  # fmt: skip
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
