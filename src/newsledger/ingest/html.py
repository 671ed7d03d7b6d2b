"""HTML pages: main text, title, date and author through trafilatura."""

from __future__ import annotations

import logging

import trafilatura

# trafilatura logs every page it finds too short at WARNING; the manifest says it better.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def extract_html(document: str) -> tuple[str, dict[str, str]] | tuple[None, str]:
    """(main text, fields) of a page, or (None, reason) when trafilatura finds no article in it.

    The text comes back one paragraph per line; fields holds title, published (ISO), byline, outlet
    and url when the page declares them. Scripts, iframes, navigation and footers are dropped by
    trafilatura; nothing of the page is executed.
    """
    try:
        extracted = trafilatura.bare_extraction(
            document,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura raises assorted lxml errors on broken markup
        return None, f"unparseable html: {type(error).__name__}"
    if extracted is None:
        return None, "no article text found in the html page"
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        return None, "no article text found in the html page"
    fields = {}
    for ours, theirs in (("title", "title"), ("published", "date"), ("byline", "author"), ("outlet", "sitename"), ("url", "url")):
        if data.get(theirs):
            fields[ours] = str(data[theirs])
    return text, fields
