"""What a frame detector is, the detectors by name, and the check every detector passes.

A frame detector says which frames each sentence mentions. The frame lexicon
(:class:`~analysis.salience.frames.FrameLexicon`) is one; a detector learned from a user's
codes (:mod:`analysis.validation`) is another; both are interchangeable behind
:class:`FrameDetector`, so frame shares, comparisons and reports take either. Optional parts are
protocols of their own: :class:`ExplainableDetector` (``explain(text)``: the terms that fired),
:class:`ResourceAwareDetector` (``with_resources``: the same detector reading a study's names,
to mask them) and :class:`TrainableDetector` (``fit``).

Detectors are named explicitly: :data:`BUILT_IN` lists the built-in ones (nothing registers
itself when a module is imported) and :func:`register_detector` adds a user's.
:func:`check_frame_detector` checks the contract, as scikit-learn's ``check_estimator`` does.

Examples
--------
>>> from analysis.salience.frames import load_frames
>>> lexicon = load_frames()
>>> isinstance(lexicon, FrameDetector), isinstance(lexicon, ExplainableDetector)
(True, True)
>>> check_frame_detector(lexicon)
>>> frame_detectors()
['lexicon']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..errors import AnalysisError

__all__ = [
    "FrameDetector",
    "ExplainableDetector",
    "ResourceAwareDetector",
    "TrainableDetector",
    "DetectorError",
    "BUILT_IN",
    "register_detector",
    "unregister_detector",
    "frame_detectors",
    "get_detector",
    "check_frame_detector",
    "MultilingualDetector",
    "detector_languages",
    "measured_by_language",
    "detect_by_language",
]


class DetectorError(AnalysisError):
    """An unknown detector, or a detector that breaks the contract of :class:`FrameDetector`."""


@runtime_checkable
class FrameDetector(Protocol):
    """A frame detector: for each text, which of its frames the text mentions.

    ``frame_ids`` and ``frame_labels`` name the columns of :meth:`detect`, in order; ``name``
    says which detector it is (``"lexicon"``, ``"learned"``) and ``source`` where it was read from.
    """

    name: str
    source: str

    @property
    def frame_ids(self) -> tuple[str, ...]: ...

    @property
    def frame_labels(self) -> tuple[str, ...]: ...

    def detect(self, texts: Sequence[str]) -> np.ndarray:
        """Return a boolean array of shape ``(len(texts), len(frame_ids))``."""
        ...


@runtime_checkable
class ExplainableDetector(FrameDetector, Protocol):
    """Optional part: a detector that says what in a text made it detect each frame."""

    def explain(self, text: str) -> dict[str, list[str]]:
        """Return ``{frame_id: [what fired, in order]}`` for the frames detected in the text."""
        ...


@runtime_checkable
class ResourceAwareDetector(FrameDetector, Protocol):
    """Optional part: a detector that reads a study's names (an actor registry and titles)."""

    def with_resources(self, resources: Any) -> FrameDetector:
        """Return the same detector reading these resources."""
        ...


@runtime_checkable
class TrainableDetector(FrameDetector, Protocol):
    """Optional part: a detector learned from coded texts."""

    def fit(self, texts: Sequence[str], labels: np.ndarray) -> TrainableDetector:
        """Learn from texts and a texts x frames 0/1 array; return the fitted detector."""
        ...


@runtime_checkable
class MultilingualDetector(FrameDetector, Protocol):
    """Optional part: a detector that reads more languages than English, each its own way.

    ``languages`` lists the ISO 639-1 codes it reads; ``detect_in(texts, language)`` detects in
    texts of one of them (``detect`` is English). The frame lexicon is one (its Russian terms
    are matched by lemma).
    """

    @property
    def languages(self) -> tuple[str, ...]: ...

    def detect_in(self, texts: Sequence[str], language: str) -> np.ndarray:
        """:meth:`detect` for texts of one language of ``languages``."""
        ...


