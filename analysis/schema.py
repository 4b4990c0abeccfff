"""Every table that crosses a stage boundary, declared once: its columns, their types and meaning.

The stages talk through pandas tables; this module is their contract. Each
:class:`TableSchema` names its columns in order, with a type (:data:`TYPES`) and what the
column means, so that a stage builds and reads rows by name and the store
(:mod:`analysis.pipeline.store`) checks a table when it writes and reads it: a stored analysis
of an older version fails with one line naming the table and the column, not with a
``KeyError`` deep in a report.

Offsets (``start``, ``end``) are character offsets into ``documents.text``, half-open.

Examples
--------
>>> columns("sentences")
['doc_id', 'sent_id', 'paragraph', 'start', 'end', 'text']
>>> TABLES["attributions"].column("cue").meaning
'the reporting verb or phrase ("said", "according to")'
>>> import pandas as pd
>>> check(pd.DataFrame({"doc_id": ["d"], "sent_id": [0]}), "sentences")
Traceback (most recent call last):
...
analysis.schema.SchemaError: table 'sentences': column 'paragraph' is missing
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from functools import cache

import pandas as pd

from .errors import AnalysisError

__all__ = ["TYPES", "Column", "TableSchema", "SchemaError", "TABLES", "columns", "empty", "check", "row_type"]

#: The column types: how each is checked, and the dtype of an empty column.
TYPES = {
    "str": "object",
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "date": "datetime64[s]",
    "list": "object",
    "any": "object",
}


class SchemaError(AnalysisError):
    """A table does not have the columns or types its schema declares."""


@dataclass(frozen=True)
class Column:
    """One column: its name, type (a key of :data:`TYPES`) and meaning."""

    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class TableSchema:
    """A table: one row is ``row``; its ``columns`` in order; ``more`` says what further columns mean, if any."""

    name: str
    row: str
    columns: tuple[Column, ...]
    more: str = ""
    more_type: str = ""

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column of that name."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def _table(name: str, row: str, *specs: tuple[str, str, str], more: str = "", more_type: str = "") -> TableSchema:
    return TableSchema(name, row, tuple(Column(*spec) for spec in specs), more, more_type)


_DOC = ("doc_id", "str", "the document's id (front matter ``id``)")
_START = ("start", "int", "first character, an offset into the document's text")
_END = ("end", "int", "one past the last character")
_UNIT = ("unit_id", "str", 'the sentence unit: ``"{doc_id}:{start}-{end}"``')
_ACTOR = ("actor", "str", 'the actor id of the voice; ``"outlet"`` for narration, ``"press"`` for questions, '
          '``"a+b"`` for a joint voice, ``""`` when the speaker was not resolved')  # fmt: skip
_SIDE = ("side", "str", 'the actor\'s side (``iran``, ``russia``...); ``a+b`` for joint; ``""`` for none')
_SOURCE = ("source", "str", "``quote`` (attributed), ``narration`` (the outlet's), ``statement`` or ``turn``")
_TYPE = ("type", "str", "``direct``, ``indirect``, ``mixed``, ``statement``, ``turn`` or ``narration``")
_OUTLET = ("outlet", "str", "the document's outlet")
_DATE = ("date", "date", "the document's publication date")
_GENRE = ("genre", "str", "the document's genre: news, statement, transcript, interview, op-ed")
_TEXT = ("text", "str", "the text of the span, as in the document")

_SCHEMAS = (
    _table(
        "documents",
        "a corpus document",
        _DOC,
        ("title", "str", "headline as published"),
        _OUTLET,
        _DATE,
        ("url", "str", "address of the original"),
        ("byline", "str", "author or agency line as published"),
        ("language", "str", "ISO 639-1 code of the body's language"),
        _GENRE,
        ("speaker", "str", "for a statement, transcript, interview or op-ed: the actor id of who speaks"),
        ("text", "str", "the body as stored, after the front matter; every offset points into it"),
        ("path", "str", "the document's file, relative to the corpus folder"),
    ),
    _table(
        "sentences",
        "a sentence of a document",
        _DOC,
        ("sent_id", "int", "the sentence's position in its document, from 0"),
        ("paragraph", "int", "the paragraph's position in its document, from 0"),
        _START,
        _END,
        _TEXT,
    ),
    _table(
        "attributions",
        "one quote or reported statement: who said what",
        _DOC,
        ("quote_id", "int", "the attribution's position in its document, from 0"),
        ("start", "int", "first character of the content"),
        ("end", "int", "one past the last character of the content"),
        ("content", "str", "what was said (the quoted or reported words)"),
        ("type", "str", "``direct``, ``indirect`` or ``mixed``"),
        ("cue", "str", 'the reporting verb or phrase ("said", "according to")'),
        ("cue_start", "int", "first character of the cue (-1 without one)"),
        ("cue_end", "int", "one past the cue (-1 without one)"),
        ("speaker", "str", "the speaker as written (a name, a description, a pronoun)"),
        ("speaker_start", "int", "first character of the speaker as written (-1 without one)"),
        ("speaker_end", "int", "one past the speaker as written (-1 without one)"),
        ("actor", "str", 'the resolved actor id (``a+b`` for a joint voice; ``""`` when unresolved)'),
        _SIDE,
        ("resolution", "str", "how the speaker was resolved: explicit, alias, anaphora, group, headline..."),
    ),
    _table(
        "utterances",
        "a span of a document with its voice (every character of the body has one)",
        _DOC,
        ("utt_id", "int", "the utterance's position in its document, from 0"),
        _START,
        _END,
        _TEXT,
        _ACTOR,
        _SIDE,
        _SOURCE,
        _TYPE,
        ("quote_id", "int", "the attribution it comes from (-1 for narration and own texts)"),
        _OUTLET,
        _DATE,
        _GENRE,
    ),
    _table(
        "units",
        "a sentence of an utterance: what every measurement counts",
        _UNIT,
        _DOC,
        ("utt_id", "int", "the utterance the sentence belongs to"),
        _START,
        _END,
        _TEXT,
        _ACTOR,
        _SIDE,
        _SOURCE,
        _TYPE,
        _OUTLET,
        _DATE,
        _GENRE,
    ),
    _table(
        "text_units",
        "a sentence unit with the least a measurement needs (texts given without a corpus get these)",
        _UNIT,
        _DOC,
        _START,
        _END,
        _TEXT,
        _ACTOR,
        _SIDE,
    ),
    _table(
        "scores",
        "the sentiment of a sentence unit (the columns score_units adds to a units table)",
        ("neg", "float", "share of the text's weight that is negative"),
        ("neu", "float", "share of the text's weight that is neutral"),
        ("pos", "float", "share of the text's weight that is positive"),
        ("compound", "float", "the normalised score, -1 .. 1"),
        ("method", "str", "the sentiment method that scored it"),
        ("polarity", "str", "``positive`` (compound >= 0.05), ``negative`` (<= -0.05) or ``neutral``"),
        ("boilerplate", "bool", "diplomatic courtesy (condolences, condemnations of terrorism)"),
        ("boilerplate_rule", "str", 'the boilerplate pattern that matched, ``""`` for none'),
    ),
    _table(
        "frame_hits",
        "which frames a sentence unit mentions",
        _UNIT,
        more="one column per frame id of the detector, in its order: whether the unit mentions the frame",
        more_type="bool",
    ),
    _table(
        "stats",
        "the size of a document",
        _DOC,
        ("paragraphs", "int", "paragraphs (blocks separated by blank lines)"),
        ("sentences", "int", "sentences"),
        ("words", "int", "words"),
        ("characters", "int", "characters of the body"),
    ),
    _table(
        "duplicates",
        "a document of a cluster of exact or near-duplicate documents",
        ("cluster", "int", "the cluster, from 1"),
        _DOC,
        ("kept", "bool", "the document kept for the cluster"),
        ("kind", "str", '``exact``, ``near``, ``contained`` or ``""`` for the kept one'),
        ("jaccard", "float", "word-shingle Jaccard similarity to the kept document"),
        ("containment", "float", "share of its shingles found in the kept document"),
        ("size", "int", "the document's length in words"),
        _OUTLET,
        _DATE,
        ("title", "str", "the document's title"),
    ),
    _table(
        "statements",
        "the distinct statement a speaker's sentence unit belongs to, with its reach",
        _UNIT,
        ("statement_id", "str", "the distinct statement (the unit id of its first copy)"),
        ("first", "bool", "the unit is the statement's first copy (the one counted once)"),
        ("copies", "int", "copies of the statement in the corpus"),
        ("documents", "int", "documents that carry it"),
        ("outlets", "int", "outlets that carry it"),
        ("first_date", "date", "the date of its first copy"),
    ),
    _table(
        "keyness",
        "a term of voice A against voice B",
        ("term", "str", "a word or n-gram"),
        ("n", "int", "the n of the n-gram"),
        ("count_a", "int", "occurrences in A"),
        ("count_b", "int", "occurrences in B"),
        ("rate_a", "float", "occurrences per 1,000 tokens of A"),
        ("rate_b", "float", "occurrences per 1,000 tokens of B"),
        ("score", "float", "the method's score (log-odds z, G2 or tf-idf difference); positive: A"),
        ("p", "float", "two-sided p-value of the score"),
        ("stability", "float", "share of bootstrap resamples that keep the term in the top list"),
    ),
    _table(
        "frame_shares",
        "a voice x a frame",
        ("voice", "str", "the voice as written"),
        ("frame", "str", "the frame id"),
        ("label", "str", "the frame's label"),
        ("n", "int", "sentence units of the voice"),
        ("k", "int", "units that mention the frame"),
        ("share", "float", "k / n"),
        ("low", "float", "lower bound of the interval"),
        ("high", "float", "upper bound of the interval"),
        ("evidence", "list", "the unit ids of the k units"),
        ("note", "str", "why the interval is rough or missing"),
    ),
    _table(
        "sentiment_summary",
        "the sentiment of a voice (or a document, or a group)",
        ("n", "int", "scored sentence units"),
        ("n_documents", "int", "documents they come from"),
        ("mean", "float", "mean compound score"),
        ("low", "float", "lower bound of the interval"),
        ("high", "float", "upper bound of the interval"),
        ("share_positive", "float", "share of positive units"),
        ("share_neutral", "float", "share of neutral units"),
        ("share_negative", "float", "share of negative units"),
        ("n_boilerplate", "int", "units flagged as diplomatic boilerplate"),
        ("small_sample", "bool", "fewer than 10 units"),
        ("note", "str", "why the interval is rough or missing"),
        ("unit_ids", "list", "the units counted"),
        more="the columns of the grouping come first (voice, label; or doc_id; ...)",
        more_type="any",
    ),
    _table(
        "sentiment_comparison",
        "two voices' sentiment compared",
        ("voice_a", "str", "voice A"),
        ("voice_b", "str", "voice B"),
        ("n_a", "int", "units of A"),
        ("n_b", "int", "units of B"),
        ("documents_a", "int", "documents of A"),
        ("documents_b", "int", "documents of B"),
        ("mean_a", "float", "mean compound of A"),
        ("mean_b", "float", "mean compound of B"),
        ("difference", "float", "mean_a - mean_b"),
        ("low", "float", "lower bound of the difference's interval"),
        ("high", "float", "upper bound of the difference's interval"),
        ("p_value", "float", "permutation p-value of the difference"),
        ("n_shared", "int", "units counted for both voices"),
        ("small_sample", "bool", "a voice has fewer than 10 units"),
        ("note", "str", "why the interval is rough or missing"),
    ),
    _table(
        "interval_widths",
        "a voice's sentiment interval at the sentence and at the document level",
        ("voice", "str", "the voice"),
        ("n", "int", "its sentence units"),
        ("n_documents", "int", "their documents"),
        ("mean", "float", "mean compound"),
        ("low_sentence", "float", "lower bound, sentences resampled"),
        ("high_sentence", "float", "upper bound, sentences resampled"),
        ("low_document", "float", "lower bound, documents resampled"),
        ("high_document", "float", "upper bound, documents resampled"),
        ("width_sentence", "float", "width, sentences resampled"),
        ("width_document", "float", "width, documents resampled"),
        ("ratio", "float", "width_document / width_sentence"),
        ("note", "str", "why an interval is missing"),
    ),
    _table(
        "explanations",
        "a word behind a sentence's score (or a name masked, or a word not scored)",
        ("text_id", "any", "the text: its label in the Series explained, else its position"),
        ("position", "int", "the word's index in the text's tokens (-1: not found)"),
        ("token", "str", "the word as written"),
        ("lexicon", "float", "its valence in the lexicon (NaN for a masked name or a note)"),
        ("valence", "float", "its valence after caps, boosters, negation and idioms"),
        ("contribution", "float", "what it adds to the sum, after 'but'"),
        ("rules", "str", "the rules applied, joined by '; '"),
    ),
    _table(
        "alignments",
        "a reported statement's match in a primary text",
        ("match", "str", '``quoted``, ``paraphrased`` or ``""``'),
        ("primary_id", "str", "the unit id of the matching sentence of the primary text"),
        ("primary_text", "str", "its text"),
        ("verbatim", "float", "share of the statement's words found in it in the same order"),
        ("similarity", "float", "TF-IDF cosine similarity"),
    ),
    _table(
        "mentions",
        "a target a sentence unit is about",
        _UNIT,
        ("target", "str", "the target id (targets.yml)"),
        ("matched", "str", "the words that name it"),
    ),
    _table(
        "statement_reach",
        "a distinct statement of a voice, with its reach",
        ("statement_id", "str", "the distinct statement (the unit id of its first copy)"),
        _ACTOR,
        _TEXT,
        ("copies", "int", "copies of the statement"),
        ("documents", "int", "documents that carry it"),
        ("outlets", "int", "outlets that carry it"),
        ("first_date", "date", "the date of its first copy"),
        ("outlet_names", "list", "the outlets that carry it"),
        ("unit_ids", "list", "every copy's unit id"),
    ),
    _table(
        "voice_statements",
        "a sentence a voice said (what a reader of a ministry's statements reads)",
        _DOC,
        _UNIT,
        _START,
        _END,
        _ACTOR,
        ("role", "str", "the actor's role in its institution (minister, spokesperson...)"),
        _GENRE,
        _TYPE,
        _TEXT,
    ),
    _table(
        "contributions",
        "who speaks for a voice",
        _ACTOR,
        ("name", "str", "the actor's display name"),
        ("role", "str", "the actor's role"),
        ("units", "int", "sentence units"),
        ("statements", "int", "distinct statements"),
        ("documents", "int", "documents"),
        ("share", "float", "share of the voice's units"),
    ),
    _table(
        "kwic",
        "a term in its context",
        _DOC,
        _UNIT,
        _ACTOR,
        _SIDE,
        ("start", "int", "first character of the match"),
        ("end", "int", "one past the match"),
        ("left", "str", "the words before"),
        ("match", "str", "the term as written"),
        ("right", "str", "the words after"),
    ),
    _table(
        "criticism",
        "a voice's sentiment towards a target",
        ("voice", "str", "the voice"),
        ("label", "str", "the voice's label"),
        ("target", "str", "the target id"),
        ("target_name", "str", "the target's name"),
        ("n", "int", "units about the target"),
        ("n_negative", "int", "negative ones"),
        ("n_neutral", "int", "neutral ones"),
        ("n_positive", "int", "positive ones"),
        ("share_negative", "float", "n_negative / n"),
        ("share_positive", "float", "n_positive / n"),
        ("mean", "float", "mean compound"),
        ("negative_ids", "list", "the negative units"),
        ("positive_ids", "list", "the positive units"),
    ),
    _table(
        "corpus_summary",
        "a document and its size",
        _DOC,
        ("title", "str", "headline"),
        _OUTLET,
        _DATE,
        ("paragraphs", "int", "paragraphs"),
        ("sentences", "int", "sentences"),
        ("words", "int", "words"),
        ("characters", "int", "characters"),
    ),
    _table(
        "primary_texts",
        "an actor's own text (statement, transcript) and how often it is reported",
        _DOC,
        ("title", "str", "its title"),
        _OUTLET,
        _DATE,
        _GENRE,
        ("actors", "str", "its speakers"),
        ("sentences", "int", "its speakers' sentences"),
        ("reported", "int", "statements of its speakers reported in the news"),
    ),
    _table(
        "coverage_sentences",
        "a sentence of a primary text and the outlets that carried it",
        ("sentence", "int", "the sentence's position in the primary text"),
        _UNIT,
        _ACTOR,
        _TEXT,
        ("outlets", "int", "outlets that quoted or paraphrased it"),
        ("quoted_by", "list", "outlets that quoted it"),
        ("paraphrased_by", "list", "outlets that paraphrased it"),
    ),
    _table(
        "coverage_statements",
        "a reported statement and its match in a primary text",
        _DOC,
        _OUTLET,
        _DATE,
        _UNIT,
        _ACTOR,
        _TYPE,
        _TEXT,
        ("match", "str", "``quoted``, ``paraphrased`` or ```` (no source in the text)"),
        ("sentence", "float", "the matching sentence of the primary text (NaN for none)"),
        ("primary_text", "str", "the matching sentence's text"),
        ("verbatim", "float", "share of its words found in the same order"),
        ("similarity", "float", "TF-IDF cosine similarity"),
    ),
    _table(
        "timeline",
        "a voice's statements in a period",
        ("period", "date", "the week or month"),
        ("voice", "str", "the voice"),
        ("label", "str", "its label"),
        ("statements", "int", "distinct statements"),
        ("documents", "int", "documents"),
    ),
    _table(
        "events",
        "a key date",
        ("date", "date", "the day"),
        ("label", "str", "what happened"),
        ("source", "str", "where the date was checked"),
        ("note", "str", "anything else"),
    ),
    # -- validation: codes of the user's texts and how right the measures are on them
    _table(
        "codes",
        "a span coded by one coder (a row of a codes file)",
        _DOC,
        _START,
        _END,
        _UNIT,
        ("coder", "str", "who coded it (default: the file's name)"),
        ("tone", "float", "the coded tone, -4 .. 4 (NaN: not coded)"),
        ("weight", "float", "the weight the unit was drawn with (1: a plain draw)"),
        ("file", "str", "the codes file"),
        ("line", "int", "its line in the file"),
        more="``frame:<id>``: 1 (the span uses the frame), 0 (it does not), NaN (not coded)",
        more_type="float",
    ),
    _table(
        "reference_codes",
        "a coded span and its reference value: the adjudicator's, else the coders' majority",
        _DOC,
        _START,
        _END,
        _UNIT,
        ("n_coders", "int", "coders who coded it, the adjudicator left out"),
        ("tone", "float", "the adjudicated tone, else the coders' mean (NaN: not coded)"),
        ("weight", "float", "the weight the unit was drawn with"),
        more="``frame:<id>``: 1, 0 or NaN (not coded, or the coders tied)",
        more_type="float",
    ),
    _table(
        "agreement",
        "a frame, or tone, and how far the coders agree on it",
        ("measure", "str", "``frame`` or ``tone``"),
        ("id", "str", "the frame id, or ``tone``"),
        ("alpha", "float", "Krippendorff's alpha (nominal for frames, interval for tone)"),
        ("low", "float", "lower bound of its bootstrap interval"),
        ("high", "float", "upper bound"),
        ("n_units", "int", "units coded by two or more coders"),
        ("note", "str", "why alpha is undefined or rough"),
    ),
    _table(
        "frame_validity",
        "a frame (or the micro or macro average) and a detector's figures against the codes",
        ("measure", "str", "``frame``"),
        ("id", "str", "the frame id, ``micro`` or ``macro``"),
        ("precision", "float", "of the spans detected, the share coded as the frame"),
        ("recall", "float", "of the spans coded as the frame, the share detected"),
        ("f1", "float", "their harmonic mean"),
        ("n_pos", "int", "coded positives"),
        ("n", "int", "spans coded for the frame"),
        ("tp", "float", "true positives (weighted)"),
        ("fp", "float", "false positives (weighted)"),
        ("fn", "float", "false negatives (weighted)"),
    ),
    _table(
        "tone_validity",
        "a sentiment method and its figures against the coded tone",
        ("measure", "str", "``tone``"),
        ("method", "str", "the method"),
        ("default", "bool", "whether the reports use it"),
        ("pearson", "float", "Pearson r of its compound with the coded tone"),
        ("spearman", "float", "Spearman rho"),
        ("accuracy3", "float", "negative / neutral / positive agreement"),
        ("n", "int", "spans with a coded tone"),
    ),
    _table(
        "misreadings",
        "a coded span a detector got wrong for a frame",
        ("kind", "str", "``false positive`` or ``missed``"),
        ("frame", "str", "the frame"),
        _UNIT,
        _DOC,
        _START,
        _END,
        _TEXT,
        ("terms", "str", "what fired, for a false positive (``; ``-joined)"),
    ),
    _table(
        "corrected_shares",
        "a voice x frame: the share detected and the share corrected for the detector's measured error",
        ("voice", "str", "the voice"),
        ("frame", "str", "the frame"),
        ("n", "int", "the voice's units"),
        ("k", "int", "units the detector finds the frame in"),
        ("raw", "float", "k / n"),
        ("raw_low", "float", "its interval (bootstrap of documents)"),
        ("raw_high", "float", "upper bound"),
        ("corrected", "float", "the Rogan-Gladen share (Forman's adjusted classify-and-count)"),
        ("low", "float", "its interval (bootstrap of coded units and of documents)"),
        ("high", "float", "upper bound"),
        ("sensitivity", "float", "share of coded positives detected"),
        ("specificity", "float", "share of coded negatives not detected"),
        ("f1", "float", "the detector's F1 on the codes"),
        ("n_coded", "int", "spans coded for the frame"),
        ("low_validity", "bool", "F1 below 0.6: read with care"),
        ("note", "str", "why the share is not corrected or is rough"),
    ),
    _table(
        "coding_sheet",
        "a sentence unit drawn to be coded",
        _DOC,
        _START,
        _END,
        _UNIT,
        ("voice", "str", "the voice it was drawn for"),
        _TEXT,
        ("before", "str", "the unit before it in the document"),
        ("after", "str", "the unit after it"),
        more="``weight`` (the draw weight) or ``uncertainty`` (of a model); one empty ``frame:<id>`` column per "
        "frame; ``tone``; ``coder``",
        more_type="any",
    ),
)

_FINDINGS = _table("findings", "a measure of a comparison: voice A, voice B, difference (as text; None: see the note)",
                   ("measure", "str", "what is measured"), ("a", "any", "A's value"), ("b", "any", "B's value"),
                   ("difference", "any", "A against B"), ("note", "str", "how to read the row, why a cell is empty"),
                   ("section", "str", "the section of the framing report with the evidence"))  # fmt: skip
_VOICE_FACTS = _table("voice_facts", "a voice of a comparison and its size", ("voice", "str", "the voice"),
                      ("label", "str", "its label"), ("statements", "int", "its sentence units, every copy"),
                      ("distinct", "int", "distinct statements"), ("documents", "int", "documents"), ("outlets", "int",
                      "outlets"), ("speakers", "str", "who speaks most for it: name, role, statements"))  # fmt: skip
#: Every table, by name.
TABLES: dict[str, TableSchema] = {schema.name: schema for schema in (*_SCHEMAS, _FINDINGS, _VOICE_FACTS)}


def _schema(table: str | TableSchema) -> TableSchema:
    if isinstance(table, TableSchema):
        return table
    try:
        return TABLES[table]
    except KeyError:
        raise SchemaError(f"no table {table!r} (known: {', '.join(TABLES)})") from None


def columns(table: str | TableSchema) -> list[str]:
    """The column names of a table, in order.

    Examples
    --------
    >>> columns("stats")
    ['doc_id', 'paragraphs', 'sentences', 'words', 'characters']
    """
    return _schema(table).names


@cache
def row_type(table: str) -> type:
    """A named tuple of a table's columns: rows built by a stage in column order, read by name.

    Examples
    --------
    >>> Stats = row_type("stats")
    >>> Stats("d", 3, 9, 120, 700).words
    120
    """
    return namedtuple(f"{_schema(table).name.title().replace('_', '')}Row", columns(table))  # type: ignore[misc]


def empty(table: str | TableSchema) -> pd.DataFrame:
    """An empty table with the columns and types of its schema.

    Examples
    --------
    >>> empty("stats").dtypes.astype(str).tolist()
    ['object', 'int64', 'int64', 'int64', 'int64']
    """
    schema = _schema(table)
    return pd.DataFrame({c.name: pd.Series(dtype=TYPES[c.type]) for c in schema.columns})


def _fits(series: pd.Series, kind: str) -> bool:
    dtype = series.dtype
    is_object = pd.api.types.is_object_dtype(dtype)
    if kind in ("any", "list") or (series.empty and is_object):
        return True
    if kind == "str":
        return pd.api.types.is_string_dtype(dtype) or is_object
    if kind == "int":
        return pd.api.types.is_integer_dtype(dtype)
    if kind == "float":
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    if kind == "bool":
        return pd.api.types.is_bool_dtype(dtype)
    if kind == "date":
        return pd.api.types.is_datetime64_any_dtype(dtype) or (is_object and series.isna().all())
    raise SchemaError(f"unknown column type {kind!r}")


def check(frame: pd.DataFrame, table: str | TableSchema, *, where: object = None) -> pd.DataFrame:
    """Check that a table has its schema's columns, of its types; return it unchanged.

    Columns beyond the schema are allowed where the schema says what they are (``more``), and
    then checked against its ``more_type``.

    Raises
    ------
    SchemaError
        One line naming ``where`` (a file, when given), the table and the first column missing
        or of the wrong type.

    Examples
    --------
    >>> check(empty("stats"), "stats").columns.tolist()[:2]
    ['doc_id', 'paragraphs']
    """
    schema = _schema(table)
    prefix = f"{where}: " if where is not None else ""
    for column in schema.columns:
        if column.name not in frame.columns:
            raise SchemaError(f"{prefix}table {schema.name!r}: column {column.name!r} is missing")
        if not _fits(frame[column.name], column.type):
            raise SchemaError(
                f"{prefix}table {schema.name!r}: column {column.name!r} is {frame[column.name].dtype}, "
                f"not {column.type}"
            )
    if schema.more_type and schema.more_type != "any":
        for name in frame.columns.difference(schema.names, sort=False):
            if not _fits(frame[name], schema.more_type):
                raise SchemaError(
                    f"{prefix}table {schema.name!r}: column {name!r} is {frame[name].dtype}, not {schema.more_type}"
                )
    return frame
