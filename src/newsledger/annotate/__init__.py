"""Stage 2: annotators over one article's text. See ``spans`` for the types they return."""
