"""The components a language folder chooses by name: sentence splitters, tokenizers, lemmatizers.

A language is data (``analysis/data/languages/<code>/language.yml``); what it names here is the
small set of algorithms the suite knows, each behind one signature, so that adding a language
adds files, not code (spaCy's ``lang/xx/`` folders are the model):

* **sentence splitters** ``(text, continue_after) -> [(start, end), ...]``, paragraph by
  paragraph (a sentence never crosses a blank line): ``syntok`` (English,
  :func:`analysis.text.split_sentences`), ``razdel`` (Russian, rule-based, no model) and
  ``punctuation`` (any language: a sentence ends at ``.``, ``!``, ``?``, ``؟``, ``…`` or ``。``
  before a space, after optional closing marks);
* **tokenizers** ``text -> [(start, end), ...]`` of the words: ``words`` (letters and digits
  with inner apostrophes and hyphens, :func:`analysis.text.tokenize`) and ``razdel``;
* **lemmatizers** ``word -> lemma``: ``lowercase`` (what English keyness has always counted) and
  ``pymorphy3`` (dictionary lemmas of Russian, OpenCorpora; the dictionary ships in the
  ``pymorphy3-dicts-ru`` wheel).

Examples
--------
>>> text = "«Это важный шаг», — заявил Лавров. Встреча прошла 2 окт. в Москве."
>>> [text[s:e] for s, e in SPLITTERS["razdel"](text, frozenset({"окт"}))]
['«Это важный шаг», — заявил Лавров.', 'Встреча прошла 2 окт. в Москве.']
>>> LEMMATIZERS["pymorphy3"]("договору")
'договор'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from ..text import split_paragraphs
from ..text import split_sentences as _syntok_sentences

__all__ = ["SPLITTERS", "TOKENIZERS", "LEMMATIZERS", "Span", "MAX_SENTENCE"]

Span = tuple[int, int]
#: A sentence longer than this (no boundary in sight) is cut into pieces of this size, as in
#: :mod:`analysis.text`, so that pathological input stays linear.
MAX_SENTENCE = 5_000

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019-][^\W_]+)*")
_LAST_WORD = re.compile(r"([^\W\d_]+)\.$")
_CONTINUES = re.compile(r"[\d\w]")  # what may follow an abbreviation inside a sentence: not a capital
_PUNCTUATION_END = re.compile(r"[.!?\u061f\u2026\u3002]+[\"'\u00bb\u201d\u2019)\]]*(?=\s+\S)")


def _pieces(first: int, last: int) -> list[Span]:
    return [(piece, min(piece + MAX_SENTENCE, last)) for piece in range(first, last, MAX_SENTENCE)]


def _join_abbreviations(chunk: str, spans: list[Span], continue_after: frozenset[str]) -> list[Span]:
    """Join a sentence that ends with an abbreviation of ``continue_after`` to the next one when
    that one starts with a digit or a lower-case letter ("2 окт. 2025", "т. е. все")."""
    joined: list[Span] = []
    for start, end in spans:
        if joined and continue_after:
            previous = joined[-1]
            match = _LAST_WORD.search(chunk, max(previous[0], previous[1] - 12), previous[1])
            head = chunk[start] if start < len(chunk) else ""
            if (
                match is not None
                and match.group(1).casefold() in continue_after
                and _CONTINUES.match(head)
                and not head.isupper()
            ):
                joined[-1] = (previous[0], end)
                continue
        joined.append((start, end))
    return [piece for first, last in joined for piece in _pieces(first, last)]


def _by_paragraph(split: Callable[[str, frozenset[str]], list[Span]]) -> Callable[[str, frozenset[str]], list[Span]]:
    """A splitter of whole texts from a splitter of one paragraph (offsets moved to the text)."""

    def splitter(text: str, continue_after: frozenset[str]) -> list[Span]:
        spans: list[Span] = []
        for start, end in split_paragraphs(text):
            spans.extend((start + s, start + e) for s, e in split(text[start:end], continue_after))
        return spans

    return splitter


def _syntok(text: str, continue_after: frozenset[str]) -> list[Span]:
    """:func:`analysis.text.split_sentences`, unchanged (syntok keeps its own abbreviations)."""
    return _syntok_sentences(text)


@cache
def _razdel_delimiter() -> re.Pattern[str]:
    """Where razdel may end a sentence (its own pattern: ``.?!…;``, closing quotes and brackets, smileys)."""
    from razdel.segmenters.sentenize import DELIMITER

    return re.compile(DELIMITER)


def _razdel(chunk: str, continue_after: frozenset[str]) -> list[Span]:
    """razdel's sentences of a paragraph; a paragraph where razdel has no place to end a sentence
    but its last character is one sentence, and is not handed to razdel (a third of the time of
    Russian quote attribution went to such paragraphs)."""
    from razdel import sentenize

    end = len(chunk.rstrip())
    if _razdel_delimiter().search(chunk, 0, end - 1) is None:
        start = len(chunk) - len(chunk.lstrip())
        return _join_abbreviations(chunk, [(start, end)] if end > start else [], continue_after)
    spans = []
    for sentence in sentenize(chunk):
        start, end = sentence.start, sentence.stop
        while end > start and chunk[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return _join_abbreviations(chunk, spans, continue_after)


def _punctuation(chunk: str, continue_after: frozenset[str]) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _PUNCTUATION_END.finditer(chunk):
        if match.end() > start:
            spans.append((start, match.end()))
        start = match.end()
        while start < len(chunk) and chunk[start].isspace():
            start += 1
    if start < len(chunk.rstrip()):
        spans.append((start, len(chunk.rstrip())))
    return _join_abbreviations(chunk, spans, continue_after)


#: Sentence splitters by name: ``(paragraph, abbreviations a sentence continues after) -> spans``.
SPLITTERS: dict[str, Callable[[str, frozenset[str]], list[Span]]] = {
    "syntok": _syntok,
    "razdel": _by_paragraph(_razdel),
    "punctuation": _by_paragraph(_punctuation),
}


def _words(text: str) -> list[Span]:
    return [m.span() for m in _WORD.finditer(text)]


def _razdel_tokens(text: str) -> list[Span]:
    from razdel import tokenize

    return [(t.start, t.stop) for t in tokenize(text) if any(c.isalnum() for c in t.text)]


#: Tokenizers by name: ``text -> word spans`` (punctuation left out).
TOKENIZERS: dict[str, Callable[[str], list[Span]]] = {"words": _words, "razdel": _razdel_tokens}


def _lowercase(word: str) -> str:
    return word.lower().replace("\u2019", "'")


@cache
def morph_analyzer():
    """The process's one ``pymorphy3.MorphAnalyzer`` (its dictionary loads in about 0.1 s).

    Raises
    ------
    ImportError
        With the packages to install, when pymorphy3 or its Russian dictionary is missing.
    """
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - declared dependency
        raise ImportError("Russian lemmas need pymorphy3 and pymorphy3-dicts-ru (pip install pymorphy3)") from None
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def _pymorphy3(word: str) -> str:
    parses = morph_analyzer().parse(word)
    return parses[0].normal_form if parses else word.lower()


#: Lemmatizers by name: ``word -> lemma`` (lower-case).
LEMMATIZERS: dict[str, Callable[[str], str]] = {"lowercase": _lowercase, "pymorphy3": _pymorphy3}
