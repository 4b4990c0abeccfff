"""``framing frames [INPUT]``: the share of each voice's sentences that mention each frame."""

from __future__ import annotations

import argparse

from ..corpus.inputs import read_input
from ..salience.frames import BY, INTERVALS, frame_shares
from ..schema import empty
from ..syndication.distinct import counted_units
from ..syndication.duplicates import dedupe_documents
from ..voices.utterances import utterances
from . import COMMANDS
from .output import (
    add_format_argument,
    add_input_argument,
    add_resampling_arguments,
    add_syndication_arguments,
    resampling_options,
    write_table,
)
from .views import command_analysis, command_study

__all__ = ["register", "run"]

_EVIDENCE_SHOWN = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "frames",
        help=COMMANDS["frames"],
        description="Score every sentence unit against a frame lexicon (the package's, a corpus folder's "
        "frames.yml, or --frames FILE) and print, per voice and frame, the units n, the hits k, the share, "
        "its interval and the ids of the evidence sentences. --by actor and side need quote attribution and "
        "count each distinct statement of a voice once (--count copies: every copy).",
    )
    add_input_argument(parser)
    parser.add_argument("--by", choices=tuple(BY), default="actor", help="group by actor, side or doc (default: actor)")
    parser.add_argument(
        "--frames",
        "--method",
        dest="frames",
        metavar="FILE",
        help="frame detector: a frames.yml, lexicon, or a model of framing train (MODEL.json) (default: INPUT's "
        "frames.yml or the package's)",
    )
    parser.add_argument("--actors", metavar="FILE", help="actor registry (default: INPUT's or the package's)")
    parser.add_argument("--interval", choices=INTERVALS, default="wilson", help="interval method (default: wilson)")
    add_resampling_arguments(parser, resamples=2000, what="the bootstrap interval")
    add_syndication_arguments(parser)
    add_format_argument(parser)
    parser.set_defaults(func=run)


def _evidence_text(ids: list[str], fmt: str) -> str | list[str]:
    if fmt == "jsonl":
        return ids
    if fmt == "csv":
        return " ".join(ids)
    more = len(ids) - _EVIDENCE_SHOWN
    return ", ".join(ids[:_EVIDENCE_SHOWN]) + (f" (+{more})" if more > 0 else "")


def run(args: argparse.Namespace) -> int:
    if args.by == "doc":  # every text is the document's own: no attribution needed
        documents = read_input(args.input)
        study = command_study(args.input, actors=args.actors)
        documents = dedupe_documents(documents) if args.dedupe else documents
        utt = utterances(documents, empty("attributions"), actors=study.actors, layout=study.layout)
        detector = study.frame_detector(args.frames)
    else:
        run = command_analysis(args.input, actors=args.actors, dedupe=args.dedupe)
        utt = counted_units(run.distinct_statements(run.units), args.count)
        detector = run.study.frame_detector(args.frames)
    shares = frame_shares(
        utt,
        detector,
        by=args.by,
        interval=args.interval,
        resampling=resampling_options(args, method="percentile"),
    )
    shown = shares.drop(columns=["label"])
    shown["evidence"] = [_evidence_text(ids, args.format) for ids in shares["evidence"]]
    if args.format == "table":
        shown = shown.round({"share": 3, "low": 3, "high": 3})
    write_table(shown, args.format, wide=args.wide)
    return 0
