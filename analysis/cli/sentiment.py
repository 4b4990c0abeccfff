"""``framing sentiment [INPUT]``: sentiment per sentence, line, document, utterance, actor, side or target."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import AnalysisError
from . import COMMANDS
from .output import (
    add_format_argument,
    add_input_argument,
    add_resampling_arguments,
    add_syndication_arguments,
    deduplicated,
    write_table,
)

if TYPE_CHECKING:  # the stages import pandas and scipy: `framing sentiment --help` does not need them
    import pandas as pd

    from ..corpus.config import Configuration

BY = ("sentence", "document", "utterance", "actor", "side", "target")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sentiment",
        help=COMMANDS["sentiment"],
        description="Score sentences with VADER (Hutto & Gilbert 2014, offline lexicon) read for diplomatic "
        "language, or another method, and aggregate them with bootstrap intervals that resample documents. "
        "Aggregate rows give n, the mean compound score, its "
        "interval (low, high), the shares of positive (>= 0.05), neutral and negative (<= -0.05) "
        "sentences, and flag small samples (n < 10). --by utterance/actor/side/target attribute "
        "quotes first (who said what).",
    )
    add_input_argument(parser)
    parser.add_argument(
        "--per-line",
        action="store_true",
        help="score each input line as one text; one row per line, in order (empty lines score 0)",
    )
    parser.add_argument("--by", choices=BY, default="sentence", help="unit of the rows (default: sentence)")
    parser.add_argument(
        "--voice",
        action="append",
        metavar="VOICE",
        help="with --by actor/side/target: a voice to report (actor id, side:NAME, outlet, outlet:NAME, "
        "all); repeatable; default: every actor (or side) then the outlet",
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("A", "B"),
        help="compare two voices instead: difference of means A - B, bootstrap interval, permutation p",
    )
    parser.add_argument(
        "--method",
        default="diplomatic",
        help="sentiment method: diplomatic (default: VADER that reads diplomatic language, names masked, "
        "diplomatic.yml adjustments), vader (nltk's VADER rules), vader3 (the vaderSentiment 3.3.2 package's "
        "rules: emoji, 'no problem'), learned (a model trained on human ratings; an option), vader_nltk or "
        "vadersentiment (the reference implementations), or a dictionary file (.lc3, .cat, .dic, .yml)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="add a 'words' column: the words behind each score and the masked names",
    )
    parser.add_argument(
        "--resample",
        choices=("document", "sentence"),
        default="document",
        help="what the intervals resample: whole documents (default; sentences of one document are not "
        "independent) or single sentences",
    )
    parser.add_argument(
        "--exclude-boilerplate",
        action="store_true",
        help="leave diplomatic boilerplate (condolences, condemnations of terrorism) out of aggregates",
    )
    parser.add_argument(
        "--actors", metavar="FILE", help="actor registry (default: INPUT's actors.yml or the package's)"
    )
    parser.add_argument(
        "--targets", metavar="FILE", help="targets file (default: INPUT's targets.yml or the package's)"
    )
    parser.add_argument(
        "--boilerplate", metavar="FILE", help="boilerplate patterns (default: INPUT's boilerplate.yml or the package's)"
    )
    add_resampling_arguments(parser, resamples=9999, what="the bootstrap intervals and permutation tests")
    add_syndication_arguments(parser)
    add_format_argument(parser)
    parser.set_defaults(func=run)


def _lines(documents: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # a final newline ends the last line, it does not start a new one
        rows.extend((doc_id, number, line.removesuffix("\r")) for number, line in enumerate(lines, start=1))
    return pd.DataFrame(rows, columns=["doc_id", "line", "text"])


def _attributed_units(documents: pd.DataFrame, config: Configuration) -> tuple[pd.DataFrame, object]:
    from ..pipeline.run import analyse_documents

    run = analyse_documents(documents, config=config)
    return run.units, run.actors


def _stats_options(args: argparse.Namespace) -> dict[str, object]:
    if not 0 < args.confidence < 1:
        raise AnalysisError(f"--confidence must be between 0 and 1, not {args.confidence}")
    if args.resamples < 100:
        raise AnalysisError(f"--resamples must be at least 100, not {args.resamples}")
    return {
        "exclude_boilerplate": args.exclude_boilerplate,
        "resample": args.resample,
        "confidence_level": args.confidence,
        "n_resamples": args.resamples,
        "seed": args.seed,
    }


def _table(args: argparse.Namespace) -> pd.DataFrame:
    from ..corpus.config import resolve_config
    from ..corpus.inputs import read_input
    from ..sentiment.explain import words_summary
    from ..sentiment.methods import scorer
    from ..sentiment.scoring import SCORED_COLUMNS, score_units
    from ..sentiment.stats import (
        aggregate_sentiment,
        compare_sentiment,
        default_voices,
        target_sentiment,
        voice_sentiment,
    )
    from ..text import sentences

    if args.voice and args.by not in ("actor", "side", "target"):
        raise AnalysisError("--voice chooses the rows of --by actor, side or target")
    documents = deduplicated(read_input(args.input), args)
    config = resolve_config(args.input, actors=args.actors, targets=args.targets, boilerplate=args.boilerplate)
    method = scorer(args.method, config)  # the corpus's names, titles and adjustments
    if args.explain and not hasattr(method, "trace"):
        raise AnalysisError(f"--explain: method {args.method!r} has no explanations")
    boilerplate = config.boilerplate
    if args.per_line:
        if args.by != "sentence" or args.compare:
            raise AnalysisError("--per-line scores input lines; it cannot be combined with --by or --compare")
        scored = score_units(_lines(documents), method=args.method, boilerplate=boilerplate, config=config)
        columns = ["doc_id", "line", "neg", "neu", "pos", "compound", "boilerplate", "text"]
    elif args.by in ("sentence", "document") and not args.compare:
        scored = score_units(sentences(documents), method=args.method, boilerplate=boilerplate, config=config)
        if args.by == "document":
            return aggregate_sentiment(scored, by="doc_id", **_stats_options(args))
        columns = ["doc_id", "sent_id", "start", "end", "neg", "neu", "pos", "compound", "boilerplate", "text"]
    else:
        units, actors = _attributed_units(documents, config)
        if args.by != "utterance" or args.compare:
            from ..syndication.distinct import counted_units

            units = counted_units(units, args.count)
        scored = score_units(
            units.drop(columns=SCORED_COLUMNS, errors="ignore"),
            method=args.method,
            boilerplate=boilerplate,
            config=config,
        )
        options = _stats_options(args)
        if args.compare:
            return compare_sentiment(scored, *args.compare, actors=actors, **options)
        if args.by == "utterance":
            return aggregate_sentiment(scored, by=["doc_id", "utt_id", "actor", "side", "source"], **options)
        kind = "side" if args.by == "side" else "actor"
        voices = args.voice or default_voices(scored, by=kind)
        if args.by == "target":
            return target_sentiment(scored, targets=config.load_targets(), voices=voices, **options)
        return voice_sentiment(scored, voices, actors=actors, **options)
    table = scored[columns].copy()
    if args.explain:
        table["words"] = [words_summary(text, method=method) for text in table["text"]]
    return table


def run(args: argparse.Namespace) -> int:
    table = _table(args)
    if "unit_ids" in table:
        if args.format == "table":
            table = table.drop(columns="unit_ids")
        elif args.format == "csv":
            table = table.assign(unit_ids=table["unit_ids"].map(" ".join))
    write_table(table, args.format, wide=args.wide)
    return 0


__all__ = ["register", "run"]
