"""From a raw article body to clean text: headers, datelines and boilerplate out, wrapped lines joined.

The conventions handled (see tests/ingest/test_normalise.py for each):
- a leading ``date YYYY-MM-DD`` prefix on the first line (the sample corpus's export format);
- a syndication tag such as ``(MENAFN- AzerNews)`` naming the outlet;
- a byline line (a person's name) and a title line (a headline without final punctuation);
- a dateline such as ``BAKU, Azerbaijan, September 14.``, ``BAKU:`` or ``Baku, April 10, APA.`` opening the body;
- trailing outlet signatures (``AzVision.az``) and boilerplate lines (``More about:``, ``Read also``);
- lines hard-wrapped at a fixed width, joined back into paragraphs.
Paragraphs are separated by one blank line in the output.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..config import REFERENCE_DIR
from ..months import MONTHS

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4})-(\d{1,2})-(\d{1,2})\b[ \t]*")
_SYNDICATION_TAG = re.compile(r"^\s*\((?:MENAFN|[A-Z]{2,10})\s*[-\u2013\u2014:]\s*([^)\n]{2,80})\)[ \t]*")
_MONTH_NAMES = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'\u2019.-]+(?:[ -][A-Z][A-Z'\u2019.-]+){0,2})"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z'\u2019 -]{2,30}?))?"
    r"(?:,?\s*(?P<month>" + _MONTH_NAMES + r")\s+(?P<day>\d{1,2})(?:,?\s*(?P<year>\d{4}))?)?"
    r"\s*(?:\([A-Za-z .]+\)\s*)?(?:[.:]|\s[-\u2013\u2014]{1,2})\s+"
)
# A city written in title case ("Baku, April 10, APA.", "Cholpon-Ata, 22 May 2026, APA.") is a
# dateline only with its date: without one, "Baku, the capital, ..." would lose its first words.
_TITLE_CASE_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][a-z'\u2019]+(?:[ -][A-Z][a-z'\u2019]+){0,2})"
    r"(?:,\s*(?P<country>[A-Z][a-z'\u2019]+(?: [A-Z][a-z'\u2019]+)?))?"
    r",\s*(?:(?P<month>" + _MONTH_NAMES + r")\s+(?P<day>\d{1,2})|(?P<day_first>\d{1,2})\s+(?P<month_second>"
    + _MONTH_NAMES + r"))(?:,?\s*(?P<year>\d{4}))?"
    r"(?:,\s*(?P<outlet>[A-Z][\w.&'\u2019-]*(?: [A-Z][\w.&'\u2019-]*){0,2}))?"
    r"\s*(?:\([A-Za-z .]+\)\s*)?(?:[.:]|\s[-\u2013\u2014]{1,2})\s+"
)
_NAME_LINE = re.compile(r"^(?:By\s+)?[A-Z][a-z\u00c0-\u024f'\u2019-]+(?:\s+[A-Z][a-z\u00c0-\u024f'\u2019.-]*){1,3}$")
_SIGNATURE = re.compile(r"^(?:[\w-]+\.)+(?:az|kz|uz|kg|tj|tm|tr|ge|ru|com|net|org|news|info)$|^[A-Z][\w.&' -]{1,40}$")
_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Emphasis content may not hold its own marker: each opener then scans only to the next marker, so a
# long paragraph full of unpaired stars stays linear (``.+?`` made it quadratic: minutes for 100 kB).
# Underscores inside words (snake_case, file_name) are not emphasis.
_MD_EMPHASIS = re.compile(
    r"(\*\*?)(?=[^\s*])([^*]*?[^\s*])\1"
    r"|(?<!\w)(__?)(?=[^\s_])([^_]*?[^\s_])\3(?!\w)"
)
# Line and paragraph separators other than "\n" (CR, CRLF, vertical tab, form feed, NEL, U+2028),
# and control characters that no article text holds (NUL and the like, stray byte-order marks).
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x85\u2028]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")
_SPACE = re.compile(r"\s+")
# A word broken at its own hyphen at the end of a line ("Azerbaijani-" + "built", "January-" + "June");
# a suspended hyphen ("pre- and post-war") is followed by a conjunction and keeps its space.
_BROKEN_AT_HYPHEN = re.compile(r"\w-$")
_SUSPENDED_HYPHEN = re.compile(r"(?:and|or)\b")


@dataclass
class Normalised:
    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_basis: str = "unknown"
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def boilerplate_patterns(path: Path = REFERENCE_DIR / "boilerplate.csv") -> re.Pattern:
    with open(path, encoding="utf-8", newline="") as handle:
        patterns = [row["pattern"] for row in csv.DictReader(handle) if row["pattern"].strip()]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def month_number(name: str) -> int | None:
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS.get(key[:3])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_string(value: str) -> date | None:
    """A date from the forms exports use: ISO (with or without time), ``14 September 2023``, ``September 14, 2023``."""
    value = value.strip()
    if m := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value):
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.match(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$", value):
        return safe_date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.match(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", value):
        month = month_number(m[2])
        return safe_date(int(m[3]), month, int(m[1])) if month else None
    if m := re.match(r"^(?:[A-Za-z]+,\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", value):
        month = month_number(m[1])
        return safe_date(int(m[3]), month, int(m[2])) if month else None
    return None


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: most lines stop near one width well short of a paragraph's length."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 5:
        return False
    width = lengths[int(len(lengths) * 0.9) - 1]
    # Lines just above the 90th percentile count too: with six lines it is the second longest, and
    # leaving the longest out made a plainly wrapped text of six lines look unwrapped.
    near_width = sum(1 for n in lengths if width - 20 <= n <= width + 20)
    return width <= 120 and near_width >= 0.6 * len(lengths)


def _paragraphs(body: str) -> list[str]:
    """Paragraphs of ``body``: blank lines separate; in wrapped text, a line that ends a sentence and
    leaves room for the next line's first word ends a paragraph too (the writer broke it on purpose)."""
    lines = [line.rstrip() for line in body.split("\n")]
    if not _is_wrapped(lines):
        # Too few lines to see a wrap width: still, a line without final punctuation followed (without
        # a blank line) by one that starts in lower case is one sentence ("$24.5" + "million worth").
        paragraphs = []
        previous_blank = True
        for line in lines:
            stripped = line.strip()
            if not stripped:
                previous_blank = True
                continue
            if not previous_blank and _continues(paragraphs[-1], stripped):
                paragraphs[-1] = _join([paragraphs[-1], stripped])
            else:
                paragraphs.append(re.sub(r"[ \t]+", " ", stripped))
            previous_blank = False
        return paragraphs
    width = max(len(line) for line in lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(_join(current))
                current = []
            continue
        current.append(stripped)
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        next_word = following.split(" ", 1)[0] if following else ""
        if next_word and _TERMINAL.search(stripped) and len(line) + 1 + len(next_word) < width - 2:
            paragraphs.append(_join(current))
            current = []
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _continues(paragraph: str, line: str) -> bool:
    # Only the paragraph's last characters are looked at: a search over all of it, once per line, was quadratic.
    tail = paragraph[-2:]
    return not _TERMINAL.search(tail) and (line[:1].islower() or (_BROKEN_AT_HYPHEN.search(tail) is not None and line[:1].isalnum()))


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if _BROKEN_AT_HYPHEN.search(text[-2:]) and line[:1].isalnum() and not _SUSPENDED_HYPHEN.match(line):
            text += line
        else:
            text += " " + line
    return re.sub(r"[ \t]+", " ", text)


def _strip_markdown(paragraph: str) -> str:
    paragraph = re.sub(r"^#{1,6}\s+", "", paragraph)
    paragraph = re.sub(r"^>\s?", "", paragraph)
    paragraph = _MD_LINK.sub(r"\1", paragraph)
    for _ in range(2):  # the second pass takes the outer marker of nested emphasis (**a *b* c**)
        paragraph = _MD_EMPHASIS.sub(lambda m: m[2] or m[4], paragraph)
    return paragraph


def _take_leading_lines(body: str, result: Normalised) -> str:
    """Move a leading byline (a name alone on its line) and title (a headline alone on its line, without
    final punctuation) out of the body. Done on lines, before wrapped lines are joined, because a
    byline directly above wrapped text would otherwise be glued to it."""
    lines = body.split("\n")
    wrapped = _is_wrapped(lines)
    width = max((len(line) for line in lines), default=0)
    for _ in range(2):
        while lines and not lines[0].strip():
            lines.pop(0)
        if len(lines) < 2:
            break
        first, following = lines[0].strip(), lines[1].strip()
        # A next line that starts in lower case continues the sentence ("$24.5" + "million worth").
        stands_alone = (not following or not wrapped or len(first) < width * 0.6) and not following[:1].islower()
        if not stands_alone:
            break
        if result.title and first.split() == result.title.split():
            pass  # the headline repeated at the top of the body, as html pages and some feeds have it
        elif _NAME_LINE.match(first) and len(first.split()) <= 5 and not result.byline:
            result.byline = re.sub(r"^By\s+", "", first)
        elif not _TERMINAL.search(first) and 3 <= len(first.split()) <= 30 and not result.title and (not following or not wrapped):
            result.title = first
        else:
            break
        lines.pop(0)
    return "\n".join(lines)


def normalise_text(body: str, fields: dict[str, str] | None = None, markdown: bool = False) -> Normalised:
    """Clean one plain-text (or markdown) article. ``fields`` are what a record or page already told us."""
    fields = dict(fields or {})
    result = Normalised(text="", title=fields.get("title"), byline=fields.get("byline"), outlet=fields.get("outlet"))
    if fields.get("encoding_note"):
        result.notes.append(fields["encoding_note"])
    if fields.get("published"):
        result.published = parse_date_string(fields["published"])
        if result.published:
            result.published_basis = fields.get("published_basis", "record")
        else:
            result.notes.append(f"publication date {fields['published']!r} is not a valid date; left empty")

    body = _CONTROL.sub("", _LINE_BREAK.sub("\n", body).replace("\u2029", "\n\n"))
    if m := _DATE_PREFIX.match(body):
        header_date = safe_date(int(m[1]), int(m[2]), int(m[3]))
        if header_date and result.published is None:
            result.published, result.published_basis = header_date, "header"
        elif header_date is None:
            result.notes.append(f"header date {m[0].strip()!r} is not a valid date; left empty")
        body = body[m.end():]
    if m := _SYNDICATION_TAG.match(body):
        result.outlet = result.outlet or m[1].strip()
        body = body[m.end():]

    if markdown:
        heading = re.match(r"^\s*#\s+(.+)\n", body)
        if heading and not result.title:
            result.title = heading[1].strip()
            body = body[heading.end():]

    body = _take_leading_lines(body, result)
    paragraphs = _paragraphs(body)
    if markdown:
        paragraphs = [_strip_markdown(p) for p in paragraphs]
    boilerplate = boilerplate_patterns()
    paragraphs = [p for p in paragraphs if not boilerplate.match(p)]

    if paragraphs and (m := _DATELINE.match(paragraphs[0]) or _TITLE_CASE_DATELINE.match(paragraphs[0])) \
            and len(paragraphs[0]) > m.end():
        city_words = m["city"].replace("-", " ").split()
        if all(len(w) >= 2 for w in city_words) and (m["city"].isupper() or m.re is _TITLE_CASE_DATELINE):
            paragraphs[0] = paragraphs[0][m.end():]
            if "outlet" in m.re.groupindex and m["outlet"] and not result.outlet:
                result.outlet = m["outlet"]
            groups = m.groupdict()
            month_name, day = groups.get("month") or groups.get("month_second"), groups.get("day") or groups.get("day_first")
            if result.published is None and month_name:
                month = month_number(month_name)
                if m["year"]:
                    result.published = safe_date(int(m["year"]), month, int(day))
                    result.published_basis = "dateline" if result.published else result.published_basis
                else:
                    result.notes.append(f"dateline {month_name} {day} has no year")
                    fields["dateline_month_day"] = f"{month}-{day}"

    # Trailing signature lines (an outlet's name or domain alone on the last line).
    while len(paragraphs) > 1 and len(paragraphs[-1].split()) <= 4 and not _TERMINAL.search(paragraphs[-1]) and _SIGNATURE.match(paragraphs[-1]):
        result.outlet = result.outlet or paragraphs[-1]
        paragraphs = paragraphs[:-1]

    # Inside a paragraph every run of white space (tabs, no-break and thin spaces included) is one space.
    paragraphs = [p for p in (_SPACE.sub(" ", p).strip() for p in paragraphs) if p]
    result.text = "\n\n".join(paragraphs)
    if "dateline_month_day" in fields and result.published is None:
        inferred = infer_year_from_text(result.text, *map(int, fields["dateline_month_day"].split("-")))
        if inferred:
            result.published, result.published_basis = inferred, "inferred"
    return result


_MONTH_YEAR = re.compile(r"\b(" + _MONTH_NAMES + r")\s+(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b(?:in|during|of|since)\s+((?:19|20)\d{2})\b")
_FUTURE = re.compile(r"\b(will|expected|plan(?:s|ned)?|forecast|target|aims?|by)\b", re.IGNORECASE)


def latest_mentioned_date(text: str) -> date | None:
    """The first day of the latest month (or year) the text speaks of in the past: a lower bound for
    its publication date. Sentences about plans and forecasts are left out; they may look ahead."""
    latest: date | None = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _FUTURE.search(sentence):
            continue
        for m in _MONTH_YEAR.finditer(sentence):
            month = month_number(m[1])
            if month:
                candidate = date(int(m[2]), month, 1)
                latest = max(latest, candidate) if latest else candidate
        for m in _YEAR.finditer(sentence):
            candidate = date(int(m[1]), 1, 1)
            latest = max(latest, candidate) if latest else candidate
    return latest


def infer_year_from_text(text: str, month: int, day: int) -> date | None:
    """A dateline's month and day get the year of the latest date the text mentions (basis ``inferred``)."""
    bound = latest_mentioned_date(text)
    if bound is None:
        return None
    year = bound.year if (month, day) >= (bound.month, bound.day) else bound.year + 1
    return safe_date(year, month, day)
