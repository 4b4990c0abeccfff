"""Figures that compare voices: distinctive terms, a term scatter, frame shares, sentiment."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ...voices.voice import Voice
from .style import COLORS, add_caption, new_figure, no_data, with_report_fonts

__all__ = ["plot_keyness", "plot_term_scatter", "plot_frames", "plot_sentiment"]

_METHOD_AXIS = {
    "logodds": "z of the log-odds ratio (Monroe et al. 2008)",
    "g2": "signed log-likelihood G² (Dunning 1993)",
    "tfidf": "difference of tf-idf weights",
}
# Scores from b's colour (negative) through grey to a's colour (positive).
_SCORE_CMAP = LinearSegmentedColormap.from_list("keyness", [COLORS[1], "#dddddd", COLORS[0]])


def _labels(table: pd.DataFrame, labels: Sequence[str] | None) -> tuple[str, str]:
    if labels is not None:
        return str(labels[0]), str(labels[1])
    found = table.attrs.get("labels") or ["a", "b"]
    return str(found[0]), str(found[1])


def _lexicon_name(path: str) -> str:
    from ...paths import package_data

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


@with_report_fonts
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
    from ...salience.scores import top_terms

    label_a, label_b = _labels(table, labels)
    rows = top_terms(table, n) if len(table) else table
    fig = new_figure(7.5, max(2.6, 0.28 * len(rows) + 1.6))
    ax = fig.add_subplot()
    ax.set_title(title or f"Terms characteristic of {label_a} against {label_b}")
    ax.set_xlabel(_keyness_method(table))
    ax.set_ylabel("term")
    if rows.empty:
        no_data(ax, "no terms to show")
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
    add_caption(fig, caption + _keyness_caption(table, label_a, label_b, source))
    return fig


@with_report_fonts
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
    from ...salience.scores import top_terms

    label_a, label_b = _labels(table, labels)
    fig = new_figure(7.0, 6.2)
    ax = fig.add_subplot()
    ax.set_title(title or f"Term rates: {label_a} against {label_b}")
    ax.set_xlabel(f"rate in {label_a} (per 1,000 n-grams)")
    ax.set_ylabel(f"rate in {label_b} (per 1,000 n-grams)")
    if table.empty:
        no_data(ax, "no terms to show")
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
        fig.colorbar(points, ax=ax, label=f"score ({table.attrs.get('method', 'logodds')}); > 0: {label_a}")
    caption = (
        f"Each point is a term; above the diagonal it is more frequent in {label_b}, below in {label_a}. "
        f"Labelled: the {n_labels} most distinctive terms of each side, where a label fits without overlapping "
        "another. "
    )
    add_caption(fig, caption + _keyness_caption(table, label_a, label_b, source))
    if not table.empty:
        _label_terms(fig, ax, top_terms(table, n_labels))  # last: the layout is final
    return fig


#: Iterations of the label placement (a fixed number, never a time limit: figures stay deterministic).
LABEL_ITERATIONS = 400


def _label_terms(fig: Figure, ax, labelled: pd.DataFrame) -> int:
    """Label the top terms of a scatter so that no label overlaps another or leaves the axes.

    Terms at the same point share one label. Labels are placed by adjustText (a fixed number
    of iterations, so the figure is the same on every run), kept inside the axes; a label
    that would still overlap one placed before it (the higher-scoring terms come first) or
    stick out of the axes is left out. Returns the number of labels left out.
    """
    from adjustText import adjust_text, get_renderer

    groups = list(labelled.assign(_rank=-labelled["score"].abs()).groupby(["rate_a", "rate_b"], sort=False))
    groups.sort(key=lambda item: float(item[1]["_rank"].min()))  # the highest-scoring terms first
    texts, xs, ys = [], [], []
    for (rate_a, rate_b), group in groups:
        text = textwrap.fill(", ".join(group["term"]), width=32)
        color = COLORS[0] if group["score"].iloc[0] > 0 else COLORS[1]
        texts.append(ax.text(rate_a, rate_b, text, fontsize=7, color=color, zorder=3))
        xs.append(rate_a)
        ys.append(rate_b)
    if not texts:
        return 0
    _, arrows = adjust_text(
        texts,
        x=np.array(xs),
        y=np.array(ys),
        ax=ax,
        iter_lim=LABEL_ITERATIONS,
        ensure_inside_axes=True,
        arrowprops={"arrowstyle": "-", "color": "0.55", "linewidth": 0.5},
    )
    fig.draw_without_rendering()
    fig.set_layout_engine("none")  # the layout is final: the labels stay where they were placed
    renderer = get_renderer(fig)
    inside = ax.get_window_extent(renderer)
    kept: list = []
    hidden = 0
    for text in texts:
        box = text.get_window_extent(renderer)
        fits = (
            box.x0 >= inside.x0 - 0.5
            and box.x1 <= inside.x1 + 0.5
            and box.y0 >= inside.y0 - 0.5
            and box.y1 <= inside.y1 + 0.5
        )
        if fits and not any(box.overlaps(other) for other in kept):
            kept.append(box)
        else:
            text.set_visible(False)
            hidden += 1
    for arrow in arrows:
        arrow.set_visible(getattr(arrow, "patchA", None) is None or arrow.patchA.get_visible())
    return hidden


# --------------------------------------------------------------------------------------------
# Frames


@with_report_fonts
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
    fig = new_figure(7.5, max(2.6, 0.36 * len(frames) + 1.8))
    ax = fig.add_subplot()
    ax.set_title(title or f"Frames by {column.replace('_id', '')}: share of sentences")
    ax.set_xlabel("share of sentences mentioning the frame")
    ax.set_ylabel("frame")
    without: list[str] = []
    if not chosen or not frames:
        no_data(ax, "no frames to show")
    else:
        position = {label: i for i, label in enumerate(frames[::-1])}
        step = 0.7 / max(1, len(chosen))
        for i, voice in enumerate(chosen):
            rows = shares[shares[column] == voice]
            name = labels.get(voice, voice) if labels else voice
            y = np.array([position[label] for label in rows["label"]]) + ((len(chosen) - 1) / 2 - i) * step
            color = COLORS[i % len(COLORS)]
            low, high = rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float)
            drawn = ~(np.isnan(low) | np.isnan(high))
            ax.hlines(y[drawn], low[drawn], high[drawn], color=color, linewidth=1.4, alpha=0.8, clip_on=False)
            if len(rows) and not drawn.any():
                without.append(f"{name} ({_why_no_interval(rows['note'].iloc[0] if 'note' in rows else '')})")
            n = int(rows["n"].iloc[0]) if len(rows) else 0
            share = rows["share"].to_numpy(dtype=float)
            ax.plot(share, y, "o", color=color, markersize=5, label=f"{name} (n={n})", clip_on=False, zorder=3)
        ax.set_yticks(list(position.values()), [textwrap.fill(label, 30) for label in position], fontsize=8)
        ax.set_xlim(-0.02, 1.02)  # dots at 0% and 100% are drawn whole
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.xaxis.set_major_formatter("{x:.0%}")
        ax.grid(axis="x", color="0.9")
        fig.legend(loc="outside upper center", ncols=min(3, len(chosen)), fontsize=8, frameon=False)
    add_caption(fig, _frames_caption(shares, without, source))
    return fig


def _why_no_interval(note: object) -> str:
    """Why a row of frame shares has no interval, from its note."""
    text = str(note or "")
    if "one document" in text:
        return "all its sentences come from one document, and intervals resample documents"
    if "no units" in text or "no sentence" in text:
        return "no sentences"
    return "too few sentences"


def _frames_caption(shares: pd.DataFrame, without: list[str], source: str | None) -> str:
    interval = shares.attrs.get("interval", "wilson")
    level = shares.attrs.get("confidence_level", 0.95)
    caption = (
        f"Dots: share of a voice's sentence units that contain at least one term of the frame; lines: "
        f"{level:.0%} {'Wilson score' if interval == 'wilson' else 'bootstrap percentile'} interval. "
        "A lexicon counts mentions, not stances."
    )
    if without:
        caption += f" No interval is drawn for {'; '.join(without)}."
    if "n" in shares.columns and len(shares) and int(shares["n"].min()) < 30:
        caption += " Some voices have fewer than 30 sentences: their intervals are wide."
    if shares.attrs.get("lexicon"):
        caption += f" Lexicon: {_lexicon_name(shares.attrs['lexicon'])}."
    if source:
        caption += f" Source: {source}."
    return caption


# --------------------------------------------------------------------------------------------
def _sentence_scores(scored: pd.DataFrame, row: pd.Series) -> np.ndarray:
    """The compound scores of the sentences behind a summary row (its ``unit_ids``, else its voice)."""
    if "unit_ids" in row.index and isinstance(row["unit_ids"], list):
        wanted = set(map(str, row["unit_ids"]))
        chosen = scored["unit_id"].astype(str).isin(wanted)
    else:
        chosen = Voice.parse(row["voice"]).mask(scored)
    return scored.loc[chosen, "compound"].to_numpy(dtype=float)


@with_report_fonts
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
    fig = new_figure(7.5, 1.9 + 0.55 * max(len(summary), 1))
    ax = fig.add_subplot()
    ax.set_title(title or "Sentiment of what each voice said")
    ax.set_xlabel("VADER compound score (-1 negative, +1 positive)")
    ax.set_ylabel("voice")
    ax.set_xlim(-1.05, 1.05)
    ax.axvspan(-0.05, 0.05, color="0.93", zorder=0)
    ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    if summary.empty:
        no_data(ax, "no sentences")
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
    add_caption(fig, caption + (f" Source: {source}." if source else ""))
    return fig
