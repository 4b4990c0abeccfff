"""Benchmark quote attribution: span precision/recall/F1, speaker and actor accuracy, throughput.

Usage::

    python benchmarks/quotes.py [GOLD.jsonl ...] [--actors FILE] [--min-mb 5] [--no-speed] [--errors]

Without gold files, every ``tests/gold/*.jsonl`` of the checkout is scored, one at a time, each
with its actor registry (:data:`REGISTRIES`; the package registry otherwise). A file whose
records carry a ``class`` (``classes_quotes.jsonl``) is also scored class by class.

Gold schema
-----------
One JSON object a line, one document each::

    {"doc_id": "news-01",
     "text": "...",                      # offsets below are Python string indices into it
     "quotes": [{"start": 10, "end": 42,  # content span, half-open
                 "type": "direct",        # direct | indirect | mixed
                 "speaker": "Lavrov", "speaker_start": 0, "speaker_end": 6,   # "" and -1 when none
                 "cue": "said",           # "" when none
                 "actor": "lavrov",       # optional: registry id, ids joined by "+", or ""
                 "content": "...", "cue_start": 7, "cue_end": 11}]}          # optional, checked

A record may add ``"class"``: the kind of difficulty it tests (figures per class are printed),
and ``"date"``: the document's date (ISO), which descriptions by role are resolved with.
The first run of each held-out file, recorded before any fix in ``tests/gold/first_runs.json``,
is printed after its current figures.

Every attribution of the document must be listed (narration is everything else). Conventions
of the spans are those of :mod:`analysis.attribution.extract` (direct content without the marks or a final
comma; indirect content without the sentence's final period; a floating quotation's speaker is
the mention of the speaker it is attributed to, with no cue).

Measures
--------
overlap(p, g)
    ``|p ∩ g| / max(|p|, |g|)``: the shared characters over the length of the longer span.
    It is symmetric and stricter than the GenderGapTracker evaluation, which divides by the
    length of the reference span only (so an over-long prediction covering the gold scores 1).
matching
    At each threshold (0.3 and 0.8, as GenderGapTracker reports), predicted and gold spans of a
    document are paired one to one, greedily by decreasing overlap, when overlap >= threshold.
    Precision = paired predictions / predictions; recall = paired gold / gold. Per type, recall
    counts the gold quotes of that type that were paired (whatever the predicted type) and
    precision the predictions of that type that were paired.
speaker accuracy
    Over pairs at threshold 0.3: correct when both have no speaker, or the speaker spans
    overlap by >= 0.5, or the speaker texts are equal ignoring case and a leading "the".
actor accuracy
    Over pairs at 0.3 whose gold has an ``actor``: the actor ids are equal. "end to end" divides
    the same count by every gold quote with an actor (a missed quote counts as wrong).

Throughput is measured on a corpus of at least ``--min-mb`` megabytes generated here from
sentence templates (varied speakers, cues, quotation styles and narration, seeded), by one call
of :func:`analysis.attribute_quotes` on one core, table building included; and, as a check on
news prose, on the texts of the gold files joined into articles of about 3 kB (fewer
attributions per kilobyte than the templates, but harder sentences). Figures are CPU time
(:func:`time.process_time`, best of three runs, so that other jobs on the machine matter
less), with the wall-clock throughput of the same runs beside them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.attribution import QUOTE_TYPES, attribute_quotes, extract_quotes  # noqa: E402
from analysis.corpus import documents_from_texts, normalise_name  # noqa: E402

THRESHOLDS = (0.3, 0.8)
GOLD_DIR = ROOT / "tests" / "gold"
#: The first runs of the held-out files, recorded before any fix (printed beside today's figures).
FIRST_RUNS = GOLD_DIR / "first_runs.json"
#: Gold files scored with a registry of their own (people the package registry does not know).
REGISTRIES = {
    name: ROOT / "tests" / "fixtures" / "attribution_actors.yml"
    for name in ("classes_quotes.jsonl", "classes_heldout.jsonl")
}


def english_gold_files() -> list[Path]:
    """The English gold files: those of ``tests/gold`` without a language prefix (``ru_*.jsonl``
    is scored by ``benchmarks/quotes_ru.py``)."""
    return [p for p in sorted(GOLD_DIR.glob("*.jsonl")) if not (len(p.name) > 3 and p.name[2] == "_")]


# gold and predictions --------------------------------------------------------------------
def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file and check its offsets against its texts.

    Raises
    ------
    ValueError
        Naming the line and the problem when a record does not follow the schema.
    """
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = record.get("text")
        if not isinstance(text, str) or not isinstance(record.get("quotes"), list):
            raise ValueError(f"{path}:{number}: expected {{doc_id, text, quotes: [...]}}")
        for quote in record["quotes"]:
            start, end = quote["start"], quote["end"]
            if not 0 <= start < end <= len(text) or quote.get("type") not in QUOTE_TYPES:
                raise ValueError(f"{path}:{number}: bad span or type in {quote}")
            if "content" in quote and quote["content"] != text[start:end]:
                raise ValueError(f"{path}:{number}: content does not match text[start:end] in {quote}")
            s, e = quote.get("speaker_start", -1), quote.get("speaker_end", -1)
            if s >= 0 and text[s:e] != quote.get("speaker", ""):
                raise ValueError(f"{path}:{number}: speaker does not match its offsets in {quote}")
        records.append(
            {
                "doc_id": str(record.get("doc_id", number)),
                "class": str(record.get("class", "")),
                "date": str(record.get("date", "")),
                "text": text,
                "quotes": record["quotes"],
            }
        )
    return records


