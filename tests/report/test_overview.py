import pandas as pd

from newsledger.report import overview
from newsledger.report.embed import figure_html, table_html


def _articles():
    return pd.DataFrame({
        "outlet": ["Trend", "Trend", None],
        "published": pd.to_datetime(["2024-09-04", "2024-09-20", None]).astype("datetime64[ms]"),
        "n_words": [100, 200, 50],
        "duplicate_of": [None, "a1", None],
    })


def test_articles_by_outlet_month_counts_undated_and_unknown_outlets():
    counts = overview.articles_by_outlet_month(_articles())
    assert counts.to_dict("records") == [
        {"outlet": "Trend", "month": "2024-09", "n_articles": 2},
        {"outlet": "(unknown outlet)", "month": "undated", "n_articles": 1},
    ]


def test_coverage_counts_originals_words_and_dates():
    assert overview.coverage(_articles()) == {
        "n_articles": 3, "n_original_articles": 2, "n_words": 350, "n_outlets": 1,
        "first_published": "2024-09-04", "last_published": "2024-09-20", "n_undated": 1,
    }


def test_figure_and_table_html_escape_and_embed():
    result = overview.figure_articles_per_month(overview.articles_by_outlet_month(_articles()))
    html = figure_html(result).data
    assert html.startswith('<figure><img src="data:image/png;base64,') and 'alt="Stacked bar chart of 3 articles' in html
    table = table_html(pd.DataFrame({"title": ["<script>x</script>"]}), "Titles").data
    assert "<script>" not in table and "&lt;script&gt;" in table
