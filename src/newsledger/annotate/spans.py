"""The span types every annotator returns.

An annotator is a plain function ``(text, ...) -> list[Span-like]``. Every span carries the
character offsets ``start``/``end`` into the article's normalised text, so that
``text[start:end] == quote`` always holds. Composition happens in ``annotate.article``.

Each type writes its ``__init__`` out, for the compiled build (``native``): mypyc compiles a
method written in the source to C that stores each field in the object's own slot, while the one
``dataclass`` generates stays interpreted Python that goes through ``object.__setattr__``. The
annotators build a span per sentence, mention and time expression, some 240 per article of the
scale benchmark: compiled spans took the annotators from 3,337M to 3,057M instructions over 300
of its articles (callgrind, -8.4%; the fields are read in C too). As Python, the written
``__init__`` would meet the frozen class's ``__setattr__``: there ``_assigned_at_once`` puts one
in its place, after checking that the written one takes the fields, in order, with their defaults.
"""

from __future__ import annotations

import inspect
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any


def _assigned_at_once(cls: Any) -> None:
    """As Python, replace a span type's written ``__init__`` by one that fills the instance dict directly.

    The one ``dataclass`` would generate sets each field through ``object.__setattr__`` (frozen
    classes refuse plain assignment): about five times slower. Same parameters, defaults and factories."""
    written = [str(p) for p in inspect.signature(cls.__init__).parameters.values()][1:]
    declared = [str(inspect.Parameter(f.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=f.default_factory()
                                      if f.default_factory is not MISSING else f.default if f.default is not MISSING
                                      else inspect.Parameter.empty, annotation=f.type)) for f in fields(cls)]
    if written != declared:
        raise TypeError(f"{cls.__name__}.__init__ takes ({', '.join(written)}); its fields are ({', '.join(declared)})")
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
    init: Any = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init


class _Span:
    """What the span types share: pickling by their constructor. Compiled, the frozen class's
    ``__setattr__`` would refuse the attribute-by-attribute restore that pickle does by default."""

    def __reduce__(self) -> tuple[type, tuple]:
        return type(self), self.row()

    def row(self) -> tuple[object, ...]:
        """The span's fields in their order: its constructor's arguments, and its row in its table
        (the four table types write it out for the compiled gathering, ``extend_columns``)."""
        record: Any = self
        return tuple(getattr(self, f.name) for f in fields(record))


@dataclass(frozen=True)
class ArticleContext(_Span):
    """What an annotator may know about an article besides its text."""

    article_id: str
    published: date | None = None

    def __init__(self, article_id: str, published: date | None = None) -> None:
        self.article_id = article_id  # type: ignore[misc]
        self.published = published  # type: ignore[misc]


@dataclass(frozen=True)
class Sentence(_Span):
    start: int
    end: int
    quote: str

    def __init__(self, start: int, end: int, quote: str) -> None:
        self.start = start  # type: ignore[misc]
        self.end = end  # type: ignore[misc]
        self.quote = quote  # type: ignore[misc]


@dataclass(frozen=True)
class Mention(_Span):
    """A gazetteer entity found in the text."""

    start: int
    end: int
    quote: str
    entity_id: str
    entity_type: str  # country, person, organisation, infrastructure, place, region
    surface: str  # the alias as written in the gazetteer that matched (quote is what the text says)

    def __init__(self, start: int, end: int, quote: str, entity_id: str, entity_type: str, surface: str) -> None:
        self.start = start  # type: ignore[misc]
        self.end = end  # type: ignore[misc]
        self.quote = quote  # type: ignore[misc]
        self.entity_id = entity_id  # type: ignore[misc]
        self.entity_type = entity_type  # type: ignore[misc]
        self.surface = surface  # type: ignore[misc]

    def row(self) -> tuple[object, ...]:
        return (self.start, self.end, self.quote, self.entity_id, self.entity_type, self.surface)


@dataclass(frozen=True)
class TimeExpression(_Span):
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

    def __init__(self, start: int, end: int, quote: str, period_start: date | None, period_end: date | None, precision: str, is_relative: bool = False) -> None:
        self.start = start  # type: ignore[misc]
        self.end = end  # type: ignore[misc]
        self.quote = quote  # type: ignore[misc]
        self.period_start = period_start  # type: ignore[misc]
        self.period_end = period_end  # type: ignore[misc]
        self.precision = precision  # type: ignore[misc]
        self.is_relative = is_relative  # type: ignore[misc]