def registry_for(path: str | Path) -> Path | None:
    """The actor registry a gold file is scored with (None: the package registry)."""
    return REGISTRIES.get(Path(path).name)


def predict(gold: Sequence[dict[str, Any]], actors: str | Path | None = None) -> pd.DataFrame:
    """Run :func:`analysis.attribute_quotes` on the texts of a gold file (``actors``: a registry file).

    A record's ``date`` is the document's (descriptions by role go to the office holder of that date).
    """
    documents = documents_from_texts({g["doc_id"]: g["text"] for g in gold})
    documents["date"] = [pd.Timestamp(g["date"]) if g.get("date") else pd.NaT for g in gold]
    return attribute_quotes(documents, actors)


# scoring ------------------------------------------------------------------------------------
def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Return ``|a ∩ b| / max(|a|, |b|)`` for half-open spans (0 when either is empty).

    >>> overlap((0, 10), (5, 10)), overlap((0, 10), (0, 10)), overlap((0, 4), (4, 8))
    (0.5, 1.0, 0.0)
    """
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0])
    return max(0, shared) / longest if longest > 0 else 0.0


def match(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """Pair predicted and gold spans one to one, greedily by decreasing overlap >= threshold.

    >>> match([(0, 10), (20, 30)], [(0, 9), (50, 60)], 0.8)
    [(0, 0)]
    """
    candidates = sorted(
        ((overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_p, used_g, pairs = set(), set(), []
    for score, i, j in candidates:
        if score < threshold or score == 0:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "n_pred": n_pred, "n_gold": n_gold}


def _speaker_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    p = (int(pred["speaker_start"]), int(pred["speaker_end"]))
    g = (int(gold.get("speaker_start", -1)), int(gold.get("speaker_end", -1)))
    if p[0] < 0 or g[0] < 0:
        return p[0] < 0 and g[0] < 0
    return overlap(p, g) >= 0.5 or normalise_name(pred["speaker"]) == normalise_name(gold.get("speaker", ""))


def score(gold: Sequence[dict[str, Any]], predicted: pd.DataFrame) -> dict[str, Any]:
    """Score predictions (an ``attributions`` table) against gold records (see the docstring).

    Returns
    -------
    dict
        ``spans[threshold][type or "all"]`` -> precision, recall, f1, n_pred, n_gold;
        ``speaker``, ``actor`` and ``actor_end_to_end`` accuracies with their counts, and
        ``type`` accuracy over the pairs at 0.3.
    """
    by_doc = {doc_id: group for doc_id, group in predicted.groupby("doc_id", sort=False)} if len(predicted) else {}
    result: dict[str, Any] = {"spans": {}, "documents": len(gold)}
    for threshold in THRESHOLDS:
        counts = {t: [0, 0, 0, 0] for t in ("all", *QUOTE_TYPES)}  # tp_pred, n_pred, tp_gold, n_gold
        speaker = actor = typed = pairs_n = actor_n = actor_gold = 0
        for record in gold:
            rows = by_doc.get(record["doc_id"])
            preds = [] if rows is None else rows.to_dict(orient="records")
            golds = record["quotes"]
            pairs = match([(p["start"], p["end"]) for p in preds], [(g["start"], g["end"]) for g in golds], threshold)
            paired_p = {i for i, _ in pairs}
            paired_g = {j for _, j in pairs}
            for i, p in enumerate(preds):
                for key in ("all", p["type"]):
                    counts[key][0] += i in paired_p
                    counts[key][1] += 1
            for j, g in enumerate(golds):
                for key in ("all", g["type"]):
                    counts[key][2] += j in paired_g
                    counts[key][3] += 1
                actor_gold += "actor" in g
            for i, j in pairs:
                p, g = preds[i], golds[j]
                pairs_n += 1
                speaker += _speaker_ok(p, g)
                typed += p["type"] == g["type"]
                if "actor" in g:
                    actor_n += 1
                    actor += p["actor"] == g["actor"]
        result["spans"][threshold] = {key: _prf(*values) for key, values in counts.items()}
        if threshold == THRESHOLDS[0]:
            result["speaker"] = (speaker / pairs_n if pairs_n else 0.0, speaker, pairs_n)
            result["type"] = (typed / pairs_n if pairs_n else 0.0, typed, pairs_n)
            result["actor"] = (actor / actor_n if actor_n else 0.0, actor, actor_n)
            result["actor_end_to_end"] = (actor / actor_gold if actor_gold else 0.0, actor, actor_gold)
    return result


def errors(gold: Sequence[dict[str, Any]], predicted: pd.DataFrame, threshold: float = 0.3) -> list[str]:
    """Return one line per missed gold quote, spurious prediction or wrong actor (for reading)."""
    lines = []
    by_doc = {doc_id: group for doc_id, group in predicted.groupby("doc_id", sort=False)} if len(predicted) else {}
    for record in gold:
        rows = by_doc.get(record["doc_id"])
        preds = [] if rows is None else rows.to_dict(orient="records")
        golds = record["quotes"]
        text = record["text"]
        pairs = match([(p["start"], p["end"]) for p in preds], [(g["start"], g["end"]) for g in golds], threshold)
        paired_p, paired_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for j, g in enumerate(golds):
            if j not in paired_g:
                lines.append(f"{record['doc_id']}: missed   {g['type']:8} {text[g['start'] : g['end']][:70]!r}")
        for i, p in enumerate(preds):
            if i not in paired_p:
                lines.append(f"{record['doc_id']}: spurious {p['type']:8} {p['content'][:70]!r}")
        for i, j in pairs:
            p, g = preds[i], golds[j]
            if "actor" in g and p["actor"] != g["actor"]:
                lines.append(f"{record['doc_id']}: actor    {p['actor']!r} for {g['actor']!r} ({p['speaker']!r})")
            if p["type"] != g["type"]:
                lines.append(f"{record['doc_id']}: type     {p['type']} for {g['type']} {p['content'][:50]!r}")
    return lines


def by_class(gold: Sequence[dict[str, Any]], predicted: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Score each ``class`` of a gold file on its own documents (classes in file order)."""
    classes = list(dict.fromkeys(g["class"] for g in gold if g["class"]))
    return {
        name: score(
            [g for g in gold if g["class"] == name],
            predicted[predicted["doc_id"].isin({g["doc_id"] for g in gold if g["class"] == name})],
        )
        for name in classes
    }


