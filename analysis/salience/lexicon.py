"""The frame lexicon: frames, their terms and codebook entries, read from ``frames.yml``; a frame detector.

A frame lexicon (``analysis/data/frames.yml``; a corpus may override it with its own
``frames.yml``) lists for each frame the words and phrases that signal it, and, as the
codebook coders read (:mod:`analysis.validation.codebook`), what a coder includes and excludes
and example sentences. :func:`load_frames` reads and checks it; a :class:`FrameLexicon` is a
frame detector (:mod:`analysis.salience.detectors`). Frame shares are in
:mod:`analysis.salience.frames`.

Examples
--------
>>> lexicon = load_frames()
>>> lexicon["legality"].include.startswith("Law and the legal form")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.config import data_file
from ..datafiles import is_identifier, read_yaml
from ..errors import FileError
from ..text import normalise_quotes
from .matching import TermMatcher
from .terms import TermError, term_regex

__all__ = ["FramesError", "Frame", "FrameLexicon", "load_frames"]

_FRAME_KEYS = {
    "id",
    "label",
    "codebook",
    "description",
    "source",
    "terms",
    "include",
    "exclude",
    "examples",
    "languages",
}
_LANGUAGE_KEYS = {"terms", "examples"}
_CODE = re.compile(r"^[a-z]{2,3}$")
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
    #: Terms in other languages than English, matched by lemma: ``{"ru": ("партнёрство", ...)}``.
    terms_by_language: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: Example sentences in other languages, for the codebook.
    examples_by_language: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
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

    It is a :class:`~analysis.salience.detectors.FrameDetector` (named ``"lexicon"``): a text
    mentions a frame when it contains one of the frame's terms, and :meth:`explain` gives the
    terms that fired. **Names are not frames**: the names of the actor registry (display names
    and aliases; its descriptions such as "the parliament" are common nouns and stay) and of
    ``titles.yml`` are masked before matching (:mod:`analysis.sentiment.masking`), so "the
    Comprehensive Strategic Partnership Treaty" does not mention partnership; a name counts only
    for the frames that list it whole as a term ("Shanghai Cooperation Organization" is
    multilateralism, not partnership; "State Duma" is political because the frame lists it).
    :meth:`with_resources` reads a study's names; by itself a lexicon masks the package's.

    Examples
    --------
    >>> lexicon = load_frames()
    >>> lexicon.detect(["Sanctions are illegal."])[0, lexicon.frame_ids.index("sovereignty")]
    np.True_
    >>> lexicon.explain("The Comprehensive Strategic Partnership Treaty was signed at the SCO summit.")
    {'multilateralism': ['SCO'], 'legality': ['signed']}
    """

    frames: tuple[Frame, ...]
    source: str
    masker: Any = field(default=None, compare=False, repr=False)
    actors: Any = field(default=None, compare=False, repr=False)
    matcher: TermMatcher = field(init=False, repr=False, compare=False)
    _named: dict = field(init=False, repr=False, compare=False)
    _readers: dict = field(init=False, repr=False, compare=False)

    name = "lexicon"

    def __post_init__(self) -> None:
        object.__setattr__(self, "matcher", TermMatcher([f.terms for f in self.frames], acronyms_match_case=True))
        object.__setattr__(self, "_named", {})
        object.__setattr__(self, "_readers", {})

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
        """The frame ids, in file order (the columns of :meth:`detect`)."""
        return tuple(f.id for f in self.frames)

    @property
    def frame_labels(self) -> tuple[str, ...]:
        """The frames' labels, in file order."""
        return tuple(f.label for f in self.frames)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the lexicon has terms for: ``"en"`` (``terms``), then those of ``languages:``, sorted."""
        others = {code for frame in self.frames for code, terms in frame.terms_by_language.items() if terms}
        return ("en", *sorted(others - {"en"}))

    def with_masker(self, masker: Any) -> FrameLexicon:
        """The same lexicon masking these names (a :class:`~analysis.sentiment.masking.NameMasker`)."""
        return FrameLexicon(self.frames, self.source, masker, self.actors)

    def with_resources(self, resources: Any) -> FrameLexicon:
        """The same lexicon masking the names of a study (its ``actors`` and ``titles``)."""
        masker = self._names_masker(resources.titles, resources.actors)
        return FrameLexicon(self.frames, self.source, masker, resources.actors)

    def _names_masker(self, titles: Any, actors: Any) -> Any:
        """A masker of the names that matter here: those holding one of the lexicon's terms.

        A name without any term changes no match when it is masked, and each name costs time
        in every sentence, so only the others are masked ("Comprehensive Strategic Partnership
        Treaty", "Supreme National Security Council", "State Duma").
        """
        from ..sentiment.masking import NameMasker, registry_names

        names = [*titles.names(), *registry_names(actors, descriptions=False)]
        relevant = [(n, s) for n, s in names if any(f.pattern.search(normalise_quotes(n)) for f in self.frames)]
        return NameMasker(relevant)

    def _masker(self) -> Any:
        if self.masker is None:  # the package's names, found once for this lexicon
            from ..corpus.registry import load_actors
            from ..sentiment.masking import load_titles

            object.__setattr__(self, "masker", self._names_masker(load_titles(), load_actors()))
        return self.masker

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

    def _reader(self, language: str) -> Any:
        """The lemma matcher of a language's terms (:mod:`analysis.salience.lemma_frames`), made once."""
        reader = self._readers.get(language)
        if reader is None:
            if language not in self.languages[1:]:
                raise KeyError(f"the lexicon has no terms in {language!r} (it reads {', '.join(self.languages)})")
            from .lemma_frames import LemmaMatcher, language_names

            groups = [frame.terms_by_language.get(language, ()) for frame in self.frames]
            reader = LemmaMatcher(groups, language, names=language_names(language, self.actors))
            self._readers[language] = reader
        return reader

    def detect_in(self, texts: Sequence[str], language: str) -> np.ndarray:
        """:meth:`detect` for texts in one language of :attr:`languages` (English: :meth:`detect`).

        Examples
        --------
        >>> lexicon = load_frames()
        >>> texts = ["Санкции незаконны.", "Договор о всеобъемлющем стратегическом партнёрстве."]
        >>> hits = lexicon.detect_in(texts, "ru")
        >>> hits[:, lexicon.ids.index("partnership")].tolist(), hits[:, lexicon.ids.index("sovereignty")].tolist()
        ([False, False], [True, False])
        """
        if language == "en":
            return self.detect(texts)
        return self._reader(language).match(list(texts))

    def explain_in(self, text: str, language: str) -> dict[str, list[str]]:
        """:meth:`explain` for a text in one language of :attr:`languages` (the words as written)."""
        if language == "en":
            return self.explain(text)
        found: dict[int, list[str]] = {}
        for hit in self._reader(language).hits(text):
            found.setdefault(hit.group, []).append(text[hit.start : hit.end])
        return {frame.id: found[j] for j, frame in enumerate(self.frames) if j in found}

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


def _languages(file: Path, where: str, value: Any) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """A frame's ``languages``: ``{code: {terms: [...], examples: [...]}}`` -> terms and examples by language."""
    if value is None:
        return {}, {}
    if not isinstance(value, dict):
        raise FramesError(file, f"{where}: 'languages' must map language codes (ru, fa) to terms and examples")
    terms: dict[str, tuple[str, ...]] = {}
    examples: dict[str, tuple[str, ...]] = {}
    for code, section in value.items():
        if not isinstance(code, str) or not _CODE.match(code) or code == "en":
            raise FramesError(
                file, f"{where}: language {code!r} must be an ISO 639-1 code other than en (English is 'terms')"
            )
        if not isinstance(section, dict) or set(section) - _LANGUAGE_KEYS:
            raise FramesError(file, f"{where}: languages: {code}: expected a mapping with 'terms' and 'examples'")
        for key, target in (("terms", terms), ("examples", examples)):
            items = section.get(key) or []
            if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
                raise FramesError(file, f"{where}: languages: {code}: {key!r} must be a list of non-empty strings")
            for item in items if key == "terms" else ():
                if any(not re.search(r"[^\W_]", w.replace("*", "")) for w in item.split()):
                    raise FramesError(
                        file, f"{where}: languages: {code}: term {item!r} needs a letter or digit in each word"
                    )
            target[code] = tuple(" ".join(t.split()) for t in items)
    return terms, examples


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
    terms_by_language, examples_by_language = _languages(file, where, entry.get("languages"))
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
            terms_by_language=terms_by_language,
            examples_by_language=examples_by_language,
        )
    except FramesError as exc:
        raise FramesError(file, exc.problem) from None


def load_frames(path: str | Path | None = None) -> FrameLexicon:
    """Load and validate a frame lexicon.

    Parameters
    ----------
    path
        A ``frames.yml`` file, a corpus folder or document (the corpus's own ``frames.yml``
        when it has one, else the package default), or None for the package's own (see
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
    file = data_file("frames", path)
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
