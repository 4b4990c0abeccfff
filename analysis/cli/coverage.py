"""``framing coverage CORPUS --source DOC_ID``: which sentences of a primary text each outlet carried."""

from __future__ import annotations

import argparse
import sys

from ..syndication.align import PARAPHRASED, QUOTED
from ..syndication.coverage import MARGIN_DAYS, coverage
from .output import add_format_argument, add_syndication_arguments, write_table
from .views import command_analysis

__all__ = ["register", "run"]

_TEXT_WIDTH = 70
SHOW = ("sentences", "statements", "unsourced")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage",
        help="which sentences of an actor's own text (statement, transcript) each outlet quoted or paraphrased",
        description="Align every statement of a primary text's speakers reported in the news (their members' "
        "and institutions' too) to the text's sentences: quoted (at least "
        f"{QUOTED:.0%} of the words in the same order), paraphrased (TF-IDF cosine at least {PARAPHRASED}) "
        "or not found. --show sentences (default): one row per sentence, one column per outlet; statements: "
        "one row per reported statement with its match; unsourced: the statements with no source in the text.",
    )
    parser.add_argument("input", metavar="CORPUS", help="corpus folder")
    parser.add_argument("--source", required=True, metavar="DOC_ID", help="doc_id of the primary text")
    parser.add_argument("--voice", metavar="VOICE", help="only this voice's sentences of the text (e.g. lavrov)")
    parser.add_argument("--show", choices=SHOW, default="sentences", help="which table (default: sentences)")
    parser.add_argument(
        "--margin-days",
        type=int,
        default=MARGIN_DAYS,
        help=f"take statements from documents dated at most this many days before the text (default: {MARGIN_DAYS})",
    )
    parser.add_argument("--actors", metavar="FILE", help="actor registry (default: CORPUS's or the package's)")
    add_syndication_arguments(parser, count=False)
    add_format_argument(parser)
    parser.set_defaults(func=run)


def _short(text: object) -> str:
    text = str(text)
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 1] + "\u2026"


def run(args: argparse.Namespace) -> int:
    analysis = command_analysis(args.input, actors=args.actors, dedupe=args.dedupe)
    result = coverage(analysis, args.source, voice=args.voice, margin_days=args.margin_days)
    print(f"framing coverage: {result.summary()}", file=sys.stderr)
    if args.show == "sentences":
        table = result.matrix()
        table.insert(2, "outlets", result.sentences["outlets"])
    elif args.show == "statements":
        table = result.statements.drop(columns=["primary_text"])
    else:
        table = result.unsourced().drop(columns=["sentence", "primary_text", "verbatim"])
    if args.format == "table":
        table = table.assign(text=table["text"].map(_short)).round({"verbatim": 2, "similarity": 2})
    write_table(table, args.format)
    return 0
