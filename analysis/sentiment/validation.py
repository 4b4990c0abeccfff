"""The validation figures of the sentiment methods, as the benchmark wrote them.

``benchmarks/sentiment.py`` measures every method against human ratings (Pearson r on the
three sets of Hutto & Gilbert 2014), on our diplomatic probe sentences, and compares
sentence- and document-level intervals; it writes the figures to
``analysis/data/sentiment_validation.json``. The reports read them from there through the
functions below, so a figure in a report is never typed by hand and cannot go stale: re-run
the benchmark and the reports follow.

Examples
--------
>>> validation_table().loc["diplomatic"].round(2).tolist()
[0.57, 0.44, 0.88]
>>> print(method_summary("diplomatic"))  # doctest: +ELLIPSIS
Sentiment method 'diplomatic' (the default). Pearson r with human ratings: ...
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import FileError
from ..paths import package_data
from .methods import DEFAULT_METHOD, SentimentError

__all__ = [
    "ValidationError",
    "load_validation",
    "validation_table",
    "learned_table",
    "probe_table",
    "interval_table",
    "method_summary",
]

#: Display names of the human-rated sets.
SET_NAMES = {"amazonReviewSnippets": "Amazon reviews", "movieReviewSnippets": "movie reviews", "tweets": "tweets"}


class ValidationError(FileError, SentimentError):
    """The validation file is missing or unreadable; the message names it."""


@cache
def _read(path: str) -> dict[str, Any]:
    file = Path(path)
    if not file.is_file():
        raise ValidationError(file, "no such file: run benchmarks/sentiment.py to write it")
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValidationError(file, f"not JSON ({exc})") from None


def load_validation(path: str | Path | None = None) -> dict[str, Any]:
    """Return the figures written by ``benchmarks/sentiment.py`` (default: the package's file)."""
    return _read(str(path if path is not None else package_data("sentiment_validation.json")))


def validation_table(validation: dict[str, Any] | None = None) -> pd.DataFrame:
    """Pearson r with the mean human rating: one row per method or variant, one column per set.

    The ``learned (in-sample)`` row was measured on the texts the model was trained on; see
    :func:`learned_table` for its held-out figures.
    """
    figures = (validation or load_validation())["human_rated"]
    columns = {SET_NAMES.get(name, name): row["pearson"] for name, row in figures.items()}
    table = pd.DataFrame(columns)
    paper = {SET_NAMES.get(n, n): row.get("paper_vader") for n, row in figures.items()}
    table.loc["VADER in Hutto & Gilbert (2014), Table 4"] = pd.Series(paper)
    return table.rename_axis("method")


def learned_table(validation: dict[str, Any] | None = None) -> pd.DataFrame:
    """The learned scorer with each set held out in turn, next to VADER and ``"diplomatic"``."""
    held = (validation or load_validation())["learned_held_out"]["held_out"]
    table = pd.DataFrame(held).T[["learned", "vader", "diplomatic"]]
    return table.rename(index=SET_NAMES).rename_axis("held-out set")


def probe_table(validation: dict[str, Any] | None = None) -> pd.DataFrame:
    """How many of our diplomatic probe sentences each method classifies as a careful reader does."""
    probes = (validation or load_validation())["probes"]
    return pd.DataFrame(
        {"correct": probes["correct"], "of": probes["count"]},
    ).rename_axis("method")


def interval_table(validation: dict[str, Any] | None = None) -> pd.DataFrame:
    """Sentence- vs document-level 95% interval widths (and coverage) on reviews as documents."""
    rows = (validation or load_validation())["intervals"]["rows"]
    table = pd.DataFrame(rows)
    keep = [
        "documents",
        "replicates",
        "mean_width_sentence",
        "mean_width_document",
        "mean_ratio",
        "share_width_sentence",
        "share_width_document",
        "share_ratio",
        "coverage_mean_sentence",
        "coverage_mean_document",
        "coverage_share_sentence",
        "coverage_share_document",
    ]
    return table[[c for c in keep if c in table.columns]]


def method_summary(method: str = DEFAULT_METHOD, validation: dict[str, Any] | None = None) -> str:
    """A paragraph naming the method and its validation figures, for the reports.

    Examples
    --------
    >>> "Pearson r" in method_summary("vader")
    True
    """
    figures = validation or load_validation()
    table = validation_table(figures)
    if method not in table.index:
        return f"Sentiment method {method!r}: no validation figures (benchmarks/sentiment.py does not measure it)."
    default = " (the default)" if method == figures.get("default_method") else ""
    own = ", ".join(f"{value:.2f} ({name})" for name, value in table.loc[method].items())
    vader = ", ".join(f"{value:.2f}" for value in table.loc["vader"].to_numpy())
    parts = [f"Sentiment method {method!r}{default}. Pearson r with human ratings: {own}; VADER: {vader}."]
    probes = figures["probes"]
    if method in probes["correct"]:
        parts.append(
            f"Diplomatic probe sentences read as a careful reader does: {probes['correct'][method]} of "
            f"{probes['count']} (VADER: {probes['correct'].get('vader', 'n/a')})."
        )
    return " ".join(parts)
