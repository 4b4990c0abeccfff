"""A document is split once: steps handed its paragraphs and narration give what they give splitting it themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.attribution.extract import attribution_rows
from analysis.corpus.inputs import documents_from_texts
from analysis.pipeline.study import load_study
from analysis.schema import row_type
from analysis.text import segment
from analysis.voices.utterances import document_utterances

GOLD = Path(__file__).parent / "gold"
Quote = row_type("attributions")


def _gold_texts() -> list[str]:
    texts = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    texts.append(text)
    return texts


TEXTS = [
    *_gold_texts(),
    "''We agree,'' he said.\n\n''Not yet,'' Lavrov said.",  # doubled apostrophes become spaces
    "Question: Will it last?\n\nSergey Lavrov: Yes.\n\nIt will.",
    "MOSCOW, Oct 2 (Reuters) - Lavrov said the talks were useful.\n\nRead more: Pact signed",
]


@pytest.fixture(scope="module")
def study():
    return load_study("-")


def test_there_are_texts_to_check():
    assert len(TEXTS) > 300


def test_attribution_handed_the_paragraphs_and_narration_gives_the_same_rows(study):
    for text in TEXTS:
        parts = segment(text)
        narration = study.layout.narration_spans(text, paragraphs=parts.paragraphs)
        options = {"layout": study.layout}
        alone = attribution_rows("d", text, study.actors, study.quote_rules, **options)
        handed = attribution_rows(
            "d", text, study.actors, study.quote_rules, paragraphs=parts.paragraphs, narration=narration, **options
        )
        assert handed == alone, text[:80]


@pytest.mark.parametrize("genre", ["news", "transcript", "statement"])
def test_utterances_handed_the_paragraphs_and_narration_give_the_same_rows(study, genre):
    documents = documents_from_texts(dict(enumerate(TEXTS))).assign(genre=genre, speaker="lavrov")
    for doc in documents.itertuples(index=False):
        parts = segment(doc.text)
        narration = study.layout.narration_spans(doc.text, paragraphs=parts.paragraphs)
        rows = map(Quote._make, attribution_rows("d", doc.text, study.actors))
        quotes = [(q.start, q.end, q.actor, q.side, q.type, q.quote_id, q.resolution) for q in rows]
        options = {"actors": study.actors, "layout": study.layout}
        alone = document_utterances(doc, quotes, **options)
        handed = document_utterances(doc, quotes, paragraphs=parts.paragraphs, narration=narration, **options)
        assert handed == alone, doc.text[:80]
