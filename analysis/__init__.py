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
    "load_corpus": "corpus",
    "validate_corpus": "corpus",
    "read_document": "corpus",
    "read_input": "inputs",
    "documents_from_texts": "inputs",
    "sentences": "text",
    "split_sentences": "text",
    "split_paragraphs": "text",
    "tokenize": "text",
    "normalise_quotes": "text",
    # actors and voices
    "load_actors": "actors",
    "ActorRegistry": "actors",
    "Actor": "actors",
    "select_voice": "voices",
    "known_voices": "voices",
    "voice_label": "voices",
    "utterance_sentences": "voices",
    "utterances": "voices",
    # resources
    "vader_analyzer": "resources",
    # corpus overview
    "corpus_summary": "overview",
    "describe_corpus": "overview",
    "source_line": "overview",
    # quote attribution (issue 3)
    "extract_quotes": "quotes",
    "attribute_quotes": "quotes",
    "load_quote_rules": "quote_rules",
    "QuoteRulesError": "quote_rules",
    # sentiment (issue 4)
    "score_sentiment": "sentiment",
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
    "aggregate_sentiment": "sentiment_stats",
    "voice_sentiment": "sentiment_stats",
    "compare_sentiment": "sentiment_stats",
    "target_sentiment": "sentiment_stats",
    "sentiment_evidence": "sentiment_stats",
    "bootstrap_mean": "sentiment_stats",
    "load_targets": "targets",
    "find_targets": "targets",
    "target_mentions": "targets",
    "TargetsError": "targets",
    "vader_engine": "vader",
    # keyness and frames (issue 5)
    "keyness": "salience",
    "top_terms": "salience",
    "kwic": "salience",
    "KeynessError": "salience",
    "SmallSampleWarning": "salience",
    "load_frames": "frames",
    "frame_matches": "frames",
    "frame_shares": "frames",
    "FramesError": "frames",
    "plot_keyness": "plots",
    "plot_term_scatter": "plots",
    "plot_frames": "plots",
    # comparison, figures and reports (issue 6)
    "plot_corpus_sizes": "plots",
    "plot_speakers": "plots",
    "plot_sentiment": "plots",
    "speaker_table": "compare",
    "statements": "compare",
    "voice_sizes": "compare",
    "voice_frame_shares": "compare",
    "compare_voices": "compare",
    "Comparison": "compare",
    "analyse_corpus": "pipeline",
    "analyse_documents": "pipeline",
    "CorpusAnalysis": "pipeline",
    "check_voice": "voices",
    "highlight_attributions": "display",
    "articles": "display",
    "caveats": "display",
    "describe_speakers": "compare",
    "sentiment_sentences": "compare",
    "keyword_contexts": "compare",
    "frame_evidence": "compare",
    "note": "display",
    "caveat": "display",
    "table": "display",
    "show_figure": "display",
    "save_figure": "report",
    "build_report": "report",
    "ReportError": "report",
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
