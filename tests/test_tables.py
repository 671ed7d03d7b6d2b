import pandas as pd
import pytest

from newsledger import tables
from newsledger.schemas import TABLES


def _manifest(**overrides):
    row = {"source": "a.txt", "path": "a.txt", "record": None, "format": "txt", "n_bytes": 3, "status": "ingested",
           "reason": None, "article_id": "abc", "duplicate_of": None}
    row.update(overrides)
    return pd.DataFrame([row])


def test_round_trip_keeps_types_and_values(tmp_path):
    tables.write_table(_manifest(record=2), "manifest", tmp_path)
    back = tables.read_table("manifest", tmp_path)
    assert list(back.columns) == TABLES["manifest"].columns
    assert back.loc[0, "record"] == 2 and str(back["record"].dtype) == "Int64"
    assert back.loc[0, "status"] == "ingested" and pd.isna(back.loc[0, "reason"])


def test_dates_and_lists_round_trip(tmp_path):
    events = tables.empty_frame("events")
    row = {c: None for c in events.columns}
    row.update(event_id="e1", article_id="a", start=0, end=5, quote="visit", event_type="visit",
               date_start=pd.Timestamp("2024-07-06"), date_end=pd.Timestamp("2024-07-06"), date_precision="day",
               actors=["AZE", "KAZ"], document_names=[])
    tables.write_table(pd.DataFrame([row]), "events", tmp_path)
    back = tables.read_table("events", tmp_path)
    assert back.loc[0, "actors"] == ["AZE", "KAZ"]
    assert back.loc[0, "document_names"] == []
    assert back.loc[0, "date_start"] == pd.Timestamp("2024-07-06")


def test_value_outside_vocabulary_is_refused(tmp_path):
    with pytest.raises(tables.TableError, match="status"):
        tables.write_table(_manifest(status="lost"), "manifest", tmp_path)
    assert not (tmp_path / "manifest.parquet").exists()


def test_missing_and_undeclared_columns_are_named(tmp_path):
    with pytest.raises(tables.TableError, match="missing columns: reason"):
        tables.write_table(_manifest().drop(columns=["reason"]), "manifest", tmp_path)
    with pytest.raises(tables.TableError, match="undeclared columns: extra"):
        tables.write_table(_manifest().assign(extra=1), "manifest", tmp_path)


def test_missing_table_says_which_stage_to_run(tmp_path):
    with pytest.raises(tables.TableError, match=r"articles.parquet not found .* run the stage that writes it \(ingest\)"):
        tables.read_table("articles", tmp_path)


def test_corrupt_table_gives_one_readable_message(tmp_path):
    (tmp_path / "manifest.parquet").write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(tables.TableError, match="manifest.parquet is unreadable"):
        tables.read_table("manifest", tmp_path)


def test_writing_the_same_table_twice_gives_the_same_bytes(tmp_path):
    first = tables.write_table(_manifest(), "manifest", tmp_path / "one").read_bytes()
    second = tables.write_table(_manifest(), "manifest", tmp_path / "two").read_bytes()
    assert first == second


def test_span_mismatches_finds_a_wrong_quote():
    articles = pd.DataFrame({"article_id": ["a"], "text": ["Trade reached $9 billion."]})
    spans = pd.DataFrame({"article_id": ["a", "a"], "start": [14, 14], "end": [24, 24], "quote": ["$9 billion", "$9 billio"]})
    bad = tables.span_mismatches(spans, articles)
    assert bad["quote"].tolist() == ["$9 billio"]


def test_every_table_declares_described_columns():
    for spec in TABLES.values():
        assert spec.fields, spec.name
        for field in spec.fields:
            assert field.description.strip(), f"{spec.name}.{field.name} has no description"
        if spec.span_checked:
            assert {"article_id", "start", "end", "quote"} <= set(spec.columns), spec.name


def test_a_filtered_frame_keeps_its_rows_aligned(tmp_path):
    frame = pd.concat([_manifest(source="a.txt"), _manifest(source="b.txt", status="rejected")], ignore_index=True)
    kept = frame[frame["status"] == "rejected"]  # index [1]
    tables.write_table(kept, "manifest", tmp_path)
    assert tables.read_table("manifest", tmp_path)["source"].tolist() == ["b.txt"]


def test_evidence_spans_are_checked_with_their_prefix():
    articles = pd.DataFrame({"article_id": ["a"], "text": ["Cargo reached 2.8 million tons."]})
    cited = pd.DataFrame({"evidence_article_id": ["a", "a", None], "evidence_start": [14, 14, 0], "evidence_end": [30, 29, 0],
                          "evidence_quote": ["2.8 million tons", "2.8 million ton.", ""]})
    assert tables.span_mismatches(cited, articles, "evidence_")["evidence_quote"].tolist() == ["2.8 million ton."]
    assert tables.span_column_prefixes("ledger") == ["evidence_"]
    assert tables.span_column_prefixes("claims") == [""]


