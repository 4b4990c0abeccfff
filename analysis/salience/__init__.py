"""Stage 4b, salience: which terms and frames characterise a voice, with the sentences behind them.

* :mod:`~analysis.salience.terms` -- words and n-grams, and patterns that find a term in text;
* :mod:`~analysis.salience.scores` -- :func:`keyness`: log-odds with an informative Dirichlet
  prior, G2, tf-idf, with bootstrap stability;
* :mod:`~analysis.salience.kwic` -- keyword in context;
* :mod:`~analysis.salience.frames` -- the frame lexicon and frame shares with intervals;
* :mod:`~analysis.salience.detectors` -- what a frame detector is (the lexicon is one), the
  detectors by name, the conformance check every detector passes, and
  :func:`detect_by_language` (each unit read in its language);
* :mod:`~analysis.salience.lemmas` and :mod:`~analysis.salience.lemma_frames` -- other languages
  than English read by lemma (keyness, kwic, frame terms), names masked in every case.
"""

from .detectors import (
    DetectorError,
    ExplainableDetector,
    FrameDetector,
    MultilingualDetector,
    ResourceAwareDetector,
    TrainableDetector,
    check_frame_detector,
    detect_by_language,
    frame_detectors,
    get_detector,
    register_detector,
    unregister_detector,
)
from .frames import (
    Frame,
    FrameLexicon,
    FramesError,
    frame_matches,
    frame_shares,
    load_frames,
    voice_frame_shares,
)
from .kwic import KWIC_COLUMNS, kwic
from .scores import (
    KEYNESS_COLUMNS,
    METHODS,
    PRIORS,
    KeynessError,
    SmallSampleWarning,
    TooLittleTextError,
    keyness,
    top_terms,
)
from .terms import TermError, document_term_matrix, ngram_analyzer, term_pattern

__all__ = [
    "METHODS",
    "PRIORS",
    "KEYNESS_COLUMNS",
    "KWIC_COLUMNS",
    "KeynessError",
    "TooLittleTextError",
    "SmallSampleWarning",
    "TermError",
    "keyness",
    "top_terms",
    "kwic",
    "term_pattern",
    "ngram_analyzer",
    "document_term_matrix",
    "Frame",
    "FrameLexicon",
    "FramesError",
    "load_frames",
    "frame_matches",
    "frame_shares",
    "voice_frame_shares",
    "FrameDetector",
    "ExplainableDetector",
    "ResourceAwareDetector",
    "TrainableDetector",
    "DetectorError",
    "check_frame_detector",
    "MultilingualDetector",
    "detect_by_language",
    "frame_detectors",
    "get_detector",
    "register_detector",
    "unregister_detector",
]