def class_report(results: dict[str, dict[str, Any]]) -> str:
    """Format :func:`by_class` results: one line per class, span P/R/F1 at 0.3 and 0.8, actor accuracy."""
    lines = [f"{'class':22} {'docs':>4} {'gold':>4}  P@0.3  R@0.3  F1@0.3  F1@0.8  actor"]
    for name, result in results.items():
        loose, strict = result["spans"][0.3]["all"], result["spans"][0.8]["all"]
        actor, good, total = result["actor"]
        lines.append(
            f"{name:22} {result['documents']:>4} {loose['n_gold']:>4}  {loose['precision']:.3f}  "
            f"{loose['recall']:.3f}  {loose['f1']:.3f}   {strict['f1']:.3f}   {actor:.3f} ({good}/{total})"
        )
    return "\n".join(lines)


def first_run(name: str) -> list[str]:
    """The recorded first run of a held-out gold file (``tests/gold/first_runs.json``), as lines."""
    runs = json.loads(FIRST_RUNS.read_text(encoding="utf-8")) if FIRST_RUNS.is_file() else {}
    run = runs.get(name)
    if not run:
        return []
    figures = run["all"]
    lines = [
        f"first run of {name}, before any fix ({run['written']}): F1@0.3 {figures['f1_0.3']:.3f}  "
        f"F1@0.8 {figures['f1_0.8']:.3f}  actor {figures['actor']:.3f}"
    ]
    for cls, values in run.get("classes", {}).items():
        lines.append(
            f"  first run {cls:22} F1@0.3 {values['f1_0.3']:.3f}  F1@0.8 {values['f1_0.8']:.3f}  "
            f"actor {values['actor']:.3f}"
        )
    return lines


