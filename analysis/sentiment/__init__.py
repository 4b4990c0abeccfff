"""Stage 4a, sentiment: sentence scores (VADER and plug-in methods), explanations, aggregates."""
