"""Stage 1, the corpus: documents and their validation, command inputs, the actor registry."""
