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
    resampling_options,
    write_table,
)

if TYPE_CHECKING:  # the stages import pandas and scipy: `framing sentiment --help` does not need them
    import pandas as pd

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


def _voice_units(args: argparse.Namespace, method, study) -> tuple[pd.DataFrame, object]:
    """The scored sentence units of the input's voices: the stored ones, rescored only when they must be."""
    from ..sentiment.registry import method_name
    from ..sentiment.scoring import SCORED_COLUMNS, score_units
    from ..syndication.distinct import counted_units
    from .views import command_analysis

    run = command_analysis(args.input, actors=args.actors, dedupe=args.dedupe)
    everything = run.units
    units = (
        everything
        if args.by == "utterance" and not args.compare
        else counted_units(run.distinct_statements(everything), args.count)
    )
    same_method = run.method == method_name(method)
    if same_method and args.boilerplate is None:
        return units, run.actors  # scored once, by the analysis
    rescored = score_units(
        units.drop(columns=SCORED_COLUMNS, errors="ignore"), method=method, boilerplate=study.boilerplate
    )
    return rescored.assign(method=method_name(method)), run.actors


def _stats_options(args: argparse.Namespace) -> dict[str, object]:
    if args.resamples < 100:
        raise AnalysisError(f"--resamples must be at least 100, not {args.resamples}")
    return {
        "exclude_boilerplate": args.exclude_boilerplate,
        "resampling": resampling_options(args, level=args.resample),
    }


def _table(args: argparse.Namespace) -> pd.DataFrame:
    from ..corpus.inputs import read_input
    from ..sentiment.criticism import target_sentiment
    from ..sentiment.differences import compare_sentiment
    from ..sentiment.explain import words_summary
    from ..sentiment.methods import ExplainableMethod
    from ..sentiment.scoring import score_units
    from ..sentiment.stats import aggregate_sentiment, default_voices, voice_sentiment
    from ..text import sentences
    from .views import command_study

    if args.voice and args.by not in ("actor", "side", "target"):
        raise AnalysisError("--voice chooses the rows of --by actor, side or target")
    study = command_study(args.input, actors=args.actors, targets=args.targets, boilerplate=args.boilerplate)
    method = study.sentiment_method(args.method)  # the corpus's names, titles and adjustments
    if args.explain and not isinstance(method, ExplainableMethod):
        raise AnalysisError(f"--explain: method {args.method!r} has no explanations")
    if args.per_line or (args.by in ("sentence", "document") and not args.compare):
        documents = deduplicated(read_input(args.input), args)
    if args.per_line:
        if args.by != "sentence" or args.compare:
            raise AnalysisError("--per-line scores input lines; it cannot be combined with --by or --compare")
        scored = score_units(_lines(documents), method=method, boilerplate=study.boilerplate)
        columns = ["doc_id", "line", "neg", "neu", "pos", "compound", "boilerplate", "text"]
    elif args.by in ("sentence", "document") and not args.compare:
        scored = score_units(sentences(documents), method=method, boilerplate=study.boilerplate)
        if args.by == "document":
            return aggregate_sentiment(scored, by="doc_id", **_stats_options(args))
        columns = ["doc_id", "sent_id", "start", "end", "neg", "neu", "pos", "compound", "boilerplate", "text"]
    else:
        scored, actors = _voice_units(args, method, study)
        options = _stats_options(args)
        if args.compare:
            return compare_sentiment(scored, *args.compare, actors=actors, **options)
        if args.by == "utterance":
            return aggregate_sentiment(scored, by=["doc_id", "utt_id", "actor", "side", "source"], **options)
        kind = "side" if args.by == "side" else "actor"
        voices = args.voice or default_voices(scored, by=kind)
        if args.by == "target":
            return target_sentiment(scored, targets=study.targets, voices=voices, **options)
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
