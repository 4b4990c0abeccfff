"""How documents are laid out: narration that is never content, turns of transcripts, joint speakers.

The rules are data (``analysis/data/layout.yml``; a corpus folder may hold its own
``layout.yml``), read by :func:`load_layout`:

* **narration** -- datelines ("MOSCOW, Oct 2 (Reuters) -", "Moscow [Russia], October 2 (ANI):"),
  agency credits ("(IRNA)", "Avash News:"), "Read more" lines and photo captions. They belong
  to the outlet or the site, never to a speaker, even inside a statement or a quotation
  (:meth:`Layout.narration_spans`);
* **content prefixes** -- what reporting leaves before the reported words ("on January 17, that
  it expects ..." is "it expects ..."; :meth:`Layout.content_start`);
* **turns** -- the speaker labels of transcripts and interviews ("Sergey Lavrov:",
  "Question:", "Maria Zakharova (replying to a question):"; :meth:`Layout.turns`);
* **joint speakers** -- "Both sides", "the two countries", "Tehran and Moscow"
  (:meth:`Layout.is_joint`).

Examples
--------
>>> layout = load_layout()
>>> text = "MOSCOW, Oct 2 (Reuters) - The treaty entered into force."
>>> [text[s:e] for s, e, _ in layout.narration_spans(text)]
['MOSCOW, Oct 2 (Reuters) - ']
>>> layout.is_joint("Both sides"), layout.is_joint("Both leaders")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import is_identifier, read_yaml, string_list
from ..errors import FileError
from ..text import split_paragraphs
from .config import config_file
from .registry import ActorRegistry, normalise_name

__all__ = [
    "PRESS",
    "WHERE",
    "LayoutError",
    "NarrationRule",
    "Turn",
    "OfficialTitle",
    "TitleSpeaker",
    "Layout",
    "load_layout",
    "silent_transcripts",
]

#: The actor value of questions in transcripts and interviews (the voice ``press``).
PRESS = "press"
#: Where a narration rule is matched.
WHERE = ("paragraph_start", "line", "anywhere")

#: The capital letters that start a turn label and make initials, unless a layout says others.
CAPITALS = "A-Z"
_NOTE = re.compile(r"\s*\([^()\n]{0,100}\)")
_NAME_PARTICLES = r"of|the|and|de|al|bin|van|von|ul|-"
_LINE = re.compile(r"[^\n]+")
_TITLE_GENRES = ("statement", "op-ed", "transcript", "interview")


@lru_cache(maxsize=8)
def _label_patterns(capitals: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The turn label (a capital, up to 150 characters, a colon) and the initials of a name."""
    label = re.compile(rf"(?P<label>[{capitals}][^\n:]{{0,150}}?)\s*:[ \t]+(?=\S)")
    return label, re.compile(rf"^(?:[{capitals}]\.\s?)+")


