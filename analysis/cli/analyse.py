"""``framing analyse CORPUS``: compute the analysis once and store it as Parquet for the reports."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..pipeline.engine import ENGINES
from ..pipeline.partition import ON_TIMEOUT
from ..pipeline.store import analyse, store_counts, store_folder
from ..sentiment.methods import DEFAULT_METHOD
from . import COMMANDS

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyse",
        help=COMMANDS["analyse"],
        description="Attribute quotes, give every span its voice, cut sentence units, score sentiment and "
        "match frames, one pass per document, and store the tables as Parquet with a manifest (corpus and "
        "configuration hashes, package version). A second run reuses the store and analyses only changed "
        "documents. A document over --time-limit is skipped and named (or, with --on-timeout fail, stops "
        "the run).",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="corpus folder")
    parser.add_argument("--out", metavar="DIR", help="store folder (default: CORPUS/.framing/analysis)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="where to run (default: local)")
    parser.add_argument("--jobs", type=int, metavar="N", help="local engine: processes (default: the CPUs, at most 8)")
    parser.add_argument("--workers", type=int, metavar="N", help="dask engine: workers of a local cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="dask engine: an existing scheduler (tcp://host:8786)")
    parser.add_argument("--method", default=DEFAULT_METHOD, help=f"sentiment method (default: {DEFAULT_METHOD})")
    parser.add_argument(
        "--time-limit", type=float, default=60.0, metavar="S", help="seconds one document may take (default: 60)"
    )
    parser.add_argument("--on-timeout", choices=ON_TIMEOUT, default="skip", help="skip a slow document or fail")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()

    def say(line: str) -> None:
        print(f"framing analyse: {line}", file=sys.stderr, flush=True)

    where = Path(args.out) if args.out else store_folder(args.corpus)
    analyse(
        Path(args.corpus),
        out=where,
        method=args.method,
        engine=args.engine,
        jobs=args.jobs,
        workers=args.workers,
        scheduler=args.scheduler,
        time_limit=args.time_limit,
        on_timeout=args.on_timeout,
        progress=say,
        load=False,  # never the whole corpus in memory: the counts come from the files' metadata
    )
    counts = store_counts(where)
    for doc_id, reason in counts["skipped"]:
        say(f"skipped {doc_id}: {reason}")
    print(
        f"{counts['documents']} document(s), {counts['attributions']} attribution(s), {counts['units']} "
        f"sentence unit(s) in {time.perf_counter() - started:.1f} s; stored in {where}"
    )
    return 0
