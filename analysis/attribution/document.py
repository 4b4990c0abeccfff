"""The document being attributed, and the primitives the quotation and reported-speech rules share.

:class:`Document` holds one text in its normalised form (the same length as the text, so
offsets carry over), its paragraphs, quotation spans, registry mentions and cue matches.
:class:`Attribution` is an attribution being built. The helpers skip adjuncts and addressees
after a cue, tell a trailing phrase from content, and find a cue's subject.

Every loop over positions in this package advances or stops on each pass (a loop that
advances by a regex match stops on an empty match); ``tests/test_quotes_properties.py`` feeds
generated wire copy with typos and fails on any document that takes more than a second.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ..corpus.registry import ActorRegistry
from ..text import normalise_quotes, split_paragraphs
from .marks import doubled_apostrophes, lowered, quotation_spans
from .mentions import Mention, MentionIndex, Speaker, find_mentions
from .phrases import phrase_after, phrase_before
from .rules import Cue, QuoteRules

PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:(?:\w+ly|also|not|widely|once)\s+)?$", re.IGNORECASE)
THAT = re.compile(r"\s*,?\s*that\b", re.IGNORECASE)
IN_WORDS = Cue("in words", "in words", "possessive")
IN_BEFORE = re.compile(r"(?<![\w'-])in\s+$", re.IGNORECASE)
AUXILIARIES = frozenset({"was", "is", "were", "are", "been", "has", "have", "had"})
AUX = re.compile(r"\s*\b(?:was|is|were|are|has\s+been|had\s+been|have\s+been)\b", re.IGNORECASE)
BY = re.compile(r"\s+by\s+", re.IGNORECASE)
IT = re.compile(r"(?<![\w'])it\s*$", re.IGNORECASE)
WORDS = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*")
ALNUM = re.compile(r"[^\W_]")
NONSPACE = re.compile(r"\S+")
THAT_WORD = re.compile(r"\bthat\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]]|[.!?]\s")  # what no adjunct or aside crosses
PUNCT = re.compile(r"[^\w\s'-]")
SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z])")


@dataclass(slots=True)
class Attribution:
    """An attribution being built: spans first, the resolved speaker last."""

    start: int
    end: int
    type: str
    paragraph: int
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    source: Attribution | None = None
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
class CueMatch:
    start: int
    end: int
    cue: Cue
    speaker: tuple[int, int] | None = None  # inside the cue: "In Lavrov's words"


class Document:
    """One text being attributed: its normalised form, spans and indexes."""

    def __init__(
        self,
        text: str,
        registry: ActorRegistry,
        rules: QuoteRules,
        *,
        paragraphs: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text, self.rules, self.registry = text, rules, registry
        straight = normalise_quotes(text)
        self.norm = doubled_apostrophes(straight)
        self.lower = lowered(self.norm)
        # the document's paragraphs, when split already, are those of the normalised text unless
        # doubled apostrophes became spaces (a paragraph opening with one then starts later)
        same = paragraphs is not None and self.norm is straight
        self.paragraphs = paragraphs if same else split_paragraphs(self.norm)
        self.paragraph_starts = [lo for lo, _ in self.paragraphs]
        self.quotations = quotation_spans(text, self.norm, self.paragraphs)
        self.mentions: list[Mention] = find_mentions(self.norm, registry, lower=self.lower, rules=rules)
        self.index = MentionIndex(self.mentions)
        self._before: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._after: dict[tuple[int, int, bool], tuple[int, int] | None] = {}
        self.cues = sorted([*self._cues(), *self._possessive_cues()], key=lambda c: c.start)
        self.cue_starts = [c.start for c in self.cues]
        self.cue_ends = sorted(c.end for c in self.cues)
        self.cue_by_start = {c.start: c for c in self.cues}
        self.cue_by_end = {c.end: c for c in self.cues}
        self.used: set[int] = set()
        self.work = self.norm
        # where the adjuncts after a position end, by (position, hi), for the text ``work`` was
        # when they were found (see skip_adjuncts: the same cue is looked at by several rules)
        self.adjunct_ends: tuple[str, dict[tuple[int, int], int]] = (self.work, {})
        self.masked: list[tuple[int, int]] = []
        self.sentences: list[tuple[int, int]] = []
        self.back_references: list[tuple[int, CueMatch, tuple[int, int], bool]] = []

    # cues ---------------------------------------------------------------------------------
    def _cues(self) -> list[CueMatch]:
        found: list[CueMatch] = []
        if self.lower is not None:
            matches = self.rules.cue_regex_lower.finditer(self.lower)
        else:
            matches = self.rules.cue_regex.finditer(self.norm)
        for match in matches:
            start, end = match.span()
            cue = self.rules.cue(match.group())
            if cue is None or self.rules.negated(self.norm, start, end) or self._name_like(start, end, cue):
                continue
            found.append(CueMatch(start, end, cue))
        # a cue form followed directly by another ("reports said") is a noun
        return [
            c
            for i, c in enumerate(found)
            if not (i + 1 < len(found) and not self.norm[c.end : found[i + 1].start].strip())
        ]

    def _possessive_cues(self) -> list[CueMatch]:
        """``In Lavrov's words``: the cue spans the phrase, its speaker is the possessor."""
        found: list[CueMatch] = []
        text = self.lower if self.lower is not None else self.norm.lower()
        if not any(noun in text for noun in self.rules.possessive_nouns):
            return found
        for match in self.rules.possessive_regex.finditer(self.norm):
            if match.group("pronoun"):  # "In his words"
                speaker: tuple[int, int] | None = match.span("pronoun")
            else:
                apostrophe = match.start()
                speaker = phrase_before(self.norm, max(0, apostrophe - 120), apostrophe, self.index, self.rules)
            opener = IN_BEFORE.search(self.norm, max(0, match.start() - 130), speaker[0]) if speaker else None
            if opener is not None:
                found.append(CueMatch(opener.start(), match.end(), IN_WORDS, speaker))
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

    def cue_at(self, position: int) -> CueMatch | None:
        """Return the usable cue starting at ``position`` (after spaces), or None."""
        while position < len(self.norm) and self.norm[position].isspace():
            position += 1
        cue = self.cue_by_start.get(position)
        return None if cue is None or cue.start in self.used else cue

    def paragraph_of(self, position: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, position) - 1)

    # speaker phrases depend on the normalised text and its mentions only: each is found once
    def phrase_before(self, lo: int, end: int) -> tuple[int, int] | None:
        key = (lo, end)
        if key not in self._before:
            self._before[key] = phrase_before(self.norm, lo, end, self.index, self.rules)
        return self._before[key]

    def phrase_after(self, start: int, hi: int, *, loose_head: bool = False) -> tuple[int, int] | None:
        while start < hi and self.norm[start].isspace():
            start += 1
        key = (start, hi, loose_head)
        if key not in self._after:
            self._after[key] = phrase_after(self.norm, start, hi, self.index, self.rules, loose_head=loose_head)
        return self._after[key]


