"""The span types every annotator returns.

An annotator is a plain function ``(text, ...) -> list[Span-like]``. Every span carries the
character offsets ``start``/``end`` into the article's normalised text, so that
``text[start:end] == quote`` always holds. Composition happens in ``annotate.article``.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date


def _assigned_at_once(cls):
    """Replace a frozen dataclass's ``__init__`` by one that fills the instance dict directly.

    The generated one sets each field through ``object.__setattr__`` (frozen classes refuse plain
    assignment): about five times slower, and an annotator builds one span per sentence and per
    mention, a hundred thousand per million words. Same parameters, defaults and factories."""
    namespace: dict[str, object] = {"_FACTORY": object()}
    parameters, body = [], []
    for f in fields(cls):
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            parameters.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            parameters.append(f"{f.name}=_FACTORY")
            body.append(f"if {f.name} is _FACTORY: {f.name} = _factory_{f.name}()")
        else:
            parameters.append(f.name)
        body.append(f"values[{f.name!r}] = {f.name}")
    source = f"def __init__(self, {', '.join(parameters)}):\n    values = self.__dict__\n" + "".join(f"    {line}\n" for line in body)
    exec(source, namespace)  # noqa: S102 - how dataclasses itself builds __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


@_assigned_at_once
@dataclass(frozen=True)
class ArticleContext:
    """What an annotator may know about an article besides its text."""

    article_id: str
    published: date | None = None


@_assigned_at_once
@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    quote: str


@_assigned_at_once
@dataclass(frozen=True)
class Mention:
    """A gazetteer entity found in the text."""

    start: int
    end: int
    quote: str
    entity_id: str
    entity_type: str  # country, person, organisation, infrastructure, place, region
    surface: str  # the alias as written in the gazetteer that matched (quote is what the text says)


@_assigned_at_once
@dataclass(frozen=True)
class TimeExpression:
    """A date or period in the text, resolved against the publication date where it is relative.

    ``period_start``/``period_end`` are inclusive; both None when the expression is relative and the
    article has no publication date (never guessed).
    """

    start: int
    end: int
    quote: str
    period_start: date | None
    period_end: date | None
    precision: str  # day, month, quarter, half, year, multi_year, span
    is_relative: bool = False  # "last year", "this year", "In April" (no year written)


@_assigned_at_once
@dataclass(frozen=True)
class Claim:
    """A quantitative claim: one number (or range) with its unit and what it measures."""

    start: int
    end: int
    quote: str
    value: float  # base units: $9 billion -> 9e9; a signed growth: "a 30% decrease" -> -30
    unit: str  # ISO 4217 (USD, EUR, AZN, ...), t, TEU, km, km2, day, percent, count, times
    metric: str  # snake_case: trade_turnover, exports, imports, investment, cargo_volume, ...
    value_high: float | None = None  # upper end of a range ("6-6.5 million tons"); None otherwise
    subject: str | None = None  # entity id
    counterpart: str | None = None  # entity id
    period_start: date | None = None
    period_end: date | None = None
    is_forecast: bool = False
    qualifier: str = "exact"  # exact, over, about, up_to, under
    attribution: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@_assigned_at_once
@dataclass(frozen=True)
class Event:
    """A diplomatic event: a visit, a summit, a signing or a meeting."""

    start: int
    end: int
    quote: str
    event_type: str  # visit, summit, agreement_signed, meeting
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None  # day, month, year (None when unresolved)
    actors: tuple[str, ...] = field(default_factory=tuple)  # entity ids
    location: str | None = None  # entity id of the place, or the place name as written
    n_documents: int | None = None
    document_names: tuple[str, ...] = field(default_factory=tuple)


@_assigned_at_once
@dataclass(frozen=True)
class SectorTag:
    """One sentence and the sectors its words point to (possibly none)."""

    start: int
    end: int
    quote: str
    sectors: tuple[str, ...]
