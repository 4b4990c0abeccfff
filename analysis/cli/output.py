"""Shared helpers of the commands: output formats and common arguments."""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import AnalysisError

if TYPE_CHECKING:  # pandas and scipy take seconds to import: help and usage errors do not need them
    import pandas as pd

    from ..resampling import Resampling

__all__ = [
    "FORMATS",
    "MISSING",
    "fit_table",
    "table_width",
    "add_format_argument",
    "add_input_argument",
    "add_resampling_arguments",
    "add_syndication_arguments",
    "resampling_options",
    "deduplicated",
    "write_table",
]

#: Output formats every table-producing command accepts.
FORMATS = ("table", "jsonl", "csv")
#: What a missing value shows as in the table format.
MISSING = "-"
#: The narrowest a text column is cut to (beyond that, columns wrap into blocks, as pandas does).
MIN_TEXT_WIDTH = 12

# Surrogate code points cannot be encoded as UTF-8; a JSON "\udc80" escape puts one in a str.
_SURROGATE = re.compile("[\ud800-\udfff]")


def add_format_argument(parser: argparse.ArgumentParser, default: str = "table") -> None:
    """Add ``--format table|jsonl|csv`` and ``--wide`` to a command's parser."""
    parser.add_argument("--format", choices=FORMATS, default=default, help=f"output format (default: {default})")
    parser.add_argument(
        "--wide",
        action="store_true",
        help="table format: every column in full (default: long text is cut with an ellipsis to fit the terminal)",
    )


def add_input_argument(parser: argparse.ArgumentParser) -> None:
    """Add the optional positional INPUT shared by the commands that read texts."""
    parser.add_argument(
        "input",
        nargs="?",
        default="-",
        metavar="INPUT",
        help="corpus folder, corpus document (.md), JSON Lines file ({doc_id, text} a line), "
        "text file, or - for UTF-8 text on stdin (default)",
    )


def add_resampling_arguments(parser: argparse.ArgumentParser, *, resamples: int, what: str) -> None:
    """Add ``--resamples``, ``--confidence`` and ``--seed``: the same names in every command.

    ``resamples`` is the default number of resamples and ``what`` says what they are for.
    """
    parser.add_argument(
        "--resamples",
        "--n-boot",
        dest="resamples",
        type=int,
        default=resamples,
        metavar="N",
        help=f"resamples of {what} (default: {resamples})",
    )
    parser.add_argument(
        "--confidence",
        "--level",
        dest="confidence",
        type=float,
        default=0.95,
        metavar="LEVEL",
        help="interval level (default: 0.95)",
    )
    from ..resampling import DEFAULT_SEED

    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed of the resampling (default: {DEFAULT_SEED})"
    )


def resampling_options(args: argparse.Namespace, **fixed: Any) -> Resampling:
    """The :class:`~analysis.resampling.Resampling` of ``--resamples``, ``--confidence`` and ``--seed``.

    ``fixed`` sets other options (``level``, ``method``).

    Raises
    ------
    AnalysisError
        For a level outside (0, 1) or fewer than one resample, naming the option.
    """
    if not 0 < args.confidence < 1:
        raise AnalysisError(f"--confidence must be between 0 and 1, not {args.confidence}")
    if args.resamples < 1:
        raise AnalysisError(f"--resamples must be at least 1, not {args.resamples}")
    from ..resampling import Resampling

    return Resampling(n_resamples=args.resamples, confidence_level=args.confidence, seed=args.seed, **fixed)


def add_syndication_arguments(parser: argparse.ArgumentParser, *, count: bool = True) -> None:
    """Add ``--dedupe`` (one document per cluster of near-duplicates) and ``--count distinct|copies``."""
    parser.add_argument(
        "--dedupe",
        action="store_true",
        help="keep one document per cluster of exact and near-duplicate documents (see framing duplicates)",
    )
    if count:
        parser.add_argument(
            "--count",
            choices=("distinct", "copies"),
            default="distinct",
            help="count each distinct statement of a voice once, however many documents carry it "
            "(default), or every copy",
        )


def deduplicated(documents: pd.DataFrame, args: argparse.Namespace) -> pd.DataFrame:
    """Return the documents, with one per cluster of near-duplicates when ``--dedupe`` was given."""
    if not getattr(args, "dedupe", False):
        return documents
    from ..syndication.duplicates import dedupe_documents

    return dedupe_documents(documents)


