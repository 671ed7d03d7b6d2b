"""Score the annotate stage against the hand-written gold, corpus by corpus.

    .venv/bin/python benchmarks/score_annotations.py              # every corpus: sample, unseen, heldout, heldout2
    .venv/bin/python benchmarks/score_annotations.py --corpus unseen --quantulum
    .venv/bin/python benchmarks/score_annotations.py --corpus heldout

Prints, for each corpus, claims P/R/F1 (value + unit), the accuracy of period, metric, parties and
forecast flag on matched claims, events P/R/F1 and actor accuracy, then the misses and false
positives so that the annotators' authors can see what to fix. With ``--quantulum`` it also scores
quantulum3 (a general quantity parser) on value + unit against the same gold, as a baseline.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings

import pandas as pd

from newsledger.evaluation import GOLD_CORPORA, evaluate_corpus, load_gold, pipeline_gap, score_claims

CORPORA = {name: raw_dir for name, (raw_dir, _) in GOLD_CORPORA.items()}
GOLD_DIRS = {name: gold_dir for name, (_, gold_dir) in GOLD_CORPORA.items()}

# quantulum3 unit names -> ours. Currency by name; dimensionless numbers are judged by the word after them.
QUANTULUM_UNITS = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "manat": "AZN", "tenge": "KZT",
    "ton": "t", "tonne": "t", "metric ton": "t", "short ton": "t", "long ton": "t",
    "percentage": "percent", "kilometre": "km", "kilometer": "km", "square kilometre": "km2",
    "square kilometer": "km2", "day": "day",
}
_NEXT_WORD = re.compile(r"\s*([A-Za-z][A-Za-z-]*)")


def _format(value: float) -> str:
    return "  n/a" if value != value else f"{value:5.3f}"


def print_scores(corpus: str, result: dict, limit: int) -> None:
    claims, events = result["claims"], result["events"]
    print(f"\n=== {corpus}: {len(result['articles'])} articles")
    print(f"{'':28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'match':>7}")
    for name, s in (("claims (value+unit)", claims), ("events (type+date)", events)):
        print(f"{name:28}{_format(s['precision']):>7}{_format(s['recall']):>7}{_format(s['f1']):>7}{s['n_gold']:>7}{s['n_predicted']:>7}{s['n_matched']:>7}")
    print("accuracy on matched claims: " + ", ".join(
        f"{k.replace('_accuracy', '')} {_format(claims[k])}" for k in ("period_accuracy", "metric_accuracy", "parties_accuracy", "forecast_accuracy", "qualifier_accuracy")))
    print("accuracy on matched events: " + ", ".join(
        f"{k.replace('_accuracy', '')} {_format(events[k])}" for k in ("actor_accuracy", "actor_jaccard", "location_accuracy", "n_documents_accuracy")))
    _print_rows("claims missed (gold)", claims["misses"], ["source", "quote", "value", "unit", "metric", "period_start", "period_end"], limit)
    _print_rows("claims false positives", claims["false_positives"], ["source", "quote", "value", "unit", "metric", "period_start", "period_end"], limit)
    matches = claims["matches"]
    if len(matches):
        def day(value):  # None, NaN and NaT all mean "no period"; compare days, not their text
            return None if value is None or pd.isna(value) else pd.Timestamp(value).date()

        wrong = matches[[
            (day(gs), day(ge)) != (day(ps), day(pe))
            for gs, ge, ps, pe in zip(matches["gold_period_start"], matches["gold_period_end"],
                                      matches["predicted_period_start"], matches["predicted_period_end"])
        ]]
        _print_rows("claims with a wrong period", wrong, ["gold_source", "gold_quote", "gold_period_start", "gold_period_end", "predicted_period_start", "predicted_period_end"], limit)
        wrong_metric = matches[matches["gold_metric"] != matches["predicted_metric"]]
        _print_rows("claims with a wrong metric", wrong_metric, ["gold_source", "gold_quote", "gold_metric", "predicted_metric"], limit)
    _print_rows("events missed (gold)", events["misses"], ["source", "event_type", "date_start", "date_precision", "evidence"], limit)
    _print_rows("events false positives", events["false_positives"], ["source", "event_type", "date_start", "quote"], limit)


def _print_rows(title: str, frame: pd.DataFrame, columns: list[str], limit: int) -> None:
    if frame.empty:
        return
    columns = [c for c in columns if c in frame.columns]
    print(f"-- {title}: {len(frame)}")
    with pd.option_context("display.max_colwidth", 70, "display.width", 250):
        print(frame[columns].head(limit).to_string(index=False))
    if len(frame) > limit:
        print(f"   ... and {len(frame) - limit} more (raise --limit)")


def quantulum_claims(articles: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
    """Every quantity quantulum3 finds, as claim rows (value, value_high, unit) named like the gold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    rows = []
    for article in articles.to_dict("records"):
        text = article["text"]
        for quantity in parser.parse(text):
            unit = QUANTULUM_UNITS.get(quantity.unit.name)
            if quantity.unit.name == "dimensionless":
                following = _NEXT_WORD.match(text, quantity.span[1])
                if following is None:
                    continue
                unit = "TEU" if following.group(1) == "TEU" else "count"
            if unit is None:
                continue
            value, high = float(quantity.value), None
            if getattr(quantity, "uncertainty", None):
                value, high = value - quantity.uncertainty, value + quantity.uncertainty
            rows.append({"source": keys[article["article_id"]], "quote": quantity.surface, "value": value, "value_high": high, "unit": unit})
    return pd.DataFrame(rows, columns=["source", "quote", "value", "value_high", "unit"])


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--corpus", choices=[*CORPORA, "all", "both"], default="all",
                           help="one corpus, or all of them ('both' is the former name of 'all')")
    arguments.add_argument("--quantulum", action="store_true", help="also score quantulum3 on value+unit")
    arguments.add_argument("--limit", type=int, default=40, help="rows listed per miss/false-positive table")
    options = arguments.parse_args(argv)

    gap = pipeline_gap()
    if gap is not None:
        print(f"cannot score: {gap}", file=sys.stderr)
        return 2
    corpora = list(CORPORA) if options.corpus in ("all", "both") else [options.corpus]
    for corpus in corpora:
        result = evaluate_corpus(CORPORA[corpus], GOLD_DIRS[corpus], corpus)
        print_scores(corpus, result, options.limit)
        if options.quantulum:
            gold_claims, _ = load_gold(GOLD_DIRS[corpus], corpus)
            articles = result["articles"]
            keys = dict(zip(articles["article_id"], articles["gold_source"]))
            baseline = score_claims(quantulum_claims(articles, keys), gold_claims)
            ours = result["claims"]
            print(f"-- value+unit, newsledger vs quantulum3 ({corpus})")
            print(f"{'':14}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}")
            for name, s in (("newsledger", ours), ("quantulum3", baseline)):
                print(f"{name:14}{_format(s['precision']):>7}{_format(s['recall']):>7}{_format(s['f1']):>7}{s['n_predicted']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
