"""``framing ingest SOURCE... --into CORPUS_DIR``: saved pages, URL lists and exports into a corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from ..ingest.exports import FIELDS, parse_mapping
from ..ingest.fetch import DEFAULT_USER_AGENT, Fetcher
from ..ingest.run import CACHE_FOLDER, Outcome, ingest
from ..pipeline.study import load_study
from . import COMMANDS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help=COMMANDS["ingest"],
        description="Turn each SOURCE into corpus documents (Markdown with front matter) in CORPUS_DIR/documents/. "
        "A SOURCE is a saved .html page or a folder of them; a text file of URLs (one a line) or a CSV with a url "
        "column, fetched politely and cached in CORPUS_DIR/.cache/html/; or a CSV, JSON Lines or Parquet export "
        "with a text column. Existing documents are never overwritten without --update; exact duplicates (same URL "
        "or same text) are skipped; a failed item gets one line and the run goes on. Exit status 0 when at least "
        "one document was added or updated, 1 when none was, 2 for unusable input.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="saved page(s), folder, URL list or export")
    parser.add_argument("--into", required=True, metavar="CORPUS_DIR", help="corpus folder to add documents to")
    parser.add_argument(
        "--map",
        action="append",
        metavar="FIELD=COLUMN,...",
        help=f"export columns by field ({', '.join(FIELDS)}), e.g. text=body,date=publish_date; "
        "defaults fit Media Cloud, GDELT and generic exports",
    )
    parser.add_argument("--update", action="store_true", help="rewrite documents already in the corpus (same URL)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="extraction processes (default: all cores)")
    fetching = parser.add_argument_group("fetching URLs")
    fetching.add_argument("--timeout", type=float, default=20.0, metavar="S", help="seconds per connect/read (20)")
    fetching.add_argument("--retries", type=int, default=2, metavar="N", help="retries with backoff per page (2)")
    fetching.add_argument(
        "--delay", type=float, default=1.0, metavar="S", help="seconds between requests to a host (1)"
    )
    fetching.add_argument("--max-mb", type=float, default=10.0, metavar="MB", help="largest page accepted (10)")
    fetching.add_argument("--user-agent", default=DEFAULT_USER_AGENT, metavar="UA", help="User-Agent header")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list documents added and items skipped")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    mapping = parse_mapping(args.map)
    fetcher = Fetcher(
        f"{args.into}/{CACHE_FOLDER.as_posix()}",
        timeout=args.timeout,
        retries=args.retries,
        delay=args.delay,
        user_agent=args.user_agent,
        max_bytes=int(args.max_mb * 1_000_000),
    )

    def log(outcome: Outcome) -> None:
        if outcome.status == "failed" or args.verbose:
            tqdm.write(f"framing ingest: {outcome.line()}", file=sys.stderr)
        if outcome.status in ("added", "updated") and outcome.language not in (None, "en"):
            tqdm.write(
                f"framing ingest: note: {outcome.doc_id} is in '{outcome.language}', not English "
                "(the methods are written for English)",
                file=sys.stderr,
            )

    study = load_study(args.into if Path(args.into).is_dir() else "-")  # a new corpus: the package's files
    report = ingest(
        args.sources,
        args.into,
        actors=study.actors,
        layout=study.layout,
        mapping=mapping,
        update=args.update,
        jobs=args.jobs,
        fetcher=fetcher,
        progress=not args.no_progress,
        log=log,
    )
    print(f"framing ingest: {report.summary()}")
    if fetcher.offline:
        print(
            "framing ingest: no page could be fetched: this machine looks offline; nothing was changed",
            file=sys.stderr,
        )
    return 0 if report.written else 1


__all__ = ["register", "run"]
