"""The span types: frozen, picklable, and their written ``__init__`` held to their fields (see ``spans``)."""

import copy
import dataclasses
import pickle
from datetime import date

import pytest

from newsledger.annotate import spans

EXAMPLES = [
    spans.ArticleContext("a1", date(2024, 9, 4)),
    spans.Sentence(0, 4, "Baku"),
    spans.Mention(0, 4, "Baku", "place:baku", "place", "Baku"),
    spans.TimeExpression(3, 12, "last year", date(2023, 1, 1), date(2023, 12, 31), "year", True),
    spans.Claim(0, 9, "$2bn", 2e9, "USD", "investment", subject="AZ", period_start=date(2024, 1, 1), is_forecast=True),
    spans.Event(5, 10, "visit", "visit", actors=("AZ", "KZ"), document_names=("a memorandum",)),
    spans.SectorTag(0, 4, "Baku", ("energy",)),
]


@pytest.mark.parametrize("span", EXAMPLES, ids=lambda span: type(span).__name__)
def test_a_span_survives_pickling_and_copying_and_stays_frozen(span):
    for again in (pickle.loads(pickle.dumps(span)), copy.copy(span), copy.deepcopy(span)):
        assert again == span and type(again) is type(span) and hash(again) == hash(span)
        assert dataclasses.astuple(again) == dataclasses.astuple(span)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.quote = "changed"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda span: type(span).__name__)
def test_the_defaults_are_the_fields_defaults(example):
    span_type = type(example)
    required = [f for f in dataclasses.fields(span_type) if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    made = span_type(*(getattr(example, f.name) for f in required))
    for f in dataclasses.fields(span_type):
        if f.default is not dataclasses.MISSING:
            assert getattr(made, f.name) == f.default, f.name
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(made, f.name) == f.default_factory(), f.name


def test_a_written_init_that_leaves_its_fields_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Drifted(spans._Span):
        start: int
        names: tuple[str, ...] = dataclasses.field(default_factory=tuple)

        def __init__(self, start: int, names: tuple[str, ...] = ("one",)) -> None:
            raise AssertionError("never called")

    with pytest.raises(TypeError, match=r"Drifted.__init__ takes .*names.*'one'.*its fields are .*names.*= \(\)"):
        spans._assigned_at_once(Drifted)


def _distinct_values(span_type, table: str) -> dict:
    """A value of its column's type (the table schema's) for each field, no two alike (a bool is
    the one field of its type)."""
    from newsledger import tables

    dtypes = {f.name: f.dtype for f in tables.spec(table).fields}
    made = {}
    for k, f in enumerate(dataclasses.fields(span_type), 1):
        made[f.name] = {"int64": k, "float64": k + 0.5, "bool": True, "date": date(2000 + k, 1, 1),
                        "list[string]": (f"item{k}",), "string": f"text{k}"}[dtypes[f.name]]
    return made


@pytest.mark.parametrize("span_type, table", [(spans.Mention, "mentions"), (spans.Claim, "claims"), (spans.Event, "events"),
                                               (spans.SectorTag, "sectors")], ids=lambda t: getattr(t, "__name__", t))
def test_a_table_span_row_is_its_fields_in_order(span_type, table):
    """``row`` is written out per type for the compiled gather (``extend_columns``): held to the fields here."""
    values = _distinct_values(span_type, table)
    span = span_type(**values)
    assert span.row() == tuple(values[f.name] for f in dataclasses.fields(span_type))
    columns = [[] for _ in values]
    spans.extend_columns(columns, [span, span])
    assert columns == [[value, value] for value in values.values()]
