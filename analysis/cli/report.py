"""``framing report``: execute the notebooks and render the HTML reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import default_corpus, default_reports
from . import COMMANDS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help=COMMANDS["report"],
        description="Execute every numbered notebook of notebooks/ with the given parameters and "
        "render a reader's HTML version of each (and a methods version with code), an index.html "
        "and the figures as PNG and SVG. Nothing in OUT changes unless every notebook succeeds.",
    )
    parser.add_argument("--corpus", metavar="DIR", help="corpus folder (default: the bundled corpus)")
    parser.add_argument(
        "--a", dest="actor_a", default="iran_mfa", metavar="ACTOR", help="first voice (default: iran_mfa)"
    )
    parser.add_argument(
        "--b", dest="actor_b", default="russia_mfa", metavar="ACTOR", help="second voice (default: russia_mfa)"
    )
    from ..resampling import DEFAULT_SEED

    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed of the resampling (default: {DEFAULT_SEED})"
    )
    parser.add_argument("--out", metavar="DIR", help="output folder (default: reports/ of the checkout)")
    parser.add_argument("--with-code", action="store_true", help="also write methods versions with code")
    parser.add_argument(
        "--dedupe",
        action="store_true",
        help="keep one document per cluster of exact and near-duplicate documents in every report "
        "(the notebooks' DEDUPE parameter; see framing duplicates)",
    )
    parser.add_argument(
        "--method",
        metavar="M",
        help="sentiment method of the reports (the notebooks' METHOD: diplomatic by default, or a model file of "
        "framing train, MODEL.json)",
    )
    parser.add_argument(
        "--frames",
        metavar="FILE",
        help="frame detector of the reports (the notebooks' FRAMES: the corpus's lexicon by default, a frames.yml, "
        "or a model file of framing train, MODEL.json)",
    )
    parser.add_argument(
        "--notebook", action="append", metavar="FILE", help="run only this notebook (repeatable; default: all)"
    )
    parser.add_argument("--timeout", type=int, default=300, help="seconds one cell may run (default: 300)")
    parser.add_argument(
        "--jobs", type=int, metavar="N", help="notebooks executed at once (default: the CPUs available, at most 4)"
    )
    parser.set_defaults(func=run)


def return_freed_memory() -> None:
    """Give the memory this process has freed back to the system (with glibc; elsewhere, nothing).

    Python frees the objects of a table it no longer needs, but the C allocator keeps the pages
    for later use, so a process that read a corpus to check it would hold its size for as long
    as it runs; ``malloc_trim`` returns them.
    """
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def run(args: argparse.Namespace) -> int:
    from ..corpus.documents import load_corpus
    from ..errors import VoiceError
    from ..pipeline.study import load_study
    from ..render.report import build_report
    from ..voices.voice import as_voice

    corpus = Path(args.corpus).resolve() if args.corpus else default_corpus().resolve()
    # Fail fast, with the file or voice and the problem, before starting kernels.
    load_corpus(corpus)
    return_freed_memory()  # the documents just read are not kept beside the kernels
    actors = load_study(corpus).actors
    voices = [as_voice(args.actor_a, actors), as_voice(args.actor_b, actors)]
    if voices[0] == voices[1]:
        raise VoiceError(f"--a and --b must be two different voices (both are {str(voices[0])!r})")
    out = Path(args.out) if args.out else default_reports()
    parameters = {"CORPUS": str(corpus), "ACTOR_A": args.actor_a, "ACTOR_B": args.actor_b, "SEED": args.seed}
    if args.dedupe:
        parameters["DEDUPE"] = True  # a parameter of every notebook (False unless given)
    study = load_study(corpus)
    if args.method:  # checked now, before the kernels start (a model file's tone, a dictionary, a name)
        study.sentiment_method(args.method)
        parameters["METHOD"] = str(Path(args.method).resolve()) if args.method.endswith(".json") else args.method
    if args.frames:
        study.frame_detector(args.frames)
        parameters["FRAMES"] = str(Path(args.frames).resolve())
    result = build_report(
        out=out,
        parameters=parameters,
        notebooks=[Path(n) for n in args.notebook] if args.notebook else None,
        with_code=args.with_code,
        timeout=args.timeout,
        jobs=args.jobs,
    )
    print(f"wrote {len(result.reports)} report(s) and {len(result.figures)} figure file(s) in {result.seconds:.1f} s")
    print(f"open {result.index}")
    return 0


__all__ = ["register", "run", "return_freed_memory"]
