"""Speaker phrases: the noun phrase next to a cue that speaks, found without a parser.

:func:`phrase_before` and :func:`phrase_after` find a speaker's noun phrase next to a cue: a
head (a registry name, a pronoun, a group noun phrase, a speaker noun of the rules such as
"official", or a capitalised name) extended over titles, modifiers, possessives, determiners
and linking prepositions ("officials in Moscow").

Examples
--------
>>> from analysis.attribution.rules import load_quote_rules
>>> text = "Officials in Moscow said"
>>> span = phrase_before(text, 0, 20, [], load_quote_rules())
>>> text[span[0]:span[1]]
'Officials in Moscow'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .mentions import Mention, MentionIndex
from .rules import QuoteRules

__all__ = ["tokens", "phrase_before", "phrase_after", "lower", "is_noun", "is_name", "is_modifier"]

_TOKEN = re.compile(r"[^\W_]+(?:(?:['&-]|\.(?![A-Z][a-z]))[^\W_]+)*'?|[^\w\s]")  # not "said.The"
_WINDOW = 160  # characters searched left of a cue for its speaker (asides included)
_WINDOW_ASIDE = 400  # the same, when an aside (a long relative clause) needs more
_MAX_ASIDE = 60  # tokens of a relative clause between a speaker and its cue
_ASIDES = frozenset({"who", "whose", "whom", "which", "a", "an"})  # open a long aside: ", who ...", ", a veteran ..."
_WINDOW_AFTER = 96  # characters searched right of a cue ("said Russian Foreign Minister Sergei Lavrov")


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Return the word and punctuation tokens of ``text[start:end]`` as ``(start, end, text)``.

    Examples
    --------
    >>> [t for _, _, t in tokens("Iran's U.S. envoy, he said.", 0, 27)]
    ["Iran's", 'U.S', '.', 'envoy', ',', 'he', 'said', '.']
    """
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def lower(token: str) -> str:
    return token.lower()  # the text is normalised: apostrophes are straight already


def is_name(token: str, rules: QuoteRules) -> bool:
    return token[:1].isupper() and token.lower() not in rules.np_stop


def is_noun(token: str, rules: QuoteRules) -> bool:
    low = token.lower()
    return low in rules.speaker_nouns or low.removesuffix("'s") in rules.speaker_nouns


def is_modifier(token: str, rules: QuoteRules) -> bool:
    low = token.lower()
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
        dash = _dash_opener(toks, i)
        if dash is not None:  # "Ruiz -- a former adviser to two governors -- said"
            found = _before_aside(norm, toks, dash, index, rules)
            return found or _phrase_ending(norm, toks, _skip_words(toks, dash - 1, rules), index, rules)
        if i < 0 or toks[i][2] != ",":
            return _phrase_ending(norm, toks, i, index, rules)
        found = _before_aside(norm, toks, i, index, rules)  # "NP, aside, CUE"
        if found is not None or first == lo:
            return found
    return None


def _phrase_ending(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    """The speaker phrase ending at ``toks[i]``, a circumstance after a name left out."""
    i = _before_circumstance(toks, i, index, rules)  # "Iran's Foreign Ministry in a statement"
    return (
        _restricted(norm, toks, i, index, rules)
        or _contact_clause(norm, toks, i, index, rules)  # "every economist we asked"
        or _head_phrase(norm, toks, i, index, rules)
        or _post_modified(norm, toks, i, index, rules)  # "a senior diplomat from a third country"
        or _bare_plural(toks, i, rules)  # "..., and dockers said"
    )


def _bare_plural(toks: list[tuple[int, int, str]], i: int, rules: QuoteRules) -> tuple[int, int] | None:
    """A lower-case plural the rules do not list, right after "and", "but" or a comma: ``and
    dockers said``."""
    if i < 1 or toks[i - 1][2].lower() not in ("and", "but", ","):
        return None
    word = toks[i][2]
    plural = word.isalpha() and word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith("ss")
    if not plural or word in rules.np_stop or rules.cue(word) is not None or word in rules.clause_markers:
        return None
    return toks[i][0], toks[i][1]


def _dash_opener(toks: list[tuple[int, int, str]], i: int) -> int | None:
    """The index of the dash opening an aside that a dash at ``toks[i]`` closes, or None.

    ``Ruiz -- a former adviser to two governors -- said``: an aside of at most 40 tokens
    between two dashes (``-``, ``--`` or a normalised em or en dash), after a word.
    """
    if i < 0 or toks[i][2] != "-":
        return None
    k = i
    while k >= 0 and toks[k][2] == "-":
        k -= 1
    for m in range(k, max(-1, k - 40), -1):
        tok = toks[m][2]
        if tok in '.;:!?"':
            return None
        if tok == "-":
            while m > 0 and toks[m - 1][2] == "-":
                m -= 1
            return m if m > 0 and m < k and toks[m - 1][2][:1].isalnum() else None
    return None


def _before_circumstance(toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules) -> int:
    """Step left over phrases of circumstance that follow a name (``Lavrov on Thursday in
    Moscow``, ``The Kremlin in a readout of the call``); ``officials in Moscow`` keeps its place."""
    best, k = i, i
    while k > 0 and i - k < 15 and toks[k][2][:1].isalnum():
        low = toks[k][2].lower()
        if low in rules.clause_markers or low in _COORDINATORS:
            break
        before = toks[k - 1]
        named = before[1] in index.by_end or (is_name(before[2], rules) and not is_noun(before[2], rules))
        if low in rules.circumstance_openers and named and before[2].lower() not in rules.host_nouns:
            best = k - 1
        k -= 1
    return best


_CONTACT_SUBJECTS = frozenset({"we", "i", "you", "they", "he", "she"})
_COORDINATORS = frozenset({"and", "or", "but", "then", "nor"})
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})  # "a deal that Western capitals"


