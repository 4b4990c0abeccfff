"""Over time: statements per voice per week or month, and the key dates of a study.

:func:`statement_timeline` counts each voice's statements per period. By default it counts
distinct statements (:mod:`analysis.syndication.distinct`) at the date of their first copy,
so a soundbite reprinted for a week is one statement on the day it was first reported;
``count="copies"`` counts every copy at the date of its document.

The key dates marked on a timeline are data (``analysis/data/events.yml``, or a corpus
folder's own ``events.yml``), read by :func:`load_events`.

Examples
--------
>>> events = load_events()
>>> [(str(d.date()), label) for d, label in events[["date", "label"]].head(2).values]
[('2025-01-17', 'Treaty signed in Moscow'), ('2025-04-08', 'State Duma ratifies')]
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import yaml

from ..datafiles import read_yaml
from ..errors import AnalysisError, FileError
from ..paths import package_data
from ..schema import columns
from ..voices.voice import Voice, as_voice
from .distinct import COUNTS, distinct_statements

__all__ = [
    "EVENT_COLUMNS",
    "TIMELINE_COLUMNS",
    "FREQUENCIES",
    "EventsError",
    "load_events",
    "statement_timeline",
]

#: Columns of :func:`load_events`.
EVENT_COLUMNS = columns("events")
#: Columns of :func:`statement_timeline`.
TIMELINE_COLUMNS = columns("timeline")
#: Periods of a timeline: weeks (from Monday), months, or chosen from the span of the dates.
FREQUENCIES = ("week", "month", "auto")
# With "auto", weeks when the dates span at most this many days, else months.
_WEEKS_UP_TO_DAYS = 182


class EventsError(FileError):
    """A key-dates file (``events.yml``) is invalid."""


def _item_lines(text: str) -> list[int]:
    """The line of each item of the ``events`` list (1-based), for error messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "events" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_events(path: str | Path | None = None) -> pd.DataFrame:
    """Read key dates from an ``events.yml`` (by default the package's).

    The file holds ``events:``, a list of entries with ``date`` (``YYYY-MM-DD``) and ``label``,
    and optionally ``source`` (where the date was checked) and ``note``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVENT_COLUMNS`, sorted by date.

    Raises
    ------
    EventsError
        Naming the file, the line of the entry and the problem.

    Examples
    --------
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "events.yml"
    >>> _ = bad.write_text("events:\\n  - date: 2025-01-17\\n    label: Signed\\n  - date: soon\\n    label: X\\n")
    >>> load_events(bad)
    Traceback (most recent call last):
    ...
    analysis.syndication.timeline.EventsError: .../events.yml: event 2 (line 4): date 'soon' is not a date (YYYY-MM-DD)
    """
    file = Path(path) if path is not None else package_data("events.yml")
    data = read_yaml(file, EventsError)
    if data is None:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
        raise EventsError(file, "expected 'events:' followed by a list of entries (date, label, source, note)")
    lines = _item_lines(file.read_text(encoding="utf-8"))
    rows = []
    for number, item in enumerate(data.get("events") or [], start=1):
        where = f"event {number}" + (f" (line {lines[number - 1]})" if number <= len(lines) else "")
        if not isinstance(item, dict):
            raise EventsError(file, f"{where}: expected a mapping with date and label")
        unknown = set(item) - set(EVENT_COLUMNS)
        if unknown:
            raise EventsError(file, f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        date = item.get("date")
        if isinstance(date, str):
            with contextlib.suppress(ValueError):
                date = dt.date.fromisoformat(date)
        if not isinstance(date, dt.date):
            raise EventsError(file, f"{where}: date {date!r} is not a date (YYYY-MM-DD)")
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            raise EventsError(file, f"{where}: label must be a non-empty string")
        for field in ("source", "note"):
            if item.get(field) is not None and not isinstance(item[field], str):
                raise EventsError(file, f"{where}: {field} must be a string")
        rows.append(
            {
                "date": pd.Timestamp(date),
                "label": label.strip(),
                "source": item.get("source") or "",
                "note": " ".join((item.get("note") or "").split()),
            }
        )
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def _periods(dates: pd.Series, freq: str) -> pd.Series:
    if freq == "week":
        return dates.dt.to_period("W-SUN").dt.start_time
    return dates.dt.to_period("M").dt.start_time


def statement_timeline(
    units: pd.DataFrame,
    voices: Sequence[str | Voice],
    *,
    actors=None,
    freq: str = "auto",
    count: str = "distinct",
    grouping: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Count each voice's statements (sentence units) per week or month.

    Parameters
    ----------
    units
        Sentence units with ``date`` (``CorpusAnalysis.units``).
    voices
        The voices to count (see :class:`analysis.Voice`).
    actors
        The actor registry, for the members of institutions and the voices' labels.
    freq
        ``"week"`` (weeks from Monday), ``"month"``, or ``"auto"``: weeks when the dated
        statements span at most 26 weeks, else months.
    count
        ``"distinct"``: each distinct statement once, at its first date; ``"copies"``: every
        copy at its document's date.
    grouping
        A stored grouping of the corpus into distinct statements
        (:attr:`analysis.CorpusAnalysis.statements`), reused when it answers
        (:func:`~analysis.syndication.distinct_statements`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TIMELINE_COLUMNS`, one row per voice and period from the first to the
        last period with a statement (zeros included): ``period`` is the first day of the
        period, ``statements`` the count, ``documents`` the documents they come from. ``attrs``
        hold ``freq``, ``count`` and ``undated`` (statements without a date, left out).

    Raises
    ------
    AnalysisError
        For an unknown ``freq`` or ``count``.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["a:0-3", "b:0-3", "c:0-5"], "doc_id": ["a", "b", "c"],
    ...     "text": ["Yes.", "Yes.", "Never."], "actor": ["lavrov"] * 3, "side": ["russia"] * 3,
    ...     "source": ["quote"] * 3, "outlet": ["T", "R", "T"],
    ...     "date": pd.to_datetime(["2025-01-17", "2025-01-20", "2025-02-03"])})
    >>> statement_timeline(units, ["lavrov"], freq="month")[["period", "statements"]].values.tolist()
    [[Timestamp('2025-01-01 00:00:00'), 1], [Timestamp('2025-02-01 00:00:00'), 1]]
    >>> statement_timeline(units, ["lavrov"], freq="month", count="copies")["statements"].tolist()
    [2, 1]
    """
    if freq not in FREQUENCIES:
        raise AnalysisError(f"freq must be one of {', '.join(FREQUENCIES)}, not {freq!r}")
    if count not in COUNTS:
        raise AnalysisError(f"count must be 'distinct' or 'copies', not {count!r}")
    parsed = [as_voice(v, actors) for v in voices]
    masks = [v.mask(units) for v in parsed]
    selected = units[pd.concat(masks, axis=1).any(axis=1)] if masks else units.iloc[0:0]
    grouped = distinct_statements(selected.drop_duplicates("unit_id"), grouping=grouping)
    if count == "distinct":
        grouped = grouped[grouped["first"].astype(bool)].assign(_when=lambda t: pd.to_datetime(t["first_date"]))
    else:
        grouped = grouped.assign(_when=pd.to_datetime(grouped["date"]))
    dated = grouped[grouped["_when"].notna()]
    if freq == "auto":
        span = (dated["_when"].max() - dated["_when"].min()).days if len(dated) else 0
        freq = "week" if span <= _WEEKS_UP_TO_DAYS else "month"
    rows = []
    if len(dated):
        periods = _periods(dated["_when"], freq)
        step = pd.DateOffset(weeks=1) if freq == "week" else pd.DateOffset(months=1)
        grid = pd.date_range(periods.min(), periods.max(), freq=step)
        dated = dated.assign(_period=periods)
        for voice in parsed:
            mine = dated[voice.mask(dated)]
            counts = mine.groupby("_period").agg(statements=("unit_id", "size"), documents=("doc_id", "nunique"))
            counts = counts.reindex(grid, fill_value=0)
            label = voice.label(actors)
            rows.extend(
                {"period": period, "voice": str(voice), "label": label, "statements": int(row.statements),
                 "documents": int(row.documents)}
                for period, row in counts.iterrows()
            )  # fmt: skip
    table = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    table.attrs.update({"freq": freq, "count": count, "undated": int(len(grouped) - len(dated))})
    return table
