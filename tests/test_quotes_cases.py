"""The case table of quote attribution (tests/fixtures/quote_cases.yml): text -> attributions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.attribution import extract_quotes

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "quote_cases.yml").read_text(encoding="utf-8"))


def test_the_table_covers_enough_cases():
    assert len(CASES) >= 60
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if not case["expect"]) >= 10  # negatives


def check_case(case: dict, actors=None) -> None:
    """Assert that a case of a rule table (text -> expected attributions) is what extraction gives."""
    found = extract_quotes(case["text"], actors).to_dict(orient="records")
    observed = [{key: row[key] for key in expected} for row, expected in zip(found, case["expect"], strict=False)]
    assert len(found) == len(case["expect"]), [(r["content"], r["speaker"], r["cue"]) for r in found]
    assert observed == case["expect"]
    for row in found:
        assert row["content"] == case["text"][row["start"] : row["end"]]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    check_case(case)
