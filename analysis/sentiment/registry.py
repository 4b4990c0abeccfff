"""The sentiment methods by name: the built-in ones, listed here, and those a user registers.

Nothing registers itself when a module is imported: :data:`BUILT_IN` names every built-in
method and how to make it, and :func:`register_method` adds a user's. :func:`get_method`
turns a name, a dictionary file or a method object into a
:class:`~analysis.sentiment.methods.SentimentMethod`, bound to a study's resources when the
method reads them; :func:`check_sentiment_method` checks the contract every method keeps, as
scikit-learn's ``check_estimator`` does for estimators.

Examples
--------
>>> sentiment_methods()
['diplomatic', 'learned', 'vader', 'vader3', 'vader_nltk', 'vadersentiment']
>>> register_method("length", lambda texts: [(0.0, 1.0, 0.0, min(len(t), 10) / 10) for t in texts])
>>> get_method("length").score(["abc"])
[(0.0, 1.0, 0.0, 0.3)]
>>> check_sentiment_method(get_method("length"))
>>> unregister_method("length")
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..corpus.registry import ActorRegistry, load_actors
from ..paths import package_data
from .diplomatic import Adjustments, DiplomaticMethod, load_adjustments
from .learned import LearnedMethod
from .masking import Titles, load_titles
from .methods import (
    DICTIONARY_SUFFIXES,
    ExplainableMethod,
    FunctionMethod,
    ReferenceMethod,
    ResourceAwareMethod,
    Scorer,
    SentimentError,
    SentimentMethod,
    SentimentResources,
    VaderMethod,
)

__all__ = [
    "BUILT_IN",
    "Resources",
    "package_resources",
    "register_method",
    "unregister_method",
    "sentiment_methods",
    "explainable_methods",
    "get_method",
    "resolve_method",
    "method_name",
    "check_sentiment_method",
]

#: The built-in methods: name -> how to make it (see :mod:`analysis.sentiment.methods`).
BUILT_IN: dict[str, Callable[[], SentimentMethod]] = {
    "diplomatic": DiplomaticMethod,
    "learned": LearnedMethod,
    "vader": lambda: VaderMethod("vader", "nltk"),
    "vader3": lambda: VaderMethod("vader3", "vader3"),
    "vader_nltk": lambda: ReferenceMethod("vader_nltk"),
    "vadersentiment": lambda: ReferenceMethod("vadersentiment"),
}


@dataclass(frozen=True)
class Resources:
    """The resources a method reads (:class:`~analysis.sentiment.methods.SentimentResources`), as plain values."""

    actors: ActorRegistry
    titles: Titles
    adjustments: Adjustments


_methods: dict[str, SentimentMethod] = {}  # the methods made so far, and the user's


def _registry() -> dict[str, SentimentMethod]:
    if not _methods:
        _methods.update({name: make() for name, make in BUILT_IN.items()})
    return _methods


def register_method(name: str, method: SentimentMethod | Scorer, *, replace: bool = False) -> None:
    """Register a sentiment method under a name usable as ``method=name`` everywhere.

    Parameters
    ----------
    name
        The method's name.
    method
        A :class:`~analysis.sentiment.methods.SentimentMethod`, or a bare function from a list
        of texts to one ``(neg, neu, pos, compound)`` tuple per text (wrapped in a
        :class:`~analysis.sentiment.methods.FunctionMethod` of that name).
    replace
        Allow replacing an existing method of that name.

    Raises
    ------
    SentimentError
        For an empty name, a name taken (without ``replace``), or an object that is no method.
    """
    if not name or not isinstance(name, str):
        raise SentimentError("a method needs a non-empty name")
    methods = _registry()
    if name in methods and not replace:
        raise SentimentError(f"method {name!r} is already registered (pass replace=True to replace it)")
    if not isinstance(method, SentimentMethod):
        method = FunctionMethod(name, method)
    methods[name] = method


def unregister_method(name: str) -> None:
    """Remove a registered method (a built-in one too; :func:`register_method` brings it back).

    Raises
    ------
    SentimentError
        When no method has that name.
    """
    if _registry().pop(name, None) is None:
        raise SentimentError(f"unknown sentiment method {name!r} (known: {', '.join(sentiment_methods())})")


def sentiment_methods() -> list[str]:
    """Return the names of the registered methods (the built-in ones and the user's)."""
    return sorted(_registry())


def explainable_methods() -> list[str]:
    """Return the registered methods that explain their scores (:class:`ExplainableMethod`).

    Examples
    --------
    >>> explainable_methods()
    ['diplomatic', 'learned', 'vader', 'vader3']
    """
    return [name for name, method in sorted(_registry().items()) if isinstance(method, ExplainableMethod)]


def _dictionary_file(method: str) -> bool:
    return method.lower().endswith(DICTIONARY_SUFFIXES) and Path(method).is_file()


def get_method(method: str | SentimentMethod | Scorer, resources: SentimentResources | None = None) -> SentimentMethod:
    """Return a method: a registered name, a dictionary file, or a method object.

    Parameters
    ----------
    method
        A registered name (:func:`sentiment_methods`), the path of a dictionary file (one of
        :data:`~analysis.sentiment.methods.DICTIONARY_SUFFIXES`), a method object, or a bare
        scoring function (named by its ``name`` or ``__name__``).
    resources
        A study's actor registry, titles and adjustments
        (:class:`~analysis.sentiment.methods.SentimentResources`, e.g. a
        :class:`~analysis.pipeline.study.Study`): a method that reads them
        (:class:`~analysis.sentiment.methods.ResourceAwareMethod`) reads these; None: the
        package defaults.

    Raises
    ------
    SentimentError
        For an unknown method, listing the known ones.

    Examples
    --------
    >>> get_method("vader").name
    'vader'
    """
    if isinstance(method, str):
        chosen = _registry().get(method)
        if chosen is None and _dictionary_file(method):
            from .dictionaries import load_dictionary

            chosen = load_dictionary(method)
        if chosen is None:
            raise SentimentError(
                f"unknown sentiment method {method!r} (known: {', '.join(sentiment_methods())}, or a dictionary "
                f"file ending in {', '.join(DICTIONARY_SUFFIXES)})"
            )
    elif isinstance(method, SentimentMethod):
        chosen = method
    elif callable(method):
        chosen = FunctionMethod(str(getattr(method, "name", None) or getattr(method, "__name__", "custom")), method)
    else:
        raise SentimentError(f"{method!r} is not a sentiment method")
    if resources is not None and isinstance(chosen, ResourceAwareMethod):
        chosen = chosen.with_resources(resources)
    return chosen


def resolve_method(
    method: str | SentimentMethod | Scorer, resources: SentimentResources | None = None
) -> tuple[str, SentimentMethod]:
    """Return ``(name, method)``: the name its scores carry, and the method (:func:`get_method`).

    Examples
    --------
    >>> resolve_method("vader3")[0]
    'vader3'
    """
    chosen = get_method(method, resources)
    if isinstance(method, str) and method in _registry():
        return method, chosen
    return str(getattr(chosen, "name", None) or "custom"), chosen


def method_name(method: str | SentimentMethod | Scorer) -> str:
    """The name a method's scores carry in the ``method`` column.

    Examples
    --------
    >>> method_name("vader"), method_name(get_method("diplomatic"))
    ('vader', 'diplomatic')
    """
    return resolve_method(method)[0]


#: Texts every method must score: plain, empty, blank, one letter, punctuation, non-Latin, long.
_PROBES = (
    "The talks were very friendly and successful.",
    "Sanctions are illegal and unfair.",
    "",
    "   ",
    "a",
    "?!",
    "Лавров заявил, что договор вступил в силу.",
    "The treaty entered into force. " * 200,
)


def _check_scores(name: str, rows: list, texts: tuple[str, ...]) -> None:
    if len(rows) != len(texts):
        raise SentimentError(f"method {name!r}: score() returned {len(rows)} rows for {len(texts)} texts")
    for text, row in zip(texts, rows, strict=True):
        values = tuple(row)
        if len(values) != 4 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
            raise SentimentError(f"method {name!r}: {text[:30]!r} scored {row!r}, not four finite numbers")
        neg, neu, pos, compound = values
        if not all(0.0 <= v <= 1.0 for v in (neg, neu, pos)) or not -1.0 <= compound <= 1.0:
            raise SentimentError(f"method {name!r}: {text[:30]!r} scored {row!r}, outside [0, 1] x3 and [-1, 1]")


def package_resources() -> Resources:
    """The package's own actor registry, titles and adjustments, loaded once.

    Examples
    --------
    >>> package_resources().titles.source.endswith("titles.yml")
    True
    """
    return _package_resources()


@cache
def _package_resources() -> Resources:
    return Resources(
        actors=load_actors(package_data("actors.yml")),
        titles=load_titles(package_data("titles.yml")),
        adjustments=load_adjustments(package_data("diplomatic.yml")),
    )


def _check_languages(name: str, method: SentimentMethod) -> None:
    """A method that declares ``languages`` declares ISO 639 codes (two or three lower-case letters)."""
    declared = getattr(method, "languages", None)
    if declared is None:
        return
    codes = (declared,) if isinstance(declared, str) else declared
    if not codes or not all(isinstance(c, str) and c.isalpha() and c.islower() and 2 <= len(c) <= 3 for c in codes):
        raise SentimentError(f"method {name!r}: languages must be ISO 639-1 codes such as ('ru',), not {declared!r}")


def check_sentiment_method(method: SentimentMethod, resources: SentimentResources | None = None) -> None:
    """Check that a method keeps the contract of :class:`~analysis.sentiment.methods.SentimentMethod`.

    It must have a non-empty ``name``; score every probe text (empty, blank, one letter,
    punctuation, Cyrillic, 6,000 characters) with four finite numbers in range; score a text
    alike alone and among others, and in any order; score no texts as no rows. Its optional
    parts are checked when it has them: an explainable method's ``trace`` gives the compound
    of ``score``, and a resource-aware method keeps its name when bound to ``resources``
    (default: :func:`package_resources`).

    Raises
    ------
    SentimentError
        Naming the method and the first broken promise.
    """
    name = getattr(method, "name", None)
    if not isinstance(method, SentimentMethod) or not isinstance(name, str) or not name:
        raise SentimentError(f"{method!r} is not a sentiment method (it needs a name and score(texts))")
    if list(method.score([])) != []:
        raise SentimentError(f"method {name!r}: score([]) must return no rows")
    _check_languages(name, method)
    together = [tuple(r) for r in method.score(list(_PROBES))]
    _check_scores(name, together, _PROBES)
    alone = [tuple(method.score([text])[0]) for text in _PROBES]
    reverse = [tuple(r) for r in method.score(list(reversed(_PROBES)))][::-1]
    if together != alone or together != reverse:
        raise SentimentError(f"method {name!r}: a text scores differently among other texts or in another order")
    if isinstance(method, ExplainableMethod):
        for text, row in zip(_PROBES[:2], together, strict=False):
            if not math.isclose(method.trace(text).compound, row[3], abs_tol=1e-4):
                raise SentimentError(f"method {name!r}: trace({text!r}) does not give the compound of score()")
    if isinstance(method, ResourceAwareMethod):
        bound = method.with_resources(resources if resources is not None else package_resources())
        if not isinstance(bound, SentimentMethod) or bound.name != name:
            raise SentimentError(f"method {name!r}: with_resources() must return a method of the same name")
        _check_scores(name, [tuple(r) for r in bound.score(list(_PROBES[:3]))], _PROBES[:3])
