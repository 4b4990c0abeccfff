"""How right are the frame and tone measures on our coded sample? The figures of issue 23.

Reads the coded fixture corpus (``tests/fixtures/coded_corpus``: 43 invented documents of both
ministries' officials and news about the treaty, 387 units coded by two coders and adjudicated;
``split.yml`` says which 32 documents the lexicon was tuned on and which 11 are held out) and the
bundled corpus's codes (``corpus/codes``: its 26 units, spans only), and prints:

1. **Agreement** between the two codings (Krippendorff's alpha, the median over frames and for
   tone).
2. **The frame lexicon** against the codes -- micro precision, recall and F1, legality and
   policy-prescription recall, partnership precision -- for the lexicon before issue 23
   (``tests/fixtures/frames_before_issue23.yml``, names not masked, as it was matched then) and
   now, on every coded unit, the tuning part, the held-out part and the bundled corpus. Goals:
   micro F1 >= 0.75, legality and policy-prescription recall >= 0.6, partnership precision >= 0.75.
3. **The learned detector** trained on half of the coded units and scored on the other half,
   halves split by document (each half both ways, and their mean). Goal: micro F1 >= 0.75.
4. **Tone** of the default method (``diplomatic``) against the coded tone, before (the
   adjustments of ``tests/fixtures/diplomatic_before_issue23.yml``) and now, and plain VADER: Pearson
   r and three-class accuracy on every coded unit, on the officials' statements (units of an
   actor, not the outlets' narration), the tuning part and the held-out part. Goals: r >= 0.70,
   accuracy >= 0.75.
5. **The human-rated sets** of Hutto & Gilbert (2014) in ``../shared/bench/sentiment`` (skipped
   when absent): Pearson r of ``diplomatic`` before and now, in the same run. Goal: no worse.

    python benchmarks/validation.py [--seed N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy import stats

import analysis as fa
from analysis.resampling import Resampling
from analysis.salience.frames import load_frames
from analysis.sentiment.diplomatic import DiplomaticEngine, load_adjustments
from analysis.sentiment.engines import vader_engine
from analysis.sentiment.masking import name_masker
from analysis.sentiment.scoring import score_sentiment
from analysis.validation import (
    agreement_table,
    codes_files,
    frame_validity,
    read_codes,
    reference_codes,
    span_texts,
    tone_validity,
    train_detector,
)

ROOT = Path(__file__).resolve().parent.parent
CODED = ROOT / "tests" / "fixtures" / "coded_corpus"
CODED2 = ROOT / "tests" / "fixtures" / "coded_corpus_2"
BUNDLED = ROOT / "corpus"
FRAMES_BEFORE = ROOT / "tests" / "fixtures" / "frames_before_issue23.yml"
DIPLOMATIC_BEFORE = ROOT / "tests" / "fixtures" / "diplomatic_before_issue23.yml"
BENCH = ROOT.parent / "shared" / "bench" / "sentiment"


def coded_sample() -> tuple[pd.DataFrame, pd.DataFrame, list[str], dict[str, np.ndarray]]:
    """Every coded span of both corpora: the codes, the reference, the texts and the parts."""
    documents = pd.concat([fa.load_corpus(c) for c in (CODED, BUNDLED, CODED2)], ignore_index=True)
    codes = read_codes(codes_files(CODED) + codes_files(BUNDLED) + codes_files(CODED2), documents=documents)
    reference = reference_codes(codes)
    split = yaml.safe_load((CODED / "split.yml").read_text(encoding="utf-8"))
    bundled = set(fa.load_corpus(BUNDLED)["doc_id"])
    second = set(fa.load_corpus(CODED2)["doc_id"])
    doc = reference["doc_id"]
    parts = {
        "all coded units": ~doc.isin(second).to_numpy(),
        "tuning documents": doc.isin(split["tuning"]).to_numpy(),
        "held-out documents": doc.isin(split["heldout"]).to_numpy(),
        "bundled corpus": doc.isin(bundled).to_numpy(),
        "second held-out set": doc.isin(second).to_numpy(),
    }
    return codes, reference, span_texts(reference, documents), parts


def agreement(codes: pd.DataFrame, seed: int) -> None:
    table = agreement_table(codes, resampling=Resampling(n_resamples=1000, seed=seed))
    frames = table[table["measure"].eq("frame")]
    tone = table[table["measure"].eq("tone")].iloc[0]
    print("1. Agreement of the two codings (Krippendorff's alpha; the second coding was done blind to the first)")
    lowest = frames.loc[frames["alpha"].idxmin()]
    print(f"   frames: median alpha {frames['alpha'].median():.3f} (lowest {lowest['alpha']:.3f}, {lowest['id']}) "
          f"over {int(frames['n_units'].max())} units coded twice")  # fmt: skip
    print(f"   tone:   alpha {tone['alpha']:.3f} [{tone['low']:.3f}, {tone['high']:.3f}]\n")


def _figures(table: pd.DataFrame) -> list[float]:
    rows = table.set_index("id")
    return [
        rows.loc["micro", "precision"],
        rows.loc["micro", "recall"],
        rows.loc["micro", "f1"],
        rows.loc["legality", "recall"],
        rows.loc["policy_prescription", "recall"],
        rows.loc["partnership", "precision"],
    ]


def lexicon(reference: pd.DataFrame, texts: list[str], parts: dict[str, np.ndarray]) -> None:
    before, now = load_frames(FRAMES_BEFORE), load_frames("-")
    hits = {"before (names unmasked)": before.matcher.match(texts), "now": now.detect(texts)}
    print("2. The frame lexicon against the codes (goals: micro F1 >= 0.75; legality and policy recall >= 0.6;")
    print("   partnership precision >= 0.75)")
    print(f"   {'part':<20} {'lexicon':<24} {'n':>4}  {'micro P':>7} {'micro R':>7} {'micro F1':>8} "
          f"{'legal R':>7} {'policy R':>8} {'partner P':>9}")  # fmt: skip
    for part, mask in parts.items():
        for name, found in hits.items():
            table = frame_validity(reference[mask].reset_index(drop=True), found[mask], now.ids)
            values = "  ".join(f"{v:7.3f}" for v in _figures(table))
            print(f"   {part:<20} {name:<24} {int(mask.sum()):>4}  {values}")
    print()


def learned(reference: pd.DataFrame, texts: list[str], seed: int, parts: dict[str, np.ndarray]) -> None:
    second = parts["second held-out set"]
    texts2 = [t for t, k in zip(texts, second, strict=True) if k]
    reference2 = reference[second].reset_index(drop=True)
    texts = [t for t, k in zip(texts, ~second, strict=True) if k]
    reference = reference[~second].reset_index(drop=True)
    documents = np.array(sorted(reference["doc_id"].unique()))
    order = np.random.default_rng(seed).permutation(len(documents))
    half = set(documents[order[: len(documents) // 2]])
    first = reference["doc_id"].isin(half).to_numpy()
    print("3. The learned detector, trained on half the coded units and scored on the other half")
    print("   (halves split by document; goal: micro F1 >= 0.75)")
    scores = []
    for name, train in (("A -> B", first), ("B -> A", ~first)):
        detector = train_detector([t for t, k in zip(texts, train, strict=True) if k], reference[train])
        test = reference[~train].reset_index(drop=True)
        found = detector.detect([t for t, k in zip(texts, ~train, strict=True) if k])
        table = frame_validity(test, found, list(detector.frame_ids)).set_index("id")
        micro = table.loc["micro"]
        scores.append(micro["f1"])
        print(f"   trained on {int(train.sum())} units ({name}), scored on {len(test)}: "
              f"micro P {micro['precision']:.3f} R {micro['recall']:.3f} F1 {micro['f1']:.3f}")  # fmt: skip
    print(f"   mean micro F1 {np.mean(scores):.3f}")
    detector = train_detector(texts, reference)
    table = frame_validity(reference2, detector.detect(texts2), list(detector.frame_ids)).set_index("id")
    micro = table.loc["micro"]
    print(f"   trained on all {len(reference)} units, scored on the second held-out set ({len(reference2)}): "
          f"micro P {micro['precision']:.3f} R {micro['recall']:.3f} F1 {micro['f1']:.3f}\n")  # fmt: skip


def _before_engine() -> DiplomaticEngine:
    return DiplomaticEngine(vader_engine(), load_adjustments(DIPLOMATIC_BEFORE), name_masker("-"))


def tone(reference: pd.DataFrame, texts: list[str], parts: dict[str, np.ndarray], units: pd.Series) -> None:
    before = _before_engine()
    compounds = {
        "diplomatic now (default)": score_sentiment(texts, method="diplomatic")["compound"].to_numpy(),
        "diplomatic before": np.array([before.scores(t)[3] for t in texts]),
        "vader": score_sentiment(texts, method="vader")["compound"].to_numpy(),
    }
    spoken = ~units.reindex(reference["unit_id"]).fillna("outlet").isin(["outlet", ""]).to_numpy()
    officials = spoken & parts["all coded units"]
    chosen = {"all coded units": parts["all coded units"], "officials' statements": officials}
    held = ("tuning documents", "held-out documents", "second held-out set")
    chosen.update({k: v for k, v in parts.items() if k in held})
    print("4. Tone against the coded tone (goals: r >= 0.70, three-class accuracy >= 0.75)")
    print(f"   {'part':<22} {'method':<26} {'n':>4}  {'pearson':>7} {'spearman':>8} {'accuracy3':>9}")
    for part, mask in chosen.items():
        subset = reference[mask].reset_index(drop=True)
        table = tone_validity(subset, {name: values[mask] for name, values in compounds.items()})
        for row in table.itertuples():
            figures = f"{row.pearson:7.3f} {row.spearman:8.3f} {row.accuracy3:9.3f}"
            print(f"   {part:<22} {row.method:<26} {row.n:>4}  {figures}")
    print()


def human_rated() -> None:
    files = sorted(BENCH.glob("*_GroundTruth.txt")) if BENCH.is_dir() else []
    print("5. The human-rated sets (Hutto & Gilbert 2014): Pearson r of diplomatic, before and now (goal: no worse)")
    if not files:
        print(f"   skipped: {BENCH} is absent\n")
        return
    before = _before_engine()
    for path in files:
        rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if len(r) == 3]
        ratings = [float(r[1]) for r in rows]
        texts = [r[2] for r in rows]
        now = score_sentiment(texts, method="diplomatic")["compound"]
        old = [before.scores(t)[3] for t in texts]
        r_now, r_old = stats.pearsonr(now, ratings)[0], stats.pearsonr(old, ratings)[0]
        name = path.name.replace("_GroundTruth.txt", "")
        print(f"   {name:<22} {len(texts):>6} texts  before {r_old:.4f}  now {r_now:.4f}  ({r_now - r_old:+.4f})")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of the halves and the intervals (default: 0)")
    args = parser.parse_args(argv)
    codes, reference, texts, parts = coded_sample()
    print(f"coded sample: {len(reference)} units of {reference['doc_id'].nunique()} documents, "
          f"coders {', '.join(dict.fromkeys(codes['coder']))}\n")  # fmt: skip
    agreement(codes, args.seed)
    lexicon(reference, texts, parts)
    learned(reference, texts, args.seed, parts)
    units = pd.concat([fa.analyse_corpus(c).units for c in (CODED, BUNDLED, CODED2)]).set_index("unit_id")["actor"]
    tone(reference, texts, parts, units)
    human_rated()
    return 0


if __name__ == "__main__":
    sys.exit(main())
