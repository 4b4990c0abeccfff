"""Executing notebooks and rendering reports: offline, deterministic, safe, and failing cleanly."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from analysis.cli import main
from analysis.render.report import ReportError, inject_parameters, render_html

from .conftest import ROOT

OVERVIEW = ROOT / "notebooks" / "00_corpus_overview.ipynb"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.images, self.headings, self.links = [], [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag in {"h1", "h2", "h3"}:
            self._heading = []

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3"} and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _notebook(tmp_path: Path, name: str, *sources: str) -> Path:
    cells = [nbformat.v4.new_markdown_cell(f"# {name}")]
    cells.append(nbformat.v4.new_code_cell("CORPUS = None\nOUTPUT = None", metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "P"}})
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def test_inject_parameters_replaces_an_earlier_injection():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("A = 1", metadata={"tags": ["parameters"]})])
    inject_parameters(nb, {"A": 2})
    inject_parameters(nb, {"A": 3, "B": "x"})
    assert [c.source.splitlines()[-1] for c in nb.cells] == ["A = 1", "B = 'x'"]
    assert len(nb.cells) == 2


def test_inject_parameters_needs_a_parameters_cell():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("A = 1")])
    with pytest.raises(ReportError, match="tagged 'parameters'"):
        inject_parameters(nb, {"A": 2})


def test_render_html_hides_code_in_the_readers_version_and_loads_nothing():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_code_cell("secret_code_marker = 1", outputs=[]),
        ]
    )
    reader = render_html(nb, title="T")
    methods = render_html(nb, with_code=True, title="T")
    assert "secret_code_marker" not in reader
    assert "secret_code_marker" in methods
    for page in (reader, methods):
        assert parse(page).scripts == []  # no require.js, MathJax, mermaid or widgets
        assert not re.search(r"""(src|href)=["']https?://""", page)
        assert "Content-Security-Policy" in page


