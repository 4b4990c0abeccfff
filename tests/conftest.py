"""Shared fixtures: paths of the checkout, the bundled corpus, and builders of temporary corpora."""

from __future__ import annotations

import math
import os
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SENTIMENT_BENCH = SHARED / "bench" / "sentiment"

# Figures are drawn without a display in tests.
os.environ.setdefault("MPLBACKEND", "Agg")


def front_matter(**fields: object) -> str:
    """Return a YAML front-matter block with the given fields (None values omitted)."""
    lines = ["---"] + [f"{k}: {v}" for k, v in fields.items() if v is not None] + ["---", ""]
    return "\n".join(lines) + "\n"


VALID_FIELDS = {
    "id": "doc-1",
    "title": "Talks in Moscow",
    "outlet": "Test Wire",
    "date": "2025-10-03",
    "url": "https://example.org/a",
    "byline": "Staff",
    "language": "en",
}


def write_document(folder: Path, name: str, body: str = "Lavrov said the talks were useful.", **fields: object) -> Path:
    """Write a corpus document ``folder/name`` with valid front matter overridden by ``fields``."""
    folder.mkdir(parents=True, exist_ok=True)
    merged = {**VALID_FIELDS, **fields}
    path = folder / name
    path.write_text(front_matter(**merged) + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture
def make_corpus(tmp_path: Path):
    """Build a corpus folder from ``{file name: (body, fields)}`` and return its path."""

    def build(documents: dict[str, tuple[str, dict]], *, actors: str | None = None) -> Path:
        root = tmp_path / "corpus"
        for name, (body, fields) in documents.items():
            write_document(root / "documents", name, body, **fields)
        if actors is not None:
            (root / "actors.yml").write_text(textwrap.dedent(actors), encoding="utf-8")
        return root

    return build


def sentiment_bench_texts() -> list[str]:
    """Return the texts of the human-rated sentiment sets (``id<TAB>rating<TAB>text`` a line)."""
    texts = []
    for path in sorted(SENTIMENT_BENCH.glob("*_GroundTruth.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t", 2)
            if len(parts) == 3:
                texts.append(parts[2])
    return texts


def compound_from_trace(trace) -> float:
    """Rebuild a VADER compound from an explanation alone (Hutto & Gilbert 2014's normalisation,
    clipped to [-1, 1] as vaderSentiment 3.3.2 does; the clip never binds for nltk's rules)."""
    if not trace.tokens:
        return 0.0
    total = sum(w.contribution for w in trace.words)
    if total > 0:
        total += trace.emphasis
    elif total < 0:
        total -= trace.emphasis
    return round(max(-1.0, min(1.0, total / math.sqrt(total * total + 15))), 4)
