"""Frames: which frames each voice uses, as shares of its sentences, with intervals and evidence.

A frame lexicon (``analysis/data/frames.yml``; a corpus may override it with its own
``frames.yml``) lists for each frame the words and phrases that signal it. The frames combine
the Policy Frames Codebook (Boydstun, Card, Gross, Resnik & Smith 2014; Card et al. 2015, the
Media Frames Corpus) where its frames fit diplomacy with the frames diplomacy itself uses
(partnership, sovereignty, multilateralism, the West as adversary...). See the YAML file for
the format and the known limits.

A sentence unit (:func:`analysis.utterance_sentences`) *mentions* a frame when it contains one
of the frame's terms. :func:`frame_shares` reports per voice and frame the number of units
``n``, the number ``k`` that mention the frame, the share ``k / n``, an interval, and the ids of
the ``k`` units, so every number can be checked against its sentences.

**Intervals.** By default the Wilson score interval for a binomial proportion (Wilson 1927),
at the effective sample size of documents (``resample="document"``; Korn & Graubard 1998, see
:func:`analysis.resampling.cluster_shares`). Wilson's interval is chosen over the percentile
bootstrap because the bootstrap degenerates exactly where our data live: with ``k = 0`` or
``k = n`` every resample gives the same share, so the interval is ``[0, 0]`` or ``[1, 1]``
whatever ``n``, and for small ``n`` it is too narrow (Brown, Cai & DasGupta 2001); Wilson's is
never empty, closed-form and needs no seed. Sentences of one document are alike -- a
statement that mentions sanctions once often does so in several sentences -- so the interval
counts the evidence in documents: ``n`` shrinks by the design effect (the between-document
variance of the share over the binomial one) and by the few degrees of freedom of a handful
of documents. When every unit of a voice comes from one document there is no document-level
interval (NaN, with a note). ``resample="sentence"`` gives the plain Wilson interval of units,
right only if sentences were independent. ``interval="bootstrap"`` gives the seeded percentile
bootstrap of documents (or of units with ``resample="sentence"``) for comparison. ``by="doc"``
rows are one document each, so they always use units. Rows with fewer than
:data:`analysis.resampling.SMALL_SHARE` units carry a ``note``.

Examples
--------
>>> import pandas as pd
>>> units = pd.DataFrame({"unit_id": ["d:0-30", "d:31-60", "d:61-90"], "doc_id": "d",
...     "start": [0, 31, 61], "end": [30, 60, 90], "actor": ["iran_mfa", "iran_mfa", "lavrov"],
...     "side": ["iran", "iran", "russia"],
...     "text": ["Sanctions are illegal.", "Our partnership grows.", "We oppose Western sanctions."]})
>>> shares = frame_shares(units, by="side")
>>> shares.loc[shares["frame"].eq("sovereignty"), ["side", "n", "k", "share", "evidence"]].values.tolist()
[['iran', 2, 1, 0.5, ['d:0-30']], ['russia', 1, 1, 1.0, ['d:61-90']]]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..resampling import SMALL_SHARE, Resampling
from ..shares import bootstrap_shares, cluster_shares, wilson_interval
from ..voices.units import as_units
from ..voices.voice import NARRATION, Voice, as_voice
from .detectors import FrameDetector, detect_by_language, detector_languages, frame_detectors, get_detector
from .lemmas import unit_languages
from .lexicon import Frame, FrameLexicon, FramesError, load_frames

__all__ = [
    "BY",
    "INTERVALS",
    "FRAME_RESAMPLING",
    "FramesError",
    "Frame",
    "FrameLexicon",
    "load_frames",
    "frame_matches",
    "match_frames",
    "frame_shares",
    "voice_frame_shares",
]

#: Voices ``frame_shares`` can group by, and the column that names the voice.
BY = {"actor": "actor", "side": "side", "doc": "doc_id"}
#: Interval methods of :func:`frame_shares`.
INTERVALS = ("wilson", "bootstrap")
#: The resampling of frame shares by default: 2,000 resamples of the percentile bootstrap.
FRAME_RESAMPLING = Resampling(n_resamples=2000, method="percentile")
#: Voice of units whose speaker was not resolved (actor ``""``) or texts without attribution.
UNATTRIBUTED = "unattributed"

#: What the functions of this module take as ``frames``: a detector (the lexicon is one), a
#: registered detector's name, a lexicon file or corpus folder, or None (the package lexicon).
Frames = FrameDetector | str | Path | None


def _lexicon(frames: Frames) -> FrameDetector:
    if isinstance(frames, FrameDetector):
        return frames
    if isinstance(frames, str) and frames in frame_detectors():
        return get_detector(frames)
    return load_frames(frames)


def frame_matches(data: str | Sequence[str] | pd.DataFrame, frames: Frames = None) -> pd.DataFrame:
    """Return which frames each sentence unit mentions.

    All units are matched at once (:func:`match_frames`): the same hits as one search per
    unit and frame, without a Python call for each.

    Parameters
    ----------
    data
        A text, a list of texts, or an utterances or units table (see
        :func:`analysis.salience.scores.as_units`).
    frames
        A frame detector (a lexicon, a learned detector), a detector's name, a path for
        :func:`load_frames`, or None for the package lexicon.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id``; one boolean column per frame id, in the detector's order. Each
        unit is read in its language (its ``language`` column; English without one) by
        :func:`~analysis.salience.detectors.detect_by_language`: a unit in a language the
        detector does not read is all False (not measured).

    Examples
    --------
    >>> hits = frame_matches("Sanctions are illegal. They signed a trade deal.")
    >>> hits.loc[:, ["sovereignty", "economy"]].values.tolist()
    [[True, False], [False, True]]
    """
    detector = _lexicon(frames)
    units = as_units(data)
    hits = detect_by_language(detector, units["text"].tolist(), unit_languages(units))
    return pd.DataFrame(hits, index=pd.Index(units["unit_id"], name="unit_id"), columns=list(detector.frame_ids))


def match_frames(texts: Sequence[str], lexicon: FrameDetector) -> np.ndarray:
    """Return a texts x frames boolean array: which frames each text mentions (``lexicon.detect``).

    For a lexicon, computed in a few vectorised passes over all texts by its
    :class:`~analysis.salience.matching.TermMatcher` -- the same hits as searching each frame's
    pattern in each text -- after the names are masked (:meth:`FrameLexicon.detect`).

    Examples
    --------
    >>> match_frames(["Sanctions are illegal.", "Trade grows."], load_frames())[:, :3].shape
    (2, 3)
    """
    return lexicon.detect(list(texts))


def _voices(units: pd.DataFrame, by: str) -> pd.Series:
    """Return the voice of each unit, a unit of a group appearing once for each member."""
    if by == "doc":
        return units["doc_id"].astype(str)
    actor = units["actor"].fillna("").astype(str)
    if by == "actor":
        voice = actor.where(actor != "", UNATTRIBUTED)
    else:
        side = units["side"].fillna("").astype(str)
        voice = side.where(side != "", actor.where(actor == NARRATION, UNATTRIBUTED))
    return voice.str.split("+").explode()


def _share_rows(
    groups: list[tuple[str, np.ndarray]],
    hits: np.ndarray,
    unit_ids: np.ndarray,
    detector: FrameDetector,
    *,
    interval: str,
    options: Resampling,
    documents: np.ndarray | None = None,
) -> list[tuple]:
    """One row per group x frame: n, k, share, interval, evidence and note.

    ``documents`` (the document of each unit) makes the intervals document-level.
    """
    rows = []
    for voice, index in groups:
        voice_hits = hits[index]
        n = index.size
        k = voice_hits.sum(axis=0)
        notes = []
        if n == 0:
            low = high = np.full(len(detector.frame_ids), np.nan)
        elif documents is not None:
            low, high, note = cluster_shares(voice_hits, documents[index], interval=interval, resampling=options)
            notes.append(note)
        elif interval == "wilson":
            low, high = wilson_interval(k, n, confidence_level=options.confidence_level)
        else:
            low, high = bootstrap_shares(voice_hits.astype(float), options)
        if n < SMALL_SHARE:
            notes.insert(0, f"few units (n={n} < {SMALL_SHARE}): the interval is wide")
        note = "; ".join(n for n in notes if n)
        for j, (frame_id, label) in enumerate(zip(detector.frame_ids, detector.frame_labels, strict=True)):
            evidence = unit_ids[index[voice_hits[:, j]]].tolist()
            share = k[j] / n if n else np.nan
            rows.append((voice, frame_id, label, n, int(k[j]), share, low[j], high[j], evidence, note))
    return rows


def _documents(units: pd.DataFrame) -> np.ndarray:
    """The document of each unit (``doc_id``, else the unit itself)."""
    column = units["doc_id"] if "doc_id" in units else units["unit_id"]
    return column.astype(str).to_numpy()


def _prepare(
    data: str | Sequence[str] | pd.DataFrame,
    frames: Frames,
    interval: str,
    resampling: Resampling | None,
    matches: pd.DataFrame | None = None,
) -> tuple[FrameDetector, pd.DataFrame, np.ndarray, Resampling]:
    if interval not in INTERVALS:
        raise InputError(None, f"interval={interval!r}: choose one of {', '.join(INTERVALS)}")
    options = (resampling if resampling is not None else FRAME_RESAMPLING).replace(method="percentile")
    lexicon = _lexicon(frames)
    units = as_units(data)
    units = units[units["text"].str.contains(r"\w", regex=True, na=False)].reset_index(drop=True)
    if units.empty:
        raise InputError(None, "no sentences to score: the input has no text")
    units = _measured(units, lexicon)
    if matches is not None and list(matches.columns) == ["unit_id", *lexicon.frame_ids]:
        hits = matches.set_index("unit_id").reindex(units["unit_id"])
        if not hits.isna().any().any():  # every unit was matched already (CorpusAnalysis.frames)
            return lexicon, units, hits.to_numpy(dtype=bool), options
    return lexicon, units, frame_matches(units, lexicon).to_numpy(), options


def _measured(units: pd.DataFrame, lexicon: FrameDetector) -> pd.DataFrame:
    """The units in a language the detector reads; ``attrs["unmeasured"]`` counts the others by language.

    A unit the detector cannot read is not a unit without frames: it is left out of every
    share's ``n`` (and reported), never counted as a zero.
    """
    languages = pd.Series(unit_languages(units), index=units.index, dtype=object)
    read = languages.isin(detector_languages(lexicon))
    kept = units[read].reset_index(drop=True)
    kept.attrs["unmeasured"] = {str(k): int(v) for k, v in languages[~read].value_counts().sort_index().items()}
    if kept.empty:
        found = ", ".join(sorted(set(languages)))
        raise InputError(
            None,
            f"no sentences to score in a language the detector reads ({', '.join(detector_languages(lexicon))}): "
            f"the units are in {found}",
        )
    return kept


def _result(rows: list[tuple], column: str, attrs: dict) -> pd.DataFrame:
    result = pd.DataFrame(
        rows, columns=[column, "frame", "label", "n", "k", "share", "low", "high", "evidence", "note"]
    ).astype({"n": "int64", "k": "int64", "share": "float64", "low": "float64", "high": "float64"})
    result.attrs.update(attrs)
    return result


def frame_shares(
    data: str | Sequence[str] | pd.DataFrame,
    frames: Frames = None,
    *,
    by: str = "actor",
    interval: str = "wilson",
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Share of each voice's sentence units that mention each frame, with interval and evidence.

    Parameters
    ----------
    data
        An utterances or units table (or texts; see :func:`analysis.voices.units.as_units`).
    frames
        A lexicon, a path for :func:`load_frames` (a corpus folder uses its own ``frames.yml``
        when it has one), or None for the package's lexicon.
    by
        ``"actor"`` (a group's units count for each member; unresolved speakers are
        ``"unattributed"``; narration is ``"outlet"``), ``"side"`` or ``"doc"``.
    interval
        ``"wilson"`` (default) or ``"bootstrap"`` (seeded percentile bootstrap); see the module
        docstring for the choice.
    resampling
        The interval's options (default: :data:`FRAME_RESAMPLING`): its ``level``
        ``"document"`` (default) counts the evidence in documents (the ``doc_id`` of the units),
        ``"sentence"`` in units, as if independent (``by="doc"`` always uses units); its
        ``confidence_level``; its resamples and seed drive the bootstrap interval (unused with
        Wilson's).

    Returns
    -------
    pandas.DataFrame
        One row per voice x frame (voices sorted, frames in lexicon order), columns: the voice
        (``actor``, ``side`` or ``doc_id``), ``frame``, ``label``, ``n`` (units of the voice),
        ``k`` (units mentioning the frame), ``share``, ``low``, ``high``, ``evidence`` (list of
        the ``unit_id`` of the k units) and ``note`` (non-empty when ``n`` is small). Units in a
        language the detector does not read (their ``language`` column) are not in any ``n``:
        ``attrs["unmeasured"]`` counts them by language. ``attrs``
        records the options and the lexicon file.

    Raises
    ------
    InputError
        When there is no sentence to score, or for an unknown ``by`` or ``interval``.
    FramesError
        For a missing or invalid lexicon.

    Examples
    --------
    >>> shares = frame_shares(["Iran rejects the sanctions.", "Trade grows."], by="doc")
    >>> shares.loc[shares["frame"] == "economy", ["doc_id", "k", "n"]].values.tolist()
    [['0', 0, 1], ['1', 1, 1]]
    """
    if by not in BY:
        raise InputError(None, f"by={by!r}: choose one of {', '.join(BY)}")
    lexicon, units, hits, options = _prepare(data, frames, interval, resampling)
    level = "sentence" if by == "doc" else options.level
    voices = _voices(units, by)
    groups = [(voice, voices.index[voices.to_numpy() == voice].to_numpy()) for voice in sorted(voices.unique())]
    documents = _documents(units) if level == "document" else None
    rows = _share_rows(
        groups, hits, units["unit_id"].to_numpy(), lexicon, interval=interval, options=options, documents=documents
    )
    attrs = _attrs(by, interval, options, lexicon, len(units), level, units.attrs.get("unmeasured"))
    return _result(rows, BY[by], attrs)


