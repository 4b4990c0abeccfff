"""Words as lemmas, per language: what keyness counts, kwic finds and frames match outside English.

English keeps the words of :mod:`analysis.salience.terms` (lower-cased forms, scikit-learn's
stop words), unchanged. Every other language with resources (:mod:`analysis.languages`) is
read through its own tokenizer and lemmatizer, so that договор, договора and договору are one
term:

* :class:`Lemmatizer` -- the tokens of a text with their lemmas; the lemma of each distinct word
  form is computed once per process (a dictionary in front of the language's lemmatizer), so a
  corpus costs one tokenization plus one lookup per token;
* :func:`lemma_texts` -- texts rewritten as their lemmas for keyness: each word replaced by its
  lemma, punctuation kept (n-grams still stop at it) and stop words of the language replaced by
  a numeral placeholder, which counts as a token and breaks n-grams exactly as an English stop
  word does (:mod:`analysis.salience.terms`);
* :func:`find_lemmas` -- where a term occurs in a text, by lemma, for kwic: the spans of the
  words as written;
* :func:`unit_languages` -- the language of each unit (the ``language`` column; ``"en"`` when
  a table has none).

Examples
--------
>>> ru = lemmatizer("ru")
>>> [lemma for _, _, lemma in ru.tokens("Договора и договору")]
['договор', 'и', 'договор']
>>> lemma_texts(["Стороны подписали договор о партнёрстве."], ["ru"])
['сторона подписать договор 00 партнерство.']
>>> text = "Текст договора опубликован."
>>> [text[s:e] for s, e in find_lemmas("договор", text, "ru")]
['договора']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import pandas as pd

from ..languages import Language, load_language

__all__ = [
    "ENGLISH",
    "STOP_PLACEHOLDER",
    "Lemmatizer",
    "lemmatizer",
    "lemma_texts",
    "term_lemmas",
    "find_lemmas",
    "unit_languages",
]

#: The language of texts and units that do not say theirs.
ENGLISH = "en"
#: What a stop word becomes in :func:`lemma_texts`: a token without a letter, never a term.
STOP_PLACEHOLDER = "00"
# Between two words of one phrase: spaces, hyphens and apostrophes only (as in English terms).
_GAP = re.compile(r"[\s'\u2019\u2010\u2011-]*")
# pymorphy3's grammemes of names (OpenCorpora): place, first name, surname, patronymic, organisation
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn"})


class Lemmatizer:
    """The tokens and lemmas of one language, with the lemma of each word form cached.

    Use :func:`lemmatizer` to get the process's one instance per language.
    """

    def __init__(self, language: Language) -> None:
        self.language = language
        self._lemmas: dict[str, str] = {}

    def lemma(self, form: str) -> str:
        """The lemma of one word form (lower-case), computed once per distinct form.

        A capitalised noun is read as a name first when the lemmatizer knows names: with
        pymorphy3, when the first parse is a noun, the first parse tagged as a place, first
        name, surname, patronymic or organisation, if any, gives the lemma ("Газа" is Gaza, not
        the genitive of газ; "Лаврова" is Лавров); otherwise (an adjective such as
        "Каспийском", which is also the town Каспийск) the usual first parse.
        """
        lemma = self._lemmas.get(form)
        if lemma is None:
            lemma = self._proper(form) if form[:1].isupper() else None
            lemma = self._lemmas[form] = lemma or self.language.lemma(form)
        return lemma

    def _proper(self, form: str) -> str | None:
        if self.language.lemmatizer != "pymorphy3":
            return None
        from ..languages.backends import morph_analyzer

        parses = morph_analyzer().parse(form)
        if not parses or parses[0].tag.POS != "NOUN":  # "Каспийском" stays an adjective
            return None
        for parse in parses:
            if _PROPER & set(parse.tag.grammemes):
                lemma = parse.normal_form
                for source, target in self.language.lemma_folds:
                    lemma = lemma.replace(source, target)
                return lemma
        return None

    def tokens(self, text: str) -> list[tuple[int, int, str]]:
        """The ``(start, end, lemma)`` of each word of ``text`` (punctuation left out)."""
        lemma = self.lemma
        return [(s, e, lemma(text[s:e])) for s, e in self.language.tokens(text)]

    def is_stop(self, lemma: str) -> bool:
        """Whether a lemma is one of the language's stop words."""
        return lemma in self.language.stop_words

    @property
    def cached(self) -> int:
        """How many distinct word forms have been lemmatised."""
        return len(self._lemmas)


