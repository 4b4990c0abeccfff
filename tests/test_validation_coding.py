"""Coding in JupyterLab: the coding sheet, the widget and the coding notebook (not one of the reports)."""

from __future__ import annotations

import shutil

import nbformat
import pandas as pd
import pytest

from analysis.render.report import default_notebooks, execute_notebook
from analysis.validation import read_codes
from analysis.validation.codes import CodesError
from analysis.validation.coding import CodingSheet, coding_widget, practice_sheet

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "coding.ipynb"
SHEET = (
    "doc_id,start,end,unit_id,voice,text,before,after,frame:economy,frame:security,tone,coder\n"
    'd,0,5,d:0-5,iran_mfa,"<script>alert(1)</script>",,,,,,\n'
    "d,6,9,d:6-9,iran_mfa,War,,,,,,\n"
    "d,10,15,d:10-15,russia_mfa,Trade,,,,,,\n"
)


def test_the_widget_codes_one_unit_at_a_time_saves_each_and_resumes(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    panel = coding_widget(path, coder="ana")
    assert panel.position == 0
    html = panel.children[0].children[0].value
    assert "<script>" not in html and "&lt;script&gt;" in html  # corpus text is escaped
    assert '<p dir="auto"' in html  # Persian or Arabic text runs right to left
    panel.checkboxes["economy"].value = True
    panel.tone.value = -2
    panel.save_button.click()
    saved = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert saved.loc[0, ["frame:economy", "frame:security", "tone", "coder"]].tolist() == ["1", "0", "-2", "ana"]
    assert panel.position == 1
    panel.skip_button.click()
    assert panel.position == 2
    resumed = coding_widget(path, coder="ana")  # a new session starts at the first unit not coded
    assert resumed.position == 1
    resumed.checkboxes["security"].value = True
    resumed.save_button.click()
    resumed.save_button.click()
    assert resumed.position is None and "All 3 units are coded" in resumed.children[0].children[0].value
    codes = read_codes(path)  # a coded sheet is a codes file
    assert codes["frame:security"].tolist() == [0.0, 1.0, 0.0] and codes["coder"].unique().tolist() == ["ana"]


def test_a_sheet_that_is_no_sheet_is_refused(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CodesError, match="not a coding sheet"):
        CodingSheet(path)
    with pytest.raises(CodesError, match="no such file"):
        CodingSheet(tmp_path / "missing.csv")
    path.write_text(SHEET, encoding="utf-8")
    with pytest.raises(CodesError, match="tone 7 is outside"):
        CodingSheet(path).record(0, frames={"economy": True}, tone=7, coder="ana")
    assert path.read_text(encoding="utf-8") == SHEET  # nothing written


def test_the_practice_sheet_holds_the_codebooks_examples_and_is_kept(tmp_path):
    path = practice_sheet(tmp_path / "practice.csv")
    sheet = CodingSheet(path)
    assert sheet.frame_ids[0] == "partnership" and len(sheet) >= 34
    sheet.record(0, frames={}, tone=0, coder="ben")
    assert practice_sheet(path) == path and CodingSheet(path).next_uncoded() == 1


def test_the_coding_notebook_is_a_short_document_and_not_a_report():
    assert NOTEBOOK not in default_notebooks()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.cells[0].source.startswith("# ") and "**Question.**" in nb.cells[0].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert "def " not in cell.source and "sys.path" not in cell.source and "../" not in cell.source


@pytest.mark.slow
def test_the_coding_notebook_runs_on_a_sheet(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    notebook = tmp_path / "coding.ipynb"
    shutil.copy(NOTEBOOK, notebook)
    nb = execute_notebook(notebook, {"SHEET": str(sheet), "CORPUS": None, "CODER": "ana"})
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert sheet.read_text(encoding="utf-8") == SHEET  # showing the panel codes nothing
