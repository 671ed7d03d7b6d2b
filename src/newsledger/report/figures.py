"""The report's figures, drawn with plain matplotlib (Agg, no pyplot state) so they are reproducible.

Each function takes a stage-3 table and returns a ``FigureResult``: the figure, the table actually
drawn (for a data table beside the figure and for checking), a caption and an alt text for screen
readers. For an empty input every function still returns a figure, one that says "No data", with a
caption that says why: the report keeps the same layout whatever the corpus holds.

Figures have a fixed size and resolution; ``figure_to_png_bytes`` writes PNGs without timestamps
or version strings, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import math
from typing import NamedTuple

import matplotlib

matplotlib.use("Agg", force=False)  # headless; never replaces a backend a notebook already chose

import pandas as pd  # noqa: E402
from matplotlib import rc_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FIGURE_SIZE_INCHES = (8.0, 4.5)
DPI = 100
_STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "newsledger",
}
# Colour-blind-safe palette (Okabe-Ito), assigned in a fixed order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
_EVENT_MARKERS = {"visit": "o", "summit": "s", "agreement_signed": "D", "meeting": "^"}


class FigureResult(NamedTuple):
    figure: Figure
    table: pd.DataFrame
    caption: str
    alt_text: str


def _new_figure(size: tuple[float, float] = FIGURE_SIZE_INCHES) -> Figure:
    return Figure(figsize=size, dpi=DPI, layout="constrained")


def _no_data(title: str, reason: str, table: pd.DataFrame | None = None) -> FigureResult:
    with rc_context(_STYLE):
        figure = _new_figure()
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.set_title(title)
        axes.text(0.5, 0.5, f"No data\n{reason}", ha="center", va="center", fontsize=12, color="#555555",
                  transform=axes.transAxes)
    caption = f"{title}: no data ({reason})."
    return FigureResult(figure, table if table is not None else pd.DataFrame(), caption, caption)


def figure_to_png_bytes(figure: Figure) -> bytes:
    """The figure as PNG, byte-for-byte reproducible (no software or time stamps in the metadata)."""
    buffer = io.BytesIO()
    with rc_context(_STYLE):
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _scale(values: pd.Series) -> tuple[float, str]:
    largest = float(values.abs().max()) if len(values) else 0.0
    for factor, word in _SCALES:
        if largest >= factor:
            return factor, word
    return 1.0, ""


def _unit_words(unit: str) -> str:
    return {"t": "tonnes", "percent": "%", "count": "count"}.get(unit, unit)


def _midpoint(start: pd.Series, end: pd.Series) -> pd.Series:
    return start + (end - start) / 2


def indicator_series_figure(series: pd.DataFrame, indicator_id: str | None = None) -> FigureResult:
    """One indicator over time: a line per period kind (years, half-years, ...); actuals as filled
    markers on solid lines, forecasts as hollow markers on dashed lines.

    ``indicator_id`` defaults to the indicator with the most dated actual facts.
    """
    title = "Indicator over time"
    if series is None or series.empty:
        return _no_data(title, "no dated figures in the ledger")
    if indicator_id is None:
        actual_counts = series[~series["is_forecast"]].groupby("indicator_id").size()
        counts = actual_counts if len(actual_counts) else series.groupby("indicator_id").size()
        indicator_id = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
    data = series[series["indicator_id"] == indicator_id].copy()
    if data.empty:
        return _no_data(title, f"no figures for {indicator_id}")
    label, unit = str(data["indicator_label"].iloc[0]), str(data["unit"].iloc[0])
    data = data.sort_values(["period_kind", "is_forecast", "period_start"]).reset_index(drop=True)
    factor, scale_word = _scale(data["value"])
    midpoints = _midpoint(data["period_start"], data["period_end"])
    with rc_context(_STYLE):
        figure = _new_figure()
        axes = figure.add_subplot()
        kinds = sorted(data["period_kind"].unique())
        for position, kind in enumerate(kinds):
            colour = PALETTE[position % len(PALETTE)]
            for forecast in (False, True):
                rows = data[(data["period_kind"] == kind) & (data["is_forecast"] == forecast)]
                if rows.empty:
                    continue
                axes.plot(
                    midpoints[rows.index], rows["value"] / factor,
                    linestyle="--" if forecast else "-", marker="o", markersize=7, color=colour,
                    markerfacecolor="white" if forecast else colour, markeredgewidth=1.5,
                    label=f"{kind.replace('_', ' ')} ({'forecast' if forecast else 'actual'})",
                )
                for x, value, text in zip(midpoints[rows.index], rows["value"], rows["value_text"]):
                    axes.annotate(text, (x, value / factor), textcoords="offset points", xytext=(0, 7), ha="center",
                                  fontsize=7, color=colour)
        axes.set_title(label)
        axes.set_ylabel(f"{scale_word} {_unit_words(unit)}".strip())
        axes.set_ylim(bottom=min(0.0, float(data["value"].min() / factor) * 1.1), top=float(data["value"].max() / factor) * 1.2 or 1)
        axes.legend(loc="upper left", frameon=False)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    table = data[["period_label", "period_kind", "is_forecast", "value", "value_text", "n_original_articles", "fact_id"]]
    actual, forecast = data[~data["is_forecast"]], data[data["is_forecast"]]
    caption = (f"{label}: {len(actual)} actual and {len(forecast)} forecast figure(s); filled markers are actuals, "
               f"hollow markers on dashed lines are forecasts. Each point is one ledger fact.")
    points = "; ".join(f"{p} {'forecast' if f else 'actual'} {t}" for p, f, t in
                       zip(data["period_label"], data["is_forecast"], data["value_text"]))
    alt_text = f"Line chart of {label}. Points: {points}."
    return FigureResult(figure, table.reset_index(drop=True), caption, alt_text)


def timeline_figure(timeline: pd.DataFrame) -> FigureResult:
    """Dated events as markers on a time axis, one row per event type; one marker per occurrence
    (an event reported by several articles is drawn once), reprints left out."""
    title = "Timeline of reported events"
    if timeline is None or timeline.empty:
        return _no_data(title, "no events were found")
    dated = timeline[timeline["date_start"].notna() & ~timeline["is_reprint"]]
    occurrences = dated.sort_values(["date_start", "event_id"]).drop_duplicates("occurrence_id")
    if occurrences.empty:
        return _no_data(title, "no event could be dated")
    occurrences = occurrences.reset_index(drop=True)
    types = sorted(occurrences["event_type"].unique())
    with rc_context(_STYLE):
        figure = _new_figure((8.0, 1.2 + 0.7 * len(types)))
        axes = figure.add_subplot()
        for row, kind in enumerate(types):
            rows = occurrences[occurrences["event_type"] == kind]
            ends = rows["date_end"].fillna(rows["date_start"])
            axes.hlines([row] * len(rows), rows["date_start"], ends, color=PALETTE[row % len(PALETTE)], linewidth=4, alpha=0.5)
            axes.scatter(rows["date_start"], [row] * len(rows), marker=_EVENT_MARKERS.get(kind, "o"),
                         color=PALETTE[row % len(PALETTE)], zorder=3, label=kind.replace("_", " "))
        axes.set_yticks(range(len(types)), [t.replace("_", " ") for t in types])
        axes.set_ylim(-0.7, len(types) - 0.3)
        axes.set_title(title)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    table = occurrences[["date_start", "date_end", "date_precision", "event_type", "actor_labels", "location_label",
                         "n_reports", "article_id", "event_id"]]
    undated = int(timeline["date_start"].isna().sum())
    caption = (f"{title}: {len(occurrences)} dated event(s); bars span the period a month- or year-precise date covers. "
               f"{undated} undated mention(s) not drawn.")
    listing = "; ".join(f"{d.date().isoformat()} {k.replace('_', ' ')} ({', '.join(a)})" for d, k, a in
                        zip(occurrences["date_start"], occurrences["event_type"], occurrences["actor_labels"]))
    alt_text = f"Timeline chart. Events: {listing}."
    return FigureResult(figure, table, caption, alt_text)


def network_figure(network: pd.DataFrame) -> FigureResult:
    """Countries and organisations on a circle (in id order: the layout is deterministic), joined by
    lines as thick as the number of shared events and bilateral figures."""
    title = "Who is linked to whom"
    if network is None or network.empty:
        return _no_data(title, "no two actors share an event or a figure")
    labels = dict(zip(network["source_entity"], network["source_label"])) | dict(zip(network["target_entity"], network["target_label"]))
    nodes = sorted(labels)
    angle = {node: math.pi / 2 - 2 * math.pi * i / len(nodes) for i, node in enumerate(nodes)}
    place = {node: (math.cos(a), math.sin(a)) for node, a in angle.items()}
    strength = dict.fromkeys(nodes, 0)
    for a, b, w in zip(network["source_entity"], network["target_entity"], network["weight"]):
        strength[a] += int(w)
        strength[b] += int(w)
    heaviest = max(int(network["weight"].max()), 1)
    with rc_context(_STYLE):
        figure = _new_figure((7.0, 7.0))
        axes = figure.add_subplot()
        for a, b, w in sorted(zip(network["source_entity"], network["target_entity"], network["weight"]), key=lambda e: (e[2], e[0], e[1])):
            (x1, y1), (x2, y2) = place[a], place[b]
            axes.plot([x1, x2], [y1, y2], color="#555555", linewidth=0.5 + 5.5 * int(w) / heaviest, alpha=0.6, zorder=1)
        for node in nodes:
            x, y = place[node]
            colour = PALETTE[0] if ":" not in node else PALETTE[1]
            axes.scatter([x], [y], s=80 + 40 * strength[node], color=colour, zorder=2, edgecolors="white")
            axes.annotate(labels[node], (x, y), textcoords="offset points", xytext=(12 * x, 12 * y),
                          ha="left" if x > 0.1 else "right" if x < -0.1 else "center",
                          va="bottom" if y > 0.1 else "top" if y < -0.1 else "center", fontsize=9)
        axes.set_xlim(-1.5, 1.5)
        axes.set_ylim(-1.3, 1.3)
        axes.set_aspect("equal")
        axes.set_axis_off()
        axes.set_title(title)
    table = network[["source_label", "target_label", "weight", "n_events", "n_claims", "n_visits", "n_summits",
                     "n_agreements_signed", "n_meetings", "n_articles"]].reset_index(drop=True)
    caption = (f"{title}: {len(nodes)} countries and organisations (blue: countries, orange: organisations), "
               f"{len(network)} links; line width is the number of shared events plus bilateral figures.")
    top = "; ".join(f"{s}-{t}: {w}" for s, t, w in zip(table["source_label"], table["target_label"], table["weight"]))
    alt_text = f"Network diagram. Links by weight: {top}."
    return FigureResult(figure, table, caption, alt_text)


def sector_heatmap_figure(sector_profile: pd.DataFrame) -> FigureResult:
    """Countries (rows) by sectors (columns): the percentage of the sentences mentioning the country
    that carry the sector."""
    title = "Sectors in sentences mentioning each country"
    if sector_profile is None or sector_profile.empty:
        return _no_data(title, "no country is mentioned in a sentence with a sector")
    matrix = sector_profile.pivot_table(index="entity_label", columns="sector", values="pct_of_sentences", aggfunc="first",
                                        fill_value=0.0).sort_index().sort_index(axis=1)
    sentences = sector_profile.groupby("entity_label")["n_sentences_mentioning"].first()
    with rc_context(_STYLE):
        figure = _new_figure((max(6.0, 1.0 + 0.8 * matrix.shape[1]), max(3.0, 1.2 + 0.4 * matrix.shape[0])))
        axes = figure.add_subplot()
        image = axes.imshow(matrix.to_numpy(), cmap="Blues", vmin=0, vmax=100, aspect="auto")
        axes.set_xticks(range(matrix.shape[1]), [c.replace("_", " ") for c in matrix.columns], rotation=35, ha="right")
        axes.set_yticks(range(matrix.shape[0]), [f"{name} (n={int(sentences[name])})" for name in matrix.index])
        for (i, j), value in pd.DataFrame(matrix.to_numpy()).stack().items():
            axes.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7, color="white" if value > 60 else "black")
        figure.colorbar(image, ax=axes, label="% of sentences")
        axes.set_title(title)
    table = matrix.reset_index().rename(columns={"entity_label": "country"})
    table.columns.name = None
    caption = (f"{title}: cell = % of the sentences that mention the country (n in brackets) tagged with the sector; "
               f"a sentence can carry several sectors.")
    strongest = sector_profile.sort_values(["pct_of_sentences", "entity_label"], ascending=[False, True]).drop_duplicates("entity_label")
    listing = "; ".join(f"{c}: {s.replace('_', ' ')} {p:.0f}%" for c, s, p in
                        zip(strongest["entity_label"], strongest["sector"], strongest["pct_of_sentences"]))
    alt_text = f"Heatmap of {matrix.shape[0]} countries by {matrix.shape[1]} sectors. Most frequent sector per country: {listing}."
    return FigureResult(figure, table, caption, alt_text)


def attention_figure(attention: pd.DataFrame) -> FigureResult:
    """Articles per month, stacked by outlet (undated articles are counted in the caption only)."""
    title = "Articles per month by outlet"
    if attention is None or attention.empty:
        return _no_data(title, "no articles")
    dated = attention[attention["month"].notna()]
    undated = int(attention.loc[attention["month"].isna(), "n_articles"].sum())
    if dated.empty:
        return _no_data(title, f"none of the {undated} article(s) is dated")
    table = dated.pivot_table(index="month", columns="outlet", values="n_articles", aggfunc="sum", fill_value=0)
    months = pd.period_range(table.index.min(), table.index.max(), freq="M").start_time
    table = table.reindex(months, fill_value=0).sort_index(axis=1)
    outlets = list(table.sum().sort_values(ascending=False, kind="stable").index)
    with rc_context(_STYLE):
        figure = _new_figure()
        axes = figure.add_subplot()
        positions = range(len(table))
        bottom = [0] * len(table)
        for position, outlet in enumerate(outlets):
            counts = table[outlet].tolist()
            axes.bar(positions, counts, bottom=bottom, color=PALETTE[position % len(PALETTE)], label=outlet, width=0.8)
            bottom = [b + c for b, c in zip(bottom, counts)]
        step = max(1, len(table) // 12)
        axes.set_xticks(list(positions)[::step], [m.strftime("%Y-%m") for m in table.index][::step], rotation=45, ha="right")
        axes.set_ylabel("articles")
        axes.set_title(title)
        axes.legend(loc="upper left", frameon=False, fontsize=8)
    table = table.reset_index().rename(columns={"index": "month"})
    table.columns.name = None
    caption = (f"{title}: {int(dated['n_articles'].sum())} dated article(s) from {len(outlets)} outlet(s), reprints included"
               + (f"; {undated} undated article(s) not drawn." if undated else "."))
    per_outlet = "; ".join(f"{o}: {int(dated.loc[dated['outlet'] == o, 'n_articles'].sum())}" for o in outlets)
    alt_text = (f"Stacked bar chart of articles per month from {table['month'].iloc[0]:%Y-%m} to "
                f"{table['month'].iloc[-1]:%Y-%m}. Articles per outlet: {per_outlet}.")
    return FigureResult(figure, table, caption, alt_text)
