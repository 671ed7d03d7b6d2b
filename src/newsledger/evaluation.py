"""Scoring of the annotate stage against hand-written gold (tests/gold/).

The scorer is pure: two frames in, a dict of figures out. Predicted frames have the columns of the
``claims``/``events`` tables (``newsledger.schemas.annotate``) plus a ``source`` column naming the
article the way the gold does (the path relative to the raw folder, ``file.jsonl#N`` for a record).

Matching is one-to-one within a source and greedy: every admissible (predicted, gold) pair gets a
rank, and pairs are taken best first. A pair is admissible when the numbers agree (claims) or the
kind and date agree (events); the rank only decides between several admissible partners, so that
two "86%" in one article pair up with the gold rows they mean rather than in reading order.

``evaluate_corpus`` runs ingest and annotation on a raw folder and scores the result.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from . import config

VALUE_TOLERANCE = 0.005  # relative
UNORDERED_PARTIES_METRICS = frozenset({"trade_turnover"})
GOLD_CLAIM_COLUMNS = (
    "source", "corpus", "quote", "value", "value_high", "unit", "metric", "subject", "counterpart",
    "period_start", "period_end", "is_forecast", "qualifier",
)
GOLD_EVENT_COLUMNS = (
    "source", "corpus", "event_type", "date_start", "date_end", "date_precision", "actors", "location",
    "n_documents", "evidence",
)


# ----------------------------------------------------------------------------- normalisation


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _number(value: Any) -> float | None:
    return None if _blank(value) else float(value)


def _day(value: Any) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    return date.fromisoformat(str(value).strip()[:10])


def _flag(value: Any) -> bool:
    if _blank(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _id_set(value: Any) -> frozenset[str]:
    """Actors as a set, whether given as a list/array (tables) or a ``|``-joined string (gold csv)."""
    if isinstance(value, str):
        value = value.split("|")
    elif hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, (list, tuple, set, frozenset)):
        return frozenset()
    return frozenset(str(v).strip() for v in value if not _blank(v))


def values_agree(predicted: float | None, gold: float | None, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Both absent, or both present and within ``tolerance`` of the gold value (relative)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    if gold == 0:
        return abs(predicted) <= 1e-9
    return abs(predicted - gold) <= tolerance * abs(gold)


def parties_agree(predicted: dict, gold: dict) -> bool:
    """Subject and counterpart equal; as an unordered pair for symmetric metrics (trade turnover)."""
    if gold["metric"] in UNORDERED_PARTIES_METRICS:
        def pair(r: dict) -> list[str]:
            return sorted(r[k] or "" for k in ("subject", "counterpart"))

        return pair(predicted) == pair(gold)
    return predicted["subject"] == gold["subject"] and predicted["counterpart"] == gold["counterpart"]


def dates_agree(predicted: date | None, gold: date | None, precision: str | None) -> bool:
    """Gold undated: anything agrees. Otherwise equal at the gold's precision (day, month or year)."""
    if gold is None:
        return True
    if predicted is None:
        return False
    if precision == "year":
        return predicted.year == gold.year
    if precision == "month":
        return (predicted.year, predicted.month) == (gold.year, gold.month)
    return predicted == gold


def _claim_records(frame: pd.DataFrame) -> list[dict]:
    records = []
    for position, row in enumerate(frame.to_dict("records")):
        records.append({
            "row": position,
            "source": _text(row.get("source")),
            "quote": _text(row.get("quote")),
            "value": _number(row.get("value")),
            "value_high": _number(row.get("value_high")),
            "unit": _text(row.get("unit")),
            "metric": _text(row.get("metric")),
            "subject": _text(row.get("subject")),
            "counterpart": _text(row.get("counterpart")),
            "period_start": _day(row.get("period_start")),
            "period_end": _day(row.get("period_end")),
            "is_forecast": _flag(row.get("is_forecast")),
            "qualifier": _text(row.get("qualifier")) or "exact",
        })
    return records


