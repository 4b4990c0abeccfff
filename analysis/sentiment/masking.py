"""Names are not sentiment: mask the names of actors, organisations and agreements before scoring.

A lexicon reads the words inside a name as if the writer had chosen them: "the Comprehensive
Strategic Partnership Treaty entered into force" scores +0.25 under VADER because
"Comprehensive" is +1.0, and "the Security Council" (+1.4), "the United Nations" (+1.8) or
"the Treaty of Friendship and Cooperation" (+1.9) are read as praise. Masking replaces every
character of a name, except white space, by ``_`` before a method scores the text:

* the text keeps its length, so character offsets stay valid, and its words keep their
  positions, so the rules that look a few words back (negation, boosters) see a neutral word
  where the name was;
* a text without names is unchanged, so its scores are those of the unmasked method;
* the masked spans are returned, and explanations list them.

The names are those of the actor registry (``actors.yml``: display names, aliases and
descriptions of actors, aliases of sides) and of ``titles.yml`` (organisations, agreements,
offices and places; the package default, or a corpus folder's own -- see
:mod:`analysis.corpus.config`). Matching follows :func:`analysis.sentiment.targets.alias_pattern`:
whole words, case-insensitive except names written in capitals, the longest name first.

Examples
--------
>>> masker = name_masker()
>>> masked = masker.mask("The Comprehensive Strategic Partnership Treaty entered into force.")
>>> masked.text
'The _____________ _________ ___________ ______ entered into force.'
>>> [(s.text, s.source) for s in masked.spans]
[('Comprehensive Strategic Partnership Treaty', 'title: agreements')]
>>> masker.mask("Talks went well.").text
'Talks went well.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus.config import config_file, data_file
from ..corpus.registry import load_actors
from ..datafiles import is_identifier, read_yaml, string_list
from ..errors import FileError
from ..text import normalise_quotes
from .methods import SentimentError, as_texts
from .targets import alias_pattern

__all__ = [
    "MASK",
    "TitlesError",
    "Titles",
    "MaskedSpan",
    "MaskedText",
    "NameMasker",
    "registry_names",
    "load_titles",
    "name_masker",
    "mask_names",
]

#: The character that replaces every non-space character of a masked name.
MASK = "_"
_SPACES = re.compile(r"\s+")
_NOT_SPACE = re.compile(r"\S")
_WORD = re.compile(r"\w+")


class TitlesError(FileError, SentimentError):
    """A titles file (``titles.yml``) is missing or invalid; the message names the file."""


@dataclass(frozen=True)
class Titles:
    """The names of ``titles.yml``, by group (``agreements``, ``organisations``...)."""

    groups: dict[str, tuple[str, ...]]
    source: str = "<memory>"

    def names(self) -> list[tuple[str, str]]:
        """Return ``(name, "title: GROUP")`` for every name, in file order."""
        return [(name, f"title: {group}") for group, names in self.groups.items() for name in names]


def load_titles(path: str | Path | None = None) -> Titles:
    """Load the titles masked before scoring (``titles.yml``).

    Parameters
    ----------
    path
        A ``titles.yml`` file, a corpus folder or document (the corpus's own ``titles.yml``
        when it has one, else the package default), or None for the package's own.

    Raises
    ------
    TitlesError
        Naming the file and the problem (YAML that does not parse, with its line; a bad group
        id; a group that is not a list of names).

    Examples
    --------
    >>> list(load_titles().groups)[:2]
    ['agreements', 'organisations']
    """
    file = data_file("titles", path)
    data = read_yaml(file, TitlesError)
    if not isinstance(data, dict) or not isinstance(data.get("titles"), dict) or not data["titles"]:
        raise TitlesError(file, "expected a mapping with a non-empty 'titles' mapping of group -> list of names")
    groups = {}
    for group, names in data["titles"].items():
        if not is_identifier(group):
            raise TitlesError(file, f"group {group!r} must be lower-case letters, digits or '_'")
        groups[group] = string_list(names, where=f"titles: group {group!r}", source=file, error=TitlesError)
    return Titles(groups=groups, source=str(file))


@dataclass(frozen=True)
class MaskedSpan:
    """One masked name: its offsets in the text, the text itself and where the name comes from
    (``"actor: lavrov"``, ``"side: iran"``, ``"title: agreements"``)."""

    start: int
    end: int
    text: str
    source: str


@dataclass(frozen=True)
class MaskedText:
    """A text with its names masked (same length as the original) and the masked spans."""

    text: str
    spans: tuple[MaskedSpan, ...] = ()


def _key(name: str) -> str:
    return _SPACES.sub(" ", normalise_quotes(name)).strip().casefold()


class NameMasker:
    """Masks a fixed set of names in texts; build it with :func:`name_masker` or from pairs.

    Parameters
    ----------
    names
        ``(name, source)`` pairs; the first source given for a name is the one reported.

    Examples
    --------
    >>> masker = NameMasker([("Security Council", "title: organisations"), ("UN", "title: organisations")])
    >>> masker.mask("The UN Security Council met; un-named sources.").text
    'The __ ________ _______ met; un-named sources.'
    >>> NameMasker([]).mask("Good.").text
    'Good.'
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.sources: dict[str, str] = {}
        written: list[str] = []
        for name, source in names:
            name = name.strip()
            if name and _key(name) not in self.sources:
                self.sources[_key(name)] = source
            if name:
                written.append(name)
        self.pattern = alias_pattern(written)
        # a text holds a name only if it holds the name's longest word: most texts hold none, and a
        # set lookup of their words is several times faster than the search of every name
        self._words = frozenset(max(_WORD.findall(n.lower()), key=len) for n in written if _WORD.search(n))
        self._last: tuple[str, MaskedText] | None = None  # a text is often masked again at once (scores, trace)

    def __len__(self) -> int:
        return len(self.sources)

    def spans(self, text: str) -> tuple[MaskedSpan, ...]:
        """Return the names found in a text, left to right, none overlapping."""
        if self.pattern is None or not text or self._words.isdisjoint(_WORD.findall(text.lower())):
            return ()
        return tuple(
            MaskedSpan(m.start(), m.end(), text[m.start() : m.end()], self.sources.get(_key(m.group()), "name"))
            for m in self.pattern.finditer(normalise_quotes(text))
        )

    def mask(self, text: str) -> MaskedText:
        """Return the text with every non-space character of each name replaced by :data:`MASK`."""
        remembered = self._last
        if remembered is not None and remembered[0] == text:
            return remembered[1]
        spans = self.spans(text)
        if not spans:
            masked = MaskedText(text)
        else:
            pieces, last = [], 0
            for span in spans:
                pieces.append(text[last : span.start])
                pieces.append(_NOT_SPACE.sub(MASK, span.text))
                last = span.end
            pieces.append(text[last:])
            masked = MaskedText("".join(pieces), spans)
        self._last = (text, masked)
        return masked