def _stripped_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every line of ``text`` that is not blank, outer whitespace left out."""
    lines = []
    for line in _LINE.finditer(text):
        start, chars = line.start(), line.group()
        kept = chars.rstrip()
        if kept:
            lines.append((start + len(kept) - len(kept.lstrip()), start + len(kept)))
    return lines


class LayoutError(FileError):
    """A layout file (``layout.yml``) is missing or invalid; the message names the file."""


@dataclass(frozen=True)
class NarrationRule:
    """A kind of narration: its id, where it is matched, and the compiled expression."""

    id: str
    where: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Turn:
    """One turn of a transcript: the label as written, the resolved actor and the spoken text.

    ``actor`` is an actor id, :data:`PRESS` for a question, or ``""`` when the label names
    nobody of the registry. ``label_start``/``label_end`` and ``start``/``end`` are offsets
    into the document: the label (narration) and what was said.
    """

    label: str
    actor: str
    label_start: int
    label_end: int
    start: int
    end: int


@dataclass(frozen=True)
class OfficialTitle:
    """A kind of official title: the genre it tells and the expression whose ``speaker`` group names who speaks."""

    genre: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class TitleSpeaker:
    """What a title says: the genre, the speaker as written, and the actor id (``""`` if nobody of the registry)."""

    genre: str
    name: str
    actor: str


@dataclass(frozen=True)
class Layout:
    """The layout rules of a corpus (see the module docstring); build it with :func:`load_layout`."""

    narration: tuple[NarrationRule, ...]
    content_prefixes: tuple[re.Pattern[str], ...]
    questions: frozenset[str]
    titles: tuple[str, ...]
    max_label_words: int
    joint: re.Pattern[str]
    source: str = "<memory>"
    official_titles: tuple[OfficialTitle, ...] = ()
    capitals: str = CAPITALS

    def narration_spans(
        self, text: str, *, paragraphs: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, str]]:
        """Return the narration passages of a text as ``(start, end, rule id)``, in text order.

        ``paragraphs`` are the text's, when split already (:func:`analysis.text.segment`).

        Examples
        --------
        >>> text = "Tehran, Jan 17 (IRNA) - Talks began.\\n\\nRead more: Pact signed\\n\\nIt helps (TASS) trade."
        >>> [text[s:e] for s, e, _ in load_layout().narration_spans(text)]
        ['Tehran, Jan 17 (IRNA) - ', 'Read more: Pact signed', ' (TASS)']
        """
        spans: list[tuple[int, int, str]] = []
        paragraphs = split_paragraphs(text) if paragraphs is None else paragraphs
        lines: list[tuple[int, int]] | None = None  # the text's lines without outer spaces, found once
        for rule in self.narration:
            if rule.where == "paragraph_start":
                for start, end in paragraphs:
                    match = rule.regex.match(text, start, end)
                    if match and match.end() > start:
                        spans.append((start, match.end(), rule.id))
            elif rule.where == "line":
                lines = _stripped_lines(text) if lines is None else lines
                spans.extend((start, end, rule.id) for start, end in lines if rule.regex.fullmatch(text, start, end))
            else:
                spans.extend((m.start(), m.end(), rule.id) for m in rule.regex.finditer(text) if m.end() > m.start())
        merged: list[tuple[int, int, str]] = []
        for start, end, rule_id in sorted(spans):
            if merged and start <= merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2])
            else:
                merged.append((start, end, rule_id))
        return merged

    def content_start(self, text: str, start: int, end: int) -> int:
        """Return where the content ``text[start:end]`` really starts, past a reporting prefix.

        Examples
        --------
        >>> content = "on January 17, that it expects the pact to deepen ties"
        >>> content[load_layout().content_start(content, 0, len(content)):]
        'it expects the pact to deepen ties'
        """
        for pattern in self.content_prefixes:
            match = pattern.match(text, start, end)
            if match and match.end() < end:
                return match.end()
        return start

    def is_joint(self, speaker: str) -> bool:
        """Whether a speaker phrase stands for both sides ("Both sides", "the two countries")."""
        return self.joint.fullmatch(normalise_name(speaker)) is not None

    def turns(
        self, text: str, actors: ActorRegistry | None = None, *, paragraphs: list[tuple[int, int]] | None = None
    ) -> list[Turn]:
        """Return the turns of a transcript or interview, in text order (``paragraphs``: the text's, when split).

        A paragraph that starts with a label and a colon opens a turn -- a question label
        ("Question:", "Q:"), a name of the registry (titles, initials and notes in
        parentheses are ignored: "Foreign Minister Abbas Araghchi:", "S.Lavrov:",
        "Maria Zakharova (replying to a question):") or a name written in capitals
        ("Dmitry Novikov:"). The turn runs until the next label. Text before the first label is
        not a turn (it is the page's own narration).

        Examples
        --------
        >>> from analysis.corpus import load_actors
        >>> text = "Press conference.\\n\\nQuestion: Will it last?\\n\\nSergey Lavrov: Yes.\\n\\nIt will."
        >>> [(t.actor, text[t.start:t.end]) for t in load_layout().turns(text, load_actors())]
        [('press', 'Will it last?'), ('lavrov', 'Yes.\\n\\nIt will.')]
        """
        opened: list[tuple[str, str, int, int, int]] = []  # label, actor, label start, label end, content start
        paragraphs = split_paragraphs(text) if paragraphs is None else paragraphs
        for start, end in paragraphs:
            match = _label_patterns(self.capitals)[0].match(text, start, end)
            if match is None:
                continue
            found = self._speaker(match.group("label"), actors)
            if found is not None:
                opened.append((match.group("label"), found, start, match.end("label"), match.end()))
        turns = []
        for number, (label, actor, label_start, label_end, content_start) in enumerate(opened):
            stop = opened[number + 1][2] if number + 1 < len(opened) else len(text)
            content_end = content_start + len(text[content_start:stop].rstrip())
            if content_end > content_start:
                turns.append(Turn(label, actor, label_start, label_end, content_start, content_end))
        return turns

    def title_speaker(
        self, title: str, actors: ActorRegistry | None = None, *, outlet: str = ""
    ) -> TitleSpeaker | None:
        """What an official title says: its genre and its speaker (see ``official_titles`` in
        ``layout.yml``), or None for a title of no such kind.

        A description ("the Foreign Ministry") shared by several actors is the one of the side of
        the document's ``outlet`` (an actor's or a side's name).

        Examples
        --------
        >>> from analysis.corpus import load_actors
        >>> title = "Foreign Minister Sergey Lavrov's statement and answers to media questions in Moscow"
        >>> load_layout().title_speaker(title, load_actors())
        TitleSpeaker(genre='transcript', name='Foreign Minister Sergey Lavrov', actor='lavrov')
        >>> load_layout().title_speaker("Statement by the Foreign Ministry on the treaty", load_actors(),
        ...                             outlet="Ministry of Foreign Affairs of the Russian Federation").actor
        'russia_mfa'
        >>> load_layout().title_speaker("Talks end in Geneva", load_actors()) is None
        True
        """
        text = " ".join((title or "").split())
        for rule in self.official_titles:
            match = rule.regex.match(text)
            if match is None:
                continue
            groups = match.groupdict()
            name = (groups.get("speaker") or groups.get("speaker2") or "").strip()
            if name:
                return TitleSpeaker(rule.genre, name, self._title_actor(name, actors, outlet))
        return None

    def opening_speaker(self, doc, actors: ActorRegistry | None = None) -> str:
        """Who speaks in a transcript before its first turn label: the document's ``speaker``, else
        the actor its title names (see :meth:`title_speaker`), else ``""``.

        ``doc`` is a row of the ``documents`` table (``speaker``, ``title``, ``outlet`` are read
        when present).
        """
        speaker = getattr(doc, "speaker", "") or ""
        if speaker:
            return str(speaker)
        found = self.title_speaker(getattr(doc, "title", "") or "", actors, outlet=getattr(doc, "outlet", "") or "")
        return found.actor if found is not None else ""

    def _title_actor(self, name: str, actors: ActorRegistry | None, outlet: str) -> str:
        if actors is None:
            return ""
        found = _actor_named(" ".join(_NOTE.sub("", name).split()), actors, self.capitals)
        if found:
            return found
        candidates = actors.described_by(normalise_name(name))
        if len(candidates) > 1 and outlet:
            side = _outlet_side(outlet, actors)
            candidates = [a for a in candidates if a.side == side]
        return candidates[0].id if len(candidates) == 1 else ""

    def _speaker(self, label: str, actors: ActorRegistry | None) -> str | None:
        """The actor a label names, PRESS for a question, "" for an unknown name, None if no label."""
        plain = " ".join(_NOTE.sub("", label).split())
        if not plain:
            return None
        if plain.rstrip(".").casefold() in self.questions:
            return PRESS
        words = plain.split()
        if len(words) > self.max_label_words:
            return None
        if actors is not None:
            actor = _actor_named(plain, actors, self.capitals)
            if actor:
                return actor
        rest = plain
        for title in self.titles:
            if rest.casefold().startswith(title.casefold() + " "):
                rest = rest[len(title) + 1 :]
                break
        name_word = _name_word(self.capitals)
        if all(name_word.match(word) for word in rest.split()) and len(rest.split()) <= 6:
            return ""
        return None


@lru_cache(maxsize=8)
def _name_word(capitals: str) -> re.Pattern[str]:
    """A word of a name in a turn label: a capital of the language's letters first ("Petrov",
    "И.И.Петров"), or a particle ("of", "al")."""
    return re.compile(rf"^(?:[{capitals}][\w'’.-]*|{_NAME_PARTICLES})$")


def _actor_named(plain: str, actors: ActorRegistry, capitals: str = CAPITALS) -> str:
    """The actor a name names, titles and initials before it ignored ("S.Lavrov", "Foreign
    Minister Abbas Araghchi"), or ``""``."""
    words = plain.split()
    candidates = [plain, _label_patterns(capitals)[1].sub("", plain).strip()]
    candidates += [" ".join(words[k:]) for k in range(1, len(words))]
    for candidate in candidates:
        actor = actors.lookup(candidate) if candidate else None
        if actor is not None:
            return actor.id
    return ""


def _outlet_side(outlet: str, actors: ActorRegistry) -> str:
    """The side an outlet's name stands for (an actor's name or a side's name in it), or ``""``."""
    actor = _actor_named(outlet, actors)
    if actor:
        return actors.side_of(actor)
    words = normalise_name(outlet).split()
    for size in (3, 2, 1):
        for k in range(len(words) - size + 1):
            side = actors.side_alias(" ".join(words[k : k + size]))
            if side:
                return side
    return ""


def silent_transcripts(documents, actors: ActorRegistry | None, layout: Layout) -> list[tuple[str, str]]:
    """Transcripts and interviews whose text would be nobody's: no turn label, no ``speaker`` and
    no speaker their title names. Returns ``(path or doc_id, message)`` pairs, in table order.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["t"], "genre": ["transcript"], "speaker": [""], "title": ["Talks"],
    ...                      "outlet": ["MFA"], "path": ["t.md"], "text": ["Ladies and gentlemen, welcome."]})
    >>> silent_transcripts(docs, None, load_layout())[0][0]
    't.md'
    """
    found = []
    for doc in documents.itertuples(index=False):
        if (getattr(doc, "genre", "") or "") not in ("transcript", "interview"):
            continue
        if layout.opening_speaker(doc, actors) or layout.turns(doc.text, actors):
            continue
        where = getattr(doc, "path", "") or doc.doc_id
        found.append(
            (
                str(where),
                f"a {doc.genre} with no turn label and no speaker: its text is given to no one "
                "(set 'speaker:' to an actor id, or label the turns: 'Sergey Lavrov: ...')",
            )
        )
    return found


def _rule(file: Path, number: int, spec: Any) -> NarrationRule:
    if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str) or not spec["regex"].strip():
        raise LayoutError(file, f"narration rule #{number} needs an id, where and a non-empty regex")
    rule_id = spec.get("id")
    if not is_identifier(rule_id):
        raise LayoutError(file, f"narration rule #{number}: id {rule_id!r} must be lower-case letters, digits or '_'")
    where = spec.get("where", "anywhere")
    if where not in WHERE:
        raise LayoutError(file, f"narration rule {rule_id!r}: where {where!r} is not one of {', '.join(WHERE)}")
    return NarrationRule(rule_id, where, _compile(file, f"narration rule {rule_id!r}", spec["regex"]))


def _compile(file: Path, where: str, regex: str) -> re.Pattern[str]:
    try:
        return re.compile(regex)
    except re.error as exc:
        raise LayoutError(file, f"{where}: bad regular expression ({exc})") from None


def _joint_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    escaped = sorted((re.escape(normalise_name(p)).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile("(?:" + "|".join(escaped) + ")" if escaped else r"(?!x)x")


def load_layout(path: str | Path | None = None) -> Layout:
    """Load and check the layout rules.

    Parameters
    ----------
    path
        A ``layout.yml`` file, a corpus folder or document (the corpus's own when it has one,
        else the package's), or None for the default corpus's (see
        :mod:`analysis.corpus.config`).

    Raises
    ------
    LayoutError
        Naming the file and the problem (bad YAML, an unknown key, a bad regular expression).
    """
    file = config_file("layout", path)
    try:
        stamp = file.stat().st_mtime_ns
    except OSError:
        stamp = None  # reading says "no such file"
    return _load(file, stamp)


@lru_cache(maxsize=16)
def _load(file: Path, stamp: int | None) -> Layout:
    """Read and check one layout file (cached by path and modification time; a Layout is immutable)."""
    data = read_yaml(file, LayoutError)
    if not isinstance(data, dict):
        raise LayoutError(file, "expected a mapping with narration, content_prefixes, turns and joint_speakers")
    unknown = sorted(set(data) - {"narration", "content_prefixes", "turns", "joint_speakers", "official_titles"})
    if unknown:
        raise LayoutError(file, f"unknown key(s) {', '.join(unknown)}")
    rules = data.get("narration") or []
    if not isinstance(rules, list):
        raise LayoutError(file, "'narration' must be a list of rules")
    prefixes = string_list(data.get("content_prefixes"), where="content_prefixes", source=file, error=LayoutError)
    turns = data.get("turns") or {}
    if not isinstance(turns, dict):
        raise LayoutError(file, "'turns' must be a mapping with questions, titles and max_label_words")
    questions = string_list(turns.get("questions"), where="turns: questions", source=file, error=LayoutError)
    titles = string_list(turns.get("titles"), where="turns: titles", source=file, error=LayoutError)
    max_words = turns.get("max_label_words", 10)
    if not isinstance(max_words, int) or max_words < 1:
        raise LayoutError(file, "turns: max_label_words must be a positive whole number")
    capitals = turns.get("capitals", CAPITALS)
    if not isinstance(capitals, str) or not capitals.strip():
        raise LayoutError(file, "turns: capitals must be a character range such as 'A-ZА-ЯЁ'")
    try:
        _label_patterns(capitals)
    except re.error as exc:
        raise LayoutError(file, f"turns: capitals {capitals!r} is not a character range ({exc})") from None
    joint = string_list(data.get("joint_speakers"), where="joint_speakers", source=file, error=LayoutError)
    return Layout(
        narration=tuple(_rule(file, number, spec) for number, spec in enumerate(rules, start=1)),
        content_prefixes=tuple(_compile(file, "content_prefixes", p) for p in prefixes),
        questions=frozenset(q.casefold() for q in questions),
        titles=tuple(sorted(titles, key=len, reverse=True)),
        max_label_words=max_words,
        joint=_joint_pattern(joint),
        source=str(file),
        official_titles=_official_titles(file, data.get("official_titles") or []),
        capitals=capitals,
    )


def _official_titles(file: Path, specs: Any) -> tuple[OfficialTitle, ...]:
    if not isinstance(specs, list):
        raise LayoutError(file, "'official_titles' must be a list of {genre, regex}")
    rules = []
    for number, spec in enumerate(specs, start=1):
        where = f"official_titles #{number}"
        if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str):
            raise LayoutError(file, f"{where} needs a genre and a regex")
        if spec.get("genre") not in _TITLE_GENRES:
            raise LayoutError(file, f"{where}: genre {spec.get('genre')!r} is not one of {', '.join(_TITLE_GENRES)}")
        regex = _compile(file, where, spec["regex"])
        if "speaker" not in regex.groupindex:
            raise LayoutError(file, f"{where}: the regex has no group named 'speaker'")
        rules.append(OfficialTitle(spec["genre"], regex))
    return tuple(rules)
