"""Voices: whose text a measurement is about, written once as a string and parsed once.

A *voice* is written as:

==================== ===========================================================================
``iran_mfa``         an actor: its own quotes and the joint statements it is part of
``araghchi+lavrov``  a group of actors: the quotes of any of them
``side:iran``        a side: the quotes of every actor on that side
``outlet``           the outlets' own narration (everything that is not a quote)
``outlet:IRNA``      the narration of one outlet
``all``              everything
==================== ===========================================================================

:meth:`Voice.parse` checks the notation; :meth:`Voice.check` checks the names against an actor
registry; every stage then asks the voice for its rows (:meth:`Voice.mask` over utterances,
units or scored units) and for its :meth:`Voice.label`. Stages accept a :class:`Voice` or its
string.

Examples
--------
>>> import pandas as pd
>>> utt = pd.DataFrame({"actor": ["iran_mfa", "outlet", "pezeshkian+putin"],
...     "side": ["iran", "", "iran+russia"], "source": ["quote", "narration", "quote"], "outlet": ["X"] * 3})
>>> Voice.parse("side:russia").mask(utt).tolist()
[False, False, True]
>>> str(Voice.parse(" outlet:X ")), Voice.parse("putin").mask(utt).tolist()
('outlet:X', [False, False, True])
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import VoiceError

__all__ = ["NARRATION", "KINDS", "Voice", "as_voice", "select_voice", "known_voices"]

#: The actor value of narration in the utterances and units tables.
NARRATION = "outlet"
#: The kinds of voice.
KINDS = ("actor", "side", "outlet", "all")
_NOTATION = "an actor id, side:NAME, outlet, outlet:NAME or all"


def _members(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.split("+")


@dataclass(frozen=True)
class Voice:
    """One voice: its ``kind`` (:data:`KINDS`) and ``name`` (actor ids joined by ``+``, a side
    id, an outlet name, or ``""`` for all narration and for ``all``)."""

    kind: str
    name: str = ""

    @classmethod
    def parse(cls, text: str | Voice) -> Voice:
        """Parse the notation of a voice (see the module docstring).

        Raises
        ------
        VoiceError
            For an empty or malformed voice.

        Examples
        --------
        >>> Voice.parse("side:iran")
        Voice(kind='side', name='iran')
        >>> Voice.parse("nation:iran")
        Traceback (most recent call last):
        ...
        analysis.errors.VoiceError: voice 'nation:iran' is not an actor id, side:NAME, outlet, outlet:NAME or all
        """
        if isinstance(text, Voice):
            return text
        voice = str(text).strip()
        if not voice:
            raise VoiceError(f"empty voice: give {_NOTATION}")
        if voice == "all":
            return cls("all")
        if voice == NARRATION:
            return cls("outlet")
        kind, _, name = voice.partition(":")
        if kind in ("side", "outlet") and name.strip():
            return cls(kind, name.strip())
        if ":" in voice or any(not part for part in voice.split("+")):
            raise VoiceError(f"voice {voice!r} is not {_NOTATION}")
        return cls("actor", voice)

    def __str__(self) -> str:
        if self.kind == "actor":
            return self.name
        if self.kind == "all" or not self.name:
            return "all" if self.kind == "all" else NARRATION
        return f"{self.kind}:{self.name}"

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """The actor ids of an actor or group voice (``()`` for other kinds)."""
        return tuple(self.name.split("+")) if self.kind == "actor" else ()

    def check(self, actors) -> Voice:
        """Check the voice's names against an actor registry; return the voice.

        Raises
        ------
        VoiceError
            For an unknown actor id or side, listing what the registry knows.

        Examples
        --------
        >>> from analysis.corpus.registry import load_actors
        >>> Voice.parse("nobody").check(load_actors())
        Traceback (most recent call last):
        ...
        analysis.errors.VoiceError: unknown actor id 'nobody' (known: iran_mfa, ...; see ...actors.yml)
        """
        if self.kind == "side" and self.name not in actors.sides:
            raise VoiceError(f"unknown side {self.name!r} (sides: {', '.join(actors.sides)})")
        unknown = [part for part in self.actor_ids if part not in actors]
        if unknown:
            known = ", ".join(list(actors.actors)[:3])
            raise VoiceError(f"unknown actor id {unknown[0]!r} (known: {known}, ...; see {actors.source})")
        return self

    def label(self, actors=None) -> str:
        """Return a readable label, with the registry's display names when given.

        Examples
        --------
        >>> from analysis.corpus.registry import load_actors
        >>> Voice.parse("iran_mfa").label(load_actors()), Voice.parse("side:russia").label(load_actors())
        ('Iranian Foreign Ministry', 'Russia (all actors)')
        """
        if self.kind == "side":
            side = actors.sides.get(self.name) if actors is not None else None
            return f"{side.name if side else self.name} (all actors)"
        if self.kind == "outlet":
            return f"{self.name} (narration)" if self.name else "Outlet narration"
        if self.kind == "all":
            return "All text"
        if actors is not None:
            return " + ".join(actors[a].name if a in actors else a for a in self.actor_ids)
        return self.name

    def mask(self, table: pd.DataFrame) -> pd.Series:
        """Return which rows of an utterances, units or scored-units table are in this voice.

        The table needs ``source`` and, as the voice requires, ``actor``, ``side``, ``outlet``.
        """
        if self.kind == "all":
            return pd.Series(True, index=table.index)
        if self.kind == "outlet":
            narration = table["source"].eq("narration")
            return narration & table["outlet"].eq(self.name) if self.name else narration
        quotes = table["source"].eq("quote")
        if self.kind == "side":
            return quotes & _members(table["side"]).apply(lambda sides: self.name in sides)
        wanted = set(self.actor_ids)
        return quotes & _members(table["actor"]).apply(lambda ids: not wanted.isdisjoint(ids))

    def select(self, table: pd.DataFrame) -> pd.DataFrame:
        """Return the rows of ``table`` in this voice.

        Raises
        ------
        VoiceError
            When the voice has no row, listing the voices present.
        """
        selected = table[self.mask(table)]
        if selected.empty:
            known = ", ".join(known_voices(table)) or "none"
            raise VoiceError(f"voice {str(self)!r} has no text in this corpus (voices present: {known})")
        return selected


def as_voice(voice: str | Voice, actors=None) -> Voice:
    """Parse a voice (a :class:`Voice` is returned as is) and check it against ``actors`` when given.

    Examples
    --------
    >>> as_voice("side:iran")
    Voice(kind='side', name='iran')
    """
    parsed = Voice.parse(voice)
    return parsed.check(actors) if actors is not None else parsed


def select_voice(table: pd.DataFrame, voice: str | Voice) -> pd.DataFrame:
    """Return the rows of an utterances or units table spoken in ``voice``.

    Raises
    ------
    VoiceError
        For a malformed voice, or one with no row, listing the voices present.

    Examples
    --------
    >>> utt = pd.DataFrame({"actor": ["lavrov", "outlet"], "side": ["russia", ""],
    ...     "source": ["quote", "narration"], "outlet": ["W", "W"]})
    >>> select_voice(utt, "outlet")["source"].tolist()
    ['narration']
    """
    return Voice.parse(voice).select(table)


def known_voices(table: pd.DataFrame) -> list[str]:
    """Return the voices present in an utterances or units table (actor ids, sides, outlets).

    Examples
    --------
    >>> utt = pd.DataFrame({"actor": ["pezeshkian+putin", "outlet"], "side": ["iran+russia", ""],
    ...     "source": ["quote", "narration"], "outlet": ["W", "W"]})
    >>> known_voices(utt)
    ['pezeshkian', 'putin', 'side:iran', 'side:russia', 'outlet', 'outlet:W']
    """
    quotes = table[table["source"].eq("quote")]
    actors = sorted({a for v in _members(quotes["actor"]) for a in v if a})
    sides = sorted({f"side:{s}" for v in _members(quotes["side"]) for s in v if s})
    outlets = sorted({f"outlet:{o}" for o in table.loc[table["source"].eq("narration"), "outlet"] if o})
    return actors + sides + ([NARRATION] if outlets else []) + outlets
