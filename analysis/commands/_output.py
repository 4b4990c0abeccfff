"""Shared helpers of the commands: output formats and common arguments."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any, TextIO

import pandas as pd

__all__ = ["FORMATS", "add_format_argument", "add_input_argument", "write_table"]

#: Output formats every table-producing command accepts.
FORMATS = ("table", "jsonl", "csv")


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


def write_table(frame: pd.DataFrame, fmt: str = "table", stream: TextIO | None = None) -> None:
    """Write a table as an aligned text table, JSON Lines (one object a row) or CSV."""
    stream = stream if stream is not None else sys.stdout
    if fmt == "jsonl":
        for record in frame.to_dict(orient="records"):
            stream.write(json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        frame.to_csv(stream, index=False)
    elif fmt == "table":
        if frame.empty:
            stream.write("(no rows)\n")
        else:
            with pd.option_context("display.max_colwidth", 80, "display.width", 200):
                stream.write(frame.to_string(index=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")