# direct quotations --------------------------------------------------------------------------
def skip_space_back(norm: str, j: int, lo: int) -> int:
    while j >= lo and norm[j].isspace():
        j -= 1
    return j


def after_comma(norm: str, position: int, lo: int) -> bool:
    """True when a comma (perhaps inside a closing mark: ``...,"``) ends the text before ``position``."""
    j = skip_space_back(norm, position - 1, lo)
    if j > lo and norm[j] in "\"'":
        j -= 1  # 'that Iran and Russia "have ...," adding'
    return j >= lo and norm[j] == ","


def sentence_start(norm: str, lo: int, position: int) -> int:
    """The start of the sentence holding ``position`` (looking back at most 600 characters)."""
    start = max(lo, position - 600)
    for match in SENTENCE_BREAK.finditer(norm, start, position):
        start = match.end()
    return start


def subject_of(doc: Document, lo: int, cue: CueMatch) -> tuple[int, int] | None:
    """The speaker before a cue (skipping "was" for ``X was quoted as saying``), or the subject
    of a verb phrase the cue continues (``The senator thanked the volunteers and said``, ``The
    doctor was criticised for saying``)."""
    end = cue.start
    if cue.cue.passive_subject:
        passive = PASSIVE.search(doc.norm, max(lo, end - 30), end)
        if passive is not None:
            end = passive.start()
    return doc.phrase_before(lo, end) or _verb_phrase_subject(doc, lo, cue)


_LINK_BEFORE = re.compile(r"(?:,\s*|\b)(?P<link>[a-z]+)\s+(?:(?:then|also|later|again|too)\s+)?$")


def _verb_phrase_subject(doc: Document, lo: int, cue: CueMatch) -> tuple[int, int] | None:
    """The subject of the sentence when a cue continues its verb phrase after "and" (any cue)
    or after a preposition of ``verb_phrase_links`` (a participle: "criticised for saying")."""
    link = _LINK_BEFORE.search(doc.work, max(lo, cue.start - 30), cue.start)
    if link is None:
        return None
    word = link.group("link")
    if word != "and" and not (cue.cue.participle and word in doc.rules.verb_phrase_links):
        return None
    start = sentence_start(doc.norm, lo, cue.start)
    subject = sentence_subject(doc, start, link.start(), loose_head=True)
    if subject is None or subject[1] >= link.start() - 1:
        return None  # "Iran and Russia said": a coordination of names, not of verb phrases
    following = WORDS.search(doc.work, subject[1], link.start())
    if following is None or doc.work[subject[1] : following.start()].strip() or not following.group()[:1].islower():
        return None  # the subject must be followed by its verb
    return subject


