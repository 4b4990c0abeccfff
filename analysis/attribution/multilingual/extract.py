"""Quote attribution in any language with resources: the engine, driven by the language's data.

The same attributions table as the English extractor (:data:`analysis.attribution.QUOTE_COLUMNS`,
the same span conventions, see :mod:`analysis.attribution.extract`), from rules that are data
(``analysis/data/languages/<code>/quotes.yml``, read by :mod:`.rules`) and names that decline
(:mod:`analysis.languages.names`). Per sentence, in this order:

direct
    a quotation (the language's marks, nested: «… „…“ …») followed by a dash or comma, a cue and
    a speaker (``«…», — заявил Лавров.``, ``«…», — подчеркнули в МИД.``) or a speaker and a cue
    that ends the sentence (``«…»، عراقچی گفت.``: the verb last), or preceded by a cue and a
    colon (``Лавров заявил: «…»``, ``В МИД Ирана подчеркнули: «…»``);
reported
    a cue, up to ``adjuncts_max`` words, a comma and a complementizer (``заявил в понедельник,
    что …``, ``сообщил о том, что …``, ``уверен, что …``); the speaker is the nominative
    subject before the cue, the institution of an impersonal plural cue (``В Кремле отметили,
    что …``) or the name after it;
according
    ``По словам X, …`` / ``…, по словам X.`` / ``…, сообщает ТАСС со ссылкой на X.``;
parenthetical
    ``Как заявил X, …`` / ``…, как отметили в X.``;
post-posed
    ``…, сообщил X.`` (a comma, a cue, a speaker and at most a trailing phrase).

A reported clause holding a quotation is ``mixed``. Nothing is attributed in a language
without a ``quotes.yml``: such documents are reported, never read with another language's rules.
A language's own commas (``commas`` in its rules: Persian's "،") are read as commas, and a
zero-width non-joiner (U+200C) is inside a word ("می‌گوید", "گفت‌وگو").

Examples
--------
>>> rows = extract_quotes_in("«Договор вступил в силу», — заявил Лавров.", language="ru")
>>> rows[["content", "type", "cue", "speaker", "actor", "resolution"]].values.tolist()
[['Договор вступил в силу', 'direct', 'заявил', 'Лавров', 'lavrov', 'explicit']]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from pathlib import Path

import pandas as pd

from ...corpus.registry import ActorRegistry, load_actors
from ...languages import Language, load_language
from ...languages.names import NameMatcher, registry_entries
from ..extract import quote_frame
from .rules import LanguageQuoteRules, load_language_rules
from .speakers import Resolved, SpeakerFinder

__all__ = ["extract_quotes_in", "attribution_rows_in", "name_matcher"]

_WORDS = re.compile(r"[^\W_]+(?:[-.\u200c][^\W_]+)*")  # U+200C joins the parts of a Persian word
_NEXT_WORD = re.compile(r"\s+([^\W_]+(?:[-\u200c][^\W_]+)*)")


_MATCHERS: dict[tuple[int, str], tuple[ActorRegistry, NameMatcher]] = {}


def name_matcher(registry: ActorRegistry, language: Language) -> NameMatcher:
    """The matcher of a registry's names in a language (built once per registry and process)."""
    key = (id(registry), language.code)
    cached = _MATCHERS.get(key)
    if cached is None or cached[0] is not registry:
        if len(_MATCHERS) > 32:
            _MATCHERS.clear()
        cached = _MATCHERS[key] = (registry, NameMatcher(registry_entries(registry), language))
    return cached[1]


def _quotations(norm: str, rules: LanguageQuoteRules) -> list[tuple[int, int, int]]:
    """Top-level quotations as ``(open, close, 0)``, nested marks inside; a paragraph break closes
    nothing (the marks left open are dropped), nor does a close mark without its open."""
    opening = {o: c for o, c in rules.marks}
    found: list[tuple[int, int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _marks_pattern(rules.marks).finditer(norm):
        char, i = match.group(), match.start()
        if char[0] == "\n":
            stack.clear()
        elif stack and char == opening[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                found.append((start, i + 1, 0))
        elif char in opening:
            stack.append((char, i))
        else:
            stack.clear()
    return found


@cache
def _marks_pattern(marks: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    characters = "".join(sorted({c for pair in marks for c in pair}))
    return re.compile(rf"\n[ \t]*\n|[{re.escape(characters)}]")


class _Document:
    def __init__(self, text: str, language: Language, rules: LanguageQuoteRules, registry: ActorRegistry) -> None:
        self.text, self.rules = text, rules
        self.norm = language.fold_letters(text.replace("ё", "е").replace("Ё", "Е"))
        for comma in rules.commas:  # the language's commas ("،") read as ",": same length, same offsets
            self.norm = self.norm.replace(comma, ",")
        self.quotes = _quotations(self.norm, rules)
        work = list(self.norm)
        for start, end, _ in self.quotes:
            work[start + 1 : end - 1] = "x" * (end - start - 2)
        self.work = "".join(work)
        low = self.work.lower()
        self.low = low if len(low) == len(self.work) else self.work
        self.sentences = language.split_sentences(self.work)
        self.speakers = SpeakerFinder(self.work, name_matcher(registry, language).find(self.norm), rules, registry)
        self.cues = list(rules.cue_regex.finditer(self.low))
        self.cue_starts = [m.start() for m in self.cues]
        self.rows: list[tuple[int, int, str, tuple[int, int] | None, Resolved | None]] = []
        self.used: set[int] = set()

    def add(self, start: int, end: int, kind: str, cue: tuple[int, int] | None, speaker: tuple[int, int] | None):
        while start < end and self.norm[start] in " \t":
            start += 1
        while end > start and self.norm[end - 1] in " \t,":
            end -= 1
        if end <= start:
            return
        if kind != "direct" and any(start <= q[0] and q[1] <= end for q in self.quotes):
            kind = "mixed"
        resolved = self.speakers.resolve(*speaker) if speaker is not None else None
        self.rows.append((start, end, kind, cue, resolved))
        if cue is not None:
            self.used.add(cue[0])

    def content_end(self, lo: int, hi: int) -> int:
        while hi > lo and self.norm[hi - 1] in " \t\n":
            hi -= 1
        if hi > lo and self.norm[hi - 1] == "." and self.norm[hi - 2 : hi] != "..":
            hi -= 1
        return hi


def _cues_in(doc: _Document, lo: int, hi: int) -> list[re.Match[str]]:
    first, last = bisect_left(doc.cue_starts, lo), bisect_left(doc.cue_starts, hi)
    return [c for c in doc.cues[first:last] if c.start() not in doc.used]


def _institution(doc: _Document, position: int, end: int) -> tuple[int, int] | None:
    """``в МИД России`` at ``position``: the institution after the preposition."""
    word = _WORDS.match(doc.work, position, end)
    if word is None or word.group().casefold() not in doc.rules.institutional:
        return None
    return doc.speakers.after(word.end(), end, unknown=False)


def _speaker_after(doc: _Document, position: int, end: int, *, case: str | None = None) -> tuple[int, int] | None:
    """The speaker after a cue (``case="nomn"``: the subject of an inverted cue, "заявил Лавров")
    or after an according phrase (any case: "по словам Лаврова"), or an institution ("в МИД")."""
    while position < end and doc.work[position] in " \t":
        position += 1
    return _institution(doc, position, end) or doc.speakers.after(position, end, case=case)


def _speaker_before(doc: _Document, lo: int, cue: re.Match[str]) -> tuple[int, int] | None:
    """The subject before a cue, or the institution of an impersonal cue just before it."""
    words = list(_WORDS.finditer(doc.work, lo, cue.start()))
    for k in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if words[k].group().casefold() in doc.rules.institutional:
            found = doc.speakers.after(words[k].end(), cue.start(), unknown=False)
            if found is not None and not doc.work[found[1] : cue.start()].strip(" ,"):
                return found
    return doc.speakers.before(lo, cue.start())


@cache
def _dash_pattern(dashes: str) -> re.Pattern[str]:
    return re.compile(rf"\s*,?\s*[{re.escape(dashes)}]?\s*")


_SENTENCE_END = re.compile(r"[\s.!?\u061f\u2026]*")


def _speaker_then_cue(doc: _Document, position: int, hi: int) -> tuple[tuple[int, int], re.Match[str]] | None:
    """``«…», Лавров заявил.`` / ``«…»، عراقچی گفت.``: a subject, then a cue that ends the sentence
    (the order of a language whose verb comes last); None otherwise."""
    speaker = doc.speakers.after(position, hi, unknown=False, case="nomn")
    if speaker is None:
        return None
    cue = next((c for c in _cues_in(doc, speaker[1], hi) if not doc.work[speaker[1] : c.start()].strip()), None)
    if cue is None or _SENTENCE_END.fullmatch(doc.work, cue.end(), hi) is None:
        return None
    return speaker, cue


def _direct(doc: _Document, lo: int, hi: int) -> None:
    for start, end, _ in [q for q in doc.quotes if lo <= q[0] and q[1] <= hi]:
        after = _dash_pattern(doc.rules.dashes).match(doc.work, end, hi)
        cue = next((c for c in _cues_in(doc, after.end(), hi) if c.start() == after.end()), None)
        if cue is not None:
            doc.add(start + 1, end - 1, "direct", cue.span(), _speaker_after(doc, cue.end(), hi, case="nomn"))
            continue
        final = _speaker_then_cue(doc, after.end(), hi) if after.end() > end else None
        if final is not None:
            doc.add(start + 1, end - 1, "direct", final[1].span(), final[0])
            continue
        colon = doc.work.rfind(":", lo, start)
        if colon >= 0 and not doc.work[colon + 1 : start].strip():
            cues = [c for c in _cues_in(doc, lo, colon) if not re.search(r"[.!?]", doc.work[c.end() : colon])]
            if cues:
                cue = cues[-1]
                speaker = _speaker_before(doc, lo, cue) or _speaker_after(doc, cue.end(), colon, case="nomn")
                doc.add(start + 1, end - 1, "direct", cue.span(), speaker)


def _reported(doc: _Document, lo: int, hi: int) -> None:
    for cue in _cues_in(doc, lo, hi):
        position, words = cue.end(), 0
        speaker_after = None
        while words <= doc.rules.adjuncts_max:
            clause = doc.rules.complementizer_regex.match(doc.low, position, hi)
            if clause is not None and (doc.work[position : clause.start() + 1].strip() == "" or "," in clause.group()):
                break
            word = _NEXT_WORD.match(doc.work, position, hi)
            if word is None:
                clause = None
                break
            if speaker_after is None and words == 0:
                speaker_after = doc.speakers.after(position, hi, case="nomn")
            position, words = word.end(), words + 1
        if clause is None or words > doc.rules.adjuncts_max:
            continue
        if _as_cue(doc, lo, cue):
            continue
        speaker = _speaker_before(doc, lo, cue) or speaker_after
        doc.add(clause.end(), doc.content_end(clause.end(), hi), "indirect", cue.span(), speaker)


def _as_cue(doc: _Document, lo: int, cue: re.Match[str]) -> bool:
    previous = list(_WORDS.finditer(doc.work, max(lo, cue.start() - 10), cue.start()))
    return bool(previous) and previous[-1].group().casefold() in doc.rules.as_cue


def _according(doc: _Document, lo: int, hi: int) -> None:
    for marker in doc.rules.according_regex.finditer(doc.work, lo, hi):
        speaker = _speaker_after(doc, marker.end(), hi)
        if speaker is None:
            continue
        if not doc.work[lo : marker.start()].strip():
            comma = doc.work.find(",", speaker[1], hi)
            if comma >= 0:
                doc.add(
                    comma + 1 + _spaces(doc, comma + 1),
                    doc.content_end(comma + 1, hi),
                    "indirect",
                    marker.span(),
                    speaker,
                )
            continue
        comma = doc.work.rfind(",", lo, marker.start())
        if comma > lo:
            for cue in _cues_in(doc, comma, marker.start()):
                doc.used.add(cue.start())  # "…, сообщает ТАСС со ссылкой на X": the agency only relays
            doc.add(lo, comma, "indirect", marker.span(), speaker)


def _spaces(doc: _Document, position: int) -> int:
    return len(doc.work[position:]) - len(doc.work[position:].lstrip(" \t"))


def _parenthetical(doc: _Document, lo: int, hi: int) -> None:
    """``Как заявил X, …`` and ``…, как отметили в X.``"""
    for cue in _cues_in(doc, lo, hi):
        if not _as_cue(doc, lo, cue):
            continue
        speaker = _speaker_after(doc, cue.end(), hi, case="nomn")
        if speaker is None:
            continue
        as_word = doc.work.rfind(" ", lo, cue.start() - 1) + 1 if cue.start() - 1 > lo else lo
        opening = not doc.work[lo:as_word].strip()
        if opening:
            comma = doc.work.find(",", speaker[1], hi)
            if comma >= 0:
                doc.add(
                    comma + 1 + _spaces(doc, comma + 1), doc.content_end(comma + 1, hi), "indirect", cue.span(), speaker
                )
        else:
            comma = doc.work.rfind(",", lo, as_word)
            if comma > lo:
                doc.add(lo, comma, "indirect", cue.span(), speaker)


def _post_posed(doc: _Document, lo: int, hi: int) -> None:
    """``…, сообщил Ушаков.``: a comma, a cue, its speaker and at most a trailing phrase."""
    for cue in _cues_in(doc, lo, hi):
        before = doc.work[lo : cue.start()].rstrip()
        if not before.endswith(",") or any(lo <= q[0] < cue.start() for q in doc.quotes):
            continue
        speaker = _speaker_after(doc, cue.end(), hi, case="nomn")
        if speaker is None or "," in doc.work[speaker[1] : hi]:
            continue
        doc.add(lo, lo + len(before) - 1, "indirect", cue.span(), speaker)


def attribution_rows_in(
    doc_id: str, text: str, actors: ActorRegistry, language: Language, rules: LanguageQuoteRules | None = None
) -> list[tuple]:
    """The attributions of one document in a language with quote rules, as rows of ``QUOTE_COLUMNS``.

    A language without rules gives no rows (its documents are reported as not attributed).
    """
    rules = rules if rules is not None else load_language_rules(language)
    if rules is None or not text:
        return []
    doc = _Document(text, language, rules, actors)
    for lo, hi in doc.sentences:
        for step in (_direct, _according, _parenthetical, _reported, _post_posed):
            step(doc, lo, hi)
    rows = []
    for quote_id, (start, end, kind, cue, speaker) in enumerate(sorted(doc.rows, key=lambda r: (r[0], r[1]))):
        cue_start, cue_end = cue if cue is not None else (-1, -1)
        if speaker is None:
            speaker = Resolved(-1, -1, "", "", "none")
        rows.append(
            (
                doc_id,
                quote_id,
                start,
                end,
                text[start:end],
                kind,
                text[cue_start:cue_end] if cue is not None else "",
                cue_start,
                cue_end,
                text[speaker.start : speaker.end] if speaker.start >= 0 else "",
                speaker.start,
                speaker.end,
                speaker.actor,
                speaker.side,
                speaker.resolution,
            )
        )
    return rows


def extract_quotes_in(
    text: str,
    actors: ActorRegistry | str | Path | None = None,
    *,
    language: str | Language = "ru",
    doc_id: str = "text",
) -> pd.DataFrame:
    """Find the attributions of one text in a given language (see the module docstring).

    Parameters
    ----------
    text
        Any string; odd input never raises.
    actors
        An actor registry, an ``actors.yml`` path or corpus folder, or None for the package's.
    language
        A language code with resources or a loaded :class:`~analysis.languages.Language`.

    Returns
    -------
    pandas.DataFrame
        The ``attributions`` table (:data:`analysis.attribution.QUOTE_COLUMNS`).
    """
    registry = actors if isinstance(actors, ActorRegistry) else load_actors(actors)
    lang = language if isinstance(language, Language) else load_language(language)
    return quote_frame(attribution_rows_in(str(doc_id), text, registry, lang))
