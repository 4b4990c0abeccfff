"""``framing sample CORPUS --voice V --n N --seed S --out FILE.csv``: a coding sheet of sentence units."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..pipeline.run import analyse_corpus
from ..salience.detectors import detect_by_language
from ..validation.learned import load_detector
from ..validation.sampling import sample_units
from . import COMMANDS
from .coded import corpus_folder, corpus_lexicon, stored_hits

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sample",
        help=COMMANDS["sample"],
        description="Draw up to N sentence units of each voice (stratified: every --voice its own draw), seeded, "
        "from the corpus's stored analysis, and write a coding sheet: doc_id, start, end, unit_id, voice, text, "
        "the sentences before and after, one empty frame:<id> column per frame, tone and coder. Filled in, the "
        "sheet is a codes file. --oversample-rare draws units where the lexicon finds a rare frame more often "
        "(weights in the weight column); --uncertain MODEL.json proposes the units a learned model is least "
        "sure of. An existing FILE is never overwritten (--force replaces it).",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="corpus folder")
    parser.add_argument("--voice", action="append", required=True, metavar="V", help="a voice to sample (repeat)")
    parser.add_argument("--n", type=int, required=True, metavar="N", help="units per voice")
    parser.add_argument("--seed", type=int, default=0, help="seed of the draw (default: 0)")
    parser.add_argument("--out", required=True, metavar="FILE.csv", help="the coding sheet to write")
    parser.add_argument("--frames", metavar="FILE", help="frame lexicon (default: the corpus's or the package's)")
    parser.add_argument("--oversample-rare", action="store_true", help="draw units with rare frames more often")
    parser.add_argument("--uncertain", metavar="MODEL.json", help="propose the units this model is least sure of")
    parser.add_argument("--force", action="store_true", help="replace an existing FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = corpus_folder(args.corpus)
    out = Path(args.out)
    if out.suffix.lower() != ".csv":
        raise InputError(out, "--out must be a .csv file")
    if out.exists() and not args.force:
        raise InputError(out, "exists (it may hold codes): choose another name or give --force")
    if args.n < 1:
        raise InputError(None, f"--n {args.n}: give at least 1")
    lexicon = corpus_lexicon(folder, args.frames)
    model = load_detector(args.uncertain) if args.uncertain else None
    run_ = analyse_corpus(folder, store=True)
    units = run_.units.reset_index(drop=True)
    hits = None
    if args.oversample_rare:
        hits = stored_hits(run_, lexicon, units) if args.frames is None else None
        if hits is None:
            languages = units["language"].fillna("").astype(str).replace("", "en").tolist()
            hits = detect_by_language(lexicon, units["text"].tolist(), languages)
    probabilities = model.probabilities(units["text"].tolist()) if model is not None else None
    sheet = sample_units(
        units,
        args.voice,
        n=args.n,
        seed=args.seed,
        frame_ids=lexicon.ids,
        actors=run_.actors,
        hits=hits,
        oversample_rare=args.oversample_rare,
        probabilities=None if probabilities is None else np.asarray(probabilities),
    )
    if not out.parent.is_dir():
        raise InputError(out, "its folder does not exist")
    temporary = out.with_name(f".{out.name}.tmp")
    sheet.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
    temporary.replace(out)
    counts = ", ".join(f"{v}: {n}" for v, n in sheet.groupby("voice", sort=False).size().items())
    print(f"framing sample: {len(sheet)} units ({counts}) written to {out}", file=sys.stderr)
    return 0
