"""Who criticises whom: our own diplomatic sentences, scored, then counted per voice and target."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.sentiment import (
    CRITICISM_COLUMNS,
    criticism_matrix,
    criticism_table,
    load_targets,
    score_units,
)

STATEMENTS = [
    # (actor, side, text)
    ("russia_mfa", "russia", "The ministry accused the European trio of undermining a peaceful solution."),
    ("russia_mfa", "russia", "The E3 bear full responsibility for the provocations."),
    ("russia_mfa", "russia", "Cooperation with Tehran is growing and fruitful."),
    ("russia_mfa", "russia", "Moscow firmly condemns the terrorist attack and expresses deep condolences."),
    ("araghchi", "iran", "The Europeans are sabotaging the hard-won agreement, Araghchi said."),
    ("araghchi", "iran", "We welcome the constructive position of Russia."),
    ("araghchi", "iran", "The unilateral sanctions imposed by Washington are illegal."),
    ("outlet", "", "France, Germany and the United Kingdom triggered the snapback mechanism."),
]


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    units = pd.DataFrame(STATEMENTS, columns=["actor", "side", "text"])
    units["doc_id"] = "d"
    units["unit_id"] = [f"d:{i * 100}-{i * 100 + 90}" for i in range(len(units))]
    units["source"] = ["narration" if a == "outlet" else "quote" for a in units["actor"]]
    units["outlet"] = "Wire"
    return score_units(units)


def test_the_european_trio_is_a_target():
    targets = load_targets()
    assert "european_trio" in targets
    assert targets["european_trio"].pattern().search("France, Germany and the UK said")


def test_the_russian_ministry_criticises_the_european_trio(scored):
    table = criticism_table(scored).set_index(["voice", "target"])
    assert list(criticism_table(scored).columns) == CRITICISM_COLUMNS
    row = table.loc[("russia_mfa", "european_trio")]
    assert (row["n"], row["n_negative"], row["n_positive"]) == (2, 2, 0)
    assert row["negative_ids"] == ["d:0-90", "d:100-190"]
    partner = table.loc[("russia_mfa", "partner")]  # Tehran, seen from Moscow
    assert (partner["n_positive"], partner["positive_ids"]) == (1, ["d:200-290"])


def test_boilerplate_is_courtesy_not_criticism(scored):
    kept = criticism_table(scored, exclude_boilerplate=False)
    assert "d:300-390" in {i for ids in kept["negative_ids"] for i in ids}
    assert "d:300-390" not in {i for ids in criticism_table(scored)["negative_ids"] for i in ids}


def test_the_iranian_minister_by_target_and_sole(scored):
    table = criticism_table(scored, voices=["araghchi"]).set_index("target")
    assert table.loc["west", "n_negative"] == 1  # "the Europeans"
    assert table.loc["partner", "n_positive"] == 1 and table.loc["russia", "n_positive"] == 1
    assert table.loc["united_states", "n_negative"] == 1 and table.loc["sanctions", "n_negative"] == 1
    sole = criticism_table(scored, voices=["araghchi"], sole=True)
    assert set(sole["target"]) == {"west"}  # the other sentences name two targets each
    assert sole.attrs["sole"] is True


def test_matrix_and_empty_rows(scored):
    table = criticism_table(scored, voices=["russia_mfa", "araghchi"], include_empty=True)
    assert len(table) == 2 * len(load_targets())
    matrix = criticism_matrix(table)
    assert matrix.loc["russia_mfa", "european_trio"] == 2 and matrix.loc["araghchi", "treaty"] == 0
    assert criticism_matrix(table.iloc[0:0]).empty


def test_a_table_without_voice_columns_is_one_clear_error():
    with pytest.raises(AnalysisError, match="lacks actor"):
        criticism_table(pd.DataFrame({"unit_id": ["a"], "text": ["x"], "compound": [0.0]}))