def tokens_from(norm: str, start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """Whitespace-separated words of ``norm[start:end]`` with offsets, outer punctuation stripped."""
    for match in NONSPACE.finditer(norm, start, end):
        yield match.start(), match.end(), match.group().strip(",.;:")


# reported speech ----------------------------------------------------------------------------
def content_end(doc: Document, start: int, end: int) -> int:
    """Drop a final period (not one before a closing mark) and trailing space."""
    norm = doc.norm
    while end > start and norm[end - 1].isspace():
        end -= 1
    if end > start and norm[end - 1] == "." and not (end - 2 >= start and norm[end - 2] == "."):
        end -= 1
    return end


def skip_adjuncts(doc: Document, position: int, hi: int) -> int:
    """Return the position after the adjuncts ("on Friday", "in a statement") that start at ``position``.

    Each pass must advance: a match that is empty or ends at or before ``position`` (a rules
    file may hold a pattern that matches empty) stops the loop. The answer is kept for the
    document's current ``work`` text (several rules ask it for the same cue).
    """
    work, ends = doc.adjunct_ends
    if work is not doc.work:
        work, ends = doc.work, {}
        doc.adjunct_ends = (work, ends)
    key = (position, hi)
    end = ends.get(key)
    if end is None:
        end = ends[key] = _skip_adjuncts(work, doc.rules.adjunct_regex, position, hi)
    return end


def _skip_adjuncts(work: str, adjuncts: re.Pattern[str], position: int, hi: int) -> int:
    while position < hi:
        match = adjuncts.match(work, position, hi)
        if match is None or match.end() <= position:
            break
        position = match.end()
    return position


def skip_addressee(doc: Document, position: int, end: int) -> int:
    """After "told", skip the addressee ("reporters", "state television"): up to four words
    ending at a trailing phrase or at the end of the sentence, without punctuation or "that"."""
    work = doc.work
    words = list(WORDS.finditer(work, position, min(end, position + 80)))[:5]
    for count, match in enumerate(words):
        word = match.group().lower()
        if word == "that" or count == 4 or PUNCT.search(work, position, match.start()):
            return position
        if count and word in doc.rules.trailing_openers:
            return match.start()
    at_end = bool(words) and not work[words[-1].end() : end].strip() and not PUNCT.search(work, position, end)
    return end if at_end else position


def skip_audience(doc: Document, position: int, end: int) -> int:
    """After "told", skip an audience of up to twelve words without punctuation or a clause
    ("told members of the Russian parliament's foreign affairs committee", "told his listeners
    on Friday"); return where it ends, or ``position`` when the text is no such phrase."""
    words = WORDS.findall(doc.work, position, min(end, position + 160))
    rest = doc.work[position:end]
    if not words or len(words) > 12 or PUNCT.search(rest) or not rest.strip():
        return position
    if any(w.lower() in doc.rules.clause_markers for w in words):
        return position
    return end


def is_trailing(doc: Document, position: int, end: int, *, wrapper: bool = True, participle: bool = False) -> bool:
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
        if wrapper and source_tail(doc, position, end):
            return True
    first = WORDS.match(work, position, end)
    if first is None:
        return False
    word = first.group()
    ing = (comma or participle) and word.endswith("ing") and word[0].islower() and len(word) > 5
    if not (word.lower() in rules.trailing_openers or ing):
        return False
    return not any(w.lower() in rules.clause_markers for w in WORDS.findall(work, position, end))


def source_tail(doc: Document, position: int, end: int) -> bool:
    """``Vedomosti newspaper reported on July 18`` after a comma: a source of the report, not content."""
    speaker = doc.phrase_after(position, end)
    if speaker is None:
        return False
    k = speaker[1]
    while k < end and doc.work[k].isspace():
        k += 1
    cue = doc.cue_at(k)
    return cue is not None and cue.cue.frame == "clause" and is_trailing(doc, cue.end, end, wrapper=False)


def sentence_subject(doc: Document, lo: int, end: int, *, loose_head: bool = False) -> tuple[int, int] | None:
    """The noun phrase that opens a sentence, after a fronted adverbial if any.

    ``Elsewhere in his remarks, the spokesman referred to ...`` gives "the spokesman";
    ``loose_head`` accepts a noun the rules do not list ("The doctor was criticised").
    """
    subject = doc.phrase_after(lo, end, loose_head=loose_head)
    if subject is not None:
        return subject
    comma = doc.work.find(",", lo, min(end, lo + 120))
    return doc.phrase_after(comma + 1, end, loose_head=loose_head) if comma >= 0 else None


def speaks(doc: Document, cue: tuple[int, int] | None, speaker: tuple[int, int] | None) -> bool:
    """False when a cue that only documents use ("reads") has a subject that is no document
    ("He reads the letter"); True otherwise."""
    match = doc.cue_by_start.get(cue[0]) if cue is not None else None
    if match is None or not match.cue.document_subject:
        return True
    if speaker is None:
        return False
    words = WORDS.findall(doc.work, *speaker)
    return any(doc.rules.speaker_nouns.get(w.lower()) == "document" for w in words)


def phrase_key(text: str) -> str:
    return " ".join(text.lower().split())
