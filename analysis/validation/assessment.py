"""The validation of a corpus's measures in one call: its codes against its detector and methods.

:func:`assess` reads the codes of a corpus (its ``codes/*.csv``, or files given), checks them
against the documents and the detector's frames, and returns an :class:`Assessment`: how many
spans were coded and by whom, the agreement between coders, the detector's precision, recall
and F1 per frame, each sentiment method's tone figures, the misreadings and candidate terms.
:func:`corrected_voice_shares` then gives each voice's frame shares raw and corrected for the
measured error. The ``framing validity`` command, and the reports' "How right are these
measures here?" sections, show these tables; a corpus without codes gets
:func:`unvalidated_note` instead.

Examples
--------
>>> from analysis.corpus import load_corpus
>>> from analysis.paths import default_corpus
>>> from analysis.validation.codes import codes_files
>>> result = assess(load_corpus(default_corpus()), codes_files(default_corpus()), methods=["diplomatic"])
>>> result.n_spans, sorted(result.coders)
(26, ['adjudicated', 'coder_a', 'coder_b'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..resampling import Resampling
from ..salience.detectors import detect_by_language, measured_by_language
from ..salience.frames import FrameLexicon, load_frames
from ..sentiment.methods import DEFAULT_METHOD
from ..sentiment.registry import method_name
from ..sentiment.scoring import score_sentiment, unread_units
from ..voices.voice import as_voice
from .agreement import agreement_table
from .codes import CodesError, read_codes, reference_codes
from .correction import corrected_shares
from .validity import candidate_terms, frame_validity, misreadings, span_texts, tone_validity

__all__ = ["Assessment", "assess", "corrected_voice_shares", "unvalidated_note", "validation_commands"]


@dataclass(frozen=True)
class Assessment:
    """The validation of one detector and some sentiment methods on a corpus's codes.

    ``codes`` has one row per coded span and coder, ``reference`` one row per span (the
    adjudicator's value, else the coders' majority), ``texts`` and ``hits`` the text of each
    span and the detector's frames on it, ``measured`` the spans in a language the detector
    reads (the frame figures are of those; None: all); the tables are those of
    :mod:`analysis.validation.agreement` and :mod:`analysis.validation.validity`.
    """

    detector: str
    frame_ids: tuple[str, ...]
    codes: pd.DataFrame
    reference: pd.DataFrame
    texts: list[str]
    hits: np.ndarray
    agreement: pd.DataFrame
    frames: pd.DataFrame
    tone: pd.DataFrame
    misreadings: pd.DataFrame
    candidates: pd.DataFrame
    files: tuple[str, ...] = field(default_factory=tuple)
    measured: np.ndarray | None = None

    @property
    def n_spans(self) -> int:
        """The spans coded (by one coder or more)."""
        return len(self.reference)

    @property
    def coders(self) -> list[str]:
        """The coders, in order of appearance."""
        return list(dict.fromkeys(self.codes["coder"]))

    def summary(self) -> pd.DataFrame:
        """The headline figures as one small table: spans, coders, alpha, micro F1, default tone r."""
        micro = self.frames.set_index("id").loc["micro"] if len(self.frames) else None
        default = self.tone[self.tone["default"]] if len(self.tone) else self.tone
        tone_alpha = self.agreement.loc[self.agreement["measure"].eq("tone"), "alpha"]
        frame_alpha = self.agreement.loc[self.agreement["measure"].eq("frame"), "alpha"]
        rows = [
            ("spans coded", self.n_spans),
            ("coders", ", ".join(c for c in self.coders)),
            ("units coded by two or more", int(self.reference["n_coders"].ge(2).sum())),
            ("frame alpha (median over frames)", round(float(frame_alpha.median()), 3) if len(frame_alpha) else np.nan),
            ("tone alpha", round(float(tone_alpha.iloc[0]), 3) if len(tone_alpha) else np.nan),
            (f"{self.detector}: micro precision", round(float(micro["precision"]), 3) if micro is not None else np.nan),
            (f"{self.detector}: micro recall", round(float(micro["recall"]), 3) if micro is not None else np.nan),
            (f"{self.detector}: micro F1", round(float(micro["f1"]), 3) if micro is not None else np.nan),
        ]
        for row in default.itertuples():
            rows.append((f"tone ({row.method}): Pearson r", round(float(row.pearson), 3)))
            rows.append((f"tone ({row.method}): three-class accuracy", round(float(row.accuracy3), 3)))
        return pd.DataFrame(rows, columns=["measure", "value"])


def _methods(methods: Sequence[Any] | Mapping[str, Any] | None) -> dict[str, Any]:
    if methods is None:
        methods = [DEFAULT_METHOD, "vader"]
    if isinstance(methods, Mapping):
        return dict(methods)
    return {method_name(m) if not isinstance(m, str) else m: m for m in methods}


def assess(
    documents: pd.DataFrame,
    files: str | Path | Sequence[str | Path],
    *,
    detector: Any = None,
    methods: Sequence[Any] | Mapping[str, Any] | None = None,
    default: str | None = None,
    resources: Any = None,
    resampling: Resampling | None = None,
    top_terms: int = 10,
    known_frames: Sequence[str] | None = None,
) -> Assessment:
    """Validate a detector and sentiment methods on codes of spans of ``documents``.

    Parameters
    ----------
    documents
        The corpus's ``documents`` table (the codes' spans are cut from its texts).
    files
        Codes files (``codes_files(corpus)`` gives a corpus folder's ``codes/*.csv``).
    detector
        A frame detector (``frame_ids``, ``detect``, optional ``explain``): the lexicon (a
        :class:`~analysis.salience.frames.FrameLexicon`; None: the package's) or a learned one.
    methods, default
        Sentiment methods (names, dictionary files or scorers; a mapping name -> method), and
        the one the reports use (default: :data:`~analysis.sentiment.methods.DEFAULT_METHOD`
        when listed, else the first).
    resources
        A study (:func:`analysis.pipeline.study.load_study`): the names, titles and adjustments
        a sentiment method reads (None: the package's).
    resampling
        Options of the agreement intervals.
    top_terms
        Candidate terms per frame.
    known_frames
        The frame ids a codes file may have columns for (the corpus's lexicon's); default: the
        detector's. Only the detector's frames are measured.

    Raises
    ------
    CodesError
        For a missing or bad codes file, naming the file, the line and the column.
    """
    paths = [Path(files)] if isinstance(files, (str, Path)) else [Path(f) for f in files]
    if not paths:
        raise CodesError(None, "no codes files (a corpus keeps them in codes/*.csv)")
    chosen = detector if detector is not None else load_frames()
    allowed = list(dict.fromkeys([*(known_frames or ()), *chosen.frame_ids]))
    codes = read_codes(paths, documents=documents, frame_ids=allowed)
    reference = reference_codes(codes)
    texts = span_texts(reference, documents)
    languages = span_languages(reference, documents)
    measured = measured_by_language(chosen, languages)
    hits = detect_by_language(chosen, texts, languages) if texts else np.zeros((0, len(chosen.frame_ids)), bool)
    named = _methods(methods)
    default = default or (DEFAULT_METHOD if DEFAULT_METHOD in named else next(iter(named), None))
    coded_tone = reference["tone"].notna().any()
    scores = {name: _span_scores(texts, languages, m, resources) for name, m in named.items()}
    lexicon = (
        chosen if isinstance(chosen, FrameLexicon) else getattr(getattr(chosen, "features", None), "lexicon", None)
    )
    explain = getattr(chosen, "explain", None)
    read = reference[measured].reset_index(drop=True)
    read_texts = [t for t, m in zip(texts, measured, strict=True) if m]
    candidates = [candidate_terms(read, read_texts, f, top=top_terms, lexicon=lexicon) for f in chosen.frame_ids]
    candidates = [c for c in candidates if len(c)]
    return Assessment(
        detector=str(getattr(chosen, "name", "detector")),
        frame_ids=tuple(chosen.frame_ids),
        codes=codes,
        reference=reference,
        texts=texts,
        hits=hits,
        agreement=agreement_table(codes, resampling=resampling),
        frames=frame_validity(read, hits[measured], list(chosen.frame_ids)),
        tone=tone_validity(reference, scores, default=default) if coded_tone else tone_validity(reference.iloc[:0], {}),
        misreadings=misreadings(read, read_texts, hits[measured], list(chosen.frame_ids), explain=explain),
        candidates=pd.concat(candidates, ignore_index=True) if candidates else pd.DataFrame(),
        files=tuple(str(p) for p in paths),
        measured=measured,
    )


def span_languages(reference: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The language of each coded span: its document's (``""`` or none given is English).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "language": ["ru", ""]})
    >>> span_languages(pd.DataFrame({"doc_id": ["b", "a"]}), docs)
    ['en', 'ru']
    """
    if "language" not in documents:
        return ["en"] * len(reference)
    by_doc = documents.set_index(documents["doc_id"].astype(str))["language"].fillna("").astype(str).to_dict()
    return [by_doc.get(str(d), "") or "en" for d in reference["doc_id"]]


def _span_scores(texts: list[str], languages: list[str], method: Any, resources: Any) -> np.ndarray:
    """A method's compound of each span; NaN for a span in a language the method does not read."""
    compound = score_sentiment(texts, method=method, resources=resources)["compound"].to_numpy(dtype="float64")
    unread = unread_units(pd.DataFrame({"text": texts, "language": languages}), method, resources)
    if unread is not None:
        compound = np.where(unread, np.nan, compound)
    return compound


def corrected_voice_shares(
    units: pd.DataFrame,
    voices: Sequence[str],
    assessment: Assessment,
    *,
    detector: Any = None,
    hits: np.ndarray | None = None,
    actors: Any = None,
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Each voice's frame shares, raw and corrected for the error the assessment measured.

    ``hits`` gives the detector's units x frames hits when they are already known (the
    stored analysis's matches, for the lexicon); else ``detector`` (the one assessed) detects
    them. The voices are read with ``actors``. See :func:`analysis.validation.correction.corrected_shares`.
    """
    units = units.reset_index(drop=True)
    chosen = detector if detector is not None else load_frames()
    languages = units["language"] if "language" in units else pd.Series("en", index=units.index)
    codes = languages.fillna("").astype(str).replace("", "en").tolist()
    if hits is None:
        hits = detect_by_language(chosen, units["text"].tolist(), codes)
    read = measured_by_language(chosen, codes)  # units the detector does not read are no share's
    masks = {str(v): as_voice(v, actors).mask(units).to_numpy() & read for v in voices}
    measured = assessment.measured if assessment.measured is not None else np.ones(len(assessment.reference), bool)
    return corrected_shares(
        hits,
        units["doc_id"].astype(str).to_numpy(),
        masks,
        assessment.reference[measured].reset_index(drop=True),
        assessment.hits[measured],
        list(assessment.frame_ids),
        resampling=resampling,
    )


def validation_commands(corpus: str = "CORPUS") -> list[str]:
    """The three commands that validate a corpus's measures (sample, then agreement and validity).

    Examples
    --------
    >>> validation_commands("my_corpus")[0]
    'framing sample my_corpus --voice iran_mfa --voice russia_mfa --n 100 --seed 1 --out my_corpus/codes/coder_a.csv'
    """
    sheet = f"{corpus}/codes/coder_a.csv"
    return [
        f"framing sample {corpus} --voice iran_mfa --voice russia_mfa --n 100 --seed 1 --out {sheet}",
        f"framing agreement {corpus}/codes/*.csv",
        f"framing validity {corpus} --codes {corpus}/codes/*.csv",
    ]


def unvalidated_note(corpus: str = "CORPUS") -> str:
    """What a report says of a corpus without codes: the measures are not validated on it, and how to.

    Examples
    --------
    >>> "not validated" in unvalidated_note()
    True
    """
    steps = "; ".join(f"`{c}`" for c in validation_commands(corpus))
    return (
        "These frame and tone measures are not validated on this corpus: no codes/*.csv in its folder. "
        "A dictionary is not a measure until it is checked on the texts at hand. Draw a sample to code, "
        "code it (two coders, with the codebook: `framing codebook`), then measure agreement and validity: "
        f"{steps}. The reports then show how right the measures are here, and shares corrected for their error."
    )
