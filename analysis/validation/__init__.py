"""Stage 6, validation: how right the frame and tone measures are on the user's own texts.

The loop (README, "How right are the measures here?"): codebook -> sample to code -> codes ->
agreement -> validity -> train -> corrected shares.

* :mod:`~analysis.validation.codebook` -- each frame's rules and examples and the tone scale
  (``frames.yml``), rendered as Markdown or HTML;
* :mod:`~analysis.validation.sampling` -- a reproducible sample of sentence units per voice,
  as a coding sheet; :mod:`~analysis.validation.coding` -- the coding widget of the notebook;
* :mod:`~analysis.validation.codes` -- codes files (CSV) read and checked, and the reference
  value of each span;
* :mod:`~analysis.validation.agreement` -- Krippendorff's alpha between coders;
* :mod:`~analysis.validation.validity` -- precision, recall and F1 of a detector, tone r and
  accuracy of sentiment methods, the misreadings;
* :mod:`~analysis.validation.learned` -- detectors learned from codes, saved as JSON;
* :mod:`~analysis.validation.correction` -- frame shares corrected for the measured error;
* :mod:`~analysis.validation.assessment` -- all of it for one corpus and its codes.
"""

from .agreement import AGREEMENT_COLUMNS, agreement_table, krippendorff_alpha
from .assessment import Assessment, assess, corrected_voice_shares, unvalidated_note, validation_commands
from .codebook import Codebook, ToneScale, load_codebook, load_tone_scale, render_codebook
from .codes import (
    FRAME_PREFIX,
    TONE_RANGE,
    CodesError,
    codes_files,
    frame_column,
    frame_columns,
    read_codes,
    reference_codes,
    tone_class,
)
from .correction import CORRECTED_COLUMNS, corrected_shares, error_rates, rogan_gladen
from .learned import (
    LearnedDetectorError,
    LearnedFrameDetector,
    LearnedTone,
    cross_validate,
    load_detector,
    train_detector,
)
from .sampling import coding_sheet, rare_weights, sample_units
from .validity import (
    FRAME_VALIDITY_COLUMNS,
    LOW_F1,
    TONE_VALIDITY_COLUMNS,
    candidate_terms,
    frame_validity,
    misreadings,
    span_texts,
    tone_validity,
)

__all__ = [
    "FRAME_PREFIX",
    "TONE_RANGE",
    "LOW_F1",
    "CodesError",
    "read_codes",
    "codes_files",
    "reference_codes",
    "frame_column",
    "frame_columns",
    "tone_class",
    "AGREEMENT_COLUMNS",
    "agreement_table",
    "krippendorff_alpha",
    "FRAME_VALIDITY_COLUMNS",
    "TONE_VALIDITY_COLUMNS",
    "span_texts",
    "frame_validity",
    "tone_validity",
    "misreadings",
    "candidate_terms",
    "CORRECTED_COLUMNS",
    "error_rates",
    "rogan_gladen",
    "corrected_shares",
    "LearnedDetectorError",
    "LearnedFrameDetector",
    "LearnedTone",
    "train_detector",
    "cross_validate",
    "load_detector",
    "Codebook",
    "ToneScale",
    "load_codebook",
    "load_tone_scale",
    "render_codebook",
    "Assessment",
    "assess",
    "corrected_voice_shares",
    "unvalidated_note",
    "validation_commands",
    "sample_units",
    "coding_sheet",
    "rare_weights",
]
