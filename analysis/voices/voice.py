"""Voices: whose text a measurement is about, written once as a string and parsed once.

A *voice* is written as:

======================= ========================================================================
``iran_mfa``            an actor. For an institution, its own statements and those of its
                        members on the date of each document: ``iran_mfa`` is the ministry,
                        its minister, spokesperson, deputies and envoys (``member_of`` in the
                        actor registry)
``only:iran_mfa``       what is credited to the institution itself, without its members
``araghchi+lavrov``     several actors: the statements of any of them
``side:iran``           every actor of a side, joint statements with other sides excluded
``joint``               joint statements of actors of different sides ("Both sides", "the two
                        leaders"); ``joint:iran+russia`` those of exactly these sides
``press``               journalists' questions in transcripts and interviews
``outlet``              the outlets' own narration; ``outlet:IRNA`` that of one outlet
``all``                 everything
``VOICE@ru``            any of the above in documents of one language only (ISO 639-1):
                        ``iran_mfa@ru``, ``side:iran+joint@ru``, ``outlet:TASS@ru``
``lang:ru``             everything in one language (``all@ru``); ``lang:ru:VOICE`` is
                        ``VOICE@ru``
======================= ========================================================================

A statement is a quote attributed in the text, or a speaker's own text (a statement, an op-ed,
a turn of a transcript). A joint statement of two sides (``side`` ``iran+russia``) belongs to
``joint`` only, never to one side or to an actor of one side: Iranian words do not count as
Russian ones. Add ``+joint`` to any voice to count them as well (``side:iran+joint``).
A language restriction comes last (``side:iran+joint@ru``) and needs the ``language`` column of
the utterances and units tables (every table the pipeline builds has it).

:meth:`Voice.parse` reads the notation; :meth:`Voice.resolve` checks the names against an actor
registry and finds an institution's members; every stage then asks the voice for its rows
(:meth:`Voice.mask` over utterances, units or scored units) and its :meth:`Voice.label`.
Stages accept a :class:`Voice` or its string.

Examples
--------
>>> import pandas as pd
>>> utt = pd.DataFrame({"actor": ["iran_mfa", "outlet", "pezeshkian+putin", "putin"],
...     "side": ["iran", "", "iran+russia", "russia"], "source": ["quote", "narration", "quote", "primary"],
...     "outlet": ["X"] * 4})
>>> Voice.parse("side:russia").mask(utt).tolist()
[False, False, False, True]
>>> Voice.parse("joint").mask(utt).tolist(), Voice.parse("putin+joint").mask(utt).tolist()
([False, False, True, False], [False, False, True, True])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..errors import AnalysisError, VoiceError
from ..languages import load_language

__all__ = ["NARRATION", "PRESS", "SPEECH", "KINDS", "Voice", "as_voice", "select_voice", "known_voices"]

#: The actor value of narration in the utterances and units tables.
NARRATION = "outlet"
#: The actor value of journalists' questions in transcripts and interviews.
PRESS = "press"
#: The ``source`` values that are someone's statements (not the outlet's narration).
SPEECH = ("quote", "primary")
#: The kinds of voice.
KINDS = ("actor", "only", "side", "joint", "press", "outlet", "all")
_NOTATION = "an actor id, only:ID, side:NAME, joint, press, outlet, outlet:NAME or all"
_JOINT = "+joint"
_AT_LANGUAGE = re.compile(r"@([a-z]{2,3})$")
_LANG_PREFIX = re.compile(r"^lang:([a-z]{2,3})(?::|$)")


def _split(value: object) -> list[str]:
    return [] if value is None or value != value else str(value).split("+")


# A membership: actor id and the dates of its office (None: open).
Membership = tuple[str, dt.date | None, dt.date | None]


@dataclass(frozen=True)
class Voice:
    """One voice: its ``kind`` (:data:`KINDS`), ``name``, whether joint statements count, and the
    ``language`` its documents are in (``""``: any).

    ``name`` is actor ids joined by ``+`` (``actor``), an actor id (``only``), a side id, sides
    joined by ``+`` (``joint``), an outlet name, or ``""``. ``members`` is filled by
    :meth:`resolve`: every actor whose statements count, with the dates of its office.
    """

    kind: str
    name: str = ""
    include_joint: bool = False
    members: tuple[Membership, ...] | None = None
    language: str = ""

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
        Voice(kind='side', name='iran', include_joint=False, members=None, language='')
        >>> str(Voice.parse("lang:ru:iran_mfa")), str(Voice.parse("lang:ru"))
        ('iran_mfa@ru', 'all@ru')
        >>> Voice.parse("nation:iran")
        Traceback (most recent call last):
        ...
        analysis.errors.VoiceError: voice 'nation:iran' is not an actor id, only:ID, side:NAME, joint, press, ...
        """
        if isinstance(text, Voice):
            return text
        voice, language = _language_part(str(text).strip())
        if language:
            return replace(cls.parse(voice), language=language)
        include_joint = voice.endswith(_JOINT) and voice != "joint"
        body = voice.removesuffix(_JOINT) if include_joint else voice
        if not body:
            raise VoiceError(f"empty voice: give {_NOTATION}")
        kind, colon, name = body.partition(":")
        name = name.strip()
        if not colon and body in ("all", "joint", PRESS, NARRATION):
            return cls(body, "", include_joint and body not in ("all", "joint"))
        if colon and kind in ("only", "side", "outlet", "joint") and name and (kind != "only" or "+" not in name):
            return cls(kind, name, include_joint and kind != "joint")
        if colon or any(not part.strip() for part in body.split("+")):
            raise VoiceError(f"voice {voice!r} is not {_NOTATION}")
        return cls("actor", "+".join(part.strip() for part in body.split("+")), include_joint)

    def __str__(self) -> str:
        if self.kind == "actor":
            text = self.name
        elif self.name:
            text = f"{self.kind}:{self.name}"
        else:
            text = self.kind
        return text + (_JOINT if self.include_joint else "") + (f"@{self.language}" if self.language else "")

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """The actor ids written in an actor or ``only:`` voice (``()`` for other kinds)."""
        return tuple(self.name.split("+")) if self.kind in ("actor", "only") else ()

    def resolve(self, actors) -> Voice:
        """Check the voice's names against an actor registry and find an institution's members.

        Raises
        ------
        VoiceError
            For an unknown actor id or side, listing what the registry knows.

        Examples
        --------
        >>> from analysis.corpus.registry import load_actors
        >>> [m[0] for m in Voice.parse("russia_mfa").resolve(load_actors()).members][:3]
        ['russia_mfa', 'lavrov', 'zakharova']
        >>> Voice.parse("nobody").resolve(load_actors())
        Traceback (most recent call last):
        ...
        analysis.errors.VoiceError: unknown actor id 'nobody' (known: iran_mfa, ...; see ...actors.yml)
        """
        sides = self.name.split("+") if self.kind == "joint" and self.name else [self.name] * (self.kind == "side")
        for side in sides:
            if side not in actors.sides:
                raise VoiceError(f"unknown side {side!r} (sides: {', '.join(actors.sides)})")
        unknown = [part for part in self.actor_ids if part not in actors]
        if unknown:
            known = ", ".join(list(actors.actors)[:3])
            raise VoiceError(f"unknown actor id {unknown[0]!r} (known: {known}, ...; see {actors.source})")
        if self.kind != "actor":
            return self
        members: dict[str, Membership] = {}
        for actor_id in self.actor_ids:
            for member in actors.members(actor_id):
                actor = actors[member]
                dated = member != actor_id and member not in self.actor_ids
                members.setdefault(member, (member, actor.start if dated else None, actor.end if dated else None))
        return replace(self, members=tuple(members.values()))

    def check(self, actors) -> Voice:
        """The same as :meth:`resolve` (kept for readability where only the check matters)."""
        return self.resolve(actors)

    def label(self, actors=None) -> str:
        """Return a readable label, with the registry's display names when given.

        Examples
        --------
        >>> from analysis.corpus.registry import load_actors
        >>> Voice.parse("iran_mfa").label(load_actors()), Voice.parse("side:russia").label(load_actors())
        ('Iranian Foreign Ministry', 'Russia (all actors)')
        >>> Voice.parse("only:iran_mfa").label(load_actors())
        'Iranian Foreign Ministry (own statements only)'
        """
        if self.language:
            return f"{replace(self, language='').label(actors)} ({language_label(self.language)})"
        suffix = " and joint statements" if self.include_joint else ""
        if self.kind == "side":
            side = actors.sides.get(self.name) if actors is not None else None
            return f"{side.name if side else self.name} (all actors){suffix}"
        if self.kind == "joint":
            sides = self.name.split("+")
            names = [actors.sides[s].name if actors is not None and s in actors.sides else s for s in sides]
            return "Joint statements" + (f" ({' + '.join(names)})" if self.name else "")
        if self.kind == PRESS:
            return "Journalists' questions" + suffix
        if self.kind == "outlet":
            return f"{self.name} (narration)" if self.name else "Outlet narration"
        if self.kind == "all":
            return "All text"
        names = [actors[a].name if actors is not None and a in actors else a for a in self.actor_ids]
        if self.kind == "only":
            return f"{names[0]} (own statements only){suffix}"
        return " + ".join(names) + suffix

    def mask(self, table: pd.DataFrame) -> pd.Series:
        """Return which rows of an utterances, units or scored-units table are in this voice.

        The table needs ``source`` and, as the voice requires, ``actor``, ``side``, ``outlet``;
        with a ``date`` column, members count only in documents dated within their office; a
        voice of one language needs the ``language`` column.
        """
        if self.language:
            if "language" not in table.columns:
                raise VoiceError(f"voice {str(self)!r} is of one language, but the table has no 'language' column")
            return replace(self, language="").mask(table) & table["language"].eq(self.language)
        if self.kind == "all":
            return pd.Series(True, index=table.index)
        if self.kind == "outlet":
            narration = table["source"].eq("narration")
            return narration & table["outlet"].eq(self.name) if self.name else narration
        speech = table["source"].isin(SPEECH)
        joint = _per_value(table["side"], lambda side: len(_split(side)) > 1)
        if self.kind == "joint":
            if not self.name:
                return speech & joint
            wanted = set(self.name.split("+"))
            return speech & _per_value(table["side"], lambda side: set(_split(side)) == wanted)
        own = speech & ~joint & self._own(table)
        if not self.include_joint:
            return own
        return own | (speech & joint & self._involved(table))

    def _own(self, table: pd.DataFrame) -> pd.Series:
        """Rows of a single side that belong to this voice."""
        if self.kind == "side":
            return table["side"].eq(self.name)
        if self.kind == PRESS:
            return table["actor"].eq(PRESS)
        if self.kind == "only":
            return table["actor"].eq(self.name)
        return self._involved(table)

    def _involved(self, table: pd.DataFrame) -> pd.Series:
        """Rows whose actors or sides include this voice's (joint statements included)."""
        if self.kind == "side":
            return _per_value(table["side"], lambda side: self.name in _split(side))
        if self.kind in (PRESS, "only"):
            wanted = PRESS if self.kind == PRESS else self.name
            return _per_value(table["actor"], lambda actor: wanted in _split(actor))
        members = self.members if self.members is not None else tuple((a, None, None) for a in self.actor_ids)
        offices = {actor_id: (start, end) for actor_id, start, end in members}
        actor_codes, actors = pd.factorize(table["actor"].fillna("").astype(str))
        dates = pd.to_datetime(table["date"]) if "date" in table.columns else None
        found = np.zeros(len(table), dtype=bool)
        for code, actor in enumerate(actors):
            held = [offices[a] for a in actor.split("+") if a in offices]
            if not held:
                continue
            rows = actor_codes == code
            if dates is None or any(start is None and end is None for start, end in held):
                found |= rows
                continue
            day = dates[rows].dt.normalize()
            inside = day.isna().to_numpy(copy=True)  # an undated document: the office cannot be checked
            for start, end in held:
                after = day >= pd.Timestamp(start) if start else True
                before = day <= pd.Timestamp(end) if end else True
                inside |= np.asarray(after & before, dtype=bool)
            found[np.flatnonzero(rows)[inside]] = True
        return pd.Series(found, index=table.index)

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


