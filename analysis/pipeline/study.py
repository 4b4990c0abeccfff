"""A study: everything a corpus uses besides its documents, loaded once and handed down to the stages.

The corpus stage says *where* a corpus's data files are (:func:`analysis.corpus.resolve_config`:
a corpus folder's own copy, else the package default). A :class:`Study` holds *what* they say,
each file loaded once, when first used: the actor registry, the layout rules, the quote rules,
the titles masked before scoring, the diplomatic adjustments, the frame lexicon, the sentiment
targets, the boilerplate patterns and the key dates. The pipeline, the engines, the command line
and the notebooks make one with :func:`load_study` and hand it, or the pieces a stage needs, down
to the stages; no stage looks for its files itself.

A study travels to worker processes as where its files are (and the objects given to it
explicitly); each worker loads the files once.

Examples
--------
>>> study = load_study()
>>> study.root.name, study.frames.name, "lavrov" in study.actors
('corpus', 'lexicon', True)
>>> load_study("-").root is None
True
>>> study.sentiment_method("diplomatic").score(["Top diplomats met."])
[(0.0, 1.0, 0.0, 0.0)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..attribution.rules import QuoteRules, load_quote_rules
from ..corpus.config import Configuration, resolve_config
from ..corpus.layout import Layout, load_layout
from ..corpus.registry import ActorRegistry, load_actors
from ..salience.detectors import FrameDetector, get_detector
from ..salience.frames import FrameLexicon, load_frames
from ..sentiment.boilerplate import BoilerplatePattern, load_boilerplate
from ..sentiment.diplomatic import Adjustments, load_adjustments
from ..sentiment.masking import Titles, load_titles
from ..sentiment.methods import SentimentMethod
from ..sentiment.registry import get_method
from ..sentiment.targets import TargetRegistry, load_targets
from ..syndication.timeline import load_events
from ..validation.learned import LearnedDetectorError, load_detector

__all__ = ["RESOURCES", "Study", "load_study"]

#: The resources of a study, by name, and the loader of each (from the file of the same kind).
RESOURCES = {
    "actors": (load_actors, "actors"),
    "layout": (load_layout, "layout"),
    "quote_rules": (load_quote_rules, "quote_rules"),
    "titles": (load_titles, "titles"),
    "adjustments": (load_adjustments, "diplomatic"),
    "frames": (load_frames, "frames"),
    "targets": (load_targets, "targets"),
    "boilerplate": (load_boilerplate, "boilerplate"),
    "events": (load_events, "events"),
}


@dataclass(frozen=True, eq=False)
class Study:
    """What a corpus uses besides its documents (see the module docstring); make it with :func:`load_study`.

    Each resource is loaded from its file when first used, once. ``given`` holds the resources
    given as objects instead of files (an actor registry built in memory, say); they win over
    the files.
    """

    config: Configuration
    given: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        unknown = set(self.given) - set(RESOURCES)
        if unknown:
            raise TypeError(f"unknown resource(s): {', '.join(sorted(unknown))} (known: {', '.join(RESOURCES)})")
        self.__dict__.update(self.given)  # read by the cached properties before any file

    def _load(self, name: str) -> Any:
        loader, kind = RESOURCES[name]
        return loader(getattr(self.config, kind))

    @property
    def root(self) -> Path | None:
        """The corpus folder (None for standard input or the package defaults)."""
        return self.config.root

    @cached_property
    def actors(self) -> ActorRegistry:
        """The actor registry (``actors.yml``)."""
        return self._load("actors")

    @cached_property
    def layout(self) -> Layout:
        """Narration, transcript turns and joint speakers (``layout.yml``)."""
        return self._load("layout")

    @cached_property
    def quote_rules(self) -> QuoteRules:
        """The quote-attribution rules (``quote_rules.yml``)."""
        return self._load("quote_rules")

    @cached_property
    def titles(self) -> Titles:
        """Names of organisations, agreements and offices masked before scoring (``titles.yml``)."""
        return self._load("titles")

    @cached_property
    def adjustments(self) -> Adjustments:
        """The diplomatic lexicon adjustments (``diplomatic.yml``)."""
        return self._load("adjustments")

    @cached_property
    def frames(self) -> FrameLexicon:
        """The frame lexicon (``frames.yml``)."""
        return self._load("frames")

    @cached_property
    def targets(self) -> TargetRegistry:
        """What sentences are about, for sentiment towards targets (``targets.yml``)."""
        return self._load("targets")

    @cached_property
    def boilerplate(self) -> tuple[BoilerplatePattern, ...]:
        """Diplomatic courtesy flagged, not scored as attitude (``boilerplate.yml``)."""
        return self._load("boilerplate")

    @cached_property
    def events(self) -> pd.DataFrame:
        """Key dates marked on timelines (``events.yml``)."""
        return self._load("events")

    def sentiment_method(self, method: str | SentimentMethod) -> SentimentMethod:
        """A sentiment method reading this study's names, titles and adjustments.

        Examples
        --------
        >>> load_study("-").sentiment_method("vader").name
        'vader'
        """
        if isinstance(method, (str, Path)) and str(method).lower().endswith(".json"):
            return _learned_tone(method)
        return get_method(method, self)

    def frame_detector(self, frames: str | Path | FrameDetector | None = None) -> FrameDetector:
        """The frame detector: this study's lexicon by default, else a detector, a name, a lexicon file or
        a model file of ``framing train`` (``MODEL.json``).

        Examples
        --------
        >>> load_study("-").frame_detector().frame_ids[:2]
        ('partnership', 'sovereignty')
        """
        if frames is None:
            detector: FrameDetector = self.frames
        elif isinstance(frames, (str, Path)) and Path(frames).suffix.lower() in (".yml", ".yaml"):
            detector = load_frames(frames)
        elif isinstance(frames, (str, Path)) and Path(frames).suffix.lower() == ".json":
            detector = load_detector(frames)  # learned from codes (framing train); it keeps its own lexicon
        else:
            detector = get_detector(frames)  # type: ignore[arg-type]
        return get_detector(detector, self)

    def load_all(self) -> Study:
        """Load every resource now (so that a bad file is reported before any work starts); return the study."""
        for name in RESOURCES:
            getattr(self, name)
        return self

    def __getstate__(self) -> dict[str, Any]:
        # Travels as where its files are, and the objects given; a worker loads the files once.
        return {"config": self.config, "given": self.given}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "config", state["config"])
        object.__setattr__(self, "given", state["given"])
        self.__dict__.update(state["given"])


def _learned_tone(path: str | Path) -> SentimentMethod:
    """The tone regressor of a model file of ``framing train``, as a sentiment method."""
    model = load_detector(path)
    if model.tone is None:
        raise LearnedDetectorError(path, "has no tone regressor (its codes had fewer than 10 coded tones)")
    return model.tone


def load_study(source: str | Path | None = None, **files_or_objects: Any) -> Study:
    """Find a corpus's data files and return its :class:`Study` (each file loaded when first used).

    Parameters
    ----------
    source
        A corpus folder, one of its documents, ``"-"`` (no corpus: the package defaults) or None
        (the default corpus, :func:`analysis.paths.default_corpus`).
    **files_or_objects
        Files given explicitly, by kind (``actors=``, ``frames=``, ``layout=`` … as for
        :func:`analysis.corpus.resolve_config`), or loaded objects by resource name
        (``actors=ActorRegistry``, ``frames=FrameLexicon`` …, see :data:`RESOURCES`). None
        values are ignored.

    Raises
    ------
    TypeError
        For an unknown kind.

    Examples
    --------
    >>> load_study("-", frames="analysis/data/frames.yml").config.frames.name
    'frames.yml'
    """
    files = {k: v for k, v in files_or_objects.items() if isinstance(v, (str, Path))}
    objects = {k: v for k, v in files_or_objects.items() if v is not None and k not in files}
    if "diplomatic" in objects:  # the kind's name for the resource "adjustments"
        objects["adjustments"] = objects.pop("diplomatic")
    return Study(resolve_config(source, **files), given=objects)
