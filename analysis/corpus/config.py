"""One way to find a corpus's configuration: registry, frames, targets, boilerplate, layout, sentiment data, dates.

Given a corpus folder, one of its documents, or nothing, every entry point -- the Python API,
the command line, the notebooks and the report -- finds the data files the same way:

1. a file given explicitly (``--actors FILE``, ``load_actors("my/actors.yml")``) wins;
2. otherwise the corpus's own copy, in the corpus folder: for a document, the folder that holds
   it, or the corpus folder above its ``documents/`` folder;
3. otherwise the package default in ``analysis/data/``.

"Nothing" means the default corpus (``$FRAMING_CORPUS``, else the checkout's ``corpus/``), as
for :func:`analysis.load_corpus`; without one (a wheel install) the package defaults are used.
Standard input (``"-"``) has no corpus folder.

Examples
--------
>>> config = resolve_config()
>>> config.actors.name, config.frames.name
('actors.yml', 'frames.yml')
>>> resolve_config("-").root is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from ..paths import default_corpus, package_data

__all__ = ["DATA_FILES", "Configuration", "corpus_root", "config_file", "data_file", "resolve_config"]

#: The data files a corpus folder may override, by the name of their kind.
DATA_FILES = {
    "actors": "actors.yml",
    "frames": "frames.yml",
    "targets": "targets.yml",
    "boilerplate": "boilerplate.yml",
    "layout": "layout.yml",
    "titles": "titles.yml",
    "diplomatic": "diplomatic.yml",
    "events": "events.yml",
    "quote_rules": "quote_rules.yml",
}
_DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".jsonl")


def corpus_root(source: str | Path | None = None) -> Path | None:
    """Return the corpus folder of a source: a folder, a document, ``"-"`` or None (the default corpus).

    Examples
    --------
    >>> corpus_root("-") is None
    True
    >>> corpus_root().name
    'corpus'
    """
    if source is None:
        try:
            return default_corpus()
        except CorpusError:
            return None
    if str(source) == "-":
        return None
    path = Path(source)
    if path.is_dir():
        return path
    folder = path.parent
    if folder.name == "documents" and not any((folder / name).is_file() for name in DATA_FILES.values()):
        return folder.parent
    return folder


def config_file(kind: str, source: str | Path | None = None, explicit: str | Path | None = None) -> Path:
    """Return the data file of one kind (``"actors"``, ``"frames"``, ...) for a source.

    An ``explicit`` file (or corpus folder) wins; then the corpus folder of ``source``; then the
    package default. ``source`` may itself be a data file (``"my/frames.yml"``).

    Examples
    --------
    >>> config_file("frames", "-").parent.name
    'data'
    """
    name = DATA_FILES[kind]
    if explicit is not None:
        explicit = Path(explicit)
        return explicit / name if explicit.is_dir() else explicit
    if source is not None and str(source) != "-":
        path = Path(source)
        if path.suffix.lower() in (".yml", ".yaml"):
            return path
        if not path.exists():  # reading it will say "no such file", naming it
            return path / name
    root = corpus_root(source)
    if root is not None and (root / name).is_file():
        return root / name
    return package_data(name)


def data_file(kind: str, path: str | Path | None = None) -> Path:
    """Return the file a loader reads: the package default for None, else as :func:`config_file`.

    The loaders of the later stages (frames, targets, boilerplate, titles, adjustments, events)
    use it, so that a stage given nothing reads the package's data, never a corpus found
    elsewhere: the corpus's own files reach a stage through
    :class:`analysis.pipeline.study.Study`.

    Examples
    --------
    >>> data_file("frames").parent.name
    'data'
    """
    return package_data(DATA_FILES[kind]) if path is None else config_file(kind, path)


@dataclass(frozen=True)
class Configuration:
    """Where the data files of one corpus are (see the module docstring for how they are found).

    It says where, not what: :func:`analysis.pipeline.study.load_study` loads the files once into
    a :class:`~analysis.pipeline.study.Study`, which is handed to the stages.
    """

    root: Path | None
    actors: Path
    frames: Path
    targets: Path
    boilerplate: Path
    layout: Path
    titles: Path
    diplomatic: Path
    events: Path
    quote_rules: Path


def resolve_config(source: str | Path | None = None, **explicit: str | Path | None) -> Configuration:
    """Find the configuration of a corpus folder, a document, ``"-"`` or the default corpus.

    Parameters
    ----------
    source
        A corpus folder, one of its documents, ``"-"`` (no corpus) or None (the default corpus).
    **explicit
        Files given explicitly, by kind: ``actors=``, ``frames=``, ``targets=``,
        ``boilerplate=``, ``layout=``, ``titles=``, ``diplomatic=``, ``events=``, ``quote_rules=``
        (None values are ignored).

    Examples
    --------
    >>> resolve_config("-", frames="my_frames.yml").frames.name
    'my_frames.yml'
    """
    unknown = set(explicit) - set(DATA_FILES)
    if unknown:
        raise TypeError(f"unknown data file kind(s): {', '.join(sorted(unknown))}")
    files = {kind: config_file(kind, source, explicit.get(kind)) for kind in DATA_FILES}
    return Configuration(root=corpus_root(source), **files)
