"""Benchmark: time and peak memory of ``analysis.keyness`` on two voices of 100,000 tokens each.

Run with ``.venv/bin/python benchmarks/keyness.py`` (``--tokens N`` to change the size).

The voices are generated, seeded: sentences of 8-30 words drawn from a Zipf distribution over
4,000 invented content words (the two voices rank the words differently) mixed with English
stop words (about 45% of the tokens, as in news prose), ten sentences a text.

Measured, each in the same run:

* ``ours``: :func:`analysis.keyness` (log-odds, pooled prior, unigrams and bigrams) on the
  voices already cut into sentence units (what the pipeline passes on), without and with the
  default bootstrap stability (``n_resamples=200``);
* ``ours, raw text``: the same on the raw texts, so sentence splitting (syntok, in
  :func:`analysis.text.split_sentences`) is included;
* ``baseline``: a straightforward pure-Python implementation of the same log-odds formula and
  tokenisation with :class:`collections.Counter` (no stability), the obvious way to write it.

Time is wall-clock (``time.perf_counter``, best of ``--repeat`` runs). Peak memory is the peak
of Python allocations traced by ``tracemalloc`` during one separate run (numpy and scipy
report their buffers to tracemalloc; the interpreter and imported modules are not counted).
The script also checks that ours and the baseline give the same terms and z-scores.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
import tracemalloc
import warnings
from collections import Counter
from collections.abc import Callable
from itertools import pairwise

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.salience import SmallSampleWarning, keyness, ngram_analyzer
from analysis.voices import as_units

TARGET_SECONDS = 1.0
TARGET_MB = 300.0
_SYLLABLES = ["ka", "to", "ri", "mun", "sel", "dar", "vo", "pe", "lin", "qua", "zor", "ne", "shi", "bro", "gal"]


def generate_voice(seed: int, tokens: int, *, n_words: int = 4000) -> list[str]:
    """Return texts of about ``tokens`` words: Zipfian content words and English stop words."""
    rng = np.random.default_rng(12345)  # the same invented vocabulary for both voices
    vocab = sorted({"".join(rng.choice(_SYLLABLES, size=rng.integers(2, 5))) for _ in range(n_words * 2)})
    vocab = np.array(vocab[:n_words])
    stop = np.array(sorted(ENGLISH_STOP_WORDS))
    rng = np.random.default_rng(seed)
    vocab = vocab[rng.permutation(vocab.size)]  # each voice has its own favourite words
    ranks = rng.zipf(1.2, size=tokens * 3)
    ranks = ranks[ranks <= vocab.size][:tokens] - 1
    words = vocab[ranks].astype(object)
    is_stop = rng.random(tokens) < 0.45
    words[is_stop] = stop[rng.zipf(1.5, size=int(is_stop.sum())) % stop.size]
    sentences, position = [], 0
    while position < tokens:
        n = int(rng.integers(8, 31))
        sentences.append(" ".join(words[position : position + n]).capitalize() + ".")
        position += n
    return [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]


def baseline_logodds(texts_a: list[str], texts_b: list[str], *, min_count: int = 2) -> dict[str, float]:
    """Pure-Python log-odds z (Monroe et al. 2008, pooled prior), unigrams and bigrams, per size.

    Tokenises like :func:`analysis.salience.scores.ngram_analyzer` (the same rules, written out), on
    the same sentence units.
    """
    token = re.compile(r"(?u)\b\w\w+\b")
    joiners = "'\u2019\u2010\u2011-"
    punctuation = re.compile(rf"(?:[^\w\s{joiners}]|(?<!\w)[{joiners}]|[{joiners}](?!\w))+")

    def grams(text: str) -> list[str]:
        out: list[str] = []
        for stretch in punctuation.split(text.lower()):
            run: list[str] = []
            for word in [*token.findall(stretch), None]:
                if word is None or word in ENGLISH_STOP_WORDS:
                    out.extend(run)
                    out.extend(f"{x} {y}" for x, y in pairwise(run))
                    run = []
                else:
                    run.append(word)
        return out

    count_a: Counter[str] = Counter()
    count_b: Counter[str] = Counter()
    for texts, counter in ((texts_a, count_a), (texts_b, count_b)):
        for text in texts:
            counter.update(grams(text))
    n_a: Counter[int] = Counter()
    n_b: Counter[int] = Counter()
    for term, c in count_a.items():
        n_a[term.count(" ") + 1] += c
    for term, c in count_b.items():
        n_b[term.count(" ") + 1] += c
    z = {}
    for term in count_a.keys() | count_b.keys():
        ya, yb = count_a[term], count_b[term]
        if ya + yb < min_count:
            continue
        size = term.count(" ") + 1
        alpha, alpha0 = ya + yb, n_a[size] + n_b[size]
        delta = math.log((ya + alpha) / (n_a[size] + alpha0 - ya - alpha)) - math.log(
            (yb + alpha) / (n_b[size] + alpha0 - yb - alpha)
        )
        z[term] = delta / math.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    return z


def measure(function: Callable[[], object], *, repeat: int) -> tuple[float, float, object]:
    """Return (best seconds of ``repeat`` runs, peak MB traced in one more run, result)."""
    best = math.inf
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 1e6, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=100_000, help="tokens per voice (default: 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (default: 3)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", SmallSampleWarning)

    texts_a, texts_b = generate_voice(1, args.tokens), generate_voice(2, args.tokens)
    start = time.perf_counter()
    units_a, units_b = as_units(texts_a), as_units(texts_b)
    split_seconds = time.perf_counter() - start
    analyzer = ngram_analyzer()
    print(
        f"voices: {args.tokens:,} tokens each; {len(units_a):,} + {len(units_b):,} sentence units; "
        f"{sum(len(analyzer(t)) for t in units_a['text']):,} n-grams in a (stop words left out); "
        f"sentence splitting took {split_seconds:.2f} s"
    )
    keyness(units_a.head(50), units_b.head(50), n_resamples=0)  # warm up imports and caches

    rows = [
        ("ours, n_resamples=0", lambda: keyness(units_a, units_b, n_resamples=0)),
        ("ours, n_resamples=200 (default)", lambda: keyness(units_a, units_b, n_resamples=200)),
        ("ours, raw text, n_resamples=200", lambda: keyness(texts_a, texts_b, n_resamples=200)),
        ("baseline (Counter, pure Python)", lambda: baseline_logodds(list(units_a["text"]), list(units_b["text"]))),
    ]
    results = {}
    print(f"{'':34} {'seconds':>8} {'peak MB':>8}")
    for name, function in rows:
        seconds, peak, result = measure(function, repeat=args.repeat)
        results[name] = (seconds, peak, result)
        print(f"{name:34} {seconds:8.3f} {peak:8.1f}")

    ours = results["ours, n_resamples=0"][2].set_index("term")["score"]
    base = results["baseline (Counter, pure Python)"][2]
    same_terms = set(ours.index) == set(base)
    max_diff = max(abs(ours[t] - base[t]) for t in base) if same_terms else math.inf
    print(f"agreement with the baseline: same {len(base):,} terms: {same_terms}; max |z difference| = {max_diff:.2e}")
    base_seconds = results["baseline (Counter, pure Python)"][0]
    for name in ("ours, n_resamples=0", "ours, n_resamples=200 (default)"):
        print(f"{name}: {results[name][0] / base_seconds:.2f} x the baseline's time")
    seconds, peak, _ = results["ours, n_resamples=200 (default)"]
    ok = seconds < TARGET_SECONDS and peak < TARGET_MB and same_terms and max_diff < 1e-9
    print(
        f"target (< {TARGET_SECONDS:g} s and < {TARGET_MB:g} MB with stability, on sentence units): "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
