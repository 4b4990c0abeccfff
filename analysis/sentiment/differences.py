"""Differences: two voices compared, and the two levels of resampling compared.

* :func:`compare_sentiment` -- the difference of mean compound between two voices, its
  bootstrap interval and a permutation p-value, resampling and permuting documents by default
  (see :mod:`analysis.sentiment.stats` for the intervals and :mod:`analysis.resampling`);
* :func:`interval_widths` -- for each voice, the sentence-level and the document-level
  interval side by side: how much wider an interval gets when it respects documents.

Examples
--------
>>> import pandas as pd
>>> units = pd.DataFrame({"unit_id": [f"d{i % 4}:{i}-{i + 1}" for i in range(8)], "source": ["quote"] * 8,
...     "actor": ["a", "b"] * 4, "side": ["x", "y"] * 4, "outlet": ["W"] * 8,
...     "compound": [0.6, -0.1, 0.7, 0.0, 0.8, 0.1, 0.5, -0.2]})
>>> row = compare_sentiment(units, "a", "b", resampling=Resampling(n_resamples=999)).iloc[0]
>>> int(row["documents_a"]), int(row["documents_b"]), round(float(row["difference"]), 3)
(2, 2, 0.7)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..resampling import Resampling, bootstrap_difference, permutation_pvalue
from ..schema import columns
from ..voices.voice import Voice, as_voice
from .stats import boilerplate_mask, check_scored, documents_of, voice_sentiment

__all__ = ["COMPARISON_COLUMNS", "WIDTH_COLUMNS", "compare_sentiment", "interval_widths"]

_NAN = float("nan")

#: Columns of :func:`compare_sentiment`.
COMPARISON_COLUMNS = columns("sentiment_comparison")


def compare_sentiment(
    scored: pd.DataFrame,
    voice_a: str | Voice,
    voice_b: str | Voice,
    *,
    actors: Any = None,
    exclude_boilerplate: bool = False,
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Compare two voices: the difference of mean compound, its bootstrap interval and a permutation p-value.

    Parameters
    ----------
    scored
        Scored sentence units of utterances.
    voice_a, voice_b
        Two voices (see :func:`voice_sentiment`); ``difference = mean_a - mean_b``.
    actors
        The actor registry: an institution's voice then holds its members' statements.
    exclude_boilerplate, resampling
        As :func:`~analysis.sentiment.stats.aggregate_sentiment`; the resamples and seed also
        drive the permutation test (two-sided, difference of means). At the ``"document"`` level
        the bootstrap resamples each voice's documents and the permutation test permutes whole
        documents (a voice's sentences of one document move together); at ``"sentence"`` both
        treat sentences as independent.

    Returns
    -------
    pandas.DataFrame
        One row, :data:`COMPARISON_COLUMNS` (``documents_a``, ``documents_b``: how many
        documents each voice's sentences come from). The interval and the p-value are NaN when
        a voice has fewer than two sentences; the interval is NaN too, at the document level,
        when a voice's sentences all come from one document. ``n_shared`` counts sentences in
        both voices (a joint statement); they make the samples dependent, and the note says so.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": list("abcdef"), "source": ["quote"] * 6,
    ...     "actor": ["a"] * 3 + ["b"] * 3, "side": ["x"] * 3 + ["y"] * 3, "outlet": ["W"] * 6,
    ...     "compound": [0.6, 0.7, 0.8, -0.1, 0.0, 0.1]})
    >>> row = compare_sentiment(units, "a", "b").iloc[0]
    >>> round(float(row["difference"]), 3), bool(row["low"] > 0), round(float(row["p_value"]), 3)
    (0.7, True, 0.1)
    """
    check_scored(scored, voices=True)
    options = resampling if resampling is not None else Resampling()
    min_n = options.min_n
    keep = ~boilerplate_mask(scored) if exclude_boilerplate else pd.Series(True, index=scored.index)
    parsed = [as_voice(v, actors) for v in (voice_a, voice_b)]
    voice_a, voice_b = str(parsed[0]), str(parsed[1])
    masks = [v.mask(scored) & keep for v in parsed]
    unscored = scored["compound"].isna()  # units in a language the method does not read
    unmeasured = [int((m & unscored).sum()) for m in masks]
    masks = [m & ~unscored for m in masks]
    a = scored.loc[masks[0], "compound"].to_numpy(dtype="float64")
    b = scored.loc[masks[1], "compound"].to_numpy(dtype="float64")
    documents = documents_of(scored)
    doc_a, doc_b = documents[masks[0]].to_numpy(), documents[masks[1]].to_numpy()
    groups = {"groups_a": doc_a, "groups_b": doc_b} if options.level == "document" else {}
    shared = int((masks[0] & masks[1]).sum())
    notes = []
    if min(a.size, b.size) < min_n:
        notes.append(f"small sample (n < {min_n})")
    low = high = p_value = _NAN
    if a.size == 0 or b.size == 0:
        notes.append("a voice has no sentences")
    elif min(a.size, b.size) < 2:
        notes.append("a voice has one sentence: no interval, no test")
    else:
        p_value = permutation_pvalue(a, b, options, **groups)
        low, high, note = bootstrap_difference(a, b, options, **groups)
        if note:
            notes.append(note)
    if shared:
        notes.append(f"{shared} sentence(s) belong to both voices")
    for voice, count in zip((voice_a, voice_b), unmeasured, strict=True):
        if count:
            notes.append(f"tone not measured for {count} unit(s) of {voice} (a language the method does not read)")
    row = {
        "voice_a": voice_a,
        "voice_b": voice_b,
        "n_a": int(a.size),
        "n_b": int(b.size),
        "documents_a": len(set(doc_a)),
        "documents_b": len(set(doc_b)),
        "mean_a": float(a.mean()) if a.size else _NAN,
        "mean_b": float(b.mean()) if b.size else _NAN,
        "difference": float(a.mean() - b.mean()) if a.size and b.size else _NAN,
        "low": low,
        "high": high,
        "p_value": p_value,
        "n_shared": shared,
        "small_sample": min(a.size, b.size) < min_n,
        "note": "; ".join(notes),
    }
    frame = pd.DataFrame([row], columns=COMPARISON_COLUMNS)
    frame.attrs["resample"] = options.level
    return frame


