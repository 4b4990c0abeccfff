"""Speakers: find the noun phrase that speaks, and resolve it to an actor of the registry.

Three steps, each in a module of its own, over the normalised text of one document
(:func:`analysis.text.normalise_quotes`; offsets are those of the original text):

1. :mod:`~analysis.attribution.mentions` -- :func:`find_mentions` finds every name of the
   registry and resolves descriptions ("the ministry") to the candidate actor mentioned last;
   :func:`annotate_mentions` marks subjects and records coordinations as group mentions.
2. :mod:`~analysis.attribution.phrases` -- :func:`phrase_before` and :func:`phrase_after`
   find a speaker's noun phrase next to a cue without a parser.
3. :mod:`~analysis.attribution.resolver` -- :class:`Resolver` turns a speaker span into an
   actor, a side and a resolution, in text order; :mod:`~analysis.attribution.roles` resolves
   descriptions by role ("the senior diplomat", "the Russian leader").

This module gathers their public names.

Examples
--------
>>> from analysis.corpus.registry import load_actors
>>> from analysis.attribution.rules import load_quote_rules
>>> text = "Presidents Pezeshkian and Putin met. Both leaders agreed."
>>> actors, rules = load_actors(), load_quote_rules()
>>> resolver = Resolver(text, actors, rules, annotate_mentions(find_mentions(text, actors), text, actors))
>>> resolver.resolve(37, 49).referent.actor
'pezeshkian+putin'
"""

from __future__ import annotations

from .mentions import Mention, MentionIndex, Referent, Speaker, annotate_mentions, find_mentions, mention_regex
from .phrases import phrase_after, phrase_before, tokens
from .resolver import RESOLUTIONS, Resolver

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
