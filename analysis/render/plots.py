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

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..voices.voice import Voice

__all__ = [
    "COLORS",
    "plot_keyness",
    "plot_term_scatter",
    "plot_frames",
    "plot_corpus_sizes",
    "plot_speakers",
    "plot_sentiment",
    "plot_coverage",
    "plot_timeline",
]

#: Colours of voice a, voice b, and further voices (colour-blind safe, Okabe & Ito).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

_METHOD_AXIS = {
    "logodds": "z of the log-odds ratio (Monroe et al. 2008)",
    "g2": "signed log-likelihood G² (Dunning 1993)",
    "tfidf": "difference of tf-idf weights",
}
_CAPTION_SIZE = 7
# Scores from b's colour (negative) through grey to a's colour (positive).
_SCORE_CMAP = LinearSegmentedColormap.from_list("keyness", [COLORS[1], "#dddddd", COLORS[0]])


# --------------------------------------------------------------------------------------------
# Shared helpers


def _figure(width: float, height: float) -> Figure:
    """Return a new Figure with constrained layout, not attached to pyplot."""
    return Figure(figsize=(width, height), layout="constrained")


def _caption(fig: Figure, text: str) -> None:
    """Write a small caption across the bottom of the figure and keep the axes clear of it."""
    width, height = fig.get_size_inches()
    wrapped = textwrap.fill(" ".join(text.split()), width=max(40, int(width * 17)))
    lines = wrapped.count("\n") + 1
    room = min(0.4, (lines * _CAPTION_SIZE * 1.35 / 72 + 0.08) / height)
    fig.get_layout_engine().set(rect=(0, room, 1, 1 - room))
    fig.text(0.01, 0.01, wrapped, ha="left", va="bottom", fontsize=_CAPTION_SIZE, color="0.3")


def _no_data(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])


def _labels(table: pd.DataFrame, labels: Sequence[str] | None) -> tuple[str, str]:
    if labels is not None:
        return str(labels[0]), str(labels[1])
    found = table.attrs.get("labels") or ["a", "b"]
    return str(found[0]), str(found[1])


def _lexicon_name(path: str) -> str:
    from ..paths import package_data

    return "the package lexicon (analysis/data/frames.yml)" if path == str(package_data("frames.yml")) else path


def _keyness_method(table: pd.DataFrame) -> str:
    method = table.attrs.get("method", "logodds")
    axis = _METHOD_AXIS.get(method, "score")
    if method == "logodds" and table.attrs.get("prior") is not None:
        axis += f"; prior: {table.attrs['prior']}"
    return axis


def _keyness_caption(table: pd.DataFrame, label_a: str, label_b: str, source: str | None) -> str:
    attrs = table.attrs
    parts = []
    if "tokens_a" in attrs:
        parts.append(
            f"{label_a}: {attrs['tokens_a']:,} tokens in {attrs['units_a']:,} sentences; "
            f"{label_b}: {attrs['tokens_b']:,} tokens in {attrs['units_b']:,} sentences."
        )
    if attrs.get("n_resamples"):
        parts.append(
            f"Stability: share of {attrs['n_resamples']} bootstrap resamples of sentences in which the term "
            f"stays in the top {attrs['top_k']} on its side."
        )
    if attrs.get("warnings"):
        parts.append("Small sample (under about 1,000 tokens a voice): a ranking of this sample, not a finding.")
    if source:
        parts.append(f"Source: {source}.")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Keyness


