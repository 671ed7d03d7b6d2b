"""Stage 2: annotators over one article's text. See ``spans`` for the types they return and
``article`` for how they compose."""


def __getattr__(name):
    # Lazy, so that importing one annotator (or ``spans``) does not load them all.
    if name in ("annotate_article", "annotate_articles", "run"):
        from . import article

        return getattr(article, name)
    raise AttributeError(name)
