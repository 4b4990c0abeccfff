"""The validation figures: written by the benchmark, read by the reports, never typed into a notebook."""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis.sentiment import (
    DEFAULT_METHOD,
    interval_table,
    load_validation,
    method_summary,
    probe_table,
    validation_table,
)
from analysis.sentiment.validation import ValidationError

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"


def test_the_figures_cover_every_method_and_the_default():
    validation = load_validation()
    assert validation["default_method"] == DEFAULT_METHOD
    table = validation_table()
    assert {"vader", "vader3", "diplomatic", "masking only", "adjustments only", "learned (in-sample)"} <= set(
        table.index
    )
    assert list(table.columns) == ["Amazon reviews", "movie reviews", "tweets"]
    # the default must be no worse than VADER on human ratings (within 0.005 r)
    assert (table.loc["diplomatic"] >= table.loc["vader"] - 0.005).all()
    probes = probe_table()
    assert probes.loc["diplomatic", "correct"] == probes.loc["diplomatic", "of"]
    assert probes.loc["diplomatic", "correct"] > probes.loc["vader", "correct"]


def test_document_intervals_are_wider_and_cover_better_in_the_benchmark():
    table = interval_table()
    assert (table["mean_ratio"] > 1).all() and (table["share_ratio"] > 1).all()
    draws = table[table["replicates"] > 1]
    assert (draws["coverage_mean_document"] >= draws["coverage_mean_sentence"]).all()


def test_method_summary_names_the_method_and_reads_the_figures():
    text = method_summary()
    assert text.startswith("Sentiment method 'diplomatic' (the default).")
    figure = validation_table().loc["diplomatic", "tweets"]
    assert f"{figure:.2f} (tweets)" in text
    assert "no validation figures" in method_summary("some_dictionary")


def test_a_missing_file_says_how_to_make_it(tmp_path):
    with pytest.raises(ValidationError, match=r"run benchmarks/sentiment\.py"):
        load_validation(tmp_path / "absent.json")


@pytest.mark.parametrize("name", ["02_sentiment.ipynb", "05_framing_report.ipynb"])
def test_the_reports_read_their_figures_instead_of_typing_them(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "method_summary" in code
    assert not re.search(r"\b0\.\d{2,}\b", prose), "a figure typed into the prose goes stale: compute it"
