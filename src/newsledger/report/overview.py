"""The corpus overview: what the report says about the articles themselves."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .figures import FigureResult


def articles_by_outlet_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet and publication month (undated articles under "undated")."""
    if articles.empty:
        return pd.DataFrame(columns=["outlet", "month", "n_articles"])
    month = articles["published"].dt.strftime("%Y-%m").fillna("undated")
    outlet = articles["outlet"].fillna("(unknown outlet)")
    counts = pd.DataFrame({"outlet": outlet, "month": month}).value_counts().rename("n_articles").reset_index()
    return counts.sort_values(["month", "outlet"]).reset_index(drop=True)


def coverage(articles: pd.DataFrame) -> dict:
    dated = articles["published"].dropna()
    return {
        "n_articles": int(len(articles)),
        "n_original_articles": int(articles["duplicate_of"].isna().sum()),
        "n_words": int(articles["n_words"].sum()),
        "n_outlets": int(articles["outlet"].nunique()),
        "first_published": dated.min().date().isoformat() if len(dated) else None,
        "last_published": dated.max().date().isoformat() if len(dated) else None,
        "n_undated": int(articles["published"].isna().sum()),
    }


def manifest_counts(manifest: pd.DataFrame) -> pd.DataFrame:
    counts = manifest["status"].value_counts()
    return pd.DataFrame({"status": ["ingested", "duplicate", "rejected"]}).assign(
        n_items=lambda f: [int(counts.get(s, 0)) for s in f["status"]]
    )


def figure_articles_per_month(by_month: pd.DataFrame) -> FigureResult:
    """Bar chart of articles per month, stacked by outlet."""
    figure = Figure(figsize=(8, 3.2), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    if by_month.empty:
        axes.text(0.5, 0.5, "no articles", ha="center", va="center")
        axes.set_axis_off()
        return FigureResult(figure, by_month, "No articles were ingested.", "An empty chart: no articles.")
    pivot = by_month.pivot_table(index="month", columns="outlet", values="n_articles", aggfunc="sum", fill_value=0).sort_index()
    bottom = None
    for outlet in pivot.columns:
        axes.bar(pivot.index, pivot[outlet], bottom=bottom, label=outlet)
        bottom = pivot[outlet] if bottom is None else bottom + pivot[outlet]
    axes.set_ylabel("articles")
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(fontsize="small", frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    total = int(pivot.to_numpy().sum())
    caption = f"Articles per publication month and outlet ({total} articles; the table below gives the counts)."
    alt = f"Stacked bar chart of {total} articles over {len(pivot)} months, by outlet."
    return FigureResult(figure, by_month, caption, alt)
