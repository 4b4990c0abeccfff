"""``framing quotes [INPUT]``: who said what -- the attributions table of the input texts."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..attribution.extract import attribute_quotes
from ..corpus.inputs import read_input
from ..corpus.registry import ActorRegistry, load_actors
from .output import add_format_argument, add_input_argument, write_table

__all__ = ["register", "run", "registry_for"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "quotes",
        help="find direct, indirect and mixed quotes and resolve their speakers to actors",
        description="Print one row per attribution (direct quote, reported speech or mixed) with its "
        "content, cue and speaker, resolved to an actor of the registry. Offsets are character "
        "offsets into each document's text (for stdin and text files: the text exactly as read).",
    )
    add_input_argument(parser)
    parser.add_argument(
        "--actors",
        metavar="FILE",
        help="actor registry (actors.yml, or a corpus folder holding one); default: the corpus's own "
        "actors.yml when INPUT is a corpus folder or one of its documents, else the package's",
    )
    add_format_argument(parser)
    parser.set_defaults(func=run)


def registry_for(source: str, actors: str | None) -> ActorRegistry:
    """Return the registry to use for an INPUT: ``--actors`` first, then the input's corpus."""
    if actors:
        return load_actors(actors)
    path = Path(source)
    if source != "-" and path.is_dir():
        return load_actors(path)
    if source != "-" and path.is_file():
        for folder in (path.parent, path.parent.parent):
            if (folder / "actors.yml").is_file():
                return load_actors(folder / "actors.yml")
    return load_actors()


def run(args: argparse.Namespace) -> int:
    documents = read_input(args.input)
    table = attribute_quotes(documents, registry_for(args.input, args.actors))
    write_table(table, args.format)
    return 0
