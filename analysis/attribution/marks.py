"""Where quotation marks open and close, and where sentences end, for quote attribution.

:func:`quotation_spans` pairs quotation marks paragraph by paragraph. Curly marks say which
way they face; a straight ``"`` is an opener when it follows a space and precedes a word, a
closer the other way round, and is paired by order otherwise. A quotation still open at the end
of a paragraph continues when the next paragraph starts with an opening mark (the convention
for quotes over several paragraphs); each paragraph then gives one piece of the same
quotation. A mark that pairs with nothing is ignored; the rest of the document is processed.
Single quotes nested inside double ones belong to the outer quotation; outside double quotes,
a single mark counts only when it can pair (so ``Iran's`` and ``nations'`` stay apostrophes).

:func:`sentence_spans` is a fast rule-based sentence splitter for the attribution rules only.
:func:`analysis.text.split_sentences` (syntok) is the project's splitter for the ``sentences``
table, but at about 4 ms for a 3 kB article it alone would cost more than the whole
attribution budget (200 articles/s); this one is a single regular expression pass with an
abbreviation list (from the rules file) and never splits inside masked quotations.

Offsets are half-open ``[start, end)`` string indices.

Examples
--------
>>> from analysis.text import normalise_quotes, split_paragraphs
>>> text = "\u201cWe agree,\u201d he said. Iran\u2019s view is \u2018firm\u2019."
>>> norm = normalise_quotes(text)
>>> [(text[q.start:q.end], q.mark) for q in quotation_spans(text, norm, split_paragraphs(norm))]
[('We agree', 'double'), ('firm', 'single')]
>>> plain = "Mr. Lavrov said so. It ended."
>>> [plain[s:e] for s, e in sentence_spans(plain, [(0, 29)], {"mr"})]
['Mr. Lavrov said so.', 'It ended.']
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

__all__ = ["Quotation", "lowered", "doubled_apostrophes", "quotation_spans", "sentence_spans"]

# The mapping of analysis.text.normalise_quotes, applied with str.replace: for non-ASCII text
# str.translate takes about 0.4 ms per 3 kB, more than a tenth of the attribution time.
_DOUBLE_OPENERS = "\u201c\u201e\u00ab"
_DOUBLE_CLOSERS = "\u201d\u00bb"
_SINGLE_OPENERS = "\u2018\u201a\u201b\u2039"
_SINGLE_CLOSERS = "\u2019\u203a"
_BEFORE_OPENER = "([{/-\u2014\u2013\"'"
_AFTER_CLOSER = ".,;:!?)]}/-\u2014\u2013\"'"
# a sentence end: punctuation and space, or a typo without the space ("said.The ministry")
_SENTENCE_END = re.compile(r"[.!?](?:[.!?]*[\"')\]]*\s+|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOUBLED = re.compile(r"(?<!')''(?!')")


@dataclass(slots=True)
class Quotation:
    """One quoted stretch: the marks' positions and the content between them.

    ``open``/``close`` are the indices of the marks (``close`` is -1 when the quotation runs
    to the end of its paragraph). ``chain`` numbers the quotation a piece belongs to when it
    runs over several paragraphs (-1 otherwise); ``piece`` is the piece's rank in the chain.
    """

    open: int
    close: int
    start: int
    end: int
    paragraph: int
    mark: str
    chain: int = -1
    piece: int = 0


def lowered(text: str) -> str | None:
    """Return ``text.lower()`` when it keeps every offset (one character for one), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


def doubled_apostrophes(norm: str) -> str:
    """Read two apostrophes (``''``) as one double quotation mark, keeping every offset.

    Newspaper archives often store ``"`` as ``''``. An opening pair (after a space, at the start
    or after an opening bracket) becomes `` "``, a closing pair ``" ``; a pair between spaces is
    left alone (a stray mark).

    Examples
    --------
    >>> doubled_apostrophes("''We agree,'' he said.")
    ' "We agree,"  he said.'
    """
    if "''" not in norm:
        return norm
    chars = list(norm)
    for match in _DOUBLED.finditer(norm):
        i = match.start()
        before = norm[i - 1] if i > 0 else " "
        after = norm[i + 2] if i + 2 < len(norm) else " "
        if before.isspace() and after.isspace():
            continue
        opens = (before.isspace() or before in _BEFORE_OPENER) and not after.isspace()
        chars[i : i + 2] = [" ", '"'] if opens else ['"', " "]
    return "".join(chars)


def _direction(text: str, i: int, lo: int, hi: int) -> str:
    """Return "O" (opens), "C" (closes), "A" (either) or "" (a stray mark between spaces)."""
    char = text[i]
    if char in _DOUBLE_OPENERS:
        return "O"
    if char in _DOUBLE_CLOSERS:
        return "C"
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    left_open = before.isspace() or before in _BEFORE_OPENER
    right_open = after.isspace() or after in _AFTER_CLOSER
    if left_open and not right_open:
        return "O"
    if right_open and not left_open:
        return "C"
    return "" if before.isspace() and after.isspace() else "A"


