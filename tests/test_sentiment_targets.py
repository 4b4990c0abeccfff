"""Targets from YAML: whole words, case rules, multi-word aliases, side-relative targets, overrides."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.sentiment.targets import TargetsError, alias_pattern, find_targets, load_targets, target_mentions


def ids(text: str, side: str = "") -> list[str]:
    return [t for t, _ in find_targets(text, side=side)]


def test_default_targets_cover_the_issue():
    targets = load_targets()
    assert {"treaty", "partner", "iran", "russia", "west", "united_states", "sanctions", "un", "brics", "sco"} <= set(
        targets.targets
    )
    assert list(targets.to_frame().columns) == ["id", "name", "aliases", "by_side"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The treaty was signed.", ["treaty"]),
        ("The TREATY was signed.", ["treaty"]),  # case-insensitive
        ("The treatymaker spoke.", []),  # whole words only
        ("The comprehensive   strategic\npartnership was praised.", ["treaty"]),  # multi-word, any spacing
        ("Iran’s ministry spoke.", ["iran"]),  # curly apostrophe, possessive
        ("Let us talk.", []),  # all-capital alias "US" is case-sensitive
        ("The US and the U.S. Treasury.", ["united_states"]),
        ("The un-named official.", []),
        ("The UN Charter and the BRICS group and the SCO.", ["un", "brics", "sco"]),
        ("They met in the west of the country.", []),  # "the West" is exact
        ("The West imposed sanctions.", ["west", "sanctions"]),
        ("Western pressure grows.", ["west"]),
    ],
)
def test_alias_matching_rules(text, expected):
    assert ids(text) == expected


def test_partner_depends_on_the_speakers_side():
    text = "Moscow and Tehran signed the treaty."
    assert "partner" not in ids(text)  # narration: no side
    assert dict(find_targets(text, side="iran"))["partner"] == "Moscow"
    assert dict(find_targets(text, side="russia"))["partner"] == "Tehran"
    assert "partner" in ids("Cooperation with Russia grows.", side="iran")
    assert "partner" not in ids("Cooperation with Russia grows.", side="russia")
    # a joint statement uses the partner names of both sides
    assert "partner" in ids("Russia grows.", side="iran+russia")


def test_longest_alias_is_reported():
    assert dict(find_targets("The comprehensive strategic partnership treaty entered into force."))["treaty"] == (
        "comprehensive strategic partnership treaty"
    )


def test_alias_pattern_without_aliases():
    assert alias_pattern([]) is None


def test_target_mentions_table():
    units = pd.DataFrame(
        {
            "unit_id": ["a", "b", "c"],
            "text": ["Sanctions on Iran are illegal.", "Nothing here.", "Russia is a friend."],
            "side": ["russia", "russia", "iran"],
        }
    )
    table = target_mentions(units)
    assert table.values.tolist() == [
        ["a", "partner", "Iran"],
        ["a", "iran", "Iran"],
        ["a", "sanctions", "Sanctions"],
        ["c", "partner", "Russia"],
        ["c", "russia", "Russia"],
    ]
    # without a side column only side-free aliases apply
    assert "partner" not in set(target_mentions(units.drop(columns="side"))["target"])


def test_corpus_folder_targets_override(tmp_path):
    (tmp_path / "targets.yml").write_text(
        "targets:\n  - id: oil\n    name: Oil\n    aliases: [oil, crude]\n"
        "  - id: friend\n    by_side:\n      iran: [Moscow]\n",
        encoding="utf-8",
    )
    targets = load_targets(tmp_path)
    assert list(targets.targets) == ["oil", "friend"]
    assert [t for t, _ in find_targets("Crude from Moscow.", targets, side="iran")] == ["oil", "friend"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("targets: [", "not valid YAML"),
        ("targets: []", "non-empty 'targets' list"),
        ("targets:\n  - id: Bad\n    aliases: [x]\n", "lower-case"),
        ("targets:\n  - id: a\n    aliases: [x]\n  - id: a\n    aliases: [y]\n", "duplicate target id 'a'"),
        ("targets:\n  - id: a\n", "has no aliases"),
        ("targets:\n  - id: a\n    aliases: [x]\n    colour: red\n", "unknown field"),
        ("targets:\n  - id: a\n    aliases: [1, '']\n", "non-empty strings"),
        ("targets:\n  - id: a\n    by_side: [x]\n", "by_side must map"),
    ],
)
def test_bad_targets_files_name_the_file_and_problem(tmp_path, content, message):
    path = tmp_path / "targets.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TargetsError, match=message) as error:
        load_targets(path)
    assert str(path) in str(error.value)
    assert isinstance(error.value, AnalysisError)


def test_missing_targets_file(tmp_path):
    with pytest.raises(TargetsError, match="no such file"):
        load_targets(tmp_path / "none.yml")
