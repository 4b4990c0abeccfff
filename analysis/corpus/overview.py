"""What is in a corpus: one row per document with its size, and a one-paragraph description.

Examples
--------
>>> from analysis.corpus.documents import load_corpus
>>> summary = corpus_summary(load_corpus())
>>> int(summary.loc[0, "sentences"]) > 10
True
"""

from __future__ import annotations

import pandas as pd

from ..languages import is_analysable, is_supported, load_language
from ..schema import columns
from ..text import sentences, split_paragraphs, tokenize

__all__ = ["CORPUS_SUMMARY_COLUMNS", "corpus_summary", "describe_corpus", "describe_languages", "source_line"]

#: Columns of :func:`corpus_summary`.
CORPUS_SUMMARY_COLUMNS = columns("corpus_summary")


def corpus_summary(documents: pd.DataFrame, stats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per document: id, title, outlet, date and its size.

    Sizes are counted on the stored body: paragraphs (blocks separated by blank lines),
    sentences (:func:`analysis.sentences`), words (:func:`analysis.tokenize`) and characters.
    ``stats`` may give them already counted (``CorpusAnalysis.stats``: ``doc_id``,
    ``paragraphs``, ``sentences``, ``words``, ``characters``), as the pipeline does in its one
    pass over each document.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "title": ["T"], "outlet": ["W"], "date": [pd.NaT],
    ...     "text": ["One. Two.\\n\\nThree."]})
    >>> corpus_summary(docs)[["paragraphs", "sentences", "words", "characters"]].values.tolist()
    [[2, 3, 3, 17]]
    """
    if stats is not None:
        meta = documents[[c for c in ("doc_id", "title", "outlet", "date") if c in documents.columns]]
        merged = meta.merge(stats, on="doc_id", how="left")
        return merged.reindex(columns=CORPUS_SUMMARY_COLUMNS).reset_index(drop=True)
    sents = sentences(documents).groupby("doc_id").size()
    rows = []
    for doc in documents.itertuples(index=False):
        rows.append(
            {
                "doc_id": doc.doc_id,
                "title": getattr(doc, "title", ""),
                "outlet": getattr(doc, "outlet", ""),
                "date": getattr(doc, "date", pd.NaT),
                "paragraphs": len(split_paragraphs(doc.text)),
                "sentences": int(sents.get(doc.doc_id, 0)),
                "words": len(tokenize(doc.text)),
                "characters": len(doc.text),
            }
        )
    return pd.DataFrame(rows, columns=CORPUS_SUMMARY_COLUMNS)


def describe_languages(documents: pd.DataFrame) -> str:
    """Say the languages of a corpus's documents, and how many are not analysed ("" for English only).

    A document in a language without resources (no quote rules) is kept and counted, never read
    with another language's rules: it gives no quotes, tone or frames.

    Examples
    --------
    >>> docs = pd.DataFrame({"language": ["en", "en", "ru", "de"]})
    >>> print(describe_languages(docs))  # doctest: +NORMALIZE_WHITESPACE
    By language: 2 English, 1 in 'de', 1 Russian. 1 document in a language without resources (in 'de')
    is kept and counted but not analysed (no quotes, tone or frames).
    >>> describe_languages(pd.DataFrame({"language": ["en"]}))
    ''
    """
    if "language" not in documents.columns or documents.empty:
        return ""
    codes = documents["language"].fillna("").astype(str).str.strip().str.lower().replace("", "en")
    counts = codes.value_counts()
    counts = counts.reindex(sorted(counts.index, key=lambda c: (c != "en", -counts[c], c)))
    unread = [c for c in counts.index if not is_analysable(c)]
    if list(counts.index) == ["en"]:
        return ""
    text = "By language: " + ", ".join(f"{n} {_language_name(c)}" for c, n in counts.items()) + "."
    if unread:
        n = int(counts[unread].sum())
        names = ", ".join(_language_name(c) for c in unread)
        text += (
            f" {n} document{'s' if n != 1 else ''} in a language without resources ({names}) "
            f"{'are' if n != 1 else 'is'} kept and counted but not analysed (no quotes, tone or frames)."
        )
    return text


def _language_name(code: str) -> str:
    return load_language(code).name if is_supported(code) else f"in {code!r}"


def describe_corpus(summary: pd.DataFrame, documents: pd.DataFrame | None = None) -> str:
    """Describe a corpus summary in one plain-language paragraph (with ``documents``, its languages).

    Examples
    --------
    >>> summary = pd.DataFrame({"doc_id": ["a"], "title": ["T"], "outlet": ["Wire"],
    ...     "date": [pd.Timestamp("2025-10-03")], "paragraphs": [3], "sentences": [5],
    ...     "words": [90], "characters": [500]})
    >>> describe_corpus(summary)
    'The corpus holds 1 document from 1 outlet (Wire), dated 2025-10-03: 3 paragraphs, 5 sentences and 90 words in all.'
    """
    n = len(summary)
    if n == 0:
        return "The corpus is empty."
    outlets = sorted({o for o in summary["outlet"] if o})
    dates = pd.to_datetime(summary["date"]).dropna()
    if dates.empty:
        when = "undated"
    elif dates.min() == dates.max():
        when = f"dated {dates.min().date().isoformat()}"
    else:
        when = f"dated {dates.min().date().isoformat()} to {dates.max().date().isoformat()}"
    outlet_text = f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({', '.join(outlets)})"
    return (
        f"The corpus holds {n} document{'s' if n != 1 else ''} from {outlet_text}, {when}: "
        f"{summary['paragraphs'].sum()} paragraphs, {summary['sentences'].sum()} sentences and "
        f"{summary['words'].sum()} words in all."
    ) + (f" {languages}" if (languages := describe_languages(documents) if documents is not None else "") else "")


def source_line(documents: pd.DataFrame) -> str:
    """Name the documents a figure rests on, for its caption: outlets and dates.

    Examples
    --------
    >>> docs = pd.DataFrame({"outlet": ["Al-Ahed News"], "date": [pd.Timestamp("2025-10-03")]})
    >>> source_line(docs)
    '1 document of Al-Ahed News, 2025-10-03'
    """
    n = len(documents)
    outlets = sorted({o for o in documents.get("outlet", pd.Series(dtype=str)) if o})
    dates = pd.to_datetime(documents.get("date", pd.Series(dtype="datetime64[ns]"))).dropna()
    if len(outlets) > 3:
        who = f"{len(outlets)} outlets"
    elif outlets:
        who = " and ".join(outlets) if len(outlets) < 3 else f"{outlets[0]}, {outlets[1]} and {outlets[2]}"
    else:
        who = "unnamed outlets"
    text = f"{n} document{'s' if n != 1 else ''} of {who}"
    if not dates.empty:
        first, last = dates.min().date().isoformat(), dates.max().date().isoformat()
        text += f", {first}" if first == last else f", {first} to {last}"
    return text
