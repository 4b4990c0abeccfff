"""Side-by-side comparison of two voices: the tables the framing report shows.

:func:`compare_voices` runs every measurement on the same sentence units of two voices (actor
ids, ``side:NAME``, ``outlet``...) and keeps, next to every number, the units it was counted on:

* what each voice said (its statements, with document and offsets);
* sentiment per voice with bootstrap intervals, and the difference with a permutation p-value;
* distinctive terms (log-odds with an informative Dirichlet prior) with counts and stability;
* frame shares per voice with intervals and evidence sentence ids;
* caveats in plain language, derived from the sizes and kinds of the evidence.

Copies count once: the same or nearly the same sentence of one actor in several documents (a
soundbite reprinted by five outlets) is one *distinct statement* with a reach
(:mod:`analysis.syndication.distinct`). Sentiment, keyness, frames, sizes and who speaks are
measured on distinct statements unless ``count="copies"``; the statements tables show each
statement's reach and the summary says how much the counts shrank.

Examples
--------
>>> from analysis.pipeline import analyse_corpus
>>> comparison = compare_voices(analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=999)
>>> comparison.labels
('Iranian Foreign Ministry', 'Russian Foreign Ministry')
>>> int(comparison.sentiment.loc[0, "n"]) > int(comparison.sentiment.loc[1, "n"])
True
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pandas as pd

from ..errors import VoiceError
from ..pipeline.run import CorpusAnalysis
from ..resampling import Resampling
from ..salience.frames import FRAME_RESAMPLING, Frames, voice_frame_shares
from ..salience.scores import KEYNESS_COLUMNS, SmallSampleWarning, TooLittleTextError, keyness
from ..sentiment.differences import compare_sentiment
from ..sentiment.methods import DEFAULT_METHOD, Scorer, SentimentMethod
from ..sentiment.registry import method_name
from ..sentiment.scoring import SCORED_COLUMNS, score_units
from ..sentiment.stats import voice_sentiment
from ..syndication.distinct import counted_units, distinct_statements
from ..voices.voice import Voice, as_voice
from .cache import comparison_key, is_stored, load_comparison, prune_comparisons, save_comparison
from .evidence import statements, voice_contributions, voice_sizes
from .prose import MIXED_LANGUAGES, caveats
from .result import Comparison
from .validated import codes_digest, mark_low_validity, validation_tables

__all__ = ["Comparison", "MixedLanguagesWarning", "compare_voices"]


def compare_voices(
    run: CorpusAnalysis,
    a: str,
    b: str,
    *,
    resampling: Resampling | None = None,
    seed: int | None = None,
    n_resamples: int | None = None,
    stability_resamples: int = 200,
    frames: Frames = None,
    method: str | SentimentMethod | Scorer = DEFAULT_METHOD,
    count: str = "distinct",
    cache: bool = True,
) -> Comparison:
    """Compare two voices of a corpus on every measurement, keeping the evidence.

    Parameters
    ----------
    run
        The tables of :func:`analysis.analyse_corpus`.
    a, b
        Voices: actor ids, ``side:NAME``, ``outlet`` or ``outlet:NAME``.
    resampling
        The resampling of the sentiment bootstrap and permutation test, and of the frame
        intervals (its ``level``: ``"document"``, the default, or ``"sentence"``; see
        :mod:`analysis.resampling`); its seed also seeds the keyness stability.
    seed, n_resamples
        Shorthands for ``resampling=Resampling(seed=..., n_resamples=...)`` (the notebooks'
        parameter); they override ``resampling``'s.
    stability_resamples
        Resamples of the keyness stability.
    frames
        A frame detector, a detector's name or a lexicon file (default: the study's lexicon,
        ``run.study.frames``).
    method
        Sentiment method (see :func:`analysis.sentiment_methods`; ``"diplomatic"`` by default,
        reading the corpus's actor registry, titles and adjustments).
    count
        ``"distinct"`` (default): every measurement counts each distinct statement of a voice
        once, however many documents carry it; ``"copies"``: every copy counts.
        :attr:`Comparison.units` keeps every copy with its reach either way.
    cache
        With a stored analysis (``run.store``), read the comparison from the store when it was
        made with the same analysis and options, else make it and store it
        (:mod:`analysis.compare.cache`): a report computes it once for all its notebooks.

    Raises
    ------
    VoiceError
        For an unknown voice, or a voice with no text in the corpus.

    Warns
    -----
    MixedLanguagesWarning
        When the two voices' sentences are in more than one language (a corpus of English and
        Russian documents): restrict them with ``@ru`` (``iran_mfa@ru``) or ``lang:ru:``.
    """
    options = resampling if resampling is not None else Resampling()
    if seed is not None:
        options = options.replace(seed=seed)
    if n_resamples is not None:
        options = options.replace(n_resamples=n_resamples)
    parsed = [as_voice(a, run.actors), as_voice(b, run.actors)]
    if parsed[0] == parsed[1]:
        raise VoiceError(f"compare two different voices (both are {str(parsed[0])!r})")
    path = None
    if (
        cache
        and run.store is not None
        and isinstance(method, str)
        and (frames is None or isinstance(frames, (str, Path)))
    ):
        key = {
            "voices": [str(v) for v in parsed],
            "seed": options.seed,
            "n_resamples": options.n_resamples,
            "stability_resamples": stability_resamples,
            "frames": str(frames or run.config.frames),
            "method": method,
            "resample": options.level,
            "count": count,
            "documents": hashlib.sha256("\n".join(map(str, run.documents["doc_id"])).encode("utf-8")).hexdigest(),
            "codes": codes_digest(run.study.root),
            "models": [_file_digest(f) for f in (frames, method) if str(f).lower().endswith(".json")],
        }
        path = run.store / "comparisons" / comparison_key(run.store, key)
        if is_stored(path):
            return _warn_languages(load_comparison(path, run.actors))
    comparison = _compare(run, parsed, options, stability_resamples, frames, method, count)
    if path is not None:
        save_comparison(comparison, path)
        prune_comparisons(path.parent, path.name)  # those of an earlier analysis are never read again
    return _warn_languages(comparison)


class MixedLanguagesWarning(UserWarning):
    """The two voices of a comparison speak in several languages (the caveat says how to restrict them)."""


def _warn_languages(comparison: Comparison) -> Comparison:
    for note in comparison.caveats:
        if note.startswith(MIXED_LANGUAGES):
            warnings.warn(note, MixedLanguagesWarning, stacklevel=3)
    return comparison


def _file_digest(path: str | Path) -> str:
    """A model file's hash: the comparison is made again when the model changes."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return str(path)  # a missing file is reported where it is read


