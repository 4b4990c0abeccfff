"""Scale: the analysis, the comparison and the report on generated corpora of 1,000 to 100,000 documents.

Every document is generated here from sentences written for this benchmark (no third-party
text): wire reports with datelines, quotes of both foreign ministries' people (direct,
reported, mixed), statements of the institutions, joint speakers, outlet narration, live-blog
separators, tables, numbers, emoji and non-Latin names; a few ministry statements and press
conference transcripts; a few syndicated copies.

For each size it prints the time and peak memory (``tracemalloc`` of this process; worker
processes are measured by their resident size) of each stage: the analysis (``framing
analyse``), loading it again from its store, the comparison of the two ministries, and the
report; then the speed-up of the Dask engine with two workers against the local engine.

    python benchmarks/scale.py                 # 1,000 and 10,000 documents, with the report
    python benchmarks/scale.py --sizes 100000 --no-report --no-dask

The local engine is the baseline of the Dask speed-up, measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = ["Test Wire", "Caspian Daily", "Northern Herald", "Gulf Observer", "Steppe News", "Eurasia Monitor"]
PLACES = ["MOSCOW", "TEHRAN", "ASTANA", "BAKU", "UNITED NATIONS", "ISTANBUL"]
AGENCIES = ["(Reuters)", "(TASS)", "(IRNA)", "(AP)", "(ANI)", ""]

SPEAKERS = {
    "iran": [
        "Iranian Foreign Minister Abbas Araghchi",
        "Foreign Ministry spokesman Esmaeil Baghaei",
        "Iran's Deputy Foreign Minister Kazem Gharibabadi",
        "Iran's ambassador to Russia Kazem Jalali",
        "Iran's Foreign Ministry",
        "President Masoud Pezeshkian",
    ],
    "russia": [
        "Russian Foreign Minister Sergey Lavrov",
        "Foreign Ministry spokeswoman Maria Zakharova",
        "Russian Deputy Foreign Minister Andrey Rudenko",
        "Russian Ambassador to Iran Alexey Dedov",
        "Russia's Foreign Ministry",
        "Kremlin spokesman Dmitry Peskov",
    ],
}
SUBJECTS = [
    "the treaty",
    "the comprehensive strategic partnership",
    "bilateral trade",
    "the North-South transport corridor",
    "cooperation in energy",
    "the unilateral sanctions",
    "the partnership between Tehran and Moscow",
    "regional security in the Caspian",
    "the talks on the nuclear file",
    "the payment system in national currencies",
    "multilateralism and international law",
    "the joint commission",
]
PREDICATES = [
    "would strengthen ties between the two nations",
    "had reached a new level of trust",
    "was not directed against third countries",
    "could not be undermined by outside pressure",
    "remained a priority for both governments",
    "would be expanded in the coming months",
    "reflected a strategic choice of both leaderships",
    "served the interests of the whole region",
    "was illegal and counterproductive",
    "showed that hegemony has no future",
    "would help both economies withstand pressure",
    "was a milestone in a long history of friendship",
]
NARRATION = [
    "The two countries signed the document in Moscow in January.",
    "Trade between them grew by 16 percent last year, according to customs data.",
    "Officials met on Monday for a third round of consultations.",
    "The agreement covers defence, energy, finance, science and culture.",
    "Western governments imposed new sanctions on both countries this year.",
    "Parliament approved the bill by a large majority after a short debate.",
    "Delegations from both sides attended the ceremony at the foreign ministry.",
    "Oil prices rose by 2.4 percent after the announcement.",
    "The railway link is expected to cost about 1.6 billion euros.",
    "Analysts in Almaty, Baku and Yerevan followed the talks closely.",
]
EXTRAS = [
    "___",
    "| Year | Trade (bn $) |\n| 2023 | 4.9 |\n| 2024 | 5.6 |",
    "Read more: The corridor that links the Baltic to the Gulf",
    "Photo: The delegations in the conference hall",
    "Experts cited by the agency listed 12 joint projects 🚆 and 7 banking links 🏦.",
    "Названия проектов и مشاريع were published in both languages.",
    "UPDATE 14:05 GMT —",
]


def _sentence(rng: random.Random) -> str:
    side = rng.choice(["iran", "russia"])
    speaker = rng.choice(SPEAKERS[side])
    subject, predicate = rng.choice(SUBJECTS), rng.choice(PREDICATES)
    clause = f"{subject} {predicate}"
    upper = clause[0].upper() + clause[1:]
    forms = [
        f"“{upper},” {speaker} said.",
        f"{speaker} said that {clause}.",
        f"{speaker} told reporters on Tuesday that {clause}.",
        f"According to {speaker}, {clause}.",
        f'{speaker} stressed that {subject} was "a strategic choice."',
        f"{upper}, {speaker} noted.",
        f"Both sides said {clause}.",
        f"{speaker}, who met his counterpart for the third time this year, said {clause}.",
    ]
    return rng.choice(forms) if rng.random() < 0.7 else rng.choice(NARRATION)


def _news(rng: random.Random) -> str:
    lead = f"{rng.choice(PLACES)} {rng.choice(AGENCIES)} - {_sentence(rng)}".replace("  ", " ")
    paragraphs = [lead]
    for _ in range(rng.randint(6, 14)):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))))
        if rng.random() < 0.08:
            paragraphs.append(rng.choice(EXTRAS))
    if rng.random() < 0.02:  # a live blog: long, with separators
        paragraphs += [f"{rng.choice(EXTRAS)}\n\n{_sentence(rng)} {_sentence(rng)}" for _ in range(150)]
    return "\n\n".join(paragraphs)


def _statement(rng: random.Random) -> str:
    sentences = [f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(PREDICATES)}." for _ in range(rng.randint(6, 12))]
    return "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))


def _transcript(rng: random.Random) -> str:
    turns = ["Remarks and answers to questions at a joint news conference."]
    for _ in range(rng.randint(4, 10)):
        turns.append(f"Question: Will {rng.choice(SUBJECTS)} change anything?")
        speaker = rng.choice(["Sergey Lavrov", "Abbas Araghchi"])
        answer = " ".join(f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(PREDICATES)}." for _ in range(3))
        turns.append(f"{speaker}: {answer}")
    return "\n\n".join(turns)


def generate_corpus(folder: str | Path, n: int, *, seed: int = 7) -> Path:
    """Write a corpus of ``n`` generated documents into ``folder/documents`` and return ``folder``."""
    rng = random.Random(seed)
    folder = Path(folder)
    documents = folder / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    previous = ""
    for i in range(n):
        kind = rng.random()
        genre, speaker = "news", ""
        if kind < 0.03:
            genre, speaker, body = "statement", rng.choice(["iran_mfa", "russia_mfa"]), _statement(rng)
        elif kind < 0.05:
            genre, body = "transcript", _transcript(rng)
        elif kind < 0.10 and previous:  # a syndicated copy with a new dateline
            body = f"{rng.choice(PLACES)} - " + previous.split(" - ", 1)[-1]
        else:
            body = _news(rng)
        previous = body if genre == "news" else previous
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        lines = [
            "---",
            f"id: doc-{i:06d}",
            f"title: Generated report {i}",
            f"outlet: {rng.choice(OUTLETS)}",
            f"date: 2025-{month:02d}-{day:02d}",
            f"url: https://example.org/generated/{i}",
            "byline: Staff",
            "language: en",
            f"genre: {genre}",
        ]
        if speaker:
            lines.append(f"speaker: {speaker}")
        lines += ["---", "", body, ""]
        (documents / f"doc-{i:06d}.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def measure(label: str, work: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run ``work`` and print its time and the peak memory it allocated (MB, tracemalloc)."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label:<34} {seconds:8.1f} s   peak {peak / 1e6:8.0f} MB", flush=True)
    return result, seconds, peak / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--no-report", action="store_true", help="skip the report")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask comparison")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    args = parser.parse_args(argv)

    import analysis as fa

    for n in args.sizes:
        work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="framing-scale-"))
        corpus = work / f"corpus-{n}"
        print(f"== {n:,} documents", flush=True)
        started = time.perf_counter()
        generate_corpus(corpus, n)
        size = sum(p.stat().st_size for p in (corpus / "documents").iterdir()) / 1e6
        print(f"  generated {size:.0f} MB in {time.perf_counter() - started:.1f} s", flush=True)
        run, _, _ = measure("analyse_corpus (local engine)", lambda corpus=corpus: fa.analyse_corpus(corpus))
        measure(
            "compare_voices iran_mfa/russia_mfa",
            lambda run=run: fa.compare_voices(run, "iran_mfa", "russia_mfa", seed=2025),
        )
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
