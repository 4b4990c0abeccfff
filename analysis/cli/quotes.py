"""``framing quotes [INPUT]``: who said what -- the attributions table of the input texts."""

from __future__ import annotations

import argparse

from .output import add_format_argument, add_input_argument, write_table
from .views import command_analysis

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "quotes",
        help="find direct, indirect and mixed quotes and resolve their speakers to actors",
        description="Print one row per attribution (direct quote, reported speech or mixed) with its "
        "content, cue and speaker, resolved to an actor of the registry. Offsets are character "
        "offsets into each document's text (for stdin and text files: the text exactly as read).",
    )
    add_input_argument(parser)
    parser.add_argument(
        "--actors",
        metavar="FILE",
        help="actor registry (actors.yml, or a corpus folder holding one); default: the corpus's own "
        "actors.yml when INPUT is a corpus folder or one of its documents, else the package's",
    )
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    write_table(command_analysis(args.input, actors=args.actors).attributions, args.format)
    return 0
