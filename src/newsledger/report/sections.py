"""The report's sections as escaped HTML: headline, evidence tables, method. Every number shown here
is read from the tables; every article-derived string is escaped."""

from __future__ import annotations

import html
from urllib.parse import urlparse

import pandas as pd
from IPython.display import HTML

HEADLINE_METRICS = ("trade_turnover", "cargo_volume", "investment", "exports", "imports", "container_volume")
PROBLEM_VERDICTS = ("inconsistent", "conflict", "forecast_missed")


def _article_lookup(articles: pd.DataFrame) -> dict[str, dict]:
    return articles.set_index("article_id")[["source", "path", "url", "outlet", "published", "title"]].to_dict("index")


def citation_html(article: dict | None) -> str:
    """Outlet, date and a link to the article: its url when it is a web address, else its raw file."""
    if not article:
        return ""
    outlet = html.escape(str(article["outlet"])) if pd.notna(article["outlet"]) else "unknown outlet"
    published = article["published"].date().isoformat() if pd.notna(article["published"]) else "undated"
    url = article["url"] if pd.notna(article["url"]) else None
    if url and urlparse(url).scheme in ("http", "https"):
        link = f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
    else:
        link = f"<code>data/raw/{html.escape(str(article['path']))}</code>"
    return f"{outlet}, {published}, {link}"


def evidence_table(frame: pd.DataFrame, articles: pd.DataFrame, columns: dict[str, str], article_column: str = "evidence_article_id",
                   quote_column: str = "evidence_quote", caption: str | None = None, max_rows: int = 100) -> HTML:
    """A table of ``columns`` (name -> heading) plus, for each row, the quote and its source."""
    lookup = _article_lookup(articles)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in columns.values()) + "<th>evidence</th><th>source</th>"
    rows = []
    for record in frame.head(max_rows).to_dict("records"):
        cells = "".join(f"<td>{_cell(record.get(c))}</td>" for c in columns)
        quote = f"&ldquo;{html.escape(str(record[quote_column]))}&rdquo;" if pd.notna(record.get(quote_column)) else ""
        rows.append(f"<tr>{cells}<td>{quote}</td><td>{citation_html(lookup.get(record.get(article_column)))}</td></tr>")
    title = f"<p><strong>{html.escape(caption)}</strong></p>" if caption else ""
    more = f"<p>Showing {max_rows} of {len(frame)} rows; all rows are in the CSV files beside this report.</p>" if len(frame) > max_rows else ""
    if frame.empty:
        return HTML(title + "<p>None in this corpus.</p>")
    return HTML(f'{title}<table class="newsledger-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}')


def _cell(value) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (list, tuple)):
        return html.escape(", ".join(map(str, value)))
    if isinstance(value, float):
        return f"{value:,.6g}"
    return html.escape(str(value))


def headline_facts(ledger: pd.DataFrame, n: int = 6) -> pd.DataFrame:
    """The key figures: actuals of the headline metrics, best corroborated first, then the most recent."""
    if ledger.empty:
        return ledger
    actual = ledger[~ledger["is_forecast"] & ledger["metric"].isin(HEADLINE_METRICS)].copy()
    actual["_rank"] = actual["metric"].map({m: i for i, m in enumerate(HEADLINE_METRICS)})
    actual = actual.sort_values(["n_original_articles", "period_end", "_rank", "fact_id"], ascending=[False, False, True, True])
    return actual.drop(columns="_rank").head(n)


def headline(ledger: pd.DataFrame, checks: pd.DataFrame, articles: pd.DataFrame, coverage: dict) -> HTML:
    lookup = _article_lookup(articles)
    if coverage["first_published"]:
        period = f"published {html.escape(coverage['first_published'])} to {html.escape(coverage['last_published'])}"
    else:
        period = "none with a publication date"
    parts = [
        f"<p>{coverage['n_articles']} articles from {coverage['n_outlets']} outlets, {period}; "
        f"{len(ledger)} distinct facts in the ledger, {len(checks)} checks.</p>"
    ]
    facts = headline_facts(ledger)
    if facts.empty:
        parts.append("<p>No quantitative facts were found in this corpus.</p>")
    else:
        items = "".join(
            f"<li><strong>{html.escape(str(r['value_text']))}</strong>: {html.escape(str(r['indicator_label']))}, "
            f"{html.escape(str(r['period_label']))} (stated by {int(r['n_original_articles'])} original article(s); "
            f"{citation_html(lookup.get(r['evidence_article_id']))})</li>"
            for r in facts.to_dict("records")
        )
        parts.append(f"<p>Key figures:</p><ul>{items}</ul>")
    problems = checks[checks["verdict"].isin(PROBLEM_VERDICTS)] if not checks.empty else checks
    if problems.empty:
        parts.append("<p>No check failed and no two sources conflict.</p>")
    else:
        items = "".join(f"<li>{html.escape(str(r['verdict']))}: {html.escape(str(r['explanation']))}</li>" for r in problems.to_dict("records"))
        parts.append(f"<p>Checks that failed or conflict:</p><ul>{items}</ul>")
    return HTML("".join(parts))


def headline_indicators(series: pd.DataFrame, n: int = 3) -> list[str]:
    """The indicators worth a chart: one per headline metric first (the one with the most points and
    sources), then further indicators of the same metrics."""
    if series.empty:
        return []
    rank = {m: i for i, m in enumerate(HEADLINE_METRICS)}
    summary = series.groupby("indicator_id").agg(
        metric=("metric", "first"), n_points=("fact_id", "count"), n_sources=("n_original_articles", "sum")
    ).reset_index()
    summary["metric_rank"] = summary["metric"].map(rank).fillna(len(rank))
    summary = summary.sort_values(["metric_rank", "n_points", "n_sources", "indicator_id"], ascending=[True, False, False, True])
    # The best indicator of each metric first, so the charts show different measures before more of one.
    summary["nth_of_metric"] = summary.groupby("metric").cumcount()
    summary = summary.sort_values(["nth_of_metric", "metric_rank"], kind="stable")
    return summary["indicator_id"].head(n).tolist()
