"""Files a reader can take away: the ledger, checks and events as CSV, and the cited sources as CSL-JSON.

CSV files have the columns in the order the schema declares them and rows in a fixed order, lists
joined with ``; `` and dates as ISO 8601, so that the same tables give the same bytes. The sources
list is CSL-JSON (what Zotero, pandoc and citeproc read): one item per cited article, its id the
``article_id`` used in every evidence column. Every file is written to a temporary file beside the
target and moved into place in one rename: a reader never sees half a file.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from ..atomic import write_text_atomic
from ..schemas import TABLES
from ..analyze.periods import as_date
from ..analyze.sources import clean

LIST_SEPARATOR = "; "

# The rows' order in each export: the table's own key first, then whatever makes the order total.
CSV_ORDER = {
    "ledger": ["indicator_id", "period_start", "period_end", "is_forecast", "fact_id"],
    "checks": ["check_type", "evidence_article_id", "evidence_start", "check_id"],
    "timeline": ["date_start", "event_type", "article_id", "start", "event_id"],
}
# Columns of each table whose article ids count as citations.
CITING_COLUMNS = {
    "ledger": ("evidence_article_id", "article_ids"),
    "checks": ("evidence_article_id", "article_ids"),
    "timeline": ("article_id",),
}


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def table_to_csv(frame: pd.DataFrame, name: str | None = None, sort_by: list[str] | None = None) -> str:
    """The table as CSV text: schema column order (when ``name`` is a known table), sorted rows."""
    columns = TABLES[name].columns if name in TABLES else list(frame.columns)
    columns = [c for c in columns if c in frame.columns]
    order = [c for c in (sort_by if sort_by is not None else CSV_ORDER.get(name or "", columns)) if c in frame.columns]
    out = frame[columns]
    if len(out) and order:
        out = out.sort_values(order, na_position="last", kind="stable")
    out = out.apply(lambda column: column.map(_cell)) if len(out) else out
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame, path: str | Path, name: str | None = None, sort_by: list[str] | None = None) -> Path:
    """Write ``frame`` as CSV to ``path`` atomically (see ``table_to_csv``)."""
    return write_text_atomic(path, table_to_csv(frame, name, sort_by))


def cited_article_ids(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every article an evidence column of the given tables points at, sorted."""
    cited: set[str] = set()
    for name, frame in tables.items():
        if frame is None or frame.empty:
            continue
        for column in CITING_COLUMNS.get(name, ()):
            if column not in frame:
                continue
            for value in frame[column]:
                if isinstance(value, (list, tuple)):
                    cited.update(str(v) for v in value)
                elif clean(value) is not None:
                    cited.add(str(value))
    return sorted(cited)


def csl_item(article: dict) -> dict:
    """One article as a CSL-JSON item: the URL when the source is one, else a note with the file's path."""
    item: dict = {"id": str(article["article_id"]), "type": "article-newspaper"}
    title = clean(article.get("title"))
    item["title"] = str(title) if title else "(untitled article)"
    outlet = clean(article.get("outlet"))
    if outlet:
        item["container-title"] = str(outlet)
    day = as_date(article.get("published"))
    if day is not None:
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    url = clean(article.get("url"))
    source = str(clean(article.get("source")) or "")
    if not url and source.startswith(("http://", "https://")):
        url = source
    if url:
        item["URL"] = str(url)
    else:
        item["note"] = f"file: {clean(article.get('path')) or source}"
    return item


def sources_csl_json(articles: pd.DataFrame, article_ids: list[str]) -> str:
    """CSL-JSON text for the given articles, in id order; ids missing from ``articles`` are skipped."""
    wanted = set(article_ids)
    rows = [] if articles is None or articles.empty else [r for r in articles.to_dict("records") if r["article_id"] in wanted]
    items = sorted((csl_item(r) for r in rows), key=lambda item: item["id"])
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_sources(articles: pd.DataFrame, article_ids: list[str], path: str | Path) -> Path:
    return write_text_atomic(path, sources_csl_json(articles, article_ids))


def write_exports(tables: dict[str, pd.DataFrame], articles: pd.DataFrame, folder: str | Path) -> dict[str, Path]:
    """Write ``ledger.csv``, ``checks.csv``, ``events.csv`` (the timeline) and ``sources.json`` into ``folder``.

    ``tables`` is what ``run_analysis`` returns (missing tables are written empty, with their header).
    """
    folder = Path(folder)
    written: dict[str, Path] = {}
    for name, filename in (("ledger", "ledger.csv"), ("checks", "checks.csv"), ("timeline", "events.csv")):
        frame = tables.get(name)
        if frame is None:
            frame = pd.DataFrame(columns=TABLES[name].columns)
        written[name] = write_csv(frame, folder / filename, name)
    cited = cited_article_ids({k: tables.get(k) for k in CITING_COLUMNS})
    written["sources"] = write_sources(articles, cited, folder / "sources.json")
    return written


__all__ = [
    "table_to_csv", "write_csv", "cited_article_ids", "csl_item", "sources_csl_json", "write_sources", "write_exports",
]
