"""``framing codebook [CORPUS] --out FILE.html|.md``: the codebook coders read -- frames and tone scale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..corpus.config import config_file
from ..errors import InputError
from ..validation.codebook import load_codebook, render_codebook
from . import COMMANDS

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "codebook",
        help=COMMANDS["codebook"],
        description="Render the codebook of a corpus (its frames.yml, else the package's): for every frame its "
        "description, what to include and exclude, examples and the lexicon's terms; then the nine-point tone "
        "scale with its anchors. --out FILE.html writes a standalone page, FILE.md Markdown; without --out the "
        "Markdown goes to standard output.",
    )
    parser.add_argument(
        "corpus", nargs="?", default="-", metavar="CORPUS", help="corpus folder (default: the package's)"
    )
    parser.add_argument("--frames", metavar="FILE", help="frames.yml to render instead of the corpus's")
    parser.add_argument("--out", metavar="FILE", help="output file, .html or .md (default: Markdown on stdout)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = Path(args.frames) if args.frames else config_file("frames", args.corpus)
    book = load_codebook(source)
    if args.out is None:
        sys.stdout.write(render_codebook(book, "markdown"))
        return 0
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise InputError(out, "--out must end in .html or .md")
    text = render_codebook(book, "html" if suffix in (".html", ".htm") else "markdown")
    if not out.parent.is_dir():
        raise InputError(out, "its folder does not exist")
    temporary = out.with_name(f".{out.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(out)
    print(f"framing codebook: {len(book.frames)} frames and the tone scale written to {out}", file=sys.stderr)
    return 0
