"""Stage 4b, salience: distinctive terms (keyness), keyword in context, and frames."""
