"""Figures: one function per figure, each taking a result table and returning a matplotlib Figure.

Figures are built with matplotlib's object API on a :class:`matplotlib.figure.Figure` that is
not registered with pyplot, so no global state changes, nothing is shown twice in a notebook,
and figures are garbage-collected like any object. Every figure has a title, axis labels and a
caption line at the bottom that says where the numbers come from and how to read them. Save one
with ``fig.savefig("name.png", dpi=150)``.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"term": ["sanctions", "partnership"], "n": [1, 1], "count_a": [5, 0],
...     "count_b": [0, 4], "rate_a": [10.0, 0.0], "rate_b": [0.0, 8.0], "score": [2.1, -1.9],
...     "p": [0.04, 0.06], "stability": [0.7, 0.6]})
>>> fig = plot_keyness(table)
>>> fig.axes[0].get_title()
'Terms characteristic of a against b'
"""

from .comparison import plot_frames, plot_keyness, plot_sentiment, plot_term_scatter
from .corpus import MAX_DOCUMENT_BARS, plot_corpus_sizes, plot_coverage, plot_speakers, plot_timeline
from .style import COLORS, add_caption, new_figure, no_data

__all__ = [
    "COLORS",
    "MAX_DOCUMENT_BARS",
    "new_figure",
    "add_caption",
    "no_data",
    "plot_keyness",
    "plot_term_scatter",
    "plot_frames",
    "plot_corpus_sizes",
    "plot_speakers",
    "plot_sentiment",
    "plot_coverage",
    "plot_timeline",
]
