"""Rendering: figures, escaped HTML display in notebooks, and the HTML reports.

* :mod:`~analysis.render.plots` -- one function per figure, each returning a matplotlib Figure;
* :mod:`~analysis.render.display` -- escaped HTML tables, notes, caveats and highlighted articles;
* :mod:`~analysis.render.report` -- executing the notebooks and rendering static HTML reports.
"""

from .display import articles, caveat, caveats, escape, highlight_attributions, note, show_figure, table
from .plots import (
    plot_corpus_sizes,
    plot_coverage,
    plot_frames,
    plot_keyness,
    plot_sentiment,
    plot_speakers,
    plot_term_scatter,
    plot_timeline,
)
from .report import ReportError, ReportResult, build_report, save_figure

__all__ = [
    "note",
    "caveat",
    "caveats",
    "table",
    "escape",
    "show_figure",
    "highlight_attributions",
    "articles",
    "plot_keyness",
    "plot_term_scatter",
    "plot_frames",
    "plot_corpus_sizes",
    "plot_speakers",
    "plot_sentiment",
    "plot_coverage",
    "plot_timeline",
    "build_report",
    "save_figure",
    "ReportError",
    "ReportResult",
]
