"""The committed notebooks: stripped of outputs, parameterised, and documents for people."""

from __future__ import annotations

import nbformat
import pytest

from analysis.render.report import default_notebooks

from .conftest import ROOT

NOTEBOOKS = default_notebooks()


def test_the_notebook_suite_is_found():
    assert NOTEBOOKS[0].name == "00_corpus_overview.ipynb"
    assert all(p.parent == ROOT / "notebooks" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a code cell has outputs"
            assert cell.execution_count is None, f"{path.name}: a code cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_starts_with_a_question_and_a_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# ")
    assert "**Question.**" in nb.cells[0].source
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first_code.metadata.get("tags", [])
    for name in ("CORPUS", "ACTOR_A", "ACTOR_B", "SEED", "OUTPUT"):
        assert f"{name} = " in first_code.source
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_analysis_logic_and_no_relative_paths_in_notebooks(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert "sys.path" not in cell.source
        assert "../" not in cell.source
        assert "def " not in cell.source and "class " not in cell.source, "logic belongs in the package"
