"""Stage 5, comparison: two voices side by side on every measurement, with the evidence.

* :mod:`~analysis.compare.comparison` -- :func:`compare_voices` and its :class:`Comparison`;
* :mod:`~analysis.compare.evidence` -- the tables: who speaks, what each voice said, the
  sentences behind each number;
* :mod:`~analysis.compare.findings` -- the findings in one table, voice A | voice B | difference;
* :mod:`~analysis.compare.prose` -- the summary and caveats in plain language.
"""

from .comparison import Comparison, compare_voices
from .evidence import (
    contributions_table,
    criticism_evidence,
    frame_evidence,
    keyword_contexts,
    sentiment_sentences,
    speaker_table,
    statements,
    voice_contributions,
    voice_sizes,
)
from .findings import findings_table, voice_facts
from .prose import caveats, describe_speakers, describe_voices, summarise

__all__ = [
    "Comparison",
    "compare_voices",
    "speaker_table",
    "statements",
    "voice_contributions",
    "voice_sizes",
    "sentiment_sentences",
    "keyword_contexts",
    "frame_evidence",
    "contributions_table",
    "criticism_evidence",
    "findings_table",
    "voice_facts",
    "describe_speakers",
    "describe_voices",
    "summarise",
    "caveats",
]
