"""Figures of the report that will move into analysis/plots.py (kept apart while it is edited)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

SOURCE = "Source: corpus documents; counts from analysis.corpus_summary."


def plot_corpus_sizes(summary: pd.DataFrame, *, source: str = SOURCE) -> Figure:
    """Bar chart of the number of sentences (and words) of each document.

    Parameters
    ----------
    summary
        The table of :func:`analysis.corpus_summary`.
    source
        Caption printed under the figure.

    Examples
    --------
    >>> summary = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "outlet": ["X", "Y"],
    ...     "sentences": [3, 5], "words": [40, 70]})
    >>> plot_corpus_sizes(summary).axes[0].get_xlabel()
    'sentences'
    """
    fig = Figure(figsize=(8, 1.2 + 0.45 * max(len(summary), 1)), layout="constrained")
    ax = fig.add_subplot()
    labels = [f"{t[:60]} ({o})" if o else t[:60] for t, o in zip(summary["title"], summary["outlet"], strict=True)]
    positions = range(len(summary))
    bars = ax.barh(list(positions), summary["sentences"], color="#4c72b0")
    for bar, words in zip(bars, summary["words"], strict=True):
        ax.annotate(
            f" {int(bar.get_width())} sentences, {int(words)} words",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            fontsize=8,
        )
    ax.set_yticks(list(positions), labels=labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("sentences")
    ax.set_title("Documents in the corpus, by length")
    ax.margins(x=0.35)
    fig.text(0.0, -0.02, source, fontsize=7, color="0.4", ha="left", va="top")
    return fig
