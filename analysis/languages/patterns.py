"""Regular expressions of many literal phrases at once, as a trie.

A scan with an alternation of hundreds of phrases tries each of them at every position of a
text; the trie (``заявил``, ``заявила``, ``заявили`` -> ``заявил[аи]?``) tries the first letters
of the phrases only, so the cue forms of a language and the first words of a registry's names
are found in one fast pass (:mod:`analysis.attribution.multilingual.rules`,
:mod:`analysis.languages.names`).

Examples
--------
>>> print(alternation(["заявил", "заявила", "заявили"]))
заявил[аи]?
>>> import re
>>> re.fullmatch(alternation(["по словам", "по"]), "по  словам") is not None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(phrases: Iterable[str]) -> str:
    r"""A regular expression matching any of the phrases, the longest at a position first.

    Words of a phrase are separated by any run of whitespace (``\s+``); an empty list matches
    nothing (``(?!)``).
    """
    trie: dict = {}
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        node = trie
        for key in " ".join(words):
            node = node.setdefault(key, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _one_character(pattern: str) -> bool:
    return len(pattern) == 1 or (len(pattern) == 2 and pattern[0] == "\\")


def _trie_regex(node: dict) -> str:
    """The regular expression of a trie node's continuations, longer ones tried first."""
    ends = "" in node
    branches = [(r"\s+" if key == " " else re.escape(key)) + _trie_regex(child) for key, child in node.items() if key]
    if not branches:
        return ""
    if len(branches) > 1 and all(_one_character(b) for b in branches):
        body = "[" + "".join(branches) + "]"
    elif len(branches) == 1:
        body = branches[0] if not ends or _one_character(branches[0]) else f"(?:{branches[0]})"
    else:
        body = "(?:" + "|".join(sorted(branches)) + ")"
    return body + "?" if ends else body
