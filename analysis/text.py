"""Text primitives with character offsets: paragraphs, sentences, tokens, quote normalising.

Sentence splitting uses `syntok <https://github.com/fnl/syntok>`_, a rule-based segmenter that
needs no downloaded model (NLTK's Punkt data cannot be fetched offline). It was chosen over
pysbd on a fixture of tricky news sentences (``tests/fixtures/sentences.yml``; the comparison
is ``benchmarks/sentences.py``): both handle "Jan. 17", "Mr.", "No. 3" and "U.S. State
Department"; syntok also splits sentences inside a multi-sentence quotation and keeps the
closing quote mark with its sentence, and it is several times faster. Neither splits
"... imposed by the U.S. Iran disagrees." -- a known limitation.

syntok is pure Python and the slowest part of an analysis, so two kinds of paragraph skip it,
with the spans syntok would give (property tests compare them): a paragraph with no boundary
before its final punctuation is one sentence; a paragraph whose sentences all end plainly (a
lower-case word that is not an abbreviation or a title, one ".", "!" or "?", a closing quote
mark perhaps, a space and a capital) is cut there. Paragraphs that repeat (reprinted copy) are
split once per process.

All offsets are half-open ``[start, end)`` Python string indices into the text given.

Examples
--------
>>> text = 'Talks began on Jan. 17 in Moscow. Mr. Lavrov said: "We agree. Fully."'
>>> [text[s:e] for s, e in split_sentences(text)]
['Talks began on Jan. 17 in Moscow.', 'Mr. Lavrov said: "We agree.', 'Fully."']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from syntok import segmenter
from syntok.tokenizer import Tokenizer

from .schema import columns

__all__ = [
    "SENTENCE_COLUMNS",
    "normalise_quotes",
    "split_paragraphs",
    "paragraph_pieces",
    "split_sentences",
    "Segments",
    "segment",
    "sentences",
    "tokenize",
    "count_words",
]

#: Columns of the ``sentences`` table, in order.
SENTENCE_COLUMNS = columns("sentences")

# One character for one character, so offsets are unchanged by normalising.
_QUOTE_MAP = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2039": "'",
        "\u203a": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_REPLACEMENTS = tuple((chr(k), v) for k, v in _QUOTE_MAP.items())
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019-][^\W_]+)*")
_TOKENIZER = Tokenizer(replace_not_contraction=False)
# A sentence longer than this (no boundary in sight) is cut into pieces of this size, so that
# pathological inputs (1 MB without punctuation) stay linear.
_MAX_SENTENCE = 5_000
# Titles that syntok does not know and that precede a name: a sentence "ending" in one of
# them continues. syntok also ends sentences at ";", which news prose does not.
_TITLES = frozenset(
    [
        "adm",
        "amb",
        "brig",
        "capt",
        "cdr",
        "cmdr",
        "col",
        "cpl",
        "gen",
        "gov",
        "lt",
        "maj",
        "rep",
        "rev",
        "sen",
        "sgt",
        "supt",
    ]
)
_LAST_WORD = re.compile(r"(\w+)\.$")


def _continues(text: str, end: int) -> bool:
    """Whether a syntok sentence ending at ``end`` should be joined with the next one."""
    if text[end - 1] == ";":
        return True
    match = _LAST_WORD.search(text, max(0, end - 12), end)
    return match is not None and match.group(1).casefold() in _TITLES


def normalise_quotes(text: str) -> str:
    """Map curly quotes, guillemets, primes and dashes to ASCII, one character for one.

    The result has the same length as the input, so offsets stay valid. (Replacing the few
    characters present is much faster than ``str.translate`` on news-sized texts.)

    Examples
    --------
    >>> normalise_quotes("\u201cstrategic choice\u201d \u2014 nations\u2019")
    '"strategic choice" - nations\\''
    """
    if text.isascii():
        return text
    for source, target in _REPLACEMENTS:
        if source in text:
            text = text.replace(source, target)
    return text


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the paragraphs (separated by blank lines).

    Leading and trailing whitespace of each paragraph is outside its span.

    Examples
    --------
    >>> text = "One.\\n\\nTwo.\\n"
    >>> [text[s:e] for s, e in split_paragraphs(text)]
    ['One.', 'Two.']
    """
    spans = []
    position = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = len(text) if match is None else match.start()
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + (len(chunk) - len(chunk.lstrip()))
            spans.append((start, start + len(stripped)))
        if match is not None:
            position = match.end()
    return spans


