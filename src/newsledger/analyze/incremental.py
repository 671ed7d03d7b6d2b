"""A re-run of the analysis after a few articles changed: only the rows those articles touch are
computed again, the others are kept from the last run's tables, and every table comes out byte for
byte as a from-scratch run writes it.

Every output table is a set of independent groups, each computed from its own input rows alone:

* ledger and series: a fact (its claims); checks within an article: the article (its claims, and
  for a growth rate the fact that states the earlier level); cross-source checks: a fact;
  forecast checks: a forecast fact and its actual;
* timeline: an occurrence (the events reporting it); network: a pair of actors;
  sector profile: a country; attention: an outlet and month; sourcing: an outlet.

A group is stale when a changed article (``changed``: new, removed, or any row of it different,
including its source's date or reprint link) is among its rows in the last run's table or in
today's inputs. Stale rows are dropped and their groups computed again, by the same builders a
full run uses, from today's rows of exactly those groups: the last table says which rows those are
(the claim, event and article ids each row lists), today's inputs give them. The groups too big to
rebuild (a network pair, an outlet's sourcing, a country's sector profile: hundreds of thousands of
ids) are updated in place instead, in Arrow: the changed articles' old ids taken out of their
lists, their new rows (built by the same builders from just those articles) put in. The rows are
then put in the full run's order (every table's sort key is unique, or ties only within a group;
``splice``) and written as ``tables.write_table`` writes them, on a second thread while the next
table is computed. Anything unexpected raises ``Unavailable`` and the caller analyses from scratch.

The last tables and today's inputs stay in Arrow: at 100,000 articles a million claims, half a
million events and the lists of the big groups would take seconds to become Python objects, and
looking a few ids up among a million is done by hashing the few (``_in`` over the million), not
by indexing the million.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy
import pandas as pd
import pyarrow as arrow
import pyarrow.compute as compute
import pyarrow.parquet as parquet

from .. import tables
from ..atomic import atomic_path
from .checks import (
    CheckRows,
    article_checks,
    checks_frame,
    claims_by_article,
    cross_article_checks,
    ledger_facts,
)
from .ledger import build_ledger, build_series, canonical_pair, claim_records, fact_id, reads_sentence
from .network import EVENT_KIND_COLUMNS, NETWORK_COLUMNS, build_network
from .entities import entity_label
from .profiles import UNKNOWN_OUTLET, build_attention, build_sourcing, located_country_sentences
from .sources import SourceIndex
from .splice import splice as ordered_splice
from .timeline import build_timeline

PER_ARTICLE_CHECKS = ("flows_sum", "flow_derived", "growth_vs_levels", "previous_level_derived", "derived_vs_stated",
                      "share_vs_total", "share_derived")


class Unavailable(Exception):
    """The last run's tables cannot be reused safely: the caller analyses everything again."""


def _ids(values) -> arrow.Array:
    return arrow.array(sorted(values), arrow.string())


def _in(column, values) -> arrow.Array:
    if isinstance(column, arrow.ChunkedArray):
        column = column.combine_chunks()
    return compute.fill_null(compute.is_in(column, value_set=values if isinstance(values, arrow.Array) else _ids(values)), False)


def _rows_listing(table: arrow.Table, column: str, values) -> numpy.ndarray:
    """Positions of the rows whose list ``column`` holds any of ``values``."""
    lists = table[column].combine_chunks()
    hit = _in(compute.list_flatten(lists), values).to_numpy(zero_copy_only=False)
    return numpy.unique(compute.list_parent_indices(lists).to_numpy()[hit])


def _mask(n: int, positions) -> numpy.ndarray:
    mask = numpy.zeros(n, bool)
    mask[numpy.asarray(positions, dtype="int64")] = True
    return mask


def _flat(table: arrow.Table, column: str, rows: numpy.ndarray) -> set:
    return set(compute.list_flatten(table[column].combine_chunks().take(arrow.array(rows, arrow.int64()))).to_pylist())


def _frame(table: arrow.Table, name: str) -> pd.DataFrame:
    """Rows read from an input table, as ``tables.read_table`` gives them."""
    return tables.conform(table.to_pandas(date_as_object=False), name, table.column_names)


def to_arrow(frame: pd.DataFrame, name: str) -> arrow.Table:
    """``frame`` as ``tables.write_table`` turns it into Arrow (conformed, validated, typed)."""
    checked = tables.validate(tables.conform(frame, name), name)
    return arrow.Table.from_pandas(checked, schema=tables.arrow_schema(name), preserve_index=False).replace_schema_metadata(None)


def write_arrow(table: arrow.Table, name: str, folder, previous: arrow.Table | None = None) -> None:
    """Write ``table`` as ``name``, unless it equals ``previous``, the table the file holds now: its
    bytes would be the same (a one-article change leaves most profiles and outlets as they were)."""
    if previous is not None and table.equals(previous.cast(table.schema)):
        return
    with atomic_path(tables.table_path(name, folder)) as tmp:
        parquet.write_table(table, tmp, compression="zstd")


