"""Side-by-side comparison of two voices: the tables the framing report shows.

:func:`compare_voices` runs every measurement on the same sentence units of two voices (actor
ids, ``side:NAME``, ``outlet``...) and keeps, next to every number, the units it was counted on:

* what each voice said (its statements, with document and offsets);
* sentiment per voice with bootstrap intervals, and the difference with a permutation p-value;
* distinctive terms (log-odds with an informative Dirichlet prior) with counts and stability;
* frame shares per voice with intervals and evidence sentence ids;
* caveats in plain language, derived from the sizes and kinds of the evidence.

Examples
--------
>>> from analysis.pipeline.run import analyse_corpus
>>> comparison = compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=999)
>>> comparison.labels
('Iranian Foreign Ministry', 'Russian Foreign Ministry')
>>> int(comparison.sentiment.loc[0, "n"]) > int(comparison.sentiment.loc[1, "n"])
True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..corpus.registry import ActorRegistry
from ..errors import VoiceError
from ..pipeline.run import CorpusAnalysis
from ..salience.frames import FrameLexicon, frame_shares
from ..salience.scores import SmallSampleWarning, keyness
from ..sentiment.methods import score_units
from ..sentiment.stats import compare_sentiment, voice_sentiment
from ..text import tokenize
from ..voices.utterances import check_voice, select_voice, voice_label, voice_mask

__all__ = [
    "Comparison",
    "compare_voices",
    "speaker_table",
    "statements",
    "voice_frame_shares",
    "voice_sizes",
    "describe_speakers",
    "sentiment_sentences",
    "keyword_contexts",
    "frame_evidence",
]

#: Below this many sentence units a voice's intervals are wide (and the report says so).
SMALL_UNITS = 10
#: Below this many tokens a keyness list is a ranking of the sample, not a finding.
SMALL_TOKENS = 1_000


def speaker_table(attributions: pd.DataFrame, actors: ActorRegistry | None = None) -> pd.DataFrame:
    """Who is quoted, how often, and how: one row per actor (groups kept as such).

    Columns: actor, name, side, attributions, direct, indirect, mixed, words (in the quoted or
    reported content), documents. Unresolved speakers are grouped under actor ``""`` with
    their name ``(unresolved)``. Sorted by the number of attributions.

    Examples
    --------
    >>> att = pd.DataFrame({"doc_id": ["d", "d"], "actor": ["lavrov", "lavrov"], "side": ["russia"] * 2,
    ...     "type": ["direct", "indirect"], "content": ["We agree.", "talks went well"]})
    >>> speaker_table(att)[["actor", "attributions", "direct", "indirect", "words"]].values.tolist()
    [['lavrov', 2, 1, 1, 5]]
    """
    columns = ["actor", "name", "side", "attributions", "direct", "indirect", "mixed", "words", "documents"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    frame = attributions.assign(
        actor=attributions["actor"].fillna(""),
        words=attributions["content"].map(lambda t: len(tokenize(t))),
    )
    rows = []
    for actor, group in frame.groupby("actor", sort=False):
        types = group["type"].value_counts()
        if actor and actors is not None:
            name = " + ".join(actors[a].name if a in actors else a for a in actor.split("+"))
        else:
            name = actor or "(unresolved)"
        rows.append(
            {
                "actor": actor,
                "name": name,
                "side": group["side"].iloc[0] or "",
                "attributions": len(group),
                "direct": int(types.get("direct", 0)),
                "indirect": int(types.get("indirect", 0)),
                "mixed": int(types.get("mixed", 0)),
                "words": int(group["words"].sum()),
                "documents": group["doc_id"].nunique(),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["attributions", "words", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def statements(utterances: pd.DataFrame, voice: str) -> pd.DataFrame:
    """What a voice said: its utterances with document, offsets, type and text, in text order."""
    selected = select_voice(utterances, voice)
    return selected[["doc_id", "start", "end", "type", "actor", "text"]].reset_index(drop=True)


def voice_sizes(units: pd.DataFrame, voice: str) -> dict[str, int]:
    """Return the size of a voice: sentence units, tokens, utterances and documents."""
    selected = units[voice_mask(units, voice)]
    return {
        "units": len(selected),
        "tokens": int(sum(len(tokenize(t)) for t in selected["text"])),
        "utterances": int(selected[["doc_id", "utt_id"]].drop_duplicates().shape[0]),
        "documents": int(selected["doc_id"].nunique()),
    }


def voice_frame_shares(
    units: pd.DataFrame,
    voices: list[str],
    frames: FrameLexicon | str | Path | None = None,
    **options: object,
) -> pd.DataFrame:
    """Frame shares for arbitrary voices (actors, sides, outlets), one row per voice x frame.

    Each voice's units are selected with :func:`analysis.select_voice` and measured by
    :func:`analysis.frame_shares`; the ``voice`` column names the voice as given.
    """
    parts = []
    for voice in voices:
        selected = select_voice(units, voice).assign(actor=voice)
        shares = frame_shares(selected, frames, by="actor", **options).rename(columns={"actor": "voice"})
        parts.append(shares)
    result = pd.concat(parts, ignore_index=True)
    result.attrs.update({**parts[0].attrs, "by": "voice"})
    return result


@dataclass(frozen=True)
class Comparison:
    """The side-by-side result of :func:`compare_voices` (every table keeps its evidence ids)."""

    a: str
    b: str
    labels: tuple[str, str]
    sizes: dict[str, dict[str, int]]
    statements_a: pd.DataFrame
    statements_b: pd.DataFrame
    scored: pd.DataFrame
    sentiment: pd.DataFrame
    sentiment_difference: pd.DataFrame
    keyness: pd.DataFrame
    frames: pd.DataFrame
    caveats: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The comparison in a few plain sentences, each number from the tables above."""
        la, lb = self.labels
        parts = []
        for voice, label in ((self.a, la), (self.b, lb)):
            size = self.sizes[voice]
            parts.append(
                f"{label}: {size['utterances']} statement(s) in {size['documents']} document(s), "
                f"{size['units']} sentence unit(s), {size['tokens']} words."
            )
        rows = self.sentiment.set_index("voice")
        for voice, label in ((self.a, la), (self.b, lb)):
            row = rows.loc[voice]
            interval = (
                f" (95% interval {row['low']:+.2f} to {row['high']:+.2f})"
                if pd.notna(row["low"])
                else " (no interval: too few sentences)"
            )
            parts.append(f"Mean sentiment of {label}: {row['mean']:+.2f}{interval} over {row['n']} sentence(s).")
        diff = self.sentiment_difference.iloc[0]
        if pd.notna(diff["difference"]):
            p_value = f", permutation p = {diff['p_value']:.2f}" if pd.notna(diff["p_value"]) else ""
            parts.append(f"Difference {la} minus {lb}: {diff['difference']:+.2f}{p_value}.")
        top = self.frames.sort_values("share", ascending=False)
        for voice, label in ((self.a, la), (self.b, lb)):
            best = top[(top["voice"] == voice) & (top["k"] > 0)].head(2)
            if not best.empty:
                frames = " and ".join(f"{r.label} ({r.k} of {r.n} sentences)" for r in best.itertuples())
                parts.append(f"Most frequent frames of {label}: {frames}.")
        return " ".join(parts)