def _event_records(frame: pd.DataFrame) -> list[dict]:
    records = []
    for position, row in enumerate(frame.to_dict("records")):
        n_documents = _number(row.get("n_documents"))
        records.append({
            "row": position,
            "source": _text(row.get("source")),
            "quote": _text(row.get("quote")) or _text(row.get("evidence")),
            "event_type": _text(row.get("event_type")),
            "date_start": _day(row.get("date_start")),
            "date_precision": _text(row.get("date_precision")),
            "actors": _id_set(row.get("actors")),
            "location": _text(row.get("location")),
            "n_documents": None if n_documents is None else int(n_documents),
        })
    return records


# ----------------------------------------------------------------------------- matching


def _greedy_match(predicted: list[dict], gold: list[dict], admissible, rank) -> list[tuple[dict, dict]]:
    """One-to-one pairs within each source, best ``rank`` first among ``admissible`` pairs."""
    gold_by_source: dict[str | None, list[dict]] = {}
    for g in gold:
        gold_by_source.setdefault(g["source"], []).append(g)
    candidates = []
    for p in predicted:
        for g in gold_by_source.get(p["source"], ()):
            if admissible(p, g):
                candidates.append((rank(p, g), p["row"], g["row"], p, g))
    candidates.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, p_row, g_row, p, g in candidates:
        if p_row in used_predicted or g_row in used_gold:
            continue
        used_predicted.add(p_row)
        used_gold.add(g_row)
        pairs.append((p, g))
    return pairs


