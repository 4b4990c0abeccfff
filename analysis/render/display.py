"""Safe rich display in notebooks: every piece of corpus text is HTML-escaped.

Corpus text is untrusted: a document may contain ``<script>``, ``onerror=`` attributes,
``javascript:`` links, Markdown or Jinja syntax. The helpers here build HTML only from
escaped text, so such content shows as inert visible characters in notebooks and in the
rendered reports. Corpus text may be written right to left (Persian, Arabic): a paragraph or
heading of it has ``dir="auto"`` (its first letter sets its direction), a name inside an English
sentence is isolated in ``<bdi>``, and the labels of highlighted quotes stay left to right.

Examples
--------
>>> note("<b>5</b> sentences").data
'<p class="framing-note">&lt;b&gt;5&lt;/b&gt; sentences</p>'
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from IPython.display import HTML, Image

from .notebooks import save_figure
from .plots.style import report_fonts
from .tables import ARTICLES_SHOWN, DASH, article_anchor, escape, evidence_table, is_missing, table, write_csv

if TYPE_CHECKING:
    from ..compare.result import Comparison

__all__ = [
    "note",
    "caveat",
    "caveats",
    "table",
    "evidence_table",
    "write_csv",
    "findings",
    "voices_box",
    "section_anchor",
    "describe_figure",
    "escape",
    "show_figure",
    "highlight_attributions",
    "articles",
    "SIDE_COLOURS",
]


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
    with report_fonts():
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
        tag = f'<span class="framing-label" dir="ltr" title="{escape(name)}">'
        return f"{tag}[{escape(actor)} · {escape(row.type)}]</span>"

    paragraphs = split_paragraphs(text)
    parts: list[str] = []
    for p_start, p_end in paragraphs:
        parts.append('<p dir="auto">')
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


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def articles(
    documents: pd.DataFrame, attributions: pd.DataFrame, *, actors=None, max_documents: int = ARTICLES_SHOWN
) -> HTML:
    """Return the first ``max_documents`` documents with their attributions highlighted.

    Each document gets a heading (title, outlet, date, id) above its text, with the id
    :func:`~analysis.render.tables.article_anchor` that evidence tables link to; see
    :func:`highlight_attributions`. All text is escaped.
    """
    blocks = []
    for doc in documents.head(max_documents).itertuples(index=False):
        rows = attributions[attributions["doc_id"] == doc.doc_id]
        date = doc.date.date().isoformat() if pd.notna(doc.date) else "undated"
        blocks.append(
            f'<h3 id="{escape(article_anchor(doc.doc_id))}" dir="auto">{escape(doc.title or doc.doc_id)}</h3>'
            f'<p class="framing-note"><bdi>{escape(doc.outlet)}</bdi>, {escape(date)} &middot; '
            f"<code>{escape(doc.doc_id)}</code> "
            f"&middot; {_plural(len(rows), 'attribution')}</p>"
            + highlight_attributions(doc.text, rows, actors=actors).data
        )
    if len(documents) > max_documents:
        blocks.append(
            f'<p class="framing-note">Showing {max_documents} of {len(documents):,} documents; evidence tables '
            "link the others to their own address.</p>"
        )
    return HTML("".join(blocks))


def section_anchor(heading: str) -> str:
    """The id a report gives a Markdown heading (nbconvert's: spaces become ``-``).

    Examples
    --------
    >>> section_anchor("Who criticises whom")
    'Who-criticises-whom'
    """
    from urllib.parse import quote

    return quote(heading.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def findings(comparison: Comparison, *, actors=None, targets=None, name: str | None = None, folder=None) -> HTML:
    """Return the findings table of a comparison (:func:`analysis.compare.findings_table`) for a report.

    Columns: the measure (linking to the section of the page with its evidence), voice A,
    voice B, the difference. A row's note (how to read it, why a cell is empty) is numbered
    under the table; an empty cell shows as a dash with the number of its row's note. With a
    ``name`` and a ``folder`` the table is also written as CSV beside the report. All text is
    escaped.
    """
    from ..compare.findings import findings_table

    found = findings_table(comparison, actors=actors, targets=targets)
    label_a, label_b = found.attrs["labels"]
    notes = list(dict.fromkeys(note for note in found["note"] if note))  # numbered in the order of the rows
    rows = []
    for row in found.itertuples(index=False):
        mark = f"<sup>{notes.index(row.note) + 1}</sup>" if row.note else ""
        cells = [
            f"<td>{DASH}{mark}</td>" if is_missing(value) else f"<td>{escape(value)}</td>"
            for value in (row.a, row.b, row.difference)
        ]
        link = f'<a href="#{escape(section_anchor(row.section))}">{escape(row.measure)}</a>{mark}'
        rows.append(f'<tr><th scope="row">{link}</th>{"".join(cells)}</tr>')
    head = (
        f"<tr><th>measure</th><th>A: <bdi>{escape(label_a)}</bdi></th><th>B: <bdi>{escape(label_b)}</bdi></th>"
        "<th>difference (A \u2212 B)</th></tr>"
    )
    listed = "".join(f"<li>{escape(text[:1].upper() + text[1:].rstrip('.'))}.</li>" for text in notes)
    written = ""
    if name is not None and folder is not None:
        path = write_csv(found.rename(columns={"a": label_a, "b": label_b}), name, folder)
        written = f'<p class="framing-note">Also as <a href="tables/{escape(path.name)}">CSV</a>.</p>'
    return HTML(
        f'<table class="framing-table framing-findings"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
        f'<ol class="framing-note framing-notes">{listed}</ol>{written}'
    )


def voices_box(comparison: Comparison) -> HTML:
    """Return a compact box naming the two voices of a comparison, their sizes and who speaks for them.

    For the top of every report on a comparison, instead of a paragraph of counts. All text is escaped.
    """
    from ..compare.findings import voice_facts

    parts = []
    for letter, row in zip("AB", voice_facts(comparison).itertuples(index=False), strict=True):
        size = (
            f"{_plural(row.statements, 'statement')} ({row.distinct:,} distinct) in "
            f"{_plural(row.documents, 'document')}" + (f" from {_plural(row.outlets, 'outlet')}" if row.outlets else "")
        )
        parts.append(
            f'<div class="framing-voice"><strong>{letter}: <bdi>{escape(row.label)}</bdi></strong> '
            f"<code>{escape(row.voice)}</code>"
            f"<br>{escape(size)}"
            + (f"<br><small>Who speaks: <bdi>{escape(row.speakers)}</bdi></small>" if row.speakers else "")
            + "</div>"
        )
    return HTML(f'<div class="framing-voices">{"".join(parts)}</div>')
