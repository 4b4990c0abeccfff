"""Quote attribution: who said what, in quotation marks and in reported speech, resolved to actors.

An attribution is a triple (source, cue, content) in the sense of Pareti (2012), *A Database
of Attribution Relations*, LREC, and of Newell, Margolin & Ruths (2018), *An Attribution
Relations Corpus for Political News*, LREC: a **speaker** (source) says, through a **cue**
(a reporting verb or "according to"), some **content**. The rules are plain regular
expressions over the text and data in YAML (``analysis/data/quote_rules.yml``; see
:mod:`analysis.attribution.rules`); no parser model is needed, so they run offline and fast.

What is found
-------------
direct
    Content inside quotation marks (straight or curly) with the speaker before
    (``X said: "..."``), after (``"...," X said.`` / ``"...," said X.``) or around it
    (``"...," X said, "..."``); quotations running over several paragraphs (one row per
    paragraph, all with the same speaker); and *floating* quotations -- a whole sentence in
    marks with no cue -- which take the speaker of the attribution just before them in the same
    or the previous paragraph (resolution ``context``), or no speaker when there is none.
indirect
    Reported speech: ``X <cue> (that) <clause>``, ``<clause>, X said.``, ``According to X,
    <clause>``, ``X called Y a Z``, ``X praised Y``, ``In a statement, X said ...``, passive
    cues (``It was announced that ...``, ``... was hailed by X as ...``), ``X was quoted as
    saying ...`` and participles continuing a speaker (``..., X said, adding that ...``).
mixed
    Reported speech holding a partial quotation (``the treaty signifies the "strategic
    choice" ...``).

Not attributed: narration; quotation marks around titles, names or scare quotes that no cue
governs; "said to be", "so-called", "as the saying goes", a person named Said, and the other
negative patterns of the rules file.

Spans
-----
All offsets are half-open Python string indices into the text as given
(``content == text[start:end]``). Direct content is what lies inside the marks, without the
marks, surrounding spaces or a final comma (which belongs to the attributing sentence:
``"We agree," he said``); other punctuation inside the marks is kept. Indirect and mixed content
is the reported clause: after "that" (or after the cue when there is no "that"), or before the
comma of a post-posed cue, up to the end of the sentence or the next attribution in it; the
sentence's final period is excluded (a partial quotation's closing mark is kept). A cue is the
reporting verb alone (``said``, ``quoted as saying``, ``According to``), without auxiliaries.
A speaker is its whole noun phrase with determiner and titles (``The Iranian Foreign
Ministry``, ``Kremlin spokesman Dmitry Peskov``, ``Both leaders``).

Resolution
----------
============ ================================================================================
explicit     the speaker is headed by a name or alias of one actor (``Iran's Foreign Ministry``,
             ``Lavrov``), or by several joined by "and" (actor ``araghchi+lavrov``)
description  a description several actors may share (``the ministry``, ``the Foreign
             Ministry``, ``the spokesman``), resolved to the one mentioned last before it
             (any mention, not only speakers), or to the only actor with that description
alias        a side's alias (``Tehran``, ``Moscow``, ``Iran``, ``the Iranian side``): the side
             is set, the actor is ``""`` -- a capital speaks for a government that is not an
             actor of the registry, and guessing a ministry would invent evidence
group        a group noun phrase (``Both leaders``, ``the two presidents``, ``both sides``)
             resolved to the set last mentioned together ("Presidents Pezeshkian and Putin")
             or, failing that, the last two actors of the right kind mentioned nearby; a set of
             sides ("Iran and Russia ... Both sides") gives actor ``""`` and side ``iran+russia``
anaphora     a pronoun (``it``, ``he``, ``she``, ``they``) or a document (``the statement``)
             resolved to the most recent compatible speaker or subject mention (organisation,
             body or side for "it"; person and gender for "he"/"she"; groups for "they")
context      a floating quotation, given the speaker (text, offsets and actor) of the
             attribution just before it in the same or the previous paragraph
none         neither actor nor side found: an unknown speaker (its text and offsets are kept,
             ``"A senior European diplomat"``), an unresolved pronoun, an impersonal cue
             (``It was announced that``: no speaker), a floating quotation without context
============ ================================================================================

A speaker headed by an unknown name stays unknown even when it contains an actor's name as a
modifier: ``Iran's parliament speaker Mohammad Bagher Ghalibaf`` is not ``iran_parliament``.
Mentions inside direct quotations are not antecedents of pronouns.

The ``headline`` resolution of the architecture notes is not produced: attribution reads the
document body only.

Limitations
-----------
* No parser: a speaker is the noun phrase next to its cue. Long subjects with a relative clause
  ("officials who attended the talks said") are cut to their last phrase or missed.
* Groups and pronouns refer back only: "The two leaders said ... Pezeshkian and Putin also
  agreed" leaves the group unresolved.
* Reported content ends at the sentence end or where the next attribution of the sentence
  starts; a trailing participial phrase ("..., pointing to modest trade figures") stays in it.
* English cue lists and rules; single quotes count as quotation marks only when they pair.
* Measured figures (``benchmarks/quotes.py``, ``tests/gold/README.md``): on twelve held-out
  paragraphs never used for tuning, span F1 was 0.977 at overlap 0.3 and 0.884 at 0.8, actor
  accuracy 0.952, on their first run.

Examples
--------
>>> rows = extract_quotes('"We will respond," Lavrov said. Moscow insisted that talks continue.')
>>> rows[["content", "type", "cue", "speaker", "actor", "side", "resolution"]].values.tolist()
[['We will respond', 'direct', 'said', 'Lavrov', 'lavrov', 'russia', 'explicit'], \
['talks continue', 'indirect', 'insisted', 'Moscow', '', 'russia', 'alias']]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from ..corpus.registry import ActorRegistry, load_actors
from ..text import split_paragraphs
from .marks import Quotation, doubled_apostrophes, lowered, normalised, quotation_spans, sentence_spans
from .rules import Cue, QuoteRules, load_quote_rules
from .speakers import (
    Mention,
    MentionIndex,
    Resolver,
    Speaker,
    annotate_mentions,
    find_mentions,
    phrase_after,
    phrase_before,
)

__all__ = ["QUOTE_COLUMNS", "QUOTE_TYPES", "RESOLUTIONS", "extract_quotes", "attribute_quotes"]

#: Columns of the ``attributions`` table, in order.
QUOTE_COLUMNS = [
    "doc_id",
    "quote_id",
    "start",
    "end",
    "content",
    "type",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "actor",
    "side",
    "resolution",
]
#: Values of ``type``.
QUOTE_TYPES = ("direct", "indirect", "mixed")
#: Values of ``resolution`` (see the module docstring).
RESOLUTIONS = ("explicit", "description", "alias", "group", "anaphora", "context", "none")

_INT_COLUMNS = ["quote_id", "start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end"]
_MAX_CUES_PER_SENTENCE = 40
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:(?:\w+ly|also|not|widely|once)\s+)?$", re.IGNORECASE)
_THAT = re.compile(r"\s*,?\s*that\b", re.IGNORECASE)
_IN_WORDS = Cue("in words", "in words", "possessive")
_IN_BEFORE = re.compile(r"(?<![\w'-])in\s+$", re.IGNORECASE)
_AUXILIARIES = frozenset({"was", "is", "were", "are", "been", "has", "have", "had"})
_AUX = re.compile(r"\s*\b(?:was|is|were|are|has\s+been|had\s+been|have\s+been)\b", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_IT = re.compile(r"(?<![\w'])it\s*$", re.IGNORECASE)
_CONNECTORS = frozenset(
    {"and", "but", "while", "whereas", "as", "after", "when", "who", "which", "with", "although", "though"}
)
_LAST_WORD = re.compile(r"[A-Za-z]+$")
_BOUNDARY = re.compile(r"[,;]|\b(?:while|whereas|but)\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*")
_ALNUM = re.compile(r"[^\W_]")
_NONSPACE = re.compile(r"\S+")
_THAT_WORD = re.compile(r"\bthat\b", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s'-]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z])")


@dataclass(slots=True)
class _Attribution:
    """An attribution being built: spans first, the resolved speaker last."""

    start: int
    end: int
    type: str
    paragraph: int
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    source: _Attribution | None = None
    context: bool = False
    reach: int = -1
    continued: bool = False  # a direct quote after "..., adding:" continues its sentence's speaker
    result: Speaker | None = None

    @property
    def anchor(self) -> int:
        """Where the attribution is resolved in text order (its speaker, else its content)."""
        if self.source is not None:
            return self.source.anchor
        return self.speaker[0] if self.speaker is not None else self.start


@dataclass(slots=True)
class _CueMatch:
    start: int
    end: int
    cue: Cue
    speaker: tuple[int, int] | None = None  # inside the cue: "In Lavrov's words"


class _Doc:
    """One text being attributed: its normalised form, spans and indexes."""

    def __init__(self, text: str, registry: ActorRegistry, rules: QuoteRules) -> None:
        self.text, self.rules, self.registry = text, rules, registry
        self.norm = doubled_apostrophes(normalised(text))  # analysis.text.normalise_quotes, faster
        self.lower = lowered(self.norm)
        self.paragraphs = split_paragraphs(self.norm)
        self.paragraph_starts = [lo for lo, _ in self.paragraphs]
        self.quotations = quotation_spans(text, self.norm, self.paragraphs)
        self.mentions: list[Mention] = find_mentions(self.norm, registry, lower=self.lower, rules=rules)
        self.index = MentionIndex(self.mentions)
        self.cues = sorted([*self._cues(), *self._possessive_cues()], key=lambda c: c.start)
        self.cue_starts = [c.start for c in self.cues]
        self.cue_ends = sorted(c.end for c in self.cues)
        self.cue_by_start = {c.start: c for c in self.cues}
        self.cue_by_end = {c.end: c for c in self.cues}
        self.used: set[int] = set()
        self.work = self.norm
        self.masked: list[tuple[int, int]] = []
        self.sentences: list[tuple[int, int]] = []
        self.back_references: list[tuple[int, _CueMatch, tuple[int, int], bool]] = []

    # cues ---------------------------------------------------------------------------------
    def _cues(self) -> list[_CueMatch]:
        found: list[_CueMatch] = []
        if self.lower is not None:
            matches = self.rules.cue_regex_lower.finditer(self.lower)
        else:
            matches = self.rules.cue_regex.finditer(self.norm)
        for match in matches:
            start, end = match.span()
            cue = self.rules.cue(match.group())
            if cue is None or self.rules.negated(self.norm, start, end) or self._name_like(start, end, cue):
                continue
            found.append(_CueMatch(start, end, cue))
        # a cue form followed directly by another ("reports said") is a noun
        return [
            c
            for i, c in enumerate(found)
            if not (i + 1 < len(found) and not self.norm[c.end : found[i + 1].start].strip())
        ]

    def _possessive_cues(self) -> list[_CueMatch]:
        """``In Lavrov's words``: the cue spans the phrase, its speaker is the possessor."""
        found: list[_CueMatch] = []
        text = self.lower if self.lower is not None else self.norm.lower()
        if not any(noun in text for noun in self.rules.possessive_nouns):
            return found
        for match in self.rules.possessive_regex.finditer(self.norm):
            if match.group("pronoun"):  # "In his words"
                speaker: tuple[int, int] | None = match.span("pronoun")
            else:
                apostrophe = match.start()
                speaker = phrase_before(self.norm, max(0, apostrophe - 120), apostrophe, self.index, self.rules)
            opener = _IN_BEFORE.search(self.norm, max(0, match.start() - 130), speaker[0]) if speaker else None
            if opener is not None:
                found.append(_CueMatch(opener.start(), match.end(), _IN_WORDS, speaker))
        return found

    def _name_like(self, start: int, end: int, cue: Cue) -> bool:
        """A capitalised one-word cue inside a sentence, or followed by a capitalised word, is a name."""
        norm = self.norm
        if not norm[start].isupper() or " " in cue.form or cue.frame == "according":
            return False
        j = start - 1
        while j >= 0 and norm[j].isspace():
            j -= 1
        sentence_start = j < 0 or norm[j] in ".!?\"':;\n" or norm[j + 1 : start].count("\n") > 1
        k = end
        while k < len(norm) and norm[k] == " ":
            k += 1
        return not sentence_start or (k < len(norm) and norm[k].isupper())

    def cue_at(self, position: int) -> _CueMatch | None:
        """Return the usable cue starting at ``position`` (after spaces), or None."""
        while position < len(self.norm) and self.norm[position].isspace():
            position += 1
        cue = self.cue_by_start.get(position)
        return None if cue is None or cue.start in self.used else cue

    def paragraph_of(self, position: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, position) - 1)

    def phrase_before(self, lo: int, end: int) -> tuple[int, int] | None:
        return phrase_before(self.norm, lo, end, self.index, self.rules)

    def phrase_after(self, start: int, hi: int) -> tuple[int, int] | None:
        while start < hi and self.norm[start].isspace():
            start += 1
        return phrase_after(self.norm, start, hi, self.index, self.rules)


