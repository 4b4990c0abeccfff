"""Targets: what a sentence is about, found by the names listed in YAML.

The targets are data (``targets.yml``), not code. The package ships a default
(``analysis/data/targets.yml``: the treaty, the partner country, Iran, Russia, the West, the
European trio (E3), the United States, sanctions, the UN, BRICS, the SCO, multilateralism); a
corpus folder holding its own ``targets.yml`` replaces it for that corpus. See that file for
the format and the matching rules: whole words, case-insensitive except all-capital aliases
("US") and ``exact`` ones, multi-word aliases with any spacing, and side-relative targets
(``by_side``: "the partner" is Russia when an Iranian actor speaks and Iran when a Russian one
does).

Examples
--------
>>> targets = load_targets()
>>> [t for t, _ in find_targets("Tehran thanked us for the U.S. sanctions relief.", targets)]
['iran', 'united_states', 'sanctions']
>>> [t for t, _ in find_targets("Moscow praised the treaty.", targets, side="iran")]
['treaty', 'partner', 'russia']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus.config import data_file
from ..datafiles import KeyedCollection, is_identifier, read_yaml, string_list
from ..errors import FileError
from ..schema import columns
from ..text import normalise_quotes

__all__ = [
    "MENTION_COLUMNS",
    "TargetsError",
    "Target",
    "TargetRegistry",
    "load_targets",
    "alias_pattern",
    "find_targets",
    "target_mentions",
]

#: Columns of the table returned by :func:`target_mentions`.
MENTION_COLUMNS = columns("mentions")

_FIELDS = {"id", "name", "aliases", "exact", "by_side"}


class TargetsError(FileError):
    """A targets file (``targets.yml``) is missing or invalid; the message names the file."""


def alias_pattern(aliases: tuple[str, ...] | list[str], exact: tuple[str, ...] | list[str] = ()) -> re.Pattern | None:
    """Compile aliases into one whole-word regular expression (None when there are none).

    Aliases written entirely in capitals and those in ``exact`` match only as written; the
    others match in any case. Spaces in an alias match any run of white space; curly quotes
    are straightened (match against :func:`analysis.text.normalise_quotes` of the text).

    Examples
    --------
    >>> pattern = alias_pattern(["US", "United States"], exact=["the West"])
    >>> [m.group(0) for m in pattern.finditer("us, the US, the united  states, the West, the west")]
    ['US', 'united  states', 'the West']
    """
    pieces: list[tuple[int, str]] = []
    for alias in {*aliases, *exact}:
        words = normalise_quotes(alias).split()
        if not words:
            continue
        body = r"\s+".join(re.escape(word) for word in words)
        sensitive = alias in exact or alias.isupper()
        pieces.append((len(alias), body if sensitive else f"(?i:{body})"))
    if not pieces:
        return None
    alternatives = "|".join(body for _, body in sorted(pieces, key=lambda p: (-p[0], p[1])))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@dataclass(frozen=True)
class Target:
    """One target: an id, a display name, its aliases and its side-relative aliases."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    by_side: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _patterns: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False, compare=False)

    def pattern(self, side: str = "") -> re.Pattern | None:
        """Return the compiled pattern for a speaker's side (``""``: side-free aliases only).

        A group's side ``"iran+russia"`` uses the side-relative aliases of both members.
        """
        if side not in self._patterns:
            members = set(side.split("+")) if side else set()
            relative = [a for s, names in self.by_side if s in members for a in names]
            self._patterns[side] = alias_pattern([*self.aliases, *relative], self.exact)
        return self._patterns[side]


@dataclass(frozen=True)
class TargetRegistry(KeyedCollection[Target]):
    """A validated, ordered set of targets; build it with :func:`load_targets`."""

    targets: dict[str, Target]
    source: str = "<memory>"

    def _items(self) -> dict[str, Target]:
        return self.targets

    def to_frame(self) -> pd.DataFrame:
        """Return the targets as a table, one row per target."""
        return pd.DataFrame(
            [
                {
                    "id": t.id,
                    "name": t.name,
                    "aliases": "; ".join([*t.aliases, *t.exact]),
                    "by_side": "; ".join(f"{s}: {', '.join(names)}" for s, names in t.by_side),
                }
                for t in self
            ],
            columns=["id", "name", "aliases", "by_side"],
        )


def _strings(source: str, where: str, value: Any) -> tuple[str, ...]:
    return string_list(value, where=where, source=source, error=TargetsError)