def plot_keyness(
    table: pd.DataFrame,
    *,
    n: int = 10,
    labels: Sequence[str] | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Figure:
    """Bar chart of the top ``n`` terms on each side of a :func:`analysis.keyness` table.

    In the manner of quanteda's ``textplot_keyness``: one horizontal bar per term, a's terms
    (positive scores) on top in a's colour, b's below in b's colour; printed at the end of each
    bar are the counts in a and b and the term's stability.

    Parameters
    ----------
    table
        The result of :func:`analysis.keyness` (its ``attrs`` feed the labels and caption).
    n
        Terms per side.
    labels
        Names of the two voices (default: ``table.attrs["labels"]``).
    title, source
        Title (a default is derived from the labels) and a source line for the caption.

    Examples
    --------
    >>> fig = plot_keyness(pd.DataFrame(columns=["term", "count_a", "count_b", "score", "stability"]))
    >>> fig.axes[0].get_xlabel()
    'z of the log-odds ratio (Monroe et al. 2008)'
    """
    from ..salience.scores import top_terms

    label_a, label_b = _labels(table, labels)
    rows = top_terms(table, n) if len(table) else table
    fig = _figure(7.5, max(2.6, 0.28 * len(rows) + 1.6))
    ax = fig.add_subplot()
    ax.set_title(title or f"Terms characteristic of {label_a} against {label_b}")
    ax.set_xlabel(_keyness_method(table))
    ax.set_ylabel("term")
    if rows.empty:
        _no_data(ax, "no terms to show")
    else:
        scores = rows["score"].to_numpy(dtype=float)
        y = np.arange(len(rows))[::-1]
        colors = [COLORS[0] if s > 0 else COLORS[1] for s in scores]
        ax.barh(y, scores, color=colors, height=0.7)
        ax.set_yticks(y, rows["term"].tolist())
        ax.axvline(0, color="0.2", linewidth=0.8)
        span = float(np.abs(scores).max()) or 1.0
        pad = 0.02 * span
        for yi, row, score in zip(y, rows.itertuples(index=False), scores, strict=True):
            stability = getattr(row, "stability", np.nan)
            text = f"{int(row.count_a)} | {int(row.count_b)}"
            if pd.notna(stability):
                text += f"  ({stability:.0%})"
            ax.text(
                score + (pad if score >= 0 else -pad),
                yi,
                text,
                va="center",
                fontsize=7,
                ha="left" if score >= 0 else "right",
            )
        ax.set_xlim(
            -1.45 * span if (scores < 0).any() else -0.1 * span, 1.45 * span if (scores > 0).any() else 0.1 * span
        )
        ax.legend(
            handles=[Patch(color=COLORS[0], label=label_a), Patch(color=COLORS[1], label=label_b)],
            loc="lower right",
            fontsize=8,
            frameon=False,
        )
    caption = f"Printed at each bar: count in {label_a} | count in {label_b} (stability). "
    _caption(fig, caption + _keyness_caption(table, label_a, label_b, source))
    return fig


def plot_term_scatter(
    table: pd.DataFrame,
    *,
    n_labels: int = 8,
    labels: Sequence[str] | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Figure:
    """Scatter of each term's rate in a against its rate in b, top terms labelled.

    A static version of scattertext's plot (Kessler 2017): one point per term of a
    :func:`analysis.keyness` table at (rate in a, rate in b), both per 1,000 n-grams on
    symmetric-log axes (zero stays visible), coloured by score; the diagonal marks equal rates;
    the ``n_labels`` highest-scoring terms of each side are labelled.

    Examples
    --------
    >>> t = pd.DataFrame({"term": ["x", "y"], "rate_a": [5.0, 0.0], "rate_b": [0.0, 4.0], "score": [1.0, -1.0]})
    >>> fig = plot_term_scatter(t)
    >>> fig.axes[0].get_ylabel()
    'rate in b (per 1,000 n-grams)'
    """
    from ..salience.scores import top_terms

    label_a, label_b = _labels(table, labels)
    fig = _figure(7.0, 6.2)
    ax = fig.add_subplot()
    ax.set_title(title or f"Term rates: {label_a} against {label_b}")
    ax.set_xlabel(f"rate in {label_a} (per 1,000 n-grams)")
    ax.set_ylabel(f"rate in {label_b} (per 1,000 n-grams)")
    if table.empty:
        _no_data(ax, "no terms to show")
    else:
        x, y = table["rate_a"].to_numpy(dtype=float), table["rate_b"].to_numpy(dtype=float)
        scores = table["score"].to_numpy(dtype=float)
        positive = np.concatenate([x[x > 0], y[y > 0]])
        linthresh = float(positive.min()) if positive.size else 1.0
        top = float(max(x.max(), y.max(), linthresh)) * 1.3
        limit = float(np.abs(scores).max()) or 1.0
        points = ax.scatter(
            x, y, c=scores, cmap=_SCORE_CMAP, norm=TwoSlopeNorm(0.0, -limit, limit), s=14, alpha=0.75, edgecolors="none"
        )
        ax.plot([0, top], [0, top], color="0.5", linewidth=0.8, linestyle="--")
        for scale in (ax.set_xscale, ax.set_yscale):
            scale("symlog", linthresh=linthresh)
        ax.set_xlim(-0.05 * linthresh, top)
        ax.set_ylim(-0.05 * linthresh, top)
        labelled = top_terms(table, n_labels)
        # terms at the same point (frequent with small counts) share one label; labels on one
        # row (such as the zero row) are staggered so that neighbours do not overwrite each other
        groups = sorted(labelled.groupby(["rate_b", "rate_a"], sort=False), key=lambda item: item[0])
        previous_row, step = None, 0
        for (rate_b, rate_a), group in groups:
            step = step + 1 if rate_b == previous_row else 0
            previous_row = rate_b
            text = textwrap.fill(", ".join(group["term"]), width=40)
            color = COLORS[0] if group["score"].iloc[0] > 0 else COLORS[1]
            offset = (3, 3 + 10 * (step % 4))
            ax.annotate(text, (rate_a, rate_b), xytext=offset, textcoords="offset points", fontsize=7, color=color)
        fig.colorbar(points, ax=ax, label=f"score ({table.attrs.get('method', 'logodds')}); > 0: {label_a}")
    caption = f"Each point is a term; above the diagonal it is more frequent in {label_b}, below in {label_a}. "
    _caption(fig, caption + _keyness_caption(table, label_a, label_b, source))
    return fig


# --------------------------------------------------------------------------------------------
# Frames


def plot_frames(
    shares: pd.DataFrame,
    *,
    voices: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Figure:
    """Dot plot of frame shares per voice with their intervals (:func:`analysis.frame_shares`).

    One row per frame (lexicon order, top to bottom), one dot per voice at its share of
    sentence units mentioning the frame, a line for the interval; the legend gives each
    voice's number of units.

    Parameters
    ----------
    shares
        The result of :func:`analysis.frame_shares`.
    voices
        The voices to show, in this order (default: all).
    labels
        Display names of the voices for the legend (default: the voices themselves).
    title, source
        Title and a source line for the caption.

    Examples
    --------
    >>> s = pd.DataFrame({"side": ["iran", "russia"], "frame": ["economy"] * 2, "label": ["Economy"] * 2,
    ...     "n": [12, 9], "k": [3, 1], "share": [0.25, 0.11], "low": [0.09, 0.02], "high": [0.53, 0.43]})
    >>> plot_frames(s).axes[0].get_xlabel()
    'share of sentences mentioning the frame'
    """
    by = shares.attrs.get("by")
    column = {"doc": "doc_id"}.get(by, by) if by else (shares.columns[0] if len(shares.columns) else "voice")
    present = list(dict.fromkeys(shares[column])) if column in shares.columns else []
    chosen = [v for v in (voices if voices is not None else present) if v in present]
    frames = list(dict.fromkeys(shares["label"])) if "label" in shares.columns else []
    fig = _figure(7.5, max(2.6, 0.32 * len(frames) + 1.8))
    ax = fig.add_subplot()
    ax.set_title(title or f"Frames by {column.replace('_id', '')}: share of sentences")
    ax.set_xlabel("share of sentences mentioning the frame")
    ax.set_ylabel("frame")
    if not chosen or not frames:
        _no_data(ax, "no frames to show")
    else:
        position = {label: i for i, label in enumerate(frames[::-1])}
        step = 0.7 / max(1, len(chosen))
        for i, voice in enumerate(chosen):
            rows = shares[shares[column] == voice]
            y = np.array([position[label] for label in rows["label"]]) + ((len(chosen) - 1) / 2 - i) * step
            share = rows["share"].to_numpy(dtype=float)
            color = COLORS[i % len(COLORS)]
            ax.hlines(
                y,
                rows["low"].to_numpy(dtype=float),
                rows["high"].to_numpy(dtype=float),
                color=color,
                linewidth=1.4,
                alpha=0.8,
            )
            n = int(rows["n"].iloc[0]) if len(rows) else 0
            name = labels.get(voice, voice) if labels else voice
            ax.plot(share, y, "o", color=color, markersize=5, label=f"{name} (n={n})")
        ax.set_yticks(list(position.values()), list(position))
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter("{x:.0%}")
        ax.grid(axis="x", color="0.9")
        fig.legend(loc="outside upper center", ncols=min(3, len(chosen)), fontsize=8, frameon=False)
    interval = shares.attrs.get("interval", "wilson")
    level = shares.attrs.get("confidence_level", 0.95)
    caption = (
        f"Dots: share of a voice's sentence units that contain at least one term of the frame; lines: "
        f"{level:.0%} {'Wilson score' if interval == 'wilson' else 'bootstrap percentile'} interval. "
        "A lexicon counts mentions, not stances."
    )
    if "n" in shares.columns and len(shares) and int(shares["n"].min()) < 30:
        caption += " Some voices have fewer than 30 sentences: their intervals are wide."
    if shares.attrs.get("lexicon"):
        caption += f" Lexicon: {_lexicon_name(shares.attrs['lexicon'])}."
    if source:
        caption += f" Source: {source}."
    _caption(fig, caption)
    return fig


# --------------------------------------------------------------------------------------------
# Corpus, speakers and sentiment


#: Above this many documents, :func:`plot_corpus_sizes` shows distributions instead of one bar each.
MAX_DOCUMENT_BARS = 30


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
        fig = _figure(8, 1.6 + 0.45 * max(len(summary), 1))
        ax = fig.add_subplot()
        ax.set_title("Documents in the corpus, by length")
        ax.set_xlabel("sentences")
        ax.set_ylabel("document")
        if summary.empty:
            _no_data(ax, "no documents")
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
    _caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


def _corpus_distributions(summary: pd.DataFrame, top: int = 15) -> Figure:
    """Two panels for a large corpus: a histogram of document lengths and documents per outlet."""
    fig = _figure(11, 5.2)
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
    fig = _figure(8, 1.8 + 0.4 * max(len(shown), 1))
    ax = fig.add_subplot()
    ax.set_title("Who is quoted, and how")
    ax.set_xlabel("attributions (quotes and reported statements)")
    ax.set_ylabel("speaker")
    if shown.empty:
        _no_data(ax, "no attributions found")
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
    _caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


def _sentence_scores(scored: pd.DataFrame, row: pd.Series) -> np.ndarray:
    """The compound scores of the sentences behind a summary row (its ``unit_ids``, else its voice)."""
    if "unit_ids" in row.index and isinstance(row["unit_ids"], list):
        wanted = set(map(str, row["unit_ids"]))
        chosen = scored["unit_id"].astype(str).isin(wanted)
    else:
        chosen = Voice.parse(row["voice"]).mask(scored)
    return scored.loc[chosen, "compound"].to_numpy(dtype=float)


def plot_sentiment(
    summary: pd.DataFrame,
    scored: pd.DataFrame | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
) -> Figure:
    """Dot plot of mean sentiment per voice with its interval, over the sentence scores.

    Parameters
    ----------
    summary
        The table of :func:`analysis.voice_sentiment` (voice, label, n, mean, low, high).
    scored
        The scored units (:func:`analysis.score_units`); when given, every sentence's compound
        is drawn as a small grey point on its voice's row, so the spread is visible.
    title, source
        Title and a source line for the caption.

    Examples
    --------
    >>> summary = pd.DataFrame({"voice": ["a", "b"], "label": ["A", "B"], "n": [12, 1],
    ...     "mean": [0.4, 0.8], "low": [0.2, float("nan")], "high": [0.6, float("nan")]})
    >>> plot_sentiment(summary).axes[0].get_xlabel()
    'VADER compound score (-1 negative, +1 positive)'
    """
    fig = _figure(7.5, 1.9 + 0.55 * max(len(summary), 1))
    ax = fig.add_subplot()
    ax.set_title(title or "Sentiment of what each voice said")
    ax.set_xlabel("VADER compound score (-1 negative, +1 positive)")
    ax.set_ylabel("voice")
    ax.set_xlim(-1.05, 1.05)
    ax.axvspan(-0.05, 0.05, color="0.93", zorder=0)
    ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    if summary.empty:
        _no_data(ax, "no sentences")
    else:
        positions = np.arange(len(summary))[::-1]
        rng = np.random.default_rng(0)
        for y, (i, row) in zip(positions, summary.iterrows(), strict=True):
            color = COLORS[i % len(COLORS)]
            if scored is not None and not scored.empty:
                values = _sentence_scores(scored, row)
                jitter = rng.uniform(-0.12, 0.12, size=values.size)
                ax.plot(values, y + jitter, ".", color="0.55", markersize=4, alpha=0.7)
            if pd.notna(row["low"]):
                ax.hlines(y, row["low"], row["high"], color=color, linewidth=2.2)
            ax.plot(row["mean"], y, "o", color=color, markersize=8)
            ax.annotate(f"mean {row['mean']:+.2f}, n={int(row['n'])}", (row["mean"], y + 0.22), ha="center", fontsize=8)
        names = [f"{textwrap.shorten(str(r['label']), 40, placeholder='…')}" for _, r in summary.iterrows()]
        ax.set_yticks(positions, names, fontsize=9)
        ax.set_ylim(-0.7, len(summary) - 0.3)
    caption = (
        "Dot: mean compound of the voice's sentences; line: 95% bootstrap interval (none for a single "
        "sentence); grey points: single sentences. The shaded band (-0.05 to +0.05) is neutral (Hutto & Gilbert 2014)."
    )
    _caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


# --------------------------------------------------------------------------------------------
# Syndication: coverage of a primary text, statements over time

_COVERAGE_COLORS = {"quoted": COLORS[0], "paraphrased": "#9ecae1", "": "#ffffff"}
_COVERAGE_ROWS = 60


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
    fig = _figure(4.5 + 0.75 * max(len(outlets), 2), 2.6 + 0.32 * max(len(sentences), 1))
    ax = fig.add_subplot()
    ax.set_title(f"What each outlet carried of\n{textwrap.shorten(coverage.label, 50, placeholder='…')}'s text")
    ax.set_xlabel("outlet (its statements with no source in this text)")
    ax.set_ylabel("sentence of the primary text")
    if not outlets:
        _no_data(ax, "no outlet reports a statement of its speakers")
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
    from ..syndication.align import PARAPHRASED, QUOTED

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
    _caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig


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
    fig = _figure(8.5, 4.2)
    ax = fig.add_subplot()
    ax.set_title(f"Statements per {freq}, by voice", pad=14)
    ax.set_xlabel(f"{freq} ({'from Monday' if freq == 'week' else 'first day shown'})")
    ax.set_ylabel("distinct statements (sentences)" if count == "distinct" else "sentence units (every copy)")
    voices = list(dict.fromkeys(timeline["voice"])) if not timeline.empty else []
    if not voices:
        _no_data(ax, "no dated statements")
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
    _caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig
