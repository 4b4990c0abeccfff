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
    Content inside quotation marks (straight, curly, guillemets, or two apostrophes ``''...''``
    as archives store them) with the speaker before (``X said: "..."``, ``Lavrov: '...'`` in a
    headline), after (``"...," X said.`` / ``"...," said X at ...`` / ``"...," X was quoted as
    saying`` / ``"..." - Sergey Lavrov``) or around it (``"...," X said, "..."``); a quotation
    after a participle takes its sentence's speaker (``X stated that ..., adding: "..."``);
    quotations running over several paragraphs (one row per paragraph, all with the same
    speaker); and *floating* quotations -- a whole sentence in marks with no cue -- which take
    the speaker of the attribution just before them in the same or the previous paragraph
    (resolution ``context``), the speaker a following sentence names (``"..." This was stated
    by X.``, ``X made the remarks at ...``), or no speaker when there is none.
indirect
    Reported speech: ``X <cue> (that) <clause>``, ``<clause>, X said [in an interview with
    TASS]``, ``<clause>, said X at a press conference summarizing ...``, ``According to X,
    <clause>``, ``In X's words, <clause>``, ``X called Y a Z``, ``X praised Y``, ``X pointed to
    Y``, ``In a statement, X said ...``, ``X wrote on Telegram that ...``, passive cues (``It was
    announced that ...``, ``... was hailed by X as ...``), ``X was quoted as saying ...``,
    participles continuing a speaker (``..., X said, adding that ...``), and the sentence
    before a back reference (``<sentence>. This was stated by X, quoted by TASS.``, ``X said so
    at a briefing.``).
mixed
    Reported speech holding a partial quotation (``the treaty signifies the "strategic
    choice" ...``), also before a post-posed cue (``... benchmarks "for priority spheres ...,"
    the ministry added``).

Not attributed: narration; quotation marks around titles, names or scare quotes that no cue
governs; "said to be", "so-called", "as the saying goes", a person named Said, and the other
negative patterns of the rules file; a source that reports the report (``..., the official
said, Vedomosti reported on July 18``, ``..., said X, according to Interfax``); phrases that
trail a cue (``in an interview with TASS``, ``on the sidelines of the forum``).

Spans
-----
All offsets are half-open Python string indices into the text as given
(``content == text[start:end]``). Direct content is what lies inside the marks, without the
marks, surrounding spaces or a final comma (which belongs to the attributing sentence:
``"We agree," he said``); other punctuation inside the marks is kept. Indirect and mixed content
is the reported clause: after "that" (or after the cue when there is no "that"), or before the
comma of a post-posed cue, up to the end of the sentence or the next attribution in it; the
sentence's final period is excluded (a partial quotation's closing mark is kept, with the
comma inside it before a post-posed cue: ``... long term,"``). A cue is the reporting verb alone
(``said``, ``quoted as saying``, ``According to``), without auxiliaries; ``In Lavrov's words``
is a cue that holds its speaker. A speaker is its whole noun phrase with determiner and titles
(``The Iranian Foreign Ministry``, ``Kremlin spokesman Dmitry Peskov``, ``Both leaders``), an
apposition included (``Iran's ambassador to Russia, Kazem Jalali``, headed by the name), a
relative clause left out (``Pezeshkian, who met Putin ..., said`` gives ``Pezeshkian``).

Resolution
----------
============ ================================================================================
explicit     the speaker is headed by a name or alias of one actor (``Iran's Foreign Ministry``,
             ``Lavrov``), or by several joined by "and" (actor ``araghchi+lavrov``)
description  a description several actors may share (``the ministry``, ``the Foreign
             Ministry``, ``the minister``), or a description by role (``the senior
             diplomat``, ``the Iranian top diplomat``: :mod:`analysis.attribution.roles`;
             the registry's holder of the office on the document's ``date`` when nobody
             of that role was named), resolved to the one mentioned last before it
             (any mention, not only speakers), or to the only actor with that description;
             it matches whole noun phrases only ("the Security Council president" and
             "the deputy foreign minister" are not "the president" or "the foreign
             minister"), and a side or name before it narrows it ("the Russian minister",
             "Tehran's ambassador to Russia", "the Turkish foreign minister")
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
A place after "to", or after "in" following a diplomat ("the Iranian ambassador in
Moscow"), hosts the speaker and never heads it. Mentions inside direct quotations are not
antecedents of pronouns.

The ``headline`` resolution of the architecture notes is not produced: attribution reads the
document body only.

Limitations
-----------
* No parser: a speaker is the noun phrase next to its cue; the rules know relative clauses,
  appositions and fronted adverbials by their commas and "who", not by their grammar.
* Groups and pronouns refer back only: "The two leaders said ... Pezeshkian and Putin also
  agreed" leaves the group unresolved.
* Reported content ends at the sentence end or where the next attribution of the sentence
  starts; a trailing participial phrase ("..., pointing to modest trade figures") stays in it.
* A description narrowed by a nationality finds an actor only through the registry: "the
  Chinese minister" needs an alias with "Chinese"; "the Iranian ambassador in Moscow" gets the
  side when two Iranian ambassadors are in the registry and neither was mentioned.
* English cue lists and rules; single quotes count as quotation marks only when they pair.
* A speaker noun the rules do not list is found only where a speaker must stand (after an
  inverted cue: ``said a fisherman,``; a plural after "and": ``and dockers said``); a verb's
  object stays content even when it is no speech (``wrote poetry``).
* Round three (issue 24) added coordinated verb phrases, audiences of "told", dash asides,
  split quotations joined by a conjunction, bare present cues, documents as sources, naming
  verbs with a quotation, circumstances after a name and descriptions by role; their held-out
  documents gave F1 0.761 at 0.3 on their first run, before the rules (``tests/gold/README.md``).
* Measured figures (``benchmarks/quotes.py``, ``tests/gold/README.md``): on twelve held-out
  paragraphs never used for tuning, span F1 was 0.977 at overlap 0.3 and 0.884 at 0.8, actor
  accuracy 0.952, on their first run; on 48 held-out documents of the eleven attribution
  classes, written after the class rules, 0.981 and 0.943, actor accuracy 0.885.

Examples
--------
>>> rows = extract_quotes('"We will respond," Lavrov said. Moscow insisted that talks continue.')
>>> rows[["content", "type", "cue", "speaker", "actor", "side", "resolution"]].values.tolist()
[['We will respond', 'direct', 'said', 'Lavrov', 'lavrov', 'russia', 'explicit'], \
['talks continue', 'indirect', 'insisted', 'Moscow', '', 'russia', 'alias']]
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
from functools import cache
from pathlib import Path

import pandas as pd

from ..corpus.layout import Layout, load_layout
from ..corpus.registry import ActorRegistry, load_actors
from ..schema import TABLES, columns
from .direct import direct_quotes, mask_quotes
from .document import Attribution, Document
from .joint import resolve_joint_rows
from .marks import sentence_spans
from .mentions import Speaker, annotate_mentions
from .reported import refer_back, sentence_attributions, set_types
from .resolver import RESOLUTIONS as SPEAKER_RESOLUTIONS
from .resolver import Resolver
from .rules import QuoteRules, load_quote_rules

__all__ = [
    "QUOTE_COLUMNS",
    "QUOTE_TYPES",
    "RESOLUTIONS",
    "extract_quotes",
    "attribute_quotes",
    "attribution_rows",
    "quote_frame",
]

#: Columns of the ``attributions`` table, in order.
QUOTE_COLUMNS = columns("attributions")
#: Values of ``type``.
QUOTE_TYPES = ("direct", "indirect", "mixed")
#: Values of ``resolution`` (see the module docstring).
RESOLUTIONS = SPEAKER_RESOLUTIONS
_INT_COLUMNS = [c.name for c in TABLES["attributions"].columns if c.type == "int"]


# resolution and output ----------------------------------------------------------------------
def _resolve(doc: Document, attributions: list[Attribution], date: dt.date | None) -> None:
    sentence_starts = [lo for lo, _ in doc.sentences]
    mentions = annotate_mentions(
        doc.mentions, doc.norm, doc.registry, sentence_starts=sentence_starts, masked=doc.masked
    )
    resolver = Resolver(doc.norm, doc.registry, doc.rules, mentions, date=date)
    done: list[tuple[int, int, Attribution]] = []  # (start, order, attribution), sorted
    for order, attribution in enumerate(sorted(attributions, key=lambda a: (a.anchor, a.source is not None, a.start))):
        if attribution.source is not None:
            attribution.result = attribution.source.result
        elif attribution.context:
            attribution.result = _from_context(attribution, done)
        elif attribution.speaker is not None:
            attribution.result = resolver.resolve(*attribution.speaker)
        insort(done, (attribution.start, order, attribution))


def _from_context(attribution: Attribution, done: list[tuple[int, int, Attribution]]) -> Speaker | None:
    """The speaker of the attribution just before a floating quotation (same or previous paragraph)."""
    k = bisect_left(done, (attribution.start, -1)) - 1
    if k < 0:
        return None
    other = done[k][2]
    if other.paragraph < attribution.paragraph - 1 or other.result is None:
        return None
    return Speaker(other.result.start, other.result.end, other.result.referent, "context")


def _attributions(
    text: str,
    registry: ActorRegistry,
    rules: QuoteRules,
    date: dt.date | None = None,
    paragraphs: list[tuple[int, int]] | None = None,
) -> list[Attribution]:
    doc = Document(text, registry, rules, paragraphs=paragraphs)
    direct = direct_quotes(doc)
    mask_quotes(doc, direct)
    doc.sentences = sentence_spans(doc.work, doc.paragraphs, rules.abbreviations)
    cued = sorted((a for a in direct if a.cue is not None), key=lambda a: a.cue[0])
    cue_starts = [a.cue[0] for a in cued]
    reported: list[Attribution] = []
    for lo, hi in doc.sentences:
        reported.extend(sentence_attributions(doc, lo, hi, cued, cue_starts))
    reported.extend(refer_back(doc, direct, reported))
    set_types(doc, reported)
    attributions = direct + reported
    _resolve(doc, attributions, date)
    return sorted(attributions, key=lambda a: (a.start, a.end))


def attribution_rows(
    doc_id: str,
    text: str,
    actors: ActorRegistry,
    rules: QuoteRules | None = None,
    *,
    date: object = None,
    layout: Layout | None = None,
    paragraphs: list[tuple[int, int]] | None = None,
    narration: list[tuple[int, int, str]] | None = None,
) -> list[tuple]:
    """The attributions of one document as plain rows in the order of :data:`QUOTE_COLUMNS`.

    The per-document step of :func:`attribute_quotes` (joint speakers not yet resolved), for
    pipelines that build their tables document by document. ``date`` (a date, a timestamp or
    None) is the document's: a description by role ("Iran's top diplomat") not named earlier
    in the text is the registry's holder of that office on that date. ``layout`` gives the
    datelines that never belong to a content (default: :func:`analysis.corpus.layout.load_layout`).
    ``paragraphs`` and ``narration`` are the document's paragraphs and its layout's narration
    spans, when the pipeline has them already (they are then not computed again).

    Examples
    --------
    >>> from analysis.corpus import load_actors
    >>> attribution_rows("d", "Lavrov said ties were strong.", load_actors())[0][4:6]
    ('ties were strong', 'indirect')
    """
    attributions = _attributions(text, actors, _rules(rules), as_date(date), paragraphs)
    _outside_datelines(attributions, text, layout if layout is not None else load_layout(), narration)
    return _rows(doc_id, text, attributions)


def _opens_paragraph(text: str, position: int) -> bool:
    j = position - 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    return j < 0 or text[j] == "\n"


def _outside_datelines(
    attributions: list[Attribution], text: str, layout: Layout, narration: list[tuple[int, int, str]] | None = None
) -> None:
    """Start every content after the dateline it would open with (``MOSCOW, Oct 5 - ...``)."""
    if not any(_opens_paragraph(text, a.start) for a in attributions):
        return  # no content opens a paragraph: none can open with a dateline
    for start, end, _ in layout.narration_spans(text) if narration is None else narration:
        for attribution in attributions:
            if start <= attribution.start < end < attribution.end:
                position = end
                while position < attribution.end and (text[position].isspace() or text[position] in "\"'\u201c\u00ab"):
                    position += 1
                attribution.start = position if position < attribution.end else attribution.start


def _rows(doc_id: str, text: str, attributions: list[Attribution]) -> list[tuple]:
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


def quote_frame(rows: list[tuple]) -> pd.DataFrame:
    """The ``attributions`` table of rows made by :func:`attribution_rows`."""
    return _frame(rows)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    strings = [c for c in QUOTE_COLUMNS if c not in _INT_COLUMNS]
    return frame.astype({**{c: "int64" for c in _INT_COLUMNS}, **{c: "str" for c in strings}})


def as_date(value: object) -> dt.date | None:
    """A document's date as a :class:`datetime.date` (None for a missing or unreadable one).

    Examples
    --------
    >>> as_date(pd.Timestamp("2025-03-01")), as_date(None), as_date(pd.NaT)
    (datetime.date(2025, 3, 1), None, None)
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if stamp is pd.NaT else stamp.date()


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
    date: object = None,
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
    date
        The text's date (a date or a timestamp): descriptions by role not named earlier in the
        text ("Iran's top diplomat") go to the registry's holder of the office on that date.

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
    registry = _registry(actors)
    layout = load_layout()
    rows = attribution_rows(str(doc_id), text, registry, _rules(rules), date=date, layout=layout)
    return _frame(resolve_joint_rows(rows, text, registry, layout))


def attribute_quotes(
    documents: pd.DataFrame,
    actors: ActorRegistry | str | Path | None = None,
    *,
    rules: QuoteRules | str | Path | None = None,
    layout: Layout | None = None,
) -> pd.DataFrame:
    """Build the ``attributions`` table of a corpus (see :func:`extract_quotes` for one text).

    Parameters
    ----------
    documents
        A table with ``doc_id`` and ``text`` columns (:func:`analysis.load_corpus`).
    actors, rules
        As for :func:`extract_quotes`.
    layout
        The layout rules whose ``joint_speakers`` are resolved to both sides (default:
        :func:`analysis.corpus.layout.load_layout`; see :mod:`analysis.attribution.joint`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`; offsets index ``documents.text``. Feed it with the
        documents to :func:`analysis.utterances` to give every span of text its voice. A
        document whose ``language`` is not English is read with its language's quote rules
        (:mod:`analysis.attribution.multilingual`), or gives no rows when it has none.

    Examples
    --------
    >>> from analysis.corpus.inputs import documents_from_texts
    >>> docs = documents_from_texts({"a": "Both leaders underscored that ties are strong."})
    >>> attribute_quotes(docs)[["doc_id", "speaker", "resolution"]].values.tolist()
    [['a', 'Both leaders', 'none']]
    """
    registry, compiled = _registry(actors), _rules(rules)
    layout = layout if layout is not None else load_layout()
    rows: list[tuple] = []
    dates = documents["date"] if "date" in documents.columns else [None] * len(documents)
    languages = documents["language"] if "language" in documents.columns else [""] * len(documents)
    for doc_id, text, date, language in zip(documents["doc_id"], documents["text"], dates, languages, strict=True):
        text = text if isinstance(text, str) else ""
        code = str(language).strip().lower() if isinstance(language, str) else ""
        if code not in ("", "en"):  # read by its own language's rules, or by none (analysis.pipeline.languages)
            rows.extend(_rows_in(str(doc_id), text, registry, code))
            continue
        rows.extend(
            resolve_joint_rows(
                attribution_rows(str(doc_id), text, registry, compiled, date=date, layout=layout),
                text,
                registry,
                layout,
            )
        )
    return _frame(rows)


def _rows_in(doc_id: str, text: str, registry: ActorRegistry, code: str) -> list[tuple]:
    """The attributions of a document in another language than English: its own rules, or none."""
    from ..languages import is_analysable, load_language
    from .multilingual import attribution_rows_in

    return attribution_rows_in(doc_id, text, registry, load_language(code)) if is_analysable(code) else []