def splice(previous: arrow.Table, keep: numpy.ndarray, fresh: pd.DataFrame | arrow.Table, name: str,
           order: list[tuple[str, str]]) -> arrow.Table:
    """The kept rows of ``previous`` and the ``fresh`` ones, in the table's order (``splice.splice``)."""
    schema = tables.arrow_schema(name)
    previous = previous.cast(schema)  # Parquet names list items "element", Arrow "item"
    fresh = fresh if isinstance(fresh, arrow.Table) else to_arrow(fresh, name)
    return ordered_splice(previous, keep, fresh.cast(schema), order)


class Inputs:
    """Today's input tables, read once as Arrow; rows become pandas only when a builder needs them."""

    def __init__(self, processed_dir: Path, changed: set[str], read: dict[str, arrow.Table], writer: ThreadPoolExecutor):
        self.folder = processed_dir
        self.writer, self.writes = writer, []
        self.old_claims_of_changed: arrow.Array | None = None  # set by ``ledger_series_checks``, read by ``network``
        self.changed = changed
        self.changed_ids = _ids(changed)
        self.articles = _frame(read["articles"], "articles")
        self.sources = SourceIndex.from_articles(self.articles)
        self.claims, self.events = read["claims"].combine_chunks(), read["events"].combine_chunks()
        self.mentions, self.sectors = read["mentions"], read["sectors"]
        self._texts: dict[str, str | None] = {}  # article id -> text, of the articles whose sentences were read
        self.claim_article = self.claims["article_id"].combine_chunks()
        self.claim_in_changed = _in(self.claim_article, self.changed_ids).to_numpy(zero_copy_only=False)

    def claims_where(self, mask: numpy.ndarray) -> pd.DataFrame:
        return _frame(self.claims.filter(arrow.array(mask)), "claims")

    def claims_with_ids(self, claim_ids) -> numpy.ndarray:
        """Mask of today's claims of unchanged articles whose id is in ``claim_ids``."""
        return _in(self.claims["claim_id"], claim_ids).to_numpy(zero_copy_only=False) & ~self.claim_in_changed

    def claims_by_id(self, claim_ids) -> pd.DataFrame:
        """Today's claims with these ids (few, next to a million claims: the ids are looked up in the
        few, not the few in an index of the million)."""
        return _frame(self.claims.filter(_in(self.claims["claim_id"], claim_ids)), "claims")

    def records(self, claims: pd.DataFrame):
        """``claim_records`` with the texts of just the articles whose sentences it reads."""
        if not len(claims):
            return []
        wanted = {a for a, metric, unit in zip(claims["article_id"], claims["metric"], claims["unit"])
                  if reads_sentence(str(metric), str(unit))}
        self._read_texts(wanted - set(self._texts))
        texts = pd.DataFrame({"article_id": pd.Series(list(wanted), dtype=object),
                              "text": pd.Series([self._texts.get(a) for a in wanted], dtype=object)})
        return claim_records(claims, texts)

    def _read_texts(self, article_ids: set[str]) -> None:
        """Add the texts of these articles to those read. The texts are most of ``articles``, one row
        group: they are read in batches and only the wanted rows kept (at 100,000 articles 0.4 s of
        CPU where reading the column whole took 1.2 s, most of it to map 400 MB)."""
        if not article_ids:
            return
        wanted = _ids(article_ids)
        with parquet.ParquetFile(tables.table_path("articles", self.folder)) as handle:
            for batch in handle.iter_batches(batch_size=4096, columns=["article_id", "text"], use_threads=False):
                found = batch.filter(_in(batch.column(0), wanted))
                self._texts.update(zip(found.column(0).to_pylist(), found.column(1).to_pylist()))
        self._texts.update({a: None for a in article_ids if a not in self._texts})

    def articles_of(self, article_ids) -> pd.DataFrame:
        """The rows of ``articles`` of these ids and of the articles they reprint, up to their roots:
        all that a builder asks of the articles about rows of these ones (each builder indexing all
        100,000 articles took 0.3 s, eight times a re-run)."""
        wanted: set[str] = set()
        for article_id in article_ids:
            current = article_id
            while current and current not in wanted:
                wanted.add(current)
                current = self.sources.duplicate_of.get(current)
        return self.articles[self.articles["article_id"].isin(wanted)]

    def write(self, table: arrow.Table, name: str, previous: arrow.Table | None = None) -> None:
        """``write_arrow`` on the writer's thread, while the next table is computed: Parquet's writer
        lets go of the GIL, and writing is 2.5 s of CPU of a 100,000-article re-run."""
        self.writes.append(self.writer.submit(write_arrow, table, name, self.folder, previous))

    def previous(self, name: str, columns: list[str] | None = None) -> arrow.Table:
        return parquet.read_table(tables.table_path(name, self.folder), columns=columns)


def _fact_id(record) -> str:
    subject, counterpart = canonical_pair(record.metric, record.subject, record.counterpart)
    return fact_id(record.metric, subject, counterpart, record.unit, record.period_start, record.period_end, record.is_forecast)


def _twin(fact: str) -> str:
    """The id of the same fact with the forecast flag flipped."""
    if fact.endswith("|actual"):
        return fact[: -len("actual")] + "forecast"
    return fact[: -len("forecast")] + "actual"


class _KeysAsked:
    """A fact index that finds nothing and remembers what it was asked for."""

    def __init__(self) -> None:
        self.keys: set[tuple] = set()

    def get(self, key: tuple, default=None):
        self.keys.add(key)
        return default


