"""``framing train CORPUS --codes CODES.csv --out MODEL.json``: frame detectors learned from your codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from ..corpus.documents import load_corpus
from ..errors import InputError
from ..validation.codes import read_codes, reference_codes
from ..validation.learned import cross_validate, train_detector
from ..validation.validity import frame_validity, span_texts, tone_validity
from . import COMMANDS
from .coded import corpus_codes, corpus_folder, corpus_lexicon
from .output import add_format_argument, write_table

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help=COMMANDS["train"],
        description="Fit one logistic regression per coded frame over the masked word uni- and bigrams of the "
        "coded spans plus the lexicon's hits (a frame with fewer than 5 coded positives keeps the lexicon), and "
        "a ridge regression of the coded tone; print the figures of a cross-validation grouped by document "
        "(no document in both parts), then train on every code and save the model as JSON (no pickle). Use it "
        "with --method MODEL.json in framing validity, or --uncertain MODEL.json in framing sample.",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="corpus folder")
    parser.add_argument("--codes", nargs="+", metavar="CODES.csv", help="codes files (default: CORPUS/codes/*.csv)")
    parser.add_argument("--out", required=True, metavar="MODEL.json", help="the model file to write")
    parser.add_argument("--frames", metavar="FILE", help="frame lexicon (default: the corpus's or the package's)")
    parser.add_argument("--folds", type=int, default=5, metavar="K", help="cross-validation folds (default: 5)")
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = corpus_folder(args.corpus)
    out = Path(args.out)
    if out.suffix.lower() != ".json":
        raise InputError(out, "--out must be a .json file")
    if not out.parent.is_dir():
        raise InputError(out, "its folder does not exist")
    if args.folds < 2:
        raise InputError(None, f"--folds {args.folds}: give at least 2")
    lexicon = corpus_lexicon(folder, args.frames)
    documents = load_corpus(folder)
    reference = reference_codes(
        read_codes(corpus_codes(folder, args.codes), documents=documents, frame_ids=lexicon.ids)
    )
    if reference["doc_id"].nunique() < 2:
        raise InputError(folder, "the codes cover fewer than 2 documents: nothing to cross-validate")
    texts = span_texts(reference, documents)
    hits, tone = cross_validate(texts, reference, reference["doc_id"].tolist(), n_splits=args.folds, lexicon=lexicon)
    coded = documents.set_index("doc_id").loc[reference["doc_id"].unique(), "language"]
    languages = sorted({str(code or "en").strip().lower() for code in coded})  # the detector reads these only
    detector = train_detector(texts, reference, lexicon=lexicon, name=out.stem, languages=languages)
    figures = frame_validity(reference, hits, list(detector.frame_ids))
    tables = [figures[["measure", "id", "precision", "recall", "f1", "n_pos"]]]
    if tone is not None and not np.isnan(tone).all():
        tones = tone_validity(reference, {detector.name + "-tone": np.clip(tone / 4, -1, 1)}, default=None)
        tables.append(tones[["measure", "method", "pearson", "spearman", "accuracy3", "n"]])
    detector.validation = {
        "cross_validation": f"{min(args.folds, reference['doc_id'].nunique())} folds grouped by document",
        "spans": len(reference),
        "trained_on": reference["unit_id"].tolist(),
        "figures": [row for table in tables for row in table.round(4).to_dict(orient="records")],
    }
    detector.save(out)
    for table in tables:
        write_table(table.round(3) if args.format == "table" else table, args.format, wide=args.wide)
    kept = [f for f, m in detector.models.items() if "weights" not in m]
    note = f"; kept the lexicon for {', '.join(kept)} (too few codes)" if kept else ""
    print(f"framing train: {len(detector.frame_ids)} frames learned from {len(reference)} spans{note}; saved {out}",
          file=sys.stderr)  # fmt: skip
    return 0
