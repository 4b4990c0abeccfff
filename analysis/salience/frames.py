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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.config import config_file
from ..datafiles import is_identifier, read_yaml
from ..errors import FileError, InputError
from ..resampling import SMALL_SHARE, Resampling, bootstrap_shares, check_level, cluster_shares, wilson_interval
from ..text import normalise_quotes
from ..voices.units import as_units
from ..voices.voice import NARRATION, Voice, as_voice
from .matching import TermMatcher
from .terms import TermError, term_regex

__all__ = [
    "BY",
    "INTERVALS",
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
#: Voice of units whose speaker was not resolved (actor ``""``) or texts without attribution.
UNATTRIBUTED = "unattributed"

_FRAME_KEYS = {"id", "label", "codebook", "description", "source", "terms", "include", "exclude", "examples"}
# "tone" (the tone scale of the codebook) is read by analysis.validation.codebook
_TOP_KEYS = {"version", "frames", "tone"}


class FramesError(FileError):
    """A frame lexicon (``frames.yml``) is missing or invalid; the message names the file.

    Examples
    --------
    >>> str(FramesError("corpus/frames.yml", "frame 2: no terms"))
    'corpus/frames.yml: frame 2: no terms'
    """


@dataclass(frozen=True)
class Frame:
    """One frame of a lexicon: its id, description, source and terms, and its codebook entry
    (``include`` and ``exclude``: what a coder counts and does not count as the frame;
    ``examples``: sentences that use it).

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
    include: str = ""
    exclude: str = ""
    examples: tuple[str, ...] = ()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.terms:
            raise FramesError(None, f"frame {self.id!r} has no terms")
        try:
            regex = "|".join(term_regex(t, acronyms_match_case=True) for t in self.terms)
        except TermError as exc:  # a term without letters
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
    """The frames of a lexicon file, in file order, with the file they came from.

    A lexicon is a frame detector (``name``, ``frame_ids``, :meth:`detect`, :meth:`explain`).
    **Names are not frames**: the names of the actor registry (display names and aliases; its
    descriptions such as "the parliament" are common nouns and stay) and of ``titles.yml`` are
    masked before matching (:mod:`analysis.sentiment.masking`), so "the Comprehensive Strategic
    Partnership Treaty" does not mention partnership; a name counts only for the frames that
    list it whole as a term ("Shanghai Cooperation Organization" is multilateralism, not
    partnership; "State Duma" is political because the frame lists it). ``masker`` gives the
    names (None: the package's actor registry and titles, without descriptions).

    Examples
    --------
    >>> lexicon = load_frames()
    >>> lexicon.explain("The Comprehensive Strategic Partnership Treaty was signed at the SCO summit.")
    {'multilateralism': ['SCO'], 'legality': ['signed']}
    """

    frames: tuple[Frame, ...]
    source: str
    masker: Any = field(default=None, compare=False, repr=False)
    matcher: TermMatcher = field(init=False, repr=False, compare=False)
    _named: dict = field(init=False, repr=False, compare=False)

    name = "lexicon"

    def __post_init__(self) -> None:
        object.__setattr__(self, "matcher", TermMatcher([f.terms for f in self.frames], acronyms_match_case=True))
        object.__setattr__(self, "_named", {})

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

    @property
    def frame_ids(self) -> tuple[str, ...]:
        """The frame ids, in file order (the frame-detector protocol)."""
        return tuple(f.id for f in self.frames)

    def with_masker(self, masker: Any) -> FrameLexicon:
        """The same lexicon masking these names (a :class:`~analysis.sentiment.masking.NameMasker`)."""
        return FrameLexicon(self.frames, self.source, masker)

    def _masker(self) -> Any:
        from ..sentiment.masking import name_masker

        return self.masker if self.masker is not None else name_masker("-", descriptions=False)

    def _name_frames(self, name: str) -> list[int]:
        """The frames (columns) that list a masked name whole as one of their terms."""
        found = self._named.get(name)
        if found is None:
            text = normalise_quotes(name)
            found = [j for j, frame in enumerate(self.frames) if frame.pattern.fullmatch(text)]
            self._named[name] = found
        return found

    def detect(self, texts: Sequence[str]) -> np.ndarray:
        """A texts x frames boolean array: which frames each text mentions, names masked.

        Examples
        --------
        >>> lexicon = load_frames()
        >>> hits = lexicon.detect(["Our partners reject sanctions.", "The Comprehensive Strategic Partnership Treaty."])
        >>> hits[:, lexicon.ids.index("partnership")].tolist()
        [True, False]
        """
        masker = self._masker()
        masked = [masker.mask(text) for text in texts]
        hits = self.matcher.match([m.text for m in masked])
        for row, item in enumerate(masked):
            for span in item.spans:
                hits[row, self._name_frames(span.text)] = True
        return hits

    def explain(self, text: str) -> dict[str, list[str]]:
        """The terms (and whole names) that fired each frame in a text, frames in lexicon order."""
        masked = self._masker().mask(text)
        found: dict[str, list[str]] = {}
        for j, frame in enumerate(self.frames):
            terms = frame.matched_terms(masked.text) + [s.text for s in masked.spans if j in self._name_frames(s.text)]
            if terms:
                found[frame.id] = terms
        return found

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
    if not is_identifier(frame_id):
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
    examples = entry.get("examples") or []
    if not isinstance(examples, list) or not all(isinstance(e, str) and e.strip() for e in examples):
        raise FramesError(file, f"{where}: 'examples' must be a list of sentences")
    try:
        return Frame(
            id=frame_id,
            label=_text_field(file, where, entry, "label", required=True),
            codebook=_text_field(file, where, entry, "codebook", required=False),
            description=_text_field(file, where, entry, "description", required=False),
            source=_text_field(file, where, entry, "source", required=False),
            terms=tuple(" ".join(t.split()) for t in terms),
            include=_text_field(file, where, entry, "include", required=False),
            exclude=_text_field(file, where, entry, "exclude", required=False),
            examples=tuple(" ".join(e.split()) for e in examples),
        )
    except FramesError as exc:
        raise FramesError(file, exc.problem) from None


def load_frames(path: str | Path | None = None) -> FrameLexicon:
    """Load and validate a frame lexicon.

    Parameters
    ----------
    path
        A ``frames.yml`` file, a corpus folder or document (the corpus's own ``frames.yml``
        when it has one, else the package default), or None for the default corpus's (see
        :mod:`analysis.corpus.config`).

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
    file = config_file("frames", path)
    data = read_yaml(file, FramesError)
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

    All units are matched at once (:func:`match_frames`): the same hits as one search per
    unit and frame, without a Python call for each.

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
    hits = match_frames(units["text"].tolist(), lexicon)
    return pd.DataFrame(hits, index=pd.Index(units["unit_id"], name="unit_id"), columns=lexicon.ids)


def match_frames(texts: Sequence[str], lexicon: FrameLexicon) -> np.ndarray:
    """Return a texts x frames boolean array: which frames each text mentions.

    Computed in a few vectorised passes over all texts by the lexicon's
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
    lexicon: FrameLexicon,
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
            low = high = np.full(len(lexicon), np.nan)
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
        for j, frame in enumerate(lexicon):
            evidence = unit_ids[index[voice_hits[:, j]]].tolist()
            share = k[j] / n if n else np.nan
            rows.append((voice, frame.id, frame.label, n, int(k[j]), share, low[j], high[j], evidence, note))
    return rows


def _documents(units: pd.DataFrame) -> np.ndarray:
    """The document of each unit (``doc_id``, else the unit itself)."""
    column = units["doc_id"] if "doc_id" in units else units["unit_id"]
    return column.astype(str).to_numpy()


def _prepare(
    data: str | Sequence[str] | pd.DataFrame,
    frames: FrameLexicon | str | Path | None,
    interval: str,
    confidence_level: float,
    n_resamples: int,
    seed: int | None,
    matches: pd.DataFrame | None = None,
) -> tuple[FrameLexicon, pd.DataFrame, np.ndarray, Resampling]:
    if interval not in INTERVALS:
        raise InputError(None, f"interval={interval!r}: choose one of {', '.join(INTERVALS)}")
    if not 0 < confidence_level < 1 or n_resamples < 1:
        raise InputError(None, "confidence_level must be between 0 and 1 and n_resamples at least 1")
    options = Resampling(n_resamples=n_resamples, confidence_level=confidence_level, seed=seed, method="percentile")
    lexicon = _lexicon(frames)
    units = as_units(data)
    units = units[units["text"].str.contains(r"\w", regex=True, na=False)].reset_index(drop=True)
    if units.empty:
        raise InputError(None, "no sentences to score: the input has no text")
    if matches is not None and list(matches.columns) == ["unit_id", *lexicon.ids]:
        hits = matches.set_index("unit_id").reindex(units["unit_id"])
        if not hits.isna().any().any():  # every unit was matched already (CorpusAnalysis.frames)
            return lexicon, units, hits.to_numpy(dtype=bool), options
    return lexicon, units, frame_matches(units, lexicon).to_numpy(), options


def _result(rows: list[tuple], column: str, attrs: dict) -> pd.DataFrame:
    result = pd.DataFrame(
        rows, columns=[column, "frame", "label", "n", "k", "share", "low", "high", "evidence", "note"]
    ).astype({"n": "int64", "k": "int64", "share": "float64", "low": "float64", "high": "float64"})
    result.attrs.update(attrs)
    return result


def frame_shares(
    data: str | Sequence[str] | pd.DataFrame,
    frames: FrameLexicon | str | Path | None = None,
    *,
    by: str = "actor",
    interval: str = "wilson",
    resample: str = "document",
    confidence_level: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Share of each voice's sentence units that mention each frame, with interval and evidence.

    Parameters
    ----------
    data
        An utterances or units table (or texts; see :func:`analysis.voices.units.as_units`).
    frames
        A lexicon, a path for :func:`load_frames` (a corpus folder uses its own ``frames.yml``
        when it has one), or None for the default corpus's lexicon.
    by
        ``"actor"`` (a group's units count for each member; unresolved speakers are
        ``"unattributed"``; narration is ``"outlet"``), ``"side"`` or ``"doc"``.
    interval
        ``"wilson"`` (default) or ``"bootstrap"`` (seeded percentile bootstrap); see the module
        docstring for the choice.
    resample
        ``"document"`` (default): intervals count the evidence in documents (the ``doc_id`` of
        the units); ``"sentence"``: in units, as if independent. ``by="doc"`` always uses units.
    confidence_level
        Coverage of the interval.
    n_resamples, seed
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
    lexicon, units, hits, options = _prepare(data, frames, interval, confidence_level, n_resamples, seed)
    level = "sentence" if by == "doc" else check_level(resample)
    voices = _voices(units, by)
    groups = [(voice, voices.index[voices.to_numpy() == voice].to_numpy()) for voice in sorted(voices.unique())]
    documents = _documents(units) if level == "document" else None
    rows = _share_rows(
        groups, hits, units["unit_id"].to_numpy(), lexicon, interval=interval, options=options, documents=documents
    )
    return _result(rows, BY[by], _attrs(by, interval, options, lexicon, len(units), level))


def voice_frame_shares(
    data: pd.DataFrame,
    voices: Sequence[str | Voice],
    frames: FrameLexicon | str | Path | None = None,
    *,
    actors: Any = None,
    interval: str = "wilson",
    resample: str = "document",
    confidence_level: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = 0,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Frame shares of given voices (actors, institutions, sides, outlets), one row per voice x frame.

    The same as :func:`frame_shares`, but each voice's units are those its :class:`Voice`
    selects (with ``actors``, the registry, an institution's voice holds its members'
    statements), and the ``voice`` column names the voice as written. A voice without units
    gets ``n = 0`` and NaN shares. ``resample`` is as for :func:`frame_shares` (documents by
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
    lexicon, units, hits, options = _prepare(units, frames, interval, confidence_level, n_resamples, seed, matches)
    groups = [(str(v), np.flatnonzero(v.mask(units).to_numpy())) for v in parsed]
    documents = _documents(units) if check_level(resample) == "document" else None
    rows = _share_rows(
        groups, hits, units["unit_id"].to_numpy(), lexicon, interval=interval, options=options, documents=documents
    )
    return _result(rows, "voice", _attrs("voice", interval, options, lexicon, len(units), resample))


def _attrs(by: str, interval: str, options: Resampling, lexicon: FrameLexicon, n_units: int, resample: str) -> dict:
    bootstrap = interval == "bootstrap"
    return {
        "by": by,
        "interval": interval,
        "resample": resample,
        "confidence_level": options.confidence_level,
        "n_resamples": options.n_resamples if bootstrap else None,
        "seed": options.seed if bootstrap else None,
        "lexicon": lexicon.source,
        "units": n_units,
    }