def detector_languages(detector: FrameDetector) -> tuple[str, ...]:
    """The languages a detector reads: its ``languages`` attribute, else English only.

    A detector that does not say (a user's, one learned from English codes) is taken to read
    English: its ``detect`` is never given text in another language.

    Examples
    --------
    >>> from analysis.salience.frames import load_frames
    >>> detector_languages(load_frames())
    ('en', 'ru')
    """
    languages = getattr(detector, "languages", None)
    return tuple(languages) if languages else ("en",)


def measured_by_language(detector: FrameDetector, languages: Sequence[str]) -> np.ndarray:
    """A boolean mask of the texts a detector measures: those in a language it reads.

    Examples
    --------
    >>> from analysis.salience.frames import load_frames
    >>> measured_by_language(load_frames(), ["en", "ru", "fa"]).tolist()
    [True, True, False]
    """
    read = set(detector_languages(detector))
    return np.fromiter((language in read for language in languages), dtype=bool, count=len(languages))


def detect_by_language(detector: FrameDetector, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """Detect frames in texts of several languages, each language read its own way.

    Texts are grouped by language (ISO 639-1, one per text). A language the detector reads
    (:func:`detector_languages`) is detected with ``detect_in(texts, language)`` when the
    detector has it (:class:`MultilingualDetector`), else with ``detect`` (a detector that
    declares a language and has no ``detect_in`` reads it with ``detect``). **A text in a
    language the detector does not read gets a row of False**: it is not measured, which is not
    the same as mentioning no frame -- use :func:`measured_by_language` for the mask of the
    rows measured; :func:`analysis.salience.frames.frame_shares` leaves unmeasured units out
    of ``n`` and reports how many.

    Returns
    -------
    numpy.ndarray
        Boolean, shape ``(len(texts), len(detector.frame_ids))``, rows in the order of ``texts``.

    Raises
    ------
    DetectorError
        When ``texts`` and ``languages`` differ in length.

    Examples
    --------
    >>> from analysis.salience.frames import load_frames
    >>> lexicon = load_frames()
    >>> texts = ["Sanctions are illegal.", "Санкции незаконны.", "تحریم"]
    >>> hits = detect_by_language(lexicon, texts, ["en", "ru", "fa"])
    >>> hits[:, lexicon.frame_ids.index("sovereignty")].tolist()
    [True, True, False]
    """
    if len(texts) != len(languages):
        raise DetectorError(f"{len(texts)} texts but {len(languages)} languages: give one language per text")
    hits = np.zeros((len(texts), len(detector.frame_ids)), dtype=bool)
    codes = np.asarray(list(languages), dtype=object)
    for language in detector_languages(detector):
        rows = np.flatnonzero(codes == language)
        if not rows.size:
            continue
        subset = [texts[i] for i in rows]
        if isinstance(detector, MultilingualDetector):
            found = detector.detect_in(subset, language)
        else:
            found = detector.detect(subset)
        hits[rows] = np.asarray(found, dtype=bool)
    return hits


def _lexicon() -> FrameDetector:
    from .frames import load_frames

    return load_frames()


#: The built-in detectors: name -> how to make it (with the package's data).
BUILT_IN: dict[str, Callable[[], FrameDetector]] = {"lexicon": _lexicon}

_registered: dict[str, Callable[[], FrameDetector]] = {}


def register_detector(name: str, make: Callable[[], FrameDetector], *, replace: bool = False) -> None:
    """Register a detector under a name usable as ``frames=name``: ``make()`` returns it.

    Raises
    ------
    DetectorError
        For an empty name or a name taken (without ``replace``).

    Examples
    --------
    >>> from analysis.salience.frames import load_frames
    >>> register_detector("mine", load_frames)
    >>> get_detector("mine").name
    'lexicon'
    >>> unregister_detector("mine")
    """
    if not name or not isinstance(name, str):
        raise DetectorError("a detector needs a non-empty name")
    if (name in BUILT_IN or name in _registered) and not replace:
        raise DetectorError(f"detector {name!r} is already registered (pass replace=True to replace it)")
    _registered[name] = make


def unregister_detector(name: str) -> None:
    """Remove a detector a user registered."""
    if _registered.pop(name, None) is None:
        raise DetectorError(f"no registered detector {name!r} (registered: {', '.join(sorted(_registered)) or 'none'})")


def frame_detectors() -> list[str]:
    """Return the names of the detectors: the built-in ones and those registered."""
    return sorted({*BUILT_IN, *_registered})


def get_detector(detector: str | FrameDetector, resources: Any = None) -> FrameDetector:
    """Return a detector: a registered name or a detector object, bound to ``resources`` when it reads them.

    Raises
    ------
    DetectorError
        For an unknown name (listing the known ones) or an object that is no detector.
    """
    if isinstance(detector, str):
        make = _registered.get(detector) or BUILT_IN.get(detector)
        if make is None:
            raise DetectorError(f"unknown frame detector {detector!r} (known: {', '.join(frame_detectors())})")
        detector = make()
    if not isinstance(detector, FrameDetector):
        raise DetectorError(f"{detector!r} is not a frame detector (it needs frame_ids, frame_labels and detect)")
    if resources is not None and isinstance(detector, ResourceAwareDetector):
        detector = detector.with_resources(resources)
    return detector


_PROBES = (
    "The two countries signed a strategic partnership treaty.",
    "Sanctions are illegal and violate international law.",
    "",
    "   ",
    "a",
    "Лавров заявил, что договор вступил в силу.",
    "Trade between the two countries grew. " * 200,
)


def check_frame_detector(detector: FrameDetector) -> None:
    """Check that a detector keeps the contract of :class:`FrameDetector`.

    It must name itself and its frames (ids unique, as many labels as ids); detect a boolean
    array of shape ``(texts, frames)`` for every probe text (empty, blank, one letter,
    Cyrillic, 7,000 characters) and none for no texts; detect a text alike alone and among
    others; when it reads several languages, detect the probes in each; and, when it explains,
    explain exactly the frames it detects.

    Raises
    ------
    DetectorError
        Naming the detector and the first broken promise.
    """
    if not isinstance(detector, FrameDetector):
        raise DetectorError(f"{detector!r} is not a frame detector (it needs name, frame_ids, frame_labels, detect)")
    name = detector.name
    ids, labels = tuple(detector.frame_ids), tuple(detector.frame_labels)
    if not name or not ids or len(set(ids)) != len(ids) or len(labels) != len(ids):
        raise DetectorError(f"detector {name!r}: needs a name and unique frame ids, one label each")
    empty = np.asarray(detector.detect([]))
    if empty.shape != (0, len(ids)):
        raise DetectorError(f"detector {name!r}: detect([]) has shape {empty.shape}, not (0, {len(ids)})")
    together = np.asarray(detector.detect(list(_PROBES)))
    if together.shape != (len(_PROBES), len(ids)) or together.dtype != bool:
        raise DetectorError(f"detector {name!r}: detect() must give a boolean array of shape (texts, frames)")
    alone = np.vstack([np.asarray(detector.detect([text])) for text in _PROBES])
    if not np.array_equal(together, alone):
        raise DetectorError(f"detector {name!r}: a text is detected differently among other texts")
    if isinstance(detector, MultilingualDetector):
        for language in detector_languages(detector):
            found = np.asarray(detector.detect_in(list(_PROBES), language))
            if found.shape != together.shape or found.dtype != bool:
                raise DetectorError(
                    f"detector {name!r}: detect_in(texts, {language!r}) must give (texts, frames) booleans"
                )
    if isinstance(detector, ExplainableDetector):
        for text, row in zip(_PROBES, together, strict=True):
            explained = set(detector.explain(text))
            if explained != {i for i, hit in zip(ids, row, strict=True) if hit}:
                raise DetectorError(f"detector {name!r}: explain({text[:30]!r}) names other frames than detect()")
