"""Shared helpers of the commands: output formats and common arguments."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from typing import Any, TextIO

import pandas as pd

from ..errors import AnalysisError
from ..resampling import Resampling

__all__ = [
    "FORMATS",
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

# Surrogate code points cannot be encoded as UTF-8; a JSON "\udc80" escape puts one in a str.
_SURROGATE = re.compile("[\ud800-\udfff]")


def add_format_argument(parser: argparse.ArgumentParser, default: str = "table") -> None:
    """Add ``--format table|jsonl|csv`` to a command's parser."""
    parser.add_argument("--format", choices=FORMATS, default=default, help=f"output format (default: {default})")


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
    parser.add_argument("--seed", type=int, default=0, help="seed of the resampling (default: 0)")


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


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
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


def write_table(frame: pd.DataFrame, fmt: str = "table", stream: TextIO | None = None) -> None:
    """Write a table as an aligned text table, JSON Lines (one object a row) or CSV.

    Text that cannot be encoded as UTF-8 -- lone surrogates, which a JSON ``"\\udc80"`` escape in
    the input produces -- never stops the output: JSON Lines keeps them as ``\\udXXXX`` escapes
    (that record is written ASCII-escaped, so it reads back unchanged); the table and CSV formats
    show U+FFFD (the replacement character) in their place.

    Examples
    --------
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
            with pd.option_context("display.max_colwidth", 80, "display.width", 200):
                stream.write(frame.to_string(index=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")
