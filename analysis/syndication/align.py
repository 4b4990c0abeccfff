"""Alignment of reported statements to the sentences of a primary text: quoted, paraphrased or not found.

Each reported statement (a sentence unit of an actor in the news) is compared with the
sentences of the actor's own text (a statement or a transcript) and gets one of
:data:`MATCHES`:

* **quoted** -- at least :data:`QUOTED` (80%) of the statement's words appear in one primary
  sentence in the same order (the matching blocks of :class:`difflib.SequenceMatcher` over
  normalised words), and at least :data:`MIN_QUOTED_WORDS` (3) of them: a verbatim quote,
  allowing a changed tense, a dropped or added word, a quote cut short;
* **paraphrased** -- otherwise, the TF-IDF cosine similarity of the statement and its closest
  primary sentence is at least :data:`PARAPHRASED` (0.3): word unigrams, English stop words
  removed (scikit-learn's list), sublinear term frequency, IDF fitted on the primary sentences
  and the statements being aligned (Salton & Buckley 1988). The same content words, in other
  order or with other function words;
* **not found** -- neither: the primary text has no source for the statement.

On the fixture of ``tests/test_syndication.py`` verbatim quotes score 0.93-1.00 in-order
share, paraphrases 0.57-0.82 cosine, and statements with no source 0.11 or less. The method is
lexical: a paraphrase in other words (synonyms) is "not found", and negation is not seen.

Scale: the cosine of every statement with every primary sentence is one sparse matrix
product; the word-order check runs only on the :data:`CANDIDATES` most similar sentences of
each statement.

Examples
--------
>>> primary = pd.DataFrame({"unit_id": ["p:0-30", "p:31-70"],
...     "text": ["The treaty is not an alliance.", "Sanctions are illegal and will not stop trade."]})
>>> news = pd.DataFrame({"unit_id": ["n:0-9", "n:10-40", "n:41-60"],
...     "text": ["the treaty is not an alliance", "trade will continue despite illegal sanctions",
...              "the weather was fine"]})
>>> align_statements(news, primary)[["unit_id", "match", "primary_id"]].values.tolist()
[['n:0-9', 'quoted', 'p:0-30'], ['n:10-40', 'paraphrased', 'p:31-70'], ['n:41-60', 'not found', '']]
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from .shingles import normalise

__all__ = [
    "QUOTED",
    "MIN_QUOTED_WORDS",
    "PARAPHRASED",
    "CANDIDATES",
    "MATCHES",
    "ALIGNMENT_COLUMNS",
    "verbatim_share",
    "align_statements",
]

#: Least share of a statement's words found in order in a primary sentence for "quoted".
QUOTED = 0.8
#: Least number of words found in order for "quoted".
MIN_QUOTED_WORDS = 3
#: Least TF-IDF cosine similarity with a primary sentence for "paraphrased".
PARAPHRASED = 0.3
#: Primary sentences (most similar first) checked for a verbatim quote of each statement.
CANDIDATES = 3
#: The kinds of match, from the closest.
MATCHES = ("quoted", "paraphrased", "not found")
#: Columns :func:`align_statements` adds to the statements.
ALIGNMENT_COLUMNS = ["match", "primary_id", "primary_text", "verbatim", "similarity"]


def verbatim_share(statement: list[str], primary: list[str]) -> tuple[float, int]:
    """Return the share and number of a statement's words found, in order, in a primary sentence.

    Examples
    --------
    >>> verbatim_share("the treaty was a turning point".split(), "the treaty is a turning point for us".split())
    (0.8333333333333334, 5)
    """
    if not statement or not primary:
        return 0.0, 0
    matcher = difflib.SequenceMatcher(None, statement, primary, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    return found / len(statement), found


def _shared_words(said: list[list[str]], original: list[list[str]], candidates: np.ndarray) -> np.ndarray:
    """Words two texts have in common (counted with repetition) for each statement and candidate."""
    if not candidates.size:
        return np.zeros(candidates.shape)
    try:
        counts = CountVectorizer(analyzer=lambda words: words).fit_transform(said + original).tocsr()
    except ValueError:  # no words at all
        return np.zeros(candidates.shape)
    statements, sentences = counts[: len(said)], counts[len(said) :]
    rows = np.repeat(np.arange(len(said)), candidates.shape[1])
    common = statements[rows].minimum(sentences[candidates.ravel()]).sum(axis=1)
    return np.asarray(common).reshape(candidates.shape)


def _cosines(statements: list[str], primary: list[str]) -> np.ndarray:
    """TF-IDF cosine similarity of every statement with every primary sentence (normalised texts)."""
    if not any(statements) or not any(primary):
        return np.zeros((len(statements), len(primary)))
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    try:
        vectorizer.fit(primary + statements)
    except ValueError:  # nothing but stop words
        return np.zeros((len(statements), len(primary)))
    product = vectorizer.transform(statements) @ vectorizer.transform(primary).T
    return np.asarray(product.todense())


def align_statements(
    statements: pd.DataFrame,
    primary: pd.DataFrame,
    *,
    eligible: Callable[[str, str], bool] | None = None,
    quoted: float = QUOTED,
    paraphrased: float = PARAPHRASED,
) -> pd.DataFrame:
    """Align reported statements to primary sentences (see the module docstring for the rules).

    Parameters
    ----------
    statements
        The reported statements: ``unit_id``, ``text`` (and ``actor`` with ``eligible``).
    primary
        The primary sentences: ``unit_id``, ``text`` (and ``actor`` with ``eligible``).
    eligible
        ``eligible(statement_actor, primary_actor)`` says whether a statement of one actor can
        come from a sentence of the other (for example, a spokesperson's words from the
        ministry's statement); by default every pair can.
    quoted, paraphrased
        Thresholds of the in-order word share and of the cosine similarity.

    Returns
    -------
    pandas.DataFrame
        The statements, in their order, with :data:`ALIGNMENT_COLUMNS`: ``match``,
        ``primary_id`` (``unit_id`` of the matched primary sentence, ``""`` when not found),
        ``primary_text``, ``verbatim`` (in-order share with that sentence) and ``similarity``
        (its cosine).
    """
    table = statements.reset_index(drop=True).copy()
    source = primary.reset_index(drop=True)
    said_all = [normalise(t) for t in table["text"].fillna("")]
    actors = table["actor"].fillna("").astype(str).tolist() if eligible is not None else [""] * len(table)
    # copies of one statement (same words, same actor) are aligned once
    codes, keys = pd.factorize(pd.Series(list(zip(actors, said_all, strict=True)), dtype=object))
    said = [key[1] for key in keys]
    original = [normalise(t) for t in source["text"].fillna("")]
    cosine = _cosines(said, original)
    if eligible is not None and len(keys) and len(source):
        s_codes, s_actors = pd.factorize(pd.Series([key[0] for key in keys], dtype=object))
        p_codes, p_actors = pd.factorize(source["actor"].fillna("").astype(str))
        allowed = np.array([[eligible(a, b) for b in p_actors] for a in s_actors], dtype=bool)
        cosine = np.where(allowed[s_codes][:, p_codes], cosine, -1.0)
    said_words = [t.split() if t else [] for t in said]
    original_words = [t.split() if t else [] for t in original]
    candidates = np.argsort(-cosine, axis=1, kind="stable")[:, :CANDIDATES]
    bound = _shared_words(said_words, original_words, candidates)
    aligned = []
    for i, row in enumerate(cosine):
        best_cosine = int(np.argmax(row)) if len(row) else -1
        match, chosen, share = "not found", -1, 0.0
        if len(row):
            # the words in order cannot outnumber the words in common: a candidate that shares
            # too few words cannot be the source of a quote, and is not compared in order
            shares = [
                (verbatim_share(said_words[i], original_words[j]), j)
                for j, common in zip(candidates[i], bound[i], strict=False)
                if row[j] > 0 and common >= max(quoted * len(said_words[i]), MIN_QUOTED_WORDS)
            ]
            if shares:
                (share, found), j = max(shares, key=lambda item: (item[0][0], row[item[1]]))
                if share >= quoted and found >= MIN_QUOTED_WORDS:
                    match, chosen = "quoted", j
            if match == "not found" and row[best_cosine] >= paraphrased:
                match, chosen = "paraphrased", best_cosine
                share = verbatim_share(said_words[i], original_words[chosen])[0]
        aligned.append(
            {
                "match": match,
                "primary_id": source.at[chosen, "unit_id"] if chosen >= 0 else "",
                "primary_text": source.at[chosen, "text"] if chosen >= 0 else "",
                "verbatim": share if chosen >= 0 else 0.0,
                "similarity": float(max(row[chosen], 0.0)) if chosen >= 0 else float(max(row.max(initial=0.0), 0.0)),
            }
        )
    rows = [aligned[code] for code in codes]
    return pd.concat([table, pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS, index=table.index)], axis=1)
