"""``framing duplicates CORPUS``: clusters of exact and near-duplicate documents (reprinted wire copy)."""

from __future__ import annotations

import argparse
import sys

from ..corpus.inputs import read_input
from ..syndication.duplicates import CONTAINED, THRESHOLD, describe_duplicates, find_duplicates
from . import COMMANDS
from .output import add_format_argument, write_table

__all__ = ["register", "run"]

_TITLE_WIDTH = 60


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "duplicates",
        help=COMMANDS["duplicates"],
        description="Find documents that are copies of one another: the same text, or a reprint with a new "
        "dateline and headline, cut paragraphs or a rewritten lead. Two documents are near-duplicates when "
        f"their word 3-grams have a Jaccard similarity of at least {THRESHOLD} or the shorter one's 3-grams "
        f"are at least {CONTAINED:.0%} in the longer (MinHash LSH, then an exact check); clusters join chains "
        "of copies. Prints one row per clustered document; 'kept' marks the one that --dedupe keeps (the "
        "earliest, then the longest). Reads only; prints a summary on stderr.",
    )
    parser.add_argument("input", metavar="CORPUS", help="corpus folder, document, JSON Lines or text file")
    parser.add_argument(
        "--threshold", type=_share, default=THRESHOLD, help=f"least Jaccard similarity (default: {THRESHOLD})"
    )
    parser.add_argument(
        "--contained",
        type=_share,
        default=CONTAINED,
        help=f"least share of the shorter document found in the longer (default: {CONTAINED})",
    )
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    documents = read_input(args.input)
    table = find_duplicates(documents, threshold=args.threshold, contained=args.contained)
    print(f"framing duplicates: {describe_duplicates(table, len(documents))}", file=sys.stderr)
    if args.format == "table":
        table = table.round({"jaccard": 3, "containment": 3}).assign(
            title=[
                t if len(t) <= _TITLE_WIDTH else t[: _TITLE_WIDTH - 1] + "\u2026" for t in table["title"].astype(str)
            ]
        )
    write_table(table, args.format, wide=args.wide)
    return 0
