"""The ``"learned"`` method: a ridge regression over VADER features and word n-grams.

A linear model (ridge regression, scikit-learn's :class:`~sklearn.linear_model.Ridge` at
training time) predicts the mean human rating (-4 .. +4) of a text from

* six features of the ``"diplomatic"`` VADER trace of the text (its compound, positive and
  negative shares, ``tanh`` of its sum over 4, and the sums of its positive and negative
  contributions over the square root of its length), and
* the tf-idf weights (``1 + log(count)`` times the smoothed idf, unit length) of its word
  unigrams and bigrams, after the names are masked (:mod:`analysis.sentiment.masking`).

It was trained on the three human-rated sets of Hutto & Gilbert (2014) -- tweets, movie-review
and Amazon-review snippets -- and nothing else, by ``scripts/train_sentiment_model.py``, which
also measures it with each set held out in turn. The model is a small JSON file
(``analysis/data/sentiment_model.json``, with its data card ``sentiment_model.md`` beside it);
nothing is trained when it is used.

**It is not the default.** Held out, it beats VADER on the two review sets but not on the
tweets (the figures are in the JSON file and in the README); the rule of the project is that
a learned scorer becomes the default only if it beats VADER on every held-out set. Use it for
review-like opinion text if you wish; its n-grams were learned from tweets and reviews, not
from diplomacy.

The compound score is the prediction divided by 4, clipped to [-1, 1], so the VADER
thresholds (+-0.05) read it as they read VADER's; ``neg``, ``neu`` and ``pos`` are those of the
``"diplomatic"`` trace. Explanations list the features that moved the prediction, each with its
contribution to the compound (they add up to it, before clipping).

Examples
--------
>>> method = learned_method()
>>> method.name, method.model.trained_on
('learned', ('amazonReviewSnippets', 'movieReviewSnippets', 'tweets'))
>>> compound = method.score(["A wonderful, moving film.", "A dull and pointless mess."])
>>> compound[0][3] > 0.3 > -0.3 > compound[1][3]
True
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import FileError
from ..paths import package_data
from .diplomatic import diplomatic_engine, resource_engine
from .methods import Scores, SentimentError, SentimentResources
from .vader import VaderTrace, WordTrace

__all__ = [
    "DENSE_FEATURES",
    "LearnedModelError",
    "LearnedModel",
    "dense_features",
    "ngrams",
    "load_model",
    "LearnedMethod",
    "learned_method",
]

#: Names of the VADER features, in the order of the model's weights.
DENSE_FEATURES = ("compound", "pos", "neg", "tanh_sum", "positive_per_word", "negative_per_word")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_MASKED = re.compile(r"^_+$")
#: Ratings are on a -4 .. +4 scale; the compound is the prediction over this.
RATING_SCALE = 4.0


class LearnedModelError(FileError, SentimentError):
    """The model file is missing or invalid; the message names the file."""


def dense_features(trace: VaderTrace) -> list[float]:
    """The six VADER features of a trace (:data:`DENSE_FEATURES`).

    Examples
    --------
    >>> from analysis.sentiment.diplomatic import diplomatic_engine
    >>> [round(v, 3) for v in dense_features(diplomatic_engine().trace("Good talks."))]
    [0.44, 0.744, 0.0, 0.442, 1.097, 0.0]
    """
    positive = sum(w.contribution for w in trace.words if w.contribution > 0)
    negative = sum(w.contribution for w in trace.words if w.contribution < 0)
    length = math.sqrt(1 + len(trace.tokens))
    return [trace.compound, trace.pos, trace.neg, math.tanh(trace.total / 4), positive / length, negative / length]


def ngrams(text: str) -> list[str]:
    """The word unigrams and bigrams of a (masked) text, lower case, masked names left out.

    Examples
    --------
    >>> ngrams("Not a good deal, Mr ______.")
    ['not', 'good', 'deal', 'mr', 'not good', 'good deal', 'deal mr']
    """
    tokens = [t for t in _TOKEN.findall(text.lower()) if not _MASKED.match(t)]
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


@dataclass(frozen=True)
class LearnedModel:
    """The weights of the learned scorer (see the module docstring), read from its JSON file."""

    dense_weights: tuple[float, ...]
    dense_scale: float
    idf: dict[str, float]
    weights: dict[str, float]
    intercept: float
    trained_on: tuple[str, ...]
    validation: dict[str, Any] = field(default_factory=dict)
    source: str = "<memory>"

    def ngram_weights(self, text: str) -> dict[str, float]:
        """The tf-idf weight of each known n-gram of a masked text (unit length)."""
        counts = Counter(g for g in ngrams(text) if g in self.idf)
        values = {g: (1 + math.log(c)) * self.idf[g] for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        return {g: v / norm for g, v in values.items()} if norm else {}

    def to_json(self) -> dict[str, Any]:
        """The model as the JSON object of its file."""
        return {
            "model": "ridge regression over VADER ('diplomatic') features and word uni- and bigrams",
            "trained_on": list(self.trained_on),
            "target": "mean human rating, -4 .. +4; compound = prediction / 4, clipped to [-1, 1]",
            "dense_features": list(DENSE_FEATURES),
            "dense_scale": self.dense_scale,
            "dense_weights": list(self.dense_weights),
            "intercept": self.intercept,
            "validation": self.validation,
            "ngrams": {g: [round(self.idf[g], 3), round(w, 4)] for g, w in sorted(self.weights.items())},
        }


def load_model(path: str | Path | None = None) -> LearnedModel:
    """Read a model file (default: the package's ``sentiment_model.json``).

    Raises
    ------
    LearnedModelError
        When the file is missing, not JSON, or lacks a field.
    """
    file = Path(path) if path is not None else package_data("sentiment_model.json")
    if not file.is_file():
        raise LearnedModelError(file, "no such file (train it with scripts/train_sentiment_model.py)")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        table = data["ngrams"]
        return LearnedModel(
            dense_weights=tuple(float(w) for w in data["dense_weights"]),
            dense_scale=float(data["dense_scale"]),
            idf={g: float(v[0]) for g, v in table.items()},
            weights={g: float(v[1]) for g, v in table.items()},
            intercept=float(data["intercept"]),
            trained_on=tuple(data["trained_on"]),
            validation=dict(data.get("validation") or {}),
            source=str(file),
        )
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise LearnedModelError(file, f"not a model file ({type(exc).__name__}: {exc})") from None


class LearnedMethod:
    """The learned scorer as a method (name ``"learned"``), with explanations.

    Parameters
    ----------
    model
        The weights (default: :func:`load_model`).
    resources
        A study's actor registry, titles and adjustments: the names masked and the
        ``"diplomatic"`` features read (None: the package's own).
    """

    name = "learned"

    def __init__(self, model: LearnedModel | None = None, resources: SentimentResources | None = None) -> None:
        self._model = model
        self.resources = resources

    @property
    def model(self) -> LearnedModel:
        """The weights (loaded on first use)."""
        return self._model if self._model is not None else _default_model()

    def _parts(self, text: str) -> tuple[VaderTrace, list[tuple[str, float]], float]:
        engine = diplomatic_engine() if self.resources is None else resource_engine(self.resources)
        trace = engine.trace(text)
        model = self.model
        parts = [
            (f"[{name}]", model.dense_scale * value * weight)
            for name, value, weight in zip(DENSE_FEATURES, dense_features(trace), model.dense_weights, strict=True)
        ]
        parts += [(g, v * model.weights[g]) for g, v in model.ngram_weights(engine.prepare(text)).items()]
        prediction = model.intercept + sum(c for _, c in parts)
        return trace, parts, prediction

    def score(self, texts: Sequence[str]) -> list[Scores]:
        results = []
        for text in texts:
            trace, _, prediction = self._parts(text)
            compound = round(min(1.0, max(-1.0, prediction / RATING_SCALE)), 4)
            results.append((trace.neg, trace.neu, trace.pos, compound))
        return results

    __call__ = score

    def trace(self, text: str) -> VaderTrace:
        """Explain one text: the features that moved the prediction, in compound units."""
        trace, parts, prediction = self._parts(text)
        ranked = sorted(parts, key=lambda p: -abs(p[1]))
        shares = [(name, round(value / RATING_SCALE, 4)) for name, value in ranked]
        words = tuple(
            WordTrace(i, name, share, share, share, ("learned weight",))
            for i, (name, share) in enumerate(shares)
            if round(share, 3) != 0
        )
        compound = round(min(1.0, max(-1.0, prediction / RATING_SCALE)), 4)
        return VaderTrace(
            text=text,
            tokens=trace.tokens,
            words=words,
            sum=prediction,
            emphasis=0.0,
            total=prediction,
            neg=trace.neg,
            neu=trace.neu,
            pos=trace.pos,
            compound=compound,
            rule_set="learned",
            masked=trace.masked,
            notes=(f"prediction {prediction:+.3f} on the -4..+4 rating scale, intercept {self.model.intercept:+.3f}",),
        )

    def with_resources(self, resources: SentimentResources) -> LearnedMethod:
        """The same model reading a study's names and adjustments."""
        return LearnedMethod(self._model, resources)

    def __deepcopy__(self, memo: dict) -> LearnedMethod:
        return self  # immutable; pandas copies the attrs of a scored table


@cache
def _default_model() -> LearnedModel:
    return load_model()


def learned_method(resources: SentimentResources | None = None) -> LearnedMethod:
    """Return the learned method with the package's model (see the module docstring)."""
    return LearnedMethod(resources=resources)
