"""Tables written by stage 1 (ingest)."""

from __future__ import annotations

from . import Field, TableSpec

PUBLISHED_BASIS = ("header", "record", "dateline", "html", "inferred", "unknown")
MANIFEST_STATUS = ("ingested", "duplicate", "rejected")

TABLES = (
    TableSpec(
        "articles",
        "ingest",
        "One row per article read from the raw folder (duplicates included, linked by `duplicate_of`).",
        (
            Field("article_id", "string", "Stable id: a hash of the normalised text (and title).", unique=True),
            Field("source", "string", "The record's url if it has one, else the path relative to the raw folder; `#N` marks the Nth record (from 1) of a jsonl/csv file."),
            Field("path", "string", "The raw file, relative to the raw folder."),
            Field("url", "string", "The article's url, when the file or record gives one.", nullable=True),
            Field("outlet", "string", "The news outlet or agency (from the syndication tag, the record, the html or the signature).", nullable=True),
            Field("published", "date", "Publication date, or null when nothing states it.", nullable=True),
            Field("published_basis", "string", "Where `published` comes from.", allowed=PUBLISHED_BASIS),
            Field("published_not_before", "date", "When undated: the earliest date the text allows (it mentions events of that month or year).", nullable=True),
            Field("title", "string", "The headline, when one is given.", nullable=True),
            Field("byline", "string", "The author line, when one is given.", nullable=True),
            Field("language", "string", "ISO 639-1 code of the text's language."),
            Field("text", "string", "The article's body, normalised: headers, datelines' prefixes and boilerplate removed, wrapped lines joined into paragraphs separated by a blank line. Every span offset indexes this text."),
            Field("n_words", "int64", "Number of words in `text`."),
            Field("duplicate_of", "string", "The `article_id` of the earlier article this one reprints (exact or near duplicate), else null.", nullable=True),
        ),
        unique_key=("article_id",),
    ),
    TableSpec(
        "manifest",
        "ingest",
        "One row per raw file, and per record of a jsonl/csv file: what became of it. Nothing read is missing here.",
        (
            Field("source", "string", "As in `articles.source` (for a whole file that was rejected, its path)."),
            Field("path", "string", "The raw file, relative to the raw folder."),
            Field("record", "int64", "The record's number (from 1) within a jsonl/csv file; null for a file that is one article.", nullable=True),
            Field("format", "string", "The reader used: txt, md, html, jsonl, csv, or unknown."),
            Field("n_bytes", "int64", "Size of the file in bytes (of the record's line for jsonl)."),
            Field("status", "string", "What became of it.", allowed=MANIFEST_STATUS),
            Field("reason", "string", "For a rejected or duplicate item: why, in words a person understands.", nullable=True),
            Field("article_id", "string", "The article made from it (ingested and duplicate items).", nullable=True),
            Field("duplicate_of", "string", "For a duplicate: the `article_id` it repeats.", nullable=True),
        ),
    ),
)