def _prf(n_matched: int, n_predicted: int, n_gold: int) -> dict[str, float]:
    precision = n_matched / n_predicted if n_predicted else (1.0 if n_gold == 0 else 0.0)
    recall = n_matched / n_gold if n_gold else (1.0 if n_predicted == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _share(pairs: list[tuple[dict, dict]], agree) -> float:
    """Fraction of matched pairs on which ``agree`` holds; NaN when nothing matched (never a free pass)."""
    if not pairs:
        return float("nan")
    return sum(1 for p, g in pairs if agree(p, g)) / len(pairs)


def _unmatched(frame: pd.DataFrame, records: list[dict], pairs: list[tuple[dict, dict]], side: int) -> pd.DataFrame:
    matched_rows = {pair[side]["row"] for pair in pairs}
    keep = [r["row"] for r in records if r["row"] not in matched_rows]
    return frame.iloc[keep].reset_index(drop=True)


def score_claims(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision/recall/F1 of claims on value (and range end) + unit, and attribute accuracy on the matches.

    Returns ``n_predicted``, ``n_gold``, ``n_matched``, ``precision``, ``recall``, ``f1``,
    ``period_accuracy`` (both ends equal), ``metric_accuracy``, ``parties_accuracy`` (subject and
    counterpart; unordered for trade turnover), ``forecast_accuracy``, ``qualifier_accuracy``, and the
    frames ``matches`` (predicted and gold side by side), ``misses`` (gold rows not found) and
    ``false_positives`` (predicted rows matching no gold row).
    """
    p_records, g_records = _claim_records(predicted), _claim_records(gold)

    def admissible(p: dict, g: dict) -> bool:
        return (
            p["unit"] == g["unit"]
            and values_agree(p["value"], g["value"])
            and values_agree(p["value_high"], g["value_high"])
        )

    def rank(p: dict, g: dict) -> tuple:
        same_quote = bool(p["quote"] and g["quote"] and p["quote"].lower() == g["quote"].lower())
        return (
            int(p["metric"] == g["metric"])
            + int((p["period_start"], p["period_end"]) == (g["period_start"], g["period_end"]))
            + int(parties_agree(p, g))
            + int(p["is_forecast"] == g["is_forecast"]),
            int(same_quote),
            -abs((p["value"] or 0) - (g["value"] or 0)),
        )

    pairs = _greedy_match(p_records, g_records, admissible, rank)
    result: dict[str, Any] = {"n_predicted": len(p_records), "n_gold": len(g_records), "n_matched": len(pairs)}
    result.update(_prf(len(pairs), len(p_records), len(g_records)))
    result["period_accuracy"] = _share(pairs, lambda p, g: (p["period_start"], p["period_end"]) == (g["period_start"], g["period_end"]))
    result["metric_accuracy"] = _share(pairs, lambda p, g: p["metric"] == g["metric"])
    result["parties_accuracy"] = _share(pairs, parties_agree)
    result["forecast_accuracy"] = _share(pairs, lambda p, g: p["is_forecast"] == g["is_forecast"])
    result["qualifier_accuracy"] = _share(pairs, lambda p, g: p["qualifier"] == g["qualifier"])
    result["matches"] = _side_by_side(pairs, ("source", "quote", "value", "unit", "metric", "subject", "counterpart", "period_start", "period_end", "is_forecast"))
    result["misses"] = _unmatched(gold, g_records, pairs, 1)
    result["false_positives"] = _unmatched(predicted, p_records, pairs, 0)
    return result


def score_events(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision/recall/F1 of events on type and date (at the gold's precision), and actor accuracy.

    Returns ``n_predicted``, ``n_gold``, ``n_matched``, ``precision``, ``recall``, ``f1``,
    ``actor_accuracy`` (actor sets equal), ``actor_jaccard`` (mean overlap), ``location_accuracy``,
    ``n_documents_accuracy`` (over matched pairs whose gold gives a count), and the frames
    ``matches``, ``misses`` and ``false_positives``.
    """
    p_records, g_records = _event_records(predicted), _event_records(gold)

    def admissible(p: dict, g: dict) -> bool:
        return p["event_type"] == g["event_type"] and dates_agree(p["date_start"], g["date_start"], g["date_precision"])

    def rank(p: dict, g: dict) -> tuple:
        return (
            round(_jaccard(p["actors"], g["actors"]), 6),
            int(p["date_start"] == g["date_start"]),
            int(p["location"] == g["location"]),
            int(p["n_documents"] == g["n_documents"]),
        )

    pairs = _greedy_match(p_records, g_records, admissible, rank)
    result: dict[str, Any] = {"n_predicted": len(p_records), "n_gold": len(g_records), "n_matched": len(pairs)}
    result.update(_prf(len(pairs), len(p_records), len(g_records)))
    result["actor_accuracy"] = _share(pairs, lambda p, g: p["actors"] == g["actors"])
    result["actor_jaccard"] = sum(_jaccard(p["actors"], g["actors"]) for p, g in pairs) / len(pairs) if pairs else float("nan")
    result["location_accuracy"] = _share(pairs, lambda p, g: p["location"] == g["location"])
    counted = [(p, g) for p, g in pairs if g["n_documents"] is not None]
    result["n_documents_accuracy"] = _share(counted, lambda p, g: p["n_documents"] == g["n_documents"])
    result["matches"] = _side_by_side(pairs, ("source", "quote", "event_type", "date_start", "actors", "location", "n_documents"))
    result["misses"] = _unmatched(gold, g_records, pairs, 1)
    result["false_positives"] = _unmatched(predicted, p_records, pairs, 0)
    return result


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _side_by_side(pairs: list[tuple[dict, dict]], columns: Iterable[str]) -> pd.DataFrame:
    columns = list(columns)
    rows = []
    for p, g in pairs:
        row = {f"gold_{c}": g[c] for c in columns}
        row.update({f"predicted_{c}": p[c] for c in columns if c != "source"})
        rows.append(row)
    return pd.DataFrame(rows, columns=[f"gold_{c}" for c in columns] + [f"predicted_{c}" for c in columns if c != "source"])


# ----------------------------------------------------------------------------- gold files and corpus runs

_GOLD = config.PROJECT_ROOT / "tests" / "gold"
_FIXTURES = config.PROJECT_ROOT / "tests" / "fixtures"
# Each scored corpus: (its raw folder, the folder of its gold claims.csv and events.csv). Each held-out
# gold sits in its own folder so that it is never read along with the corpora the annotators were tuned on.
GOLD_CORPORA: dict[str, tuple[Path, Path]] = {
    "sample": (config.DEFAULT_RAW_DIR, _GOLD),
    "unseen": (_FIXTURES / "unseen" / "raw", _GOLD),
    "heldout": (_FIXTURES / "heldout" / "raw", _GOLD / "heldout"),
    "heldout2": (_FIXTURES / "heldout2" / "raw", _GOLD / "heldout2"),
    "heldout3": (_FIXTURES / "heldout3" / "raw", _GOLD / "heldout3"),
    "heldout4": (_FIXTURES / "heldout4" / "raw", _GOLD / "heldout4"),
    "heldout5": (_FIXTURES / "heldout5" / "raw", _GOLD / "heldout5"),
    "heldout6": (_FIXTURES / "heldout6" / "raw", _GOLD / "heldout6"),
}


def load_gold(gold_csv_dir: str | Path, corpus_name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims, events) gold rows of one corpus (a name of ``GOLD_CORPORA``), read as strings."""
    folder = Path(gold_csv_dir)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    for frame, expected in ((claims, GOLD_CLAIM_COLUMNS), (events, GOLD_EVENT_COLUMNS)):
        missing = [c for c in expected if c not in frame.columns]
        if missing:
            raise ValueError(f"gold file in {folder} lacks columns {missing}")
    return (
        claims[claims["corpus"] == corpus_name].reset_index(drop=True),
        events[events["corpus"] == corpus_name].reset_index(drop=True),
    )


def source_keys(articles: pd.DataFrame, manifest: pd.DataFrame | None = None) -> dict[str, str]:
    """article_id -> the gold's name for the article: the raw path, ``path#N`` for the Nth record.

    ``articles.source`` is the record's url when it has one, so the key is rebuilt from the path and
    the manifest's record number rather than taken from there.
    """
    keys: dict[str, str] = {}
    if manifest is not None and {"article_id", "path", "record"} <= set(manifest.columns):
        for row in manifest.to_dict("records"):
            if _blank(row.get("article_id")):
                continue
            record = _number(row.get("record"))
            keys.setdefault(str(row["article_id"]), row["path"] if record is None else f"{row['path']}#{int(record)}")
    for row in articles.to_dict("records"):
        keys.setdefault(str(row["article_id"]), str(row.get("path") or row.get("source")))
    return keys


def with_source(table: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
    """A copy of an annotate table with the gold-style ``source`` of each row's article."""
    out = table.copy()
    out["source"] = out["article_id"].map(lambda a: keys.get(str(a))) if len(out) else pd.Series(dtype="object")
    return out


def evaluate_corpus(raw_dir: str | Path, gold_csv_dir: str | Path, corpus_name: str) -> dict:
    """Ingest ``raw_dir``, annotate it, and score against the gold rows of ``corpus_name``.

    Returns ``{"claims": score_claims(...), "events": score_events(...), "articles": articles frame,
    "predicted": {"claims": ..., "events": ...}}`` (predicted tables carry the gold-style ``source``).
    """
    from newsledger.annotate import annotate_articles
    from newsledger.ingest import IngestOptions, ingest_folder

    gold_claims, gold_events = load_gold(gold_csv_dir, corpus_name)
    # The gold, not a length rule, decides what is an article. Near duplicates (syndicated reprints)
    # stay: the annotate stage annotates them like any article, and the gold has their rows.
    articles, manifest = ingest_folder(Path(raw_dir), IngestOptions(min_words=1))
    tables = annotate_articles(articles)
    keys = source_keys(articles, manifest)
    claims = with_source(tables["claims"], keys)
    events = with_source(tables["events"], keys)
    return {
        "claims": score_claims(claims, gold_claims),
        "events": score_events(events, gold_events),
        "articles": articles.assign(gold_source=articles["article_id"].map(keys)),
        "predicted": {"claims": claims, "events": events},
    }


def pipeline_gap() -> str | None:
    """Why ``evaluate_corpus`` cannot run yet (a pipeline function is not importable), or None.

    Only a missing module or attribute counts; any other error while importing propagates.
    """
    try:
        from newsledger import ingest
    except ImportError as error:
        return f"newsledger.ingest cannot be imported: {error}"
    if not hasattr(ingest, "ingest_folder"):
        return "newsledger.ingest has no ingest_folder yet"
    try:
        from newsledger import annotate

        has_annotate = hasattr(annotate, "annotate_articles")
    except ImportError as error:
        return f"newsledger.annotate.annotate_articles cannot be imported: {error}"
    if not has_annotate:
        return "newsledger.annotate has no annotate_articles yet"
    return None
