"""Date stage: a document's publication date, and the time expressions in its sentences.

Order of trust: explicit metadata > "Published in X, <date>" > dateline > page header.
Nothing is invented: a weekday alone or a year in passing ("the 2015 budget") gives no date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .clean import Cleaned
from .model import DateInfo, Time

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
        r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FULL_DATES = [
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<day>\d{2})\b"),
]
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.'\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.' ]{{1,30}})?),\s+{_MON}\s+{_DAY}"
    rf"(?:,\s+{_YEAR})?\s*(?:\((?P<agency>[^)]{{1,40}})\))?\s*[-\u2013\u2014:]?\s"
)


def parse_date(text: str) -> DateInfo | None:
    """The first full date in ``text`` (day precision), or an ISO year-month / year."""
    for pattern in _FULL_DATES:
        m = pattern.search(text)
        if m:
            month = _month(m)
            try:
                d = date(int(m["year"]), month, int(m["day"]))
            except ValueError:
                continue
            return DateInfo(d.isoformat(), "day", None)
    m = re.match(r"^\s*((?:19|20)\d{2})(?:-(\d{2}))?", text)
    if m:
        if m.group(2):
            return DateInfo(f"{m.group(1)}-{m.group(2)}", "month", None)
        return DateInfo(m.group(1), "year", None)
    return None


def publication_date(cleaned: Cleaned, *, container_date: str | None = None) -> DateInfo:
    """Find the publication date of a cleaned document, with where it came from."""
    for value, source in ((container_date, "metadata"), (cleaned.html_date, "metadata")):
        if value:
            found = parse_date(value)
            if found:
                return DateInfo(found.value, found.precision, source)
    if cleaned.published_line:
        found = parse_date(cleaned.published_line)
        if found:
            return DateInfo(found.value, found.precision, "published_in")
    dateline = _from_dateline(cleaned.text)
    if dateline:
        return dateline
    for line in cleaned.raw_header:
        if len(line) < 60:
            found = parse_date(line)
            if found:
                return DateInfo(found.value, found.precision, "page_header")
    return DateInfo(None, None, None)


def _from_dateline(text: str) -> DateInfo | None:
    for para in text.split("\n\n")[:3]:
        m = _DATELINE.match(para)
        if not m:
            continue
        month, day = _month(m), int(m["day"])
        if m["year"]:
            return DateInfo(date(int(m["year"]), month, day).isoformat(), "day", "dateline")
        year = _infer_year(text, month, day)
        if year is None:
            return None
        try:
            return DateInfo(date(year, month, day).isoformat(), "day", "dateline_inferred_year")
        except ValueError:
            return None
    return None


def _infer_year(text: str, month: int, day: int) -> int | None:
    """A dateline without a year: the first such day on or after the latest full date cited."""
    latest: date | None = None
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            try:
                d = date(int(m["year"]), _month(m), int(m["day"]))
            except ValueError:
                continue
            latest = d if latest is None or d > latest else latest
    if latest is None:
        # no full date: the latest "Month YYYY" the article mentions ("since February 2015")
        for m in _MONTH_YEAR.finditer(text):
            d = date(int(m["year"]), _month(m), 1)
            latest = d if latest is None or d > latest else latest
    if latest is None:
        return None
    year = latest.year
    return year if (month, day) >= (latest.month, latest.day) else year + 1


def _month(m: re.Match[str]) -> int:
    groups = m.groupdict()
    if groups.get("m"):
        return int(groups["m"])
    return MONTHS[groups["mon"].lower().rstrip(".")[:3]]


# --- time expressions inside a sentence -------------------------------------------------

_IN_YEAR = re.compile(r"\b(?:in|since|from|by|during|until|till|of|early|late|mid-?)\s+"
                      r"(?:(?:early|late|mid-?)\s+)?" + _YEAR + r"\b")
_MONTH_YEAR = re.compile(rf"\b{_MON}\s+{_YEAR}\b")
_MONTH_LAST_YEAR = re.compile(rf"\b(?:in\s+)?{_MON}\s+(?:of\s+)?last\s+year\b")
_ON_DAY = re.compile(rf"\bon\s+{_MON}\s+{_DAY}\b(?!,?\s+\d{{4}})")
_LAST = re.compile(r"\b(last|this|next)\s+(year|month|week)\b")
_AGO = re.compile(r"\b(\w+|\d+)\s+(years?|months?)\s+ago\b")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 3,
            "a": 1, "few": 2, "ten": 10}


def sentence_time(sentence: str, published: DateInfo) -> Time:
    """When the relation in ``sentence`` held: from its own time expressions, else publication."""
    pub = _as_date(published)
    dateline = _DATELINE.match(sentence)
    if dateline:
        sentence = sentence[dateline.end():]  # the dateline dates the article, not the claim
    for pattern in _FULL_DATES:
        m = pattern.search(sentence)
        if m:
            try:
                return Time(date(int(m["year"]), _month(m), int(m["day"])).isoformat(), "day",
                            "sentence")
            except ValueError:
                pass
    m = _MONTH_LAST_YEAR.search(sentence)
    if m and pub:
        return Time(f"{pub.year - 1}-{_month(m):02d}", "month", "sentence_relative")
    m = _MONTH_YEAR.search(sentence)
    if m:
        return Time(f"{m['year']}-{_month(m):02d}", "month", "sentence")
    m = _ON_DAY.search(sentence)
    if m and pub:
        month, day = _month(m), int(m["day"])
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        try:
            return Time(date(year, month, day).isoformat(), "day", "sentence_relative")
        except ValueError:
            pass
    m = _IN_YEAR.search(sentence)
    if m:
        return Time(m["year"], "year", "sentence")
    m = _LAST.search(sentence)
    if m and pub:
        step = {"last": -1, "this": 0, "next": 1}[m.group(1)]
        unit = m.group(2)
        if unit == "year":
            return Time(str(pub.year + step), "year", "sentence_relative")
        if unit == "month":
            mon = pub.month + step
            year = pub.year + (mon - 1) // 12
            return Time(f"{year}-{(mon - 1) % 12 + 1:02d}", "month", "sentence_relative")
        return Time((pub + timedelta(weeks=step)).isoformat(), "week", "sentence_relative")
    m = _AGO.search(sentence)
    if m and pub:
        n = _NUMBERS.get(m.group(1).lower()) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        if n:
            if m.group(2).startswith("year"):
                return Time(str(pub.year - n), "year", "sentence_relative")
            months = pub.year * 12 + pub.month - 1 - n
            return Time(f"{months // 12}-{months % 12 + 1:02d}", "month", "sentence_relative")
    if published.value:
        return Time(published.value, published.precision, "published")
    return Time(None, None, "none")


def _as_date(info: DateInfo) -> date | None:
    if not info.value:
        return None
    parts = [int(p) for p in info.value.split("-")]
    while len(parts) < 3:
        parts.append(1 if len(parts) > 1 else 7)  # mid-year for a bare year
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