def _caveats(comparison_sizes: dict[str, dict[str, int]], labels: dict[str, str], run: CorpusAnalysis,
             scored: pd.DataFrame, voices: list[str]) -> list[str]:  # fmt: skip
    notes = []
    for voice in voices:
        size, label = comparison_sizes[voice], labels[voice]
        if size["units"] < SMALL_UNITS:
            notes.append(
                f"{label} has only {size['units']} sentence unit(s): sentiment and frame intervals are wide "
                "(or missing for a single sentence); treat every figure as a description of these sentences, "
                "not of the ministry's discourse."
            )
        if size["tokens"] < SMALL_TOKENS:
            notes.append(
                f"{label} has {size['tokens']} words (fewer than about {SMALL_TOKENS:,}): distinctive terms are a "
                "ranking of this sample; check their counts, stability and the sentences."
            )
        selected = run.utterances[voice_mask(run.utterances, voice)]
        reported = selected["type"].isin(["indirect", "mixed"]).mean() if len(selected) else 0.0
        if reported >= 0.5:
            notes.append(
                f"{reported:.0%} of {label}'s statements are reported speech: the words are the outlet's "
                "paraphrase, so they show how the outlet renders the voice as much as the voice itself."
            )
    documents = run.documents["doc_id"].nunique()
    outlets = run.documents["outlet"].nunique()
    if documents < 5 or outlets < 2:
        notes.append(
            f"The corpus has {documents} document(s) from {outlets} outlet(s): what each voice appears to say "
            "depends on what these outlets chose to report."
        )
    boilerplate = int(scored[voice_mask(scored, voices[0]) | voice_mask(scored, voices[1])]["boilerplate"].sum())
    if boilerplate:
        notes.append(
            f"{boilerplate} sentence(s) are diplomatic boilerplate (condolences, condemnations) that lexicons "
            "score as strongly negative although they are routine courtesy."
        )
    notes.append(
        "Lexicon methods (VADER, frame lexicons) count words; they cannot see irony, stance towards a "
        "target, what was left unsaid, or the context of a statement."
    )
    return notes


