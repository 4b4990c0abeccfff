"""Reported speech: the attributions around each cue of a sentence.

``X said (that) ...``, ``..., X said.``, ``..., said X at ...``, ``According to X, ...``, ``In
X's words, ...``, passives (``It was announced that ...``, ``This was stated by X.``),
participles (``..., adding that ...``) and the sentences a back reference gives a speaker to.
See :mod:`analysis.attribution.extract` for the conventions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from .document import (
    ALNUM,
    AUXILIARIES,
    BY,
    CLAUSE_BREAK,
    IT,
    PASSIVE,
    THAT,
    THAT_WORD,
    WORDS,
    Attribution,
    CueMatch,
    Document,
    after_comma,
    content_end,
    is_trailing,
    phrase_key,
    sentence_subject,
    skip_addressee,
    skip_adjuncts,
    skip_audience,
    skip_space_back,
    source_tail,
    speaks,
    subject_of,
    tokens_from,
)

_MAX_CUES_PER_SENTENCE = 40
_CONNECTORS = frozenset(
    {"and", "but", "while", "whereas", "as", "after", "when", "who", "which", "with", "although", "though"}
)
_LAST_WORD = re.compile(r"[A-Za-z]+$")
_BOUNDARY = re.compile(r"[,;]|\b(?:while|whereas|but)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]")
_BREAK_BUT_COMMA = re.compile(r"[;:!?()\[\]]|[.!?]\s")  # what a trailing phrase before "that" never holds
_RELATIVE_WORD = re.compile(r"\s*(?:who|whom|whose|which)\b", re.IGNORECASE)


def _clause_start(doc: Document, cue: CueMatch, hi: int) -> int:
    """Where reported content starts after a cue: after adjuncts, an addressee and "that"."""
    work = doc.work
    position = skip_adjuncts(doc, cue.end, hi)
    that = THAT.match(work, position, hi)
    if that is None and cue.cue.object_first:
        window = work[position : min(hi, position + 120)]
        found = THAT_WORD.search(window)
        if found is not None and skip_audience(doc, position, position + found.start()) > position:
            return position + found.end()  # "told the network's morning programme that"
    if that is not None:
        return that.end()
    later = THAT_WORD.search(work, position, min(hi, position + 140))
    if (
        later is not None
        and not _BREAK_BUT_COMMA.search(work, position, later.start())
        and is_trailing(doc, position, later.start(), wrapper=False)
    ):
        # "wrote on Telegram that", 'said on CBS's "Face the Nation" that', "announced during a
        # meeting with his Iranian counterpart, Masoud Pezeshkian, that"
        return later.end()
    if later is not None and _aside_before(work, position, later.start()):
        return later.end()  # "said, however, that", "said in Moscow, where he met Araghchi, that"
    if cue.cue.object_first:
        position = _addressee_end(doc, position, hi)  # "told reporters the president had no regrets"
        if _RELATIVE_WORD.match(work, position, hi):
            return hi  # "told reporters who had waited": the addressee's relative clause, not content
    k = position
    while k < hi and work[k].isspace():
        k += 1
    if k < hi and work[k] in ":,":
        k += 1
    return k


def _aside_before(work: str, start: int, end: int) -> bool:
    """True for an aside between commas, of at most twelve words, right before "that"."""
    aside = work[start:end].strip()
    inner = aside[1:-1]
    return (
        len(aside) > 2
        and aside[0] == ","
        and aside[-1] == ","
        and not _BREAK_BUT_COMMA.search(inner)
        and len(WORDS.findall(inner)) <= 12
    )


def _addressee_end(doc: Document, position: int, hi: int) -> int:
    """After "told" without "that": the end of its addressee (a word of ``addressees``, a name or
    an outlet: "reporters", "Fox News", "the Times") when a clause of two words or more follows,
    else ``position``."""
    work = doc.work
    start = position
    while start < hi and work[start].isspace():
        start += 1
    match = doc.rules.addressee_regex.match(work, start, hi)
    end = match.end() if match is not None else None
    if end is None:
        span = doc.phrase_after(start, hi)
        if span is not None and (work[span[0]].isupper() or doc.index.inside(*span)):
            end = span[1]  # a name or an outlet: "Putin", "Fox News", "the Times"
    if end is None or CLAUSE_BREAK.search(work, start, end) or len(WORDS.findall(work, end, min(hi, end + 40))) < 2:
        return position
    return end


def _short_tail(doc: Document, cue: CueMatch, position: int, end: int) -> bool:
    """True when nothing but adjuncts, an addressee (after "told") or a trailing phrase follows a
    cue in its sentence: its content is then before it.

    Trailing phrases: ``at a press conference summarizing ...``, ``in an interview with TASS``,
    ``on the sidelines of the forum``, ``, quoted by TASS``, ``, Vedomosti newspaper reported
    on July 18``, ``, adding that ...`` (see :func:`is_trailing`).
    """
    skipped = skip_adjuncts(doc, position, end)
    if cue.cue.object_first:
        skipped = skip_addressee(doc, skipped, end)
    return is_trailing(doc, skipped, end, participle=skipped > position)


def _post_posed(doc: Document, lo: int, cue: CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``<clause>, X said.``: return (content, speaker), the speaker being all between comma and cue."""
    work = doc.work
    comma = work.rfind(",", lo, cue.start)
    if comma <= lo or len(WORDS.findall(work, lo, comma)) < 3:
        return None  # "Later, X responded.": a fronted adverbial is not reported content
    start, end = comma + 1, comma
    if start < cue.start and doc.norm[start] in "\"'":
        start = end = comma + 2  # 'benchmarks "for priority spheres ... long term," the ministry added'
    while start < cue.start and work[start].isspace():
        start += 1
    words = [(s, e, w) for s, e, w in tokens_from(work, start, cue.start)]
    skipped = doc.rules.skip_before_cue | (AUXILIARIES if cue.cue.passive_subject else frozenset())
    while words and words[-1][2].lower() in skipped:
        words.pop()
    if not words or len(words) > 10 or doc.phrase_after(start, cue.start) is None:
        return None
    return (lo, end), (start, words[-1][1])


