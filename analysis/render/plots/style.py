"""What every figure shares: colours, a Figure not attached to pyplot, a caption, an empty panel."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

__all__ = ["COLORS", "CAPTION_SIZE", "new_figure", "add_caption", "no_data"]

#: Colours of voice a, voice b, and further voices (colour-blind safe, Okabe & Ito).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
#: Font size of captions (points).
CAPTION_SIZE = 7


def new_figure(width: float, height: float) -> Figure:
    """Return a new Figure with constrained layout, not attached to pyplot.

    Examples
    --------
    >>> new_figure(4, 3).get_size_inches().tolist()
    [4.0, 3.0]
    """
    return Figure(figsize=(width, height), layout="constrained")


def add_caption(fig: Figure, text: str) -> None:
    """Write a small caption across the bottom of the figure and keep the axes clear of it.

    Examples
    --------
    >>> fig = new_figure(4, 3); add_caption(fig, "Source: a test.")
    >>> fig.texts[0].get_text()
    'Source: a test.'
    """
    width, height = fig.get_size_inches()
    wrapped = textwrap.fill(" ".join(text.split()), width=max(40, int(width * 17)))
    lines = wrapped.count("\n") + 1
    room = min(0.4, (lines * CAPTION_SIZE * 1.35 / 72 + 0.08) / height)
    fig.get_layout_engine().set(rect=(0, room, 1, 1 - room))
    fig.text(0.01, 0.01, wrapped, ha="left", va="bottom", fontsize=CAPTION_SIZE, color="0.3")


def no_data(ax, message: str) -> None:
    """Say in the middle of an empty panel why it is empty, without ticks.

    Examples
    --------
    >>> fig = new_figure(4, 3); ax = fig.add_subplot(); no_data(ax, "no documents")
    >>> ax.texts[0].get_text()
    'no documents'
    """
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