# direct quotations --------------------------------------------------------------------------
def _skip_space_back(norm: str, j: int, lo: int) -> int:
    while j >= lo and norm[j].isspace():
        j -= 1
    return j


def _at_quote_start(doc: _Doc, q: Quotation) -> bool:
    """True when the quotation opens a sentence (or follows a colon or a dash)."""
    lo = doc.paragraphs[q.paragraph][0]
    j = _skip_space_back(doc.norm, q.open - 1, lo)
    if j < lo:
        return True
    char = doc.norm[j]
    if char in ".!?:;-(":
        return True
    return char in "\"'" and j > lo and doc.norm[j - 1] in ".!?,"


def _ends_sentence(doc: _Doc, q: Quotation) -> bool:
    """True when the quotation ends a sentence (a floating quotation)."""
    norm = doc.norm
    if norm[q.end - 1] in ".!?":
        return True
    hi = doc.paragraphs[q.paragraph][1]
    if q.close < 0:
        return True
    k = q.close + 1
    while k < hi and norm[k].isspace():
        k += 1
    return k >= hi or (norm[k] in ".!?" and (k + 1 >= hi or norm[k + 1].isspace()))


def _gap_ok(doc: _Doc, cue: _CueMatch, start: int, end: int) -> bool:
    """True when the text between a cue and a quotation is empty, adjuncts or an addressee."""
    gap = doc.norm[start:end]
    if not gap.strip():
        return True
    if _THAT_WORD.search(gap):
        return False
    position = _skip_adjuncts(doc, start, end)
    if cue.cue.object_first:
        position = _skip_addressee(doc, position, end)
    rest = doc.norm[position:end]
    if not rest.strip():
        return True
    return len(_WORDS.findall(rest)) >= 2 and not _PUNCT.search(rest) and _trailing(doc, position, end, wrapper=False)