def compare_voices(
    run: CorpusAnalysis,
    a: str,
    b: str,
    *,
    seed: int = 0,
    n_resamples: int = 9999,
    n_boot: int = 200,
    frames: FrameLexicon | str | Path | None = None,
    method: str = "vader",
) -> Comparison:
    """Compare two voices of a corpus on every measurement, keeping the evidence.

    Parameters
    ----------
    run
        The tables of :func:`analysis.analyse_corpus`.
    a, b
        Voices: actor ids, ``side:NAME``, ``outlet`` or ``outlet:NAME``.
    seed
        Seed of every resampling (sentiment bootstrap and permutation, keyness stability).
    n_resamples
        Resamples of the sentiment bootstrap and permutation test.
    n_boot
        Resamples of the keyness stability.
    frames
        Frame lexicon (default: the corpus folder's ``frames.yml`` if any, else the package's).
    method
        Sentiment method (see :func:`analysis.sentiment_methods`).

    Raises
    ------
    VoiceError
        For an unknown voice, or a voice with no text in the corpus.
    """
    voices = [check_voice(a, run.actors), check_voice(b, run.actors)]
    if voices[0] == voices[1]:
        raise VoiceError(f"compare two different voices (both are {voices[0]!r})")
    labels = {v: voice_label(v, run.actors) for v in voices}
    units = {v: select_voice(run.units, v) for v in voices}
    sizes = {v: voice_sizes(run.units, v) for v in voices}
    scored = score_units(pd.concat(units.values()).drop_duplicates("unit_id"), method=method)
    common = {"seed": seed, "n_resamples": n_resamples}
    sentiment = voice_sentiment(scored, voices, actors=run.actors, **common)
    difference = compare_sentiment(scored, voices[0], voices[1], **common)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # reported in the caveats instead
        terms = keyness(units[voices[0]], units[voices[1]], seed=seed, n_boot=n_boot,
                        labels=(labels[voices[0]], labels[voices[1]]))  # fmt: skip
    lexicon = frames if frames is not None else run.corpus
    shares = voice_frame_shares(run.units, voices, lexicon)
    return Comparison(
        a=voices[0],
        b=voices[1],
        labels=(labels[voices[0]], labels[voices[1]]),
        sizes=sizes,
        statements_a=statements(run.utterances, voices[0]),
        statements_b=statements(run.utterances, voices[1]),
        scored=scored,
        sentiment=sentiment,
        sentiment_difference=difference,
        keyness=terms,
        frames=shares,
        caveats=_caveats(sizes, labels, run, scored, voices),
    )


