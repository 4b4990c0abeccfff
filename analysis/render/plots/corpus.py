"""Figures of the corpus and of its syndication: document sizes, speakers, coverage, timeline."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .style import COLORS, add_caption, new_figure, no_data, with_report_fonts

__all__ = ["MAX_DOCUMENT_BARS", "plot_corpus_sizes", "plot_speakers", "plot_coverage", "plot_timeline"]


# Corpus, speakers and sentiment


#: Above this many documents, :func:`plot_corpus_sizes` shows distributions instead of one bar each.
MAX_DOCUMENT_BARS = 30


@with_report_fonts
def plot_corpus_sizes(
    summary: pd.DataFrame, *, source: str | None = None, max_documents: int = MAX_DOCUMENT_BARS
) -> Figure:
    """The sizes of the corpus's documents: one bar each, or distributions for a large corpus.

    Up to ``max_documents`` documents, one bar per document gives its sentences, with its word
    count printed. Above it, one bar per document would be unreadable (and slow to draw), so
    two panels give the distribution of document lengths (a histogram of sentences, with the
    median) and the documents of each outlet (the 15 largest, the others summed).

    Parameters
    ----------
    summary
        The table of :func:`analysis.corpus_summary`.
    source
        A source line for the caption.
    max_documents
        The most documents drawn one bar each.

    Examples
    --------
    >>> summary = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "outlet": ["X", "Y"],
    ...     "sentences": [3, 5], "words": [40, 70]})
    >>> plot_corpus_sizes(summary).axes[0].get_xlabel()
    'sentences'
    >>> [ax.get_title() for ax in plot_corpus_sizes(summary, max_documents=1).axes]
    ['Length of the 2 documents', 'Documents by outlet']
    """
    caption = "Sentences and words counted on the stored body of each document (analysis.corpus_summary)."
    if len(summary) > max_documents:
        fig = _corpus_distributions(summary)
    else:
        fig = new_figure(8, 1.6 + 0.45 * max(len(summary), 1))
        ax = fig.add_subplot()
        ax.set_title("Documents in the corpus, by length")
        ax.set_xlabel("sentences")
        ax.set_ylabel("document")
        if summary.empty:
            no_data(ax, "no documents")
        else:
            names = [
                textwrap.shorten(f"{t} ({o})" if o else str(t), width=60, placeholder="…")
                for t, o in zip(summary["title"], summary["outlet"], strict=True)
            ]
            positions = np.arange(len(summary))
            bars = ax.barh(positions, summary["sentences"], color=COLORS[0])
            for bar, words in zip(bars, summary["words"], strict=True):
                ax.annotate(
                    f" {int(bar.get_width())} sentences, {int(words)} words",
                    (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    va="center",
                    fontsize=8,
                )
            ax.set_yticks(positions, names, fontsize=8)
            ax.invert_yaxis()
            ax.margins(x=0.35)
    add_caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


def _corpus_distributions(summary: pd.DataFrame, top: int = 15) -> Figure:
    """Two panels for a large corpus: a histogram of document lengths and documents per outlet."""
    fig = new_figure(11, 5.2)
    lengths, outlets = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1]})
    sizes = summary["sentences"].fillna(0).astype(int)
    lengths.hist(sizes, bins=min(40, max(5, sizes.nunique())), color=COLORS[0])
    median = float(sizes.median())
    lengths.axvline(median, color=COLORS[1], linestyle="--", label=f"median {median:g} sentences")
    lengths.set_title(f"Length of the {len(summary):,} documents")
    lengths.set_xlabel("sentences per document")
    lengths.set_ylabel("documents")
    lengths.legend(frameon=False, fontsize=8)
    per_outlet = summary["outlet"].fillna("").replace("", "(no outlet)").value_counts()
    shown = per_outlet.head(top)
    if len(per_outlet) > top:
        shown = pd.concat([shown, pd.Series({f"{len(per_outlet) - top} other outlets": per_outlet.iloc[top:].sum()})])
    positions = np.arange(len(shown))
    bars = outlets.barh(positions, shown.to_numpy(), color=COLORS[2])
    for bar in bars:
        outlets.annotate(f" {int(bar.get_width()):,}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                         va="center", fontsize=8)  # fmt: skip
    labels = [textwrap.shorten(str(name), width=40, placeholder="…") for name in shown.index]
    outlets.set_yticks(positions, labels, fontsize=8)
    outlets.invert_yaxis()
    outlets.margins(x=0.2)
    outlets.set_title("Documents by outlet")
    outlets.set_xlabel("documents")
    return fig


@with_report_fonts
def plot_speakers(speakers: pd.DataFrame, *, n: int = 15, source: str | None = None) -> Figure:
    """Stacked bars of who is quoted: attributions per actor, split into direct, mixed and indirect.

    Parameters
    ----------
    speakers
        The table of :func:`analysis.speaker_table`.
    n
        Show the ``n`` most quoted actors.
    source
        A source line for the caption.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["lavrov"], "name": ["Sergey Lavrov"], "direct": [1],
    ...     "mixed": [0], "indirect": [2], "attributions": [3], "words": [40]})
    >>> plot_speakers(table).axes[0].get_xlabel()
    'attributions (quotes and reported statements)'
    """
    shown = speakers.head(n)
    fig = new_figure(8, 1.8 + 0.4 * max(len(shown), 1))
    ax = fig.add_subplot()
    ax.set_title("Who is quoted, and how")
    ax.set_xlabel("attributions (quotes and reported statements)")
    ax.set_ylabel("speaker")
    if shown.empty:
        no_data(ax, "no attributions found")
    else:
        positions = np.arange(len(shown))
        left = np.zeros(len(shown))
        for kind, color in (("direct", COLORS[0]), ("mixed", COLORS[2]), ("indirect", COLORS[1])):
            values = shown[kind].to_numpy(dtype=float)
            ax.barh(positions, values, left=left, color=color, label=kind)
            left += values
        for y, (total, words) in enumerate(zip(shown["attributions"], shown["words"], strict=True)):
            ax.annotate(f" {int(total)} ({int(words)} words)", (left[y], y), va="center", fontsize=8)
        ax.set_yticks(positions, [textwrap.shorten(str(v), 45, placeholder="…") for v in shown["name"]], fontsize=8)
        ax.invert_yaxis()
        ax.margins(x=0.25)
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside right upper", fontsize=8, frameon=False, title="type")
    caption = (
        'Direct: words inside quotation marks; indirect: reported speech ("the ministry noted that ..."); '
        "mixed: reported speech holding a partial quote. Words counted in the quoted or reported content."
    )
    add_caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


# --------------------------------------------------------------------------------------------
# Syndication: coverage of a primary text, statements over time

_COVERAGE_COLORS = {"quoted": COLORS[0], "paraphrased": "#9ecae1", "": "#ffffff"}
_COVERAGE_ROWS = 60


@with_report_fonts
def plot_coverage(coverage, *, source: str | None = None) -> Figure:
    """Grid of which sentences of a primary text each outlet quoted, paraphrased or left out.

    Parameters
    ----------
    coverage
        A :class:`analysis.syndication.Coverage` (:func:`analysis.syndication.coverage`).
    source
        A source line for the caption.

    One row per sentence of the primary text (the first 60), one column per outlet; a dark cell
    is a quote, a light one a paraphrase, a blank one a sentence the outlet did not carry. The
    right margin counts the outlets that carried each sentence; under each outlet, the number
    of its statements that have no source in the text.

    Examples
    --------
    >>> from analysis.pipeline import analyse_corpus
    >>> from analysis.syndication import coverage
    >>> run = analyse_corpus("tests/fixtures/syndication")  # doctest: +SKIP
    >>> plot_coverage(coverage(run, "mfa-2025-10-02-statement")).axes[0].get_ylabel()  # doctest: +SKIP
    'sentence of the primary text'
    """
    sentences = coverage.sentences.head(_COVERAGE_ROWS)
    outlets = list(coverage.outlets)
    fig = new_figure(4.5 + 0.75 * max(len(outlets), 2), 2.6 + 0.32 * max(len(sentences), 1))
    ax = fig.add_subplot()
    ax.set_title(f"What each outlet carried of\n{textwrap.shorten(coverage.label, 50, placeholder='…')}'s text")
    ax.set_xlabel("outlet (its statements with no source in this text)")
    ax.set_ylabel("sentence of the primary text")
    if not outlets:
        no_data(ax, "no outlet reports a statement of its speakers")
    else:
        matrix = coverage.matrix().head(_COVERAGE_ROWS)
        codes = {"": 0, "paraphrased": 1, "quoted": 2}
        grid = np.array([[codes[v] for v in matrix[o]] for o in outlets], dtype=float).T
        cmap = LinearSegmentedColormap.from_list(
            "coverage", [_COVERAGE_COLORS[""], _COVERAGE_COLORS["paraphrased"], _COVERAGE_COLORS["quoted"]], N=3
        )
        ax.imshow(grid, cmap=cmap, vmin=0, vmax=2, aspect="auto", interpolation="nearest")
        ax.set_xticks(np.arange(len(outlets) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(sentences) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="0.8", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
        unsourced = coverage.unsourced()["outlet"].value_counts()
        ax.set_xticks(
            np.arange(len(outlets)),
            [f"{textwrap.shorten(o, 22, placeholder='…')}\n({int(unsourced.get(o, 0))})" for o in outlets],
            rotation=35,
            ha="right",
            fontsize=8,
        )
        labels = [
            f"{n}. {textwrap.shorten(str(t), 55, placeholder='…')}"
            for n, t in zip(sentences["sentence"], sentences["text"], strict=True)
        ]
        ax.set_yticks(np.arange(len(sentences)), labels, fontsize=7.5)
        for y, n in enumerate(sentences["outlets"]):
            ax.annotate(f" {int(n)}", (len(outlets) - 0.5, y), va="center", fontsize=8, annotation_clip=False)
        ax.annotate(" outlets", (len(outlets) - 0.5, -0.5), va="bottom", fontsize=7, color="0.3", annotation_clip=False)
        fig.legend(
            handles=[Patch(facecolor=_COVERAGE_COLORS[k], edgecolor="0.6", label=k or "not carried")
                     for k in ("quoted", "paraphrased", "")],
            loc="outside right upper", fontsize=8, frameon=False,
        )  # fmt: skip
    from ...syndication.align import PARAPHRASED, QUOTED

    shown = (
        f" The first {_COVERAGE_ROWS} of {len(coverage.sentences)} sentences are shown."
        if len(coverage.sentences) > _COVERAGE_ROWS
        else ""
    )
    caption = (
        f"Quoted: at least {QUOTED:.0%} of a reported statement's words appear in the sentence in the same "
        f"order; paraphrased: TF-IDF cosine similarity at least {PARAPHRASED} (the same content words); "
        "blank: not carried. Right margin: outlets that carried the sentence. Compared: statements of the "
        "text's speakers, their members and institutions, in documents dated from two days before it."
        f"{shown} Primary text: {coverage.source}."
    )
    add_caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


@with_report_fonts
def plot_timeline(timeline: pd.DataFrame, events: pd.DataFrame | None = None, *, source: str | None = None) -> Figure:
    """Bars of statements per voice per week or month, with key dates marked.

    Parameters
    ----------
    timeline
        The table of :func:`analysis.syndication.statement_timeline`.
    events
        Key dates (:func:`analysis.syndication.load_events`): a dashed line and a label each.
    source
        A source line for the caption.

    Examples
    --------
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2025-01-13", "2025-01-20"]), "voice": ["a", "a"],
    ...     "label": ["A", "A"], "statements": [3, 1], "documents": [2, 1]})
    >>> table.attrs.update({"freq": "week", "count": "distinct", "undated": 0})
    >>> plot_timeline(table).axes[0].get_ylabel()
    'distinct statements (sentences)'
    """
    import matplotlib.dates as mdates

    freq = timeline.attrs.get("freq", "month")
    count = timeline.attrs.get("count", "distinct")
    fig = new_figure(8.5, 4.2)
    ax = fig.add_subplot()
    ax.set_title(f"Statements per {freq}, by voice", pad=14)
    ax.set_xlabel(f"{freq} ({'from Monday' if freq == 'week' else 'first day shown'})")
    ax.set_ylabel("distinct statements (sentences)" if count == "distinct" else "sentence units (every copy)")
    voices = list(dict.fromkeys(timeline["voice"])) if not timeline.empty else []
    if not voices:
        no_data(ax, "no dated statements")
    else:
        span = 6.0 if freq == "week" else 27.0
        width = span / len(voices)
        for k, voice in enumerate(voices):
            rows = timeline[timeline["voice"].eq(voice)]
            left = pd.to_datetime(rows["period"]) + pd.to_timedelta(k * width, unit="D")
            ax.bar(left, rows["statements"], width=width, align="edge", color=COLORS[k % len(COLORS)],
                   label=textwrap.shorten(str(rows["label"].iloc[0]), 40, placeholder="…"))  # fmt: skip
        ax.yaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside right upper", fontsize=8, frameon=False, title="voice")
    marked = events if events is not None and not events.empty else None
    keys = ""
    if marked is not None:
        for number, (_, event) in enumerate(marked.iterrows(), start=1):
            ax.axvline(event["date"], color="0.45", linestyle="--", linewidth=0.9, zorder=0)
            ax.annotate(str(number), (event["date"], 1.0), xycoords=("data", "axes fraction"), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=7, color="0.3")  # fmt: skip
        keys = (
            " Dashed lines: key dates (events.yml): "
            + "; ".join(
                f"{n} {label} ({date:%d %b %Y})" for n, (date, label) in enumerate(marked[["date", "label"]].values, 1)
            )
            + "."
        )
    if voices or marked is not None:
        dates = list(pd.to_datetime(timeline["period"])) + (list(marked["date"]) if marked is not None else [])
        low, high = min(dates), max(dates)
        pad = pd.Timedelta(days=7 if freq == "week" else 20)
        ax.set_xlim(low - pad, high + pad + pd.Timedelta(days=31 if freq == "month" else 7))
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    how = (
        "Each distinct statement (the same sentence of one actor in several documents counts once) is counted "
        "at the date of its first copy."
        if count == "distinct"
        else "Every copy of a statement is counted at the date of its document."
    )
    undated = int(timeline.attrs.get("undated", 0))
    caption = how + keys
    caption += f" {undated} statement(s) without a date are not shown." if undated else ""
    add_caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig
