"""The selective-quoting section of a report: for each primary text, a summary, a figure and tables.

Examples
--------
>>> from analysis.pipeline import analyse_corpus
>>> items = coverage_sections(analyse_corpus())
>>> len(items), "no primary text" in items[0].data
(1, True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from IPython.display import HTML

from ..corpus.overview import source_line
from ..syndication.coverage import coverage, primary_documents
from .display import escape, note, show_figure, table
from .plots import plot_coverage

__all__ = ["NO_PRIMARY", "coverage_sections"]

#: What the section says when the corpus holds no primary text.
NO_PRIMARY = (
    "This corpus holds no primary text -- no statement, transcript, interview or op-ed of an actor -- so "
    "there is nothing to align the news to, and no coverage is shown. Add the actors' own texts to the "
    "corpus (genre and speaker in their front matter) to see which of their sentences each outlet carried."
)


def coverage_sections(run, folder: str | Path | None = None, *, prefix: str = "06") -> list[Any]:
    """Return what a notebook displays for every primary text of a corpus, in order.

    For each primary text (:func:`analysis.syndication.primary_documents`): a heading, the
    summary of :meth:`~analysis.syndication.Coverage.summary`, the figure
    (:func:`~analysis.render.plots.plot_coverage`, saved as ``{prefix}_coverage_{n}``), the
    table of sentences by outlet and the reported statements with no source in the text.
    A corpus without primary text gives one note, :data:`NO_PRIMARY`, and nothing else.

    Parameters
    ----------
    run
        A :class:`~analysis.pipeline.CorpusAnalysis`.
    folder
        The report's output folder (figures and long tables are written there), or None.
    prefix
        The start of the names of the figures and tables.
    """
    primary = primary_documents(run)
    if primary.empty:
        return [note(NO_PRIMARY)]
    source = source_line(run.documents)
    items: list[Any] = []
    for number, doc_id in enumerate(primary["doc_id"], start=1):
        result = coverage(run, doc_id)
        items.append(HTML(f"<h3>{number}. {escape(result.title)} ({escape(result.outlet)})</h3>"))
        items.append(note(result.summary()))
        items.append(show_figure(plot_coverage(result, source=source), f"{prefix}_coverage_{number}", folder))
        items.append(table(result.matrix(), max_rows=60, name=f"{prefix}_coverage_{number}", folder=folder))
        unsourced = result.unsourced()
        if unsourced.empty:
            items.append(note("Every reported statement compared has a source in this text."))
        else:
            items.append(note("Reported statements with no source in this text:"))
            shown = unsourced[["outlet", "date", "actor", "type", "text", "similarity"]]
            items.append(table(shown, max_rows=30, name=f"{prefix}_unsourced_{number}", folder=folder))
    return items
