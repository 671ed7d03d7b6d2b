"""Profiles: what each country is talked about in connection with, and how each outlet covers the subject.

* Sector profile: of the sentences that mention a country, the share that carry each sector
  (energy, transport, ...). Sentences of reprints are left out so a syndicated story is not counted
  twice.
* Attention: articles, claims and events per outlet and month of publication.
* Sourcing: the share of each outlet's claims that say where the figure comes from.
"""

from __future__ import annotations

import numpy
import pandas as pd
import pyarrow as arrow
import pyarrow.compute as compute

from ..schemas import TABLES
from ..tables import conform
from .entities import entity_label
from .columns import values
from .sources import SourceIndex

UNKNOWN_OUTLET = "(unknown outlet)"

SECTOR_PROFILE_COLUMNS = TABLES["sector_profile"].columns
ATTENTION_COLUMNS = TABLES["attention"].columns
SOURCING_COLUMNS = TABLES["sourcing"].columns


def _sentence_ref(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:{start}-{end}"


def build_sector_profile(mentions: pd.DataFrame | None, sectors: pd.DataFrame | None,
                         articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per country and sector that co-occur, by country then share (see ``schemas.analyze``)."""
    return sector_profile_of(*located_country_sentences(mentions, sectors, articles))


def located_country_sentences(mentions: pd.DataFrame | None, sectors: pd.DataFrame | None,
                              articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the sector profile counts, per article: (``article_id``, ``entity_id``, ``n_sentences``)
    the number of an original article's tagged sentences that mention each country, and
    (``entity_id``, ``sector``, ``ref``) one row per such sentence and sector it carries, sorted."""
    counts = pd.DataFrame({"article_id": pd.Series(dtype=object), "entity_id": pd.Series(dtype=object),
                           "n_sentences": pd.Series(dtype="int64")})
    tagged = pd.DataFrame({"entity_id": pd.Series(dtype=object), "sector": pd.Series(dtype=object), "ref": pd.Series(dtype=object)})
    if mentions is None or sectors is None or mentions.empty or sectors.empty:
        return counts, tagged
    sources = SourceIndex.from_articles(articles)
    reprints = [article_id for article_id, original in sources.duplicate_of.items() if original]
    countries = mentions.loc[mentions["entity_type"] == "country", ["article_id", "start", "entity_id"]]
    if reprints:
        countries = countries[~countries["article_id"].isin(reprints)]
    # The sector tags are the largest input: they are indexed where they are, never copied.
    sentences = sectors.rename(columns={"start": "s_start", "end": "s_end"})
    original_sentences = ~sentences["article_id"].isin(reprints).to_numpy() if reprints else numpy.ones(len(sentences), bool)
    if countries.empty or not original_sentences.any():
        return counts, tagged
    mention_of, sentence_of = _locate(countries, sentences, original_sentences)
    located = pd.DataFrame({"entity_id": countries["entity_id"].to_numpy(dtype=object)[mention_of], "sentence": sentence_of})
    located = located.drop_duplicates(["entity_id", "sentence"]).reset_index(drop=True)
    located["article_id"] = sentences["article_id"].to_numpy(dtype=object)[located["sentence"].to_numpy()]
    counts = located.groupby(["article_id", "entity_id"], sort=True).size().rename("n_sentences").reset_index()
    counts["n_sentences"] = counts["n_sentences"].astype("int64")
    sentence_rows = located["sentence"].to_numpy()
    tags = arrow.array(sentences["sectors"].to_numpy(dtype=object)[sentence_rows].tolist(), type=arrow.list_(arrow.string()))
    row_of_tag = compute.list_parent_indices(tags).to_numpy()
    refs = _sentence_refs(sentences, sentence_rows)
    tagged = pd.DataFrame({
        "row": row_of_tag,
        "entity_id": located["entity_id"].to_numpy(dtype=object)[row_of_tag],
        "sector": compute.list_flatten(tags).to_numpy(zero_copy_only=False),
        "ref": refs[row_of_tag],
    })
    tagged = tagged.drop_duplicates(["row", "sector"]).sort_values(["entity_id", "sector", "ref"], kind="stable")
    return counts, tagged[["entity_id", "sector", "ref"]].reset_index(drop=True)


def sector_profile_of(counts: pd.DataFrame, tagged: pd.DataFrame) -> pd.DataFrame:
    """The sector profile from ``located_country_sentences``'s two frames (of one article or many)."""
    if tagged.empty:
        return conform(pd.DataFrame(columns=SECTOR_PROFILE_COLUMNS), "sector_profile")
    mentioning = counts.groupby("entity_id")["n_sentences"].sum()
    groups = tagged.groupby(["entity_id", "sector"], sort=False).size()
    all_refs = tagged["ref"].tolist()
    rows, position = [], 0
    for (entity_id, sector), n_with_sector in groups.items():
        n_sentences = int(mentioning[entity_id])
        rows.append(
            {
                "entity_id": entity_id,
                "entity_label": entity_label(entity_id),
                "sector": sector,
                "n_sentences_mentioning": n_sentences,
                "n_sentences_with_sector": int(n_with_sector),
                "pct_of_sentences": 100.0 * int(n_with_sector) / n_sentences,
                "sentence_refs": all_refs[position:position + n_with_sector],
            }
        )
        position += n_with_sector
    frame = conform(pd.DataFrame(rows, columns=SECTOR_PROFILE_COLUMNS), "sector_profile")
    frame = frame.sort_values(["entity_id", "pct_of_sentences", "sector"], ascending=[True, False, True])
    return frame.reset_index(drop=True)


def _locate(countries: pd.DataFrame, sentences: pd.DataFrame, eligible: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(mention row, sentence row) for every country mention that falls inside an ``eligible``
    tagged sentence of its article: the sentence starting last at or before the mention, if the
    mention starts before it ends. Article and offset are packed in one integer key, so one binary
    search finds it."""
    sentence_article, article_ids = pd.factorize(sentences["article_id"])
    sentence_article = numpy.where(eligible, sentence_article, _LEFT_OUT).astype("int64")
    mention_article = pd.Index(article_ids).get_indexer(countries["article_id"]).astype("int64")  # -1: no tagged sentence
    mention_start = countries["start"].to_numpy(dtype="int64")
    sentence_start, sentence_end = sentences["s_start"].to_numpy(dtype="int64"), sentences["s_end"].to_numpy(dtype="int64")
    by_position = numpy.lexsort((sentence_start, sentence_article))
    sentence_keys = (sentence_article[by_position] << 32) | sentence_start[by_position]
    before = numpy.searchsorted(sentence_keys, (mention_article << 32) | mention_start, side="right") - 1
    candidate = by_position[numpy.maximum(before, 0)]
    inside = (before >= 0) & (sentence_article[candidate] == mention_article) & (mention_start < sentence_end[candidate])
    return inside.nonzero()[0], candidate[inside]


_LEFT_OUT = -2  # the article code of a sentence that is not eligible (a reprint's): it matches no mention


def _sentence_refs(sentences: pd.DataFrame, rows: numpy.ndarray) -> numpy.ndarray:
    """``article_id:start-end`` of the given sentence rows, each distinct sentence formatted once."""
    distinct, position = numpy.unique(rows, return_inverse=True)
    article_ids = sentences["article_id"].to_numpy(dtype=object)[distinct]
    starts, ends = sentences["s_start"].to_numpy(dtype="int64")[distinct], sentences["s_end"].to_numpy(dtype="int64")[distinct]
    formatted = numpy.array([_sentence_ref(a, s, e) for a, s, e in zip(article_ids, starts.tolist(), ends.tolist())], dtype=object)
    return formatted[position]


def _outlet_of(articles: pd.DataFrame) -> pd.Series:
    return pd.Series([o or UNKNOWN_OUTLET for o in values(articles, "outlet")], index=articles.index, dtype=object)


def build_attention(articles: pd.DataFrame | None, claims: pd.DataFrame | None = None,
                    events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Articles, claims and events per outlet and month of publication (undated articles: month null)."""
    if articles is None or articles.empty:
        return conform(pd.DataFrame(columns=ATTENTION_COLUMNS), "attention")
    sources = SourceIndex.from_articles(articles)
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].astype(object).to_numpy(),
            "outlet": _outlet_of(articles).to_numpy(),
            "month": pd.to_datetime(articles["published"]).dt.to_period("M").dt.start_time.to_numpy(),
        }
    )
    frame["is_original"] = [not sources.is_reprint(a) for a in values(frame, "article_id")]
    claim_counts = claims["article_id"].value_counts() if claims is not None and not claims.empty else pd.Series(dtype=int)
    event_counts = events["article_id"].value_counts() if events is not None and not events.empty else pd.Series(dtype=int)
    frame["n_claims"] = frame["article_id"].map(claim_counts).fillna(0).astype(int)
    frame["n_events"] = frame["article_id"].map(event_counts).fillna(0).astype(int)
    grouped = frame.groupby(["outlet", "month"], dropna=False, sort=False)
    out = grouped.agg(
        n_articles=("article_id", "size"),
        n_original_articles=("is_original", "sum"),
        n_claims=("n_claims", "sum"),
        n_events=("n_events", "sum"),
        article_ids=("article_id", lambda ids: sorted(ids)),
    ).reset_index()
    out = conform(out[ATTENTION_COLUMNS], "attention")
    return out.sort_values(["month", "outlet"], na_position="last").reset_index(drop=True)


