"""Exceptions raised by the package.

Every error a user can cause with bad input derives from :class:`AnalysisError`, so the command
line can print it as one line and exit with status 2 instead of showing a traceback. Errors
about one file derive from :class:`FileError`, whose message starts with the file.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["AnalysisError", "FileError", "CorpusError", "ActorsError", "VoiceError", "InputError"]


class AnalysisError(Exception):
    """Base class of the errors caused by input, configuration or parameters."""


class FileError(AnalysisError):
    """An error about one file: the message names the file first.

    Examples
    --------
    >>> error = FileError("rules.yml", "not valid YAML (line 3)")
    >>> str(error), error.path, error.problem
    ('rules.yml: not valid YAML (line 3)', 'rules.yml', 'not valid YAML (line 3)')
    """

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        super().__init__(problem if path is None else f"{path}: {problem}")

    def __reduce__(self):  # keep path and problem when the error crosses processes
        return type(self), (self.path, self.problem)


class CorpusError(FileError):
    """A corpus file or folder is missing, unreadable or invalid.

    Examples
    --------
    >>> str(CorpusError("corpus/documents/a.md", "no front matter"))
    'corpus/documents/a.md: no front matter'
    """


class ActorsError(FileError):
    """An actor registry (``actors.yml``) is invalid."""


class InputError(FileError):
    """An input of a command (JSON Lines, text file, stdin) cannot be read."""


class VoiceError(AnalysisError):
    """A voice (actor id, ``side:NAME``, ``outlet``) names nothing in the data."""
