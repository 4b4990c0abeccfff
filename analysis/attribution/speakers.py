"""Speakers: find the noun phrase that speaks, and resolve it to an actor of the registry.

Three steps, each a small function over the normalised text of one document
(:func:`analysis.text.normalise_quotes`; offsets are those of the original text):

1. :func:`find_mentions` finds every name of the registry (aliases, descriptions, side aliases,
   with an optional leading "the"), resolves descriptions ("the ministry") to the candidate
   actor mentioned last, and records coordinations ("Presidents Pezeshkian and Putin",
   "Iran and Russia") as group mentions.
2. :func:`phrase_before` and :func:`phrase_after` find a speaker's noun phrase next to a cue
   without a parser: a head (a registry name, a pronoun, a group noun phrase, a speaker noun of
   the rules such as "official", or a capitalised name) extended over titles, modifiers,
   possessives, determiners and linking prepositions ("officials in Moscow").
3. :class:`Resolver` turns a speaker span into an actor, a side and a resolution, in text
   order, so that pronouns and group nouns can refer back to earlier speakers.

Resolution values (see :mod:`analysis.attribution.extract` for the full table): ``explicit`` (a name or
alias of the registry, or several joined by "and"), ``description`` (a description shared by
several actors, resolved to the most recently mentioned one), ``alias`` (a side's alias such as
a capital: the side is known, the actor is not), ``anaphora`` (a pronoun or "the statement"),
``group`` ("both leaders"), ``none``.

Examples
--------
>>> from analysis.corpus.registry import load_actors
>>> text = "Presidents Pezeshkian and Putin met. Both leaders agreed."
>>> mentions = annotate_mentions(find_mentions(text, load_actors()), text, load_actors())
>>> [(text[m.start:m.end], m.referent.actor) for m in mentions]
[('Pezeshkian', 'pezeshkian'), ('Putin', 'putin'), ('Pezeshkian and Putin', 'pezeshkian+putin')]
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..corpus.registry import ActorRegistry, normalise_name
from .rules import QuoteRules, load_quote_rules, phrase_pattern

__all__ = [
    "RESOLUTIONS",
    "Referent",
    "Mention",
    "Speaker",
    "mention_regex",
    "find_mentions",
    "annotate_mentions",
    "MentionIndex",
    "tokens",
    "phrase_before",
    "phrase_after",
    "Resolver",
]

#: Values of the ``resolution`` column, from the most to the least direct evidence.
RESOLUTIONS = ("explicit", "description", "alias", "group", "joint", "anaphora", "context", "none")

_TOKEN = re.compile(r"[^\W_]+(?:(?:['&-]|\.(?![A-Z][a-z]))[^\W_]+)*'?|[^\w\s]")  # not "said.The"
_HOST_BEFORE = re.compile(r"(?P<noun>[\w'-]+)\s+(?P<link>to|in)\s+(?:the\s+)?$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,\s*and\s+|,\s*|and\s+|&\s*)")
_SUBJECT_PREFIX = re.compile(r"(?:[^,;:\"]{0,120},\s*)?(?:(?:[A-Z][\w'.-]*|the|both|and|a|an)\s+){0,4}")
_WINDOW = 160  # characters searched left of a cue for its speaker (asides included)
_LOOK_BACK = 200  # earlier speakers and mentions a pronoun or group noun may refer to
_WINDOW_ASIDE = 400  # the same, when an aside (a long relative clause) needs more
_MAX_ASIDE = 60  # tokens of a relative clause between a speaker and its cue
_ASIDES = frozenset({"who", "whose", "whom", "which", "a", "an"})  # open a long aside: ", who ...", ", a veteran ..."
_WINDOW_AFTER = 96  # characters searched right of a cue ("said Russian Foreign Minister Sergei Lavrov")


@dataclass(frozen=True, slots=True)
class Referent:
    """What a speaker refers to.

    ``kind`` is person, organisation, body, side, group, plural (unknown people), document
    ("the statement") or unknown; ``members`` is the kind shared by a group's members
    (person, organisation, side or mixed).
    """

    actor: str = ""
    side: str = ""
    kind: str = "unknown"
    gender: str = ""
    members: str = ""


@dataclass(slots=True)
class Mention:
    """A registry name found in the text, resolved (``what`` is actor, description, side or group)."""

    start: int
    end: int
    what: str
    referent: Referent
    possessive: bool = False
    subject: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the span of its noun phrase, its referent and how it was found."""

    start: int
    end: int
    referent: Referent
    resolution: str