def registry_names(actors: Any, *, descriptions: bool = True) -> list[tuple[str, str]]:
    """Return the ``(name, source)`` pairs of an actor registry: actors' names, aliases and
    descriptions, and sides' aliases (not a side's display name, which may be a common word
    such as "Other"). ``descriptions=False`` leaves the descriptions out ("the ministry",
    "parliament": common nouns, which frame matching keeps)."""
    pairs = []
    for actor in actors:
        names = (actor.name, *actor.aliases, *(actor.descriptions if descriptions else ()))
        pairs += [(name, f"actor: {actor.id}") for name in names]
    for side in actors.sides.values():
        pairs += [(name, f"side: {side.id}") for name in side.aliases]
    return pairs


@cache
def _cached_masker(
    actors_file: str, titles_file: str, stamps: tuple[float, float], descriptions: bool = True
) -> NameMasker:
    names = registry_names(load_actors(actors_file), descriptions=descriptions)
    return NameMasker([*load_titles(titles_file).names(), *names])


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def name_masker(
    source: str | Path | None = None, *, actors: Any = None, titles: Titles | None = None, descriptions: bool = True
) -> NameMasker:
    """Return the masker of a corpus: the names of its actor registry and of its ``titles.yml``.

    Parameters
    ----------
    source
        A corpus folder or document (its files, see :mod:`analysis.corpus.config`), or None or
        ``"-"`` for the package's own.
    actors, titles
        An actor registry or loaded titles to use instead of the files (a study's).
    descriptions
        Mask the actors' descriptions too ("the ministry"); frame matching leaves them
        (:meth:`analysis.salience.frames.FrameLexicon.detect`).

    Examples
    --------
    >>> [s.source for s in name_masker().spans("Lavrov spoke at the United Nations.")]
    ['actor: lavrov', 'title: organisations']
    """
    source = "-" if source is None else source
    actors_file, titles_file = config_file("actors", source), config_file("titles", source)
    if actors is None and titles is None:
        stamps = (_stamp(actors_file), _stamp(titles_file))
        return _cached_masker(str(actors_file), str(titles_file), stamps, descriptions)
    if actors is None:
        actors = load_actors(actors_file)
    loaded = titles if titles is not None else load_titles(titles_file)
    return NameMasker([*loaded.names(), *registry_names(actors, descriptions=descriptions)])


def mask_names(texts: str | Iterable[str] | pd.Series, masker: NameMasker | None = None) -> pd.DataFrame:
    """Mask the names in texts: one row per text with the masked text and what was masked.

    Parameters
    ----------
    texts
        Strings (a Series keeps its index).
    masker
        The names (default: :func:`name_masker`, the package's own names).

    Returns
    -------
    pandas.DataFrame
        ``text`` (masked, same length as the original) and ``masked`` (the masked names,
        ``"; "``-joined, ``""`` when none).

    Examples
    --------
    >>> mask_names(["Araghchi met Lavrov.", "No names here."]).values.tolist()
    [['________ met ______.', 'Araghchi; Lavrov'], ['No names here.', '']]
    """
    values, index = as_texts(texts)
    chosen = masker if masker is not None else name_masker()
    rows = []
    for value in values:
        masked = chosen.mask(value)
        rows.append((masked.text, "; ".join(s.text for s in masked.spans)))
    return pd.DataFrame(rows, columns=["text", "masked"], index=index)
