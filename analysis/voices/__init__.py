"""Stage 3, voices: every span of a document gets a voice; voices are cut into sentence units."""
