"""``framing statements INPUT --voice V``: everything a voice said, sentence by sentence."""

from __future__ import annotations

import argparse

from ..compare.evidence import statements
from ..voices.voice import as_voice
from .output import add_format_argument, add_input_argument, write_table
from .views import command_analysis

__all__ = ["register", "run"]

_TEXT_WIDTH = 100


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "statements",
        help="everything a voice said, sentence by sentence, with actor, role, genre and type",
        description="Print every sentence unit of a voice: doc_id, start, end, actor, role, genre, type "
        "(direct, indirect, mixed, statement, turn) and text. An institution's voice (iran_mfa) holds its "
        "members' statements (minister, spokesperson, deputies, envoys); only:ID keeps what is credited to "
        "the institution itself; side:NAME, joint, press, outlet and all work as elsewhere.",
    )
    add_input_argument(parser)
    parser.add_argument("--voice", required=True, metavar="VOICE", help="the voice (e.g. iran_mfa, only:iran_mfa)")
    parser.add_argument("--actors", metavar="FILE", help="actor registry (default: INPUT's or the package's)")
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    analysis = command_analysis(args.input, actors=args.actors)
    voice = as_voice(args.voice, analysis.actors)
    table = statements(analysis.units, voice, analysis.actors).drop(columns="unit_id")
    if args.format == "table":
        table["text"] = [t if len(t) <= _TEXT_WIDTH else t[: _TEXT_WIDTH - 1] + "\u2026" for t in table["text"]]
    write_table(table, args.format)
    return 0