class _LedgerLookup:
    """Today's ledger rows by fact key and id, turned into the checks' fact dicts when asked for; a
    fact looked up has its claims' records added to ``claim_by_id`` (the checks read them there).
    Only the facts ``find`` was given are indexed: a re-run looks up a few of the ledger's 70,000
    (indexing them all took 0.3 s at 100,000 articles)."""

    _KEY = ["metric", "subject", "counterpart", "period_start", "period_end", "unit", "is_forecast"]

    def __init__(self, ledger: arrow.Table, inputs: Inputs, claim_by_id: dict):
        self.ledger, self.inputs, self.claim_by_id = ledger, inputs, claim_by_id
        self.fact_ids = ledger["fact_id"].combine_chunks()
        self.by_key: dict[tuple, int] = {}
        self.by_id: dict[str, int] = {}
        self.cache: dict[int, dict] = {}

    def find(self, fact_ids: set[str]) -> None:
        """Index the rows of these facts (those the ledger has)."""
        rows = numpy.flatnonzero(_in(self.fact_ids, fact_ids).to_numpy(zero_copy_only=False))
        found = self.ledger.take(arrow.array(rows, arrow.int64())).select([*self._KEY, "fact_id"])
        keys = zip(*(found[name].to_pylist() for name in self._KEY))
        for row, key, fact in zip(rows.tolist(), keys, found["fact_id"].to_pylist()):
            self.by_key[key], self.by_id[fact] = row, row

    def find_keys(self, keys) -> None:
        """Index the rows of the facts with these keys (``checks.fact_key``'s order)."""
        self.find({fact_id(metric, subject, counterpart, unit, start, end, forecast)
                   for metric, subject, counterpart, start, end, unit, forecast in keys})

    def facts(self, rows) -> list[dict]:
        missing = sorted({r for r in rows if r not in self.cache})
        if missing:
            facts = ledger_facts(_frame(self.ledger.take(arrow.array(missing, arrow.int64())), "ledger"))
            needed = {i for fact in facts for i in fact["claim_ids"]} - set(self.claim_by_id)
            if needed:
                for record in self.inputs.records(self.inputs.claims_by_id(needed)):
                    self.claim_by_id.setdefault(record.claim_id, record)
            self.cache.update(zip(missing, facts))
        return [self.cache[r] for r in rows]

    def get(self, key: tuple, default=None):
        row = self.by_key.get(key)
        return default if row is None else self.facts([row])[0]


def _owners(inputs: Inputs, first_claims: arrow.Array, rows: numpy.ndarray) -> dict[int, str | None]:
    """The article whose own checks made each of these rows of the last checks table: its first
    claim's, if that claim is still an unchanged article's (None otherwise). The few claims are
    looked for among today's million, not the million hashed to find the few."""
    wanted = first_claims.take(arrow.array(rows, arrow.int64()))
    found = numpy.flatnonzero(_in(inputs.claims["claim_id"], compute.unique(wanted)).to_numpy(zero_copy_only=False))
    found = found[~inputs.claim_in_changed[found]]
    taken = arrow.array(found, arrow.int64())
    article_of = dict(zip(inputs.claims["claim_id"].take(taken).to_pylist(), inputs.claim_article.take(taken).to_pylist()))
    return dict(zip(rows.tolist(), (article_of.get(claim) for claim in wanted.to_pylist())))


def _derived_fact_ids(checks: arrow.Table) -> arrow.Array:
    """``ledger.fact_id`` of the earlier level each ``previous_level_derived`` row derives (an actual
    figure), in Arrow: there are tens of thousands of such rows."""
    def entity(name: str) -> arrow.Array:
        column = checks[name].combine_chunks()
        return compute.if_else(compute.fill_null(compute.equal(column, ""), True), "-", column)

    def day(name: str) -> arrow.Array:
        column = checks[name].combine_chunks()
        as_date = column if arrow.types.is_date32(column.type) else column.cast(arrow.date32())
        return compute.fill_null(as_date.cast(arrow.string()), "?")

    period = compute.binary_join_element_wise(day("period_start"), day("period_end"), "..")
    return compute.binary_join_element_wise(checks["metric"].combine_chunks(), entity("subject"), entity("counterpart"),
                                            checks["unit"].combine_chunks(), period, arrow.scalar("actual"), "|")