#: Columns of :func:`interval_widths`.
WIDTH_COLUMNS = columns("interval_widths")


def interval_widths(
    scored: pd.DataFrame,
    voices: Sequence[str] | None = None,
    *,
    exclude_boilerplate: bool = False,
    resampling: Resampling | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """How much wider the document-level intervals are than the sentence-level ones, per voice.

    Parameters
    ----------
    scored
        Scored sentence units of utterances.
    voices
        The voices (default: :func:`default_voices`).
    exclude_boilerplate, resampling
        As :func:`~analysis.sentiment.stats.voice_sentiment` (the level is set here, to each in turn).
    seed
        The resampling's seed (a shorthand for ``resampling=Resampling(seed=...)``).

    Returns
    -------
    pandas.DataFrame
        :data:`WIDTH_COLUMNS`: both intervals, their widths and ``ratio`` = document width /
        sentence width (NaN when either is undefined; the ``note`` of the document level
        says why).

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": [f"d{i // 3}:{i}-{i + 1}" for i in range(12)], "source": ["quote"] * 12,
    ...     "actor": ["a"] * 12, "side": ["x"] * 12, "outlet": ["W"] * 12,
    ...     "compound": [0.6, 0.7, 0.8, -0.4, -0.3, -0.2, 0.5, 0.6, 0.4, -0.1, 0.0, 0.1]})
    >>> row = interval_widths(units, ["a"], resampling=Resampling(n_resamples=999)).iloc[0]
    >>> int(row["n_documents"]), bool(row["ratio"] > 1)
    (4, True)
    """
    options = resampling if resampling is not None else Resampling()
    if seed is not None:
        options = options.replace(seed=seed)
    common = {"exclude_boilerplate": exclude_boilerplate}
    sentence = voice_sentiment(scored, voices, resampling=options.replace(level="sentence"), **common)
    document = voice_sentiment(scored, voices, resampling=options.replace(level="document"), **common)
    table = pd.DataFrame(
        {
            "voice": document["voice"],
            "n": document["n"],
            "n_documents": document["n_documents"],
            "mean": document["mean"],
            "low_sentence": sentence["low"],
            "high_sentence": sentence["high"],
            "low_document": document["low"],
            "high_document": document["high"],
        }
    )
    table["width_sentence"] = table["high_sentence"] - table["low_sentence"]
    table["width_document"] = table["high_document"] - table["low_document"]
    table["ratio"] = table["width_document"] / table["width_sentence"].where(table["width_sentence"] > 0)
    table["note"] = document["note"]
    return table[WIDTH_COLUMNS]