def _target(source: str, number: int, spec: Any) -> Target:
    if not isinstance(spec, dict):
        raise TargetsError(source, f"target #{number} must be a mapping")
    target_id = str(spec.get("id") or "").strip()
    if not is_identifier(target_id):
        raise TargetsError(source, f"target #{number}: id {target_id!r} must be lower-case letters, digits or '_'")
    unknown = set(spec) - _FIELDS
    if unknown:
        raise TargetsError(source, f"target {target_id!r}: unknown field(s) {', '.join(sorted(unknown))}")
    by_side = spec.get("by_side") or {}
    if not isinstance(by_side, dict):
        raise TargetsError(source, f"target {target_id!r}: by_side must map side ids to lists of names")
    relative = tuple(
        (str(side), _strings(source, f"target {target_id!r}: by_side {side!r}", names))
        for side, names in by_side.items()
    )
    target = Target(
        id=target_id,
        name=str(spec.get("name") or target_id).strip(),
        aliases=_strings(source, f"target {target_id!r}: aliases", spec.get("aliases")),
        exact=_strings(source, f"target {target_id!r}: exact", spec.get("exact")),
        by_side=relative,
    )
    if not (target.aliases or target.exact or any(names for _, names in relative)):
        raise TargetsError(source, f"target {target_id!r} has no aliases")
    return target


def load_targets(path: str | Path | None = None) -> TargetRegistry:
    """Load and validate the targets.

    Parameters
    ----------
    path
        A ``targets.yml`` file, a corpus folder or document (the corpus's own ``targets.yml``
        when it has one, else the package default), or None for the package's own (see
        :mod:`analysis.corpus.config`).

    Raises
    ------
    TargetsError
        Naming the file and the problem (YAML that does not parse, a bad id, a duplicate id,
        a target without aliases, an unknown field).

    Examples
    --------
    >>> "treaty" in load_targets()
    True
    """
    file = data_file("targets", path)
    data = read_yaml(file, TargetsError)
    if not isinstance(data, dict) or not isinstance(data.get("targets"), list) or not data["targets"]:
        raise TargetsError(file, "expected a mapping with a non-empty 'targets' list")
    targets: dict[str, Target] = {}
    for number, spec in enumerate(data["targets"], start=1):
        target = _target(str(file), number, spec)
        if target.id in targets:
            raise TargetsError(file, f"duplicate target id {target.id!r}")
        targets[target.id] = target
    return TargetRegistry(targets=targets, source=str(file))


def find_targets(text: str, targets: TargetRegistry | None = None, *, side: str = "") -> list[tuple[str, str]]:
    """Return ``(target id, matched text)`` for each target a text mentions, in registry order.

    Parameters
    ----------
    text
        A sentence.
    targets
        The registry (default: :func:`load_targets`).
    side
        The speaker's side id (``"iran"``, ``"iran+russia"`` for a joint statement), which
        turns on the side-relative aliases; ``""`` (narration) uses only the others.

    Examples
    --------
    >>> find_targets("Russia's Foreign Ministry hailed the pact.", side="russia")
    [('treaty', 'the pact'), ('russia', 'Russia')]
    """
    registry = targets if targets is not None else load_targets()
    normalised = normalise_quotes(text)
    found = []
    for target in registry:
        pattern = target.pattern(side)
        match = pattern.search(normalised) if pattern is not None else None
        if match is not None:
            found.append((target.id, text[match.start() : match.end()]))
    return found


def target_mentions(units: pd.DataFrame, targets: TargetRegistry | None = None) -> pd.DataFrame:
    """Return which sentence units mention which targets: one row per (unit, target).

    Parameters
    ----------
    units
        A table with ``unit_id`` and ``text`` and, for side-relative targets, ``side`` (see
        :func:`analysis.voices.utterances.utterance_sentences`).
    targets
        The registry (default: :func:`load_targets`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MENTION_COLUMNS`; ``matched`` is the first alias found, as written.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["d:0-30"], "text": ["Tehran welcomed the treaty."],
    ...     "side": ["russia"]})
    >>> target_mentions(units).values.tolist()
    [['d:0-30', 'treaty', 'treaty'], ['d:0-30', 'partner', 'Tehran'], ['d:0-30', 'iran', 'Tehran']]
    """
    registry = targets if targets is not None else load_targets()
    sides = units["side"].fillna("").astype(str) if "side" in units else pd.Series("", index=units.index)
    rows = [
        (unit_id, target, matched)
        for unit_id, text, side in zip(units["unit_id"], units["text"], sides, strict=True)
        for target, matched in find_targets(text, registry, side=side)
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)