def ledger_series_checks(inputs: Inputs) -> None:
    changed = inputs.changed
    previous = inputs.previous("ledger")
    changed_claims = inputs.claims_where(inputs.claim_in_changed)
    changed_records = inputs.records(changed_claims)
    touched = _rows_listing(previous, "article_ids", inputs.changed_ids)
    # The changed articles' claims as the last run had them, for the network: every claim is in the
    # fact it states, and that fact lists its article; those of unchanged articles are still here.
    touched_claims = _flat(previous, "claim_ids", touched)
    unchanged = inputs.claims["claim_id"].combine_chunks().filter(arrow.array(inputs.claims_with_ids(touched_claims)))
    inputs.old_claims_of_changed = _ids(touched_claims - set(unchanged.to_pylist()))
    stale_facts = set(previous["fact_id"].combine_chunks().take(arrow.array(touched, arrow.int64())).to_pylist())
    stale_facts |= {_fact_id(r) for r in changed_records}
    stale = _in(previous["fact_id"], stale_facts).to_numpy(zero_copy_only=False)
    old_members = _flat(previous, "claim_ids", numpy.flatnonzero(stale))

    # Articles whose own checks are redone: the changed ones, reprints of a changed original (checked
    # or not depending on it), and those that compared a derived level with a stale fact.
    previous_checks = inputs.previous("checks")
    check_types = previous_checks["check_type"].combine_chunks()
    first_claims = compute.list_element(previous_checks["claim_ids"].combine_chunks(), 0)
    # Claim ids are unique (the claims schema says so, and the last run read them): a duplicate can
    # only be a changed article's claim. Checked for those alone (counting every distinct id took 0.5 s).
    changed_ids = inputs.claims["claim_id"].combine_chunks().filter(arrow.array(inputs.claim_in_changed))
    matches = _in(inputs.claims["claim_id"], changed_ids).to_numpy(zero_copy_only=False).sum()
    if matches != len(changed_ids) or compute.count_distinct(changed_ids).as_py() != len(changed_ids):
        raise Unavailable("claim ids are not unique")
    with_claims = set(compute.unique(inputs.claim_article).to_pylist())
    recheck = set(changed) & with_claims
    recheck |= {a for a in with_claims if inputs.sources.is_reprint(a) and inputs.sources.root(a) in changed}
    derived = numpy.flatnonzero(compute.equal(check_types, "previous_level_derived").to_numpy(zero_copy_only=False))
    on_stale_fact = _in(_derived_fact_ids(previous_checks.take(arrow.array(derived, arrow.int64()))), stale_facts)
    derived_owners = _owners(inputs, first_claims, derived[on_stale_fact.to_numpy(zero_copy_only=False)])
    recheck |= {owner for owner in derived_owners.values() if owner is not None}

    members = inputs.claims_with_ids(old_members) | inputs.claim_in_changed
    members |= _in(inputs.claim_article, recheck).to_numpy(zero_copy_only=False)
    records = inputs.records(inputs.claims_where(members))
    claim_by_id = {r.claim_id: r for r in records}
    fact_records = [r for r in records if _fact_id(r) in stale_facts]
    fresh_ledger = build_ledger(None, inputs.articles_of({r.article_id for r in fact_records}), fact_records)
    if not set(fresh_ledger["fact_id"]) <= stale_facts:
        raise Unavailable("a recomputed fact was not stale")
    order = [("indicator_id", "ascending"), ("period_start", "ascending"), ("period_end", "ascending"),
             ("is_forecast", "ascending"), ("fact_id", "ascending")]
    ledger = splice(previous, ~stale, fresh_ledger, "ledger", order)
    inputs.write(ledger, "ledger", previous)

    previous_series = inputs.previous("series")
    keep = ~_in(previous_series["fact_id"], stale_facts).to_numpy(zero_copy_only=False)
    order = [("indicator_id", "ascending"), ("period_kind", "ascending"), ("is_forecast", "ascending"),
             ("period_start", "ascending"), ("fact_id", "ascending")]
    inputs.write(splice(previous_series, keep, build_series(fresh_ledger), "series", order), "series", previous_series)

    lookup = _LedgerLookup(ledger, inputs, claim_by_id)
    by_article = claims_by_article([r for r in records if r.article_id in recheck])
    # A first pass only notes which facts the growth checks look up (which ones does not depend on
    # what they find), so that all of them are read at once; the second pass makes the rows.
    asked = _KeysAsked()
    article_checks(by_article, sorted(by_article), with_claims, asked, inputs.sources, {}, CheckRows())
    lookup.find_keys(asked.keys)
    lookup.find(stale_facts | {_twin(f) for f in stale_facts})
    lookup.facts(sorted(lookup.by_key[key] for key in asked.keys if key in lookup.by_key))
    out = CheckRows()
    article_checks(by_article, sorted(by_article), with_claims, lookup, inputs.sources, claim_by_id, out)
    stale_rows = [lookup.by_id[f] for f in sorted(stale_facts) if f in lookup.by_id]
    twins = [lookup.by_id[_twin(f)] for f in sorted(stale_facts) if _twin(f) in lookup.by_id]
    cross_article_checks(lookup.facts(sorted(stale_rows)), lookup.facts(sorted(set(stale_rows) | set(twins))), claim_by_id,
                         inputs.sources, out)
    fresh_checks = checks_frame(out.rows)

    # A row of an article's own checks lists the article whose claims made it: only rows that list a
    # changed or rechecked article can be stale, and only theirs are looked up.
    per_article = _in(check_types, PER_ARTICLE_CHECKS).to_numpy(zero_copy_only=False)
    listing = _rows_listing(previous_checks, "article_ids", recheck | set(changed))
    candidates = listing[per_article[listing]]
    owners = _owners(inputs, first_claims, candidates)
    owned_by_recheck = _mask(len(per_article), [row for row, owner in owners.items() if owner is None or owner in recheck])
    claim_ids = previous_checks["claim_ids"].combine_chunks()
    second_claims = compute.list_element(compute.list_slice(claim_ids, 1, 2), 0) if len(claim_ids) else first_claims
    old = _ids(old_members)
    first_old, second_old = (_in(c, old).to_numpy(zero_copy_only=False) for c in (first_claims, second_claims))
    cross = compute.equal(check_types, "cross_source").to_numpy(zero_copy_only=False)
    forecast = compute.equal(check_types, "forecast_vs_actual").to_numpy(zero_copy_only=False)
    stale_checks = owned_by_recheck | (cross & first_old) | (forecast & (first_old | second_old))
    clashing = _in(previous_checks["check_id"], set(fresh_checks["check_id"])).to_numpy(zero_copy_only=False)
    if (clashing & ~stale_checks).any():
        raise Unavailable("a recomputed check has the id of a kept one")
    order = [("check_type", "ascending"), ("evidence_article_id", "ascending"), ("evidence_start", "ascending"),
             ("check_id", "ascending")]
    inputs.write(splice(previous_checks, ~stale_checks, fresh_checks, "checks", order), "checks", previous_checks)