def table_width(*, wide: bool = False) -> int | None:
    """The width a table should fit: ``$COLUMNS``, else the terminal's, else 80; None with ``wide``.

    (:func:`shutil.get_terminal_size`, the convention of command-line tools: a table written
    to a file or a pipe is 80 characters wide unless ``$COLUMNS`` says otherwise; ``--wide`` or
    the JSON Lines and CSV formats give every character.)
    """
    return None if wide else max(20, shutil.get_terminal_size().columns)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())  # a line break in a cell would break the table
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def fit_table(frame: pd.DataFrame, width: int | None) -> str:
    """Return a table as aligned text no wider than ``width`` (None: every character).

    Missing values show as :data:`MISSING`. Text columns that do not fit are cut with an
    ellipsis, the longest first, down to :data:`MIN_TEXT_WIDTH`; numbers are never cut, and a
    table that is still too wide continues in blocks of columns below (as pandas wraps).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"n": [1, 2], "mean": [0.5, float("nan")], "text": ["short", "a" * 100]})
    >>> print(fit_table(table, 40))
     n  mean                            text
     1   0.5                           short
     2     - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…
    """
    import pandas as pd

    text_columns = [c for c in frame.columns if frame[c].dtype == object or isinstance(frame[c].dtype, pd.StringDtype)]
    shown = frame.copy()
    for column in text_columns:
        shown[column] = shown[column].map(
            lambda v: v if v is None or (isinstance(v, float) and math.isnan(v)) else " ".join(str(v).split())
        )
    if width is not None and text_columns:
        full = {c: shown[c] for c in text_columns}
        sizes = [max([len(str(c)), *(len(v) for v in full[c] if isinstance(v, str))]) for c in text_columns]
        cap = max(sizes)
        for _ in range(8):  # pandas pads columns its own way: measure, then cut by the overshoot
            over = max(map(len, shown.to_string(index=False, na_rep=MISSING).splitlines())) - width
            if over <= 0 or cap <= MIN_TEXT_WIDTH:
                break
            room = sum(min(size, cap) for size in sizes) - over
            cap = max(MIN_TEXT_WIDTH, min(cap - 1, _water_level(sizes, room)))
            for column in text_columns:
                limit = max(cap, len(str(column)))
                shown[column] = full[column].map(lambda v, limit=limit: _shorten(v, limit) if isinstance(v, str) else v)
    text = shown.to_string(index=False, na_rep=MISSING)
    if width is None or max(map(len, text.splitlines())) <= width:
        return text
    return shown.to_string(index=False, na_rep=MISSING, line_width=width)  # in blocks of columns


def _water_level(sizes: list[int], room: int) -> int:
    """The largest cap c such that the sizes, each cut to c, add up to at most ``room``.

    Examples
    --------
    >>> _water_level([10, 50, 100], 80)
    35
    """
    level, left = 0, room
    ordered = sorted(sizes)
    for number, size in enumerate(ordered):
        share = left // (len(ordered) - number)
        if size <= share:
            left -= size
            level = size
        else:
            return share
    return max(level, ordered[-1]) if ordered else room


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    import pandas as pd

    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, (list, tuple)):
        return any(_has_surrogate(v) for v in value)
    return False


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_replace_surrogates(v) for v in value)
    return value


def _without_surrogates(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the table with every surrogate in its text replaced by U+FFFD (a copy only when there is one)."""
    import pandas as pd

    text_columns = [c for c in frame.columns if frame[c].dtype == object or isinstance(frame[c].dtype, pd.StringDtype)]
    dirty = [c for c in text_columns if frame[c].map(_has_surrogate).any()]
    if not dirty and not any(_has_surrogate(str(c)) for c in frame.columns):
        return frame
    frame = frame.copy()
    for column in dirty:
        frame[column] = frame[column].map(_replace_surrogates)
    return frame.rename(columns=lambda c: _replace_surrogates(c))


def _json_line(record: dict[str, Any]) -> str:
    """One JSON object, UTF-8 as is; a record holding a surrogate is written ASCII-escaped ("\\udc80") instead."""
    plain = {k: _plain(v) for k, v in record.items()}
    line = json.dumps(plain, ensure_ascii=False)
    if _SURROGATE.search(line):
        line = json.dumps(plain, ensure_ascii=True)
    return line


def write_table(frame: pd.DataFrame, fmt: str = "table", stream: TextIO | None = None, *, wide: bool = False) -> None:
    """Write a table as an aligned text table, JSON Lines (one object a row) or CSV.

    The text table fits the terminal (:func:`table_width`, :func:`fit_table`): long text is cut
    with an ellipsis, and a missing value shows as ``-``; ``wide`` shows every character. The
    JSON Lines and CSV formats always hold everything (missing values as null or empty).

    Text that cannot be encoded as UTF-8 -- lone surrogates, which a JSON ``"\\udc80"`` escape in
    the input produces -- never stops the output: JSON Lines keeps them as ``\\udXXXX`` escapes
    (that record is written ASCII-escaped, so it reads back unchanged); the table and CSV formats
    show U+FFFD (the replacement character) in their place.

    Examples
    --------
    >>> import pandas as pd
    >>> write_table(pd.DataFrame({"text": ["caf\\u00e9", "bad \\udc80 byte"]}), "jsonl")
    {"text": "café"}
    {"text": "bad \\udc80 byte"}
    >>> write_table(pd.DataFrame({"text": ["bad \\udc80 byte"]}), "csv")
    text
    bad \ufffd byte
    """
    stream = stream if stream is not None else sys.stdout
    if fmt == "jsonl":
        for record in frame.to_dict(orient="records"):
            stream.write(_json_line(record) + "\n")
    elif fmt == "csv":
        _without_surrogates(frame).to_csv(stream, index=False)
    elif fmt == "table":
        frame = _without_surrogates(frame)
        if frame.empty:
            stream.write("(no rows)\n")
        else:
            stream.write(fit_table(frame, table_width(wide=wide)) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")
