"""Stage 2: annotators over one article's text. See ``spans`` for the types they return and
``article`` for how they compose; ``native`` for their compiled build."""

from .native import compiled_folder as _compiled_folder

# The compiled modules, where a build matches the sources, are found before the sources themselves.
_folder = _compiled_folder()
if _folder is not None:
    __path__.insert(0, _folder)  # noqa: F821 - a package's own search path
del _folder


def __getattr__(name):
    # Lazy, so that importing one annotator (or ``spans``) does not load them all.
    if name in ("annotate_article", "annotate_articles", "run"):
        from . import article

        return getattr(article, name)
    raise AttributeError(name)