def timeline(inputs: Inputs) -> None:
    previous = inputs.previous("timeline")
    events_in_changed = _in(inputs.events["article_id"], inputs.changed_ids).to_numpy(zero_copy_only=False)
    changed_rows = build_timeline(_frame(inputs.events.filter(arrow.array(events_in_changed)), "events"),
                                  inputs.articles_of(inputs.changed))
    was_changed = _in(previous["article_id"], inputs.changed_ids)
    stale_occurrences = set(previous["occurrence_id"].combine_chunks().filter(was_changed).to_pylist())
    stale_occurrences |= set(changed_rows["occurrence_id"])
    stale = _in(previous["occurrence_id"], stale_occurrences).to_numpy(zero_copy_only=False)
    others = set(previous["event_id"].combine_chunks().filter(arrow.array(stale)).to_pylist())
    selected = (_in(inputs.events["event_id"], others).to_numpy(zero_copy_only=False) & ~events_in_changed) | events_in_changed
    events = _frame(inputs.events.filter(arrow.array(selected)), "events")
    fresh = build_timeline(events, inputs.articles_of(set(events["article_id"])))
    fresh = fresh[fresh["occurrence_id"].isin(stale_occurrences)]
    order = [("date_start", "ascending"), ("event_type", "ascending"), ("occurrence_id", "ascending"),
             ("article_id", "ascending"), ("start", "ascending")]
    inputs.write(splice(previous, ~stale, fresh, "timeline", order), "timeline", previous)


def network(inputs: Inputs) -> None:
    """The actor pairs a changed article links (or linked) are updated in place: an edge's rows are
    lists and counts, so the changed articles' old events and claims are taken out of them (their
    types are in the last timeline, which lists every event) and their new ones put in. The big
    pairs of a corpus link tens of thousands of events: rebuilding them would cost a full run, and
    their lists are kept in Arrow (as Python lists they took 3 s of a re-run at 100,000 articles)."""
    previous = inputs.previous("network")
    events_in_changed = _in(inputs.events["article_id"], inputs.changed_ids).to_numpy(zero_copy_only=False)
    changed_events = _frame(inputs.events.filter(arrow.array(events_in_changed)), "events")
    added = build_network(changed_events, inputs.claims_where(inputs.claim_in_changed), inputs.articles_of(inputs.changed))
    added = {(row["source_entity"], row["target_entity"]): row for row in added.to_dict("records")}
    stale = _mask(previous.num_rows, _rows_listing(previous, "article_ids", inputs.changed_ids))
    pairs = zip(previous["source_entity"].to_pylist(), previous["target_entity"].to_pylist())
    stale |= numpy.array([pair in added for pair in pairs], bool)
    old = previous.filter(arrow.array(stale))
    old_events, old_claims = old["event_ids"].combine_chunks(), old["claim_ids"].combine_chunks()
    listed_events, listed_claims = compute.list_flatten(old_events), compute.list_flatten(old_claims)
    # The listed events and claims that go are the changed articles' as the last run had them: their
    # events are in the last timeline (it lists every event, with its article and type), their claims
    # were found with the ledger's facts. Looking the few up is what it costs, not the half million
    # listed among today's million (0.5 s at 100,000 articles).
    timeline = inputs.previous("timeline", columns=["event_id", "article_id", "event_type"])
    timeline = timeline.filter(_in(timeline["article_id"], inputs.changed_ids))
    kept_events = compute.invert(_in(listed_events, timeline["event_id"].combine_chunks()))
    kept_claims = compute.invert(_in(listed_claims, inputs.old_claims_of_changed))
    gone = listed_events.filter(compute.invert(kept_events))
    type_of = dict(zip(timeline["event_id"].to_pylist(), timeline["event_type"].to_pylist()))
    gone_of_row = [gone_row.to_pylist() for gone_row in _split(gone, _counts_per_row(old_events, kept_events, keep=False))]

    old_pairs = zip(old["source_entity"].to_pylist(), old["target_entity"].to_pylist())
    old_rows = {pair: position for position, pair in enumerate(old_pairs)}
    empty = arrow.array([], arrow.string())
    kept_event_lists = _split(listed_events.filter(kept_events), _counts_per_row(old_events, kept_events))
    kept_claim_lists = _split(listed_claims.filter(kept_claims), _counts_per_row(old_claims, kept_claims))
    old_articles = old["article_ids"].combine_chunks()
    columns: dict[str, list] = {name: [] for name in NETWORK_COLUMNS}
    for pair in [*old_rows, *(p for p in added if p not in old_rows)]:
        position, new = old_rows.get(pair), added.get(pair)
        counts = {column: (old[column][position].as_py() if position is not None else 0) + (new[column] if new else 0)
                  for column in EVENT_KIND_COLUMNS.values()}
        for event in gone_of_row[position] if position is not None else []:
            if type_of[event] in EVENT_KIND_COLUMNS:
                counts[EVENT_KIND_COLUMNS[type_of[event]]] -= 1
        lists = {}
        for name, kept in (("event_ids", kept_event_lists), ("claim_ids", kept_claim_lists)):
            before = kept[position] if position is not None else empty
            lists[name] = _merged(before, new[name] if new else [])
        before = old_articles[position].values if position is not None else empty
        before = before.filter(compute.invert(_in(before, inputs.changed_ids)))
        lists["article_ids"] = _merged(before, new["article_ids"] if new else [])  # changed articles: none in ``before``
        n_events, n_claims = len(lists["event_ids"]), len(lists["claim_ids"])
        if not n_events + n_claims:
            continue
        labels = (old["source_label"][position].as_py(), old["target_label"][position].as_py()) if position is not None \
            else (new["source_label"], new["target_label"])
        row = {"source_entity": pair[0], "target_entity": pair[1], "source_label": labels[0], "target_label": labels[1],
               "weight": n_events + n_claims, "n_events": n_events, "n_claims": n_claims,
               "n_articles": len(lists["article_ids"]), **counts, **lists}
        for name in NETWORK_COLUMNS:
            columns[name].append(row[name])
    schema = tables.arrow_schema("network")
    fresh = arrow.Table.from_arrays([_column(columns[f.name], f.type) for f in schema], schema=schema)
    order = [("weight", "descending"), ("source_entity", "ascending"), ("target_entity", "ascending")]
    inputs.write(splice(previous, ~stale, fresh, "network", order), "network", previous)


