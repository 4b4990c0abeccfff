"""Selective quoting: of what an actor actually said, which parts did each outlet carry?

When a corpus holds an actor's own text -- a *primary text*: a ``statement``, ``transcript``,
``interview`` or ``op-ed`` document, whose sentences are units of source ``primary`` -- every
statement of that actor reported in the news is aligned to the primary sentences
(:func:`~analysis.syndication.align.align_statements`: quoted, paraphrased or not found), and
:func:`coverage` tells, for one primary text:

* which sentences each outlet carried (quoted or paraphrased), and which no outlet carried;
* which reported statements have no source in the primary text.

Which statements are compared:

* those of the primary text's actors, of their members (a spokesperson's words may come from
  the ministry's statement) and of the institutions they belong to (news often credits the
  minister's words to "the ministry");
* in documents that are not primary texts themselves, dated no earlier than
  :data:`MARGIN_DAYS` (2) days before the primary text (a transcript is often published the
  day after the news that reported the press conference); undated documents count.

Examples
--------
>>> from analysis.pipeline import analyse_corpus
>>> primary_documents(analyse_corpus()).empty  # the bundled corpus is one news article
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..schema import columns
from ..voices.voice import PRESS, Voice, as_voice
from .align import align_statements

__all__ = [
    "MARGIN_DAYS",
    "PRIMARY_COLUMNS",
    "COVERAGE_SENTENCE_COLUMNS",
    "COVERAGE_STATEMENT_COLUMNS",
    "CoverageError",
    "Coverage",
    "primary_documents",
    "coverage",
]

#: Reported statements are taken from documents dated at most this many days before the primary text.
MARGIN_DAYS = 2
#: Columns of :func:`primary_documents`.
PRIMARY_COLUMNS = columns("primary_texts")
#: Columns of :attr:`Coverage.sentences`.
COVERAGE_SENTENCE_COLUMNS = columns("coverage_sentences")
#: Columns of :attr:`Coverage.statements`.
COVERAGE_STATEMENT_COLUMNS = columns("coverage_statements")


class CoverageError(AnalysisError):
    """A primary text that is not in the corpus, or a document that is not a primary text."""


def _primary_units(units: pd.DataFrame) -> pd.DataFrame:
    speech = units[units["source"].eq("primary") & ~units["actor"].fillna("").eq(PRESS)]
    return speech[speech["actor"].fillna("").ne("")]


def primary_documents(run, *, margin_days: int = MARGIN_DAYS) -> pd.DataFrame:
    """The primary texts of a corpus: documents holding an actor's own sentences.

    Parameters
    ----------
    run
        A :class:`~analysis.pipeline.CorpusAnalysis`.
    margin_days
        As in :func:`coverage`: reported statements count from this many days before the text.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PRIMARY_COLUMNS`: ``actors`` is the actor ids of the sentences joined by
        ``", "``, ``sentences`` their number, ``reported`` the number of statements of these
        actors (or of their institutions and members) that the news reports from ``margin_days``
        before the text on -- the statements :func:`coverage` compares with it. In corpus order.
    """
    primary = _primary_units(run.units)
    if primary.empty:
        return pd.DataFrame(columns=PRIMARY_COLUMNS)
    grouped = primary.groupby("doc_id", sort=False)["actor"].agg(
        actors=lambda actors: ", ".join(dict.fromkeys(actors)), sentences="size"
    )
    documents = run.documents[run.documents["doc_id"].isin(grouped.index)]
    table = documents.reindex(columns=["doc_id", "title", "outlet", "date", "genre"]).join(grouped, on="doc_id")
    table["genre"] = table["genre"].fillna("")
    counter = _reported_counter(_reported_units(run.units, primary), run.actors)
    pairs = zip(table["actors"], table["date"], strict=True)
    table["reported"] = [counter(set(actors.split(", ")), date, margin_days) for actors, date in pairs]
    return table.reindex(columns=PRIMARY_COLUMNS).reset_index(drop=True)


def _reported_units(units: pd.DataFrame, primary: pd.DataFrame) -> pd.DataFrame:
    """Quoted and reported statements of the news: quotes outside every primary text."""
    return units[units["source"].eq("quote") & ~units["doc_id"].isin(set(primary["doc_id"]))]


def _reported_counter(reported: pd.DataFrame, actors):
    """``count(speakers, date, margin_days)``: reported statements a primary text is compared with."""
    eligible = _related(actors)
    names = reported["actor"].fillna("")
    dates = pd.to_datetime(reported["date"]) if "date" in reported.columns else pd.Series(pd.NaT, index=reported.index)
    by_actor = {
        actor: (np.sort(days.dropna().to_numpy(dtype="datetime64[ns]")), int(days.isna().sum()))
        for actor, days in dates.groupby(names.to_numpy(), sort=False)
    }

    def count(speakers: set[str], date, margin_days: int) -> int:
        total = 0
        since = None if pd.isna(date) else np.datetime64(pd.Timestamp(date) - pd.Timedelta(days=margin_days), "ns")
        for actor, (days, undated) in by_actor.items():
            if any(eligible(actor, speaker) for speaker in speakers):
                total += undated + (len(days) if since is None else len(days) - int(np.searchsorted(days, since)))
        return total

    return count


def _related(actors):
    """Whether a reported statement's actor can come from a primary sentence's actor."""

    def institutions(actor: str) -> set[str]:
        return set(actors.institutions_of(actor)) if actors is not None and actor in actors else set()

    def eligible(reported: str, primary: str) -> bool:
        return reported == primary or primary in institutions(reported) or reported in institutions(primary)

    return eligible


@dataclass(frozen=True)
class Coverage:
    """What the news carried of one primary text (see :func:`coverage`)."""

    source: str
    title: str
    outlet: str
    date: pd.Timestamp
    label: str
    sentences: pd.DataFrame
    statements: pd.DataFrame
    outlets: tuple[str, ...]

    def matrix(self) -> pd.DataFrame:
        """One row per primary sentence, one column per outlet: ``quoted``, ``paraphrased`` or ``""``."""
        table = self.sentences[["sentence", "text"]].copy()
        for outlet in self.outlets:
            table[outlet] = [
                "quoted" if outlet in quoted else "paraphrased" if outlet in paraphrased else ""
                for quoted, paraphrased in zip(
                    self.sentences["quoted_by"], self.sentences["paraphrased_by"], strict=True
                )
            ]
        return table

    def unsourced(self) -> pd.DataFrame:
        """The reported statements with no source in the primary text."""
        return self.statements[self.statements["match"].eq("not found")].reset_index(drop=True)

    def summary(self) -> str:
        """What the news carried of the primary text, in plain sentences."""
        n = len(self.sentences)
        day = (
            f" ({self.date.date().isoformat()})" if isinstance(self.date, pd.Timestamp) and pd.notna(self.date) else ""
        )
        head = f"{self.label}: {self.title!r}{day} has {n} sentence{'s' if n != 1 else ''}."
        if self.statements.empty:
            return head + " No outlet in the corpus reports a statement of its speakers from that date on."
        carried = self.sentences[self.sentences["outlets"] > 0]
        matches = self.statements["match"].value_counts()
        ignored = n - len(carried)
        return (
            f"{head} {len(self.outlets)} outlet(s) report {len(self.statements)} statement(s) of its speakers "
            f"in {self.statements['doc_id'].nunique()} document(s): {int(matches.get('quoted', 0))} quoted, "
            f"{int(matches.get('paraphrased', 0))} paraphrased, {int(matches.get('not found', 0))} with no source "
            f"in this text. {len(carried)} of its {n} sentences were carried by at least one outlet; "
            f"{ignored} by none."
        )


def coverage(run, source: str, *, voice: str | Voice | None = None, margin_days: int = MARGIN_DAYS) -> Coverage:
    """Align the news to one primary text: which sentences each outlet quoted, paraphrased or left out.

    Parameters
    ----------
    run
        A :class:`~analysis.pipeline.CorpusAnalysis`.
    source
        The ``doc_id`` of a primary text (see :func:`primary_documents`).
    voice
        Only the primary sentences of this voice (for a transcript: one speaker's turns);
        by default every actor of the text (journalists' questions excluded).
    margin_days
        Statements are taken from documents dated at most this many days before the primary text.

    Returns
    -------
    Coverage
        ``sentences`` (one row per primary sentence, columns :data:`COVERAGE_SENTENCE_COLUMNS`: its
        number, the outlets that carried it and how), ``statements`` (one row per reported
        statement compared, :data:`COVERAGE_STATEMENT_COLUMNS`, in corpus order), the ``outlets``
        (most sentences carried first), :meth:`Coverage.matrix`, :meth:`Coverage.unsourced`
        and :meth:`Coverage.summary`.

    Raises
    ------
    CoverageError
        For a ``source`` that is not a document of the corpus, or not a primary text.
    """
    documents = run.documents.set_index("doc_id", drop=False)
    primary_all = _primary_units(run.units)
    if source not in documents.index:
        raise CoverageError(f"no document {source!r} in the corpus; {_primary_list(primary_all)}")
    sentences = primary_all[primary_all["doc_id"].eq(source)]
    if voice is not None:
        parsed = as_voice(voice, run.actors)
        sentences = sentences[parsed.mask(sentences)]
        label = parsed.label(run.actors)
    else:
        names = dict.fromkeys(sentences["actor"])
        label = " + ".join(run.actors[a].name if a in run.actors else a for a in names)
    if sentences.empty:
        raise CoverageError(
            f"document {source!r} holds no primary sentence{' of that voice' if voice is not None else ''} "
            f"(a statement, transcript, interview or op-ed of an actor); {_primary_list(primary_all)}"
        )
    doc = documents.loc[source]
    date = pd.to_datetime(doc["date"])
    eligible = _related(run.actors)
    speakers = set(sentences["actor"])
    reported = _reported_units(run.units, primary_all)
    reporters = reported["actor"].fillna("").astype(str)
    related = {a: any(eligible(a, p) for p in speakers) for a in reporters.unique()}  # once per actor
    reported = reported[reporters.map(related).astype(bool).to_numpy()]
    if pd.notna(date) and "date" in reported.columns:
        dates = pd.to_datetime(reported["date"])
        reported = reported[dates.isna() | (dates >= date - pd.Timedelta(days=margin_days))]
    sentences = sentences.reset_index(drop=True).assign(sentence=lambda t: range(1, len(t) + 1))
    aligned = align_statements(reported, sentences, eligible=eligible)
    number = dict(zip(sentences["unit_id"], sentences["sentence"], strict=True))
    statements = aligned.assign(sentence=aligned["primary_id"].map(number).astype("Int64"))
    statements = statements.reindex(columns=COVERAGE_STATEMENT_COLUMNS)
    statements["outlet"] = statements["outlet"].fillna("").astype(str)
    quoted_by, paraphrased_by = [], []
    for unit in sentences["unit_id"]:
        hits = statements[aligned["primary_id"].eq(unit).to_numpy()]
        quoted = list(dict.fromkeys(hits.loc[hits["match"].eq("quoted"), "outlet"]))
        quoted_by.append(quoted)
        paraphrased_by.append([o for o in dict.fromkeys(hits.loc[hits["match"].eq("paraphrased"), "outlet"])
                               if o not in quoted])  # fmt: skip
    table = sentences[["sentence", "unit_id", "actor", "text"]].assign(
        outlets=[len(q) + len(p) for q, p in zip(quoted_by, paraphrased_by, strict=True)],
        quoted_by=quoted_by,
        paraphrased_by=paraphrased_by,
    )
    carried = {o: sum(o in q or o in p for q, p in zip(quoted_by, paraphrased_by, strict=True))
               for o in dict.fromkeys(statements["outlet"])}  # fmt: skip
    outlets = tuple(sorted(carried, key=lambda o: (-carried[o], o)))
    return Coverage(
        source=source,
        title=str(doc["title"]),
        outlet=str(doc["outlet"]),
        date=date,
        label=label,
        sentences=table[COVERAGE_SENTENCE_COLUMNS].reset_index(drop=True),
        statements=statements.reset_index(drop=True),
        outlets=outlets,
    )


def _primary_list(primary: pd.DataFrame) -> str:
    ids = list(dict.fromkeys(primary["doc_id"]))
    if not ids:
        return "this corpus holds no primary text"
    shown = ", ".join(ids[:5]) + (f", ... ({len(ids)} in all)" if len(ids) > 5 else "")
    return f"primary texts: {shown}"
