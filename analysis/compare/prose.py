"""The words of a comparison: its summary, its caveats and a description of who speaks.

Every sentence here is built from the numbers of the tables it describes, so the prose of a
report can be checked against them.

Examples
--------
>>> table = pd.DataFrame({"actor": ["lavrov"], "name": ["Sergey Lavrov"], "attributions": [2], "direct": [2],
...     "indirect": [0], "mixed": [0], "words": [30], "documents": [1]})
>>> print(describe_speakers(table))  # doctest: +NORMALIZE_WHITESPACE
2 attributions to 1 speaker; 2 direct quotations, 0 reported statements (indirect or mixed).
Most quoted: Sergey Lavrov (2).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from ..resampling import SMALL_SAMPLE, SMALL_TOKENS
from ..sentiment.stats import unmeasured_note
from ..syndication.distinct import describe_reach
from ..voices.voice import Voice, language_label

if TYPE_CHECKING:
    from ..pipeline.run import CorpusAnalysis
    from .result import Comparison

__all__ = [
    "MIXED_LANGUAGES",
    "summarise",
    "describe_counting",
    "caveats",
    "language_caveats",
    "describe_speakers",
    "describe_voices",
]


def _plural(n: int, word: str) -> str:
    """``n word`` or ``n words``.

    Examples
    --------
    >>> _plural(1, "document"), _plural(1234, "word")
    ('1 document', '1,234 words')
    """
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summarise(comparison: Comparison) -> str:
    """The comparison in a few plain sentences, each number from its tables (:meth:`Comparison.summary`)."""
    la, lb = comparison.labels
    parts = []
    for voice, label in ((comparison.a, la), (comparison.b, lb)):
        size = comparison.sizes[voice]
        parts.append(
            f"{label}: {_plural(size['utterances'], 'statement')} in {_plural(size['documents'], 'document')}, "
            f"{_plural(size['units'], 'sentence unit')}, {_plural(size['tokens'], 'word')}."
        )
    parts.append(describe_counting(comparison))
    rows = comparison.sentiment.set_index("voice")
    for voice, label in ((comparison.a, la), (comparison.b, lb)):
        row = rows.loc[voice]
        if pd.isna(row["mean"]):
            parts.append(f"{label} has no scored sentence.")
            continue
        interval = (
            f" (95% interval {row['low']:+.2f} to {row['high']:+.2f})"
            if pd.notna(row["low"])
            else " (no interval: all its sentences come from one document)"
            if "one document" in str(row["note"])
            else " (no interval: too few sentences)"
        )
        sentences = _plural(int(row["n"]), "sentence")
        parts.append(f"Mean sentiment of {label}: {row['mean']:+.2f}{interval} over {sentences}.")
    diff = comparison.sentiment_difference.iloc[0]
    if pd.notna(diff["difference"]):
        p_value = f", permutation p = {diff['p_value']:.2f}" if pd.notna(diff["p_value"]) else ""
        parts.append(f"Difference {la} minus {lb}: {diff['difference']:+.2f}{p_value}.")
    top = comparison.frames.sort_values("share", ascending=False)
    for voice, label in ((comparison.a, la), (comparison.b, lb)):
        best = top[(top["voice"] == voice) & (top["k"] > 0)].head(2)
        if not best.empty:
            frames = " and ".join(f"{r.label} ({r.k} of {r.n} sentences)" for r in best.itertuples())
            parts.append(f"Most frequent frames of {label}: {frames}.")
    return " ".join(parts)


def describe_counting(comparison: Comparison) -> str:
    """Say whether copies were counted once, and how much that shrank each voice's sentence units.

    Examples
    --------
    >>> from analysis.pipeline import analyse_corpus
    >>> from analysis.compare import compare_voices
    >>> print(describe_counting(compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=99)))
    ... # doctest: +NORMALIZE_WHITESPACE
    Copies count once (distinct statements): no sentence of either voice is repeated in another document or
    outlet, so nothing was merged.
    """
    units = comparison.units
    if units.empty or "first" not in units.columns:
        return ""
    parts = []
    repeated = False
    for voice, label in zip(comparison.voices, comparison.labels, strict=True):
        selected = units[voice.mask(units)]
        repeated = repeated or not selected["first"].astype(bool).all()
        parts.append(describe_reach(selected, label))
    if comparison.count == "copies":
        head = "Every copy counts (count='copies'); counting distinct statements instead would merge copies."
    else:
        head = "Copies count once (distinct statements):"
    if not repeated:
        tail = "no sentence of either voice is repeated in another document or outlet, so nothing was merged."
        return f"{head} {tail}" if comparison.count != "copies" else "Every copy counts (count='copies'); " + tail
    return f"{head} {' '.join(parts)}"


def describe_voices(comparison: Comparison) -> str:
    """Say which two voices a comparison compares, and who speaks in each, with their roles.

    Examples
    --------
    >>> from analysis.pipeline import analyse_corpus
    >>> from analysis.compare import compare_voices
    >>> print(describe_voices(compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=99)))
    ... # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
    Voice A is Iranian Foreign Ministry (iran_mfa): 8 statements in 1 document, by Iranian Foreign
    Ministry itself (8). Voice B is Russian Foreign Ministry (russia_mfa): 1 statement in 1 document, ...
    """
    parts = []
    for letter, voice, label in (("A", comparison.a, comparison.labels[0]), ("B", comparison.b, comparison.labels[1])):
        size = comparison.sizes[voice]
        table = comparison.contributions[voice]
        speakers = ", ".join(
            f"{row.name} itself ({row.statements})"
            if row.actor in voice.split("+")
            else f"{row.name}{', ' + row.role if row.role else ''} ({row.statements})"
            for row in table.itertuples()
        )
        parts.append(
            f"Voice {letter} is {label} ({voice}): {_plural(size['utterances'], 'statement')} in "
            f"{_plural(size['documents'], 'document')}, by {speakers or 'nobody'}."
        )
    return " ".join(parts)


def caveats(
    sizes: dict[str, dict[str, int]],
    labels: dict[str, str],
    run: CorpusAnalysis,
    scored: pd.DataFrame,
    voices: list[Voice],
) -> list[str]:
    """What the numbers of a comparison cannot tell, in plain language, from its sizes and kinds of evidence."""
    notes = []
    for voice in voices:
        size, label = sizes[str(voice)], labels[str(voice)]
        if size["units"] < SMALL_SAMPLE:
            notes.append(
                f"{label} has only {_plural(size['units'], 'sentence unit')}: sentiment and frame intervals are wide "
                "(or missing for a single sentence); treat every figure as a description of these sentences, "
                "not of the ministry's discourse."
            )
        if size["tokens"] < SMALL_TOKENS:
            notes.append(
                f"{label} has {size['tokens']} words (fewer than about {SMALL_TOKENS:,}): distinctive terms are a "
                "ranking of this sample; check their counts, stability and the sentences."
            )
        # the statements counted (the utterances of the voice's units), as in its size
        selected = scored[voice.mask(scored)].drop_duplicates(["doc_id", "utt_id"])
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
            f"The corpus has {_plural(documents, 'document')} from {_plural(outlets, 'outlet')}: what each voice "
            "appears to say "
            "depends on what these outlets chose to report."
        )
    boilerplate = int(scored[voices[0].mask(scored) | voices[1].mask(scored)]["boilerplate"].sum())
    if boilerplate:
        notes.append(
            f"{_plural(boilerplate, 'sentence')} {'is' if boilerplate == 1 else 'are'} diplomatic boilerplate "
            "(condolences, condemnations) that lexicons "
            "score as strongly negative although they are routine courtesy."
        )
    notes.extend(language_caveats(scored, voices))
    notes.append(
        "Lexicon methods (VADER, frame lexicons) count words; they cannot see irony, stance towards a "
        "target, what was left unsaid, or the context of a statement."
    )
    return notes


#: How the caveat of two voices whose sentences mix languages starts.
MIXED_LANGUAGES = "The two voices' sentences are in several languages"


def language_caveats(scored: pd.DataFrame, voices: list[Voice]) -> list[str]:
    """The caveats of languages: two voices whose sentences mix languages, and tone not measured.

    Examples
    --------
    >>> units = pd.DataFrame({"actor": ["lavrov", "lavrov", "araghchi"], "side": ["russia", "russia", "iran"],
    ...     "source": ["quote"] * 3, "language": ["en", "ru", "ru"], "compound": [0.1, None, None]})
    >>> for note in language_caveats(units, [Voice.parse("lavrov"), Voice.parse("araghchi")]):
    ...     print(note)  # doctest: +ELLIPSIS
    The two voices' sentences are in several languages (1 English, 2 Russian): ... (lavrov@ru, lang:ru:lavrov).
    Tone not measured for 2 Russian units: ...
    """
    if "language" not in scored.columns:
        return []
    chosen = scored[voices[0].mask(scored) | voices[1].mask(scored)]
    codes = chosen["language"].fillna("").astype(str).replace("", "en")
    notes = []
    if codes.nunique() > 1:
        counts = ", ".join(f"{n} {language_label(c)}" for c, n in codes.value_counts().sort_index().items())
        first = voices[0] if voices[0].kind != "all" else voices[1]
        example = str(replace(first, language="")) if first.kind != "all" else "iran_mfa"
        notes.append(
            f"{MIXED_LANGUAGES} ({counts}): words, frames and tone are read "
            "with each language's resources and do not compare across languages; restrict both voices to one "
            f"language ({example}@{codes.mode().iloc[0]}, lang:{codes.mode().iloc[0]}:{example})."
        )
    if "compound" in chosen.columns and chosen["compound"].isna().any():
        missing = chosen["compound"].isna()
        note = unmeasured_note(chosen[missing])
        which = "no tone is given" if missing.all() else "the tone figures are of the other units"
        notes.append(
            f"{note[0].upper()}{note[1:]}: the sentiment method does not read their language, so {which} "
            "(bring a dictionary of that language, such as tone.ru.lc3, or a model trained on its codes)."
        )
    return notes


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
