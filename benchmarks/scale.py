"""Scale: the analysis, the comparison and the report on generated corpora of 1,000 to 100,000 documents.

Every document is generated here from sentences written for this benchmark (no third-party
text): wire reports with datelines, quotes of both foreign ministries' people (direct,
reported, mixed), statements of the institutions, joint speakers, outlet narration, live-blog
separators, tables, numbers, emoji and non-Latin names; a few ministry statements and press
conference transcripts; a few syndicated copies.

For each size it prints the time and peak memory (the resident size of a process and its
worker processes together, sampled every 50 ms) of each stage: the analysis
(``framing analyse``) with one process, with two and on a Dask cluster of two workers, a
second analysis that finds its store up to date, loading the store, the comparison of the
two ministries (distinct statements and every copy) and the report (``framing report``),
with the size of its largest page, and the report once more from a corpus with no stored
analysis (what a newcomer's first ``framing report`` costs). The commands run as processes
of their own, as a user runs them, and only their memory counts; loading and comparing run
in this process.

    python benchmarks/scale.py                 # 1,000 and 10,000 documents, with the report
    python benchmarks/scale.py --sizes 100000 --no-report --no-dask

The baseline of both speed-ups is the local engine with one process, measured in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
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


# Invented words (letters drawn with their frequency in English text) make each document's
# details its own, as names, places and figures do in real reports: without them, documents
# drawn from the same few templates would look like near-copies of one another.
_LETTERS = "etaoinshrdlcumwfgypbvkjxqz"
_WEIGHTS = [12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0, 2.0, 1.9, 1.5,
            1.0, 0.8, 0.2, 0.2, 0.1, 0.1]  # fmt: skip


def _word(rng: random.Random) -> str:
    return "".join(rng.choices(_LETTERS, weights=_WEIGHTS, k=rng.randint(3, 10)))


def _detail(rng: random.Random) -> str:
    """A generated narration sentence of invented names and words."""
    name, place = _word(rng).capitalize(), _word(rng).capitalize()
    words = " ".join(_word(rng) for _ in range(rng.randint(3, 8)))
    return f"In {place}, {name} officials discussed the {words} with {rng.randint(2, 90)} delegates."


def _sentence(rng: random.Random) -> str:
    side = rng.choice(["iran", "russia"])
    speaker = rng.choice(SPEAKERS[side])
    subject, predicate = rng.choice(SUBJECTS), rng.choice(PREDICATES)
    if rng.random() < 0.6:  # a claim of its own: an invented object and setting
        words = " ".join(_word(rng) for _ in range(rng.randint(2, 6)))
        predicate = f"{rng.choice(PREDICATES).split(' ', 1)[0]} {words} in {_word(rng).capitalize()}"
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
    draw = rng.random()
    return rng.choice(forms) if draw < 0.45 else rng.choice(NARRATION) if draw < 0.5 else _detail(rng)


#: Paragraphs of a generated news article after its lead (fewest, most): 3.4 KB on average.
PARAGRAPHS = (6, 14)


def _news(rng: random.Random, paragraphs_range: tuple[int, int] = PARAGRAPHS) -> str:
    lead = f"{rng.choice(PLACES)} {rng.choice(AGENCIES)} - {_sentence(rng)}".replace("  ", " ")
    paragraphs = [lead]
    for _ in range(rng.randint(*paragraphs_range)):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))))
        if rng.random() < 0.08:
            paragraphs.append(rng.choice(EXTRAS))
    if rng.random() < 0.02:  # a live blog: long, with separators
        paragraphs += [f"{rng.choice(EXTRAS)}\n\n{_sentence(rng)} {_sentence(rng)}" for _ in range(150)]
    return "\n\n".join(paragraphs)


def _claim(rng: random.Random) -> str:
    """A sentence of a ministry's own text: a template claim, or one with an invented object."""
    if rng.random() < 0.4:
        return f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(PREDICATES)}."
    verb = rng.choice(PREDICATES).split(" ", 1)[0]
    words = " ".join(_word(rng) for _ in range(rng.randint(2, 6)))
    return f"{rng.choice(SUBJECTS).capitalize()} {verb} {words} in {_word(rng).capitalize()}."


def _statement(rng: random.Random) -> str:
    sentences = [_claim(rng) for _ in range(rng.randint(6, 12))]
    return "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))


def _transcript(rng: random.Random) -> str:
    turns = ["Remarks and answers to questions at a joint news conference."]
    for _ in range(rng.randint(4, 10)):
        turns.append(f"Question: Will {rng.choice(SUBJECTS)} change anything?")
        speaker = rng.choice(["Sergey Lavrov", "Abbas Araghchi"])
        answer = " ".join(_claim(rng) for _ in range(3))
        turns.append(f"{speaker}: {answer}")
    return "\n\n".join(turns)


def generate_corpus(folder: str | Path, n: int, *, seed: int = 7, paragraphs: tuple[int, int] = PARAGRAPHS) -> Path:
    """Write a corpus of ``n`` generated documents into ``folder/documents`` and return ``folder``.

    ``paragraphs`` is the range of the number of paragraphs of a news article after its lead.
    """
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
            body = _news(rng, paragraphs)
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