def report(name: str, result: dict[str, Any]) -> str:
    """Format a :func:`score` result as a small text table."""
    lines = [f"== {name}"]
    for threshold, by_type in result["spans"].items():
        for key, m in by_type.items():
            if m["n_gold"] or m["n_pred"]:
                lines.append(
                    f"spans @{threshold:.1f} {key:8}  P {m['precision']:.3f}  R {m['recall']:.3f}  "
                    f"F1 {m['f1']:.3f}  (pred {m['n_pred']}, gold {m['n_gold']})"
                )
    for key in ("speaker", "type", "actor", "actor_end_to_end"):
        value, good, total = result[key]
        lines.append(f"{key.replace('_', ' ')} accuracy {value:.3f} ({good}/{total})")
    return "\n".join(lines)


# throughput ---------------------------------------------------------------------------------
_SPEAKERS = [
    "Iran's Foreign Ministry",
    "The Russian Foreign Ministry",
    "Russian Foreign Minister Sergei Lavrov",
    "Iranian President Masoud Pezeshkian",
    "Kremlin spokesman Dmitry Peskov",
    "Maria Zakharova",
    "Abbas Araghchi",
    "A senior Iranian official",
    "Western diplomats",
    "Tehran",
    "Moscow",
    "The ministry",
    "The spokesman",
    "Iran's Supreme Leader",
    "Analysts in Vienna",
    "Esmaeil Baghaei",
    "The Kremlin",
    "Iranian lawmakers",
]
_CUES = [
    "said",
    "stressed",
    "noted",
    "warned",
    "added",
    "insisted",
    "emphasized",
    "announced",
    "argued",
    "told reporters",
]
_SUBJECTS = [
    "the treaty",
    "the agreement",
    "bilateral trade",
    "the new corridor",
    "energy cooperation",
    "the sanctions regime",
    "the partnership",
    "regional security",
    "the talks",
    "the joint commission",
]
_PREDICATES = [
    "would strengthen ties between the two nations",
    "had reached a new level",
    "was not directed against third countries",
    "could not be undermined by outside pressure",
    "remained a priority for both governments",
    "would be expanded in the coming months",
    "reflected a strategic choice",
    "served the interests of the region",
    "had been discussed in detail",
    "was moving forward despite the difficulties",
]
_NARRATION = [
    "Iran and Russia signed the document in Moscow in January.",
    "The two countries have expanded trade in recent years.",
    "Officials met in Tehran on Monday for a third round of consultations.",
    "The agreement covers defence, energy, finance and culture.",
    "Western governments have imposed new sanctions.",
    "The parliament approved the bill by a large majority.",
    "Delegations from both sides attended the ceremony.",
    "Prices on the energy market rose sharply after the announcement.",
]


def _clause(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_PREDICATES)}"


def _inside(speaker: str) -> str:
    """A speaker as written inside a sentence ("The ministry" -> "the ministry")."""
    return speaker[0].lower() + speaker[1:] if speaker.startswith("The ") else speaker


def _sentence(rng: random.Random) -> str:
    """One sentence: an attribution in one of six styles (three times in four), else narration."""
    speaker, cue, clause = rng.choice(_SPEAKERS), rng.choice(_CUES), _clause(rng)
    sentence = clause[0].upper() + clause[1:]
    styles = [
        f"“{sentence},” {_inside(speaker)} {cue.split()[0]}.",
        f"{speaker} {cue} that {clause}.",
        f"{sentence}, {_inside(speaker)} {cue}.",
        f"According to {_inside(speaker)}, {clause}.",
        f'{speaker} {cue}: "{sentence}. We will not change course."',
        f"It {rng.choice(['also ', ''])}{rng.choice(['stated', 'said', 'noted'])} that {clause}.",
    ]
    form = rng.randrange(8)
    return styles[form] if form < len(styles) else rng.choice(_NARRATION)


