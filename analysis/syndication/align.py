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
from itertools import chain

import numpy as np
import pandas as pd
from scipy import sparse

from ..schema import columns
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
ALIGNMENT_COLUMNS = columns("alignments")


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


def _words(texts: list[str]) -> list[list[str]]:
    """The words of normalised texts (:func:`~analysis.syndication.shingles.normalise`)."""
    return [text.split() if text else [] for text in texts]


def _counts(said: list[list[str]], original: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Word counts of the statements, then of the primary sentences, in one matrix; its vocabulary.

    The columns are the words in sorted order, as :class:`~sklearn.feature_extraction.text.CountVectorizer`
    orders them, counted by one factorisation of every word instead of a loop over the texts.
    """
    texts = said + original
    flat = np.fromiter(chain.from_iterable(texts), dtype=object, count=sum(map(len, texts)))
    codes, vocabulary = pd.factorize(flat, sort=True)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    rows = np.repeat(np.arange(len(texts)), lengths)
    counts = sparse.csr_matrix((np.ones(len(flat), dtype=np.int64), (rows, codes)), shape=(len(texts), len(vocabulary)))
    counts.sum_duplicates()
    return counts, np.asarray(vocabulary, dtype=object)


def _shared_words(counts: sparse.csr_matrix, n_said: int, candidates: np.ndarray) -> np.ndarray:
    """Words two texts have in common (counted with repetition) for each statement and candidate."""
    if not candidates.size or not counts.shape[1]:
        return np.zeros(candidates.shape)
    statements, sentences = counts[:n_said], counts[n_said:]
    rows = np.repeat(np.arange(n_said), candidates.shape[1])
    common = statements[rows].minimum(sentences[candidates.ravel()]).sum(axis=1)
    return np.asarray(common).reshape(candidates.shape)


def _cosines(counts: sparse.csr_matrix, vocabulary: np.ndarray, n_said: int) -> np.ndarray:
    """TF-IDF cosine similarity of every statement with every primary sentence.

    The same as :class:`~sklearn.feature_extraction.text.TfidfVectorizer` with English stop
    words removed and sublinear term frequency, fitted on the primary sentences and the
    statements (the words of normalised texts are its tokens), from counts made once.
    """
    # scikit-learn loads in about 1.5 s: only when statements are aligned, not with every command
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

    n_primary = counts.shape[0] - n_said
    content = np.flatnonzero([word not in ENGLISH_STOP_WORDS for word in vocabulary])
    if not n_said or not n_primary or not content.size:
        return np.zeros((n_said, n_primary))
    weights = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, content]).tocsr()
    return np.asarray((weights[:n_said] @ weights[n_said:].T).todense())


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
    actors = table["actor"].fillna("").astype(str).tolist() if eligible is not None else [""] * len(table)
    # copies of one statement (same words, same actor) are aligned once, and normalised once
    copies, texts = pd.factorize(pd.Series(list(zip(actors, table["text"].fillna(""), strict=True)), dtype=object))
    same, keys = pd.factorize(pd.Series([(actor, normalise(text)) for actor, text in texts], dtype=object))
    codes = same[copies]
    said = [key[1] for key in keys]
    original = [normalise(t) for t in source["text"].fillna("")]
    said_words, original_words = _words(said), _words(original)
    counts, vocabulary = _counts(said_words, original_words)
    cosine = _cosines(counts, vocabulary, len(said))
    if eligible is not None and len(keys) and len(source):
        s_codes, s_actors = pd.factorize(pd.Series([key[0] for key in keys], dtype=object))
        p_codes, p_actors = pd.factorize(source["actor"].fillna("").astype(str))
        allowed = np.array([[eligible(a, b) for b in p_actors] for a in s_actors], dtype=bool)
        cosine = np.where(allowed[s_codes][:, p_codes], cosine, -1.0)
    n, rows = len(said), np.arange(len(said))
    match = np.full(n, MATCHES[2], dtype=object)
    chosen = np.full(n, -1)
    share = np.zeros(n)
    if len(source):
        candidates = np.argsort(-cosine, axis=1, kind="stable")[:, :CANDIDATES]
        # the words in order cannot outnumber the words in common: a candidate that shares
        # too few words cannot be the source of a quote, and is not compared in order
        bound = _shared_words(counts, n, candidates)
        least = np.maximum(quoted * np.array([len(words) for words in said_words]), MIN_QUOTED_WORDS)
        comparable = (np.take_along_axis(cosine, candidates, axis=1) > 0) & (bound >= least[:, None])
        for i in np.flatnonzero(comparable.any(axis=1)):
            shares = [
                (verbatim_share(said_words[i], original_words[j]), j)
                for j, keep in zip(candidates[i], comparable[i], strict=True)
                if keep
            ]
            (best_share, found), j = max(shares, key=lambda item: (item[0][0], cosine[i, item[1]]))
            if best_share >= quoted and found >= MIN_QUOTED_WORDS:
                match[i], chosen[i], share[i] = MATCHES[0], j, best_share
        closest = cosine.argmax(axis=1)
        similar = (chosen < 0) & (cosine[rows, closest] >= paraphrased)
        for i in np.flatnonzero(similar):
            share[i] = verbatim_share(said_words[i], original_words[closest[i]])[0]
        match[similar], chosen[similar] = MATCHES[1], closest[similar]
    found = chosen >= 0
    similarity = np.maximum(cosine.max(axis=1, initial=0.0), 0.0) if len(source) else np.zeros(n)
    if found.any():
        similarity[found] = np.maximum(cosine[rows[found], chosen[found]], 0.0)
    primary_id, primary_text = np.full(n, "", dtype=object), np.full(n, "", dtype=object)
    primary_id[found] = source["unit_id"].to_numpy(dtype=object)[chosen[found]]
    primary_text[found] = source["text"].to_numpy(dtype=object)[chosen[found]]
    aligned = pd.DataFrame(
        {"match": match, "primary_id": primary_id, "primary_text": primary_text, "verbatim": share,
         "similarity": similarity}
    )  # fmt: skip
    return pd.concat([table, aligned.iloc[codes].set_axis(table.index)], axis=1)