def _no_terms() -> pd.DataFrame:
    """An empty keyness table with the columns and types :func:`keyness` returns."""
    integers = {"n", "count_a", "count_b"}
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c in integers else str if c == "term" else "float64") for c in KEYNESS_COLUMNS}
    )


def _compare(
    run: CorpusAnalysis,
    parsed: list[Voice],
    options: Resampling,
    stability_resamples: int,
    frames: Frames,
    method: str | SentimentMethod | Scorer,
    count: str,
) -> Comparison:
    voices = [str(v) for v in parsed]
    labels = {str(v): v.label(run.actors) for v in parsed}
    copies = {str(v): v.select(run.units) for v in parsed}  # each voice's units, selected once
    # in corpus order (the first copy of a statement is the earliest, then the first in the corpus)
    selected = pd.concat(copies.values()).drop_duplicates("unit_id").sort_index(kind="stable")
    grouped = distinct_statements(selected, grouping=run.statements)
    counted = counted_units(grouped, count)
    units = {str(v): counted[v.mask(counted)] for v in parsed}
    everything = Voice("all")
    sizes = {v: voice_sizes(units[v], everything) for v in voices}
    contributions = {v: voice_contributions(units[v], everything, run.actors) for v in voices}
    if isinstance(method, str) and method.lower().endswith(".json"):  # the tone learned from codes (framing train)
        method = run.study.sentiment_method(method)
    if "compound" in counted.columns and counted["method"].eq(method_name(method)).all() and isinstance(method, str):
        scored = counted  # scored once by the pipeline with this method
    else:
        scored = score_units(
            counted.drop(columns=SCORED_COLUMNS, errors="ignore"),
            method=method,
            boilerplate=run.study.boilerplate,
            resources=run.study,
        )
    sentiment = voice_sentiment(scored, voices, actors=run.actors, resampling=options)
    difference = compare_sentiment(scored, parsed[0], parsed[1], actors=run.actors, resampling=options)
    pair = (labels[voices[0]], labels[voices[1]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # reported in the caveats instead
        try:
            stability = Resampling(n_resamples=stability_resamples, seed=options.seed)
            terms = keyness(units[voices[0]], units[voices[1]], stability=stability, labels=pair)
        except TooLittleTextError as error:  # a data condition: say so instead of failing the report
            terms = _no_terms()
            terms.attrs.update({"labels": list(pair), "empty_reason": str(error)})
    lexicon = run.study.frame_detector(frames)
    matches = run.frames if frames is None else None  # matched once by the pipeline with the study's lexicon
    frame_options = FRAME_RESAMPLING.replace(level=options.level)
    shares = voice_frame_shares(counted, parsed, lexicon, actors=run.actors, resampling=frame_options, matches=matches)
    hits = None
    if matches is not None and list(matches.columns) == ["unit_id", *lexicon.frame_ids]:
        found = matches.set_index("unit_id").reindex(counted["unit_id"])
        hits = None if found.isna().any().any() else found.to_numpy(dtype=bool)
    validity = validation_tables(run, counted, voices, lexicon, method, options, hits=hits)
    shares = mark_low_validity(shares, validity["frame_validity"])
    notes = caveats(sizes, labels, run, scored, parsed)
    notes += [f"No distinctive terms: {terms.attrs['empty_reason']}."] if "empty_reason" in terms.attrs else []
    return Comparison(
        a=voices[0],
        b=voices[1],
        labels=(labels[voices[0]], labels[voices[1]]),
        voices=(parsed[0], parsed[1]),
        sizes=sizes,
        contributions=contributions,
        statements_a=statements(units[voices[0]], everything, run.actors, reach=True),
        statements_b=statements(units[voices[1]], everything, run.actors, reach=True),
        scored=scored,
        sentiment=sentiment,
        sentiment_difference=difference,
        keyness=terms,
        frames=shares,
        caveats=notes,
        count=count,
        units=grouped,
        **validity,
    )