def _inverted(doc: Document, lo: int, hi: int, cue: CueMatch) -> Attribution | None:
    """``<clause>, said X.``: a clause cue right after a comma, its speaker ending the sentence."""
    work = doc.work
    comma = skip_space_back(work, cue.start - 1, lo)
    if cue.cue.frame != "clause" or comma < lo or work[comma] != ",":
        return None
    speaker = doc.phrase_after(cue.end, hi, loose_head=True)
    if speaker is None or len(WORDS.findall(work, lo, comma)) < 3:
        return None
    rest = skip_adjuncts(doc, speaker[1], hi)
    if not (work[rest:hi].lstrip().startswith(",") or is_trailing(doc, rest, hi, participle=True)):
        return None
    return Attribution(lo, comma, "indirect", doc.paragraph_of(cue.start), (cue.start, cue.end), speaker)


def _according(doc: Document, lo: int, hi: int, cue: CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``According to X, <clause>`` / ``<clause>, according to X.``: return (content, speaker)."""
    work = doc.work
    speaker = doc.phrase_after(cue.end, hi)
    if speaker is None:
        return None
    before = skip_space_back(work, cue.start - 1, lo)
    comma = work.find(",", speaker[1], min(hi, speaker[1] + 80))
    if before < lo and comma >= 0 and len(WORDS.findall(work, speaker[1], comma)) <= 6:
        # fronted: the speaker runs to the comma ("According to diplomats familiar with the talks, ...")
        return (comma + 1, hi), (speaker[0], skip_space_back(work, comma - 1, speaker[0]) + 1)
    if before >= lo and work[before] == ",":
        if _short_tail(doc, cue, speaker[1], hi):
            return (lo, before), speaker
        if len(WORDS.findall(work, speaker[1], hi)) <= 6 and "," not in work[speaker[1] : hi]:
            return (lo, before), (speaker[0], skip_space_back(work, hi - 1, speaker[0]) + 1)
    return (lo, hi), speaker  # "X, according to Y, Z": the whole sentence


def _in_words(doc: Document, lo: int, hi: int, cue: CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``In Lavrov's words, <clause>`` / ``<clause>, in Lavrov's words.``: return (content, speaker)."""
    work = doc.work
    before = skip_space_back(work, cue.start - 1, lo)
    after = cue.end
    while after < hi and work[after].isspace():
        after += 1
    if before < lo:
        return ((after + 1, hi), cue.speaker) if after < hi and work[after] == "," else None
    if work[before] != ",":
        return None
    return ((lo, before) if after >= hi else (lo, hi)), cue.speaker


def _passive(doc: Document, lo: int, hi: int, cue: CueMatch) -> tuple[bool, Attribution | None]:
    """``It was announced that ...`` / ``... was hailed by X as ...``: (is passive, attribution)."""
    work = doc.work
    aux = PASSIVE.search(work, max(lo, cue.start - 30), cue.start)
    if aux is None or cue.cue.passive_subject:
        return False, None
    position = skip_adjuncts(doc, cue.end, hi)
    by = BY.match(work, position, hi)
    paragraph = doc.paragraph_of(cue.start)
    if by is not None:
        speaker = doc.phrase_after(by.end(), hi)
        if speaker is None:
            return True, None
        that = THAT.match(work, speaker[1], hi)
        rest = that.end() if that is not None else speaker[1]
        if len(WORDS.findall(work, rest, hi)) >= 2:
            return True, Attribution(rest, hi, "indirect", paragraph, (cue.start, cue.end), speaker)
        return True, Attribution(lo, aux.start(), "indirect", paragraph, (cue.start, cue.end), speaker)
    that = THAT.match(work, position, hi)
    if that is not None and IT.search(work, max(lo, aux.start() - 10), aux.start()) is not None:
        return True, Attribution(that.end(), hi, "indirect", paragraph, (cue.start, cue.end), None)
    return True, None


def _participle(doc: Document, lo: int, hi: int, cue: CueMatch, earlier: list[Attribution]) -> Attribution | None:
    """``..., adding that ...``: the participle continues the sentence's speaker."""
    if not after_comma(doc.norm, cue.start, lo):
        return None
    start = _clause_start(doc, cue, hi)
    paragraph = doc.paragraph_of(cue.start)
    for other in reversed(earlier):
        if other.cue is not None and lo <= other.cue[0] < cue.start:
            source = other.source or other
            return Attribution(start, hi, "indirect", paragraph, (cue.start, cue.end), source=source)
    subject = sentence_subject(doc, lo, cue.start)
    if subject is None:
        return None
    return Attribution(start, hi, "indirect", paragraph, (cue.start, cue.end), subject)


def _reported(doc: Document, lo: int, hi: int, cue: CueMatch, earlier: list[Attribution]) -> Attribution | None:
    """Reported speech around one cue of a sentence ``[lo, hi)`` (``hi`` without its period)."""
    work = doc.work
    paragraph = doc.paragraph_of(cue.start)
    if cue.cue.frame in ("according", "possessive"):
        found = _according(doc, lo, hi, cue) if cue.speaker is None else _in_words(doc, lo, hi, cue)
        if found is None:
            return None
        (start, end), speaker = found
        return Attribution(start, end, "indirect", paragraph, (cue.start, cue.end), speaker)
    if cue.cue.participle:
        participle = _participle(doc, lo, hi, cue, earlier)
        if participle is not None:
            return participle
    is_passive, passive = _passive(doc, lo, hi, cue)
    if is_passive:
        return passive
    inverted = _inverted(doc, lo, hi, cue)
    if inverted is not None:
        return inverted
    start = _clause_start(doc, cue, hi)
    if cue.cue.frame == "clause" and (start >= hi or _short_tail(doc, cue, cue.end, hi)):
        found = _post_posed(doc, lo, cue)
        if found is None:
            return None
        (start, end), speaker = found
        return Attribution(start, end, "indirect", paragraph, (cue.start, cue.end), speaker)
    subject = subject_of(doc, lo, cue)  # looked for only when the content follows the cue
    if subject is None:
        return None
    before = skip_space_back(work, subject[0] - 1, lo)
    after = skip_adjuncts(doc, cue.end, hi)
    while after < hi and work[after] == " ":
        after += 1
    if before >= lo and work[before] == "," and after < hi and work[after] == "," and cue.cue.frame == "clause":
        return Attribution(lo, hi, "indirect", paragraph, (cue.start, cue.end), subject)  # "X, he said, Y"
    named = _named_quotation(doc, cue, hi) if cue.cue.naming else None
    if named is not None:  # 'a fire that the governor described as "a deliberate attack"'
        return Attribution(named[0], named[1], "mixed", paragraph, (cue.start, cue.end), subject)
    end = _content_end(doc, cue, start, hi)
    return Attribution(start, end, "indirect", paragraph, (cue.start, cue.end), subject)


_AS = re.compile(r"\s*(?:as\s+)?")
_RELATIVE = re.compile(r",\s*(?:which|who|whom|whose)\b", re.IGNORECASE)


def _named_quotation(doc: Document, cue: CueMatch, hi: int) -> tuple[int, int] | None:
    """The quotation right after a naming cue (``termed "..."``, ``described as "..."``), or None."""
    position = _AS.match(doc.work, cue.end, hi).end()
    for quotation in doc.quotations:
        if quotation.open == position and quotation.close >= 0 and quotation.end <= hi:
            return quotation.start, quotation.end
        if quotation.open > position:
            break
    return None


def _content_end(doc: Document, cue: CueMatch, start: int, hi: int) -> int:
    """Where reported content ends before the sentence does: before a source that reports the
    report (``..., state television reported``) and, after a verb whose object is the content,
    before a relative clause with a cue of its own (``rejected the report, which he
    characterised as ...``; ``called the treaty a turning point ..., which can help ...`` keeps it)."""
    end = hi
    comma = doc.work.rfind(",", start, hi)
    if comma > start and source_tail(doc, comma + 1, hi):
        end = comma
    if cue.cue.frame == "object":
        relative = _RELATIVE.search(doc.work, start, end)
        k = bisect_left(doc.cue_starts, relative.end()) if relative is not None else len(doc.cues)
        if k < len(doc.cues) and doc.cues[k].start < end:
            end = relative.start()  # the relative clause attributes words of its own
    return end


def _back_reference(doc: Document, lo: int, hi: int, cue: CueMatch) -> tuple[tuple[int, int], bool] | None:
    """A sentence that attributes the sentence before it: return (speaker, demonstrative).

    ``This was stated by X, quoted by TASS.``, ``X said so at a briefing.`` and ``X made the
    remarks at a briefing.`` (demonstrative: the previous sentence is X's, quoted or not);
    ``Rudenko said in an interview with TASS.``
    (bare: only a quotation standing alone just before it becomes his).
    """
    work, rules = doc.work, doc.rules
    if cue.cue.frame != "clause" or cue.cue.participle:
        return None
    aux = PASSIVE.search(work, max(lo, cue.start - 30), cue.start)
    if aux is not None:
        if not _demonstrative_subject(phrase_key(work[lo : aux.start()]), rules.demonstratives):
            return None
        by = BY.match(work, skip_adjuncts(doc, cue.end, hi), hi)
        speaker = doc.phrase_after(by.end(), hi) if by is not None else None
        if speaker is None:
            return None
        rest = _after_apposition(work, speaker[1], hi)  # "by Ali Rezaei, a member of ..., Tasnim reports"
        return (speaker, True) if is_trailing(doc, rest, hi, participle=True) else None
    position = skip_adjuncts(doc, cue.end, hi)
    if cue.cue.object_first:
        position = skip_addressee(doc, position, hi)
    demonstrative = rules.demonstrative_regex.match(work, position, hi)
    if demonstrative is not None:
        found = is_trailing(doc, demonstrative.end(), hi, participle=True)
    else:
        skipped = position > cue.end and bool(work[cue.end : position].strip())
        found = (position < hi or cue.cue.refers_back) and is_trailing(doc, position, hi, participle=skipped)
    subject = subject_of(doc, lo, cue) if found else None  # the costly part last
    if subject is None or work[lo : subject[0]].strip():
        return None
    return subject, demonstrative is not None or cue.cue.refers_back


def _demonstrative_subject(subject: str, demonstratives: frozenset[str]) -> bool:
    """A demonstrative of the rules, or "this"/"these" with one or two words ("This development")."""
    words = subject.split()
    return subject in demonstratives or (1 < len(words) <= 3 and words[0] in ("this", "these"))


def _after_apposition(work: str, position: int, hi: int) -> int:
    """The closing comma of an apposition after a speaker (``, a member of the committee,``):
    at most twelve words, no clause break; ``position`` when there is none."""
    if work[position : position + 1] != ",":
        return position
    close = work.find(",", position + 1, min(hi, position + 160))
    if close < 0 or CLAUSE_BREAK.search(work, position + 1, close) or len(WORDS.findall(work, position, close)) > 12:
        return position
    return close


def refer_back(doc: Document, direct: list[Attribution], reported: list[Attribution]) -> list[Attribution]:
    """Give the sentence before each back reference its speaker (see :func:`_back_reference`).

    A quotation standing alone in that sentence takes the speaker and cue; after a
    demonstrative, unattributed narration becomes reported speech. Returns the new attributions.
    """
    starts = [lo for lo, _ in doc.sentences]
    known = sorted((a for a in direct + reported if a.source is None), key=lambda a: a.start)
    known_starts = [a.start for a in known]
    added: list[Attribution] = []
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
            end = content_end(doc, p_lo, p_hi)
            if _WORD.search(doc.work, p_lo, end) is None:  # "." or a stray mark: nothing was said
                continue
            added.append(Attribution(p_lo, end, "indirect", doc.paragraph_of(p_lo), (cue.start, cue.end), speaker))
    return added


def sentence_attributions(
    doc: Document, lo: int, hi: int, direct: list[Attribution], direct_cues: list[int]
) -> list[Attribution]:
    """Reported speech of one sentence; ``direct_cues`` are the sorted cue starts of ``direct``."""
    first = bisect_left(doc.cue_starts, lo)
    last = bisect_left(doc.cue_starts, hi)
    if first == last:
        return []  # no cue in the sentence: no reported speech
    end = content_end(doc, lo, hi)
    found: list[Attribution] = []
    earlier = direct[bisect_left(direct_cues, lo) : bisect_left(direct_cues, hi)]
    wrapped = [d for d in earlier if not d.continued]
    cues = doc.cues[first : min(last, first + _MAX_CUES_PER_SENTENCE)]
    for cue in cues:
        if cue.start in doc.used or doc.work[cue.start] == " ":
            continue
        back = _back_reference(doc, lo, end, cue)
        if back is not None:
            doc.used.add(cue.start)
            doc.back_references.append((lo, cue, *back))
            wrapped.append(Attribution(lo, lo, "indirect", -1, (cue.start, cue.end)))  # "..., Tasnim reports"
            continue
        attribution = _reported(doc, lo, end, cue, earlier + found)
        if (
            attribution is not None
            and speaks(doc, attribution.cue, attribution.speaker)
            and not _embedded(doc, attribution, found)
            and not _wraps(attribution, wrapped + found)
        ):
            doc.used.add(cue.start)
            found.append(attribution)
            if attribution.speaker is not None:  # "According to TASS reports": no cue of its own
                doc.used.update(c.start for c in cues if attribution.speaker[0] <= c.start < attribution.speaker[1])
    return _trimmed(doc, found, [d.cue[0] for d in earlier if d.continued])


def _wraps(attribution: Attribution, direct: list[Attribution]) -> bool:
    """True when reported content would hold another attribution's cue: ``"...," X said,
    according to Y`` or ``..., the official said, Vedomosti reported on July 18``.

    The outer source (a news agency, a website) attributes the report, not the words.
    """
    return any(d.cue is not None and attribution.start <= d.cue[0] < attribution.end for d in direct)


def _embedded(doc: Document, attribution: Attribution, found: list[Attribution]) -> bool:
    """True for reported speech inside another's content ("X said it rejected the claims").

    A second speaker after a clause boundary (a comma, a semicolon, "while", "whereas", "but")
    starts an attribution of its own.
    """
    if attribution.source is not None:
        return False
    mark = attribution.speaker[0] if attribution.speaker is not None else attribution.cue[0]
    return any(o.start <= mark < o.end and not _BOUNDARY.search(doc.work, o.start, mark) for o in found)


def _trimmed(doc: Document, found: list[Attribution], stops: Iterable[int] = ()) -> list[Attribution]:
    """End each content where the next attribution of the sentence begins, or at one of
    ``stops`` (cues of direct quotes continuing the sentence: ``..., adding: "..."``); drop
    empty ones."""
    work = doc.work
    kept = []
    marks = [
        (position, id(a))
        for a in found
        for position in (a.cue[0] if a.cue else None, a.speaker[0] if a.speaker else None)
        if position is not None
    ]  # a speaker before the content ("X dismissed Y and added that Z") cuts Y at the cue
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
        if end - start < 2 or ALNUM.search(work, start, end) is None:
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
    words = [w for w in WORDS.findall(text) if len(w) > 3]
    return len(words) >= 2 and all(w[0].isupper() for w in words) and text.rstrip()[-1:] not in ".!?,"


def set_types(doc: Document, reported: list[Attribution]) -> None:
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