def _single_direction(text: str, i: int, lo: int, hi: int) -> str:
    """Return "O", "C" or "" (an apostrophe) for the single mark at ``i``."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return ""
    char = text[i]
    if char in _SINGLE_OPENERS:
        return "O" if not after.isspace() else ""
    opens = (before.isspace() or before in _BEFORE_OPENER) and after.isalnum()
    closes = not before.isspace() and (after.isspace() or after in _AFTER_CLOSER)
    if char in _SINGLE_CLOSERS:
        return "C" if closes else ""
    return "O" if opens else "C" if closes else ""


def _trimmed(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    if end > start and norm[end - 1] == ",":
        end -= 1
        while end > start and norm[end - 1].isspace():
            end -= 1
    return start, end


def _marks(norm: str, char: str, lo: int, hi: int) -> list[int]:
    found, i = [], norm.find(char, lo, hi)
    while i >= 0:
        found.append(i)
        i = norm.find(char, i + 1, hi)
    return found


def _pair_doubles(
    text: str, marks: list[int], lo: int, hi: int, opened: int | None
) -> tuple[list[tuple[int, int]], int | None]:
    pairs: list[tuple[int, int]] = []
    for i in marks:
        direction = _direction(text, i, lo, hi)
        if not direction:
            continue
        if opened is None:
            if direction != "C":
                opened = i
        elif direction == "O" and i > opened + 1 and not text[opened + 1 : i].isspace():
            opened = i  # the earlier opener never closed: start again here
        elif direction != "O" or i == opened + 1:
            pairs.append((opened, i))
            opened = None
    return pairs, opened


def _pair_singles(
    text: str, marks: list[int], lo: int, hi: int, inside: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    pairs, opened, k = [], None, 0
    for i in marks:
        while k < len(inside) and inside[k][1] < i:
            k += 1
        if k < len(inside) and inside[k][0] <= i <= inside[k][1]:
            continue
        direction = _single_direction(text, i, lo, hi)
        if direction == "O":
            opened = i
        elif direction == "C" and opened is not None:
            pairs.append((opened, i))
            opened = None
    return pairs


def quotation_spans(text: str, norm: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quotation]:
    """Return the quotations of a text, in text order (see the module docstring).

    Parameters
    ----------
    text
        The original text (curly marks tell their direction).
    norm
        ``analysis.text.normalise_quotes(text)``: the same length, straight marks.
    paragraphs
        Paragraph spans of the text (:func:`analysis.text.split_paragraphs`).

    Returns
    -------
    list of Quotation
        Content spans exclude the marks, surrounding spaces and a final comma, which belongs
        to the attributing sentence (``"We agree," he said``). Empty quotations are dropped.
    """
    found: list[Quotation] = []
    carried: int | None = None  # an opener still open at the end of the previous paragraph
    chains, chain, piece = 0, -1, 0  # chain of the quotation running over paragraphs, next piece
    for number, (lo, hi) in enumerate(paragraphs):
        doubles = _marks(norm, '"', lo, hi)
        continued = (
            carried is not None and bool(doubles) and doubles[0] == lo and _direction(text, lo, lo, hi) in ("O", "A")
        )
        if carried is not None:
            if continued and chain < 0:
                chain, piece, chains = chains, 0, chains + 1
            start, end = _trimmed(norm, carried + 1, paragraphs[number - 1][1])
            if end > start:
                found.append(
                    Quotation(carried, -1, start, end, number - 1, "double", chain, piece if chain >= 0 else 0)
                )
            chain, piece = (chain, piece + 1) if continued else (-1, 0)
        pairs, carried = _pair_doubles(text, doubles, lo, hi, None)
        for a, b in pairs:
            start, end = _trimmed(norm, a + 1, b)
            if end <= start:
                continue
            if continued and a == lo:
                found.append(Quotation(a, b, start, end, number, "double", chain, piece))
            else:
                found.append(Quotation(a, b, start, end, number, "double"))
        if not (continued and carried == lo):
            chain, piece = -1, 0
        singles = _marks(norm, "'", lo, hi)
        if singles:
            inside = sorted([*pairs, *([(carried, hi)] if carried is not None else [])])
            for a, b in _pair_singles(text, singles, lo, hi, inside):
                start, end = _trimmed(norm, a + 1, b)
                if end > start:
                    found.append(Quotation(a, b, start, end, number, "single"))
    if carried is not None and paragraphs:
        start, end = _trimmed(norm, carried + 1, paragraphs[-1][1])
        if end > start:
            found.append(
                Quotation(carried, -1, start, end, len(paragraphs) - 1, "double", chain, piece if chain >= 0 else 0)
            )
    found.sort(key=lambda q: q.start)
    return found


def sentence_spans(
    norm: str, paragraphs: Sequence[tuple[int, int]], abbreviations: Collection[str]
) -> list[tuple[int, int]]:
    """Return the sentence spans of each paragraph of a normalised (possibly masked) text.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing marks) followed by space and an
    upper-case letter, a digit or an opening mark, unless the word before a single period is
    an abbreviation (lower-case, without its final period) or a single capital (an initial).
    A period glued to a capitalised word after a lower-case word ends a sentence too (a typo:
    ``said.The ministry``), but not ``U.S.Treasury``.
    """
    spans = []
    for lo, hi in paragraphs:
        start = lo
        for match in _SENTENCE_END.finditer(norm, lo, hi):
            nxt = match.end()
            if nxt >= hi:
                break
            follower = norm[nxt]
            if not (follower.isupper() or follower.isdigit() or follower in "\"'([-"):
                continue
            punct = match.group()
            if punct[0] == "." and (len(punct) < 2 or punct[1] != "."):
                word = _WORD_BEFORE.search(norm, max(lo, match.start() - 12), match.start())
                if word is not None:
                    token = word.group(1).lower()
                    if token in abbreviations or (len(token) == 1 and word.group(1).isupper()):
                        continue
            end = match.start() + len(punct.rstrip())
            if end > start:
                spans.append((start, end))
            start = nxt
        end = hi
        while end > start and norm[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