def describe_speakers(speakers: pd.DataFrame) -> str:
    """Describe a :func:`speaker_table` in one plain-language paragraph.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["lavrov", ""], "name": ["Sergey Lavrov", "(unresolved)"],
    ...     "attributions": [3, 1], "direct": [1, 0], "indirect": [2, 1], "mixed": [0, 0], "words": [40, 5],
    ...     "documents": [1, 1]})
    >>> print(describe_speakers(table))  # doctest: +NORMALIZE_WHITESPACE
    4 attributions to 2 speakers; 1 direct quotation, 3 reported statements (indirect or mixed).
    Most quoted: Sergey Lavrov (3). 1 attribution has a speaker that matches no actor of the registry.
    """
    total = int(speakers["attributions"].sum()) if len(speakers) else 0
    if total == 0:
        return "No quotation or reported statement was found."
    direct = int(speakers["direct"].sum())
    reported = total - direct
    top = speakers.iloc[0]

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    text = (
        f"{plural(total, 'attribution')} to {plural(len(speakers), 'speaker')}; "
        f"{direct} direct quotation{'s' if direct != 1 else ''}, {reported} reported statement"
        f"{'s' if reported != 1 else ''} (indirect or mixed). Most quoted: {top['name']} ({int(top['attributions'])})."
    )
    unresolved = int(speakers.loc[speakers["actor"] == "", "attributions"].sum())
    if unresolved:
        text += (
            f" {unresolved} attribution{'s have' if unresolved != 1 else ' has'} a speaker that matches no actor "
            "of the registry."
        )
    return text


def sentiment_sentences(comparison: Comparison) -> pd.DataFrame:
    """Every scored sentence of the two voices, with the lexicon words behind its score.

    Columns: voice, label, unit_id, text, compound, polarity, boilerplate, words; ordered by
    voice, then position in the corpus.
    """
    from ..sentiment.stats import sentiment_evidence

    parts = []
    for (_, row), label in zip(comparison.sentiment.iterrows(), comparison.labels, strict=True):
        evidence = sentiment_evidence(comparison.scored, row, explain=True)
        parts.append(evidence.assign(voice=row["voice"], label=label))
    table = pd.concat(parts, ignore_index=True)
    return table[["voice", "label", "unit_id", "text", "compound", "polarity", "boilerplate", "words"]]


def keyword_contexts(comparison: Comparison, units: pd.DataFrame, *, n: int = 3, window: int = 8) -> pd.DataFrame:
    """Keyword in context for the ``n`` top terms of each side, in the voice they characterise.

    Columns: side (the voice's label), term, score, count, then :func:`analysis.kwic`'s columns.
    """
    from ..salience.scores import kwic, top_terms

    parts = []
    top = top_terms(comparison.keyness, n)
    for row in top.itertuples(index=False):
        voice, label, count = (
            (comparison.a, comparison.labels[0], row.count_a)
            if row.score > 0
            else (comparison.b, comparison.labels[1], row.count_b)
        )
        contexts = kwic(row.term, select_voice(units, voice), window=window)
        parts.append(contexts.assign(voice=label, term=row.term, score=row.score, count=count))
    if not parts:
        return pd.DataFrame(columns=["voice", "term", "score", "count", "left", "match", "right", "unit_id"])
    table = pd.concat(parts, ignore_index=True)
    return table[["voice", "term", "score", "count", "left", "match", "right", "unit_id"]]


def frame_evidence(shares: pd.DataFrame, units: pd.DataFrame, *, per_frame: int = 3) -> pd.DataFrame:
    """The sentences behind frame shares: up to ``per_frame`` units per voice x frame with hits.

    Columns: voice, frame, label, k, n, unit_id, text.
    """
    text_of = units.drop_duplicates("unit_id").set_index("unit_id")["text"]
    voice_column = shares.attrs.get("by", "voice")
    voice_column = {"doc": "doc_id"}.get(voice_column, voice_column)
    rows = []
    for row in shares[shares["k"] > 0].itertuples(index=False):
        record = row._asdict()
        for unit_id in list(record["evidence"])[:per_frame]:
            rows.append(
                {
                    "voice": record[voice_column],
                    "frame": record["frame"],
                    "label": record["label"],
                    "k": record["k"],
                    "n": record["n"],
                    "unit_id": unit_id,
                    "text": text_of.get(unit_id, ""),
                }
            )
    return pd.DataFrame(rows, columns=["voice", "frame", "label", "k", "n", "unit_id", "text"])