def synthetic_corpus(min_bytes: int, *, seed: int = 3) -> list[str]:
    """Generate articles (about 3 kB each) until their UTF-8 size reaches ``min_bytes``."""
    rng = random.Random(seed)
    texts, size = [], 0
    while size < min_bytes:
        paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(8, 16))]
        text = "\n\n".join(paragraphs)
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def throughput(texts: Sequence[str], repeats: int = 3) -> dict[str, float]:
    """Time :func:`analysis.attribute_quotes` over ``texts`` (one call, one core), best of ``repeats``.

    CPU time (:func:`time.process_time`) is what the figures are computed from, since other
    jobs may share the machine; the wall-clock time of the same runs is reported beside it.
    """
    documents = documents_from_texts(list(texts))
    attribute_quotes(documents.head(5))  # warm caches (registry, rules, compiled patterns)
    cpu, wall = [], []
    for _ in range(max(1, repeats)):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        table = attribute_quotes(documents)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
    seconds, wall_seconds = min(cpu), min(wall)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {
        "articles": len(texts),
        "megabytes": megabytes,
        "seconds": seconds,
        "wall_seconds": wall_seconds,
        "articles_per_s": len(texts) / seconds,
        "wall_articles_per_s": len(texts) / wall_seconds,
        "mb_per_s": megabytes / seconds,
        "attributions": len(table),
    }


def gold_articles(files: Sequence[Path], size: int = 3000) -> list[str]:
    """The texts of the gold files joined, paragraph by paragraph, into articles of about ``size`` characters."""
    articles, current = [], []
    for file in files:
        for record in load_gold(file):
            current.append(record["text"])
            if sum(len(t) for t in current) >= size:
                articles.append("\n\n".join(current))
                current = []
    return articles + (["\n\n".join(current)] if current else [])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold JSONL files (default: tests/gold/*.jsonl)")
    parser.add_argument("--min-mb", type=float, default=5.0, help="size of the generated corpus for throughput")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    parser.add_argument("--errors", action="store_true", help="list missed, spurious and wrongly resolved quotes")
    parser.add_argument("--actors", help="actor registry for every gold file (default: REGISTRIES, else the package's)")
    args = parser.parse_args(argv)
    files = [Path(g) for g in args.gold] or english_gold_files()
    for file in files:
        gold = load_gold(file)
        predicted = predict(gold, args.actors or registry_for(file))
        print(report(f"{file.name} ({len(gold)} documents)", score(gold, predicted)))
        if any(g["class"] for g in gold):
            print(class_report(by_class(gold, predicted)))
        for line in first_run(file.name):
            print(line)
        if args.errors:
            print("\n".join(errors(gold, predicted)) or "(no errors)")
    if not args.no_speed:
        speed = throughput(synthetic_corpus(int(args.min_mb * 1e6)))
        print(
            f"== throughput: {speed['articles']} generated articles, {speed['megabytes']:.1f} MB, "
            f"{speed['attributions']} attributions in {speed['seconds']:.2f} s of CPU: "
            f"{speed['articles_per_s']:.0f} articles/s, {speed['mb_per_s']:.2f} MB/s "
            f"(wall clock: {speed['wall_articles_per_s']:.0f} articles/s; best of three)"
        )
        prose = throughput(gold_articles(english_gold_files()) * 10)
        print(
            f"== throughput on gold prose: {prose['articles']} articles of about 3 kB (the gold texts ten times), "
            f"{prose['megabytes']:.1f} MB in {prose['seconds']:.2f} s of CPU: "
            f"{prose['articles_per_s']:.0f} articles/s, {prose['mb_per_s']:.2f} MB/s "
            f"(wall clock: {prose['wall_articles_per_s']:.0f} articles/s; best of three)"
        )
        for line in scaling():
            print(line)
    return 0


def scaling() -> list[str]:
    """Time one paragraph without a newline at 1x and 4x its length (linear time: ratio about 4)."""
    unit = 'Lavrov said the talks were useful, adding that "we agree." Tehran said so. '
    lines, times = [], []
    for repeat in (2_000, 8_000):
        started = time.perf_counter()
        extract_quotes(unit * repeat)
        times.append(time.perf_counter() - started)
    lines.append(
        f"== scaling: one paragraph of {len(unit) * 2_000 / 1e3:.0f} kB in {times[0]:.2f} s, four times longer in "
        f"{times[1]:.2f} s: {times[1] / times[0]:.1f}x the time for 4x the text (quadratic would be 16x)"
    )
    for name, text in (("letters", "a" * 1_000_000), ("quote marks", '"' * 1_000_000)):
        started = time.perf_counter()
        extract_quotes(text)
        lines.append(f"== 1 MB of {name} without a newline: {time.perf_counter() - started:.2f} s")
    return lines


if __name__ == "__main__":
    sys.exit(main())