def test_cli_report_with_a_bad_corpus_fails_before_starting_kernels(tmp_path, capsys):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "a.md").write_text("no front matter", encoding="utf-8")
    assert main(["report", "--corpus", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no front matter" in err
    assert not (tmp_path / "out").exists()


def _slow_notebook(tmp_path: Path) -> Path:
    """A notebook that writes a table and a line naming its run, after a pause (so that runs overlap)."""
    cells = [
        nbformat.v4.new_markdown_cell("# Run"),
        nbformat.v4.new_code_cell(
            "CORPUS = None\nOUTPUT = None\nRUN = 0\nPAUSE = 0", metadata={"tags": ["parameters"]}
        ),
        nbformat.v4.new_code_cell(
            "import pathlib, time\ntime.sleep(PAUSE)\n"
            "(pathlib.Path(OUTPUT) / 'tables').mkdir(parents=True, exist_ok=True)\n"
            "(pathlib.Path(OUTPUT) / 'tables' / 'run.csv').write_text(f'run\\n{RUN}\\n')\n"
            "print(f'this is run {RUN}')"
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "P"}})
    path = tmp_path / "01_run.ipynb"
    nbformat.write(nb, path)
    return path


def _start_report(notebook: Path, out: Path, run: int, pause: float):
    import subprocess
    import sys

    code = (
        "from analysis.render.report import build_report\n"
        f"build_report(out={str(out)!r}, notebooks=[{str(notebook)!r}], parameters={{'RUN': {run}, 'PAUSE': {pause}}}, "
        "jobs=1)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True)


def _published_run(out: Path) -> set[str]:
    """The run each published file comes from."""
    page = (out / "01_run.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    runs = set(re.findall(r"this is run (\d+)", page)) | set(re.findall(r"<th>RUN</th><td><code>(\d+)<", index))
    runs.add((out / "tables" / "run.csv").read_text(encoding="utf-8").split()[-1])
    assert len(runs) >= 1 and re.search(r"<th>RUN</th>", index)
    return runs


@pytest.mark.slow
def test_two_runs_into_one_folder_publish_one_whole_run_each(tmp_path):
    notebook, out = _slow_notebook(tmp_path), tmp_path / "out"
    runs = [_start_report(notebook, out, run, pause) for run, pause in ((1, 3), (2, 2))]
    for process in runs:
        assert process.wait(timeout=300) == 0, process.stderr.read()
    assert len(_published_run(out)) == 1  # page, table and index all from the run that published last
    assert not list(out.glob(".staging-*"))


def _second_run_started(tmp_path: Path):
    """Publish a first report, then start a second, slow one into the same folder.

    Returns the output folder, the files of the first report and the second run's process,
    once that run has created its staging folder.
    """
    import time

    notebook, out = _slow_notebook(tmp_path), tmp_path / "out"
    first = _start_report(notebook, out, 1, 0)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    before = _tree(out)
    second = _start_report(notebook, out, 2, 60)
    deadline = time.monotonic() + 120
    while not list(out.glob(".staging-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return out, before, second


@pytest.mark.slow
def test_an_interrupted_run_leaves_the_previous_reports_as_they_were(tmp_path):
    import signal
    import time

    out, before, second = _second_run_started(tmp_path)
    time.sleep(3)  # the notebook is executing
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=120) != 0
    assert _tree(out) == before and _published_run(out) == {"1"}
    assert not list(out.glob(".staging-*"))


@pytest.mark.slow
def test_a_run_stopped_while_it_prepares_the_analysis_cleans_up_and_does_not_wait(tmp_path):
    import signal
    import time

    out, before, second = _second_run_started(tmp_path)
    second.send_signal(signal.SIGTERM)  # the analysis and comparison are being prepared
    stopped = time.monotonic()
    assert second.wait(timeout=120) == 128 + signal.SIGTERM
    assert time.monotonic() - stopped < 30
    assert _tree(out) == before and not list(out.glob(".staging-*"))


def test_showing_a_figure_in_a_notebook_does_not_import_the_notebook_machinery(tmp_path):
    """nbformat takes about a second to import: every report notebook would pay it for nothing."""
    import subprocess
    import sys

    code = (
        "import sys, matplotlib; matplotlib.use('Agg')\n"
        "from matplotlib.figure import Figure\n"
        "from analysis.render import show_figure\n"
        "fig = Figure(); fig.add_subplot().plot([0, 1])\n"
        f"show_figure(fig, 'demo', {str(tmp_path)!r})\n"
        "print(sorted(m for m in ('nbformat', 'nbclient', 'nbconvert') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "figures" / "demo.svg").is_file()


@pytest.mark.slow
def test_the_memory_of_a_checked_corpus_goes_back_to_the_system_before_the_kernels_start(tmp_path):
    import ctypes.util
    import subprocess
    import sys

    if "libc" not in (ctypes.util.find_library("c") or ""):
        pytest.skip("malloc_trim is glibc's")
    # in a process of its own, so that the test suite's own memory does not blur the figures
    code = (
        "import importlib.util, psutil, sys\n"
        f"spec = importlib.util.spec_from_file_location('scale', {str(ROOT / 'benchmarks' / 'scale.py')!r})\n"
        "scale = importlib.util.module_from_spec(spec); spec.loader.exec_module(scale)\n"
        f"folder = scale.generate_corpus({str(tmp_path / 'corpus')!r}, 3000, seed=1)\n"
        "from analysis.cli.report import return_freed_memory\n"
        "from analysis.corpus.documents import load_corpus\n"
        "rss = lambda: psutil.Process().memory_info().rss\n"
        "load_corpus(folder)  # what framing report checks, then lets go\n"
        "before = rss()\n"
        "return_freed_memory()\n"
        "print((before - rss()) // 2**20)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert int(result.stdout) >= 8  # MB given back (about 20 for these 10 MB of documents)
