"""The actor registry: who can speak, under which names, on which side, for which institution.

The registry is data (``actors.yml``), not code. The package ships the registry of the bundled
corpus as its default (``analysis/data/actors.yml``); a corpus folder holding its own
``actors.yml`` replaces it for that corpus. See that file for the format.

**Institutions.** An actor may be ``member_of`` one or more other actors -- a minister and a
spokesperson of their ministry, a ministry of a government -- with a ``role`` and, optionally,
the dates of the office (``from``, ``until``). An institution speaks through its members: the
voice of ``iran_mfa`` holds the statements of the ministry itself and of everyone who is a
member of it (directly or through another member) on the date of the document.

Examples
--------
>>> actors = load_actors()
>>> actors.lookup("the Iranian Foreign Ministry").id
'iran_mfa'
>>> actors.lookup("Baqaei").id
'baghaei'
>>> actors.side_alias("Moscow")
'russia'
>>> actors["zakharova"].role, actors.institutions_of("zakharova")
('spokesperson', ('russia_mfa',))
>>> "lavrov" in actors.members("russia_mfa")
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..datafiles import KeyedCollection, is_identifier, read_yaml, string_list
from ..errors import ActorsError
from .config import config_file

__all__ = ["KINDS", "GENDERS", "RESERVED_IDS", "Actor", "Side", "ActorRegistry", "load_actors", "normalise_name"]

#: Allowed values of ``kind``.
KINDS = ("organisation", "person", "body")
#: Allowed values of ``gender``.
GENDERS = ("female", "male")
#: Words of the voice notation that cannot be actor ids.
RESERVED_IDS = ("all", "outlet", "side", "only", "joint", "press")
_FIELDS = {"id", "name", "kind", "side", "gender", "aliases", "descriptions", "member_of", "role", "from", "until"}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """Return the form names are compared in: case-folded, straight apostrophes, single
    spaces, without a leading "the" (a pure function of the string, cached: the same names
    come back in every document).

    Examples
    --------
    >>> normalise_name("The  Iranian Foreign Ministry")
    'iranian foreign ministry'
    >>> normalise_name("Iran\u2019s")
    "iran's"
    """
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip().casefold()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Actor:
    """One speaker of the registry."""

    id: str
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    gender: str | None = None
    member_of: tuple[str, ...] = ()
    role: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    def in_office(self, date: dt.date | None) -> bool:
        """Whether the actor held its office on ``date`` (always, when either is unknown).

        Examples
        --------
        >>> Actor("x", "X", "person", "iran", start=dt.date(2024, 8, 21)).in_office(dt.date(2024, 1, 1))
        False
        """
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Side:
    """A camp that actors belong to, with the names used for it as a whole."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorRegistry(KeyedCollection[Actor]):
    """A validated set of actors and sides; build it with :func:`load_actors`.

    Lookups are by normalised name (:func:`normalise_name`): an alias or the display name
    gives one actor, a description gives every actor that shares it, a side alias gives a side.
    """

    actors: dict[str, Actor]
    sides: dict[str, Side]
    source: str = "<memory>"
    _alias_index: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _description_index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _side_index: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                key = normalise_name(name)
                owner = self._alias_index.get(key)
                if owner is not None and owner != actor.id:
                    raise ActorsError(self.source, f"alias {name!r} is claimed by both {owner!r} and {actor.id!r}")
                self._alias_index[key] = actor.id
            for description in actor.descriptions:
                key = normalise_name(description)
                ids = self._description_index.get(key, ())
                if actor.id not in ids:
                    self._description_index[key] = (*ids, actor.id)
        for side in self.sides.values():
            for name in side.aliases:
                key = normalise_name(name)
                owner = self._side_index.get(key)
                if owner is not None and owner != side.id:
                    raise ActorsError(self.source, f"side alias {name!r} is claimed by both {owner!r} and {side.id!r}")
                if key in self._alias_index:
                    raise ActorsError(
                        self.source, f"side alias {name!r} is also an alias of actor {self._alias_index[key]!r}"
                    )
                self._side_index[key] = side.id

    def _items(self) -> dict[str, Actor]:
        return self.actors

    # lookups ------------------------------------------------------------------------------
    def lookup(self, name: str) -> Actor | None:
        """Return the actor an alias, display name or id names, or None."""
        if name in self.actors:
            return self.actors[name]
        actor_id = self._alias_index.get(normalise_name(name))
        return None if actor_id is None else self.actors[actor_id]

    def described_by(self, description: str) -> list[Actor]:
        """Return the actors that share a generic description ("the ministry"), in registry order."""
        return [self.actors[i] for i in self._description_index.get(normalise_name(description), ())]

    def side_alias(self, name: str) -> str | None:
        """Return the side a name stands for ("Tehran" -> "iran"), or None."""
        return self._side_index.get(normalise_name(name))

    def side_of(self, actor: str) -> str:
        """Return the side of an actor id or of a group written as ids joined by ``+``.

        A group whose members are on different sides gets their sides joined by ``+``.

        Examples
        --------
        >>> load_actors().side_of("pezeshkian+putin")
        'iran+russia'
        """
        if not actor:
            return ""
        sides = sorted({self.actors[a].side for a in actor.split("+") if a in self.actors})
        return "+".join(sides)

    def institutions_of(self, actor_id: str) -> tuple[str, ...]:
        """The institutions an actor is a member of, directly or through another, nearest first."""
        found: list[str] = []
        queue = list(self.actors[actor_id].member_of) if actor_id in self.actors else []
        while queue:
            current = queue.pop(0)
            if current not in found:
                found.append(current)
                queue.extend(self.actors[current].member_of)
        return tuple(found)

    def members(self, institution: str, *, on: dt.date | None = None) -> tuple[str, ...]:
        """The actors who speak for an institution: itself and its members, directly or not.

        With ``on``, members whose office (``from``/``until``) does not cover that date are
        left out; the institution itself always speaks for itself.

        Examples
        --------
        >>> load_actors().members("iran_mfa")[:3]
        ('iran_mfa', 'araghchi', 'baghaei')
        """
        return tuple(
            a.id
            for a in self.actors.values()
            if a.id == institution or (institution in self.institutions_of(a.id) and a.in_office(on))
        )

    def has_members(self, actor_id: str) -> bool:
        """Whether an actor is an institution with at least one member."""
        return any(actor_id in a.member_of for a in self.actors.values())

    def names(self) -> list[tuple[str, str, str]]:
        """Return every searchable name as ``(normalised name, what, target)``, longest first.

        ``what`` is ``"actor"`` (target an actor id), ``"description"`` (target ids joined by
        ``+``) or ``"side"`` (target a side id). Useful to build a matcher over a text.
        """
        rows = [(k, "actor", v) for k, v in self._alias_index.items()]
        rows += [(k, "description", "+".join(v)) for k, v in self._description_index.items()]
        rows += [(k, "side", v) for k, v in self._side_index.items()]
        return sorted(rows, key=lambda r: (-len(r[0]), r[0]))

    def to_frame(self) -> pd.DataFrame:
        """Return the registry as a table, one row per actor."""
        return pd.DataFrame(
            [
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind,
                    "side": a.side,
                    "gender": a.gender or "",
                    "member_of": "; ".join(a.member_of),
                    "role": a.role,
                    "from": a.start.isoformat() if a.start else "",
                    "until": a.end.isoformat() if a.end else "",
                    "aliases": "; ".join(a.aliases),
                    "descriptions": "; ".join(a.descriptions),
                }
                for a in self.actors.values()
            ],
            columns=[
                "id",
                "name",
                "kind",
                "side",
                "gender",
                "member_of",
                "role",
                "from",
                "until",
                "aliases",
                "descriptions",
            ],
        )


