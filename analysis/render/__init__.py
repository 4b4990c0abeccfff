"""Rendering: figures, escaped HTML display in notebooks, and the HTML reports."""
