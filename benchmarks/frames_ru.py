"""Russian frames and lemmas: how right the Russian frame terms are, and how fast lemmas are.

1. **The Russian frame terms** of ``analysis/data/frames.yml`` against the 62 coded Russian units
   of ``tests/fixtures/frames_ru/coded.jsonl`` (invented sentences, coded 0/1 per frame before any Russian
   term was written): precision, recall and F1 per frame and micro, beside the first run
   recorded in ``tests/fixtures/frames_ru/first_run.json`` (the honest estimate for unseen text:
   the current figures include the changes made after reading the first run's errors); then
   micro figures on the 32 units of ``tests/fixtures/frames_ru/heldout.jsonl``, written after that
   tuning, with their own first run.
2. **Throughput** on generated Russian documents (10,000 by default, ten sentences each, words
   drawn from a few hundred forms): tokens and lemmas (the lemma of each distinct form is
   computed once, :class:`analysis.salience.lemmas.Lemmatizer`), keyness counting and frame
   matching, in units per second on one core.

    python benchmarks/frames_ru.py [--docs N] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from analysis.salience import load_frames
from analysis.salience.lemmas import lemma_texts, lemmatizer
from analysis.salience.terms import document_term_matrix

GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "frames_ru"

# generated sentences: subject, verb, object phrase, circumstance (forms in several cases)
SUBJECTS = ["Россия", "Иран", "Москва", "Тегеран", "Стороны", "Министры", "Делегации", "Эксперты", "Лавров", "Аракчи"]
VERBS = ["подписали", "обсудили", "укрепляют", "осудили", "поддерживают", "рассмотрели", "развивают", "отвергают"]
OBJECTS = [
    "договор о партнёрстве",
    "договора и соглашения",
    "торговые связи",
    "односторонние санкции",
    "вопросы безопасности",
    "транспортный коридор",
    "научное сотрудничество",
    "ситуацию на Ближнем Востоке",
    "дорожную карту",
    "Договор о всеобъемлющем стратегическом партнёрстве",
    "нормы международного права",
    "расчёты в национальных валютах",
]
PLACES = [
    "в Москве",
    "в Тегеране",
    "на встрече",
    "по договору",
    "в рамках ШОС",
    "на переговорах",
    "в среду",
    "в 2025 году",
]


def _corpus(n_docs: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    units = []
    for _ in range(n_docs * 10):
        units.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}.")
    return units


def _scores(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp, fp, fn = (gold & predicted).sum(), (~gold & predicted).sum(), (gold & ~predicted).sum()
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return precision, recall, f1


def _coded(name: str, lexicon) -> tuple[np.ndarray, np.ndarray]:
    rows = [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line]
    gold = np.array([[f in r["frames"] for f in lexicon.frame_ids] for r in rows])
    return gold, lexicon.detect_in([r["text"] for r in rows], "ru")


def frames_against_codes() -> None:
    lexicon = load_frames()
    first = json.loads((GOLD / "first_run.json").read_text(encoding="utf-8"))
    gold, predicted = _coded("coded.jsonl", lexicon)
    print(f"Russian frame terms on {len(gold)} coded units (tests/fixtures/frames_ru/coded.jsonl)")
    print(f"{'frame':<20} {'coded':>5} {'P':>5} {'R':>5} {'F1':>5}   first run F1")
    for j, frame in enumerate(lexicon.frame_ids):
        p, r, f1 = _scores(gold[:, j], predicted[:, j])
        print(f"{frame:<20} {gold[:, j].sum():>5} {p:>5.2f} {r:>5.2f} {f1:>5.2f}   {first['frames'][frame]['f1']:.2f}")
    p, r, f1 = _scores(gold, predicted)
    m = first["micro"]
    print(f"{'micro':<20} {gold.sum():>5} {p:>5.3f} {r:>5.3f} {f1:>5.3f}   first run P={m['precision']:.3f} "
          f"R={m['recall']:.3f} F1={m['f1']:.3f}")  # fmt: skip
    gold, predicted = _coded("heldout.jsonl", lexicon)
    p, r, f1 = _scores(gold, predicted)
    m = first["heldout"]["micro"]
    print(
        f"\nheld out (tests/fixtures/frames_ru/heldout.jsonl, {len(gold)} units, written after the tuning): micro "
        f"P={p:.3f} R={r:.3f} F1={f1:.3f}; its first run P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}"
    )


def throughput(n_docs: int, seed: int) -> None:
    units = _corpus(n_docs, seed)
    reader = lemmatizer("ru")
    n_tokens = 0
    start = time.perf_counter()
    for text in units:
        n_tokens += len(reader.tokens(text))
    lemmas = time.perf_counter() - start
    start = time.perf_counter()
    document_term_matrix(lemma_texts(units, ["ru"] * len(units)))
    counting = time.perf_counter() - start
    lexicon = load_frames()
    lexicon.detect_in(units[:10], "ru")  # the matcher is built once
    start = time.perf_counter()
    lexicon.detect_in(units, "ru")
    frames = time.perf_counter() - start
    print(f"\n{n_docs:,} generated documents, {len(units):,} sentence units, {n_tokens:,} tokens, "
          f"{reader.cached:,} distinct forms lemmatised")  # fmt: skip
    print(f"tokens + lemmas: {lemmas:.2f} s ({n_tokens / lemmas:,.0f} tokens/s, {n_docs / lemmas:,.0f} documents/s)")
    print(f"keyness counting (lemma texts + matrix): {counting:.2f} s ({n_docs / counting:,.0f} documents/s)")
    print(f"frame matching by lemma: {frames:.2f} s ({n_docs / frames:,.0f} documents/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    frames_against_codes()
    throughput(args.docs, args.seed)


if __name__ == "__main__":
    main()
