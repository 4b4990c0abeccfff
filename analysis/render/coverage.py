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

__all__ = ["NO_PRIMARY", "MAX_TEXTS", "coverage_sections"]

#: What the section says when the corpus holds no primary text.
NO_PRIMARY = (
    "This corpus holds no primary text -- no statement, transcript, interview or op-ed of an actor -- so "
    "there is nothing to align the news to, and no coverage is shown. Add the actors' own texts to the "
    "corpus (genre and speaker in their front matter) to see which of their sentences each outlet carried."
)


ANY_OTHER = "align any other with analysis.syndication.coverage(run, doc_id)."
#: Primary texts aligned in full by :func:`coverage_sections` (the others are listed).
MAX_TEXTS = 5


def coverage_sections(
    run, folder: str | Path | None = None, *, prefix: str = "06", max_texts: int = MAX_TEXTS
) -> list[Any]:
    """Return what a notebook displays for the primary texts of a corpus, in order.

    The list of primary texts (:func:`analysis.syndication.primary_documents`, saved as
    ``{prefix}_primary_texts``), then, for the ``max_texts`` of them with the most statements
    reported in the news: a heading, the summary of
    :meth:`~analysis.syndication.Coverage.summary`, the figure
    (:func:`~analysis.render.plots.plot_coverage`, saved as ``{prefix}_coverage_{n}``), the
    table of sentences by outlet and the reported statements with no source in the text. A
    note says how many are shown and how to align any other one. A corpus without primary
    text gives one note, :data:`NO_PRIMARY`, and nothing else.

    Parameters
    ----------
    run
        A :class:`~analysis.pipeline.CorpusAnalysis`.
    folder
        The report's output folder (figures and long tables are written there), or None.
    prefix
        The start of the names of the figures and tables.
    max_texts
        The most primary texts aligned in full (each is a figure and two tables).
    """
    primary = primary_documents(run)
    if primary.empty:
        return [note(NO_PRIMARY)]
    source = source_line(run.documents)
    chosen = primary.sort_values("reported", ascending=False, kind="stable").head(max_texts)
    shown = (
        f"all {len(primary)}" if len(chosen) == len(primary)
        else f"the {len(chosen)} of {len(primary)} whose speakers the news reports most"
    )  # fmt: skip
    items: list[Any] = [
        note(
            f"The corpus holds {len(primary)} primary text(s): statements, transcripts, interviews and op-eds "
            f"of the actors, listed with the number of reported statements of their speakers they are compared "
            f"with. Aligned below: {shown}" + ("." if len(chosen) == len(primary) else f"; {ANY_OTHER}")
        ),
        table(primary, max_rows=30, name=f"{prefix}_primary_texts", folder=folder),
    ]
    for number, doc_id in enumerate(chosen["doc_id"], start=1):
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
            shown_rows = unsourced[["outlet", "date", "actor", "type", "text", "similarity"]]
            items.append(table(shown_rows, max_rows=30, name=f"{prefix}_unsourced_{number}", folder=folder))
    return items
