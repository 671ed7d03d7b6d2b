"""The Arrow assembly's parts that a whole-folder test may not reach: texts by article id."""

import pyarrow as pa
import pytest

from newsledger.ingest import assemble
from newsledger.ingest.assemble import ArticleTexts

PREVIOUS = pa.table({"article_id": [f"a{n}" for n in range(6)], "text": [f"text {n}" for n in range(6)]})
NEW = {"n1": "new one", "n2": "new two"}


@pytest.mark.parametrize("stitched_pieces", [assemble.MAX_STITCHED_PIECES, 0])  # 0: taken row by row
@pytest.mark.parametrize("ids", [
    ["a0", "a1", "a2", "a3", "a4", "a5"],  # the last run's order
    ["a0", "a1", "n1", "a3", "a4", "a5"],  # one article replaced by a new one
    ["n2", "a2", "a3", "a0", "n1", "a5", "a4", "a1"],  # new ones first, moved, last
    ["a5", "a4", "a3", "a2", "a1", "a0"],  # reversed
    ["a3", "a3", "n1"],  # repeated
    [],
])
def test_a_column_of_texts_is_each_articles_text_in_the_order_asked(monkeypatch, stitched_pieces, ids):
    monkeypatch.setattr(assemble, "MAX_STITCHED_PIECES", stitched_pieces)
    texts = {**dict(zip(PREVIOUS["article_id"].to_pylist(), PREVIOUS["text"].to_pylist())), **NEW}
    column = ArticleTexts(PREVIOUS, NEW).column(pa.array(ids, pa.string()))
    assert column.type == pa.string() and column.to_pylist() == [texts[article_id] for article_id in ids]


def test_texts_without_a_previous_table_and_an_unknown_id():
    texts = ArticleTexts(None, NEW)
    assert texts(["n2", "n1"]) == ["new two", "new one"]
    with pytest.raises(KeyError):
        ArticleTexts(PREVIOUS, NEW).column(pa.array(["a1", "nowhere"]))


def test_texts_asked_a_few_at_a_time_are_those_of_the_column():
    texts = ArticleTexts(PREVIOUS, NEW)
    ids = ["n1", "a4", "a0", "n2", "a4"]
    assert texts(ids) == texts.column(pa.array(ids)).to_pylist() == ["new one", "text 4", "text 0", "new two", "text 4"]
    with pytest.raises(KeyError):
        texts(["a1", "nowhere"])
