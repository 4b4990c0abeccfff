"""What the commands of the validation loop share: the corpus folder, its lexicon, its codes, a detector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..salience.frames import FrameLexicon
from ..validation.codes import codes_files
from ..validation.learned import load_detector
from .views import command_study

__all__ = ["corpus_folder", "corpus_lexicon", "corpus_codes", "detector_of", "stored_hits"]


def corpus_folder(path: str) -> Path:
    """The corpus folder a command was given (an error naming it when it is not a folder)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(folder, "not a corpus folder (expected a folder of documents)")
    return folder


def corpus_lexicon(folder: Path | None, frames: str | None = None) -> FrameLexicon:
    """The corpus's frame lexicon (``--frames`` wins), masking the names of its registry and titles."""
    return command_study(folder if folder is not None else "-", frames=frames).frame_detector()


def corpus_codes(folder: Path, given: list[str] | None) -> list[Path]:
    """The codes files given, else the corpus's ``codes/*.csv`` (an error when there are none)."""
    files = [Path(f) for f in given] if given else codes_files(folder)
    if not files:
        raise InputError(folder, "no codes: give --codes FILE.csv or put codes files in the folder's codes/")
    return files


def detector_of(method: str, lexicon: FrameLexicon) -> Any:
    """``lexicon`` (the corpus's lexicon) or a learned model file (``MODEL.json`` of ``framing train``)."""
    if method == "lexicon":
        return lexicon
    if not method.lower().endswith(".json"):
        raise InputError(None, f"--method {method!r}: give lexicon or a model file MODEL.json (framing train)")
    return load_detector(method)


def stored_hits(run: Any, lexicon: FrameLexicon, units: Any) -> Any:
    """The lexicon's hits of ``units`` as the stored analysis matched them (once, with the study's lexicon),
    or None when it matched them with another lexicon or did not match some of them."""
    stored = run.frames
    if stored is None or list(stored.columns) != ["unit_id", *lexicon.frame_ids]:
        return None
    found = stored.set_index("unit_id").reindex(units["unit_id"])
    return None if found.isna().any().any() else found.to_numpy(dtype=bool)
