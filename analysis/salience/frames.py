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

**Intervals.** By default the Wilson score interval for a binomial proportion (Wilson 1927).
It is chosen over the percentile bootstrap of units because the two rest on the same
assumption (units are independent draws from the voice), but the bootstrap degenerates
exactly where our data live: with ``k = 0`` or ``k = n`` every resample gives the same share,
so the interval is ``[0, 0]`` or ``[1, 1]`` whatever ``n``, and for small ``n`` it is too
narrow (Brown, Cai & DasGupta 2001); Wilson's is never empty, closed-form and needs no seed.
``interval="bootstrap"`` gives the seeded percentile bootstrap of the units of each voice for
comparison. Neither accounts for sentences of one document being alike; with few documents
read the intervals as lower bounds on the uncertainty. Rows with fewer than
:data:`SMALL_N` units carry a ``note``.

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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from scipy import stats

from ..errors import InputError, _FileError
from ..paths import data_file
from ..text import normalise_quotes
from ..voices.utterances import NARRATION
from .scores import KeynessError, _resample_weights, as_units, term_regex

__all__ = [
    "BY",
    "INTERVALS",
    "SMALL_N",
    "FramesError",
    "Frame",
    "FrameLexicon",
    "load_frames",
    "frame_matches",
    "wilson_interval",
    "frame_shares",
]

#: Voices ``frame_shares`` can group by, and the column that names the voice.
BY = {"actor": "actor", "side": "side", "doc": "doc_id"}
#: Interval methods of :func:`frame_shares`.
INTERVALS = ("wilson", "bootstrap")
#: Below this many sentence units a row's ``note`` says that the interval is wide.
SMALL_N = 30
#: Voice of units whose speaker was not resolved (actor ``""``) or texts without attribution.
UNATTRIBUTED = "unattributed"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FRAME_KEYS = {"id", "label", "codebook", "description", "source", "terms"}
_TOP_KEYS = {"version", "frames"}
# Values per bootstrap block (float64): about 8 MB.
_BLOCK_VALUES = 1_000_000


class FramesError(_FileError):
    """A frame lexicon (``frames.yml``) is missing or invalid; the message names the file.

    Examples
    --------
    >>> str(FramesError("corpus/frames.yml", "frame 2: no terms"))
    'corpus/frames.yml: frame 2: no terms'
    """


@dataclass(frozen=True)
class Frame:
    """One frame of a lexicon: its id, description, source and terms.

    Examples
    --------
    >>> frame = Frame("west", "The West", terms=("Western", "NATO", "US"))
    >>> frame.mentioned_in("He told us about Western pressure."), frame.mentioned_in("He told us.")
    (True, False)
    """

    id: str
    label: str
    codebook: str = ""
    description: str = ""
    source: str = ""
    terms: tuple[str, ...] = ()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.terms:
            raise FramesError(None, f"frame {self.id!r} has no terms")
        try:
            regex = "|".join(term_regex(t, acronyms_match_case=True) for t in self.terms)
        except KeynessError as exc:  # a term without letters
            raise FramesError(None, f"frame {self.id!r}: {exc}") from None
        object.__setattr__(self, "pattern", re.compile(regex))

    def mentioned_in(self, text: str) -> bool:
        """Return whether the text contains one of the frame's terms."""
        return self.pattern.search(normalise_quotes(text)) is not None

    def matched_terms(self, text: str) -> list[str]:
        """Return the passages of the text that match the frame's terms, in order."""
        return [m.group(0) for m in self.pattern.finditer(normalise_quotes(text))]


@dataclass(frozen=True)
class FrameLexicon:
    """The frames of a lexicon file, in file order, with the file they came from."""

    frames: tuple[Frame, ...]
    source: str

    def __iter__(self) -> Iterator[Frame]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    def __getitem__(self, frame_id: str) -> Frame:
        for frame in self.frames:
            if frame.id == frame_id:
                return frame
        raise KeyError(frame_id)

    @property
    def ids(self) -> list[str]:
        """The frame ids, in file order."""
        return [f.id for f in self.frames]

    def to_frame(self) -> pd.DataFrame:
        """Return the lexicon as a table (one row per frame; terms joined by ``"; "``)."""
        rows = [(f.id, f.label, f.codebook, f.description, f.source, "; ".join(f.terms)) for f in self.frames]
        return pd.DataFrame(rows, columns=["id", "label", "codebook", "description", "source", "terms"])


def _text_field(file: Path, where: str, entry: dict[str, Any], key: str, *, required: bool) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            raise FramesError(file, f"{where}: missing {key!r}")
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "codebook":
        return str(value)
    if not isinstance(value, str) or (required and not value.strip()):
        raise FramesError(file, f"{where}: {key!r} must be a non-empty string")
    return " ".join(value.split())


