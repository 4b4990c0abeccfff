"""Safe rich display in notebooks: every piece of corpus text is HTML-escaped.

Corpus text is untrusted: a document may contain ``<script>``, ``onerror=`` attributes,
``javascript:`` links, Markdown or Jinja syntax. The helpers here build HTML only from
escaped text, so such content shows as inert visible characters in notebooks and in the
rendered reports.

Examples
--------
>>> note("<b>5</b> sentences").data
'<p class="framing-note">&lt;b&gt;5&lt;/b&gt; sentences</p>'
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML, Image

__all__ = ["note", "caveat", "table", "escape", "show_figure"]


def escape(text: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def note(text: str) -> HTML:
    """Return a paragraph of plain text (escaped) for display."""
    return HTML(f'<p class="framing-note">{escape(text)}</p>')


def caveat(text: str) -> HTML:
    """Return a highlighted caveat paragraph (escaped) for display."""
    return HTML(f'<p class="framing-caveat"><strong>Caveat.</strong> {escape(text)}</p>')


def table(frame: pd.DataFrame, *, max_rows: int = 50, float_format: str = "{:.3f}") -> HTML:
    """Return a DataFrame as an escaped HTML table without the index.

    Lists (e.g. evidence ids) are joined with ``; ``. Floats use ``float_format``.

    Examples
    --------
    >>> "&lt;script&gt;" in table(pd.DataFrame({"text": ["<script>x</script>"]})).data
    True
    """
    shown = frame.head(max_rows).copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, (list, tuple))).any():
            shown[column] = shown[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    markup = shown.to_html(
        index=False,
        escape=True,
        border=0,
        na_rep="",
        float_format=lambda v: float_format.format(v),
        classes="framing-table",
    )
    if len(frame) > max_rows:
        markup += f'<p class="framing-note">Showing {max_rows} of {len(frame)} rows.</p>'
    return HTML(markup)


def show_figure(fig: Any, name: str, folder: str | Path | None = None, *, dpi: int = 110) -> Image:
    """Save a figure (PNG and SVG in ``folder/figures``) and return it as a PNG for display.

    Displaying the PNG bytes, rather than the Figure, works whatever matplotlib backend the
    kernel uses and never shows a figure twice. The figure is closed if pyplot knows it.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); _ = fig.add_subplot().plot([0, 1])
    >>> show_figure(fig, "demo").format
    'png'
    """
    from .report import save_figure

    save_figure(fig, name, folder)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)  # a no-op for a Figure that pyplot does not manage
    return Image(data=buffer.getvalue(), format="png")
