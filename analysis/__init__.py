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
import warnings
from typing import Any

__version__ = "0.1.0"
#: The one default seed of every resampling: the API, the command line and the reports
#: (:data:`analysis.resampling.DEFAULT_SEED`; here so that the command line's help need not import numpy).
DEFAULT_SEED = 0

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
    "cli",
    "errors",
    "paths",
    "text",
    "datafiles",
    "resampling",
)

# public name -> stage that defines it
_API: dict[str, str] = {
    "load_corpus": "corpus",
    "validate_corpus": "corpus",
    "load_actors": "corpus",
    "resolve_config": "corpus",
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

# names of the 0.1 flat namespace that now live in a stage: still found, with a warning
_MOVED: dict[str, str] = {
    "CorpusError": "errors",
    "ActorsError": "errors",
    "InputError": "errors",
    "VoiceError": "errors",
    "read_document": "corpus",
    "read_input": "corpus",
    "documents_from_texts": "corpus",
    "split_sentences": "text",
    "split_paragraphs": "text",
    "tokenize": "text",
    "normalise_quotes": "text",
    "ActorRegistry": "corpus",
    "Actor": "corpus",
    "known_voices": "voices",
    "utterance_sentences": "voices",
    "utterances": "voices",
    "vader_analyzer": "sentiment",
    "corpus_summary": "corpus",
    "describe_corpus": "corpus",
    "source_line": "corpus",
    "load_quote_rules": "attribution",
    "QuoteRulesError": "attribution",
    "score_units": "sentiment",
    "explain_sentiment": "sentiment",
    "explain_sentiments": "sentiment",
    "words_summary": "sentiment",
    "polarity": "sentiment",
    "register_method": "sentiment",
    "sentiment_methods": "sentiment",
    "explainable_methods": "sentiment",
    "load_boilerplate": "sentiment",
    "flag_boilerplate": "sentiment",
    "SentimentError": "sentiment",
    "aggregate_sentiment": "sentiment",
    "target_sentiment": "sentiment",
    "sentiment_evidence": "sentiment",
    "bootstrap_mean": "resampling",
    "load_targets": "sentiment",
    "find_targets": "sentiment",
    "target_mentions": "sentiment",
    "TargetsError": "sentiment",
    "vader_engine": "sentiment",
    "top_terms": "salience",
    "KeynessError": "salience",
    "SmallSampleWarning": "salience",
    "frame_matches": "salience",
    "FramesError": "salience",
    "statements": "compare",
    "voice_sizes": "compare",
    "voice_frame_shares": "salience",
    "analyse_documents": "pipeline",
    "highlight_attributions": "render",
    "articles": "render",
    "caveats": "render",
    "describe_speakers": "compare",
    "sentiment_sentences": "compare",
    "keyword_contexts": "compare",
    "frame_evidence": "compare",
    "note": "render",
    "caveat": "render",
    "table": "render",
    "show_figure": "render",
    "save_figure": "render",
    "ReportError": "render",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    stage = _API.get(name)
    if stage is None and name in _MOVED:
        stage = _MOVED[name]
        warnings.warn(
            f"analysis.{name} moved to analysis.{stage}.{name}; import it from there",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(f".{stage}", __name__), name)
    if stage is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{stage}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__, *_SUBPACKAGES])
