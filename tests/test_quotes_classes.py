"""The rules of the attribution classes (issue 11), each with its negative cases.

The table is ``tests/fixtures/quote_class_cases.yml``; the registry is the test registry
``tests/fixtures/attribution_actors.yml`` (ambassadors, deputy ministers, agencies and others
that the package registry does not hold).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.attribution.rules import QuoteRulesError, load_quote_rules
from analysis.corpus.registry import load_actors
from analysis.paths import package_data

from .test_quotes_cases import check_case

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
    check_case(case, ACTORS)


@pytest.mark.parametrize(
    ("key", "value"),
    [("trailing_openers", "5"), ("clause_markers", "[that, 3]"), ("demonstratives", "{this: 1}"), ("addressees", "x")],
)
def test_a_bad_list_of_the_class_rules_names_file_and_line(tmp_path, key, value):
    text = package_data("quote_rules.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))
    end = number
    while end < len(lines) and lines[end].startswith("  "):
        end += 1  # the list's continuation lines
    lines[number - 1 : end] = [f"{key}: {value}"]
    path = tmp_path / "rules.yml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(QuoteRulesError) as caught:
        load_quote_rules(path)
    assert str(path) in str(caught.value) and f"(line {number})" in str(caught.value) and key in str(caught.value)