def _counts_per_row(lists: arrow.ListArray, chosen: arrow.Array, keep: bool = True) -> numpy.ndarray:
    """How many items of each list are ``chosen`` (or not, with ``keep=False``)."""
    picked = chosen.to_numpy(zero_copy_only=False) if keep else ~chosen.to_numpy(zero_copy_only=False)
    parents = compute.list_parent_indices(lists).to_numpy()
    return numpy.bincount(parents[picked], minlength=len(lists)) if len(lists) else numpy.zeros(0, "int64")


def _split(values: arrow.Array, counts: numpy.ndarray) -> list[arrow.Array]:
    """``values`` cut into consecutive pieces of these lengths."""
    offsets = numpy.r_[0, numpy.cumsum(counts)]
    return [values.slice(int(start), int(end - start)) for start, end in zip(offsets[:-1], offsets[1:])]


class _Strings(Sequence):
    """An Arrow array of strings as a sequence of Python strings, for ``bisect``."""

    def __init__(self, values: arrow.Array):
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, position):
        return self.values[position].as_py()


def _merged(ordered: arrow.Array, new: list[str]) -> arrow.Array:
    """``sorted([*ordered, *new])`` for strings (by code point, the order of their UTF-8 bytes) in
    ``ordered``, sorted already, and a few ``new`` ones: each new one placed by a binary search
    (sorting a big network pair's or a country's lists again took 0.4 s of a re-run)."""
    if not new:
        return ordered
    pieces, start, items = [], 0, _Strings(ordered)
    for value in sorted(new):
        place = bisect.bisect_right(items, value, lo=start)
        pieces += [ordered.slice(start, place - start), arrow.array([value], arrow.string())]
        start = place
    pieces.append(ordered.slice(start))
    return arrow.concat_arrays(pieces)


def _column(values: list, kind: arrow.DataType) -> arrow.Array:
    if arrow.types.is_list(kind):
        lengths = numpy.array([len(v) for v in values], dtype="int32")
        flat = arrow.concat_arrays([v.cast(kind.value_type) for v in values]) if values else arrow.array([], kind.value_type)
        return arrow.ListArray.from_arrays(arrow.array(numpy.r_[0, numpy.cumsum(lengths)].astype("int32")), flat).cast(kind)
    return arrow.array(values, kind)