def paragraph_pieces(text: str, paragraphs: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of ``text[start:end]`` from the document's (``split_paragraphs(text)``), as document offsets.

    The same spans as ``split_paragraphs(text[start:end])`` shifted by ``start``, without
    splitting the passage again: the document's paragraphs are clipped to it and trimmed.

    Examples
    --------
    >>> text = "One two.\\n\\nThree four.\\n"
    >>> [text[a:b] for a, b in paragraph_pieces(text, split_paragraphs(text), 4, 15)]
    ['two.', 'Three']
    """
    pieces = []
    k = max(0, bisect_right(paragraphs, (start, len(text) + 1)) - 1)
    while k < len(paragraphs) and paragraphs[k][0] < end:
        a, b = max(paragraphs[k][0], start), min(paragraphs[k][1], end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
        k += 1
    return pieces


@dataclass(frozen=True)
class Segments:
    """A document's paragraphs and sentences, split once and handed to every stage that needs them.

    Both are lists of ``(start, end)`` offsets into the text: the paragraphs of
    :func:`split_paragraphs` and the sentences of :func:`split_sentences`.
    """

    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]


def segment(text: str) -> Segments:
    """Split a document into paragraphs and sentences, once.

    Examples
    --------
    >>> parts = segment("Talks began. They ended.\\n\\nA new day.")
    >>> len(parts.paragraphs), len(parts.sentences)
    (2, 3)
    """
    return Segments(split_paragraphs(text), split_sentences(text))


# What can end a sentence or open one for syntok (its terminals and opening brackets) or a
# line: a paragraph with none of them before its final punctuation is one sentence, and is not
# given to syntok (which then would say the same, several times slower).
_BOUNDARY = re.compile(
    r"[.!?;\n\u203c\u203d\u2047\u2048\u2049\u3002\ufe52\ufe57\uff01\uff0e\uff1f\uff61"
    r"(\[{\uff5f\uff5b\uff3b\uff08\ufe5d\ufe5b\ufe59\ufd3e\u301a\u3018\u2985\u2983\u2329]"
)
# What may close a sentence: syntok's terminals but ";", closing brackets and closing quotes.
_CLOSING = (
    ".!?\u203c\u203d\u2047\u2048\u2049\u3002\ufe52\ufe57\uff01\uff0e\uff1f\uff61"
    ")]}\uff60\uff5d\uff3d\uff09\ufe5e\ufe5c\ufe5a\ufd3f\u301b\u3019\u2986\u2984\u232a"
    "'\"\u00b4\u2019\u201d\u27e9\u27eb\u2e29\u3009\u300b\u301e"
)


# What syntok's tokenizer skips between tokens.
_GAP = re.compile(r"[\s\u200b]")


def _one_sentence(chunk: str) -> bool:
    """Whether a paragraph is one sentence whatever syntok would do: no boundary before its end.

    The paragraph must also begin and end with a character syntok keeps, so that its span is
    the one syntok would give.
    """
    body = chunk.rstrip(_CLOSING)
    return (
        bool(body)
        and _GAP.match(chunk) is None
        and _GAP.match(chunk[-1]) is None
        and _BOUNDARY.search(body) is None
        and any(map(str.isalnum, body))
    )


def _sentences_in(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """The sentence spans of the paragraph ``text[start:end]`` (a function of its text alone)."""
    chunk = text[start:end]
    found = _paragraph_sentences(chunk) if len(chunk) <= _CACHED_LENGTH else _split_paragraph(chunk)
    return [(start + s, start + e) for s, e in found]


# Paragraphs repeat across a corpus (reprinted wire copy, an outlet's standard lines): the spans
# of the last paragraphs split are kept, in every process, for paragraphs of this size at most.
_CACHED_PARAGRAPHS = 16_384
_CACHED_LENGTH = 2_000


@lru_cache(maxsize=_CACHED_PARAGRAPHS)
def _paragraph_sentences(chunk: str) -> tuple[tuple[int, int], ...]:
    return _split_paragraph(chunk)


try:  # words after which syntok does not end a sentence before a capital (or may not)
    from syntok._segmentation_states import State as _SyntokState

    _NOT_BEFORE_END = frozenset(_SyntokState.abbreviations) | {"no", "No", "NO"} | _TITLES
except (ImportError, AttributeError):  # another syntok: every paragraph of several sentences goes to it
    _NOT_BEFORE_END = None
# A sentence end syntok always makes: a lower-case word of two letters or more, one full stop,
# exclamation or question mark, spaces and a capital letter.
_PLAIN_END = re.compile(r"(?<!\S)([a-z]{2,})[.!?][\"\u201d]?(?= +[A-Z])")


def _plain_sentences(chunk: str) -> list[tuple[int, int]] | None:
    """The sentences of a paragraph cut only at plain ends, each one sentence; None if not so.

    Where every sentence of a paragraph ends in a plain way ("... the talks. Lavrov said ...")
    and holds no other boundary, syntok's spans are these; other paragraphs go to syntok.
    """
    if _NOT_BEFORE_END is None:
        return None
    cuts = [m.end() for m in _PLAIN_END.finditer(chunk) if m.group(1) not in _NOT_BEFORE_END]
    if not cuts:
        return None
    spans, start = [], 0
    for cut in [*cuts, len(chunk)]:
        piece = chunk[start:cut]
        first = start + len(piece) - len(piece.lstrip(" "))
        if not _one_sentence(chunk[first:cut]):
            return None
        spans.append((first, cut))
        start = cut
    return spans


def _pieces(first: int, last: int) -> list[tuple[int, int]]:
    """A sentence's span, cut into pieces of at most :data:`_MAX_SENTENCE` characters."""
    return [(piece, min(piece + _MAX_SENTENCE, last)) for piece in range(first, last, _MAX_SENTENCE)]


def _split_paragraph(chunk: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of one paragraph (stripped), relative to its start."""
    end = len(chunk)
    plain = [(0, end)] if _one_sentence(chunk) else _plain_sentences(chunk)
    if plain is not None:
        return tuple(piece for first, last in plain for piece in _pieces(first, last))
    tokens = list(_TOKENIZER.tokenize(chunk))
    spans: list[tuple[int, int]] = []
    pending: int | None = None
    last = 0
    for sentence in segmenter.split(iter(tokens)) if tokens else ():
        if not sentence:
            continue
        first = sentence[0].offset
        last = sentence[-1].offset + len(sentence[-1].value)
        # Keep the span inside the paragraph whatever the tokenizer did to token values.
        first, last = max(first, 0), min(max(last, first), end)
        while first < last and chunk[first].isspace():
            first += 1
        while last > first and chunk[last - 1].isspace():
            last -= 1
        if last <= first:
            continue
        if pending is not None:
            first = pending
        if _continues(chunk, last):
            pending = first
            continue
        pending = None
        spans.extend(_pieces(first, last))
    if pending is not None:
        spans.extend(_pieces(pending, last))
    return tuple(spans)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of a text, paragraph by paragraph.

    A sentence never crosses a paragraph break. See the module docstring for the method.

    Examples
    --------
    >>> text = "The U.S. State Department declined. Officials said nothing."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['The U.S. State Department declined.', 'Officials said nothing.']
    """
    spans: list[tuple[int, int]] = []
    for start, end in split_paragraphs(text):
        spans.extend(_sentences_in(text, start, end))
    return spans


def sentences(documents: pd.DataFrame) -> pd.DataFrame:
    """Split every document into the ``sentences`` table.

    Parameters
    ----------
    documents
        A table with ``doc_id`` and ``text`` columns (see :func:`analysis.load_corpus`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SENTENCE_COLUMNS`; ``sent_id`` and ``paragraph`` count from 0 within a
        document; ``text == documents.text[start:end]``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "text": ["One. Two.\\n\\nThree."]})
    >>> sentences(docs)[["sent_id", "paragraph", "text"]].values.tolist()
    [[0, 0, 'One.'], [1, 0, 'Two.'], [2, 1, 'Three.']]
    """
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        sent_id = 0
        for paragraph, (p_start, p_end) in enumerate(split_paragraphs(text)):
            for start, end in _sentences_in(text, p_start, p_end):
                rows.append((doc_id, sent_id, paragraph, start, end, text[start:end]))
                sent_id += 1
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({"sent_id": "int64", "paragraph": "int64", "start": "int64", "end": "int64"})


def count_words(texts: Iterable[str]) -> int:
    """Return how many words (:func:`tokenize`'s) the texts hold together, without building them.

    Examples
    --------
    >>> count_words(["Iran’s 20-year treaty.", "Signed in Moscow."])
    6
    """
    return sum(len(_WORD.findall(text)) for text in texts)


def tokenize(text: str, *, lower: bool = True) -> list[str]:
    """Return the words of a text: letters and digits, keeping inner apostrophes and hyphens
    and dotted abbreviations ("U.S.").

    Examples
    --------
    >>> tokenize("Iran\u2019s 20-year treaty, signed in Moscow.")
    ["iran's", '20-year', 'treaty', 'signed', 'in', 'moscow']
    """
    words = [m.group(0).replace("\u2019", "'") for m in _WORD.finditer(text)]
    return [w.lower() for w in words] if lower else words
