"""Stage 4: figures, exports and the HTML rendering of the report."""
