"""Direct quotations: which quotations are quotes, and who said them.

A quotation is attributed by a cue before it (``X said: "..."``, ``..., adding: "..."``), after
it (``"...," X said``, ``"...," said X``, ``"..." - Sergey Lavrov``), a headline colon
(``Lavrov: '...'``), the quote just before it (``"...," X said, "..."``) or, standing alone, by
context; a partial quotation, a title or scare quotes is no quote by itself. See
:mod:`analysis.attribution.extract` for the conventions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .document import (
    AUX,
    CLAUSE_BREAK,
    PUNCT,
    THAT_WORD,
    WORDS,
    Attribution,
    CueMatch,
    Document,
    after_comma,
    is_trailing,
    sentence_start,
    sentence_subject,
    skip_addressee,
    skip_adjuncts,
    skip_audience,
    skip_space_back,
    speaks,
    subject_of,
    tokens_from,
)
from .marks import Quotation


def _at_quote_start(doc: Document, q: Quotation) -> bool:
    """True when the quotation opens a sentence (or follows a colon or a dash)."""
    lo = doc.paragraphs[q.paragraph][0]
    j = skip_space_back(doc.norm, q.open - 1, lo)
    if j < lo:
        return True
    char = doc.norm[j]
    if char in ".!?:;-(":
        return True
    return char in "\"'" and j > lo and doc.norm[j - 1] in ".!?,"


def _ends_sentence(doc: Document, q: Quotation) -> bool:
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


def _gap_ok(doc: Document, cue: CueMatch, start: int, end: int, *, marked: bool) -> bool:
    """True when the text between a cue and a quotation is empty, adjuncts or an addressee, or,
    when a colon or comma opens the quotation (``marked``), a trailing phrase (``said in an
    interview with TASS: "..."``; without it, ``said on CBS's "Face the Nation"`` names a show)."""
    gap = doc.norm[start:end]
    if not gap.strip():
        return True
    if THAT_WORD.search(gap):
        return False
    position = skip_adjuncts(doc, start, end)
    if cue.cue.object_first:
        position = skip_addressee(doc, position, end)
        if marked and skip_audience(doc, position, end) == end:
            return True  # 'told members of the committee: "..."'
    rest = doc.norm[position:end]
    if not rest.strip():
        return True
    trailing = marked and len(WORDS.findall(rest)) >= 2 and not PUNCT.search(rest)
    return trailing and is_trailing(doc, position, end, wrapper=False)


def _before(doc: Document, q: Quotation) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Find ``X said: "..."`` (or ``According to X, "..."``) before a quotation."""
    norm = doc.norm
    lo = doc.paragraphs[q.paragraph][0]
    j = skip_space_back(norm, q.open - 1, lo)
    if j < lo:
        if q.paragraph == 0 or norm[doc.paragraphs[q.paragraph - 1][1] - 1] != ":":
            return None
        lo = doc.paragraphs[q.paragraph - 1][0]
        j = doc.paragraphs[q.paragraph - 1][1] - 1
    marked = norm[j] in ":,"
    if marked:
        j = skip_space_back(norm, j - 1, lo)
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
            and subject_of(doc, lo, cue) is None  # not 'Peskov said the two presidents "..."'
        ):
            return (cue.start, cue.end), inverted
        if not _gap_ok(doc, cue, cue.end, end, marked=marked):
            return None
        speaker = _main_speaker(doc, lo, cue) if _continuing(doc, lo, cue) else subject_of(doc, lo, cue)
        return None if speaker is None else ((cue.start, cue.end), speaker)
    return _headline(doc, lo, end) if norm[end : end + 1] == ":" else None


def _headline(doc: Document, lo: int, colon: int) -> tuple[None, tuple[int, int]] | None:
    """``Lavrov: 'We will respond'``: a registry name alone before a colon speaks, without a cue."""
    norm = doc.norm
    speaker = doc.phrase_before(lo, colon)
    if speaker is None or speaker[1] != skip_space_back(norm, colon - 1, lo) + 1:
        return None
    before = skip_space_back(norm, speaker[0] - 1, lo)
    if before >= lo and norm[before] not in ".!?\"'":
        return None
    head = doc.index.inside(*speaker)
    return (None, speaker) if head and head[-1].end == speaker[1] else None


def _continuing(doc: Document, lo: int, cue: CueMatch) -> bool:
    """True for a participle after a comma, which continues its sentence's speaker (``..., adding:``)."""
    return cue.cue.participle and after_comma(doc.norm, cue.start, lo)


def _main_speaker(doc: Document, lo: int, cue: CueMatch) -> tuple[int, int] | None:
    """The speaker a participle continues: the subject of its sentence's earlier cue.

    ``Esmail Baqaei stated that Iran and Russia "have ...", adding: "We ..."`` gives Baqaei,
    ``In an interview with RT, he underscored ..., stating, "..."`` gives "he"; without an
    earlier cue, the noun phrase that opens the sentence.
    """
    start = sentence_start(doc.norm, lo, cue.start)
    k = bisect_left(doc.cue_starts, cue.start) - 1
    while k >= 0 and doc.cues[k].start >= start:
        other = doc.cues[k]
        k -= 1
        if other.cue.participle or other.cue.frame in ("according", "possessive"):
            continue
        speaker = subject_of(doc, start, other)
        if speaker is None and skip_space_back(doc.norm, other.start - 1, start) >= start:
            speaker = doc.phrase_after(other.end, cue.start)  # '"...," said Lavrov, adding'
        if speaker is not None:
            return speaker
    return sentence_subject(doc, start, cue.start)


def _reach(doc: Document, position: int, hi: int) -> int:
    """Extend an attribution phrase over adjuncts and a short tail, up to the next punctuation."""
    norm = doc.norm
    position = skip_adjuncts(doc, position, hi)
    k = position
    while k < hi and norm[k] not in ",.;:!?\"'":
        k += 1
    return k if len(WORDS.findall(norm, position, k)) <= 6 else position


def _after(doc: Document, q: Quotation) -> tuple[tuple[int, int], tuple[int, int], int] | None:
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
        speaker = doc.phrase_after(cue.end, hi, loose_head=cue.cue.frame == "clause")  # "said a fisherman,"
        if speaker is None:
            return None
        return (cue.start, cue.end), speaker, _reach(doc, speaker[1], hi)
    speaker = doc.phrase_after(j, hi, loose_head=True)  # '"...," the letter reads', '"...," a fisherman said'
    if speaker is None:
        return None
    k = _after_aside(norm, speaker[1], hi)  # '"...," the official, who spoke on condition of anonymity, said'
    for start, _, word in tokens_from(norm, k, min(hi, k + 40)):
        if word.lower() not in doc.rules.skip_before_cue:
            k = start
            break
    cue = doc.cue_at(k)
    if cue is None:
        aux = AUX.match(norm, k, hi)  # '"...," Araghchi was quoted as saying'
        cue = doc.cue_at(aux.end()) if aux is not None else None
        if cue is None or not cue.cue.passive_subject:
            return None
    if cue.cue.frame != "clause":
        return None
    return (cue.start, cue.end), speaker, _reach(doc, cue.end, hi)


def _after_aside(norm: str, position: int, hi: int) -> int:
    """Skip an aside between commas after a speaker (``, D-Mass.,`` or ``, who spoke on condition
    of anonymity,``): return where the text after it starts, or ``position`` when there is none."""
    if norm[position : position + 1] != ",":
        return position
    close = norm.find(",", position + 1, min(hi, position + 200))
    if close < 0 or CLAUSE_BREAK.search(norm, position + 1, close):
        return position
    return close + 1


def _dash_signature(doc: Document, dash: int, hi: int) -> tuple[None, tuple[int, int], int] | None:
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


def direct_quotes(doc: Document) -> list[Attribution]:
    """Classify the quotations: attributed, continued, floating (direct), or not quotes at all."""
    chains: dict[int, list[Quotation]] = {}
    for q in doc.quotations:
        if q.chain >= 0:
            chains.setdefault(q.chain, []).append(q)
    found: list[Attribution] = []
    previous: Attribution | None = None
    for q in doc.quotations:
        if q.chain >= 0 and q.piece > 0:
            continue
        pieces = sorted(chains[q.chain], key=lambda p: p.piece) if q.chain >= 0 else [q]
        first, last = pieces[0], pieces[-1]
        at_start = _at_quote_start(doc, first)
        head = Attribution(first.start, first.end, "direct", first.paragraph)
        pre = _before(doc, first)
        pre = pre if pre is None or speaks(doc, *pre) else None
        post = _after(doc, last) if pre is None and last.close >= 0 and (at_start or len(pieces) > 1) else None
        post = post if post is None or speaks(doc, post[0], post[1]) else None
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
        found.extend(Attribution(p.start, p.end, "direct", p.paragraph, source=head) for p in pieces[1:])
        previous = head if head.reach >= 0 else None
    return found


def _continues(doc: Document, previous: Attribution | None, q: Quotation) -> bool:
    """True for the second half of ``"...," X said, "..."``: only punctuation since the cue, or
    a conjunction of ``quote_joiners`` (``"...," she said, but "..."``)."""
    if previous is None or previous.paragraph != q.paragraph or previous.reach < 0:
        return False
    gap = doc.norm[previous.reach : q.open]
    rest = gap.strip(" \t\n,;:-")
    return len(gap) <= 20 and (not rest or rest.lower() in doc.rules.quote_joiners)


def mask_quotes(doc: Document, direct: list[Attribution]) -> None:
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
