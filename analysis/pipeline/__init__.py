"""The chain of stages in one call: corpus -> documents, attributions, utterances, units."""
