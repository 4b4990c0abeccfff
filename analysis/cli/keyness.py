"""``framing keyness A B``: the terms that characterise voice A against voice B."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from ..corpus.inputs import read_input
from ..errors import InputError
from ..salience.scores import METHODS, SmallSampleWarning, keyness, top_terms
from ..syndication.distinct import counted_units
from ..voices.voice import as_voice
from .output import (
    add_format_argument,
    add_resampling_arguments,
    add_syndication_arguments,
    resampling_options,
    write_table,
)
from .views import command_analysis

__all__ = ["register", "run", "read_voice"]

_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".jsonl")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "keyness",
        help="terms that characterise voice A against voice B (log-odds with prior, G2, tf-idf)",
        description="Rank the words and bigrams that characterise A against B, with counts, p-values and "
        "bootstrap stability (positive scores: A). A and B are each a text file, a folder of .txt/.md files, "
        "or - for stdin; with --corpus they are voices: an actor id (iran_mfa), side:NAME (side:iran), "
        "outlet or all, each distinct statement counted once (--count copies: every copy). "
        "Voices of fewer than about 1,000 tokens get a note on stderr.",
    )
    parser.add_argument("a", metavar="A", help="first voice (file, folder, -, or with --corpus a voice)")
    parser.add_argument("b", metavar="B", help="second voice")
    parser.add_argument("--method", choices=METHODS, default="logodds", help="scoring method (default: logodds)")
    parser.add_argument(
        "--prior",
        default="pooled",
        metavar="pooled|background|FLOAT",
        help="prior of the log-odds method: pooled (default), background (general English) or a constant",
    )
    parser.add_argument("--prior-size", type=float, default=None, help="size alpha0 of the background prior")
    parser.add_argument("--ngram", type=int, choices=(1, 2), default=2, help="longest n-gram (default: 2)")
    parser.add_argument("--min-count", type=int, default=2, help="drop terms used fewer times (default: 2)")
    parser.add_argument("--top", type=int, default=20, help="terms shown per side, and the k of stability")
    parser.add_argument("--keep-stopwords", action="store_true", help="count stop words too")
    parser.add_argument("--corpus", metavar="DIR", help="corpus folder: A and B are voices of its quotes")
    parser.add_argument("--actors", metavar="FILE", help="actor registry (default: the corpus's or the package's)")
    add_resampling_arguments(parser, resamples=200, what="the stability bootstrap")
    add_syndication_arguments(parser)
    add_format_argument(parser)
    parser.set_defaults(func=run)


def read_voice(source: str) -> tuple[list[str], str]:
    """Return the texts of a voice given as a file, a folder of text files, or ``-``, and its label.

    Raises
    ------
    InputError
        For a missing path or a folder without .txt/.md files.
    """
    if source == "-":
        return read_input("-")["text"].tolist(), "stdin"
    path = Path(source)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir():
        folder = path / "documents" if (path / "documents").is_dir() else path
        files = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in _TEXT_SUFFIXES)
        files = [f for f in files if f.name.lower() != "readme.md"]
        if not files:
            raise InputError(path, "no text files (.txt, .md or .jsonl) in this folder")
        texts = [text for f in files for text in read_input(f)["text"]]
    else:
        texts = read_input(path)["text"].tolist()
    return texts, path.name


def _voices_from_corpus(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    run = command_analysis(args.corpus, actors=args.actors, dedupe=args.dedupe)
    actors = run.actors
    a, b = as_voice(args.a, actors), as_voice(args.b, actors)
    # the two voices' units, in corpus order, grouped into distinct statements (from the store's grouping)
    selected = (
        pd.concat([a.select(run.units), b.select(run.units)]).drop_duplicates("unit_id").sort_index(kind="stable")
    )
    units = counted_units(run.distinct_statements(selected), args.count)
    return a.select(units), b.select(units), a.label(actors), b.label(actors)


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    return table.round({"rate_a": 2, "rate_b": 2, "score": 3, "p": 4, "stability": 2})


def run(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise InputError(None, "--top must be at least 1")
    if args.corpus:
        a, b, label_a, label_b = _voices_from_corpus(args)
    else:
        (a, label_a), (b, label_b) = read_voice(args.a), read_voice(args.b)
        if label_a == label_b:
            label_a, label_b = f"A ({label_a})", f"B ({label_b})"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SmallSampleWarning)
        table = keyness(
            a,
            b,
            method=args.method,
            prior=args.prior,
            prior_size=args.prior_size,
            ngram_range=(1, args.ngram),
            min_count=args.min_count,
            keep_stopwords=args.keep_stopwords,
            top_k=args.top,
            stability=resampling_options(args),
            labels=(label_a, label_b),
        )
    attrs = table.attrs
    print(
        f"framing keyness: A = {label_a}: {attrs['tokens_a']:,} tokens in {attrs['units_a']:,} sentences; "
        f"B = {label_b}: {attrs['tokens_b']:,} tokens in {attrs['units_b']:,} sentences; "
        f"positive scores characterise A",
        file=sys.stderr,
    )
    for warning in caught:
        if issubclass(warning.category, SmallSampleWarning):
            print(f"framing keyness: note: {warning.message}", file=sys.stderr)
    shown = top_terms(table, args.top)
    write_table(_rounded(shown) if args.format == "table" else shown, args.format)
    return 0