def test_a_table_can_be_read_in_part_checked_against_its_schema(tmp_path):
    rows = pd.concat([_manifest(source="a.txt", status="ingested"), _manifest(source="b.txt", status="rejected", reason="empty",
                                                                              article_id=None)])
    tables.write_table(rows, "manifest", tmp_path)
    part = tables.read_table("manifest", tmp_path, columns=["status", "source"], where=[("status", "==", "rejected")])
    assert list(part.columns) == ["source", "status"]  # in the table's order
    assert part.to_dict("records") == [{"source": "b.txt", "status": "rejected"}]
    with pytest.raises(tables.TableError, match="no columns nonsense"):
        tables.read_table("manifest", tmp_path, columns=["nonsense"])


def test_check_readable_refuses_a_cut_short_table_without_reading_its_rows(tmp_path):
    tables.write_table(_manifest(), "manifest", tmp_path)
    tables.check_readable("manifest", tmp_path)
    path = tables.table_path("manifest", tmp_path)
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(tables.TableError, match="manifest.parquet is unreadable"):
        tables.check_readable("manifest", tmp_path)
    with pytest.raises(tables.TableError, match="run the stage that writes it"):
        tables.check_readable("articles", tmp_path)


def test_list_columns_of_other_items_are_converted_to_strings(tmp_path):
    events = tables.empty_frame("events")
    row = {c: None for c in events.columns}
    row.update(event_id="e1", article_id="a", start=0, end=5, quote="visit", event_type="visit", actors=("AZE", 7),
               document_names=None)
    conformed = tables.conform(pd.DataFrame([row]), "events")
    assert conformed.loc[0, "actors"] == ["AZE", "7"] and conformed.loc[0, "document_names"] == []


def _event_columns(**overrides) -> dict[str, list]:
    from datetime import date

    row = {"event_id": "e1", "article_id": "a", "start": 0, "end": 5, "quote": "visit", "event_type": "visit",
           "date_start": date(2024, 7, 6), "date_end": date(2024, 7, 6), "date_precision": "day", "actors": ("AZE", "KAZ"),
           "location": None, "n_documents": None, "document_names": ()}
    columns = {name: [value] for name, value in row.items()}
    columns.update(overrides)
    return columns


def test_arrow_table_from_columns_writes_the_bytes_of_write_table(tmp_path):
    from newsledger import engine

    columns = _event_columns(event_id=["e1", "e2"], article_id=["a", "a"], start=[0, 9], end=[5, 14], quote=["visit", "talks"],
                             event_type=["visit", "meeting"], date_start=[None, None], date_end=[None, None], date_precision=[None, None],
                             actors=[("AZE",), ()], location=["Baku", None], n_documents=[None, 3], document_names=[(), ("memorandum",)])
    engine.write_arrow(tables.arrow_table(columns, "events"), "events", tmp_path / "arrow")
    frame = pd.DataFrame({name: [list(v) if isinstance(v, tuple) else v for v in values] for name, values in columns.items()})
    tables.write_table(frame, "events", tmp_path / "frame")
    assert (tmp_path / "arrow" / "events.parquet").read_bytes() == (tmp_path / "frame" / "events.parquet").read_bytes()


@pytest.mark.parametrize("overrides, message", [
    ({"event_type": ["parade"]}, r"event_type: isin\(.*\(e.g. 'parade'\)"),
    ({"quote": [None]}, r"quote: not_nullable \(1 missing values\)"),
    ({"actors": [("AZE", None)]}, "actors: must be a list of strings"),
    ({"start": ["zero"]}, "start: values of the wrong type"),
    ({"event_id": ["e1", "e1"], **{k: v * 2 for k, v in _event_columns().items() if k != "event_id"}}, "event_id: field_uniqueness"),
])
def test_arrow_table_refuses_what_the_schema_refuses_and_names_the_column(overrides, message):
    with pytest.raises(tables.TableError, match=message):
        tables.arrow_table(_event_columns(**overrides), "events")


def test_arrow_table_names_a_missing_column_and_ignores_extra_ones():
    columns = _event_columns(extra=["not a column"])
    assert tables.arrow_table(columns, "events").column_names == TABLES["events"].columns
    del columns["location"]
    with pytest.raises(tables.TableError, match="missing columns: location"):
        tables.arrow_table(columns, "events")