def _before(doc: _Doc, q: Quotation) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Find ``X said: "..."`` (or ``According to X, "..."``) before a quotation."""
    norm = doc.norm
    lo = doc.paragraphs[q.paragraph][0]
    j = _skip_space_back(norm, q.open - 1, lo)
    if j < lo:
        if q.paragraph == 0 or norm[doc.paragraphs[q.paragraph - 1][1] - 1] != ":":
            return None
        lo = doc.paragraphs[q.paragraph - 1][0]
        j = doc.paragraphs[q.paragraph - 1][1] - 1
    marked = norm[j] in ":,"
    if marked:
        j = _skip_space_back(norm, j - 1, lo)
    end = j + 1
    k = bisect_right(doc.cue_ends, end) - 1
    while k >= 0 and doc.cue_ends[k] >= end - 80:
        cue = doc.cue_by_end.get(doc.cue_ends[k])
        k -= 1
        if cue is None or cue.start < lo or cue.start in doc.used or cue.cue.frame == "object":
            continue
        if cue.speaker is not None:
            return ((cue.start, cue.end), cue.speaker) if not norm[cue.end : end].strip() else None
        if cue.cue.frame == "according":
            speaker = doc.phrase_after(cue.end, end)
            if speaker is not None and not norm[speaker[1] : end].strip():
                return (cue.start, cue.end), speaker
            return None
        inverted = doc.phrase_after(cue.end, end) if marked else None  # 'said Lavrov: "..."'
        if (
            inverted is not None
            and not norm[inverted[1] : end].strip()
            and not norm[cue.end : inverted[0]].strip()
            and _subject(doc, lo, cue) is None  # not 'Peskov said the two presidents "..."'
        ):
            return (cue.start, cue.end), inverted
        if not _gap_ok(doc, cue, cue.end, end):
            return None
        speaker = _main_speaker(doc, lo, cue) if _continuing(doc, lo, cue) else _subject(doc, lo, cue)
        return None if speaker is None else ((cue.start, cue.end), speaker)
    return _headline(doc, lo, end) if norm[end : end + 1] == ":" else None


def _headline(doc: _Doc, lo: int, colon: int) -> tuple[None, tuple[int, int]] | None:
    """``Lavrov: 'We will respond'``: a registry name alone before a colon speaks, without a cue."""
    norm = doc.norm
    speaker = doc.phrase_before(lo, colon)
    if speaker is None or speaker[1] != _skip_space_back(norm, colon - 1, lo) + 1:
        return None
    before = _skip_space_back(norm, speaker[0] - 1, lo)
    if before >= lo and norm[before] not in ".!?\"'":
        return None
    head = doc.index.inside(*speaker)
    return (None, speaker) if head and head[-1].end == speaker[1] else None


def _continuing(doc: _Doc, lo: int, cue: _CueMatch) -> bool:
    """True for a participle after a comma, which continues its sentence's speaker (``..., adding:``)."""
    return cue.cue.participle and _after_comma(doc.norm, cue.start, lo)


def _after_comma(norm: str, position: int, lo: int) -> bool:
    """True when a comma (perhaps inside a closing mark: ``...,"``) ends the text before ``position``."""
    j = _skip_space_back(norm, position - 1, lo)
    if j > lo and norm[j] in "\"'":
        j -= 1  # 'that Iran and Russia "have ...," adding'
    return j >= lo and norm[j] == ","


def _sentence_start(norm: str, lo: int, position: int) -> int:
    """The start of the sentence holding ``position`` (looking back at most 600 characters)."""
    start = max(lo, position - 600)
    for match in _SENTENCE_BREAK.finditer(norm, start, position):
        start = match.end()
    return start


def _main_speaker(doc: _Doc, lo: int, cue: _CueMatch) -> tuple[int, int] | None:
    """The speaker a participle continues: the subject of its sentence's earlier cue.

    ``Esmail Baqaei stated that Iran and Russia "have ...", adding: "We ..."`` gives Baqaei,
    ``In an interview with RT, he underscored ..., stating, "..."`` gives "he"; without an
    earlier cue, the noun phrase that opens the sentence.
    """
    start = _sentence_start(doc.norm, lo, cue.start)
    k = bisect_left(doc.cue_starts, cue.start) - 1
    while k >= 0 and doc.cues[k].start >= start:
        other = doc.cues[k]
        k -= 1
        if other.cue.participle or other.cue.frame in ("according", "possessive"):
            continue
        speaker = _subject(doc, start, other)
        if speaker is None and _skip_space_back(doc.norm, other.start - 1, start) >= start:
            speaker = doc.phrase_after(other.end, cue.start)  # '"...," said Lavrov, adding'
        if speaker is not None:
            return speaker
    return _sentence_subject(doc, start, cue.start)


def _subject(doc: _Doc, lo: int, cue: _CueMatch) -> tuple[int, int] | None:
    """The speaker before a cue (skipping "was" for ``X was quoted as saying``)."""
    end = cue.start
    if cue.cue.passive_subject:
        passive = _PASSIVE.search(doc.norm, max(lo, end - 30), end)
        if passive is not None:
            end = passive.start()
    return doc.phrase_before(lo, end)


