"""The VADER engines by rule set: nltk's rules and the vaderSentiment package's, loaded once.

Examples
--------
>>> vader_engine().rule_set, vader_engine("vader3").rule_set
('nltk', 'vader3')
"""

from __future__ import annotations

from functools import cache

from ..errors import AnalysisError
from .lexicon import vader_analyzer
from .vader import VaderEngine
from .vader3 import load_vader3_engine

__all__ = ["RULE_SETS", "vader_engine", "load_nltk_engine"]

#: The rule sets of :func:`vader_engine`: nltk's VADER and the vaderSentiment package's.
RULE_SETS = ("nltk", "vader3")


def load_nltk_engine() -> VaderEngine:
    """Load the engine of nltk's rules: nltk's lexicon and constants, offline (:mod:`analysis.sentiment.lexicon`)."""
    analyzer = vader_analyzer()
    return VaderEngine(analyzer.lexicon, analyzer.constants)


@cache
def _engine(rules: str) -> VaderEngine:
    return load_vader3_engine() if rules == "vader3" else load_nltk_engine()


def vader_engine(rules: str = "nltk") -> VaderEngine:
    """Return the engine of a rule set, loaded offline (cached).

    Parameters
    ----------
    rules
        ``"nltk"`` (nltk's VADER, the default) or ``"vader3"`` (the vaderSentiment 3.3.2 package's rules).

    Raises
    ------
    AnalysisError
        When the lexicon cannot be found (see :func:`analysis.sentiment.lexicon.vader_analyzer`), or for
        an unknown rule set.

    Examples
    --------
    >>> vader_engine().rule_set, vader_engine("vader3").rule_set
    ('nltk', 'vader3')
    """
    if rules not in RULE_SETS:
        raise AnalysisError(f"unknown VADER rule set {rules!r} (known: {', '.join(RULE_SETS)})")
    return _engine(rules)
