"""The result of a comparison of two voices (:class:`Comparison`): every table with its evidence ids.

:func:`analysis.compare.comparison.compare_voices` makes one; :mod:`analysis.compare.cache` stores
and reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..voices.voice import Voice
from .prose import summarise

__all__ = ["Comparison"]


@dataclass(frozen=True)
class Comparison:
    """The side-by-side result of :func:`compare_voices` (every table keeps its evidence ids)."""

    a: str
    b: str
    labels: tuple[str, str]
    voices: tuple[Voice, Voice]
    sizes: dict[str, dict[str, int]]
    contributions: dict[str, pd.DataFrame]
    statements_a: pd.DataFrame
    statements_b: pd.DataFrame
    scored: pd.DataFrame
    sentiment: pd.DataFrame
    sentiment_difference: pd.DataFrame
    keyness: pd.DataFrame
    frames: pd.DataFrame
    caveats: list[str] = field(default_factory=list)
    count: str = "distinct"
    units: pd.DataFrame = field(default_factory=pd.DataFrame)
    # how right the measures are on the corpus's codes (analysis.compare.validated; empty without codes)
    agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    frame_validity: pd.DataFrame = field(default_factory=pd.DataFrame)
    tone_validity: pd.DataFrame = field(default_factory=pd.DataFrame)
    corrected: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> str:
        """The comparison in a few plain sentences, each number from the tables above."""
        return summarise(self)
