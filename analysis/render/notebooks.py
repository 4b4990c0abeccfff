"""One notebook: parameters injected, executed with nbclient, rendered as a static HTML page; figures saved.

:func:`execute_notebook` runs a notebook top to bottom (kernel ``python3``, a timeout per cell,
the notebook's folder as working directory), injecting the values of the cell tagged
``parameters`` in the manner of papermill; :func:`render_html` renders it with the package's
nbconvert template (no CDN, no scripts); :func:`save_figure` writes a figure as PNG and
deterministic SVG. :mod:`analysis.render.report` runs them for every notebook (and
:mod:`analysis.render.index` writes the page that links the reports).

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("A = 1", metadata={"tags": ["parameters"]})])
>>> inject_parameters(nb, {"A": 2}).cells[1].source
'# Parameters injected by analysis.render.report\\nA = 2'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AnalysisError

if TYPE_CHECKING:  # nbformat takes about a second to import: notebooks saving figures do not need it
    import nbformat

__all__ = [
    "TEMPLATE_NAME",
    "CELL_TIMEOUT",
    "ReportError",
    "inject_parameters",
    "execute_notebook",
    "notebook_title",
    "render_html",
    "save_figure",
]

#: Name of the nbconvert template that ships with the package (no CDN, no scripts).
TEMPLATE_NAME = "framing_report"
_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Seconds a single cell may run before the report stops.
CELL_TIMEOUT = 300


class ReportError(AnalysisError):
    """A notebook failed or the report could not be written."""


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> nbformat.NotebookNode:
    """Insert a cell assigning ``parameters`` after the cell tagged ``parameters``.

    The new cell is tagged ``injected-parameters``, as papermill does; a previously injected
    cell is replaced. Values are written with :func:`repr`, so they must be Python literals.

    Raises
    ------
    ReportError
        When the notebook has no cell tagged ``parameters``.
    """
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    index = next(
        (i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])),
        None,
    )
    if index is None:
        raise ReportError("the notebook has no cell tagged 'parameters'")
    lines = ["# Parameters injected by analysis.render.report"]
    lines += [f"{name} = {value!r}" for name, value in parameters.items()]
    import nbformat

    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    cell["id"] = "injected-parameters"
    cells.insert(index + 1, cell)
    nb.cells = cells
    return nb


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    # A non-inline backend (e.g. MPLBACKEND=Agg) would drop the figures from the notebook.
    env.pop("MPLBACKEND", None)
    env["PYTHONHASHSEED"] = "0"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def _one_line(text: str, limit: int = 300) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # ANSI colours of tracebacks
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def execute_notebook(
    path: str | Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout: int = CELL_TIMEOUT,
    kernel_name: str = "python3",
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom and return it with outputs.

    Parameters
    ----------
    path
        The ``.ipynb`` file; it runs with its own folder as working directory.
    parameters
        Values injected after the cell tagged ``parameters``.
    timeout
        Seconds one cell may take.
    kernel_name
        Jupyter kernel to use (``python3``, the kernel of the running environment).

    Raises
    ------
    ReportError
        One line naming the notebook and the cause (the exception the failing cell raised).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path.name}: cannot read the notebook ({_one_line(str(exc))})") from None
    if parameters:
        try:
            inject_parameters(nb, parameters)
        except ReportError as exc:
            raise ReportError(f"{path.name}: {exc}") from None
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=timeout,
        startup_timeout=120,
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute(env=_kernel_env())
    except CellExecutionError as exc:
        cause = f"{exc.ename}: {exc.evalue}" if getattr(exc, "ename", None) else str(exc).splitlines()[-1]
        raise ReportError(f"notebook {path.name} failed: {_one_line(cause)}") from None
    except CellTimeoutError:
        raise ReportError(f"notebook {path.name} failed: a cell ran longer than {timeout} s") from None
    except DeadKernelError as exc:
        raise ReportError(f"notebook {path.name} failed: the kernel died ({_one_line(str(exc))})") from None
    return nb


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Return the first Markdown heading of a notebook (without ``#``), or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def render_html(nb: nbformat.NotebookNode, *, with_code: bool = False, title: str | None = None) -> str:
    """Render an executed notebook as a static HTML page (no network, no scripts).

    The reader's version (default) hides code cells' input and prompts; ``with_code=True``
    keeps them (the methods version). Cells tagged ``injected-parameters`` are shown only in
    the methods version.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(_TEMPLATES)],
        exclude_input=not with_code,
        exclude_input_prompt=not with_code,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    if title:
        nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title or "Report"}})
    return body


def save_figure(fig: Any, name: str, folder: str | Path | None) -> list[Path]:
    """Save a matplotlib figure as ``NAME.png`` and ``NAME.svg`` in ``folder/figures/``.

    SVG output is made deterministic (fixed hash salt, no date), so reports can be compared
    byte for byte; both are drawn with the fonts of every script the report shows, glyphs as
    paths in the SVG (:func:`analysis.render.plots.style.report_fonts`). With ``folder`` None nothing is written.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import tempfile
    >>> fig, ax = plt.subplots()
    >>> [p.suffix for p in save_figure(fig, "demo", tempfile.mkdtemp())]
    ['.png', '.svg']
    """
    if folder is None:
        return []
    import matplotlib as mpl

    if not re.fullmatch(r"[\w-]+", name):
        raise ReportError(f"figure name {name!r} must be letters, digits, '_' or '-'")
    target = Path(folder) / "figures"
    target.mkdir(parents=True, exist_ok=True)
    paths = [target / f"{name}.png", target / f"{name}.svg"]
    from .plots.style import report_fonts

    with report_fonts(), mpl.rc_context({"svg.hashsalt": "framing-analysis"}):
        fig.savefig(paths[0], dpi=150, bbox_inches="tight", metadata={"Software": None})
        fig.savefig(paths[1], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return paths
