"""The YAML data files of the method: one reader, one rule for ids, shared validation helpers.

The actor registry, the quote rules, the frame lexicon, the targets and the boilerplate patterns
are data, not code (``analysis/data/*.yml``; a corpus folder may hold its own copy, see
:mod:`analysis.corpus.config`). They are all read by :func:`read_yaml`, which raises the
caller's error class naming the file and the problem -- missing, not UTF-8, or not valid YAML
with the line of the fault -- so that a user can fix the file without reading Python.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from analysis.errors import FileError
>>> bad = Path(tempfile.mkdtemp()) / "bad.yml"
>>> _ = bad.write_text("frames:\\n  - id: [unclosed\\n", encoding="utf-8")
>>> read_yaml(bad, FileError)
Traceback (most recent call last):
...
analysis.errors.FileError: .../bad.yml: not valid YAML (line 3)
>>> is_identifier("iran_mfa"), is_identifier("Iran MFA")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from .errors import FileError

__all__ = ["IDENTIFIER", "is_identifier", "read_yaml", "parse_yaml", "string_list", "KeyedCollection"]

# libyaml's safe loader is ten times faster (front matter of 10,000 documents); same results
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: What an id of the data files looks like (actors, sides, frames, targets, patterns).
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")

T = TypeVar("T")


def is_identifier(value: object) -> bool:
    """Return whether ``value`` is a valid id: lower-case letters, digits and ``_``, starting with a letter."""
    return isinstance(value, str) and IDENTIFIER.match(value) is not None


def read_yaml(file: str | Path, error: type[FileError] = FileError, *, offset: int = 0) -> Any:
    """Read a YAML file safely, raising ``error(file, problem)`` for any fault.

    Parameters
    ----------
    file
        The file to read.
    error
        The :class:`~analysis.errors.FileError` subclass to raise.
    offset
        Added to the reported line number (the YAML of a front matter starts on line 2).

    Raises
    ------
    FileError
        Of the given class: ``no such file``, ``not UTF-8``, ``not valid YAML (line N)``.
    """
    file = Path(file)
    if not file.is_file():
        raise error(file, "no such file")
    try:
        return parse_yaml(file.read_text(encoding="utf-8"), file, error, offset=offset)
    except UnicodeDecodeError:
        raise error(file, "not UTF-8") from None


def parse_yaml(text: str, file: str | Path | None, error: type[FileError] = FileError, *, offset: int = 0) -> Any:
    """Parse YAML text read from ``file``, raising ``error(file, "not valid YAML (line N)")``.

    Examples
    --------
    >>> parse_yaml("a: 1", "x.yml")
    {'a': 1}
    """
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1 + offset})" if mark is not None else ""
        raise error(file, f"not valid YAML{where}") from None


def string_list(value: Any, *, where: str, source: str | Path, error: type[FileError] = FileError) -> tuple[str, ...]:
    """Return a YAML value that must be a string or a list of non-empty strings, stripped.

    ``None`` gives ``()``.

    Examples
    --------
    >>> string_list(["Tehran ", "Iran"], where="side 'iran': aliases", source="actors.yml")
    ('Tehran', 'Iran')
    >>> string_list([1], where="aliases", source="actors.yml")
    Traceback (most recent call last):
    ...
    analysis.errors.FileError: actors.yml: aliases must be a list of non-empty strings
    """
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise error(source, f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


class KeyedCollection(Generic[T]):
    """Container protocol of the registries: look items up by id, iterate over the items.

    Subclasses say where the items are by overriding :meth:`_items`.

    Examples
    --------
    >>> class Shelf(KeyedCollection[int]):
    ...     def _items(self):
    ...         return {"a": 1, "b": 2}
    >>> shelf = Shelf()
    >>> shelf["a"], "b" in shelf, list(shelf), len(shelf)
    (1, True, [1, 2], 2)
    """

    def _items(self) -> dict[str, T]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> T:
        return self._items()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items()

    def __iter__(self) -> Iterator[T]:
        return iter(self._items().values())

    def __len__(self) -> int:
        return len(self._items())