_COMPILED: dict[int, tuple[weakref.ref, re.Pattern[str], re.Pattern[str], dict[str, Any]]] = {}


def _compiled(registry: ActorRegistry) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Any]]:
    """The name expressions of a registry (any case; lower-cased text) and a cache of targets."""
    key = id(registry)
    hit = _COMPILED.get(key)
    if hit is None or hit[0]() is not registry:
        names = [name for name, _, _ in registry.names()]
        pattern = rf"(?<![\w-])(?:the\s+)?{phrase_pattern(names)}(?![\w])"
        hit = _COMPILED[key] = (weakref.ref(registry), re.compile(pattern, re.IGNORECASE), re.compile(pattern), {})
    return hit[1], hit[2], hit[3]


def mention_regex(registry: ActorRegistry) -> re.Pattern[str]:
    """Return the compiled expression matching every name of a registry (cached per registry)."""
    return _compiled(registry)[0]


def _actor_referent(registry: ActorRegistry, actor_id: str) -> Referent:
    actor = registry[actor_id]
    return Referent(actor.id, actor.side, actor.kind, actor.gender or "")


def _group(registry: ActorRegistry, members: Sequence[Referent]) -> Referent:
    actors = sorted({m.actor for m in members if m.actor})
    sides = sorted({s for m in members for s in m.side.split("+") if s})
    kinds = {"organisation" if m.kind == "body" else m.kind for m in members}
    return Referent("+".join(actors), "+".join(sides), "group", "", kinds.pop() if len(kinds) == 1 else "mixed")


def _description(
    registry: ActorRegistry, key: str, last_seen: dict[str, int], scope: tuple[str, str] = ("", "")
) -> Referent:
    side, word = scope
    candidates = [a for a in registry.described_by(key) if not side or a.side == side]
    if word:
        words = _alias_words(registry)
        candidates = [a for a in candidates if word in words[a.id]]
    seen = [a for a in candidates if a.id in last_seen]
    if seen:
        return _actor_referent(registry, max(seen, key=lambda a: last_seen[a.id]).id)
    if len(candidates) == 1:
        return _actor_referent(registry, candidates[0].id)
    sides = {a.side for a in candidates} or {side}
    kinds = {a.kind for a in candidates}
    return Referent("", sides.pop() if len(sides) == 1 else "", kinds.pop() if len(kinds) == 1 else "unknown")


_ALIAS_WORDS: dict[int, tuple[weakref.ref, dict[str, frozenset[str]]]] = {}


def _alias_words(registry: ActorRegistry) -> dict[str, frozenset[str]]:
    """The words of each actor's names ("chinese" for "Chinese Foreign Minister Wang Yi"), cached."""
    hit = _ALIAS_WORDS.get(id(registry))
    if hit is None or hit[0]() is not registry:
        words = {a.id: frozenset(w for n in (a.name, *a.aliases) for w in normalise_name(n).split()) for a in registry}
        hit = _ALIAS_WORDS[id(registry)] = (weakref.ref(registry), words)
    return hit[1]


_WORD_BEFORE = re.compile(r"([^\W_][\w'.-]*)\s+$")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def _demonyms(registry: ActorRegistry) -> dict[str, str]:
    """One-word side aliases ("iran", "moscow"): their demonyms ("Iranian") start with them."""
    return {a.casefold(): side.id for side in registry.sides.values() for a in side.aliases if " " not in a}


def _side_of_word(word: str, demonyms: dict[str, str]) -> str | None:
    """The side a modifier names: a side alias, its possessive or its demonym ("Russian"), or None."""
    low = word.casefold().removesuffix("'s").rstrip("'")
    if low in demonyms:
        return demonyms[low]
    for alias, side in demonyms.items():
        if low.startswith(alias) and len(low) - len(alias) <= 3:
            return side
    return None


