"""Stage 6, validation: how right the measures are on the user's own texts."""