def _build_frame(file: Path, number: int, entry: Any) -> Frame:
    where = f"frame {number}"
    if not isinstance(entry, dict):
        raise FramesError(file, f"{where}: expected a mapping with id, label and terms")
    frame_id = entry.get("id")
    if not isinstance(frame_id, str) or not _ID.match(frame_id):
        raise FramesError(file, f"{where}: id {frame_id!r} must be lower-case letters, digits and '_'")
    where = f"frame {frame_id!r}"
    unknown = sorted(set(entry) - _FRAME_KEYS)
    if unknown:
        raise FramesError(file, f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")
    terms = entry.get("terms")
    if not isinstance(terms, list) or not terms:
        raise FramesError(file, f"{where}: 'terms' must be a non-empty list")
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise FramesError(file, f"{where}: every term must be a non-empty string, not {term!r}")
    try:
        return Frame(
            id=frame_id,
            label=_text_field(file, where, entry, "label", required=True),
            codebook=_text_field(file, where, entry, "codebook", required=False),
            description=_text_field(file, where, entry, "description", required=False),
            source=_text_field(file, where, entry, "source", required=False),
            terms=tuple(" ".join(t.split()) for t in terms),
        )
    except FramesError as exc:
        raise FramesError(file, exc.problem) from None


def load_frames(path: str | Path | None = None) -> FrameLexicon:
    """Load and validate a frame lexicon.

    Parameters
    ----------
    path
        A ``frames.yml`` file, or a corpus folder (its ``frames.yml`` is used when present,
        the package default otherwise), or None for the package default.

    Raises
    ------
    FramesError
        Naming the file and the problem: YAML that does not parse, a frame without id, label
        or terms, a duplicate id, an unknown key, a term without letters.

    Examples
    --------
    >>> frames = load_frames()
    >>> "sovereignty" in frames.ids and "multilateralism" in frames.ids
    True
    >>> frames["multilateralism"].mentioned_in("They uphold international law.")
    True
    """
    file = data_file(path, "frames.yml")
    if not file.is_file():
        raise FramesError(file, "no such file")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise FramesError(file, "not UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise FramesError(file, f"not valid YAML{where}") from None
    if not isinstance(data, dict) or not isinstance(data.get("frames"), list) or not data["frames"]:
        raise FramesError(file, "expected a mapping with a non-empty 'frames' list")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise FramesError(file, f"unknown key(s) {', '.join(map(repr, unknown))}")
    if data.get("version", 1) != 1:
        raise FramesError(file, f"version {data['version']!r} is not supported (expected 1)")
    frames: list[Frame] = []
    for number, entry in enumerate(data["frames"], start=1):
        frame = _build_frame(file, number, entry)
        if frame.id in {f.id for f in frames}:
            raise FramesError(file, f"frame {number}: id {frame.id!r} is used twice")
        frames.append(frame)
    return FrameLexicon(tuple(frames), str(file))


def _lexicon(frames: FrameLexicon | str | Path | None) -> FrameLexicon:
    return frames if isinstance(frames, FrameLexicon) else load_frames(frames)


def frame_matches(
    data: str | Sequence[str] | pd.DataFrame, frames: FrameLexicon | str | Path | None = None
) -> pd.DataFrame:
    """Return which frames each sentence unit mentions.

    Parameters
    ----------
    data
        A text, a list of texts, or an utterances or units table (see
        :func:`analysis.salience.scores.as_units`).
    frames
        A lexicon, a path for :func:`load_frames`, or None for the package lexicon.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id``; one boolean column per frame id, in lexicon order.

    Examples
    --------
    >>> hits = frame_matches("Sanctions are illegal. They signed a trade deal.")
    >>> hits.loc[:, ["sovereignty", "economy"]].values.tolist()
    [[True, False], [False, True]]
    """
    lexicon = _lexicon(frames)
    units = as_units(data)
    texts = [normalise_quotes(t) for t in units["text"]]
    hits = np.array([[f.pattern.search(t) is not None for f in lexicon] for t in texts], dtype=bool)
    return pd.DataFrame(
        hits.reshape(len(texts), len(lexicon)), index=pd.Index(units["unit_id"], name="unit_id"), columns=lexicon.ids
    )


def wilson_interval(k: np.ndarray | int, n: np.ndarray | int, *, level: float = 0.95) -> tuple[Any, Any]:
    """Return the Wilson score interval ``(low, high)`` of the proportion ``k / n``.

    ``low, high = (k + z^2/2 -+ z * sqrt(k (n - k) / n + z^2 / 4)) / (n + z^2)`` with ``z`` the
    normal quantile of ``(1 + level) / 2`` (Wilson 1927).

    Examples
    --------
    >>> [round(float(v), 4) for v in wilson_interval(0, 10)]
    [0.0, 0.2775]
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    z = stats.norm.ppf((1 + level) / 2)
    center = (k + z * z / 2) / (n + z * z)
    half = z * np.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return np.clip(center - half, 0.0, 1.0), np.clip(center + half, 0.0, 1.0)


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


def _bootstrap(hits: np.ndarray, *, level: float, n_boot: int, rng: np.random.Generator) -> tuple[Any, Any]:
    n = hits.shape[0]
    shares = np.empty((n_boot, hits.shape[1]))
    block = max(1, _BLOCK_VALUES // max(1, n))
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        shares[start : start + size] = _resample_weights(rng, size, n) @ hits / n
    tail = (1 - level) / 2 * 100
    return np.percentile(shares, tail, axis=0), np.percentile(shares, 100 - tail, axis=0)


def frame_shares(
    data: str | Sequence[str] | pd.DataFrame,
    frames: FrameLexicon | str | Path | None = None,
    *,
    by: str = "actor",
    interval: str = "wilson",
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Share of each voice's sentence units that mention each frame, with interval and evidence.

    Parameters
    ----------
    data
        An utterances or units table (or texts; see :func:`analysis.salience.scores.as_units`).
    frames
        A lexicon, a path for :func:`load_frames` (a corpus folder uses its own ``frames.yml``
        when it has one), or None for the package lexicon.
    by
        ``"actor"`` (a group's units count for each member; unresolved speakers are
        ``"unattributed"``; narration is ``"outlet"``), ``"side"`` or ``"doc"``.
    interval
        ``"wilson"`` (default) or ``"bootstrap"`` (seeded percentile bootstrap of units); see
        the module docstring for the choice.
    level
        Coverage of the interval.
    n_boot, seed
        Resamples and seed of the bootstrap interval (unused with Wilson).

    Returns
    -------
    pandas.DataFrame
        One row per voice x frame (voices sorted, frames in lexicon order), columns: the voice
        (``actor``, ``side`` or ``doc_id``), ``frame``, ``label``, ``n`` (units of the voice),
        ``k`` (units mentioning the frame), ``share``, ``low``, ``high``, ``evidence`` (list of
        the ``unit_id`` of the k units) and ``note`` (non-empty when ``n`` is small). ``attrs``
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
    if interval not in INTERVALS:
        raise InputError(None, f"interval={interval!r}: choose one of {', '.join(INTERVALS)}")
    if not 0 < level < 1 or n_boot < 1:
        raise InputError(None, "level must be between 0 and 1 and n_boot at least 1")
    lexicon = _lexicon(frames)
    units = as_units(data)
    units = units[units["text"].str.contains(r"\w", regex=True, na=False)].reset_index(drop=True)
    if units.empty:
        raise InputError(None, "no sentences to score: the input has no text")
    hits = frame_matches(units, lexicon).to_numpy()
    voices = _voices(units, by)
    rng = np.random.default_rng(seed)
    column = BY[by]
    rows = []
    unit_ids = units["unit_id"].to_numpy()
    for voice in sorted(voices.unique()):
        index = voices.index[voices.to_numpy() == voice].to_numpy()
        voice_hits = hits[index]
        n = index.size
        k = voice_hits.sum(axis=0)
        if interval == "wilson":
            low, high = wilson_interval(k, n, level=level)
        else:
            low, high = _bootstrap(voice_hits.astype(float), level=level, n_boot=n_boot, rng=rng)
        note = f"few units (n={n} < {SMALL_N}): the interval is wide" if n < SMALL_N else ""
        for j, frame in enumerate(lexicon):
            evidence = unit_ids[index[voice_hits[:, j]]].tolist()
            rows.append((voice, frame.id, frame.label, n, int(k[j]), k[j] / n, low[j], high[j], evidence, note))
    result = pd.DataFrame(
        rows, columns=[column, "frame", "label", "n", "k", "share", "low", "high", "evidence", "note"]
    ).astype({"n": "int64", "k": "int64", "share": "float64", "low": "float64", "high": "float64"})
    result.attrs.update(
        {
            "by": by,
            "interval": interval,
            "level": level,
            "n_boot": n_boot if interval == "bootstrap" else None,
            "seed": seed if interval == "bootstrap" else None,
            "lexicon": lexicon.source,
            "units": len(units),
        }
    )
    return result