def _description_scope(
    norm: str, start: int, end: int, previous: Mention | None, rules: QuoteRules, demonyms: dict[str, str]
) -> tuple[str, str] | None:
    """Whether a description match is a whole noun phrase: None when it is not, else the
    ``(side, word)`` its candidates are restricted to (``""`` for no restriction).

    "the minister" and "minister" after a determiner or a verb are whole phrases; "the
    Security Council president", "deputy foreign minister" or "the president of the Council"
    are not. A side named just before restricts it to that side ("the Iranian ambassador",
    "Moscow's envoy", "the Islamic Republic's ambassador"); another capitalised word to the
    actors with that word in a name ("the Turkish foreign minister" is the minister whose
    alias says "Turkish"), and when none has it the match is no description.
    """
    if _OF_AFTER.match(norm, end):
        return None
    if norm[start : start + 4].lower() == "the ":
        return "", ""
    if previous is not None and not norm[previous.end : start].replace("'s", "").replace("'", "").strip():
        side = previous.referent.side if "+" not in previous.referent.side else ""
        if previous.what == "side" or previous.possessive:  # "Iran's envoy", "the agency's chief"
            return side, ""
        return None  # "Kremlin aide", "Security Council president"
    word = _WORD_BEFORE.search(norm, max(0, start - 40), start)
    if word is None:
        return "", ""
    token = word.group(1)
    low = token.lower()
    side = _side_of_word(token, demonyms) if token[:1].isupper() or low.endswith("'s") else None
    if side is not None:
        return side, ""
    if low in rules.determiners or low in rules.np_stop:
        return "", ""
    if token[:1].isupper() and not low.endswith("'s"):
        return "", normalise_name(token)
    if low in rules.modifiers or low.endswith("'s") or low in rules.speaker_nouns:
        return None
    return "", ""


def find_mentions(
    norm: str, registry: ActorRegistry, *, lower: str | None = None, rules: QuoteRules | None = None
) -> list[Mention]:
    """Return the registry names in a normalised text, in text order, descriptions resolved.

    A description ("the ministry") is resolved to the candidate actor mentioned last before it,
    or to its only candidate; when several candidates were never mentioned, only a side they
    all share is kept. Descriptions match whole noun phrases only (see
    :func:`_description_scope`): "president" in "the Security Council president" is no
    mention. ``lower`` may give ``norm.lower()`` (same length) to search faster; ``rules``
    default to the package's quote rules.

    Examples
    --------
    >>> from analysis.corpus.registry import load_actors
    >>> text = "Putin spoke first. The Security Council president, then the president, replied."
    >>> [(text[m.start:m.end], m.referent.actor) for m in find_mentions(text, load_actors())]
    [('Putin', 'putin'), ('the president', 'putin')]
    """
    rules = rules if rules is not None else load_quote_rules()
    any_case, lower_case, names = _compiled(registry)
    demonyms = _demonyms(registry)
    mentions: list[Mention] = []
    last_seen: dict[str, int] = {}
    matches = lower_case.finditer(lower) if lower is not None else any_case.finditer(norm)
    for match in matches:
        start, end = match.span()
        raw = match.group()
        found = names.get(raw)
        if found is None:
            found = _name_target(registry, normalise_name(raw))
            if len(names) < 50_000:  # written variants of the names; bounded against odd input
                names[raw] = found
        what, target = found
        if what == "description":
            previous = (
                mentions[-1] if mentions and mentions[-1].end <= start and start - mentions[-1].end <= 3 else None
            )
            scope = _description_scope(norm, start, end, previous, rules, demonyms)
            if scope is None:
                continue
            referent = _description(registry, target, last_seen, scope)
            if scope[1] and not referent.actor:
                continue  # "the Azerbaijani president": no actor of the registry is called so
        else:
            referent = target
        if referent.actor:
            last_seen[referent.actor] = start
        possessive = norm.startswith("'s", end) or (norm.startswith("'", end) and norm[end - 1] in "sS")
        mentions.append(Mention(start, end, what, referent, possessive))
    return mentions


def _name_target(registry: ActorRegistry, key: str) -> tuple[str, Any]:
    """What a normalised name stands for: ("actor", Referent), ("description", key), ("side", Referent)."""
    actor = registry.lookup(key)
    if actor is not None:
        return "actor", _actor_referent(registry, actor.id)
    if registry.described_by(key):
        return "description", key
    return "side", Referent("", registry.side_alias(key) or "", "side")


