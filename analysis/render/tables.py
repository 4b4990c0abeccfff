"""Tables in a report: escaped HTML, labelled rows, a dash and a note for every missing value.

Every table of a report goes through :func:`table` or :func:`evidence_table`:

* cells are HTML-escaped (corpus text is untrusted), lists are joined with ``; ``;
* a cell of text has ``dir="auto"``: Persian or Arabic text runs right to left in the
  left-to-right page, Russian and English left to right;
* a table whose rows are labelled by its index (a method, a data set) keeps the label as its
  first column;
* a missing value shows as an en dash, and a note under the table says why;
* column names are shown with spaces (``share_positive`` -> ``share positive``), so that
  headers wrap and no table runs off the page;
* a long table shows its first rows and links the whole table, written as CSV beside the report.

:func:`evidence_table` shows the sentences behind a number the way a reader checks them: the
text first, then the document as its outlet, date and short title, linking to the article
highlighted in report 01 (or to the article itself); the ids stay in the CSV beside the page.

Examples
--------
>>> import pandas as pd
>>> html = table(pd.DataFrame({"mean": [0.5, float("nan")]}), missing="one sentence: no mean").data
>>> "nan" in html.lower(), "\u2013" in html, "one sentence: no mean" in html
(False, True, True)
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from IPython.display import HTML

__all__ = [
    "DASH",
    "ID_COLUMNS",
    "ARTICLES_PAGE",
    "ARTICLES_SHOWN",
    "escape",
    "table",
    "evidence_table",
    "write_csv",
    "article_anchor",
    "document_links",
    "is_missing",
]

#: What a missing value shows as.
DASH = "\u2013"
#: Columns that identify rows for a program (kept in the CSV, left out of an evidence table's HTML).
ID_COLUMNS = ("doc_id", "unit_id", "unit_ids", "quote_id", "utt_id", "sent_id", "statement_id", "start", "end", "path")
#: The report that shows the articles with every attribution highlighted, and how many it shows.
ARTICLES_PAGE = "01_who_speaks.html"
ARTICLES_SHOWN = 3
#: Characters of a title shown in an evidence table.
TITLE_WIDTH = 60
#: A word longer than this (an address, an id) may be broken anywhere to keep a table on the page.
LONG_WORD = 24


def escape(text: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA (never for a list or a string).

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, pd.NA, "", [], 0)]
    [True, True, True, True, False, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    return False


def _joined(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists in cells (evidence ids) joined with ``; ``."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            frame[column] = frame[column].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v
            )
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
    _joined(_labelled(frame)).map(_csv_safe).to_csv(path, index=False, encoding="utf-8")
    return path


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with a named index (what its rows are: a method, a data set) as its first column(s)."""
    if any(name is not None for name in frame.index.names):
        return frame.reset_index()
    return frame


