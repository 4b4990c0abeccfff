"""Compare sentence splitters on the fixture of tricky news sentences.

Prints, per splitter, the share of fixture texts split exactly right, boundary precision,
recall and F1, and texts per second. Splitters: ours (``analysis.text.split_sentences``:
syntok plus two corrections), syntok alone, pysbd (installed with the ``dev`` extra) and, as
the named baseline, a regular expression that splits after ``.``, ``!`` or ``?`` followed by a
space and a capital letter.

    python benchmarks/sentences.py
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from analysis.text import split_sentences

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sentences.yml"
Splitter = Callable[[str], list[str]]


def ours_splitter(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def syntok_raw_splitter(text: str) -> list[str]:
    from syntok import segmenter

    return [
        text[sentence[0].offset : sentence[-1].offset + len(sentence[-1].value)]
        for paragraph in segmenter.analyze(text)
        for sentence in paragraph
    ]


def pysbd_splitter() -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [span.sent.strip() for span in segmenter.segment(text)]


_REGEX = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“])")


def regex_splitter(text: str) -> list[str]:
    return [s.strip() for s in _REGEX.split(text) if s.strip()]


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Return the end offsets of the sentences, found in order in the text."""
    ends, position = set(), 0
    for sentence in sentences:
        found = text.find(sentence, position)
        if found < 0:
            continue
        position = found + len(sentence)
        ends.add(position)
    return ends


def evaluate(splitter: Splitter, cases: list[dict]) -> dict[str, float]:
    exact = tp = predicted = gold = 0
    for case in cases:
        got = splitter(case["text"])
        exact += got == case["sentences"]
        want_b = boundaries(case["text"], case["sentences"])
        got_b = boundaries(case["text"], got)
        tp += len(want_b & got_b)
        predicted += len(got_b)
        gold += len(want_b)
    precision, recall = tp / predicted, tp / gold
    start = time.perf_counter()
    repeats = 20
    for _ in range(repeats):
        for case in cases:
            splitter(case["text"])
    rate = repeats * len(cases) / (time.perf_counter() - start)
    return {
        "exact": exact / len(cases),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "texts_per_s": rate,
    }


def main() -> None:
    cases = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    splitters: dict[str, Splitter | None] = {
        "regex baseline": regex_splitter,
        "syntok (raw)": syntok_raw_splitter,
        "ours": ours_splitter,
        "pysbd": pysbd_splitter(),
    }
    print(f"{len(cases)} fixture texts from {FIXTURE.name}")
    print(f"{'splitter':<16} {'exact':>6} {'P':>6} {'R':>6} {'F1':>6} {'texts/s':>9}")
    results = {}
    for name, splitter in splitters.items():
        if splitter is None:
            print(f"{name:<16} (not installed)")
            continue
        r = results[name] = evaluate(splitter, cases)
        scores = " ".join(f"{r[k]:6.2f}" for k in ("exact", "precision", "recall", "f1"))
        print(f"{name:<16} {scores} {r['texts_per_s']:9.0f}")
    if "pysbd" in results:
        ratio = results["ours"]["texts_per_s"] / results["pysbd"]["texts_per_s"]
        print(f"ours speed / pysbd speed: {ratio:.1f}x")


if __name__ == "__main__":
    main()
