"""The per-document pass by the document's language: which resources read a document, if any.

A document's ``language`` (front matter, ISO 639-1) chooses how it is read:

* ``en`` (or no language given, as for texts handed to the API): the English segmentation,
  attribution and layout of the study, exactly as always;
* a language with resources for attribution (a folder under ``analysis/data/languages/`` with a
  ``quotes.yml``, Russian now): its sentence splitter, its quote rules
  (:func:`analysis.attribution.multilingual.attribution_rows_in`) and its layout rules (the
  folder's ``layout.yml``: datelines and agency credits of its news, transcript labels, joint
  speakers), then the same utterances and sentence units as English;
* any other language (``de``; a language with a folder but no ``quotes.yml``): the document
  is kept and counted (the ``documents`` and ``stats`` tables), never read with another
  language's rules -- it gives no attributions, no utterances and no units.

Examples
--------
>>> readers = LanguageReaders()
>>> readers.reader("ru").language.code, readers.reader("de")
('ru', None)
>>> is_english("en"), is_english(""), is_english("ru")
(True, True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..attribution.multilingual import LanguageQuoteRules, attribution_rows_in, load_language_rules
from ..corpus.layout import Layout, load_layout
from ..languages import Language, is_analysable, is_supported, load_language
from ..languages.backends import SPLITTERS, TOKENIZERS
from ..schema import columns
from ..text import split_paragraphs

__all__ = [
    "ENGLISH",
    "MISMATCH_CONFIDENCE",
    "language_notices",
    "LanguageReader",
    "LanguageReaders",
    "is_english",
    "language_of",
    "foreign_rows",
    "sizes_only",
]

_CUE_START = columns("attributions").index("cue_start")
#: How sure language identification must be to say a body is not in its front matter's language.
MISMATCH_CONFIDENCE = 0.95
#: Letters a body needs before its detected language is compared with its front matter.
_MIN_LETTERS = 40
#: The language of the study's own (English) rules.
ENGLISH = "en"


def language_of(doc) -> str:
    """A document's language code, lower-case (``""`` when it has none)."""
    value = getattr(doc, "language", "")
    return str(value).strip().lower() if isinstance(value, str) else ""


def is_english(code: str) -> bool:
    """Whether a document of this language is read by the English rules (``en``, or no language given)."""
    return code in ("", ENGLISH)


@dataclass(frozen=True)
class LanguageReader:
    """What reads the documents of one language other than English: its resources, loaded once."""

    language: Language
    rules: LanguageQuoteRules
    layout: Layout


class LanguageReaders:
    """The readers of the languages met in a partition, loaded on first use (None: not analysable)."""

    def __init__(self) -> None:
        self._readers: dict[str, LanguageReader | None] = {}

    def reader(self, code: str) -> LanguageReader | None:
        """The reader of a language, or None when it has no quote rules (its documents are only counted)."""
        if code not in self._readers:
            self._readers[code] = _reader(code)
        return self._readers[code]


def _reader(code: str) -> LanguageReader | None:
    if is_english(code) or not is_analysable(code):
        return None
    language = load_language(code)
    rules = load_language_rules(language)
    if rules is None:
        return None
    layout_file = language.resource("layout.yml")
    layout = load_layout(layout_file) if layout_file is not None else _EMPTY_LAYOUT
    return LanguageReader(language, rules, layout)


_EMPTY_LAYOUT = Layout(
    narration=(),
    content_prefixes=(),
    questions=frozenset(),
    titles=(),
    max_label_words=10,
    joint=re.compile(r"(?!x)x"),  # no joint speakers
    source="<none>",
)


def foreign_rows(doc, reader: LanguageReader, actors) -> tuple[list[tuple], list[tuple[int, int]], list, list]:
    """Attributions, sentences, paragraphs and narration of a document in a language with resources.

    The sentences come from the language's splitter (offsets into the document), the
    attributions from its quote rules, the narration from its layout.
    """
    text = doc.text
    paragraphs = split_paragraphs(text)
    sentences = reader.language.split_sentences(text)
    narration = reader.layout.narration_spans(text, paragraphs=paragraphs)
    rows = attribution_rows_in(str(doc.doc_id), text, actors, reader.language, reader.rules)
    return _not_relayed(rows, narration), sentences, paragraphs, narration


def _not_relayed(rows: list[tuple], narration: list[tuple[int, int, str]]) -> list[tuple]:
    """The attributions whose cue is not narration ("…, сообщает ТАСС." is the agency's relay, not a
    quote), numbered again from 0."""
    kept = [row for row in rows if not any(s <= row[_CUE_START] < e for s, e, _ in narration)]
    return [(row[0], number, *row[2:]) for number, row in enumerate(kept)]


def sizes_only(doc) -> tuple:
    """The sizes of a document no language's rules read: paragraphs, sentences at end punctuation,
    words of letters and digits (language-neutral counts; nothing else is done with it)."""
    text = doc.text
    code = language_of(doc)
    if is_supported(code):
        language = load_language(code)
        sentences, words = language.split_sentences(text), language.tokens(text)
    else:
        sentences, words = SPLITTERS["punctuation"](text, frozenset()), TOKENIZERS["words"](text)
    return (doc.doc_id, len(split_paragraphs(text)), len(sentences), len(words), len(text))


def language_notices(documents) -> list[tuple[str, str, str]]:
    """What ``framing validate`` says of the documents' languages: ``(where, level, message)``.

    * ``warning``: the body reads confidently (:data:`MISMATCH_CONFIDENCE`) as another language
      than its front matter's ``language`` (a Russian body marked ``en``);
    * ``notice``: a language without resources -- the document is kept and counted, not analysed.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "path": ["a.md", "b.md"], "language": ["en", "de"],
    ...     "text": ["Министр иностранных дел России заявил, что договор вступил в силу.",
    ...              "Der Vertrag ist in Kraft getreten, sagte der Minister am Freitag in Moskau."]})
    >>> [(where, level) for where, level, _ in language_notices(docs)]
    [('a.md', 'warning'), ('b.md', 'notice')]
    """
    from ..ingest.language import detect_language

    found = []
    for doc in documents.itertuples(index=False):
        where = str(getattr(doc, "path", "") or doc.doc_id)
        code = language_of(doc)
        text = doc.text or ""
        if sum(ch.isalpha() for ch in text[:2000]) >= _MIN_LETTERS:
            detected, confidence = detect_language(text)
            if code and detected != code and confidence >= MISMATCH_CONFIDENCE:
                found.append(
                    (
                        where,
                        "warning",
                        f"the body reads as {_name(detected)} ({detected}, confidence {confidence:.2f}) but its "
                        f"front matter says language: {code}; set language: {detected} if it is",
                    )
                )
        if not is_analysable(code):
            found.append(
                (
                    where,
                    "notice",
                    f"language {code!r}{_named(code)} has no resources for quotes yet: the document is kept and "
                    "counted but not analysed (no quotes, tone or frames)",
                )
            )
    return found


def _named(code: str) -> str:
    return f" ({_name(code)})" if is_supported(code) else ""


def _name(code: str) -> str:
    return load_language(code).name if is_supported(code) else code