def _reach(doc: _Doc, position: int, hi: int) -> int:
    """Extend an attribution phrase over adjuncts and a short tail, up to the next punctuation."""
    norm = doc.norm
    position = _skip_adjuncts(doc, position, hi)
    k = position
    while k < hi and norm[k] not in ",.;:!?\"'":
        k += 1
    return k if len(_WORDS.findall(norm, position, k)) <= 6 else position


def _after(doc: _Doc, q: Quotation) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """Find ``"...," X said`` or ``"...," said X`` after a quotation."""
    norm = doc.norm
    hi = doc.paragraphs[q.paragraph][1]
    j = q.close + 1
    while j < hi and norm[j].isspace():
        j += 1
    if j < hi and norm[j] == ",":
        j += 1
    elif j < hi and norm[j] == "-":
        signature = _dash_signature(doc, j, hi)
        if signature is not None:
            return signature
        while j < hi and norm[j] in "- ":
            j += 1  # '"We agree." - Lavrov said.'
    cue = doc.cue_at(j)
    if cue is not None and cue.cue.frame in ("clause", "according"):
        speaker = doc.phrase_after(cue.end, hi)
        if speaker is None:
            return None
        return (cue.start, cue.end), speaker, _reach(doc, speaker[1], hi)
    speaker = doc.phrase_after(j, hi)
    if speaker is None:
        return None
    k = speaker[1]
    for start, _, word in _tokens_from(norm, k, min(hi, k + 40)):
        if word.lower() not in doc.rules.skip_before_cue:
            k = start
            break
    cue = doc.cue_at(k)
    if cue is None:
        aux = _AUX.match(norm, k, hi)  # '"...," Araghchi was quoted as saying'
        cue = doc.cue_at(aux.end()) if aux is not None else None
        if cue is None or not cue.cue.passive_subject:
            return None
    if cue.cue.frame != "clause":
        return None
    return (cue.start, cue.end), speaker, _reach(doc, cue.end, hi)


def _dash_signature(doc: _Doc, dash: int, hi: int) -> tuple[None, tuple[int, int], int] | None:
    """``"..." - Sergey Lavrov``: a name after a dash that closes the paragraph or sentence signs a quote."""
    norm = doc.norm
    k = dash
    while k < hi and norm[k] in "- ":
        k += 1
    speaker = doc.phrase_after(k, hi)
    if speaker is None or norm[speaker[0] : speaker[1]].lower() in doc.rules.pronouns:
        return None
    rest = norm[speaker[1] : hi].lstrip()
    if rest and rest[0] not in ",.;(":
        return None
    return None, speaker, speaker[1]