def annotate_mentions(
    mentions: Sequence[Mention],
    norm: str,
    registry: ActorRegistry,
    *,
    sentence_starts: Sequence[int] = (),
    masked: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Mark subjects and quoted mentions, and add one ``group`` mention per coordination.

    Parameters
    ----------
    mentions
        From :func:`find_mentions` (changed in place).
    norm
        The normalised text.
    registry
        The actor registry.
    sentence_starts
        Sorted sentence start offsets; a mention first in its sentence (after at most a fronted
        phrase ending in a comma and a few capitalised words) is a subject, which pronoun
        resolution prefers.
    masked
        Sorted, disjoint spans of direct quotations: mentions inside are ``quoted`` and are
        not antecedents.

    Returns
    -------
    list of Mention
        The mentions, then the groups ("X and Y", "X, Y and Z" of distinct referents).
    """
    mask_starts = [a for a, _ in masked]
    for mention in mentions:
        k = bisect_right(mask_starts, mention.start) - 1
        mention.quoted = k >= 0 and masked[k][0] <= mention.start < masked[k][1]
        if sentence_starts and not mention.quoted:
            s = sentence_starts[max(0, bisect_right(sentence_starts, mention.start) - 1)]
            near = mention.start - s <= 200
            mention.subject = near and _SUBJECT_PREFIX.fullmatch(norm, s, mention.start) is not None
    return [*mentions, *_coordinations(norm, registry, list(mentions))]


def _coordinations(norm: str, registry: ActorRegistry, mentions: list[Mention]) -> list[Mention]:
    groups: list[Mention] = []
    run: list[Mention] = []
    joined = False  # a list needs "and": "Iran, Russia and China", not "Russia, Kazem Jalali"
    for mention in [*mentions, None]:
        if mention is not None and run and not mention.quoted and mention.start - run[-1].end <= 8:
            gap = _COORDINATION.fullmatch(norm, run[-1].end, mention.start)
            if gap is not None and not run[-1].possessive:
                run.append(mention)
                joined = joined or gap.group().strip() != ","
                continue
        members = {(m.referent.actor, m.referent.side) for m in run}
        if len(run) > 1 and len(members) > 1 and joined:
            groups.append(Mention(run[0].start, run[-1].end, "group", _group(registry, [m.referent for m in run])))
            groups[-1].subject = run[0].subject
        run = [mention] if mention is not None and not mention.quoted else []
        joined = False
    return groups


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Return the word and punctuation tokens of ``text[start:end]`` as ``(start, end, text)``.

    Examples
    --------
    >>> [t for _, _, t in tokens("Iran's U.S. envoy, he said.", 0, 27)]
    ["Iran's", 'U.S', '.', 'envoy', ',', 'he', 'said', '.']
    """
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


class MentionIndex:
    """Lookups of a document's mentions by start and end offset."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        names = [m for m in mentions if m.what != "group"]
        self.by_end = {m.end: m for m in names}
        self.by_start = {m.start: m for m in names}
        self.starts = [m.start for m in names]
        self.names = names

    def inside(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.names) and self.names[i].start < end:
            if self.names[i].end <= end:
                found.append(self.names[i])
            i += 1
        return found


def _lower(token: str) -> str:
    return token.lower()  # the text is normalised: apostrophes are straight already


def _is_name(token: str, rules: QuoteRules) -> bool:
    return token[:1].isupper() and _lower(token) not in rules.np_stop


def _is_noun(token: str, rules: QuoteRules) -> bool:
    low = _lower(token)
    return low in rules.speaker_nouns or low.removesuffix("'s") in rules.speaker_nouns


def _is_modifier(token: str, rules: QuoteRules) -> bool:
    low = _lower(token)
    return low in rules.modifiers or low.endswith("'s") or low.endswith("s'")


def phrase_before(
    norm: str, lo: int, end: int, mentions: MentionIndex | Sequence[Mention], rules: QuoteRules
) -> tuple[int, int] | None:
    """Return the span of the speaker noun phrase that ends just before ``end`` (a cue), or None.

    Words of ``skip_before_cue`` ("also", "has", "on Thursday") between the phrase and the cue
    are skipped, and so is a parenthetical between commas ("Lavrov, speaking in Moscow,
    said"). ``lo`` bounds the search (the sentence start).

    Examples
    --------
    >>> from analysis.attribution.rules import load_quote_rules
    >>> text = "In a statement, a senior Iranian official also said"
    >>> span = phrase_before(text, 0, 46, [], load_quote_rules())
    >>> text[span[0]:span[1]]
    'a senior Iranian official'
    """
    index = mentions if isinstance(mentions, MentionIndex) else MentionIndex(mentions)
    for window in (_WINDOW, _WINDOW_ASIDE):
        first = max(lo, end - window)
        toks = tokens(norm, first, end)
        if first > lo and toks and toks[0][0] == first:
            toks = toks[1:]  # may be cut by the window
        i = _before_parenthesis(toks, _skip_words(toks, len(toks) - 1, rules), rules)  # "Mike Johnson (R-La.) said"
        if i < 0 or toks[i][2] != ",":
            return _restricted(norm, toks, i, index, rules) or _head_phrase(norm, toks, i, index, rules)
        found = _before_aside(norm, toks, i, index, rules)  # "NP, aside, CUE"
        if found is not None or first == lo:
            return found
    return None


def _skip_words(toks: list[tuple[int, int, str]], i: int, rules: QuoteRules) -> int:
    """Step left over words of ``skip_before_cue`` ("also", "has long") from ``toks[i]``."""
    while i >= 0 and _lower(toks[i][2]) in rules.skip_before_cue:
        i -= 1
    return i


def _before_parenthesis(toks: list[tuple[int, int, str]], i: int, rules: QuoteRules) -> int:
    """Step left over a short parenthesis ending at ``toks[i]`` ("(R-La.)", "(pictured)")."""
    if i < 0 or toks[i][2] != ")":
        return i
    for j in range(i - 1, max(-1, i - 10), -1):
        if toks[j][2] == "(":
            return _skip_words(toks, j - 1, rules)
        if toks[j][2] in ',;:"':
            break
    return i


def _restricted(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    """``Officials who attended the session in Tehran said``: the phrase before "who", or None.

    A relative clause without commas ends right before the cue; its last noun ("Tehran") is
    not the speaker. At most 25 words, no punctuation, between "who" and the cue.
    """
    k = i
    while k > 0 and i - k < 25 and toks[k][2][:1].isalnum():
        if _lower(toks[k][2]) == "who":
            return _head_phrase(norm, toks, k - 1, index, rules)
        k -= 1
    return None


def _before_aside(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    """The speaker of ``NP, aside, CUE`` where ``toks[i]`` is the comma before the cue.

    An aside that is a name after a title heads the speaker, which runs from the title to the
    name ("Iran's ambassador to Russia, Kazem Jalali, said"); a relative clause or an
    apposition of any length is skipped ("Pezeshkian, who met Putin for the third time since
    ..., said"; "Lavrov, a veteran diplomat who ..., said"), and so is a short parenthetical
    ("Lavrov, speaking in Moscow, said").
    """
    j = i - 1
    while j >= 0 and toks[j][2] not in ',;:()"':
        j -= 1
    if j < 0 or toks[j][2] != ",":
        return None
    name = _appositive_name(norm, toks, j, i, index, rules)
    if name is not None:
        return name
    k = j
    while k >= 0 and i - k <= _MAX_ASIDE and toks[k][2] not in ';:()"':
        if toks[k][2] == "," and k + 1 < i and _lower(toks[k + 1][2]) in _ASIDES:
            return _head_phrase(norm, toks, k - 1, index, rules)
        k -= 1
    if i - j - 1 > 10:
        return None
    return _head_phrase(norm, toks, j - 1, index, rules)


def _appositive_name(
    norm: str, toks: list[tuple[int, int, str]], j: int, i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    """The span of ``<title>, <name>`` when ``toks[j+1:i]`` is a name in apposition, or None.

    The aside must be a person's name (a person of the registry, or capitalised words that
    name nobody else) and the phrase before it a title holding a person noun ("ambassador",
    "spokesman") or naming a person.
    """
    if not 0 < i - j - 1 <= 5:
        return None
    span = _head_phrase(norm, toks, i - 1, index, rules)
    if span is None or span[0] != toks[j + 1][0]:
        return None
    inside = index.inside(*span)
    if inside:
        if inside[-1].end != span[1] or inside[-1].referent.kind != "person":
            return None
    elif not all(_is_name(t, rules) for _, _, t in toks[j + 1 : i]):
        return None
    first = j
    while first > 0 and j - first < 12 and toks[first - 1][2][:1].isalnum():
        first -= 1  # the title: the words before the comma ("Iran's deputy foreign minister for ...")
    while first < j and _lower(toks[first][2]) in rules.np_stop and _lower(toks[first][2]) not in rules.determiners:
        first += 1
    if first == j:
        return None
    words = [_lower(t) for _, _, t in toks[first:j]]
    titled = any(rules.speaker_nouns.get(w.removesuffix("'s")) == "person" for w in words)
    named = any(m.referent.kind == "person" and not m.possessive for m in index.inside(toks[first][0], toks[j][0]))
    return (toks[first][0], span[1]) if titled or named else None


def _head_phrase(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    if i < 0 or not (toks[i][2][:1].isalnum()):
        return None
    head_start, head_end, head = toks[i]
    low = _lower(head)
    if low in rules.pronouns:
        return head_start, head_end
    group = _group_ending(norm, head_end, rules)
    if group is not None:
        return group, head_end
    mention = index.by_end.get(head_end)
    if mention is None and not (_is_noun(head, rules) or _is_name(head, rules)):
        return None
    if mention is None and low in rules.determiners:
        return None
    if mention is not None and mention.start > head_start:
        return mention.start, head_end  # a name glued to the word before it: "said.Lavrov"
    start = mention.start if mention is not None else head_start
    k = i
    while k >= 0 and toks[k][0] >= start:
        k -= 1
    while k >= 0:  # every pass moves `start` left of toks[k] (so k decreases) or stops
        tok_start, tok_end, tok = toks[k]
        low = _lower(tok)
        other = index.by_end.get(tok_end)
        if other is not None and not norm[tok_end:start].strip():
            if other.start > tok_start:
                break  # a name starting inside a token ("said.Lavrov") is not part of this phrase
            new_start = other.start  # an adjacent name: "Iran's foreign minister Abbas Araghchi"
        elif low in rules.determiners:
            start = tok_start
            if not (k >= 2 and _lower(toks[k - 1][2]) in rules.links and _is_noun(toks[k - 2][2], rules)):
                break
            new_start = tok_start  # "the president of the Caspian Economic Forum"
        elif (
            (low == "and" and k > 0 and (toks[k - 1][2][:1].isupper() or toks[k - 1][1] in index.by_end))
            or (k > 0 and low in rules.links and _is_noun(toks[k - 1][2], rules))
            or _is_name(tok, rules)
            or (tok == "." and k > 0 and _lower(toks[k - 1][2]) in rules.titles)  # "Sen. Warren"
            or (
                low in rules.name_particles
                and k > 0
                and (toks[k - 1][2][:1].isupper() or _lower(toks[k - 1][2]) in rules.name_particles)
            )
            or _is_modifier(tok, rules)
            or _is_noun(tok, rules)
            or tok[:1].isdigit()
        ):
            new_start = tok_start
        else:
            opener = _bracketing_opener(toks, k, rules) if tok[:1].isalpha() else None
            if opener is None:
                break
            new_start = toks[opener][0]
        start = new_start
        while k >= 0 and toks[k][0] >= start:
            k -= 1
    while start < head_end and _lower(norm[start : start + 4]) == "and ":
        start += 4
    return start, head_end


def _bracketing_opener(toks: list[tuple[int, int, str]], k: int, rules: QuoteRules) -> int | None:
    """Return the index of a determiner or possessive at most two words left of ``toks[k]``.

    Lets a phrase hold plain lower-case words when a determiner or a possessive opens it:
    "Iran's customs administration", "the state news agency".
    """
    for j in range(k - 1, max(-1, k - 3), -1):
        low = _lower(toks[j][2])
        if low in rules.determiners or low.endswith("'s"):
            return j
        if not toks[j][2][:1].isalpha() or low in rules.np_stop:
            return None
    return None


def _group_ending(norm: str, end: int, rules: QuoteRules) -> int | None:
    for match in rules.group_regex.finditer(norm, max(0, end - 40), end):
        if match.end() == end:
            return match.start()
    return None


def phrase_after(
    norm: str, start: int, hi: int, mentions: MentionIndex | Sequence[Mention], rules: QuoteRules
) -> tuple[int, int] | None:
    """Return the span of a speaker noun phrase starting at ``start`` (after spaces), or None.

    Used where the speaker follows the cue: ``said Lavrov``, ``according to the Russian
    Foreign Ministry``, ``according to a statement from the Kremlin``.

    Examples
    --------
    >>> from analysis.attribution.rules import load_quote_rules
    >>> text = "according to officials in Moscow on Monday."
    >>> span = phrase_after(text, 12, 43, [], load_quote_rules())
    >>> text[span[0]:span[1]]
    'officials in Moscow'
    """
    index = mentions if isinstance(mentions, MentionIndex) else MentionIndex(mentions)
    toks = tokens(norm, start, min(hi, start + _WINDOW_AFTER))
    if not toks or not toks[0][2][:1].isalnum():
        return None
    first = toks[0]
    low = _lower(first[2])
    if low in rules.pronouns and not (low in rules.determiners and len(toks) > 1 and toks[1][2][:1].isalnum()):
        return first[0], first[1]  # "him", but not "her ministry"
    group = rules.group_regex.match(norm, first[0])
    if group is not None:
        return group.start(), group.end()
    end, _ = _phrase_run(norm, toks, 0, index, rules)
    if end is None:
        return None
    link = rules.link_regex.match(norm, end)
    if link is not None:
        rest = [t for t in toks if t[0] >= link.end()]
        if rest:
            more, _ = _phrase_run(norm, rest, 0, index, rules)
            if more is not None:
                end = more
    return first[0], end


def _phrase_run(
    norm: str, toks: list[tuple[int, int, str]], k: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int | None, int]:
    """Walk right over a noun phrase from ``toks[k]``; return its end (None if no head) and next index."""
    end: int | None = None
    loose = -1  # lower-case words allowed after a determiner, before the head: "an informed source"
    while k < len(toks):
        tok_start, tok_end, tok = toks[k]
        low = _lower(tok)
        mention = index.by_start.get(tok_start)
        if mention is not None:
            end = mention.end
            while k < len(toks) and toks[k][0] < end:
                k += 1
            if mention.possessive or low.endswith("'s"):
                k, end = _after_possessive(toks, k, end, rules)
            continue
        if low in rules.titles and k + 1 < len(toks) and toks[k + 1][2] == ".":
            k += 2  # "Sen. Elizabeth Warren"
            continue
        if end is not None and low in rules.name_particles and k + 1 < len(toks) and _is_name(toks[k + 1][2], rules):
            k += 1  # "Faisal bin Farhan"
            continue
        if end is not None and low == "and" and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt[0] in index.by_start or _is_name(nxt[2], rules):
                k += 1
                continue
            break
        if _is_name(tok, rules) or _is_noun(tok, rules):
            end = tok_end
            if low.endswith("'s"):
                k, end = _after_possessive(toks, k + 1, end, rules)
                continue
        elif end is None and 0 <= loose < 2 and tok.isalpha() and tok.islower() and low not in rules.np_stop:
            loose += 1
        elif end is not None or not (low in rules.determiners or _is_modifier(tok, rules) or tok[:1].isdigit()):
            break  # after the head only names and nouns continue the phrase
        elif low in rules.determiners:
            loose = 0
        k += 1
    return end, k


def _after_possessive(toks: list[tuple[int, int, str]], k: int, end: int, rules: QuoteRules) -> tuple[int, int]:
    """After "Iran's", take up to three more words when they end in a speaker noun."""
    for j in range(k, min(len(toks), k + 3)):
        if not toks[j][2][:1].isalpha():
            break
        if _is_noun(toks[j][2], rules):
            return j + 1, toks[j][1]
    return k, end


class Resolver:
    """Resolve speaker spans of one document to referents, in text order.

    Parameters
    ----------
    norm
        The normalised text.
    registry, rules
        The actor registry and the quote rules.
    mentions
        The document's mentions (:func:`find_mentions`).
    """

    def __init__(self, norm: str, registry: ActorRegistry, rules: QuoteRules, mentions: Sequence[Mention]) -> None:
        self.norm, self.registry, self.rules = norm, registry, rules
        self.index = MentionIndex(mentions)
        history = sorted((m for m in mentions if not m.quoted), key=lambda m: (m.start, -m.end))
        self._mentions = history
        self._mention_starts = [m.start for m in history]
        self._speakers: list[tuple[int, Referent]] = []

    # antecedents ---------------------------------------------------------------------------
    def remember(self, position: int, referent: Referent) -> None:
        """Record a resolved speaker at ``position`` as an antecedent for later pronouns."""
        self._speakers.append((position, referent))

    def _compatible(self, referent: Referent, accept: frozenset[str]) -> bool:
        kind = referent.kind
        genders = accept & {"male", "female"}
        if genders and referent.gender and referent.gender not in genders:
            return False
        if kind in accept:
            return True
        return kind == "unknown" and bool(accept & {"person", "organisation"})

    def antecedent(self, position: int, accept: frozenset[str]) -> Referent | None:
        """Return the most recent compatible speaker or subject mention before ``position``.

        Speakers of earlier attributions and mentions in subject position are preferred;
        when none is compatible, any earlier compatible mention is taken.
        """
        best: tuple[int, Referent] | None = None
        for pos, referent in reversed(self._speakers[-_LOOK_BACK:]):
            if pos < position and self._compatible(referent, accept):
                best = (pos, referent)
                break
        i = bisect_left(self._mention_starts, position) - 1
        fallback: Referent | None = None
        steps = 0
        while i >= 0 and steps < _LOOK_BACK:
            mention = self._mentions[i]
            if self._compatible(mention.referent, accept):
                if mention.subject:
                    if best is None or mention.start > best[0]:
                        best = (mention.start, mention.referent)
                    break
                if fallback is None:
                    fallback = mention.referent
            i -= 1
            steps += 1
        if best is not None:
            return best[1]
        return fallback

    def _group_antecedent(self, position: int, members: str, count: int) -> Referent | None:
        for pos, referent in reversed(self._speakers[-_LOOK_BACK:]):
            if pos < position and referent.kind == "group" and members in ("any", referent.members):
                return referent
        i = bisect_left(self._mention_starts, position) - 1
        for _ in range(_LOOK_BACK):
            if i < 0:
                break
            mention = self._mentions[i]
            if mention.what == "group" and members in ("any", mention.referent.members):
                return mention.referent
            i -= 1
        # no coordination: the last `count` distinct actors of the right kind nearby
        found: dict[str, Referent] = {}
        i = bisect_left(self._mention_starts, position) - 1
        while i >= 0 and position - self._mentions[i].start < 600 and len(found) < count:
            referent = self._mentions[i].referent
            kind = "organisation" if referent.kind == "body" else referent.kind
            if referent.actor and "+" not in referent.actor and members in ("any", kind):
                found.setdefault(referent.actor, referent)
            i -= 1
        if len(found) == count:
            return _group(self.registry, list(found.values()))
        return None

    # resolution ------------------------------------------------------------------------------
    def resolve(self, start: int, end: int) -> Speaker:
        """Resolve the speaker noun phrase ``norm[start:end]`` and remember it as an antecedent."""
        speaker = self._resolve(start, end)
        self.remember(start, speaker.referent)
        return speaker

    def _resolve(self, start: int, end: int) -> Speaker:
        norm, rules = self.norm, self.rules
        phrase = _lower(norm[start:end])
        if phrase in rules.pronouns:
            referent = self.antecedent(start, rules.pronouns[phrase])
            if referent is None:
                return Speaker(start, end, Referent(kind=_pronoun_kind(rules.pronouns[phrase])), "none")
            return Speaker(start, end, referent, "anaphora")
        group = rules.group_regex.fullmatch(norm, start, end)
        if group is not None:
            noun = normalise_name(group.group("noun"))
            determiner = _lower(norm[start : group.start("noun")]).split()
            count = 3 if "three" in determiner else 2
            referent = self._group_antecedent(start, rules.group_kinds.get(noun, "any"), count)
            if referent is None:
                return Speaker(start, end, Referent(kind="plural"), "none")
            return Speaker(start, end, referent, "group")
        head = _head_mentions(norm, self.index.inside(start, end), start, end, rules)
        if head:
            referent = head[0].referent if len(head) == 1 else _group(self.registry, [m.referent for m in head])
            if len(head) == 1 and head[0].what == "description":
                return Speaker(start, end, referent, "description" if referent.actor or referent.side else "none")
            if not referent.actor and referent.side:
                return Speaker(start, end, referent, "alias")
            return Speaker(start, end, referent, "explicit")
        words = phrase.split()
        last = words[-1].strip(".,") if words else ""
        if rules.speaker_nouns.get(last) == "document":
            accept = frozenset({"group"}) if "joint" in words else frozenset({"organisation", "body", "person", "side"})
            referent = self.antecedent(start, accept)
            if referent is not None:
                return Speaker(start, end, referent, "anaphora")
            return Speaker(start, end, Referent(kind="document"), "none")
        kind = rules.speaker_nouns.get(last, "unknown")
        return Speaker(start, end, Referent(kind="unknown" if kind == "document" else kind), "none")


def _pronoun_kind(accept: frozenset[str]) -> str:
    for kind in ("person", "organisation", "group"):
        if kind in accept:
            return kind
    return "unknown"


def _head_mentions(norm: str, inside: list[Mention], start: int, end: int, rules: QuoteRules) -> list[Mention]:
    """Return the mentions the noun phrase ``norm[start:end]`` is headed by (several for "X and Y")."""
    if not inside:
        return []
    last = inside[-1]
    to = _HOST_BEFORE.search(norm, max(start, last.start - 40), last.start)
    if to is not None and (to.group("link").lower() == "to" or _lower(to.group("noun")) in rules.host_nouns):
        # "the ambassador to Russia", "the Iranian ambassador in Moscow": the host does not speak
        return _head_mentions(norm, inside[:-1], start, to.start("link") - 1, rules)
    if norm[last.end : end].strip() not in ("", "'s", "'"):
        return []
    heads = [last]
    for mention in reversed(inside[:-1]):
        gap = _COORDINATION.fullmatch(norm, mention.end, heads[0].start)
        if gap is None or mention.possessive or (len(heads) == 1 and gap.group().strip() == ","):
            break  # the last link of a list is "and": "Russia, Kazem Jalali" is an apposition
        heads.insert(0, mention)
    distinct = {(m.referent.actor, m.referent.side) for m in heads}
    return heads if len(distinct) > 1 else [last]