def _language_part(voice: str) -> tuple[str, str]:
    """Split a voice's language from it: ``("iran_mfa", "ru")`` for ``iran_mfa@ru`` or
    ``lang:ru:iran_mfa``, ``("all", "ru")`` for ``lang:ru``; ``(voice, "")`` without one."""
    prefix = _LANG_PREFIX.match(voice)
    if prefix:
        rest = voice[prefix.end() :].strip()
        if "@" in rest:
            raise VoiceError(f"voice {voice!r} names its language twice")
        return rest or "all", prefix.group(1)
    suffix = _AT_LANGUAGE.search(voice)
    if suffix:
        return voice[: suffix.start()].strip(), suffix.group(1)
    if "@" in voice or voice.startswith("lang:"):
        raise VoiceError(f"voice {voice!r}: a language is two or three lower-case letters (iran_mfa@ru, lang:ru)")
    return voice, ""


def language_label(code: str) -> str:
    """A language's name (``"Russian"``), or ``"language xx"`` for a code without resources."""
    try:
        return load_language(code).name
    except AnalysisError:
        return f"language {code}"


def _per_value(values: pd.Series, test: Callable[[object], bool]) -> pd.Series:
    """``test`` of each value of a long column, computed once per distinct value."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    answers = np.fromiter(map(test, distinct), dtype=bool, count=len(distinct))
    return pd.Series(answers[codes], index=values.index)


def as_voice(voice: str | Voice, actors=None) -> Voice:
    """Parse a voice (a :class:`Voice` is returned as is) and resolve it against ``actors`` when given.

    Examples
    --------
    >>> as_voice("side:iran")
    Voice(kind='side', name='iran', include_joint=False, members=None, language='')
    """
    parsed = Voice.parse(voice)
    return parsed.resolve(actors) if actors is not None else parsed


def select_voice(table: pd.DataFrame, voice: str | Voice, actors=None) -> pd.DataFrame:
    """Return the rows of an utterances or units table spoken in ``voice``.

    With ``actors`` (the registry), an institution's voice holds its members' statements.

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
    return as_voice(voice, actors).select(table)


