"""Diplomatic boilerplate: routine courtesy that lexicons misread as attitude.

Condolences and condemnations of terrorist attacks ("firmly condemns the terrorist attack and
expresses deep condolences", compound -0.92) are routine courtesy, not attitude. Sentences
matching a pattern of ``boilerplate.yml`` (package default, or a corpus folder's own) are
flagged by :func:`score_units` (``boilerplate``, ``boilerplate_rule``); the aggregations of
:mod:`analysis.sentiment.stats` can exclude them. Flagging never changes a score.

Examples
--------
>>> [p.id for p in load_boilerplate()][:3]
['condolences', 'sympathy', 'condemn_terrorism']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..corpus.config import data_file
from ..datafiles import is_identifier, read_yaml
from ..errors import FileError
from .methods import SentimentError, as_texts

__all__ = ["BoilerplateError", "BoilerplatePattern", "BoilerplateSpec", "load_boilerplate", "flag_boilerplate"]


class BoilerplateError(FileError, SentimentError):
    """A boilerplate file (``boilerplate.yml``) is missing or invalid; the message names the file."""


@dataclass(frozen=True)
class BoilerplatePattern:
    """One kind of diplomatic boilerplate: an id, a description and a compiled regular expression."""

    id: str
    description: str
    regex: re.Pattern


def load_boilerplate(path: str | Path | None = None) -> tuple[BoilerplatePattern, ...]:
    """Load the boilerplate patterns (``boilerplate.yml``).

    Parameters
    ----------
    path
        A ``boilerplate.yml`` file, a corpus folder or document (the corpus's own
        ``boilerplate.yml`` when it has one, else the package default), or None for the package's
        own (see :mod:`analysis.corpus.config`).

    Raises
    ------
    BoilerplateError
        A :class:`SentimentError`, naming the file and the problem (no such file, bad YAML, a bad
        id, a regex that does not compile).

    Examples
    --------
    >>> [p.id for p in load_boilerplate()][:3]
    ['condolences', 'sympathy', 'condemn_terrorism']
    """
    file = data_file("boilerplate", path)
    data = read_yaml(file, BoilerplateError)
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise BoilerplateError(file, "expected a mapping with a 'patterns' list")
    patterns = []
    for number, spec in enumerate(data["patterns"], start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str) or not spec["regex"].strip():
            raise BoilerplateError(file, f"pattern #{number} needs an id and a non-empty 'regex'")
        pattern_id = str(spec.get("id") or "")
        if not is_identifier(pattern_id):
            problem = f"pattern #{number}: id {pattern_id!r} must be lower-case letters, digits or _"
            raise BoilerplateError(file, problem)
        try:
            regex = re.compile(spec["regex"], re.IGNORECASE)
        except re.error as exc:
            raise BoilerplateError(file, f"pattern {pattern_id!r}: bad regular expression ({exc})") from None
        patterns.append(BoilerplatePattern(pattern_id, str(spec.get("description") or ""), regex))
    return tuple(patterns)


BoilerplateSpec = str | Path | Sequence[BoilerplatePattern] | bool | None


def _boilerplate_patterns(spec: BoilerplateSpec) -> tuple[BoilerplatePattern, ...]:
    if spec is False:
        return ()
    if spec is None or spec is True:
        return load_boilerplate()
    if isinstance(spec, (str, Path)):
        return load_boilerplate(spec)
    return tuple(spec)


def flag_boilerplate(texts: str | Iterable[str] | pd.Series, *, patterns: BoilerplateSpec = None) -> pd.Series:
    """Return, per text, the id of the first boilerplate pattern it matches (``""`` when none).

    Parameters
    ----------
    texts
        Sentences.
    patterns
        None for the package default, a file or corpus folder, a sequence of
        :class:`BoilerplatePattern`, or False for none.

    Examples
    --------
    >>> flag_boilerplate(["Moscow firmly condemns the terrorist attack and expresses deep condolences.",
    ...     "Iran condemns the US strikes on its territory."]).tolist()
    ['condolences', '']
    """
    values, index = as_texts(texts)
    rules = _boilerplate_patterns(patterns)

    def first(text: str) -> str:
        return next((p.id for p in rules if p.regex.search(text)), "")

    return pd.Series([first(t) for t in values], index=index, name="boilerplate_rule", dtype="object")