def voice_frame_shares(
    data: pd.DataFrame,
    voices: Sequence[str | Voice],
    frames: Frames = None,
    *,
    actors: Any = None,
    interval: str = "wilson",
    resampling: Resampling | None = None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Frame shares of given voices (actors, institutions, sides, outlets), one row per voice x frame.

    The same as :func:`frame_shares`, but each voice's units are those its :class:`Voice`
    selects (with ``actors``, the registry, an institution's voice holds its members'
    statements), and the ``voice`` column names the voice as written. A voice without units
    gets ``n = 0`` and NaN shares. ``resampling`` is as for :func:`frame_shares` (documents by
    default). ``matches`` may give the units' frame matches already made with the same lexicon
    (``unit_id`` and one column per frame, as :attr:`CorpusAnalysis.frames`), so that a
    comparison only counts.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["d:0-22", "d:23-45"], "doc_id": "d", "start": [0, 23],
    ...     "end": [22, 45], "text": ["Sanctions are illegal.", "Trade with Moscow grows."],
    ...     "actor": ["iran_mfa", "outlet"], "side": ["iran", ""], "source": ["quote", "narration"],
    ...     "outlet": ["W", "W"]})
    >>> shares = voice_frame_shares(units, ["side:iran", "outlet"])
    >>> shares.loc[shares["frame"].eq("economy"), ["voice", "k", "n"]].values.tolist()
    [['side:iran', 0, 1], ['outlet', 1, 1]]
    """
    parsed = [as_voice(v, actors) for v in voices]
    units = as_units(data)
    masks = [v.mask(units).to_numpy() for v in parsed]
    if masks:  # only the voices' units are matched
        units = units[np.logical_or.reduce(masks)]
    lexicon, units, hits, options = _prepare(units, frames, interval, resampling, matches)
    groups = [(str(v), np.flatnonzero(v.mask(units).to_numpy())) for v in parsed]
    documents = _documents(units) if options.level == "document" else None
    rows = _share_rows(
        groups, hits, units["unit_id"].to_numpy(), lexicon, interval=interval, options=options, documents=documents
    )
    attrs = _attrs("voice", interval, options, lexicon, len(units), options.level, units.attrs.get("unmeasured"))
    return _result(rows, "voice", attrs)


def _attrs(
    by: str,
    interval: str,
    options: Resampling,
    lexicon: FrameDetector,
    n_units: int,
    resample: str,
    unmeasured: dict | None = None,
) -> dict:
    bootstrap = interval == "bootstrap"
    return {
        "by": by,
        "interval": interval,
        "resample": resample,
        "confidence_level": options.confidence_level,
        "n_resamples": options.n_resamples if bootstrap else None,
        "seed": options.seed if bootstrap else None,
        "lexicon": lexicon.source,
        "detector": lexicon.name,
        "units": n_units,
        "languages": list(detector_languages(lexicon)),
        "unmeasured": dict(unmeasured or {}),
    }
