"""The codebook: what a coder reads before coding -- each frame's rules and examples, and the tone scale.

The frame lexicon (``frames.yml``) is also the codebook. Each frame has a ``description``,
``include`` (what counts as the frame), ``exclude`` (what does not, however close the words)
and ``examples`` (sentences, written for this project, that use it). The file's ``tone``
section defines the nine-point tone scale, -4 to +4, with an anchor for each point; a corpus
whose ``frames.yml`` has no ``tone`` section uses the package's. :func:`render_codebook` writes
it as Markdown or as a standalone HTML page (every text escaped).

Examples
--------
>>> book = load_codebook()
>>> book.tone.anchors[0], book.tone.anchors[-4][:8]
('Neutral: reports, describes or states procedure without judging.', 'Very neg')
>>> "## Tone" in render_codebook(book, "markdown")
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import read_yaml
from ..paths import package_data
from ..salience.frames import FrameLexicon, FramesError, load_frames
from .codes import TONE_RANGE, frame_column

__all__ = ["ToneScale", "Codebook", "load_tone_scale", "load_codebook", "render_codebook", "FORMATS"]

#: Output formats of :func:`render_codebook`.
FORMATS = ("markdown", "html")


@dataclass(frozen=True)
class ToneScale:
    """The tone scale: a description and one anchor per point from -4 to +4."""

    description: str
    anchors: dict[int, str]
    source: str = "<memory>"


@dataclass(frozen=True)
class Codebook:
    """The frames (with their rules and examples) and the tone scale."""

    frames: FrameLexicon
    tone: ToneScale


def load_tone_scale(path: str | Path | None = None) -> ToneScale:
    """Read the ``tone`` section of a ``frames.yml`` (default: the package's).

    Raises
    ------
    FramesError
        Naming the file when the section is malformed: not a mapping, an anchor missing for a
        point of -4..4, a point outside the scale.
    """
    file = Path(path) if path is not None else package_data("frames.yml")
    data = read_yaml(file, FramesError)
    section = data.get("tone") if isinstance(data, dict) else None
    if section is None:
        return load_tone_scale() if path is not None else _missing(file)
    if not isinstance(section, dict) or not isinstance(section.get("anchors"), dict):
        raise FramesError(file, "tone: expected a mapping with 'description' and 'anchors' (-4 .. 4)")
    anchors = {}
    for point, text in section["anchors"].items():
        if isinstance(point, bool) or not isinstance(point, int) or not TONE_RANGE[0] <= point <= TONE_RANGE[1]:
            raise FramesError(file, f"tone: anchor {point!r} is not a whole number from -4 to 4")
        if not isinstance(text, str) or not text.strip():
            raise FramesError(file, f"tone: anchor {point} needs a text")
        anchors[point] = " ".join(text.split())
    missing = [p for p in range(TONE_RANGE[0], TONE_RANGE[1] + 1) if p not in anchors]
    if missing:
        raise FramesError(file, f"tone: no anchor for {', '.join(map(str, missing))}")
    description = " ".join(str(section.get("description") or "").split())
    return ToneScale(description, dict(sorted(anchors.items())), str(file))


def _missing(file: Path) -> ToneScale:
    raise FramesError(file, "no 'tone' section (the tone scale of the codebook)")


def load_codebook(frames: str | Path | FrameLexicon | None = None) -> Codebook:
    """The codebook of a ``frames.yml`` (a lexicon, a file, or None for the package's)."""
    lexicon = frames if isinstance(frames, FrameLexicon) else load_frames(frames)
    source = Path(lexicon.source)
    return Codebook(lexicon, load_tone_scale(source if source.is_file() else None))


def _markdown(book: Codebook) -> str:
    lines = [
        "# Codebook",
        "",
        f"Frames: `{Path(book.frames.source).name}`. Code each unit (a sentence or the part of it one voice said) "
        "for every frame: 1 when the unit uses the frame, 0 when it does not; then its tone.",
        "",
    ]
    for frame in book.frames:
        lines += [f"## {frame.label} (`{frame_column(frame.id)}`)", "", frame.description, ""]
        if frame.include:
            lines += [f"**Include.** {frame.include}", ""]
        if frame.exclude:
            lines += [f"**Exclude.** {frame.exclude}", ""]
        if frame.examples:
            lines += ["**Examples.**", "", *[f"- {e}" for e in frame.examples], ""]
        lines += [f"*Terms of the lexicon:* {', '.join(frame.terms)}", ""]
    lines += ["## Tone (`tone`, -4 to +4)", "", book.tone.description, ""]
    lines += [f"- **{point:+d}**: {text}" for point, text in book.tone.anchors.items()]
    return "\n".join(lines).rstrip() + "\n"


def _html(book: Codebook) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>Codebook</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
        "code{background:#eee}dt{font-weight:bold}</style></head><body>",
        "<h1>Codebook</h1>",
        f"<p>Frames: <code>{e(Path(book.frames.source).name)}</code>. Code each unit for every frame: 1 when it uses "
        "the frame, 0 when it does not; then its tone.</p>",
    ]
    for frame in book.frames:
        parts.append(f"<h2>{e(frame.label)} (<code>{e(frame_column(frame.id))}</code>)</h2>")
        parts.append(f"<p>{e(frame.description)}</p>")
        if frame.include:
            parts.append(f"<p><strong>Include.</strong> {e(frame.include)}</p>")
        if frame.exclude:
            parts.append(f"<p><strong>Exclude.</strong> {e(frame.exclude)}</p>")
        if frame.examples:
            parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in frame.examples) + "</ul>")
        parts.append(f"<p><em>Terms of the lexicon:</em> {e(', '.join(frame.terms))}</p>")
    parts.append("<h2>Tone (<code>tone</code>, -4 to +4)</h2>")
    parts.append(f"<p>{e(book.tone.description)}</p><dl>")
    parts += [f"<dt>{point:+d}</dt><dd>{e(text)}</dd>" for point, text in book.tone.anchors.items()]
    parts.append("</dl></body></html>")
    return "\n".join(parts) + "\n"


def render_codebook(book: Codebook, fmt: str = "markdown") -> str:
    """The codebook as Markdown or as a standalone HTML page (:data:`FORMATS`; corpus text escaped).

    Examples
    --------
    >>> "<h2>" in render_codebook(load_codebook(), "html")
    True
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    return _markdown(book) if fmt == "markdown" else _html(book)