def _tokens_from(norm: str, start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """Whitespace-separated words of ``norm[start:end]`` with offsets, outer punctuation stripped."""
    for match in _NONSPACE.finditer(norm, start, end):
        yield match.start(), match.end(), match.group().strip(",.;:")


def _direct(doc: _Doc) -> list[_Attribution]:
    """Classify the quotations: attributed, continued, floating (direct), or not quotes at all."""
    chains: dict[int, list[Quotation]] = {}
    for q in doc.quotations:
        if q.chain >= 0:
            chains.setdefault(q.chain, []).append(q)
    found: list[_Attribution] = []
    previous: _Attribution | None = None
    for q in doc.quotations:
        if q.chain >= 0 and q.piece > 0:
            continue
        pieces = sorted(chains[q.chain], key=lambda p: p.piece) if q.chain >= 0 else [q]
        first, last = pieces[0], pieces[-1]
        at_start = _at_quote_start(doc, first)
        head = _Attribution(first.start, first.end, "direct", first.paragraph)
        pre = _before(doc, first)
        post = _after(doc, last) if pre is None and last.close >= 0 and (at_start or len(pieces) > 1) else None
        if pre is not None:
            head.cue, head.speaker = pre
            lo = doc.paragraphs[first.paragraph][0]
            head.continued = head.cue is not None and _continuing(doc, lo, doc.cue_by_start[head.cue[0]])
        elif post is not None:
            head.cue, head.speaker, head.reach = post
        elif _continues(doc, previous, first):
            head.source = previous
        elif len(pieces) > 1 or (at_start and _ends_sentence(doc, last)):
            head.context = True
        else:
            continue  # a partial quotation, a title or scare quotes: not a quote by itself
        if head.cue is not None:
            doc.used.add(head.cue[0])
        found.append(head)
        found.extend(_Attribution(p.start, p.end, "direct", p.paragraph, source=head) for p in pieces[1:])
        previous = head if head.reach >= 0 else None
    return found


def _continues(doc: _Doc, previous: _Attribution | None, q: Quotation) -> bool:
    """True for the second half of ``"...," X said, "..."``: only punctuation since the cue."""
    if previous is None or previous.paragraph != q.paragraph or previous.reach < 0:
        return False
    gap = doc.norm[previous.reach : q.open]
    return len(gap) <= 20 and not gap.strip(" \t\n,;:-")


def _mask(doc: _Doc, direct: list[_Attribution]) -> None:
    """Blank the inside of direct quotations so reported-speech rules do not look into them."""
    if not direct:
        return
    spans = sorted((a.start, a.end) for a in direct)
    chars = list(doc.norm)
    for start, end in spans:
        keep = 1 if doc.norm[end - 1] in ".!?" else 0  # a quotation's last period still ends its sentence
        chars[start : end - keep] = " " * (end - keep - start)
    doc.work = "".join(chars)
    doc.masked = spans


# reported speech ----------------------------------------------------------------------------
def _content_end(doc: _Doc, start: int, end: int) -> int:
    """Drop a final period (not one before a closing mark) and trailing space."""
    norm = doc.norm
    while end > start and norm[end - 1].isspace():
        end -= 1
    if end > start and norm[end - 1] == "." and not (end - 2 >= start and norm[end - 2] == "."):
        end -= 1
    return end


def _skip_adjuncts(doc: _Doc, position: int, hi: int) -> int:
    """Return the position after the adjuncts ("on Friday", "in a statement") that start at ``position``.

    Each pass must advance: a match that is empty or ends at or before ``position`` (a rules
    file may hold a pattern that matches empty) stops the loop.
    """
    while position < hi:
        match = doc.rules.adjunct_regex.match(doc.work, position, hi)
        if match is None or match.end() <= position:
            break
        position = match.end()
    return position


def _clause_start(doc: _Doc, cue: _CueMatch, hi: int) -> int:
    """Where reported content starts after a cue: after adjuncts, an addressee and "that"."""
    work = doc.work
    position = _skip_adjuncts(doc, cue.end, hi)
    that = _THAT.match(work, position, hi)
    if that is None and cue.cue.object_first:
        window = work[position : min(hi, position + 60)]
        found = _THAT_WORD.search(window)
        if found is not None and not _PUNCT.search(window[: found.start()]):
            return position + found.end()
    if that is not None:
        return that.end()
    later = _THAT_WORD.search(work, position, min(hi, position + 100))
    if (
        later is not None
        and not _PUNCT.search(work, position, later.start())
        and _trailing(doc, position, later.start(), wrapper=False)
    ):
        return later.end()  # "wrote on Telegram that", "said in an op-ed for Izvestia that"
    k = position
    while k < hi and work[k].isspace():
        k += 1
    if k < hi and work[k] in ":,":
        k += 1
    return k


def _short_tail(doc: _Doc, cue: _CueMatch, position: int, end: int) -> bool:
    """True when nothing but adjuncts, an addressee (after "told") or a trailing phrase follows a
    cue in its sentence: its content is then before it.

    Trailing phrases: ``at a press conference summarizing ...``, ``in an interview with TASS``,
    ``on the sidelines of the forum``, ``, quoted by TASS``, ``, Vedomosti newspaper reported
    on July 18``, ``, adding that ...`` (see :func:`_trailing`).
    """
    skipped = _skip_adjuncts(doc, position, end)
    if cue.cue.object_first:
        skipped = _skip_addressee(doc, skipped, end)
    return _trailing(doc, skipped, end, participle=skipped > position)


def _skip_addressee(doc: _Doc, position: int, end: int) -> int:
    """After "told", skip the addressee ("reporters", "state television"): up to four words
    ending at a trailing phrase or at the end of the sentence, without punctuation or "that"."""
    work = doc.work
    words = list(_WORDS.finditer(work, position, min(end, position + 80)))[:5]
    for count, match in enumerate(words):
        word = match.group().lower()
        if word == "that" or count == 4 or _PUNCT.search(work, position, match.start()):
            return position
        if count and word in doc.rules.trailing_openers:
            return match.start()
    at_end = bool(words) and not work[words[-1].end() : end].strip() and not _PUNCT.search(work, position, end)
    return end if at_end else position


def _trailing(doc: _Doc, position: int, end: int, *, wrapper: bool = True, participle: bool = False) -> bool:
    """True when ``work[position:end]`` is empty or a phrase that trails an attribution.

    A trailing phrase opens with a word of ``trailing_openers`` (a preposition, "quoted",
    "speaking") and holds no clause of its own (no word of ``clause_markers``). After a comma,
    or when ``participle`` (the phrase follows a speaker or an adjunct, not the cue itself:
    "denied supplying drones" is content), an "-ing" participle trails too (``at a press
    conference summarizing the year``). After a comma, so does a participle cue (``, adding
    that ...``) or, when ``wrapper``, a source (``, TASS reported``, ``, according to Interfax``).
    """
    work, rules = doc.work, doc.rules
    while position < end and work[position].isspace():
        position += 1
    if position >= end:
        return True
    comma = work[position] == ","
    if comma:
        position += 1
        while position < end and work[position].isspace():
            position += 1
        cue = doc.cue_at(position)
        if cue is not None and (cue.cue.participle or cue.cue.frame == "according"):
            return True
        if wrapper and _source_tail(doc, position, end):
            return True
    first = _WORDS.match(work, position, end)
    if first is None:
        return False
    word = first.group()
    ing = (comma or participle) and word.endswith("ing") and word[0].islower() and len(word) > 5
    if not (word.lower() in rules.trailing_openers or ing):
        return False
    return not any(w.lower() in rules.clause_markers for w in _WORDS.findall(work, position, end))


def _source_tail(doc: _Doc, position: int, end: int) -> bool:
    """``Vedomosti newspaper reported on July 18`` after a comma: a source of the report, not content."""
    speaker = doc.phrase_after(position, end)
    if speaker is None:
        return False
    k = speaker[1]
    while k < end and doc.work[k].isspace():
        k += 1
    cue = doc.cue_at(k)
    return cue is not None and cue.cue.frame == "clause" and _trailing(doc, cue.end, end, wrapper=False)


def _post_posed(doc: _Doc, lo: int, cue: _CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``<clause>, X said.``: return (content, speaker), the speaker being all between comma and cue."""
    work = doc.work
    comma = work.rfind(",", lo, cue.start)
    if comma <= lo or len(_WORDS.findall(work, lo, comma)) < 3:
        return None  # "Later, X responded.": a fronted adverbial is not reported content
    start, end = comma + 1, comma
    if start < cue.start and doc.norm[start] in "\"'":
        start = end = comma + 2  # 'benchmarks "for priority spheres ... long term," the ministry added'
    while start < cue.start and work[start].isspace():
        start += 1
    words = [(s, e, w) for s, e, w in _tokens_from(work, start, cue.start)]
    skipped = doc.rules.skip_before_cue | (_AUXILIARIES if cue.cue.passive_subject else frozenset())
    while words and words[-1][2].lower() in skipped:
        words.pop()
    if not words or len(words) > 10 or doc.phrase_after(start, cue.start) is None:
        return None
    return (lo, end), (start, words[-1][1])


def _inverted(doc: _Doc, lo: int, hi: int, cue: _CueMatch) -> _Attribution | None:
    """``<clause>, said X.``: a clause cue right after a comma, its speaker ending the sentence."""
    work = doc.work
    comma = _skip_space_back(work, cue.start - 1, lo)
    if cue.cue.frame != "clause" or comma < lo or work[comma] != ",":
        return None
    speaker = doc.phrase_after(cue.end, hi)
    if speaker is None or len(_WORDS.findall(work, lo, comma)) < 3:
        return None
    rest = _skip_adjuncts(doc, speaker[1], hi)
    if not (work[rest:hi].lstrip().startswith(",") or _trailing(doc, rest, hi, participle=True)):
        return None
    return _Attribution(lo, comma, "indirect", doc.paragraph_of(cue.start), (cue.start, cue.end), speaker)


def _according(doc: _Doc, lo: int, hi: int, cue: _CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``According to X, <clause>`` / ``<clause>, according to X.``: return (content, speaker)."""
    work = doc.work
    speaker = doc.phrase_after(cue.end, hi)
    if speaker is None:
        return None
    before = _skip_space_back(work, cue.start - 1, lo)
    comma = work.find(",", speaker[1], min(hi, speaker[1] + 80))
    if before < lo and comma >= 0 and len(_WORDS.findall(work, speaker[1], comma)) <= 6:
        # fronted: the speaker runs to the comma ("According to diplomats familiar with the talks, ...")
        return (comma + 1, hi), (speaker[0], _skip_space_back(work, comma - 1, speaker[0]) + 1)
    if before >= lo and work[before] == ",":
        if _short_tail(doc, cue, speaker[1], hi):
            return (lo, before), speaker
        if len(_WORDS.findall(work, speaker[1], hi)) <= 6 and "," not in work[speaker[1] : hi]:
            return (lo, before), (speaker[0], _skip_space_back(work, hi - 1, speaker[0]) + 1)
    return (lo, hi), speaker  # "X, according to Y, Z": the whole sentence


def _in_words(doc: _Doc, lo: int, hi: int, cue: _CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``In Lavrov's words, <clause>`` / ``<clause>, in Lavrov's words.``: return (content, speaker)."""
    work = doc.work
    before = _skip_space_back(work, cue.start - 1, lo)
    after = cue.end
    while after < hi and work[after].isspace():
        after += 1
    if before < lo:
        return ((after + 1, hi), cue.speaker) if after < hi and work[after] == "," else None
    if work[before] != ",":
        return None
    return ((lo, before) if after >= hi else (lo, hi)), cue.speaker


def _passive(doc: _Doc, lo: int, hi: int, cue: _CueMatch) -> tuple[bool, _Attribution | None]:
    """``It was announced that ...`` / ``... was hailed by X as ...``: (is passive, attribution)."""
    work = doc.work
    aux = _PASSIVE.search(work, max(lo, cue.start - 30), cue.start)
    if aux is None or cue.cue.passive_subject:
        return False, None
    position = _skip_adjuncts(doc, cue.end, hi)
    by = _BY.match(work, position, hi)
    paragraph = doc.paragraph_of(cue.start)
    if by is not None:
        speaker = doc.phrase_after(by.end(), hi)
        if speaker is None:
            return True, None
        that = _THAT.match(work, speaker[1], hi)
        rest = that.end() if that is not None else speaker[1]
        if len(_WORDS.findall(work, rest, hi)) >= 2:
            return True, _Attribution(rest, hi, "indirect", paragraph, (cue.start, cue.end), speaker)
        return True, _Attribution(lo, aux.start(), "indirect", paragraph, (cue.start, cue.end), speaker)
    that = _THAT.match(work, position, hi)
    if that is not None and _IT.search(work, max(lo, aux.start() - 10), aux.start()) is not None:
        return True, _Attribution(that.end(), hi, "indirect", paragraph, (cue.start, cue.end), None)
    return True, None


def _participle(doc: _Doc, lo: int, hi: int, cue: _CueMatch, earlier: list[_Attribution]) -> _Attribution | None:
    """``..., adding that ...``: the participle continues the sentence's speaker."""
    if not _after_comma(doc.norm, cue.start, lo):
        return None
    start = _clause_start(doc, cue, hi)
    paragraph = doc.paragraph_of(cue.start)
    for other in reversed(earlier):
        if other.cue is not None and lo <= other.cue[0] < cue.start:
            source = other.source or other
            return _Attribution(start, hi, "indirect", paragraph, (cue.start, cue.end), source=source)
    subject = _sentence_subject(doc, lo, cue.start)
    if subject is None:
        return None
    return _Attribution(start, hi, "indirect", paragraph, (cue.start, cue.end), subject)


def _sentence_subject(doc: _Doc, lo: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens a sentence, after a fronted adverbial if any.

    ``Elsewhere in his remarks, the spokesman referred to ...`` gives "the spokesman".
    """
    subject = doc.phrase_after(lo, end)
    if subject is not None:
        return subject
    comma = doc.work.find(",", lo, min(end, lo + 120))
    return doc.phrase_after(comma + 1, end) if comma >= 0 else None


def _reported(doc: _Doc, lo: int, hi: int, cue: _CueMatch, earlier: list[_Attribution]) -> _Attribution | None:
    """Reported speech around one cue of a sentence ``[lo, hi)`` (``hi`` without its period)."""
    work = doc.work
    paragraph = doc.paragraph_of(cue.start)
    if cue.cue.frame in ("according", "possessive"):
        found = _according(doc, lo, hi, cue) if cue.speaker is None else _in_words(doc, lo, hi, cue)
        if found is None:
            return None
        (start, end), speaker = found
        return _Attribution(start, end, "indirect", paragraph, (cue.start, cue.end), speaker)
    if cue.cue.participle:
        participle = _participle(doc, lo, hi, cue, earlier)
        if participle is not None:
            return participle
    is_passive, passive = _passive(doc, lo, hi, cue)
    if is_passive:
        return passive
    subject = _subject(doc, lo, cue)
    start = _clause_start(doc, cue, hi)
    inverted = _inverted(doc, lo, hi, cue)
    if inverted is not None:
        return inverted
    if cue.cue.frame == "clause" and (start >= hi or _short_tail(doc, cue, cue.end, hi)):
        found = _post_posed(doc, lo, cue)
        if found is None:
            return None
        (start, end), speaker = found
        return _Attribution(start, end, "indirect", paragraph, (cue.start, cue.end), speaker)
    if subject is None:
        return None
    before = _skip_space_back(work, subject[0] - 1, lo)
    after = _skip_adjuncts(doc, cue.end, hi)
    while after < hi and work[after] == " ":
        after += 1
    if before >= lo and work[before] == "," and after < hi and work[after] == "," and cue.cue.frame == "clause":
        return _Attribution(lo, hi, "indirect", paragraph, (cue.start, cue.end), subject)  # "X, he said, Y"
    return _Attribution(start, hi, "indirect", paragraph, (cue.start, cue.end), subject)


def _back_reference(doc: _Doc, lo: int, hi: int, cue: _CueMatch) -> tuple[tuple[int, int], bool] | None:
    """A sentence that attributes the sentence before it: return (speaker, demonstrative).

    ``This was stated by X, quoted by TASS.``, ``X said so at a briefing.`` and ``X made the
    remarks at a briefing.`` (demonstrative: the previous sentence is X's, quoted or not);
    ``Rudenko said in an interview with TASS.``
    (bare: only a quotation standing alone just before it becomes his).
    """
    work, rules = doc.work, doc.rules
    if cue.cue.frame != "clause" or cue.cue.participle:
        return None
    aux = _PASSIVE.search(work, max(lo, cue.start - 30), cue.start)
    if aux is not None:
        if _key(work[lo : aux.start()]) not in rules.demonstratives:
            return None
        by = _BY.match(work, _skip_adjuncts(doc, cue.end, hi), hi)
        speaker = doc.phrase_after(by.end(), hi) if by is not None else None
        return (speaker, True) if speaker is not None and _trailing(doc, speaker[1], hi, participle=True) else None
    position = _skip_adjuncts(doc, cue.end, hi)
    if cue.cue.object_first:
        position = _skip_addressee(doc, position, hi)
    demonstrative = rules.demonstrative_regex.match(work, position, hi)
    if demonstrative is not None:
        found = _trailing(doc, demonstrative.end(), hi, participle=True)
    else:
        skipped = position > cue.end and bool(work[cue.end : position].strip())
        found = (position < hi or cue.cue.refers_back) and _trailing(doc, position, hi, participle=skipped)
    subject = _subject(doc, lo, cue) if found else None  # the costly part last
    if subject is None or work[lo : subject[0]].strip():
        return None
    return subject, demonstrative is not None or cue.cue.refers_back


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _refer_back(doc: _Doc, direct: list[_Attribution], reported: list[_Attribution]) -> list[_Attribution]:
    """Give the sentence before each back reference its speaker (see :func:`_back_reference`).

    A quotation standing alone in that sentence takes the speaker and cue; after a
    demonstrative, unattributed narration becomes reported speech. Returns the new attributions.
    """
    starts = [lo for lo, _ in doc.sentences]
    known = sorted((a for a in direct + reported if a.source is None), key=lambda a: a.start)
    known_starts = [a.start for a in known]
    added: list[_Attribution] = []
    for lo, cue, speaker, demonstrative in doc.back_references:
        k = bisect_left(starts, lo) - 1
        if k < 0 or doc.paragraph_of(starts[k]) < doc.paragraph_of(lo) - 1:
            continue
        p_lo, p_hi = doc.sentences[k]
        inside = known[bisect_left(known_starts, p_lo) : bisect_left(known_starts, p_hi)]
        floating = [a for a in inside if a.context]
        for a in floating:
            a.context, a.cue, a.speaker = False, (cue.start, cue.end), speaker
        if demonstrative and not inside:
            end = _content_end(doc, p_lo, p_hi)
            added.append(_Attribution(p_lo, end, "indirect", doc.paragraph_of(p_lo), (cue.start, cue.end), speaker))
    return added


def _sentence_attributions(
    doc: _Doc, lo: int, hi: int, direct: list[_Attribution], direct_cues: list[int]
) -> list[_Attribution]:
    """Reported speech of one sentence; ``direct_cues`` are the sorted cue starts of ``direct``."""
    end = _content_end(doc, lo, hi)
    first = bisect_left(doc.cue_starts, lo)
    last = bisect_left(doc.cue_starts, hi)
    found: list[_Attribution] = []
    earlier = direct[bisect_left(direct_cues, lo) : bisect_left(direct_cues, hi)]
    wrapped = [d for d in earlier if not d.continued]
    for cue in doc.cues[first : min(last, first + _MAX_CUES_PER_SENTENCE)]:
        if cue.start in doc.used or doc.work[cue.start] == " ":
            continue
        back = _back_reference(doc, lo, end, cue)
        if back is not None:
            doc.used.add(cue.start)
            doc.back_references.append((lo, cue, *back))
            continue
        attribution = _reported(doc, lo, end, cue, earlier + found)
        if (
            attribution is not None
            and not _embedded(doc, attribution, found)
            and not _wraps(attribution, wrapped + found)
        ):
            doc.used.add(cue.start)
            found.append(attribution)
    return _trimmed(doc, found, [d.cue[0] for d in earlier if d.continued])


def _wraps(attribution: _Attribution, direct: list[_Attribution]) -> bool:
    """True when reported content would hold another attribution's cue: ``"...," X said,
    according to Y`` or ``..., the official said, Vedomosti reported on July 18``.

    The outer source (a news agency, a website) attributes the report, not the words.
    """
    return any(d.cue is not None and attribution.start <= d.cue[0] < attribution.end for d in direct)


def _embedded(doc: _Doc, attribution: _Attribution, found: list[_Attribution]) -> bool:
    """True for reported speech inside another's content ("X said it rejected the claims").

    A second speaker after a clause boundary (a comma, a semicolon, "while", "whereas", "but")
    starts an attribution of its own.
    """
    if attribution.source is not None:
        return False
    mark = attribution.speaker[0] if attribution.speaker is not None else attribution.cue[0]
    return any(o.start <= mark < o.end and not _BOUNDARY.search(doc.work, o.start, mark) for o in found)


def _trimmed(doc: _Doc, found: list[_Attribution], stops: Iterable[int] = ()) -> list[_Attribution]:
    """End each content where the next attribution of the sentence begins, or at one of
    ``stops`` (cues of direct quotes continuing the sentence: ``..., adding: "..."``); drop
    empty ones."""
    work = doc.work
    kept = []
    marks = [
        (min(x for x in (a.cue[0] if a.cue else None, a.speaker[0] if a.speaker else None) if x is not None), id(a))
        for a in found
        if a.cue or a.speaker
    ]
    marks.extend((stop, 0) for stop in stops)
    marks.sort()
    for attribution in found:
        start, end = attribution.start, attribution.end
        for mark, owner in marks:
            if owner != id(attribution) and start < mark < end:
                end = mark
                break
        while start < end and work[start] in " \t\n,:;":
            start += 1
        end = _without_connectors(work, start, end)
        if end - start < 2 or _ALNUM.search(work, start, end) is None:
            continue
        attribution.start, attribution.end = start, end
        kept.append(attribution)
    return kept


def _without_connectors(work: str, start: int, end: int) -> int:
    """Drop trailing spaces, commas and connectives ("..., while", "... and") from a content end."""
    while True:
        while end > start and work[end - 1] in " \t\n,;:-":
            end -= 1
        word = _LAST_WORD.search(work, max(start, end - 10), end)
        if (
            word is None
            or word.group().lower() not in _CONNECTORS
            or (word.start() > start and work[word.start() - 1].isalnum())
        ):
            return end
        end = word.start()


def _title_like(text: str) -> bool:
    words = [w for w in _WORDS.findall(text) if len(w) > 3]
    return len(words) >= 2 and all(w[0].isupper() for w in words) and text.rstrip()[-1:] not in ".!?,"


def _set_types(doc: _Doc, reported: list[_Attribution]) -> None:
    """Mark reported speech holding a partial quotation as ``mixed``.

    A partial quotation is any quotation that is not a direct quote and not a title: closed
    inside the content, or opened inside it and never closed (an unbalanced mark).
    """
    partial = [
        q
        for q in doc.quotations
        if doc.work[q.start : q.start + 1] != " " and not _title_like(doc.norm[q.start : q.end])  # not masked
    ]
    opens = [q.open for q in partial]
    for attribution in reported:
        k = bisect_left(opens, attribution.start - 1)
        if k < len(partial) and partial[k].open < attribution.end and partial[k].close <= attribution.end + 1:
            attribution.type = "mixed"


# resolution and output ----------------------------------------------------------------------
def _resolve(doc: _Doc, attributions: list[_Attribution]) -> None:
    sentence_starts = [lo for lo, _ in doc.sentences]
    mentions = annotate_mentions(
        doc.mentions, doc.norm, doc.registry, sentence_starts=sentence_starts, masked=doc.masked
    )
    resolver = Resolver(doc.norm, doc.registry, doc.rules, mentions)
    done: list[tuple[int, int, _Attribution]] = []  # (start, order, attribution), sorted
    for order, attribution in enumerate(sorted(attributions, key=lambda a: (a.anchor, a.source is not None, a.start))):
        if attribution.source is not None:
            attribution.result = attribution.source.result
        elif attribution.context:
            attribution.result = _from_context(attribution, done)
        elif attribution.speaker is not None:
            attribution.result = resolver.resolve(*attribution.speaker)
        insort(done, (attribution.start, order, attribution))


def _from_context(attribution: _Attribution, done: list[tuple[int, int, _Attribution]]) -> Speaker | None:
    """The speaker of the attribution just before a floating quotation (same or previous paragraph)."""
    k = bisect_left(done, (attribution.start, -1)) - 1
    if k < 0:
        return None
    other = done[k][2]
    if other.paragraph < attribution.paragraph - 1 or other.result is None:
        return None
    return Speaker(other.result.start, other.result.end, other.result.referent, "context")


def _attributions(text: str, registry: ActorRegistry, rules: QuoteRules) -> list[_Attribution]:
    doc = _Doc(text, registry, rules)
    direct = _direct(doc)
    _mask(doc, direct)
    doc.sentences = sentence_spans(doc.work, doc.paragraphs, rules.abbreviations)
    cued = sorted((a for a in direct if a.cue is not None), key=lambda a: a.cue[0])
    cue_starts = [a.cue[0] for a in cued]
    reported: list[_Attribution] = []
    for lo, hi in doc.sentences:
        reported.extend(_sentence_attributions(doc, lo, hi, cued, cue_starts))
    reported.extend(_refer_back(doc, direct, reported))
    _set_types(doc, reported)
    attributions = direct + reported
    _resolve(doc, attributions)
    return sorted(attributions, key=lambda a: (a.start, a.end))


def _rows(doc_id: str, text: str, attributions: list[_Attribution]) -> list[tuple]:
    rows = []
    for quote_id, a in enumerate(attributions):
        cue_start, cue_end = a.cue if a.cue is not None else (a.source.cue if a.source and a.source.cue else (-1, -1))
        result = a.result
        if result is None:
            speaker, s_start, s_end, actor, side, resolution = "", -1, -1, "", "", "none"
        else:
            speaker, s_start, s_end = text[result.start : result.end], result.start, result.end
            actor, side = result.referent.actor, result.referent.side
            resolution = result.resolution if actor or side else "none"
        rows.append(
            (
                doc_id,
                quote_id,
                a.start,
                a.end,
                text[a.start : a.end],
                a.type,
                text[cue_start:cue_end] if cue_start >= 0 else "",
                cue_start,
                cue_end,
                speaker,
                s_start,
                s_end,
                actor,
                side,
                resolution,
            )
        )
    return rows


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    strings = [c for c in QUOTE_COLUMNS if c not in _INT_COLUMNS]
    return frame.astype({**{c: "int64" for c in _INT_COLUMNS}, **{c: "str" for c in strings}})


@cache
def _default_registry() -> ActorRegistry:
    return load_actors()


def _registry(actors: ActorRegistry | str | Path | None) -> ActorRegistry:
    if actors is None:
        return _default_registry()
    if isinstance(actors, ActorRegistry):
        return actors
    return load_actors(actors)


def _rules(rules: QuoteRules | str | Path | None) -> QuoteRules:
    return rules if isinstance(rules, QuoteRules) else load_quote_rules(rules)


def extract_quotes(
    text: str,
    actors: ActorRegistry | str | Path | None = None,
    *,
    doc_id: str = "text",
    rules: QuoteRules | str | Path | None = None,
) -> pd.DataFrame:
    """Find the attributions of one text: direct, indirect and mixed quotes with their speakers.

    Parameters
    ----------
    text
        Any string; odd input (unbalanced marks, control characters, no newline) never raises.
    actors
        An :class:`~analysis.corpus.registry.ActorRegistry`, an ``actors.yml`` path or corpus folder,
        or None for the registry shipped with the package.
    doc_id
        The value of the ``doc_id`` column.
    rules
        Compiled :class:`~analysis.attribution.rules.QuoteRules`, a rules file, or None for
        ``analysis/data/quote_rules.yml``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`, one row per attribution in text order; offsets are
        ``int64`` (``-1`` for a missing cue or speaker), missing strings are ``""``.
        ``quote_id`` counts from 0 within the text.

    Examples
    --------
    >>> text = "According to the Russian Foreign Ministry, the treaty is a \u201cstrategic choice\u201d."
    >>> extract_quotes(text)[["content", "type", "cue", "actor"]].values.tolist()
    [['the treaty is a \u201cstrategic choice\u201d', 'mixed', 'According to', 'russia_mfa']]
    """
    return _frame(_rows(str(doc_id), text, _attributions(text, _registry(actors), _rules(rules))))


def attribute_quotes(
    documents: pd.DataFrame,
    actors: ActorRegistry | str | Path | None = None,
    *,
    rules: QuoteRules | str | Path | None = None,
) -> pd.DataFrame:
    """Build the ``attributions`` table of a corpus (see :func:`extract_quotes` for one text).

    Parameters
    ----------
    documents
        A table with ``doc_id`` and ``text`` columns (:func:`analysis.load_corpus`).
    actors, rules
        As for :func:`extract_quotes`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`; offsets index ``documents.text``. Feed it with the
        documents to :func:`analysis.utterances` to give every span of text its voice.

    Examples
    --------
    >>> from analysis.corpus.inputs import documents_from_texts
    >>> docs = documents_from_texts({"a": "Both leaders underscored that ties are strong."})
    >>> attribute_quotes(docs)[["doc_id", "speaker", "resolution"]].values.tolist()
    [['a', 'Both leaders', 'none']]
    """
    registry, compiled = _registry(actors), _rules(rules)
    rows: list[tuple] = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        text = text if isinstance(text, str) else ""
        rows.extend(_rows(str(doc_id), text, _attributions(text, registry, compiled)))
    return _frame(rows)