def _cell(value: object, float_format: str) -> str:
    """One value as escaped text (missing values as the dash)."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return escape("; ".join(map(str, value)))
    if is_missing(value):
        return DASH
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return escape(float_format.format(float(value)))
    if isinstance(value, pd.Timestamp):
        return escape(value.date().isoformat() if value == value.normalize() else value.isoformat())
    return escape(value)


def _header(name: object) -> str:
    return escape(str(name).replace("_", " "))


def _missing_note(frame: pd.DataFrame, missing: str | Mapping[str, str] | None) -> str:
    """The note under a table that has missing values: what the dash means in it."""
    missing_columns = [c for c in frame.columns if frame[c].map(is_missing).any()]
    if not missing_columns:
        return ""
    if isinstance(missing, Mapping):
        reasons = [f"{_header(c)}: {escape(missing[c])}" for c in missing_columns if c in missing]
        reasons += [f"{_header(c)}: not available" for c in missing_columns if c not in missing]
        reason = "; ".join(reasons)
    elif missing:
        reason = escape(missing)
    elif "note" in frame.columns:
        reason = "no value can be computed for that row; its note says why"
    else:
        reason = "not available for that row"
    return f'<p class="framing-note framing-missing">{DASH} : {reason}.</p>'


def _td(value: object, markup: str) -> str:
    """A cell: text (corpus text may be Persian or Arabic) takes its direction from its first letter
    (``dir="auto"``); a long word (an address, an id) may break anywhere, others between words only."""
    if isinstance(value, (list, tuple, np.ndarray)):
        value = "; ".join(map(str, value))
    if not isinstance(value, str):
        return f"<td>{markup}</td>"
    long = ' class="framing-long"' if any(len(word) > LONG_WORD for word in value.split()) else ""
    return f'<td dir="auto"{long}>{markup}</td>'


def _html(
    frame: pd.DataFrame,
    float_format: str,
    links: Mapping[str, Sequence[str | None]] | None = None,
) -> str:
    """The rows of a table as escaped HTML, with ``links`` (hrefs by column) on the cells that have one."""
    links = links or {}
    head = "".join(f"<th>{_header(c)}</th>" for c in frame.columns)
    rows = []
    columns = list(frame.columns)
    for number, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = []
        for column, value in zip(columns, values, strict=True):
            text = _cell(value, float_format)
            href = links[column][number] if column in links else None
            if href and text != DASH:
                text = f'<a href="{escape(href)}">{text}</a>'
            cells.append(_td(value, text))
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="framing-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _footer(frame: pd.DataFrame, shown: int, written: Path | None) -> str:
    if len(frame) > shown:
        where = ""
        if written is not None:
            href = f"tables/{written.name}"
            where = f' All {len(frame)} rows: <a href="{escape(href)}">{escape(href)}</a>.'
        return f'<p class="framing-note">Showing {shown} of {len(frame)} rows.{where}</p>'
    if written is not None:
        return f'<p class="framing-note">Also as <a href="tables/{escape(written.name)}">CSV</a>.</p>'
    return ""


def table(
    frame: pd.DataFrame,
    *,
    max_rows: int = 50,
    float_format: str = "{:.3f}",
    name: str | None = None,
    folder: str | Path | None = None,
    missing: str | Mapping[str, str] | None = None,
    hide: Sequence[str] = (),
    empty: str = "No rows.",
) -> HTML:
    """Return a DataFrame as an escaped HTML table.

    A named index (what the rows are) becomes the first column; any other index is left out;
    the columns ``hide`` (ids a program needs, not a reader) are only in the CSV. A table
    without rows shows the sentence ``empty`` instead (its CSV, with the header only, is
    still written).
    Lists (e.g. evidence ids) are joined with ``; ``; floats use ``float_format``. A missing
    value shows as an en dash and a note under the table says why: ``missing`` gives the
    reason (one for the table, or one per column), else the ``note`` column is pointed to. A
    table longer than ``max_rows`` is cut with a clear count; with a ``name`` and a ``folder``
    (the report's output folder) the whole table is also written as ``tables/NAME.csv``
    beside the report, and the note links to it.

    Examples
    --------
    >>> "&lt;script&gt;" in table(pd.DataFrame({"text": ["<script>x</script>"]})).data
    True
    >>> table(pd.DataFrame({"n": range(3)}), max_rows=2).data.endswith("Showing 2 of 3 rows.</p>")
    True
    >>> "<th>method</th>" in table(pd.DataFrame({"r": [0.5]}, index=pd.Index(["vader"], name="method"))).data
    True
    """
    frame = _labelled(frame)
    written = write_csv(frame, name, folder) if name is not None and folder is not None else None
    if frame.empty:
        return HTML(f'<p class="framing-note">{escape(empty)}</p>')
    shown = frame.head(max_rows).drop(columns=[c for c in hide if c in frame.columns])
    markup = _html(shown, float_format) + _missing_note(shown, missing)
    return HTML(markup + _footer(frame, max_rows, written))


def article_anchor(doc_id: str) -> str:
    """The id of a document's highlighted article in report 01 (letters, digits, ``_``, ``-``, ``.`` only).

    Examples
    --------
    >>> article_anchor("2025-10-02-tass-talks"), article_anchor("a b<")
    ('doc-2025-10-02-tass-talks', 'doc-a_20_b_3c_')
    """
    return "doc-" + re.sub(r"[^A-Za-z0-9.-]", lambda m: f"_{ord(m.group()):x}_", str(doc_id))


def _web_address(url: object) -> str | None:
    """The URL when it is an http(s) address (never ``javascript:`` or another scheme)."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def document_links(
    documents: pd.DataFrame, *, page: str = ARTICLES_PAGE, shown: int = ARTICLES_SHOWN
) -> dict[str, tuple[str, str | None]]:
    """Each document as ``(outlet, date: short title)`` and where to read it.

    The link goes to the article highlighted in report 01 (``page``, which shows the first
    ``shown`` documents; see :func:`analysis.render.display.articles`), else to the article's
    own address when it is an http(s) URL, else nowhere.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Talks", "Ties"], "outlet": ["TASS", "IRNA"],
    ...     "date": pd.to_datetime(["2025-10-02", None]), "url": ["", "https://irna.example/1"]})
    >>> document_links(docs, shown=1)
    {'a': ('TASS, 2025-10-02: Talks', '01_who_speaks.html#doc-a'), 'b': ('IRNA, undated: Ties', 'https://irna.example/1')}
    """
    highlighted = set(documents["doc_id"].head(shown).astype(str))
    found: dict[str, tuple[str, str | None]] = {}
    dates = documents["date"] if "date" in documents.columns else pd.Series(pd.NaT, index=documents.index)
    urls = documents["url"] if "url" in documents.columns else pd.Series("", index=documents.index)
    for doc_id, title, outlet, date, url in zip(
        documents["doc_id"].astype(str), documents["title"], documents["outlet"], dates, urls, strict=True
    ):
        day = pd.Timestamp(date).date().isoformat() if not is_missing(date) else "undated"
        name = textwrap.shorten(str(title or doc_id), TITLE_WIDTH, placeholder="…")
        label = f"{outlet or 'unknown outlet'}, {day}: {name}"
        href = f"{page}#{article_anchor(doc_id)}" if doc_id in highlighted else _web_address(url)
        found[doc_id] = (label, href)
    return found