@dataclass(frozen=True)
class Claim(_Span):
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

    def __init__(self, start: int, end: int, quote: str, value: float, unit: str, metric: str, value_high: float | None = None, subject: str | None = None, counterpart: str | None = None, period_start: date | None = None, period_end: date | None = None, is_forecast: bool = False, qualifier: str = 'exact', attribution: str | None = None, sentence_start: int = 0, sentence_end: int = 0) -> None:
        self.start = start  # type: ignore[misc]
        self.end = end  # type: ignore[misc]
        self.quote = quote  # type: ignore[misc]
        self.value = value  # type: ignore[misc]
        self.unit = unit  # type: ignore[misc]
        self.metric = metric  # type: ignore[misc]
        self.value_high = value_high  # type: ignore[misc]
        self.subject = subject  # type: ignore[misc]
        self.counterpart = counterpart  # type: ignore[misc]
        self.period_start = period_start  # type: ignore[misc]
        self.period_end = period_end  # type: ignore[misc]
        self.is_forecast = is_forecast  # type: ignore[misc]
        self.qualifier = qualifier  # type: ignore[misc]
        self.attribution = attribution  # type: ignore[misc]
        self.sentence_start = sentence_start  # type: ignore[misc]
        self.sentence_end = sentence_end  # type: ignore[misc]

    def row(self) -> tuple[object, ...]:
        return (self.start, self.end, self.quote, self.value, self.unit, self.metric, self.value_high, self.subject,
                self.counterpart, self.period_start, self.period_end, self.is_forecast, self.qualifier, self.attribution,
                self.sentence_start, self.sentence_end)


@dataclass(frozen=True)
class Event(_Span):
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

    def __init__(self, start: int, end: int, quote: str, event_type: str, date_start: date | None = None, date_end: date | None = None, date_precision: str | None = None, actors: tuple[str, ...] = (), location: str | None = None, n_documents: int | None = None, document_names: tuple[str, ...] = ()) -> None:
        self.start = start  # type: ignore[misc]
        self.end = end  # type: ignore[misc]
        self.quote = quote  # type: ignore[misc]
        self.event_type = event_type  # type: ignore[misc]
        self.date_start = date_start  # type: ignore[misc]
        self.date_end = date_end  # type: ignore[misc]
        self.date_precision = date_precision  # type: ignore[misc]
        self.actors = actors  # type: ignore[misc]
        self.location = location  # type: ignore[misc]
        self.n_documents = n_documents  # type: ignore[misc]
        self.document_names = document_names  # type: ignore[misc]

    def row(self) -> tuple[object, ...]:
        return (self.start, self.end, self.quote, self.event_type, self.date_start, self.date_end, self.date_precision,
                self.actors, self.location, self.n_documents, self.document_names)


@dataclass(frozen=True)
class SectorTag(_Span):
    """One sentence and the sectors its words point to (possibly none)."""

    start: int
    end: int
    quote: str
    sectors: tuple[str, ...]

    def __init__(self, start: int, end: int, quote: str, sectors: tuple[str, ...]) -> None:
        self.start = start  # type: ignore[misc]
        self.end = end  # type: ignore[misc]
        self.quote = quote  # type: ignore[misc]
        self.sectors = sectors  # type: ignore[misc]

    def row(self) -> tuple[object, ...]:
        return (self.start, self.end, self.quote, self.sectors)


def extend_columns(columns: list[list[object]], spans: list[_Span]) -> None:
    """Append each span's fields to ``columns``, one list per field in the fields' order.

    Compiled, each span's row is read from its slots in C and each value goes straight to its list,
    where ``map(attrgetter(name), spans)`` per field looked every attribute up by name: gathering the
    spans of 500 scale articles took 0.047 s of their 1.81 s of annotating that way."""
    n_columns = len(columns)
    for span in spans:
        row = span.row()
        for i in range(n_columns):
            columns[i].append(row[i])


if __file__.endswith(".py"):  # compiled, each __init__ is already the fast one
    for _span_type in (ArticleContext, Sentence, Mention, TimeExpression, Claim, Event, SectorTag):
        _assigned_at_once(_span_type)
