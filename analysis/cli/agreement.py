"""``framing agreement CODES.csv ...``: Krippendorff's alpha between coders, per frame and for tone."""

from __future__ import annotations

import argparse

from ..corpus.documents import load_corpus
from ..errors import InputError
from ..resampling import Resampling
from ..validation.agreement import agreement_table
from ..validation.codes import read_codes
from . import COMMANDS
from .output import add_format_argument, add_resampling_arguments, write_table

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agreement",
        help=COMMANDS["agreement"],
        description="Read codes files (several files, or several coders in one file) and print, per coded frame "
        "and for tone, Krippendorff's alpha across coders with a bootstrap interval over units and the number "
        "of units coded by two or more. The adjudicator's rows (coder 'adjudicated') are left out. --corpus "
        "checks every span against the corpus's documents.",
    )
    parser.add_argument("codes", nargs="+", metavar="CODES.csv", help="codes files")
    parser.add_argument("--corpus", metavar="DIR", help="check the spans against this corpus's documents")
    add_resampling_arguments(parser, resamples=1000, what="the bootstrap interval of alpha")
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    documents = load_corpus(args.corpus) if args.corpus else None
    codes = read_codes(args.codes, documents=documents)
    if codes.empty:
        raise InputError(args.codes[0], "no coded rows (every frame and tone blank)")
    options = Resampling(n_resamples=args.resamples, confidence_level=args.confidence, seed=args.seed)
    table = agreement_table(codes, resampling=options)
    if args.format == "table":
        table = table.round({"alpha": 3, "low": 3, "high": 3})
    write_table(table, args.format, wide=args.wide)
    return 0
