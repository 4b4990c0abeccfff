"""Where things are: package data, the project checkout, the bundled corpus, the cache.

All paths are anchored here, never on the current working directory, so that notebooks,
tests and the command line find the same files wherever they run from.

Examples
--------
>>> from analysis.paths import PACKAGE_DATA
>>> (PACKAGE_DATA / "actors.yml").is_file()
True
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CorpusError

__all__ = [
    "PACKAGE_DATA",
    "package_data",
    "project_root",
    "default_corpus",
    "default_reports",
    "cache_dir",
]

#: Folder of the data files shipped with the package (actor registry, lexicons, rules).
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def package_data(name: str) -> Path:
    """Return the path of a data file shipped inside the package.

    Examples
    --------
    >>> package_data("actors.yml").name
    'actors.yml'
    """
    return PACKAGE_DATA / name


def data_file(path: str | Path | None, name: str) -> Path:
    """Return the data file to use: ``path`` itself when it is a file, ``path/name`` for a
    corpus folder that has its own, or else the package default ``analysis/data/name``.

    This is how a corpus overrides the package's registry and lexicons (``actors.yml``,
    ``frames.yml``, ``targets.yml``, ``boilerplate.yml``).

    Examples
    --------
    >>> data_file(None, "actors.yml") == package_data("actors.yml")
    True
    """
    if path is None:
        return package_data(name)
    path = Path(path)
    if path.is_dir():
        return path / name if (path / name).is_file() else package_data(name)
    return path


def project_root() -> Path | None:
    """Return the checkout that holds this package (editable install), or None.

    The checkout is recognised by a ``pyproject.toml`` beside the ``analysis`` folder.
    """
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else None


def default_corpus() -> Path:
    """Return the corpus folder to use when none is given.

    ``$FRAMING_CORPUS`` wins; otherwise the ``corpus/`` folder of the checkout.

    Raises
    ------
    CorpusError
        When neither exists (for example in a non-editable install).
    """
    env = os.environ.get("FRAMING_CORPUS")
    if env:
        return Path(env)
    root = project_root()
    if root is not None and (root / "corpus").is_dir():
        return root / "corpus"
    raise CorpusError(None, "no corpus given and no bundled corpus found; pass a corpus folder")


def default_reports() -> Path:
    """Return the folder reports are written to by default (``reports/`` of the checkout)."""
    root = project_root()
    return (root if root is not None else Path.cwd()) / "reports"


def cache_dir() -> Path:
    """Return a writable per-user cache folder for generated resources.

    ``$FRAMING_CACHE`` wins, then ``$XDG_CACHE_HOME/framing``, then ``~/.cache/framing``;
    when none of them is writable, a folder in the system's temporary directory.
    """
    candidates = []
    if os.environ.get("FRAMING_CACHE"):
        candidates.append(Path(os.environ["FRAMING_CACHE"]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append((Path(xdg) if xdg else Path.home() / ".cache") / "framing")
    candidates.append(Path(tempfile.gettempdir()) / f"framing-{os.getuid() if hasattr(os, 'getuid') else 'user'}")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    raise OSError("no writable cache folder; set FRAMING_CACHE to a writable folder")
