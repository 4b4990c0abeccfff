"""The rules of the attribution classes (issue 11), each with its negative cases.

The table is ``tests/fixtures/quote_class_cases.yml``; the registry is the test registry
``tests/fixtures/attribution_actors.yml`` (ambassadors, deputy ministers, agencies and others
that the package registry does not hold).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.attribution.extract import extract_quotes
from analysis.corpus.registry import load_actors

FIXTURES = Path(__file__).parent / "fixtures"
CASES = yaml.safe_load((FIXTURES / "quote_class_cases.yml").read_text(encoding="utf-8"))
ACTORS = load_actors(FIXTURES / "attribution_actors.yml")


def test_every_rule_has_cases_and_negatives():
    assert len({case["id"] for case in CASES}) == len(CASES)
    negatives = [case for case in CASES if case["rule"].startswith("negative")]
    assert len(negatives) >= 20
    assert all(case["rule"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    found = extract_quotes(case["text"], ACTORS).to_dict(orient="records")
    observed = [{key: row[key] for key in expected} for row, expected in zip(found, case["expect"], strict=False)]
    assert len(found) == len(case["expect"]), [(r["content"], r["speaker"], r["cue"]) for r in found]
    assert observed == case["expect"]
    for row in found:
        assert row["content"] == case["text"][row["start"] : row["end"]]
