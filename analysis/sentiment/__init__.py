"""Stage 4a, sentiment: sentence scores, the words behind them, and aggregates with intervals.

* :mod:`~analysis.sentiment.methods` -- what a method is (the :class:`SentimentMethod` protocol
  and its optional parts) and the VADER methods; :mod:`~analysis.sentiment.registry` -- the
  methods by name (``"diplomatic"`` by default) and the conformance check every method passes;
* :mod:`~analysis.sentiment.masking` -- names of actors, organisations and agreements masked
  before scoring; :mod:`~analysis.sentiment.diplomatic` -- VADER that reads diplomatic language
  (``diplomatic.yml``);
* :mod:`~analysis.sentiment.vader` -- our VADER engine (nltk's and vaderSentiment 3.3.2's
  rules, with explanations); :mod:`~analysis.sentiment.lexicon` -- the offline lexicon;
* :mod:`~analysis.sentiment.explain` -- the words and rules behind a score;
* :mod:`~analysis.sentiment.boilerplate` -- diplomatic courtesy flagged, not scored as attitude;
* :mod:`~analysis.sentiment.scoring` -- :func:`score_sentiment` for texts and :func:`score_units`
  for tables of sentence units;
* :mod:`~analysis.sentiment.stats` -- aggregates per document, actor and voice, with intervals
  that resample documents; :mod:`~analysis.sentiment.differences` -- two voices compared, and
  the two levels of resampling compared;
* :mod:`~analysis.sentiment.targets` -- what a sentence is about;
  :mod:`~analysis.sentiment.criticism` -- sentiment towards targets and who criticises whom;
* :mod:`~analysis.sentiment.dictionaries` -- dictionaries users bring (Lexicoder, WordStat,
  LIWC, quanteda YAML); :mod:`~analysis.sentiment.learned` -- the learned scorer;
* :mod:`~analysis.sentiment.validation` -- the benchmark's validation figures, for the reports.
"""

from .boilerplate import BoilerplateError, BoilerplatePattern, flag_boilerplate, load_boilerplate
from .criticism import CRITICISM_COLUMNS, criticism_matrix, criticism_table, target_sentiment
from .dictionaries import Dictionary, DictionaryError, DictionaryMethod, load_dictionary, read_dictionary
from .differences import compare_sentiment, interval_widths
from .diplomatic import Adjustments, AdjustmentsError, DiplomaticMethod, diplomatic_engine, load_adjustments
from .engines import vader_engine
from .explain import explain_sentiment, explain_sentiments, words_summary
from .learned import LearnedMethod, learned_method
from .lexicon import vader_analyzer
from .masking import NameMasker, Titles, TitlesError, load_titles, mask_names, name_masker
from .methods import (
    DEFAULT_METHOD,
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    SCORE_COLUMNS,
    ExplainableMethod,
    ResourceAwareMethod,
    SentimentError,
    SentimentMethod,
    SentimentResources,
    TrainableMethod,
    polarity,
)
from .registry import (
    check_sentiment_method,
    explainable_methods,
    get_method,
    package_resources,
    register_method,
    sentiment_methods,
    unregister_method,
)
from .scoring import score_sentiment, score_units
from .stats import aggregate_sentiment, default_voices, sentiment_evidence, summarise_compound, voice_sentiment
from .targets import Target, TargetRegistry, TargetsError, find_targets, load_targets, target_mentions
from .validation import interval_table, learned_table, load_validation, method_summary, probe_table, validation_table

__all__ = [
    "DEFAULT_METHOD",
    "SCORE_COLUMNS",
    "POSITIVE_THRESHOLD",
    "NEGATIVE_THRESHOLD",
    "SentimentError",
    "SentimentMethod",
    "ExplainableMethod",
    "ResourceAwareMethod",
    "TrainableMethod",
    "SentimentResources",
    "get_method",
    "check_sentiment_method",
    "package_resources",
    "score_sentiment",
    "score_units",
    "polarity",
    "register_method",
    "unregister_method",
    "sentiment_methods",
    "explain_sentiment",
    "explain_sentiments",
    "explainable_methods",
    "words_summary",
    "BoilerplateError",
    "BoilerplatePattern",
    "load_boilerplate",
    "flag_boilerplate",
    "aggregate_sentiment",
    "voice_sentiment",
    "compare_sentiment",
    "target_sentiment",
    "sentiment_evidence",
    "summarise_compound",
    "default_voices",
    "Target",
    "TargetRegistry",
    "TargetsError",
    "load_targets",
    "find_targets",
    "target_mentions",
    "vader_engine",
    "vader_analyzer",
    "NameMasker",
    "Titles",
    "TitlesError",
    "load_titles",
    "name_masker",
    "mask_names",
    "Adjustments",
    "AdjustmentsError",
    "load_adjustments",
    "diplomatic_engine",
    "DiplomaticMethod",
    "criticism_table",
    "criticism_matrix",
    "CRITICISM_COLUMNS",
    "Dictionary",
    "DictionaryError",
    "DictionaryMethod",
    "load_dictionary",
    "read_dictionary",
    "LearnedMethod",
    "learned_method",
    "interval_widths",
    "load_validation",
    "validation_table",
    "learned_table",
    "probe_table",
    "interval_table",
    "method_summary",
]
