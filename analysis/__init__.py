"""Source comparison and framing analysis: who said what, how positively, in which words and frames.

The public API is a pipeline of pandas tables (see ``README.md``)::

    documents = load_corpus("corpus")               # one row per document
    sents = sentences(documents)                    # one row per sentence, with offsets
    actors = load_actors("corpus")                  # the actor registry
    quotes = attribute_quotes(documents, actors)    # who said what (direct and reported)
    utt = utterances(documents, quotes)             # every span with its voice

Names are imported lazily, so ``import analysis`` is fast and the command line starts quickly.

Examples
--------
>>> import analysis
>>> analysis.load_corpus().shape[0] >= 1
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_API: dict[str, str] = {
    # errors
    "AnalysisError": "errors",
    "CorpusError": "errors",
    "ActorsError": "errors",
    "InputError": "errors",
    "VoiceError": "errors",
    # corpus and text
    "load_corpus": "corpus.documents",
    "validate_corpus": "corpus.documents",
    "read_document": "corpus.documents",
    "read_input": "corpus.inputs",
    "documents_from_texts": "corpus.inputs",
    "sentences": "text",
    "split_sentences": "text",
    "split_paragraphs": "text",
    "tokenize": "text",
    "normalise_quotes": "text",
    # actors and voices
    "load_actors": "corpus.registry",
    "ActorRegistry": "corpus.registry",
    "Actor": "corpus.registry",
    "select_voice": "voices.utterances",
    "known_voices": "voices.utterances",
    "voice_label": "voices.utterances",
    "utterance_sentences": "voices.utterances",
    "utterances": "voices.utterances",
    # resources
    "vader_analyzer": "sentiment.lexicon",
    # corpus overview
    "corpus_summary": "corpus.overview",
    "describe_corpus": "corpus.overview",
    "source_line": "corpus.overview",
    # quote attribution (issue 3)
    "extract_quotes": "attribution.extract",
    "attribute_quotes": "attribution.extract",
    "load_quote_rules": "attribution.rules",
    "QuoteRulesError": "attribution.rules",
    # sentiment (issue 4)
    "score_sentiment": "sentiment.methods",
    "score_units": "sentiment.methods",
    "explain_sentiment": "sentiment.methods",
    "explain_sentiments": "sentiment.methods",
    "words_summary": "sentiment.methods",
    "polarity": "sentiment.methods",
    "register_method": "sentiment.methods",
    "sentiment_methods": "sentiment.methods",
    "explainable_methods": "sentiment.methods",
    "load_boilerplate": "sentiment.methods",
    "flag_boilerplate": "sentiment.methods",
    "SentimentError": "sentiment.methods",
    "aggregate_sentiment": "sentiment.stats",
    "voice_sentiment": "sentiment.stats",
    "compare_sentiment": "sentiment.stats",
    "target_sentiment": "sentiment.stats",
    "sentiment_evidence": "sentiment.stats",
    "bootstrap_mean": "sentiment.stats",
    "load_targets": "sentiment.targets",
    "find_targets": "sentiment.targets",
    "target_mentions": "sentiment.targets",
    "TargetsError": "sentiment.targets",
    "vader_engine": "sentiment.vader",
    # keyness and frames (issue 5)
    "keyness": "salience.scores",
    "top_terms": "salience.scores",
    "kwic": "salience.scores",
    "KeynessError": "salience.scores",
    "SmallSampleWarning": "salience.scores",
    "load_frames": "salience.frames",
    "frame_matches": "salience.frames",
    "frame_shares": "salience.frames",
    "FramesError": "salience.frames",
    "plot_keyness": "render.plots",
    "plot_term_scatter": "render.plots",
    "plot_frames": "render.plots",
    # comparison, figures and reports (issue 6)
    "plot_corpus_sizes": "render.plots",
    "plot_speakers": "render.plots",
    "plot_sentiment": "render.plots",
    "speaker_table": "compare.comparison",
    "statements": "compare.comparison",
    "voice_sizes": "compare.comparison",
    "voice_frame_shares": "compare.comparison",
    "compare_voices": "compare.comparison",
    "Comparison": "compare.comparison",
    "analyse_corpus": "pipeline.run",
    "analyse_documents": "pipeline.run",
    "CorpusAnalysis": "pipeline.run",
    "check_voice": "voices.utterances",
    "highlight_attributions": "render.display",
    "articles": "render.display",
    "caveats": "render.display",
    "describe_speakers": "compare.comparison",
    "sentiment_sentences": "compare.comparison",
    "keyword_contexts": "compare.comparison",
    "frame_evidence": "compare.comparison",
    "note": "render.display",
    "caveat": "render.display",
    "table": "render.display",
    "show_figure": "render.display",
    "save_figure": "render.report",
    "build_report": "render.report",
    "ReportError": "render.report",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
