"""Detectors learned from the user's codes: one classifier per frame, a tone regressor, saved as JSON.

A lexicon written for one corpus misses the wording of another; the codes of a few hundred
sentences teach a detector that wording. :func:`train_detector` fits, for every coded frame
with at least :data:`MIN_POSITIVES` coded positives and negatives, a logistic regression
(scikit-learn's :class:`~sklearn.linear_model.LogisticRegression`, classes balanced) over

* the tf-idf weights (``1 + log(count)`` times the smoothed idf, unit length) of the word
  unigrams and bigrams of the span, after the names are masked (names are not frames), and
* the lexicon's hits (one 0/1 column per frame: the lexicon's judgement is a feature).

A frame with too few codes keeps the lexicon's hits. When tone is coded a ridge regression
(:class:`~sklearn.linear_model.Ridge`) over the same n-grams and the ``"diplomatic"`` compound
predicts the tone (-4..4); its compound is the prediction over 4, clipped to [-1, 1].

The model is one JSON file (vocabulary, idf, weights, the lexicon's terms, the training
figures): no pickle, nothing that runs code when read. :class:`LearnedFrameDetector` is a frame
detector (``name``, ``frame_ids``, ``detect``, ``explain``, ``fit``) and its ``tone`` a
sentiment method (``name``, ``score``). :func:`cross_validate` gives honest figures: folds
grouped by document (scikit-learn's :class:`~sklearn.model_selection.GroupKFold`), so no
document is in both the training and the test part.

Examples
--------
>>> texts = ["Trade and investment grew."] * 6 + ["The missile threat grew."] * 6
>>> labels = pd.DataFrame({"frame:economy": [1.0] * 6 + [0.0] * 6, "frame:security": [0.0] * 6 + [1.0] * 6})
>>> detector = train_detector(texts, labels)
>>> detector.detect(["Investment grew.", "A threat."]).tolist()
[[True, False], [False, True]]
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import FileError
from ..salience.frames import Frame, FrameLexicon, load_frames
from .codes import frame_column, frame_columns

__all__ = [
    "MIN_POSITIVES",
    "FORMAT",
    "LearnedDetectorError",
    "TextFeatures",
    "LearnedTone",
    "LearnedFrameDetector",
    "train_detector",
    "cross_validate",
    "load_detector",
]

#: A frame is learned when it has at least this many coded positives and negatives.
MIN_POSITIVES = 5
#: The ``format`` field of a model file.
FORMAT = "framing-analysis learned detector"
_TOKENS = r"(?u)\b[^\W_][^\W_]+\b"  # words of two or more letters or digits; masked names (____) are not words
_DIGITS = 6


class LearnedDetectorError(FileError):
    """A model file is missing or invalid; the message names the file."""


class TextFeatures:
    """Masked word uni- and bigrams (tf-idf) plus the lexicon's hits: the features of every model.

    Parameters
    ----------
    vocabulary, idf
        The n-grams (in column order) and their idf (scikit-learn's smoothed idf).
    lexicon
        The frame lexicon whose hits are features (one column per frame, after the n-grams).
    """

    def __init__(self, vocabulary: Sequence[str], idf: Sequence[float], lexicon: FrameLexicon) -> None:
        from sklearn.feature_extraction.text import CountVectorizer

        self.vocabulary = list(vocabulary)
        self.idf = np.asarray(idf, dtype="float64")
        self.lexicon = lexicon
        index = {term: i for i, term in enumerate(self.vocabulary)}
        self.counter = CountVectorizer(vocabulary=index, ngram_range=(1, 2), token_pattern=_TOKENS, lowercase=True)

    @classmethod
    def fit(cls, texts: Sequence[str], lexicon: FrameLexicon, *, min_df: int = 2) -> TextFeatures:
        """Learn the vocabulary and idf from (unmasked) texts."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        masked = cls._mask(lexicon, texts)
        vectorizer = TfidfVectorizer(
            ngram_range=(1, 2), token_pattern=_TOKENS, lowercase=True, sublinear_tf=True, min_df=min(min_df, len(texts))
        )
        vectorizer.fit(masked)
        names = vectorizer.get_feature_names_out().tolist()
        return cls(names, vectorizer.idf_, lexicon)

    @staticmethod
    def _mask(lexicon: FrameLexicon, texts: Sequence[str]) -> list[str]:
        masker = lexicon._masker()
        return [masker.mask(text).text for text in texts]

    @property
    def names(self) -> list[str]:
        """The name of every feature column (lexicon hits as ``[lexicon:<frame>]``)."""
        return self.vocabulary + [f"[lexicon:{frame_id}]" for frame_id in self.lexicon.ids]

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The features of texts (rows) -- the same tf-idf as scikit-learn's ``TfidfVectorizer``."""
        from sklearn.preprocessing import normalize

        counts = self.counter.transform(self._mask(self.lexicon, texts)).astype("float64")
        counts.data = 1.0 + np.log(counts.data)
        weighted = normalize(counts.multiply(self.idf[None, :]).tocsr())
        hits = sparse.csr_matrix(self.lexicon.detect(list(texts)).astype("float64"))
        return sparse.hstack([weighted, hits], format="csr")


class LearnedTone:
    """The tone regressor as a sentiment method: ``score(texts)`` gives ``(neg, neu, pos, compound)``."""

    def __init__(
        self,
        features: TextFeatures,
        weights: np.ndarray,
        intercept: float,
        name: str = "learned-tone",
        languages: Sequence[str] = ("en",),
    ):
        self.features, self.weights, self.intercept, self.name = features, np.asarray(weights), float(intercept), name
        self.source = "<memory>"
        self.languages = tuple(languages)  # those of the coded texts: units in others are not scored

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """The predicted tone (-4..4 scale) of each text."""
        if not len(texts):
            return np.zeros(0)
        return self._design(texts) @ self.weights + self.intercept

    def _design(self, texts: Sequence[str]) -> sparse.csr_matrix:
        from ..sentiment.scoring import score_sentiment

        base = score_sentiment(list(texts), method="diplomatic")["compound"].to_numpy()
        return sparse.hstack([self.features.transform(texts), sparse.csr_matrix(base[:, None])], format="csr")

    def score(self, texts: Sequence[str]) -> list[tuple[float, float, float, float]]:
        """Scores in the form every sentiment method returns (``neg``/``neu``/``pos`` from the compound)."""
        compound = np.clip(self.predict(list(texts)) / 4.0, -1.0, 1.0).round(4)
        return [(float(max(-c, 0.0)), float(1.0 - abs(c)), float(max(c, 0.0)), float(c)) for c in compound]

    __call__ = score


class LearnedFrameDetector:
    """A frame detector learned from codes (see the module docstring); build it with
    :func:`train_detector` or :func:`load_detector`."""

    def __init__(
        self,
        features: TextFeatures,
        frame_ids: Sequence[str],
        models: dict[str, dict[str, Any]],
        *,
        tone: LearnedTone | None = None,
        validation: dict[str, Any] | None = None,
        name: str = "learned",
        source: str = "<memory>",
        languages: Sequence[str] = ("en",),
    ) -> None:
        self.features, self.frame_ids, self.models = features, tuple(frame_ids), models
        self.tone, self.validation, self.name = tone, dict(validation or {}), name
        self.source = source
        self.languages = tuple(languages)  # those of the coded texts: units in others mention no frame
        labels = {f.id: f.label for f in features.lexicon}
        self.frame_labels = tuple(labels.get(f, f) for f in self.frame_ids)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Texts x frames: the probability of each frame (the lexicon's 0/1 for a frame it keeps)."""
        texts = list(texts)
        result = np.zeros((len(texts), len(self.frame_ids)))
        if not texts:
            return result
        design = self.features.transform(texts)
        lexicon_ids = self.features.lexicon.ids
        for j, frame_id in enumerate(self.frame_ids):
            model = self.models[frame_id]
            if "weights" in model:
                logits = design @ np.asarray(model["weights"]) + model["intercept"]
                result[:, j] = 1.0 / (1.0 + np.exp(-logits))
            else:  # kept the lexicon: its hit column
                result[:, j] = design[:, len(self.features.vocabulary) + lexicon_ids.index(frame_id)].toarray()[:, 0]
        return result

    def detect(self, texts: Sequence[str]) -> np.ndarray:
        """Texts x frames boolean array (probability at least 0.5)."""
        return self.probabilities(texts) >= 0.5

    def explain(self, text: str, *, top: int = 5) -> dict[str, list[str]]:
        """For each frame detected in the text, the features that pushed it most (or the lexicon's terms)."""
        found = {}
        design = self.features.transform([text]).toarray()[0]
        names = self.features.names
        for j, frame_id in enumerate(self.frame_ids):
            if not self.detect([text])[0, j]:
                continue
            model = self.models[frame_id]
            if "weights" not in model:
                found[frame_id] = self.features.lexicon.explain(text).get(frame_id, [])
                continue
            contributions = design * np.asarray(model["weights"])
            order = [i for i in np.argsort(-contributions) if contributions[i] > 0][:top]
            found[frame_id] = [names[i] for i in order]
        return found

    def with_resources(self, resources: Any) -> LearnedFrameDetector:
        """The same model masking a study's names (its actor registry and titles) before it reads a text."""
        lexicon = self.features.lexicon.with_resources(resources)
        features = TextFeatures(self.features.vocabulary, self.features.idf, lexicon)
        tone = (
            None
            if self.tone is None
            else LearnedTone(features, self.tone.weights, self.tone.intercept, self.tone.name, self.tone.languages)
        )
        return LearnedFrameDetector(
            features,
            self.frame_ids,
            self.models,
            tone=tone,
            validation=self.validation,
            name=self.name,
            source=self.source,
            languages=self.languages,
        )

    def fit(self, texts: Sequence[str], labels: pd.DataFrame) -> LearnedFrameDetector:
        """Return a detector trained on these texts and codes (the same lexicon)."""
        return train_detector(texts, labels, lexicon=self.features.lexicon, name=self.name, languages=self.languages)

    def to_json(self) -> dict[str, Any]:
        """The model as the JSON object of its file."""
        lexicon = self.features.lexicon
        return {
            "format": FORMAT,
            "version": 1,
            "name": self.name,
            "languages": list(self.languages),
            "frame_ids": list(self.frame_ids),
            "features": {
                "ngrams": "word uni- and bigrams of the masked text; tf = 1 + log(count), times idf, unit length",
                "vocabulary": self.features.vocabulary,
                "idf": [round(float(v), _DIGITS) for v in self.features.idf],
                "lexicon": {"source": lexicon.source, "frames": {f.id: [f.label, list(f.terms)] for f in lexicon}},
            },
            "frames": {frame_id: _rounded(model) for frame_id, model in self.models.items()},
            "tone": None
            if self.tone is None
            else {"weights": _rounded_list(self.tone.weights), "intercept": round(self.tone.intercept, _DIGITS)},
            "validation": self.validation,
        }

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON (UTF-8, written beside and moved into place)."""
        target = Path(path)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(target)
        return target


def _rounded_list(values: Any) -> list[float]:
    return [round(float(v), _DIGITS) for v in values]


def _rounded(model: dict[str, Any]) -> dict[str, Any]:
    if "weights" not in model:
        return dict(model)
    return {**model, "weights": _rounded_list(model["weights"]), "intercept": round(float(model["intercept"]), _DIGITS)}


def _labels(labels: pd.DataFrame, frame_ids: Sequence[str]) -> np.ndarray:
    return np.column_stack([labels[frame_column(f)].to_numpy(dtype="float64") for f in frame_ids])


def _fit_frame(design: sparse.csr_matrix, coded: np.ndarray, c: float) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    known = ~np.isnan(coded)
    positives, negatives = int((coded[known] == 1).sum()), int((coded[known] == 0).sum())
    if min(positives, negatives) < MIN_POSITIVES:
        return {"kept": "lexicon", "reason": f"{positives} coded positives, {negatives} negatives (< {MIN_POSITIVES})"}
    model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000)
    model.fit(design[known], coded[known].astype(int))
    return {"weights": model.coef_[0], "intercept": float(model.intercept_[0]), "positives": positives}


def train_detector(
    texts: Sequence[str],
    labels: pd.DataFrame,
    *,
    lexicon: FrameLexicon | None = None,
    c: float = 4.0,
    ridge: float = 1.0,
    name: str = "learned",
    languages: Sequence[str] = ("en",),
) -> LearnedFrameDetector:
    """Train a detector on coded spans.

    Parameters
    ----------
    texts
        The text of each coded span.
    labels
        One row per span with ``frame:<id>`` columns (1, 0, NaN: not coded) and optionally
        ``tone`` (a tone regressor is trained when at least 10 spans have one).
    lexicon
        The lexicon whose hits are features and which a frame with few codes keeps (default:
        the package's).
    c, ridge
        Inverse regularisation of the classifiers; regularisation of the tone regressor.
    languages
        The languages of the coded texts (ISO 639-1): the detector and its tone read only these
        (``framing train`` gives the languages of the coded documents).
    """
    lexicon = lexicon if lexicon is not None else load_frames()
    frame_ids = [f for f in frame_columns(labels) if f in lexicon.ids]
    features = TextFeatures.fit(texts, lexicon)
    design = features.transform(texts)
    coded = _labels(labels, frame_ids)
    models = {frame_id: _fit_frame(design, coded[:, j], c) for j, frame_id in enumerate(frame_ids)}
    tone = None
    if "tone" in labels and labels["tone"].notna().sum() >= 10:
        from sklearn.linear_model import Ridge

        known = labels["tone"].notna().to_numpy()
        regressor = LearnedTone(features, np.zeros(design.shape[1] + 1), 0.0)
        tone_design = regressor._design([t for t, k in zip(texts, known, strict=True) if k])
        fitted = Ridge(alpha=ridge).fit(tone_design, labels["tone"].to_numpy(dtype="float64")[known])
        tone = LearnedTone(features, fitted.coef_, float(fitted.intercept_), name=f"{name}-tone", languages=languages)
    return LearnedFrameDetector(features, frame_ids, models, tone=tone, name=name, languages=languages)


def cross_validate(
    texts: Sequence[str], labels: pd.DataFrame, groups: Sequence[str], *, n_splits: int = 5, **options: Any
) -> tuple[np.ndarray, np.ndarray | None]:
    """Out-of-fold predictions, folds grouped by document: each span predicted by a detector that
    never saw its document.

    Returns
    -------
    tuple
        ``(hits, tone)``: spans x frames booleans (frames in the order of the codes' columns
        known to the lexicon) and the predicted tone (None when tone is not learned).
    """
    from sklearn.model_selection import GroupKFold

    texts = list(texts)
    folds = GroupKFold(n_splits=min(n_splits, len(set(groups))))
    lexicon = options.get("lexicon") or load_frames()
    frame_ids = [f for f in frame_columns(labels) if f in lexicon.ids]
    hits = np.zeros((len(texts), len(frame_ids)), dtype=bool)
    tone = np.full(len(texts), np.nan) if "tone" in labels else None
    for train, test in folds.split(texts, groups=list(groups)):
        detector = train_detector([texts[i] for i in train], labels.iloc[train], **options)
        test_texts = [texts[i] for i in test]
        hits[test] = detector.detect(test_texts)[:, [detector.frame_ids.index(f) for f in frame_ids]]
        if tone is not None and detector.tone is not None:
            tone[test] = detector.tone.predict(test_texts)
    return hits, tone


def _read(file: Path) -> dict[str, Any]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LearnedDetectorError(file, "no such file (train one with framing train)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LearnedDetectorError(file, f"not a JSON model file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LearnedDetectorError(file, f'not a model of framing train (no "format": "{FORMAT}")')
    if data.get("version") != 1:
        raise LearnedDetectorError(file, f"version {data.get('version')!r} is not supported (expected 1)")
    return data


def load_detector(path: str | Path) -> LearnedFrameDetector:
    """Read a model file written by :meth:`LearnedFrameDetector.save` (``framing train``).

    Raises
    ------
    LearnedDetectorError
        Naming the file: missing, not JSON, not a model, a field missing or of the wrong size.
    """
    file = Path(path)
    data = _read(file)
    try:
        languages = tuple(str(code) for code in data.get("languages") or ("en",))  # files before issue 26: English
        spec = data["features"]
        frames = tuple(Frame(i, label, terms=tuple(terms)) for i, (label, terms) in spec["lexicon"]["frames"].items())
        lexicon = FrameLexicon(frames, str(spec["lexicon"]["source"]))
        features = TextFeatures(spec["vocabulary"], spec["idf"], lexicon)
        width = len(features.names)
        if len(features.idf) != len(features.vocabulary):
            raise ValueError("idf and vocabulary differ in length")
        models = {}
        for frame_id in data["frame_ids"]:
            model = dict(data["frames"][frame_id])
            if "weights" in model:
                if len(model["weights"]) != width or not all(math.isfinite(w) for w in model["weights"]):
                    raise ValueError(f"frame {frame_id!r}: {len(model['weights'])} weights for {width} features")
                model["intercept"] = float(model["intercept"])
            elif model.get("kept") != "lexicon" or frame_id not in lexicon.ids:
                raise ValueError(f"frame {frame_id!r}: no weights and no lexicon to keep")
            models[frame_id] = model
        tone = None
        if data.get("tone"):
            weights = np.asarray(data["tone"]["weights"], dtype="float64")
            if weights.size != width + 1:
                raise ValueError(f"tone: {weights.size} weights for {width + 1} features")
            tone = LearnedTone(
                features, weights, float(data["tone"]["intercept"]), name=f"{data['name']}-tone", languages=languages
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LearnedDetectorError(file, f"invalid model ({type(exc).__name__}: {exc})") from None
    name = str(data.get("name") or file.stem)
    return LearnedFrameDetector(
        features,
        data["frame_ids"],
        models,
        tone=tone,
        validation=data.get("validation"),
        name=name,
        source=str(file),
        languages=languages,
    )