@cache
def lemmatizer(code: str) -> Lemmatizer:
    """The process's :class:`Lemmatizer` of a language (raises ``UnsupportedLanguageError``)."""
    return Lemmatizer(load_language(code))


def lemma_text(text: str, language: str, *, keep_stopwords: bool = False) -> str:
    """One text as its lemmas, for keyness (see :func:`lemma_texts`)."""
    reader = lemmatizer(language)
    pieces: list[str] = []
    last = 0
    for start, end, lemma in reader.tokens(text):
        gap = text[last:start]
        pieces.append(gap if gap else " ")
        stop = not keep_stopwords and reader.is_stop(lemma)
        pieces.append(STOP_PLACEHOLDER if stop else lemma)
        last = end
    pieces.append(text[last:])
    return "".join(pieces).strip()


def lemma_texts(texts: Sequence[str], languages: Sequence[str], *, keep_stopwords: bool = False) -> list[str]:
    """The texts keyness counts: English texts as they are, the others as their lemmas.

    A text in another language has each word replaced by its lemma (pymorphy3's for Russian,
    lower-case, ё as е) and each stop word of its language by :data:`STOP_PLACEHOLDER` (unless
    ``keep_stopwords``); the punctuation between words stays, so n-grams stop where they stop
    in the text.

    Raises
    ------
    analysis.languages.UnsupportedLanguageError
        For a language without resources (callers leave such texts out first).

    Examples
    --------
    >>> lemma_texts(["Talks went well.", "Переговоры прошли успешно."], ["en", "ru"])
    ['Talks went well.', 'переговоры пройти успешно.']
    """
    return [
        text if language == ENGLISH else lemma_text(text, language, keep_stopwords=keep_stopwords)
        for text, language in zip(texts, languages, strict=True)
    ]


def term_lemmas(term: str, language: str) -> tuple[str, ...]:
    """The lemmas of the words of a term (a word, a phrase); a word ending in ``*`` is a prefix, kept as written.

    Examples
    --------
    >>> term_lemmas("стратегическим партнёрством", "ru")
    ('стратегический', 'партнерство')
    >>> term_lemmas("санкц*", "ru")
    ('санкц*',)
    """
    reader = lemmatizer(language)
    words = term.split()
    return tuple(w.lower().replace("ё", "е") if w.endswith("*") else _one_lemma(reader, w) for w in words)


def _one_lemma(reader: Lemmatizer, word: str) -> str:
    tokens = reader.tokens(word)
    return "-".join(lemma for _, _, lemma in tokens) if len(tokens) > 1 else (tokens[0][2] if tokens else word.lower())


def lemma_matches(wanted: str, lemma: str) -> bool:
    """Whether a lemma is a term's word: equal, or starting with a prefix term's letters (``санкц*``)."""
    return lemma.startswith(wanted[:-1]) if wanted.endswith("*") else lemma == wanted


def find_lemmas(term: str, text: str, language: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` where the lemmas of ``term`` occur, in order.

    The words of a phrase must follow each other with only spaces, hyphens or apostrophes
    between them; the span runs from the first word as written to the last.

    Examples
    --------
    >>> text = "Стороны обсудили стратегическое партнёрство и стратегическим партнёрством гордятся."
    >>> [text[s:e] for s, e in find_lemmas("стратегическое партнерство", text, "ru")]
    ['стратегическое партнёрство', 'стратегическим партнёрством']
    """
    wanted = term_lemmas(term, language)
    if not wanted:
        return []
    tokens = lemmatizer(language).tokens(text)
    spans = []
    for i in range(len(tokens) - len(wanted) + 1):
        window = tokens[i : i + len(wanted)]
        if all(lemma_matches(w, t[2]) for w, t in zip(wanted, window, strict=True)) and all(
            _GAP.fullmatch(text[a[1] : b[0]]) for a, b in pairwise(window)
        ):
            spans.append((window[0][0], window[-1][1]))
    return spans


def unit_languages(units: pd.DataFrame, default: str = ENGLISH) -> list[str]:
    """The language of each unit: its ``language`` column (blank or missing: ``default``), lower-case.

    Examples
    --------
    >>> unit_languages(pd.DataFrame({"text": ["a", "b"], "language": ["ru", None]}))
    ['ru', 'en']
    >>> unit_languages(pd.DataFrame({"text": ["a"]}))
    ['en']
    """
    if "language" not in units.columns:
        return [default] * len(units)
    values = units["language"].fillna("").astype(str).str.strip().str.lower()
    return [v or default for v in values.tolist()]
