"""The front page of a report folder: the voices by name, the corpus, one line per report.

:func:`study_facts` gathers what the page says about the study (from the analysis and the
comparison the report has just made), :func:`notebook_question` the question each report
answers, and :func:`index_html` renders the page with a Jinja2 template that escapes every
value.

Examples
--------
>>> page = index_html([("00_a.html", "What is <in> it?", None, "Which documents?")], {"SEED": 0})
>>> '<a href="00_a.html">What is &lt;in&gt; it?</a>' in page, "seed of every resampling" in page
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["SETTINGS", "index_html", "notebook_question", "study_facts"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The parameters a reader sees in words (others by their name).
SETTINGS = {
    "SEED": "seed of every resampling",
    "METHOD": "sentiment method",
    "DEDUPE": "one document per cluster of copies",
    "CORPUS": "corpus folder",
    "ACTOR_A": "voice A",
    "ACTOR_B": "voice B",
}
# shown by the sections on the voices and the corpus, when the report made an analysis
_SHOWN_BY_FACTS = {"CORPUS", "ACTOR_A", "ACTOR_B"}
#: Outlets named on the page (the others are counted).
OUTLETS_NAMED = 5


def notebook_question(nb: Any) -> str:
    """The question a notebook answers: the text after ``**Question.**`` in its first Markdown cell.

    Markdown emphasis and code marks are dropped; an empty string when there is none.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     "# Title\\n\\n**Question.** Who is quoted, and how *often*?\\n\\n**Inputs:** the corpus.")])
    >>> notebook_question(nb)
    'Who is quoted, and how often?'
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        found = re.search(r"\*\*Question\.\*\*\s*(.+?)(?:\n\s*\n|$)", cell.source, re.S)
        if found:
            return " ".join(re.sub(r"[*`]", "", found.group(1)).split())
        return ""
    return ""


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def study_facts(run: Any, comparison: Any = None, voices: Sequence[Any] = ()) -> dict[str, Any]:
    """What the index says about a study: the corpus (documents, outlets, dates) and the two voices.

    ``run`` is a :class:`~analysis.pipeline.CorpusAnalysis`; the voices' sizes come from
    ``comparison`` (:func:`analysis.compare.voice_facts`), else only their names from
    ``voices`` (parsed :class:`~analysis.voices.Voice` objects).

    Examples
    --------
    >>> from analysis.pipeline import analyse_corpus
    >>> facts = study_facts(analyse_corpus())
    >>> facts["corpus"]["summary"]
    '1 document from 1 outlet (Al-Ahed News), dated 2025-10-03'
    """
    import pandas as pd

    documents = run.documents
    outlets = documents["outlet"].fillna("").astype(str)
    counts = outlets[outlets != ""].value_counts(sort=True)
    named = ", ".join(counts.index[:OUTLETS_NAMED])
    if len(counts) > OUTLETS_NAMED:
        named += f" and {len(counts) - OUTLETS_NAMED:,} more"
    dates = pd.to_datetime(documents["date"], errors="coerce").dropna()
    if dates.empty:
        when = "undated"
    elif dates.min().date() == dates.max().date():
        when = f"dated {dates.min().date().isoformat()}"
    else:
        when = f"dated {dates.min().date().isoformat()} to {dates.max().date().isoformat()}"
    summary = f"{_plural(len(documents), 'document')} from {_plural(len(counts), 'outlet')}"
    summary += f" ({named}), {when}" if named else f", {when}"
    facts: dict[str, Any] = {"corpus": {"folder": str(run.corpus or ""), "summary": summary}, "voices": []}
    if comparison is not None:
        from ..compare.findings import voice_facts

        for letter, row in zip("AB", voice_facts(comparison).itertuples(index=False), strict=True):
            size = (
                f"{_plural(row.statements, 'statement')} ({row.distinct:,} distinct) in "
                f"{_plural(row.documents, 'document')} from {_plural(row.outlets, 'outlet')}"
            )
            facts["voices"].append({"letter": letter, "label": row.label, "voice": row.voice, "size": size})
    else:
        for letter, voice in zip("AB", voices, strict=False):
            facts["voices"].append(
                {"letter": letter, "label": voice.label(run.actors), "voice": str(voice), "size": "no text"}
            )
    return facts


def index_html(
    entries: Sequence[tuple[str, str, str | None, str]],
    parameters: Mapping[str, Any],
    facts: Mapping[str, Any] | None = None,
) -> str:
    """Return ``index.html``: the voices and the corpus, then each report with its question and link.

    ``entries`` are ``(page, title, methods page or None, question)``; ``facts`` come from
    :func:`study_facts` (left out when the report made no analysis). Parameters that neither
    the voices nor the corpus show are listed as settings, in words where :data:`SETTINGS`
    has them (without facts, the voices and the corpus folder are settings too; the output
    folder is where the page is, so it is never listed). Rendered by a Jinja2 template with
    autoescaping, so titles and values are shown as text whatever they contain.
    """
    template = _jinja().get_template("index/index.html.j2")
    rows = [
        {"href": href, "title": title, "methods": methods, "question": question}
        for href, title, methods, question in entries
    ]
    facts = dict(facts or {})
    hidden = {"OUTPUT"} | (_SHOWN_BY_FACTS if facts.get("voices") else set())
    settings = [
        {"name": SETTINGS.get(str(k), str(k)), "value": str(v)} for k, v in parameters.items() if str(k) not in hidden
    ]
    return template.render(entries=rows, settings=settings, corpus=facts.get("corpus"), voices=facts.get("voices", []))


@cache
def _jinja():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