def _contact_clause(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    """``Every economist we asked said``: a relative clause without "who" between a noun and
    its cue (a pronoun and at most three lower-case words) is left out of the speaker."""
    for k in range(i - 1, max(0, i - 4), -1):
        word = toks[k][2]
        if not word.isalpha():
            return None
        if word.lower() in _CONTACT_SUBJECTS:
            noun = toks[k - 1]
            return _head_phrase(norm, toks, k - 1, index, rules) if is_noun(noun[2], rules) else None
        if not word.islower():
            return None
    return None


def _post_modified(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    """A speaker noun with a prepositional phrase the rules do not know the end of: ``a senior
    diplomat from a third country``, ``the two ministers of the European trio``."""
    if i < 0 or not toks[i][2][:1].isalpha():
        return None
    for k in range(i - 1, max(0, i - 7), -1):
        word = toks[k][2]
        if not word[:1].isalpha() or word.lower() in rules.clause_markers:
            return None
        if word.lower() in rules.links and is_noun(toks[k - 1][2], rules):
            head = _head_phrase(norm, toks, k - 1, index, rules)
            return (head[0], toks[i][1]) if head is not None else None
    return None


def _skip_words(toks: list[tuple[int, int, str]], i: int, rules: QuoteRules) -> int:
    """Step left over words of ``skip_before_cue`` ("also", "has long") from ``toks[i]``."""
    while i >= 0 and toks[i][2].lower() in rules.skip_before_cue:
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
        if toks[k][2].lower() == "who":
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
        if toks[k][2] == "," and k + 1 < i and toks[k + 1][2].lower() in _ASIDES:
            return _head_phrase(norm, toks, k - 1, index, rules)
        k -= 1
    if i - j - 1 > 10:
        return None
    if j > 0 and toks[j - 1][2] != "," and toks[j + 1][2].lower() in rules.circumstance_openers:
        inner = _before_aside(norm, toks, j, index, rules)  # "envoy, Vasily Nebenzia, in a letter ...,"
        if inner is not None:
            return inner
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
    elif not all(is_name(t, rules) for _, _, t in toks[j + 1 : i]):
        return None
    first = j
    while first > 0 and j - first < 12 and toks[first - 1][2][:1].isalnum():
        first -= 1  # the title: the words before the comma ("Iran's deputy foreign minister for ...")
    while first < j and toks[first][2].lower() in rules.np_stop and toks[first][2].lower() not in rules.determiners:
        first += 1
    if first == j:
        return None
    words = [t.lower() for _, _, t in toks[first:j]]
    titled = any(rules.speaker_nouns.get(w.removesuffix("'s")) == "person" for w in words)
    named = any(m.referent.kind == "person" and not m.possessive for m in index.inside(toks[first][0], toks[j][0]))
    return (toks[first][0], span[1]) if titled or named else None


def _head_phrase(
    norm: str, toks: list[tuple[int, int, str]], i: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int, int] | None:
    if i < 0 or not (toks[i][2][:1].isalnum()):
        return None
    head_start, head_end, head = toks[i]
    low = head.lower()
    if low in rules.pronouns:
        return head_start, head_end
    group = _group_ending(norm, head_end, rules)
    if group is not None:
        return group, head_end
    mention = index.by_end.get(head_end)
    if mention is None and not (is_noun(head, rules) or is_name(head, rules)):
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
        low = tok.lower()
        other = index.by_end.get(tok_end)
        if other is not None and not norm[tok_end:start].strip():
            if other.start > tok_start:
                break  # a name starting inside a token ("said.Lavrov") is not part of this phrase
            new_start = other.start  # an adjacent name: "Iran's foreign minister Abbas Araghchi"
        elif low in rules.determiners:
            start = tok_start
            if not (k >= 2 and toks[k - 1][2].lower() in rules.links and is_noun(toks[k - 2][2], rules)):
                break
            new_start = tok_start  # "the president of the Caspian Economic Forum"
        elif (
            (low == "and" and k > 0 and (toks[k - 1][2][:1].isupper() or toks[k - 1][1] in index.by_end))
            or (k > 0 and low in rules.links and is_noun(toks[k - 1][2], rules))
            or is_name(tok, rules)
            or (tok == "." and k > 0 and toks[k - 1][2].lower() in rules.titles)  # "Sen. Warren"
            or (
                low in rules.name_particles
                and k > 0
                and (toks[k - 1][2][:1].isupper() or toks[k - 1][2].lower() in rules.name_particles)
            )
            or is_modifier(tok, rules)
            or is_noun(tok, rules)
            or tok[:1].isdigit()
        ):
            new_start = tok_start
        else:
            opener = _bracketing_opener(toks, k, rules) if tok[:1].isalpha() and low not in _RELATIVES else None
            if opener is None:
                break
            new_start = toks[opener][0]
        start = new_start
        while k >= 0 and toks[k][0] >= start:
            k -= 1
    while start < head_end and norm[start : start + 4].lower() == "and ":
        start += 4
    return start, head_end


def _bracketing_opener(toks: list[tuple[int, int, str]], k: int, rules: QuoteRules) -> int | None:
    """Return the index of a determiner or possessive at most two words left of ``toks[k]``.

    Lets a phrase hold plain lower-case words when a determiner or a possessive opens it:
    "Iran's customs administration", "the state news agency".
    """
    for j in range(k - 1, max(-1, k - 3), -1):
        low = toks[j][2].lower()
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
    norm: str,
    start: int,
    hi: int,
    mentions: MentionIndex | Sequence[Mention],
    rules: QuoteRules,
    *,
    loose_head: bool = False,
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
    low = first[2].lower()
    if low in rules.pronouns and not (low in rules.determiners and len(toks) > 1 and toks[1][2][:1].isalnum()):
        return first[0], first[1]  # "him", but not "her ministry"
    group = rules.group_regex.match(norm, first[0])
    if group is not None:
        return group.start(), group.end()
    end, _ = _phrase_run(norm, toks, 0, index, rules)
    if end is None and loose_head:
        end = _loose_head(toks, rules)
    if end is None:
        return None
    link = rules.link_regex.match(norm, end)
    if link is not None:
        rest = [t for t in toks if t[0] >= link.end()]
        if rest:
            more, _ = _phrase_run(norm, rest, 0, index, rules)
            more = more if more is not None or not loose_head else _loose_head(rest, rules)
            if more is not None:
                end = more
    return first[0], end


def _loose_head(toks: list[tuple[int, int, str]], rules: QuoteRules) -> int | None:
    """The end of ``a fisherman`` or ``one trader``: a determiner and one or two lower-case words
    closed by punctuation or the end -- a noun the rules do not list, where a speaker must stand
    (after an inverted cue: ``"...," said a fisherman, one of dozens ...``)."""
    if not toks or toks[0][2].lower() not in rules.determiners:
        return None
    k = 1
    while k < len(toks) and k <= 2 and toks[k][2].isalpha() and toks[k][2].islower():
        if rules.cue(toks[k][2]) is not None or toks[k][2].lower() in rules.clause_markers:
            break
        if toks[k][2].lower() in rules.np_stop:
            return None
        k += 1
    if k == 1 or (k < len(toks) and toks[k][2][:1].isalnum() and not _verb_like(toks[k][2], rules)):
        return None
    return toks[k - 1][1]


def _verb_like(word: str, rules: QuoteRules) -> bool:
    """A cue, an auxiliary or a lower-case past form: what follows a subject ("was", "reads", "toured")."""
    low = word.lower()
    return rules.cue(word) is not None or low in rules.clause_markers or (word.islower() and low.endswith("ed"))


def _phrase_run(
    norm: str, toks: list[tuple[int, int, str]], k: int, index: MentionIndex, rules: QuoteRules
) -> tuple[int | None, int]:
    """Walk right over a noun phrase from ``toks[k]``; return its end (None if no head) and next index."""
    end: int | None = None
    loose = -1  # lower-case words allowed after a determiner, before the head: "an informed source"
    while k < len(toks):
        tok_start, tok_end, tok = toks[k]
        low = tok.lower()
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
        if end is not None and low in rules.name_particles and k + 1 < len(toks) and is_name(toks[k + 1][2], rules):
            k += 1  # "Faisal bin Farhan"
            continue
        if end is not None and low == "and" and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt[0] in index.by_start or is_name(nxt[2], rules):
                k += 1
                continue
            break
        if end is not None and rules.cue(tok) is not None and (k + 1 == len(toks) or not toks[k + 1][2][:1].isalnum()):
            break  # "Tasnim reports.": a cue closing the phrase is its verb, not a noun
        if (is_name(tok, rules) and low not in rules.determiners) or is_noun(tok, rules):
            end = tok_end
            if low.endswith("'s"):
                k, end = _after_possessive(toks, k + 1, end, rules)
                continue
        elif end is None and 0 <= loose < 2 and tok.isalpha() and tok.islower() and low not in rules.np_stop:
            loose += 1
        elif end is not None or not (low in rules.determiners or is_modifier(tok, rules) or tok[:1].isdigit()):
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
        if is_noun(toks[j][2], rules):
            return j + 1, toks[j][1]
    return k, end