def attention_and_sourcing(inputs: Inputs) -> None:
    """Attention and sourcing for the outlet-months and outlets a changed article is (or was) in,
    from those months' articles and those outlets' claims; the last attention table lists every
    article, so it tells where a changed article was."""
    previous = inputs.previous("attention")
    articles = inputs.articles
    changed_now = articles[articles["article_id"].isin(inputs.changed)]
    month = lambda value: None if pd.isna(value) else pd.Timestamp(value)  # noqa: E731 - dates, NaT and None alike
    now = build_attention(changed_now)
    groups = {(o, month(m)) for o, m in zip(now["outlet"].tolist(), now["month"].tolist())}
    keys = [(o, month(m)) for o, m in zip(previous["outlet"].to_pylist(), previous["month"].to_pylist())]
    listing = _rows_listing(previous, "article_ids", inputs.changed_ids)
    stale = _mask(previous.num_rows, listing)
    stale |= numpy.array([key in groups for key in keys], bool)
    listed = _flat(previous, "article_ids", numpy.flatnonzero(stale)) - inputs.changed
    subset = articles[articles["article_id"].isin(listed | inputs.changed)]
    ids = _ids(set(subset["article_id"]))
    counted = {name: _frame(table.select(["article_id"]).filter(_in(table["article_id"], ids)), name)
               for name, table in (("claims", inputs.claims), ("events", inputs.events))}
    fresh = build_attention(subset, counted["claims"], counted["events"])
    inputs.write(splice(previous, ~stale, fresh, "attention", [("month", "ascending"), ("outlet", "ascending")]),
                 "attention", previous)

    was_listed = _flat(previous, "article_ids", listing)
    outlets = set(previous["outlet"].combine_chunks().take(arrow.array(listing, arrow.int64())).to_pylist()) | set(now["outlet"])
    if not inputs.changed <= was_listed or not inputs.changed <= set(changed_now["article_id"]):
        outlets.add(UNKNOWN_OUTLET)  # claims of an article missing from ``articles`` (now or before) count there
    sourcing(inputs, outlets)


def sourcing(inputs: Inputs, outlets: set[str]) -> None:
    """The rows of ``outlets`` updated in place, as the network's are: the changed articles' old
    claims taken out of the id lists, their new ones (``build_sourcing`` of just those) put in. An
    outlet holds a sixth of the claims of the 100,000-article corpus: rebuilt from all its claims
    it took 0.9 s of CPU."""
    previous = inputs.previous("sourcing")
    stale = _in(previous["outlet"], outlets).to_numpy(zero_copy_only=False)
    schema = tables.arrow_schema("sourcing")
    order = [("n_claims", "descending"), ("outlet", "ascending")]
    if inputs.articles.empty:  # no outlets to speak of: a full run writes no rows
        inputs.write(splice(previous, numpy.zeros(previous.num_rows, bool), schema.empty_table(), "sourcing", order),
                     "sourcing", previous)
        return
    new_claims = _frame(inputs.claims.select(["claim_id", "article_id", "attribution"]).filter(
        arrow.array(inputs.claim_in_changed)), "claims")
    owners = inputs.articles_of(set(new_claims["article_id"]))
    added = build_sourcing(owners if len(owners) else inputs.articles.iloc[:1], new_claims)
    if not set(added["outlet"]) <= outlets:
        raise Unavailable("a changed article's claims are in an outlet that was not stale")
    added = {row["outlet"]: row for row in added.to_dict("records")}

    old = previous.filter(arrow.array(stale))
    lists = {name: old[name].combine_chunks() for name in ("attributed_claim_ids", "unattributed_claim_ids")}
    listed = arrow.concat_arrays([compute.list_flatten(column) for column in lists.values()])
    claim_ids = inputs.claims["claim_id"].combine_chunks()
    listed_today = _in(claim_ids, compute.unique(listed)).to_numpy(zero_copy_only=False)
    kept_rows = numpy.flatnonzero(listed_today & ~inputs.claim_in_changed)
    kept_claims = claim_ids.take(arrow.array(kept_rows, arrow.int64()))
    kept_articles = inputs.claim_article.take(arrow.array(kept_rows, arrow.int64()))
    kept_lists = {}
    for name, column in lists.items():
        flat = compute.list_flatten(column)
        chosen = _in(flat, kept_claims)
        kept_lists[name] = _split(flat.filter(chosen), _counts_per_row(column, chosen))
    position_of = {outlet: position for position, outlet in enumerate(old["outlet"].to_pylist())}
    columns: dict[str, list] = {field.name: [] for field in schema}
    empty = arrow.array([], arrow.string())
    for outlet in [*position_of, *(o for o in added if o not in position_of)]:
        position, new = position_of.get(outlet), added.get(outlet)
        row = {"outlet": outlet}
        for name in lists:
            before = kept_lists[name][position] if position is not None else empty
            row[name] = _merged(before, new[name] if new else [])
        n_attributed = len(row["attributed_claim_ids"])
        n_claims = n_attributed + len(row["unattributed_claim_ids"])
        if not n_claims:
            continue
        # The articles of its kept claims are unchanged ones, those of its new claims changed ones: none in both.
        own = arrow.concat_arrays([kept_lists[name][position] for name in lists]) if position is not None else empty
        n_unchanged = compute.count_distinct(kept_articles.filter(_in(kept_claims, own))).as_py() if len(own) else 0
        row.update(n_articles=n_unchanged + (new["n_articles"] if new else 0), n_claims=n_claims,
                   n_claims_attributed=n_attributed, pct_claims_attributed=100.0 * n_attributed / n_claims)
        for name, values_ in columns.items():
            values_.append(row[name])
    fresh = arrow.Table.from_arrays([_column(columns[f.name], f.type) for f in schema], schema=schema)
    inputs.write(splice(previous, ~stale, fresh, "sourcing", order), "sourcing", previous)


