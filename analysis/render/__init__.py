"""Rendering: figures, escaped HTML display in notebooks, and the HTML reports.

* :mod:`~analysis.render.plots` -- one function per figure, each returning a matplotlib Figure;
* :mod:`~analysis.render.display` -- notes, caveats, the findings table, the voices' box and highlighted
  articles, all escaped;
* :mod:`~analysis.render.tables` -- escaped HTML tables and evidence tables (text first, ids in the CSV);
* :mod:`~analysis.render.report` -- executing the notebooks and rendering static HTML reports.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> module that defines it: imported when first used, so that the processes that
# only execute notebooks (``report``) do not load matplotlib and pandas
_DISPLAY = [
    "articles",
    "caveat",
    "caveats",
    "escape",
    "evidence_table",
    "findings",
    "highlight_attributions",
    "note",
    "show_figure",
    "table",
    "voices_box",
]
_PLOTS = [
    "plot_corpus_sizes",
    "plot_coverage",
    "plot_frames",
    "plot_keyness",
    "plot_sentiment",
    "plot_speakers",
    "plot_term_scatter",
    "plot_timeline",
]
_REPORT = ["ReportError", "ReportResult", "build_report", "save_figure"]
_VALIDATION = ["validation_section"]
_WHERE = {
    **dict.fromkeys(_DISPLAY, "display"),
    **dict.fromkeys(_PLOTS, "plots"),
    **dict.fromkeys(_REPORT, "report"),
    **dict.fromkeys(_VALIDATION, "validation"),
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [*_DISPLAY, *_PLOTS, *_REPORT, *_VALIDATION]
