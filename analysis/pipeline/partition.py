"""The work of one partition of a corpus: one pass per document, then the partition's tables.

A partition is a list of document files. :func:`analyse_paths` reads them itself (a task
carries paths, not tables), and for each document, under a time limit
(:mod:`analysis.pipeline.guard`), attributes its quotes, resolves joint speakers, gives every
span its voice and cuts the voices into sentence units. Then, for the whole partition at once,
it scores the units' sentiment and matches the frames. The result is a
:class:`PartitionResult` of plain tables, which the engines write as Parquet and concatenate:
every aggregate is then built from these per-document rows.

Examples
--------
>>> from analysis.paths import default_corpus
>>> from analysis.pipeline.study import load_study
>>> settings = Settings(load_study(default_corpus()))
>>> result = analyse_paths([str(p) for p in sorted((default_corpus() / "documents").glob("*.md"))], settings)
>>> len(result.documents), result.skipped
(1, [])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..attribution.extract import attribution_rows, quote_frame
from ..attribution.joint import resolve_joint_rows
from ..corpus.documents import DOCUMENT_COLUMNS, read_document
from ..corpus.layout import Layout
from ..corpus.registry import ActorRegistry
from ..errors import AnalysisError, CorpusError
from ..salience.detectors import FrameDetector, detect_by_language
from ..schema import columns, row_type
from ..sentiment.methods import DEFAULT_METHOD
from ..sentiment.scoring import score_units
from ..text import segment, tokenize
from ..voices.units import document_units, unit_frame
from ..voices.utterances import Utterance, document_utterances, utterance_frame
from .guard import DocumentTimeoutError, time_limit
from .languages import LanguageReader, LanguageReaders, foreign_rows, is_english, language_of, sizes_only
from .study import Study

__all__ = ["ON_TIMEOUT", "STATS_COLUMNS", "Settings", "PartitionResult", "analyse_paths", "analyse_frame"]

#: What a document over the time limit does: ``"skip"`` it (reported by id) or ``"fail"`` the run.
ON_TIMEOUT = ("skip", "fail")
#: Columns of the per-document sizes (the corpus overview).
STATS_COLUMNS = columns("stats")
#: A row of the attributions table, read by column name.
_Quote = row_type("attributions")
_UNIT_START, _UNIT_END = columns("units").index("start"), columns("units").index("end")


@dataclass(frozen=True)
class Settings:
    """Everything a partition needs, small enough to travel with every task.

    ``study`` is the corpus's :class:`~analysis.pipeline.study.Study` (it travels as where its
    files are); ``method`` the sentiment method the units are scored with; ``time_limit`` the
    seconds one document may take (None: no limit); ``on_timeout`` what a document over it does
    (:data:`ON_TIMEOUT`).
    """

    study: Study
    method: str = DEFAULT_METHOD
    time_limit: float | None = 60.0
    on_timeout: str = "skip"

    def __post_init__(self) -> None:
        if self.on_timeout not in ON_TIMEOUT:
            raise AnalysisError(f"on_timeout {self.on_timeout!r} is not one of {', '.join(ON_TIMEOUT)}")
        if self.time_limit is not None and not self.time_limit > 0:
            raise AnalysisError(f"time_limit {self.time_limit!r} must be a positive number of seconds")


@dataclass
class PartitionResult:
    """The tables of one partition (see :class:`analysis.pipeline.run.CorpusAnalysis`)."""

    documents: pd.DataFrame
    attributions: pd.DataFrame
    utterances: pd.DataFrame
    units: pd.DataFrame
    frames: pd.DataFrame
    stats: pd.DataFrame
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Context:
    actors: ActorRegistry
    layout: Layout
    detector: FrameDetector
    rules: object
    readers: LanguageReaders = field(default_factory=LanguageReaders)


def _context(study: Study) -> _Context:
    return _Context(study.actors, study.layout, study.frame_detector(), study.quote_rules)


def check_speakers(documents: pd.DataFrame, actors: ActorRegistry) -> None:
    """Check that every document's ``speaker`` is an actor of the registry.

    Raises
    ------
    CorpusError
        Naming the document's file (or id) and the unknown speaker.
    """
    if "speaker" not in documents.columns:
        return
    for doc in documents.itertuples(index=False):
        speaker = getattr(doc, "speaker", "") or ""
        if speaker and speaker not in actors:
            where = getattr(doc, "path", "") or doc.doc_id
            raise CorpusError(where, f"speaker {speaker!r} is not an actor id of {actors.source}")


def _document_rows(doc, context: _Context) -> tuple[list[tuple], list[tuple], list[tuple], tuple]:
    """Attributions, utterances, units and sizes of one document (the per-document pass).

    The document's language chooses the rules (:mod:`analysis.pipeline.languages`): English as
    always, another language with resources its own, a language without them none (the document
    is only counted).
    """
    code = language_of(doc)
    if not is_english(code):
        reader = context.readers.reader(code)
        if reader is None:
            return [], [], [], sizes_only(doc)
        return _foreign_document_rows(doc, context, reader)
    text = doc.text
    parts = segment(text)  # the paragraphs and sentences, split once for every step below
    narration = context.layout.narration_spans(text, paragraphs=parts.paragraphs)
    found = {"paragraphs": parts.paragraphs, "narration": narration}
    date = getattr(doc, "date", None)
    rows = attribution_rows(
        str(doc.doc_id), text, context.actors, context.rules, date=date, layout=context.layout, **found
    )
    quotes = resolve_joint_rows(rows, text, context.actors, context.layout)
    spans = [(q.start, q.end, q.actor, q.side, q.type, q.quote_id, q.resolution) for q in map(_Quote._make, quotes)]
    utterances = document_utterances(doc, spans, actors=context.actors, layout=context.layout, **found)
    units = document_units(text, [Utterance(*row) for row in utterances], parts.sentences)
    sizes = (doc.doc_id, len(parts.paragraphs), len(parts.sentences), len(tokenize(text)), len(text))
    return quotes, utterances, units, sizes


def _foreign_document_rows(doc, context: _Context, reader: LanguageReader) -> tuple[list, list, list, tuple]:
    """The per-document pass of a document in a language with resources other than English (a
    sentence that is all narration, such as a dateline razdel splits off, is no unit)."""
    text = doc.text
    rows, sentences, paragraphs, narration = foreign_rows(doc, reader, context.actors)
    quotes = resolve_joint_rows(rows, text, context.actors, reader.layout)
    spans = [(q.start, q.end, q.actor, q.side, q.type, q.quote_id, q.resolution) for q in map(_Quote._make, quotes)]
    found = {"paragraphs": paragraphs, "narration": narration}
    utterances = document_utterances(doc, spans, actors=context.actors, layout=reader.layout, **found)
    units = document_units(text, [Utterance(*row) for row in utterances], sentences)
    units = [u for u in units if not any(s <= u[_UNIT_START] and u[_UNIT_END] <= e for s, e, _ in narration)]
    sizes = (doc.doc_id, len(paragraphs), len(sentences), len(reader.language.tokens(text)), len(text))
    return quotes, utterances, units, sizes


def analyse_frame(documents: pd.DataFrame, settings: Settings) -> PartitionResult:
    """Analyse the documents of a ``documents`` table (one partition; see the module docstring).

    Raises
    ------
    CorpusError
        When a document's ``speaker`` is not an actor of the registry.
    DocumentTimeoutError
        When a document takes longer than ``settings.time_limit`` and ``on_timeout`` is ``"fail"``.
    """
    context = _context(settings.study)
    check_speakers(documents, context.actors)
    kept, quotes, utterances, units, stats, skipped = [], [], [], [], [], []
    for doc in documents.itertuples(index=False):
        try:
            with time_limit(settings.time_limit, str(doc.doc_id)):
                rows = _document_rows(doc, context)
        except DocumentTimeoutError as exc:
            if settings.on_timeout == "fail":
                raise
            skipped.append((str(doc.doc_id), str(exc)))
            continue
        kept.append(doc.doc_id)
        quotes += rows[0]
        utterances += rows[1]
        units += rows[2]
        stats.append(rows[3])
    unit_table = unit_frame(units)
    study = settings.study
    scored = (
        score_units(unit_table, method=settings.method, boilerplate=study.boilerplate, resources=study)
        if len(unit_table)
        else unit_table
    )
    scored.attrs.clear()  # the method object stays here; the table travels and is stored
    ids = list(context.detector.frame_ids)
    languages = unit_table["language"].replace("", "en").tolist()  # no language given: read as English
    hits = detect_by_language(context.detector, unit_table["text"].tolist(), languages)
    frames = pd.DataFrame(hits, columns=ids).assign(unit_id=unit_table["unit_id"].to_numpy())
    return PartitionResult(
        documents=documents[documents["doc_id"].isin(kept)].reset_index(drop=True),
        attributions=quote_frame(quotes),
        utterances=utterance_frame(utterances),
        units=scored if len(unit_table) else unit_frame([]),
        frames=frames[["unit_id", *ids]],
        stats=pd.DataFrame(stats, columns=STATS_COLUMNS),
        skipped=skipped,
    )


def analyse_paths(paths: list[str], settings: Settings, *, root: str | None = None) -> PartitionResult:
    """Read the document files of one partition and analyse them (a task of the engines).

    ``root`` is the corpus folder the stored ``path`` of each document is relative to.
    """
    documents = [read_document(p, relative_to=root).as_row() for p in paths]
    frame = pd.DataFrame(documents, columns=DOCUMENT_COLUMNS)
    return analyse_frame(frame, settings)
