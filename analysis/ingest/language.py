"""Language identification offline, with py3langid (a maintained fork of langid.py).

The model ships inside the wheel, so nothing is downloaded. Documents that are not in English
are flagged by the importer: the methods of this suite are written for English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["detect_language", "language_code"]

#: Characters of a text looked at (the start of an article is enough and keeps it fast).
SAMPLE_CHARS = 5000

# Language names some exports use instead of codes (GDELT writes "English").
_NAMES = {
    "english": "en",
    "russian": "ru",
    "persian": "fa",
    "farsi": "fa",
    "arabic": "ar",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "turkish": "tr",
    "chinese": "zh",
    "japanese": "ja",
    "ukrainian": "uk",
    "hindi": "hi",
    "urdu": "ur",
    "azerbaijani": "az",
    "armenian": "hy",
}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Return the ISO 639-1 code of the language of ``text`` and the model's probability.

    Examples
    --------
    >>> detect_language("The foreign ministers met in Moscow on Friday and discussed the treaty.")[0]
    'en'
    >>> detect_language("Министры иностранных дел встретились в Москве и обсудили договор.")[0]
    'ru'
    """
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return "und", 0.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def language_code(value: Any) -> str | None:
    """Return a language code from an export's value (a code or an English name), or None.

    Examples
    --------
    >>> language_code("English"), language_code("EN"), language_code("en-GB"), language_code("")
    ('en', 'en', 'en', None)
    """
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text or text == "nan":
        return None
    if text in _NAMES:
        return _NAMES[text]
    code = text.replace("_", "-").split("-")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
