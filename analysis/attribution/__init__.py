"""Stage 2, attribution: who said what -- quotation marks, cue rules, speakers and their resolution.

* :mod:`~analysis.attribution.extract` -- :func:`extract_quotes` and :func:`attribute_quotes`,
  the ``attributions`` table;
* :mod:`~analysis.attribution.rules` -- the rules as data (``quote_rules.yml``);
* :mod:`~analysis.attribution.marks` -- quotation marks and the spans they enclose;
* :mod:`~analysis.attribution.direct` and :mod:`~analysis.attribution.reported` -- direct
  quotations and reported speech around cues;
* :mod:`~analysis.attribution.speakers` -- speaker phrases and their resolution to actors:
  :mod:`~analysis.attribution.mentions` (registry names in the text),
  :mod:`~analysis.attribution.phrases` (the noun phrase that speaks),
  :mod:`~analysis.attribution.resolver` (spans to actors) and
  :mod:`~analysis.attribution.roles` (descriptions by role: "the senior diplomat");
* :mod:`~analysis.attribution.joint` -- speakers for both sides ("Both sides").
"""

from .extract import QUOTE_COLUMNS, QUOTE_TYPES, RESOLUTIONS, attribute_quotes, extract_quotes
from .rules import QuoteRules, QuoteRulesError, load_quote_rules

__all__ = [
    "QUOTE_COLUMNS",
    "QUOTE_TYPES",
    "RESOLUTIONS",
    "extract_quotes",
    "attribute_quotes",
    "QuoteRules",
    "QuoteRulesError",
    "load_quote_rules",
]
