"""The command line: ``framing COMMAND ...`` or ``python -m analysis COMMAND ...``.

Each command lives in a module of this package, named after it, that defines
``register(subparsers)``; the module's parser sets ``func`` to a function taking the parsed
arguments and returning the exit status. Errors caused by input (:class:`AnalysisError`) are
printed as one line on stderr with exit status 2, never as a traceback.

Only the module of the command being run is imported: ``framing --help`` lists the commands
from :data:`COMMANDS` without importing any of them (the stages import pandas, scipy and
scikit-learn, about two seconds), so help and usage errors answer at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence

from ..version import __version__

__all__ = ["COMMANDS", "build_parser", "main"]

#: Every command and the line that lists it in ``framing --help`` (its module is ``analysis.cli.NAME``).
COMMANDS = {
    "agreement": "Krippendorff's alpha between coders: per frame (nominal) and for tone (interval)",
    "analyse": "analyse a corpus once and store the tables (Parquet) that reports and notebooks reuse",
    "codebook": "the codebook for coders: each frame's rules and examples, and the tone scale",
    "coverage": "which sentences of an actor's own text (statement, transcript) each outlet quoted or paraphrased",
    "duplicates": "clusters of exact and near-duplicate documents (the same wire story under several mastheads)",
    "frames": "share of each voice's sentences that mention each frame, with intervals and evidence",
    "ingest": "bring saved pages, URL lists and news-database exports into a corpus folder",
    "keyness": "terms that characterise voice A against voice B (log-odds with prior, G2, tf-idf)",
    "quotes": "find direct, indirect and mixed quotes and resolve their speakers to actors",
    "report": "execute the notebooks on a corpus and render HTML reports",
    "sample": "a reproducible sample of sentence units per voice, written as a coding sheet (CSV)",
    "sentiment": "sentiment per sentence, line, document, utterance, actor, side or target",
    "statements": "everything a voice said, sentence by sentence, with actor, role, genre and type",
    "train": "learn a frame detector (and a tone regressor) from codes; saved as JSON",
    "validate": "check a corpus folder or document (front matter, UTF-8, ids, dates, actors.yml)",
    "validity": "precision, recall and F1 of the frame detector and tone r of each sentiment method, on your codes",
}
#: Options of the top-level parser (the command is the first other argument).
_OWN_OPTIONS = {"-h", "--help", "--version"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser of the command line.

    With ``command`` (a name of :data:`COMMANDS`), only that command's module is imported and
    registered; the others are listed by their help line (enough for ``framing --help`` and
    for usage errors). Without it, every command is registered.

    Examples
    --------
    >>> parser = build_parser("validate")
    >>> parser.parse_args(["validate", "corpus"]).path
    'corpus'
    """
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Compare how sources frame the same event: quotes, sentiment, keywords and frames.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, line in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(f"{__name__}.{name}").register(subparsers)
        else:
            subparsers.add_parser(name, help=line, add_help=False)
    return parser


def _command(argv: Sequence[str]) -> str:
    """The command named in ``argv`` (its first argument that is not a top-level option), or ''."""
    for argument in argv:
        if argument in _OWN_OPTIONS or argument.startswith("-"):
            continue
        return argument if argument in COMMANDS else ""
    return ""


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # no stdin, or a closed one
        return False


def _one_line_warning(prefix: str):
    """A ``warnings.formatwarning`` that prints ``framing CMD: warning: message`` (no source line)."""

    def format_warning(message, category, filename, lineno, line=None) -> str:
        return f"{prefix}: warning: {' '.join(str(message).split())}\n"

    return format_warning


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    from ..errors import AnalysisError

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    if getattr(args, "input", None) == "-" and _is_terminal(sys.stdin):
        print(
            f"{parser.prog} {args.command}: reading text from the terminal: type or paste it, then Ctrl-D "
            "(or give a corpus folder or a file as INPUT)",
            file=sys.stderr,
        )
    formatwarning, warnings.formatwarning = warnings.formatwarning, _one_line_warning(f"{parser.prog} {args.command}")
    try:
        return int(args.func(args) or 0)
    except AnalysisError as exc:
        message = " ".join(str(exc).split())
        print(f"{parser.prog} {args.command}: error: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        warnings.formatwarning = formatwarning
