"""Source comparison and framing analysis: who said what, how positively, in which words and frames.

The package is a pipeline of stages, each a subpackage working on pandas tables::

    corpus/       documents, the actor registry, the corpus's configuration
    attribution/  who said what: direct, reported and mixed speech, resolved to actors
    voices/       every span gets a voice; voices are cut into sentence units
    syndication/  near-duplicate documents, distinct statements, what each outlet quoted
    sentiment/    sentence scores, explanations, aggregates with intervals
    salience/     distinctive terms, keyword in context, frames
    compare/      two voices side by side, with the evidence of every number
    pipeline/     the stages in one call
    render/       figures, escaped display in notebooks, HTML reports
    cli/          the ``framing`` command line

The names below are the verbs a notebook needs; everything else is imported from its stage
(``from analysis.sentiment import explain_sentiment``). Names are imported lazily, so
``import analysis`` is fast and the command line starts quickly.

Examples
--------
>>> import analysis as fa
>>> run = fa.analyse_corpus()
>>> comparison = fa.compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=999)
>>> comparison.labels
('Iranian Foreign Ministry', 'Russian Foreign Ministry')
>>> fa.sentiment.words_summary("A great success.")
'great +3.1, success +2.7'
"""

from __future__ import annotations

import importlib
from typing import Any

from .version import __version__ as __version__

#: The stages, importable as attributes (``analysis.sentiment``).
_SUBPACKAGES = (
    "corpus",
    "attribution",
    "voices",
    "syndication",
    "sentiment",
    "salience",
    "compare",
    "pipeline",
    "render",
    "errors",
    "paths",
    "text",
    "datafiles",
    "resampling",
    "schema",
)

# public name -> stage that defines it
_API: dict[str, str] = {
    "load_corpus": "corpus",
    "validate_corpus": "corpus",
    "load_actors": "corpus",
    "resolve_config": "corpus",
    "load_study": "pipeline",
    "Study": "pipeline",
    "sentences": "text",
    "analyse_corpus": "pipeline",
    "CorpusAnalysis": "pipeline",
    "extract_quotes": "attribution",
    "attribute_quotes": "attribution",
    "Voice": "voices",
    "select_voice": "voices",
    "find_duplicates": "syndication",
    "coverage": "syndication",
    "score_sentiment": "sentiment",
    "voice_sentiment": "sentiment",
    "compare_sentiment": "sentiment",
    "keyness": "salience",
    "kwic": "salience",
    "frame_shares": "salience",
    "load_frames": "salience",
    "compare_voices": "compare",
    "Comparison": "compare",
    "speaker_table": "compare",
    "plot_corpus_sizes": "render",
    "plot_speakers": "render",
    "plot_sentiment": "render",
    "plot_keyness": "render",
    "plot_term_scatter": "render",
    "plot_frames": "render",
    "build_report": "render",
    "AnalysisError": "errors",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES or name == "cli":
        return importlib.import_module(f".{name}", __name__)
    stage = _API.get(name)
    if stage is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{stage}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBPACKAGES, "__version__"])
