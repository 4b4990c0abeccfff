"""Offline language resources: the VADER lexicon for nltk, without ``nltk.download``.

nltk's :class:`~nltk.sentiment.vader.SentimentIntensityAnalyzer` loads its lexicon from
``sentiment/vader_lexicon.zip`` under one of the folders of ``nltk.data.path``, and nltk 3.9+
refuses ``file:`` paths outside those roots. The lexicon itself ships inside the
``vaderSentiment`` wheel on PyPI (MIT licence). :func:`nltk_data_root` builds, once, a small
nltk data root in the user's cache folder holding exactly the zip nltk expects, and puts it
first on ``nltk.data.path``. Nothing here touches the network.

Examples
--------
>>> analyzer = vader_analyzer()
>>> analyzer.polarity_scores("good")["compound"] > 0
True
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import zipfile
from functools import cache
from pathlib import Path

from ..errors import AnalysisError
from ..paths import cache_dir

__all__ = ["vader_lexicon_file", "nltk_data_root", "vader_analyzer"]

_ZIP_MEMBER = "vader_lexicon/vader_lexicon.txt"


def vader_lexicon_file() -> Path:
    """Return the VADER lexicon shipped in the ``vaderSentiment`` package.

    Raises
    ------
    AnalysisError
        When the package is not installed, with the command that installs it.
    """
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or spec.origin is None:
        raise AnalysisError(
            "the VADER lexicon is missing: install the 'vaderSentiment' package (pip install vaderSentiment)"
        )
    path = Path(spec.origin).parent / "vader_lexicon.txt"
    if not path.is_file():
        raise AnalysisError(f"the VADER lexicon is missing from the vaderSentiment package ({path})")
    return path


def _build_zip(lexicon: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(_ZIP_MEMBER, date_time=(1980, 1, 1, 0, 0, 0)), lexicon.read_bytes())
    os.replace(partial, target)  # atomic: a concurrent reader sees the old file or the new one


@cache
def nltk_data_root() -> Path:
    """Build (once) an nltk data root holding the VADER lexicon and put it on ``nltk.data.path``.

    The root lives in :func:`analysis.paths.cache_dir` under a name derived from the
    lexicon's content, so a changed lexicon gets a new root and a stale one is never used.

    Returns
    -------
    pathlib.Path
        The folder added in front of ``nltk.data.path``.
    """
    import nltk

    lexicon = vader_lexicon_file()
    digest = hashlib.sha256(lexicon.read_bytes()).hexdigest()[:12]
    root = cache_dir() / f"nltk_data-{digest}"
    target = root / "sentiment" / "vader_lexicon.zip"
    valid = False
    if target.is_file():
        try:
            with zipfile.ZipFile(target) as archive:
                valid = archive.read(_ZIP_MEMBER) == lexicon.read_bytes()
        except (zipfile.BadZipFile, KeyError, OSError):
            valid = False
    if not valid:
        _build_zip(lexicon, target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root


@cache
def vader_analyzer():
    """Return nltk's ``SentimentIntensityAnalyzer`` loaded with the offline lexicon (cached).

    Raises
    ------
    AnalysisError
        When the lexicon cannot be found or read, with a message saying what to install.
    """
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    nltk_data_root()
    try:
        return SentimentIntensityAnalyzer()
    except LookupError as exc:  # pragma: no cover - only when the cache was tampered with
        raise AnalysisError(f"nltk could not load the VADER lexicon from the offline data root: {exc}") from None