def _strings(source: str, where: str, value: Any) -> tuple[str, ...]:
    return string_list(value, where=where, source=source, error=ActorsError)


def _build(data: Any, source: str) -> ActorRegistry:
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorsError(source, "expected a mapping with an 'actors' list (and optionally 'sides')")
    raw_sides = data.get("sides") or {
        "iran": {"name": "Iran"},
        "russia": {"name": "Russia"},
        "other": {"name": "Other"},
    }
    if not isinstance(raw_sides, dict):
        raise ActorsError(source, "'sides' must be a mapping of side id to {name, aliases}")
    sides: dict[str, Side] = {}
    for side_id, spec in raw_sides.items():
        side_id = str(side_id)
        if not is_identifier(side_id):
            raise ActorsError(source, f"side id {side_id!r} must be lower-case letters, digits or '_'")
        spec = spec or {}
        if not isinstance(spec, dict):
            raise ActorsError(source, f"side {side_id!r} must be a mapping with name and aliases")
        sides[side_id] = Side(
            id=side_id,
            name=str(spec.get("name") or side_id),
            aliases=_strings(source, f"side {side_id!r}: aliases", spec.get("aliases")),
        )
    actors: dict[str, Actor] = {}
    for number, spec in enumerate(data["actors"], start=1):
        if not isinstance(spec, dict):
            raise ActorsError(source, f"actor #{number} must be a mapping")
        actor_id = str(spec.get("id") or "").strip()
        if not actor_id:
            raise ActorsError(source, f"actor #{number} has no id")
        if not is_identifier(actor_id):
            raise ActorsError(source, f"actor id {actor_id!r} must be lower-case letters, digits or '_'")
        if actor_id in RESERVED_IDS:
            raise ActorsError(source, f"actor id {actor_id!r} is a word of the voice notation; choose another")
        if actor_id in actors:
            raise ActorsError(source, f"duplicate actor id {actor_id!r}")
        name = str(spec.get("name") or "").strip()
        if not name:
            raise ActorsError(source, f"actor {actor_id!r} has no name")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise ActorsError(source, f"actor {actor_id!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
        side = spec.get("side")
        if side not in sides:
            raise ActorsError(source, f"actor {actor_id!r}: unknown side {side!r} (known: {', '.join(sides)})")
        gender = spec.get("gender")
        if gender is not None and gender not in GENDERS:
            raise ActorsError(source, f"actor {actor_id!r}: gender {gender!r} is not one of {', '.join(GENDERS)}")
        unknown = set(spec) - _FIELDS
        if unknown:
            raise ActorsError(source, f"actor {actor_id!r}: unknown field(s) {', '.join(sorted(unknown))}")
        actors[actor_id] = Actor(
            id=actor_id,
            name=name,
            kind=kind,
            side=side,
            gender=gender,
            aliases=_strings(source, f"actor {actor_id!r}: aliases", spec.get("aliases")),
            descriptions=_strings(source, f"actor {actor_id!r}: descriptions", spec.get("descriptions")),
            member_of=_strings(source, f"actor {actor_id!r}: member_of", spec.get("member_of")),
            role=_role(source, actor_id, spec.get("role")),
            start=_date(source, actor_id, "from", spec.get("from")),
            end=_date(source, actor_id, "until", spec.get("until")),
        )
    _check_institutions(actors, source)
    return ActorRegistry(actors=actors, sides=sides, source=source)


def _role(source: str, actor_id: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ActorsError(source, f"actor {actor_id!r}: role must be a non-empty string such as 'minister'")
    return " ".join(value.split())


def _date(source: str, actor_id: str, key: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ActorsError(source, f"actor {actor_id!r}: {key} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_institutions(actors: dict[str, Actor], source: str) -> None:
    """Every ``member_of`` names an actor of the registry, dates are ordered, and there is no cycle."""
    for actor in actors.values():
        for institution in actor.member_of:
            if institution not in actors:
                raise ActorsError(source, f"actor {actor.id!r}: member_of {institution!r} is not an actor id")
            if institution == actor.id:
                raise ActorsError(source, f"actor {actor.id!r} cannot be a member of itself")
        if actor.start and actor.end and actor.end < actor.start:
            raise ActorsError(source, f"actor {actor.id!r}: until {actor.end} is before from {actor.start}")
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(actor_id: str, path: list[str]) -> None:
        if state.get(actor_id) == 2:
            return
        if state.get(actor_id) == 1:
            cycle = " -> ".join([*path[path.index(actor_id) :], actor_id])
            raise ActorsError(source, f"member_of forms a cycle: {cycle}")
        state[actor_id] = 1
        for institution in actors[actor_id].member_of:
            visit(institution, [*path, actor_id])
        state[actor_id] = 2

    for actor_id in actors:
        visit(actor_id, [])


def load_actors(path: str | Path | None = None) -> ActorRegistry:
    """Load and validate an actor registry.

    Parameters
    ----------
    path
        An ``actors.yml`` file, a corpus folder or one of its documents (the corpus's own
        ``actors.yml`` when it has one, else the package default), or None for the default
        corpus's (see :mod:`analysis.corpus.config`).

    Raises
    ------
    ActorsError
        Naming the file and the problem: duplicate ids, unknown sides or kinds, an alias
        claimed by two actors, YAML that does not parse.

    Examples
    --------
    >>> sorted(load_actors().sides)
    ['iran', 'other', 'russia']
    """
    file = config_file("actors", path)
    return _build(read_yaml(file, ActorsError), str(file))