def known_voices(table: pd.DataFrame) -> list[str]:
    """Return the voices present in an utterances or units table (actor ids, sides, joint, outlets).

    An actor is present when it has statements of its own (alone or with actors of its side);
    statements of actors of several sides make the voice ``joint``.

    Examples
    --------
    >>> utt = pd.DataFrame({"actor": ["pezeshkian+putin", "lavrov", "outlet"], "side": ["iran+russia", "russia", ""],
    ...     "source": ["quote", "quote", "narration"], "outlet": ["W", "W", "W"]})
    >>> known_voices(utt)
    ['lavrov', 'side:russia', 'joint', 'outlet', 'outlet:W']
    """
    speech = table[table["source"].isin(SPEECH)]
    single = speech[~speech["side"].fillna("").astype(str).str.contains("+", regex=False)]
    actors = sorted({a for v in single["actor"] for a in _split(v) if a and a != PRESS})
    sides = sorted({f"side:{s}" for s in single["side"].fillna("") if s})
    joint = ["joint"] if speech["side"].fillna("").str.contains("+", regex=False).any() else []
    press = [PRESS] if speech["actor"].eq(PRESS).any() else []
    outlets = sorted({f"outlet:{o}" for o in table.loc[table["source"].eq("narration"), "outlet"] if o})
    return actors + sides + joint + press + ([NARRATION] if outlets else []) + outlets
