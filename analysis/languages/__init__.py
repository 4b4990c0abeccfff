"""Languages are data: sentences, tokens, lemmas, stop words and names per document language.

* :mod:`~analysis.languages.language` -- :class:`Language` and :func:`load_language`: one
  interface over the resources of ``analysis/data/languages/<code>/``;
* :mod:`~analysis.languages.backends` -- the splitters, tokenizers and lemmatizers a language
  folder chooses by name (syntok, razdel, punctuation; words, razdel; lowercase, pymorphy3);
* :mod:`~analysis.languages.names` -- names that decline: every case form of the registry's
  names in a language's script, matched in one pass.

A base-level package: it imports nothing from the stages.
"""

from .language import (
    LANGUAGES_DIR,
    Language,
    LanguageError,
    UnsupportedLanguageError,
    is_analysable,
    is_supported,
    load_language,
    script_of,
    supported_languages,
)

__all__ = [
    "LANGUAGES_DIR",
    "Language",
    "LanguageError",
    "UnsupportedLanguageError",
    "is_analysable",
    "is_supported",
    "load_language",
    "script_of",
    "supported_languages",
]