def _documents_of(frame: pd.DataFrame) -> pd.Series:
    """The document of each row: its ``doc_id``, else the document of its ``unit_id`` or ``statement_id``.

    Unit ids are ``doc:start-end`` (:mod:`analysis.voices.units`); a distinct statement's id is
    the id of its first copy.
    """
    if "doc_id" in frame.columns:
        return frame["doc_id"].astype(str)
    for column in ("unit_id", "statement_id"):
        if column in frame.columns:
            return frame[column].astype(str).str.rsplit(":", n=1).str[0]
    raise ValueError("an evidence table needs a doc_id, unit_id or statement_id column")


def evidence_table(
    frame: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    first: Sequence[str] = ("text",),
    drop: Sequence[str] = (),
    max_rows: int = 50,
    float_format: str = "{:.3f}",
    name: str | None = None,
    folder: str | Path | None = None,
    missing: str | Mapping[str, str] | None = None,
    page: str = ARTICLES_PAGE,
    empty: str = "No sentences.",
) -> HTML:
    """Return the sentences behind a number as a table to read: text first, then who and where.

    The columns ``first`` (the text) lead; ids and offsets (:data:`ID_COLUMNS`) and ``drop``
    are left out of the page; a last column, ``document``, names each row's document by
    outlet, date and short title, linking to its highlighted article in report 01 or to the
    article itself (:func:`document_links`). With a ``name`` and a ``folder`` the whole table,
    ids included, is written as ``tables/NAME.csv`` beside the report. A table without rows
    shows the sentence ``empty`` instead.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "title": ["Talks"], "outlet": ["Wire"],
    ...     "date": pd.to_datetime(["2025-10-02"]), "url": [""]})
    >>> rows = pd.DataFrame({"unit_id": ["d:0-9"], "actor": ["lavrov"], "text": ["We agree."]})
    >>> html = evidence_table(rows, docs).data
    >>> html.index("We agree.") < html.index("lavrov"), "d:0-9" in html, "#doc-d" in html
    (True, False, True)
    """
    labelled = _labelled(frame)
    written = write_csv(labelled, name, folder) if name is not None and folder is not None else None
    if labelled.empty:
        return HTML(f'<p class="framing-note">{escape(empty)}</p>')
    links = document_links(documents, page=page)
    doc_ids = _documents_of(labelled)
    leading = [c for c in first if c in labelled.columns]
    hidden = set(ID_COLUMNS) | set(drop) | set(leading)
    rest = [c for c in labelled.columns if c not in hidden]
    shown = labelled.head(max_rows)
    found = [links.get(d, (d, None)) for d in doc_ids.head(max_rows)]
    display = shown[leading + rest].assign(document=[label for label, _ in found])
    markup = _html(display, float_format, {"document": [href for _, href in found]})
    markup += _missing_note(display, missing)
    return HTML(markup + _footer(labelled, max_rows, written))
