"""Stage 3, voices: every span of a document gets a voice; voices are cut into sentence units.

* :mod:`~analysis.voices.utterances` -- the ``utterances`` table: quotes to their actors, the
  rest to the outlet;
* :mod:`~analysis.voices.units` -- sentence units, the unit every measurement counts, and
  their ids;
* :mod:`~analysis.voices.voice` -- the :class:`Voice` notation (``iran_mfa``, ``side:iran``,
  ``outlet``) and the rows it selects.
"""

from .units import REQUIRED_COLUMNS, UNIT_COLUMNS, as_units, unit_id, unit_ids, utterance_sentences
from .utterances import UTTERANCE_COLUMNS, utterances
from .voice import NARRATION, Voice, as_voice, known_voices, select_voice

__all__ = [
    "UTTERANCE_COLUMNS",
    "UNIT_COLUMNS",
    "REQUIRED_COLUMNS",
    "NARRATION",
    "Voice",
    "as_voice",
    "select_voice",
    "known_voices",
    "utterances",
    "utterance_sentences",
    "unit_id",
    "unit_ids",
    "as_units",
]
