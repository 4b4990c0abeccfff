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
import itertools
import re
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML, Image

from .notebooks import save_figure

__all__ = [
    "note",
    "caveat",
    "caveats",
    "table",
    "write_csv",
    "describe_figure",
    "escape",
    "show_figure",
    "highlight_attributions",
    "articles",
    "SIDE_COLOURS",
]


def escape(text: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def note(text: str) -> HTML:
    """Return a paragraph of plain text (escaped) for display."""
    return HTML(f'<p class="framing-note">{escape(text)}</p>')


def caveat(text: str) -> HTML:
    """Return a highlighted caveat paragraph (escaped) for display."""
    return HTML(f'<p class="framing-caveat"><strong>Caveat.</strong> {escape(text)}</p>')


def caveats(items: list[str]) -> HTML:
    """Return a list of caveats (escaped) as one highlighted block.

    Examples
    --------
    >>> "<li>n &lt; 10</li>" in caveats(["n < 10"]).data
    True
    """
    entries = "".join(f"<li>{escape(item)}</li>" for item in items)
    return HTML(f'<div class="framing-caveat"><strong>What these numbers cannot tell.</strong><ul>{entries}</ul></div>')


def _joined(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists in cells (evidence ids) joined with ``; ``."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, (list, tuple))).any():
            frame[column] = frame[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return frame


# Spreadsheets run a cell that starts like a formula: such cells get a leading apostrophe.
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-[\d=(])")


def _csv_safe(value: object) -> object:
    return "'" + value if isinstance(value, str) and _FORMULA.match(value) else value


def write_csv(frame: pd.DataFrame, name: str, folder: str | Path) -> Path:
    """Write a table as ``folder/tables/NAME.csv`` (UTF-8, lists joined with ``; ``) and return its path.

    Text from the corpus is untrusted: a cell that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``@``, or ``-`` and a digit) is written with a leading
    apostrophe.

    Examples
    --------
    >>> import tempfile
    >>> path = write_csv(pd.DataFrame({"text": ["=1+1", "plain"]}), "demo", tempfile.mkdtemp())
    >>> path.read_text(encoding="utf-8").splitlines()
    ['text', "'=1+1", 'plain']
    """
    if not re.fullmatch(r"[\w-]+", name):
        raise ValueError(f"table name {name!r} must be letters, digits, '_' or '-'")
    target = Path(folder) / "tables"
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.csv"
    _joined(frame).map(_csv_safe).to_csv(path, index=False, encoding="utf-8")
    return path


def table(
    frame: pd.DataFrame,
    *,
    max_rows: int = 50,
    float_format: str = "{:.3f}",
    name: str | None = None,
    folder: str | Path | None = None,
) -> HTML:
    """Return a DataFrame as an escaped HTML table without the index.

    Lists (e.g. evidence ids) are joined with ``; ``. Floats use ``float_format``; missing
    values show as an en dash. A table longer than ``max_rows`` is cut with a clear count;
    with a ``name`` and a ``folder`` (the report's output folder) the whole table is also
    written as ``tables/NAME.csv`` beside the report, and the note links to it.

    Examples
    --------
    >>> "&lt;script&gt;" in table(pd.DataFrame({"text": ["<script>x</script>"]})).data
    True
    >>> table(pd.DataFrame({"n": range(3)}), max_rows=2).data.endswith("Showing 2 of 3 rows.</p>")
    True
    """
    shown = _joined(frame.head(max_rows))
    markup = shown.to_html(
        index=False,
        escape=True,
        border=0,
        na_rep="\u2013",
        float_format=lambda v: float_format.format(v),
        classes="framing-table",
    )
    written = write_csv(frame, name, folder) if name is not None and folder is not None else None
    if len(frame) > max_rows:
        where = ""
        if written is not None:
            href = f"tables/{written.name}"
            where = f' All {len(frame)} rows: <a href="{escape(href)}">{escape(href)}</a>.'
        markup += f'<p class="framing-note">Showing {max_rows} of {len(frame)} rows.{where}</p>'
    elif written is not None:
        markup += f'<p class="framing-note">Also as <a href="tables/{escape(written.name)}">CSV</a>.</p>'
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
    save_figure(fig, name, folder)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    alt = describe_figure(fig)
    import matplotlib.pyplot as plt

    plt.close(fig)  # a no-op for a Figure that pyplot does not manage
    return Image(data=buffer.getvalue(), format="png", alt=alt, metadata={"alt": alt})


def describe_figure(fig: Any) -> str:
    """A figure's alternative text: its titles, axis labels and caption, in reading order.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.set_title("Sentiment"); _ = ax.set_xlabel("score")
    >>> _ = fig.text(0, 0, "Dots: means.")
    >>> describe_figure(fig)
    'Sentiment. Horizontal axis: score. Dots: means.'
    """
    parts = [fig.get_suptitle()]
    for ax in fig.axes:
        parts += [ax.get_title()]
        if ax.get_xlabel():
            parts.append(f"Horizontal axis: {ax.get_xlabel()}")
        if ax.get_ylabel():
            parts.append(f"Vertical axis: {ax.get_ylabel()}")
    parts += [text.get_text() for text in fig.texts]
    return " ".join(" ".join(p.split()).rstrip(".") + "." for p in parts if p and p.strip())


#: Background colours of quote highlights, by side ("+"-joined sides and unknown sides: grey-purple).
SIDE_COLOURS = {"iran": "#cfe8cf", "russia": "#d6e0f5", "other": "#eeeeee", "": "#f3e0c7"}
_GROUP_COLOUR = "#e6d6f0"


def _side_colour(side: str) -> str:
    return SIDE_COLOURS.get(side, _GROUP_COLOUR)


def highlight_attributions(text: str, attributions: pd.DataFrame, *, actors=None) -> HTML:
    """Return a document with every attribution highlighted and labelled, for reading.

    Quote content is marked with the colour of its side and followed by a label
    ``[actor · type]``; speakers are underlined and cues in italics. All text is escaped.
    Paragraphs are kept.

    Parameters
    ----------
    text
        The document body (``documents.text``).
    attributions
        Its rows of the ``attributions`` table (offsets into ``text``).
    actors
        Registry for display names in the labels (optional).

    Examples
    --------
    >>> att = pd.DataFrame({"start": [12], "end": [20], "actor": ["lavrov"], "side": ["russia"],
    ...     "type": ["indirect"], "speaker_start": [0], "speaker_end": [6], "cue_start": [7],
    ...     "cue_end": [11], "quote_id": [0]})
    >>> html = highlight_attributions("Lavrov said <b>hi</b>.", att).data
    >>> "&lt;b&gt;hi" in html and "<u>Lavrov</u>" in html and "[lavrov · indirect]" in html
    True
    """
    from ..text import split_paragraphs

    n = len(text)
    boundaries = {0, n}
    spans: list[tuple[int, int, str, int]] = []  # start, end, kind, row number
    rows = list(attributions.itertuples(index=False))
    for number, row in enumerate(rows):
        for kind, start, end in (
            ("quote", row.start, row.end),
            ("speaker", getattr(row, "speaker_start", -1), getattr(row, "speaker_end", -1)),
            ("cue", getattr(row, "cue_start", -1), getattr(row, "cue_end", -1)),
        ):
            start, end = int(start), int(end)
            if 0 <= start < end <= n:
                spans.append((start, end, kind, number))
                boundaries.update((start, end))
    for p_start, p_end in split_paragraphs(text):
        boundaries.update((p_start, p_end))
    cuts = sorted(boundaries)
    quote_end_labels: dict[int, list[int]] = {}
    for _start, end, kind, number in spans:
        if kind == "quote":
            quote_end_labels.setdefault(end, []).append(number)

    def label(number: int) -> str:
        row = rows[number]
        actor = row.actor or "unresolved"
        if actors is not None and row.actor:
            name = " + ".join(actors[a].name if a in actors else a for a in row.actor.split("+"))
        else:
            name = actor
        return f'<span class="framing-label" title="{escape(name)}">[{escape(actor)} · {escape(row.type)}]</span>'

    paragraphs = split_paragraphs(text)
    parts: list[str] = []
    for p_start, p_end in paragraphs:
        parts.append("<p>")
        for a, b in itertools.pairwise(cuts):
            if a < p_start or b > p_end or a == b:
                continue
            segment = escape(text[a:b])
            covering = [s for s in spans if s[0] <= a and b <= s[1]]
            for _, _, kind, _number in covering:
                if kind == "speaker":
                    segment = f"<u>{segment}</u>"
                elif kind == "cue":
                    segment = f"<em>{segment}</em>"
            quotes = [s for s in covering if s[2] == "quote"]
            if quotes:
                side = rows[quotes[0][3]].side or ""
                segment = f'<mark class="framing-quote" style="background:{_side_colour(side)}">{segment}</mark>'
            parts.append(segment)
            for number in quote_end_labels.get(b, []):
                parts.append(label(number))
        parts.append("</p>")
    legend = " ".join(
        f'<mark class="framing-quote" style="background:{colour}">{escape(side or "unresolved")}</mark>'
        for side, colour in [*SIDE_COLOURS.items(), ("group of sides", _GROUP_COLOUR)]
    )
    return HTML(
        f'<div class="framing-article">{"".join(parts)}'
        f'<p class="framing-note">Highlight colour = side of the speaker: {legend}. '
        "<u>Underlined</u>: speaker; <em>italics</em>: reporting cue.</p></div>"
    )


def articles(documents: pd.DataFrame, attributions: pd.DataFrame, *, actors=None, max_documents: int = 3) -> HTML:
    """Return the first ``max_documents`` documents with their attributions highlighted.

    Each document gets a heading (title, outlet, date, id) above its text; see
    :func:`highlight_attributions`. All text is escaped.
    """
    blocks = []
    for doc in documents.head(max_documents).itertuples(index=False):
        rows = attributions[attributions["doc_id"] == doc.doc_id]
        date = doc.date.date().isoformat() if pd.notna(doc.date) else "undated"
        blocks.append(
            f"<h3>{escape(doc.title or doc.doc_id)}</h3>"
            f'<p class="framing-note">{escape(doc.outlet)}, {escape(date)} &middot; <code>{escape(doc.doc_id)}</code> '
            f"&middot; {len(rows)} attribution(s)</p>" + highlight_attributions(doc.text, rows, actors=actors).data
        )
    if len(documents) > max_documents:
        blocks.append(f'<p class="framing-note">Showing {max_documents} of {len(documents)} documents.</p>')
    return HTML("".join(blocks))
