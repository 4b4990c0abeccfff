"""Stage 5, comparison: two voices side by side on every measurement, with the evidence."""
