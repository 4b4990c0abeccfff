"""The quote benchmark's scoring on the gold files, and its generated throughput corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = [  # English; tests/gold/ru_*.jsonl are scored by tests/test_quotes_ru.py
    p for p in sorted((ROOT / "tests" / "gold").glob("*.jsonl")) if not (len(p.name) > 3 and p.name[2] == "_")
]


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("quotes_benchmark", ROOT / "benchmarks" / "quotes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()


def test_overlap_and_matching():
    assert bench.overlap((0, 10), (0, 10)) == 1.0
    assert bench.overlap((0, 10), (5, 15)) == 0.5
    assert bench.overlap((0, 10), (0, 40)) == 0.25  # an over-long prediction is penalised
    assert bench.overlap((0, 5), (5, 9)) == 0.0
    assert bench.match([(0, 10), (0, 9)], [(0, 10)], 0.8) == [(0, 0)]  # one to one, best first
    assert bench.match([(0, 10)], [(0, 40)], 0.3) == []


def test_score_of_a_perfect_and_an_empty_prediction():
    gold = bench.load_gold(GOLD_FILES[0])
    perfect = pd.DataFrame(
        [
            {"doc_id": g["doc_id"], **q, "speaker": q["speaker"], "actor": q.get("actor", "")}
            for g in gold
            for q in g["quotes"]
        ]
    )
    result = bench.score(gold, perfect)
    assert result["spans"][0.8]["all"]["f1"] == 1.0
    assert result["actor"][0] == result["speaker"][0] == 1.0
    empty = bench.score(gold, perfect.iloc[0:0])
    assert empty["spans"][0.3]["all"]["recall"] == 0.0


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_targets(path):
    gold = bench.load_gold(path)  # also checks every offset against its text
    assert sum(len(g["quotes"]) for g in gold) >= 10
    result = bench.score(gold, bench.predict(gold, bench.registry_for(path)))
    for threshold in bench.THRESHOLDS:
        assert result["spans"][threshold]["all"]["f1"] >= 0.9, (threshold, result["spans"][threshold]["all"])
    assert result["actor"][0] >= 0.9
    assert result["actor_end_to_end"][0] >= 0.9
    assert result["speaker"][0] >= 0.9


def test_gold_files_document_their_schema():
    readme = (ROOT / "tests" / "gold" / "README.md").read_text(encoding="utf-8")
    for field in ("doc_id", "text", "quotes", "start", "end", "speaker_start", "speaker_end", "cue", "type", "actor"):
        assert f'"{field}"' in readme or f"`{field}`" in readme


def test_synthetic_corpus_is_varied_and_sized():
    texts = bench.synthetic_corpus(200_000)
    assert sum(len(t.encode("utf-8")) for t in texts) >= 200_000
    assert len(set(texts)) == len(texts)
    assert bench.synthetic_corpus(50_000) == bench.synthetic_corpus(50_000)  # seeded


def test_throughput_reports_articles_and_megabytes_per_second():
    # The figure itself is measured by `python benchmarks/quotes.py`, not asserted in a timed test.
    speed = bench.throughput(bench.synthetic_corpus(100_000))
    assert speed["articles"] > 0 and speed["megabytes"] >= 0.1
    assert speed["articles_per_s"] > 0 and speed["mb_per_s"] > 0


def test_command_line_prints_every_measure(capsys):
    assert bench.main([str(GOLD_FILES[0]), "--no-speed"]) == 0
    out = capsys.readouterr().out
    for needle in ("spans @0.3 all", "spans @0.8 all", "direct", "indirect", "speaker accuracy", "actor accuracy"):
        assert needle in out


CLASSES = {
    "multi_sentence",
    "quote_marks",
    "partial_before_cue",
    "speaker_in_clause",
    "descriptions",
    "title_country",
    "inverted_trailing",
    "passive_demonstrative",
    "opening_adverbials",
    "relative_clauses",
    "cues_sources",
}


@pytest.mark.parametrize("name", ["classes_quotes.jsonl", "classes_heldout.jsonl"])
def test_class_files_cover_every_class_with_their_registry(name):
    path = ROOT / "tests" / "gold" / name
    gold = bench.load_gold(path)
    assert {g["class"] for g in gold} == CLASSES
    assert bench.registry_for(path) is not None and bench.registry_for(path).is_file()
    results = bench.by_class(gold, bench.predict(gold, bench.registry_for(path)))
    assert set(results) == CLASSES
    assert sum(r["spans"][0.3]["all"]["n_gold"] for r in results.values()) == sum(len(g["quotes"]) for g in gold)


def test_the_tuning_class_file_has_80_cases_and_negatives():
    gold = bench.load_gold(ROOT / "tests" / "gold" / "classes_quotes.jsonl")
    assert sum(len(g["quotes"]) for g in gold) >= 80
    assert sum(1 for g in gold if not g["quotes"]) >= 5  # documents that must yield nothing


def test_command_line_prints_figures_per_class(capsys):
    assert bench.main([str(ROOT / "tests" / "gold" / "classes_quotes.jsonl"), "--no-speed"]) == 0
    out = capsys.readouterr().out
    assert "F1@0.3" in out
    for name in CLASSES:
        assert name in out


ROUND3 = {
    "coordinated_verbs",
    "told_audience",
    "dash_apposition",
    "inverted_apposition",
    "split_conjunction",
    "plural_present",
    "document_sources",
    "description_mixed",
    "name_circumstance",
    "role_context",
    "joint_voices",
}


@pytest.mark.parametrize("name", ["round3_quotes.jsonl", "round3_heldout.jsonl"])
def test_round_three_files_cover_every_class_with_positives_and_negatives(name):
    gold = bench.load_gold(ROOT / "tests" / "gold" / name)
    assert {g["class"] for g in gold} == ROUND3
    for cls in ROUND3:
        documents = [g for g in gold if g["class"] == cls]
        assert any(g["quotes"] for g in documents), cls
    assert sum(1 for g in gold if not g["quotes"]) >= 8  # documents that must yield nothing


def test_the_benchmark_prints_the_held_out_first_run_per_class(capsys):
    assert bench.main([str(ROOT / "tests" / "gold" / "round3_heldout.jsonl"), "--no-speed"]) == 0
    out = capsys.readouterr().out
    assert "first run of round3_heldout.jsonl, before any fix" in out
    for name in ROUND3:
        assert f"first run {name}" in out


def test_gold_dates_reach_the_role_resolution(tmp_path):
    registry = tmp_path / "actors.yml"
    registry.write_text(
        "sides:\n  iran: {name: Iran, aliases: [Iran]}\nactors:\n"
        "  - {id: zarif, name: Zarif, kind: person, side: iran, role: minister, until: 2021-08-25}\n"
        "  - {id: araghchi, name: Araghchi, kind: person, side: iran, role: minister, from: 2024-08-21}\n",
        encoding="utf-8",
    )
    text = "Iran's top diplomat said the talks would resume."
    gold = [
        {"doc_id": d, "class": "", "date": date, "text": text, "quotes": []}
        for d, date in (("a", "2019-01-01"), ("b", "2025-03-01"))
    ]
    assert bench.predict(gold, registry)["actor"].tolist() == ["zarif", "araghchi"]
