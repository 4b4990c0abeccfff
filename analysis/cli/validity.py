"""``framing validity CORPUS --codes CODES.csv``: how right the frame detector and the tone methods are here."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from ..corpus.documents import load_corpus
from ..pipeline.run import analyse_corpus
from ..resampling import Resampling
from ..sentiment.methods import DEFAULT_METHOD
from ..validation.assessment import assess, corrected_voice_shares
from . import COMMANDS
from .coded import corpus_codes, corpus_folder, corpus_lexicon, detector_of, stored_hits
from .output import add_format_argument, write_table
from .views import command_study

__all__ = ["register", "run"]

_SHOW = ("figures", "misreadings", "candidates", "corrected", "all")
_FRAME_FIELDS = ["measure", "id", "precision", "recall", "f1", "n_pos"]
_TONE_FIELDS = ["measure", "method", "default", "pearson", "spearman", "accuracy3", "n"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validity",
        help=COMMANDS["validity"],
        description="Score the spans the codes give with the frame detector (--method lexicon, the corpus's "
        "frames.yml, or a model of framing train) and the sentiment methods, and compare with the codes (the "
        "adjudicator's, else the coders' majority): per frame precision, recall and F1 with the coded positives "
        "n_pos, micro and macro; per method Pearson and Spearman r and three-class accuracy. --show misreadings "
        "lists false positives with the terms that fired and coded positives no term found; candidates, terms "
        "of the coded positives for revising the lexicon; corrected (with --voice), each voice's shares raw "
        "and corrected for the measured error.",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="corpus folder")
    parser.add_argument("--codes", nargs="+", metavar="CODES.csv", help="codes files (default: CORPUS/codes/*.csv)")
    parser.add_argument("--method", default="lexicon", metavar="lexicon|MODEL.json", help="frame detector")
    parser.add_argument("--frames", metavar="FILE", help="frame lexicon (default: the corpus's or the package's)")
    parser.add_argument(
        "--sentiment",
        action="append",
        metavar="M",
        help=f"a sentiment method to check (repeat; default: {DEFAULT_METHOD} and vader, and a model's tone)",
    )
    parser.add_argument("--voice", action="append", metavar="V", help="voices whose shares are corrected (repeat)")
    parser.add_argument("--show", choices=_SHOW, default="figures", help="what to print (default: figures)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap intervals (default: 0)")
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = corpus_folder(args.corpus)
    lexicon = corpus_lexicon(folder, args.frames)
    detector = detector_of(args.method, lexicon)
    methods = args.sentiment or [DEFAULT_METHOD, "vader"]
    named = {m: m for m in methods}
    tone_model = getattr(detector, "tone", None)
    if tone_model is not None:
        named[tone_model.name] = tone_model
    run_ = analyse_corpus(folder, store=True) if args.voice else None
    documents = run_.documents if run_ is not None else load_corpus(folder)
    options = Resampling(n_resamples=1000, seed=args.seed)
    default = DEFAULT_METHOD if DEFAULT_METHOD in named else None
    files = corpus_codes(folder, args.codes)
    study = command_study(folder, frames=args.frames)
    result = assess(
        documents,
        files,
        detector=detector,
        methods=named,
        default=default,
        resources=study,
        resampling=options,
        known_frames=lexicon.frame_ids,
    )
    trained = set((getattr(detector, "validation", None) or {}).get("trained_on") or ())
    seen = int(result.reference["unit_id"].isin(trained).sum())
    if seen:
        print(
            f"framing validity: {seen} of the {result.n_spans} coded spans trained {args.method}: its figures on them "
            "are in-sample (framing train prints cross-validated ones)",
            file=sys.stderr,
        )
    if args.show in ("figures", "all"):
        _write_figures(result, args.format, args.wide)
    if args.show in ("misreadings", "all"):
        _section("misreadings", result.misreadings, args.format, args.wide)
    if args.show in ("candidates", "all"):
        _section("candidate terms", result.candidates, args.format, args.wide)
    if args.show in ("corrected", "all") and args.voice:
        hits = stored_hits(run_, lexicon, run_.units) if detector is lexicon and args.frames is None else None
        options = Resampling(n_resamples=2000, seed=args.seed)
        shares = corrected_voice_shares(
            run_.units, args.voice, result, detector=detector, hits=hits, actors=run_.actors, resampling=options
        )
        _section("corrected shares", shares, args.format, args.wide)
    elif args.show == "corrected":
        print("framing validity: --show corrected needs --voice V (repeat)", file=sys.stderr)
        return 2
    return 0


def _write_figures(result, fmt: str, wide: bool = False) -> None:
    frames = result.frames[[*_FRAME_FIELDS, "n", "tp", "fp", "fn"]]
    tone = result.tone[_TONE_FIELDS]
    if fmt == "jsonl":
        write_table(frames[_FRAME_FIELDS], "jsonl")
        write_table(tone, "jsonl")
        return
    _section(f"frames: {result.detector} against {result.n_spans} coded spans", frames, fmt, wide)
    _section("tone", tone, fmt, wide)


def _section(title: str, table: pd.DataFrame, fmt: str, wide: bool = False) -> None:
    if fmt == "table":
        sys.stdout.write(f"== {title}\n")
        table = table.round(3)
    write_table(table, fmt, wide=wide)
    if fmt == "table":
        sys.stdout.write("\n")
