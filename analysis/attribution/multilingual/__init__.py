"""Quote attribution driven by a language's data (Russian now; Persian needs only a rules file).

* :mod:`~analysis.attribution.multilingual.rules` -- a language's ``quotes.yml``, compiled;
* :mod:`~analysis.attribution.multilingual.speakers` -- speaker phrases and their resolution,
  with names that decline;
* :mod:`~analysis.attribution.multilingual.extract` -- the engine: the same ``attributions``
  table as the English extractor.
"""

from .extract import attribution_rows_in, extract_quotes_in, name_matcher
from .rules import LanguageQuoteRules, LanguageRulesError, load_language_rules

__all__ = [
    "attribution_rows_in",
    "extract_quotes_in",
    "name_matcher",
    "LanguageQuoteRules",
    "LanguageRulesError",
    "load_language_rules",
]
