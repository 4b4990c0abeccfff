"""What every figure shares: colours, fonts of every script, a Figure apart from pyplot, a caption, an empty panel.

Fonts
-----
Labels come from the corpus: Latin, Cyrillic and Persian (Arabic script, right to left).
Figures are drawn with :func:`font_families` -- the fonts of :data:`FONT_FAMILIES` that are
installed, in that order, matplotlib taking each glyph from the first font that has it. The first,
DejaVu Sans, ships with matplotlib and covers the three scripts (matplotlib shapes and orders the
Arabic script itself), so figures look the same on every machine whatever its fonts or
``matplotlibrc``. SVG files carry their glyphs as paths (``svg.fonttype: path``): they need no
font on the reader's machine. Every figure function is drawn inside :func:`report_fonts`
(:func:`with_report_fonts`), and so are the saves of :func:`analysis.render.notebooks.save_figure`,
where tick labels are made.

Examples
--------
>>> font_families()[0]
'DejaVu Sans'
>>> with report_fonts():
...     fig = new_figure(3, 2); text = fig.text(0, 0, "Лавров, عراقچی")
>>> text.get_fontfamily()[0], text.get_fontname()
('DejaVu Sans', 'DejaVu Sans')
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import ParamSpec, TypeVar

import matplotlib as mpl
from matplotlib.figure import Figure

__all__ = [
    "COLORS",
    "CAPTION_SIZE",
    "FONT_FAMILIES",
    "font_families",
    "report_fonts",
    "with_report_fonts",
    "new_figure",
    "add_caption",
    "no_data",
]

#: Colours of voice a, voice b, and further voices (colour-blind safe, Okabe & Ito).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
#: Font size of captions (points).
CAPTION_SIZE = 7
#: Fonts of figures, first available first: DejaVu Sans (ships with matplotlib; Latin, Cyrillic,
#: Arabic script with Persian's letters), then fonts that take over per glyph where installed.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", "Vazirmatn")

_P = ParamSpec("_P")
_R = TypeVar("_R")


@functools.cache
def font_families() -> list[str]:
    """The fonts of :data:`FONT_FAMILIES` installed here, in order (a font not installed is left
    out, so that matplotlib never logs that it looked for it)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in FONT_FAMILIES if name in installed] or ["sans-serif"]


def report_fonts() -> AbstractContextManager:
    """A context in which figures are made and saved with :func:`font_families`, glyphs as paths in SVG."""
    return mpl.rc_context({"font.family": font_families(), "svg.fonttype": "path"})


def with_report_fonts(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a figure function inside :func:`report_fonts` (its texts keep the fonts when saved)."""

    @functools.wraps(function)
    def drawn(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with report_fonts():
            return function(*args, **kwargs)

    return drawn


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