class _PeakMemory:
    """Sample the resident memory of this process and all its children; keep the peak of the sum."""

    def __init__(self, every: float = 0.05, *, itself: bool = True) -> None:
        import psutil  # a dependency of distributed

        self._process, self._every, self.peak, self._itself = psutil.Process(), every, 0, itself
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            itself = [self._process] if self._itself else []
            for process in [*itself, *self._process.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # ended between the listing and the reading
                    total += process.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self._every)

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(label: str, work: Callable[[], Any] | list[str]) -> tuple[Any, float, float]:
    """Run ``work``; print its time and the peak resident memory of this process and its workers (MB).

    ``work`` given as a command line runs as a process of its own, and only its memory (with
    its workers') counts: what a user running that command sees.
    """
    command = work if isinstance(work, list) else None
    with _PeakMemory(itself=command is None) as memory:
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True) if command else work()
        if command and result.returncode:
            sys.exit(f"{' '.join(command[2:])} failed:\n{result.stderr}")
        seconds = time.perf_counter() - started
    print(f"  {label:<44} {seconds:8.1f} s   peak RSS {memory.peak / 1e6:7.0f} MB", flush=True)
    return result, seconds, memory.peak / 1e6


def _pages(folder: Path) -> tuple[int, float, str]:
    """Number of HTML pages under ``folder``, the size of the largest (MB) and its name."""
    pages = sorted(folder.rglob("*.html"), key=lambda p: p.stat().st_size)
    return len(pages), pages[-1].stat().st_size / 1e6, pages[-1].name


def run_size(n: int, work: Path, *, dask: bool, report: bool, paragraphs: tuple[int, int] = PARAGRAPHS) -> None:
    """Generate ``n`` documents in ``work`` and print the figures of every stage."""
    import analysis as fa
    from analysis.pipeline.store import load_store, store_folder

    corpus = work / f"corpus-{n}"
    print(f"== {n:,} documents", flush=True)
    started = time.perf_counter()
    generate_corpus(corpus, n, paragraphs=paragraphs)
    size = sum(p.stat().st_size for p in (corpus / "documents").iterdir()) / 1e6
    print(f"  generated {size:.0f} MB ({size * 1e3 / n:.1f} KB a document) in {time.perf_counter() - started:.1f} s",
          flush=True)  # fmt: skip
    store = store_folder(corpus)  # where the notebooks look for it
    framing = [sys.executable, "-m", "analysis"]  # each stage as a user runs it: a process of its own
    alone = [*framing, "analyse", str(corpus), "--out", str(work / "s1"), "--jobs", "1"]
    _, one, _ = measure("analyse: local engine, 1 process (baseline)", alone)
    done, two, _ = measure("analyse: local engine, 2 processes", [*framing, "analyse", str(corpus), "--jobs", "2"])
    print(f"  {'':<44} speed-up {one / two:.2f}x against 1 process")
    grouped = [line for line in done.stderr.splitlines() if "grouped in" in line]
    if grouped:  # the tables that span documents, computed after the partitions
        print(f"  {'':<44} of which duplicates and distinct statements: {grouped[0].split('grouped in ')[-1]}")
    if dask:
        _, on_dask, _ = measure(
            "analyse: Dask LocalCluster, 2 workers",
            [*framing, "analyse", str(corpus), "--out", str(work / "s3"), "--engine", "dask", "--workers", "2"],
        )
        print(f"  {'':<44} speed-up {one / on_dask:.2f}x against 1 local process")
    measure("analyse again: store up to date", [*framing, "analyse", str(corpus), "--jobs", "2"])
    run, _, _ = measure("load_store", lambda: load_store(store))
    options = {"seed": 2025, "cache": False}
    measure("compare_voices (distinct statements)", lambda: fa.compare_voices(run, "iran_mfa", "russia_mfa", **options))
    measure(
        "compare_voices (every copy)",
        lambda: fa.compare_voices(run, "iran_mfa", "russia_mfa", count="copies", **options),
    )
    if report:
        out = work / f"report-{n}"
        del run  # the report is measured alone, as a user runs it
        measure("report: notebooks and HTML", [*framing, "report", "--corpus", str(corpus), "--out", str(out)])
        count, largest, name = _pages(out)
        print(f"  {'':<44} {count} pages; the largest, {name}, is {largest:.1f} MB", flush=True)
        shutil.rmtree(store)  # as a newcomer runs it: nothing computed yet
        measure(
            "report from scratch: analysis included",
            [*framing, "report", "--corpus", str(corpus), "--out", str(work / f"report-{n}-fresh")],
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--no-report", action="store_true", help="skip the report")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask comparison")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument(
        "--paragraphs",
        type=int,
        nargs=2,
        default=list(PARAGRAPHS),
        metavar=("FEWEST", "MOST"),
        help="paragraphs of a news article after its lead (default: 6 14, 3.4 KB a document; 12 24: 5 KB)",
    )
    args = parser.parse_args(argv)
    for n in args.sizes:
        work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="framing-scale-"))
        try:
            run_size(n, work, dask=not args.no_dask, report=not args.no_report, paragraphs=tuple(args.paragraphs))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