def build_sourcing(articles: pd.DataFrame | None, claims: pd.DataFrame | None) -> pd.DataFrame:
    """Per outlet: how many of its claims name where the figure comes from.

    Column-wise (a million claims at 100,000 articles): each claim's outlet by a lookup of its
    article, whether it is attributed decided once per distinct attribution, the ids put in order
    once, then cut into each outlet's lists."""
    if articles is None or articles.empty or claims is None or claims.empty:
        return conform(pd.DataFrame(columns=SOURCING_COLUMNS), "sourcing")
    outlet_by_article = dict(zip(values(articles, "article_id"), _outlet_of(articles).tolist()))
    article_ids = values(claims, "article_id")
    attributions = pd.Series(values(claims, "attribution"), dtype=object)
    named = {text: bool(str(text).strip()) for text in attributions.dropna().unique()}
    frame = pd.DataFrame({
        "outlet": [outlet_by_article.get(a, UNKNOWN_OUTLET) for a in article_ids],
        "article_id": article_ids,
        "claim_id": [str(c) for c in values(claims, "claim_id")],
        "attributed": attributions.map(named).fillna(False).astype(bool).to_numpy(),
    })
    frame = frame.take(compute.sort_indices(arrow.array(frame["claim_id"], arrow.string())).to_numpy())
    by_outlet = frame.groupby("outlet", sort=False)
    counts = pd.DataFrame({"n_articles": by_outlet["article_id"].nunique(), "n_claims": by_outlet.size(),
                           "n_claims_attributed": by_outlet["attributed"].sum()})
    outlet_codes, outlets = pd.factorize(frame["outlet"])
    claim_ids, attributed = frame["claim_id"].to_numpy(dtype=object), frame["attributed"].to_numpy()
    records = []
    for outlet, n_articles, n_claims, n_attributed in zip(counts.index, counts["n_articles"], counts["n_claims"],
                                                          counts["n_claims_attributed"]):
        own = outlet_codes == outlets.get_loc(outlet)
        records.append(
            {
                "outlet": outlet,
                "n_articles": int(n_articles),
                "n_claims": int(n_claims),
                "n_claims_attributed": int(n_attributed),
                "pct_claims_attributed": 100.0 * int(n_attributed) / int(n_claims),
                "attributed_claim_ids": claim_ids[own & attributed].tolist(),
                "unattributed_claim_ids": claim_ids[own & ~attributed].tolist(),
            }
        )
    frame = conform(pd.DataFrame(records, columns=SOURCING_COLUMNS), "sourcing")
    return frame.sort_values(["n_claims", "outlet"], ascending=[False, True]).reset_index(drop=True)