def sector_profile(inputs: Inputs, counts: arrow.Table) -> arrow.Table:
    """Today's counts of country sentences per article (see ``run_cache``), after rewriting the
    sector profile's rows of every country a changed article mentions (or mentioned). A country's
    rows list hundreds of thousands of sentences, sorted: the changed articles' are taken out of
    the lists and their new ones put in, and only a list that gains sentences is sorted again."""
    mentions = _frame(inputs.mentions.filter(_in(inputs.mentions["article_id"], inputs.changed_ids)), "mentions")
    sectors = _frame(inputs.sectors.filter(_in(inputs.sectors["article_id"], inputs.changed_ids)), "sectors")
    new_counts, new_tagged = located_country_sentences(mentions, sectors, inputs.articles_of(inputs.changed))
    was_changed = _in(counts["article_id"], inputs.changed_ids)
    countries = set(counts["entity_id"].filter(was_changed).to_pylist()) | set(new_counts["entity_id"])
    counts = arrow.concat_tables([
        counts.filter(compute.invert(was_changed)),
        arrow.Table.from_arrays([arrow.array(new_counts[name].tolist(), field.type) for name, field in zip(counts.column_names,
                                                                                                        counts.schema)],
                                schema=counts.schema),
    ]).combine_chunks()

    previous = inputs.previous("sector_profile")
    stale = _in(previous["entity_id"], countries).to_numpy(zero_copy_only=False)
    rows = previous.filter(arrow.array(stale))
    refs = rows["sentence_refs"].combine_chunks()
    flat = compute.list_flatten(refs)
    kept = compute.invert(_refs_of(flat, inputs.changed))
    kept_lists = _split(flat.filter(kept), _counts_per_row(refs, kept))
    added: dict[tuple[str, str], list[str]] = {}
    for entity, sector, ref in zip(new_tagged["entity_id"], new_tagged["sector"], new_tagged["ref"]):
        added.setdefault((entity, sector), []).append(ref)
    groups = dict(zip(zip(rows["entity_id"].to_pylist(), rows["sector"].to_pylist()), kept_lists))
    for group, new_refs in added.items():
        before = groups.get(group, arrow.array([], arrow.string()))
        groups[group] = _merged(before, new_refs)
    in_countries = counts.filter(_in(counts["entity_id"], countries))
    mentioning = in_countries.group_by("entity_id").aggregate([("n_sentences", "sum")])
    n_sentences = dict(zip(mentioning["entity_id"].to_pylist(), mentioning["n_sentences_sum"].to_pylist()))
    columns: dict[str, list] = {name: [] for name in ("entity_id", "entity_label", "sector", "n_sentences_mentioning",
                                                     "n_sentences_with_sector", "pct_of_sentences", "sentence_refs")}
    for (entity, sector), listed in groups.items():
        if not len(listed):
            continue
        row = {"entity_id": entity, "entity_label": entity_label(entity), "sector": sector,
               "n_sentences_mentioning": n_sentences[entity], "n_sentences_with_sector": len(listed),
               "pct_of_sentences": 100.0 * len(listed) / n_sentences[entity], "sentence_refs": listed}
        for name, values_ in columns.items():
            values_.append(row[name])
    schema = tables.arrow_schema("sector_profile")
    fresh = arrow.Table.from_arrays([_column(columns[f.name], f.type) for f in schema], schema=schema)
    inputs.write(splice(previous, ~stale, fresh, "sector_profile",
                        [("entity_id", "ascending"), ("pct_of_sentences", "descending"), ("sector", "ascending")]),
                 "sector_profile", previous)
    return counts


def _refs_of(refs: arrow.Array, article_ids: set[str]) -> arrow.Array:
    """Which sentence refs (``profiles._sentence_ref``: ``article_id:start-end``) are of these
    articles: a prefix test per article over the million refs, then the few hits checked whole
    (a regular expression over every ref took 1 s at 100,000 articles)."""
    hit = numpy.zeros(len(refs), bool)
    for article_id in article_ids:
        hit |= compute.starts_with(refs, f"{article_id}:").to_numpy(zero_copy_only=False)
    for position in numpy.flatnonzero(hit):
        ref = refs[int(position)].as_py()
        hit[position] = any(ref.startswith(f"{a}:") and _REF_TAIL.fullmatch(ref[len(a) + 1:]) for a in article_ids)
    return arrow.array(hit)


_REF_TAIL = re.compile(r"[0-9]+-[0-9]+")  # what follows the article id and a colon in a sentence ref


def rerun(processed_dir: Path, changed: set[str], counts: arrow.Table, read: dict[str, arrow.Table]) -> arrow.Table:
    """Rewrite the stage's tables for ``changed`` articles; return the new sentence counts.
    ``read``: today's inputs as ``article_digests.read_inputs`` gives them."""
    # Leaving the pool waits for every write, also when a step gives up (``Unavailable``): a full
    # run that follows must not have a late write of this one land on its tables.
    with ThreadPoolExecutor(max_workers=1) as writer:
        inputs = Inputs(processed_dir, changed, read, writer)
        ledger_series_checks(inputs)
        network(inputs)  # reads the last timeline: it is rewritten only by ``timeline``, after this
        timeline(inputs)
        attention_and_sourcing(inputs)
        counts = sector_profile(inputs, counts)
    for write in inputs.writes:
        write.result()  # a failed write raises here
    return counts
