"""Clean stage: HTML to main text, then drop boilerplate and repeated paragraphs.

Everything removed is kept as a ``Removed`` record with its reason, so an analyst can
audit what the tool did not read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from .model import Removed

log = logging.getLogger(__name__)

# Whole-line boilerplate: cookie/privacy banners, comment forms, share widgets.
_BOILERPLATE = [
    (re.compile(r"\b(uses? cookies|cookie (policy|settings|preferences)|accept (all )?cookies"
                r"|privacy (&|and) cookies|opt-out if you wish)\b", re.I), "cookie_banner"),
    (re.compile(r"^(privacy policy|terms of (use|service)|all rights reserved\.?|©.*)$", re.I),
     "site_furniture"),
    (re.compile(r"^please enter your (comment|name|email)( here)?!?$", re.I), "comment_form"),
    (re.compile(r"^(leave a (reply|comment)|post a comment|\d+ comments?|comments?|"
                r"save my name, email.*|you must be logged in.*)$", re.I), "comment_form"),
    (re.compile(r"^(share( this( article| story)?)?|tweet|email|print|whatsapp|facebook|"
                r"twitter|linkedin|telegram|copy link|follow us.*)$", re.I), "share_widget"),
    (re.compile(r"^[\d,.]+[kKmM]?( shares?| views?)?$"), "share_counter"),
    (re.compile(r"^(must read|advertisement|sponsored|subscribe( now)?|sign up.*newsletter.*|"
                r"read more|accept|skip to (main )?content|menu|home|search)$", re.I),
     "site_furniture"),
]

# A line that opens an unrelated tail: everything after it is dropped.
_TAIL_HEADERS = re.compile(
    r"""
    ^(latest\ news|more\ articles\ like\ this|more\ articles
    |related\ (articles|posts|stories|news)|you\ may\ also\ like|recommended(\ for\ you)?
    |most\ (read|popular|viewed)|trending(\ now)?|also\ read|read\ next|opinion|editorial
    |editor'?s\ picks|more\ from\ .{1,40}|top\ stories)$
    """,
    re.I | re.X,
)
_PUBLISHED_LINE = re.compile(r"^published in .{2,80}?,\s+\w", re.I)
_DATE_ONLY = re.compile(
    r"""
    ^(updated\s+)?(\w+day,?\s+)?(\d{1,2}(st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}
    |[A-Z][a-z]{2,8}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}
    |\d{4}-\d{2}-\d{2})(\s+\d{1,2}:\d{2}(\s*[ap]m)?)?$
    """,
    re.I | re.X,
)


@dataclass
class Cleaned:
    text: str
    paragraphs: list[tuple[int, int]]  # (start, end) offsets of each kept paragraph
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    raw_header: list[str] = field(default_factory=list)  # first lines, for the date stage
    published_line: str | None = None
    html_date: str | None = None


def clean_html(html: str, *, max_depth: int | None = None) -> Cleaned:
    """Main text of an HTML page (trafilatura, no comments), then the plain-text rules.

    Markup nested deeper than ``max_depth`` elements never reaches the parser (whose work
    explodes on it): its tags are stripped instead, in linear time."""
    import trafilatura

    from .limits import markup_depth

    if max_depth is not None and markup_depth(html, stop_above=max_depth) > max_depth:
        log.info("markup nested over %d deep: stripping tags without a parser", max_depth)
        text, meta = "", None
    else:
        try:
            text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                       deduplicate=False, favor_recall=True) or ""
            meta = trafilatura.extract_metadata(html, extensive=False)
        except Exception as exc:  # lxml raises many types on hostile markup
            log.info("trafilatura failed: %s", exc)
            text, meta = "", None
    fallback = False
    if not text.strip():
        # trafilatura gives up on some pages (very deep nesting, XML prologues): strip the
        # markup ourselves rather than lose the article
        text = strip_tags(html)
        fallback = bool(text.strip())
    result = clean_text(text)
    if fallback:
        result.removed.insert(0, Removed(text="main-text extraction found nothing; markup "
                                         "stripped instead", reason="html_fallback"))
    dropped = max(len(html) - len(text), 0)
    result.removed.insert(0, Removed(text=f"{dropped} characters of markup, navigation, "
                                     "sidebars and comments", reason="html_extraction"))
    if meta is not None:
        if meta.title:
            result.title = meta.title.strip()
        if meta.date:
            result.html_date = meta.date
    return result


_SCRIPT = re.compile(r"<(script|style|noscript|template|iframe|svg)\b.*?</\1\s*>", re.I | re.S)
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|article|section|header|footer|blockquote)"
                    r"\b[^>]*>",
                    re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|<\?xml[^>]*\?>|<!--.*?-->", re.I | re.S)


def strip_tags(html: str) -> str:
    """Markup to text without a parser: no entity expansion, no recursion, bounded work."""
    import html as html_lib

    text = _DOCTYPE.sub(" ", html)
    text = _SCRIPT.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html_lib.unescape(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_text(raw: str) -> Cleaned:
    """Drop boilerplate lines, unrelated tails and repeated paragraphs from plain text."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.strip() for line in raw.split("\n")]
    lines = [line for line in lines if line]
    removed: list[Removed] = []
    header = lines[:4]

    kept: list[str] = []
    published_line = None
    for i, line in enumerate(lines):
        if _PUBLISHED_LINE.match(line) and len(line) < 120:
            published_line = line
            removed.append(Removed(line, "publication_line"))
            tail = lines[i + 1:]
            if tail:
                removed.append(Removed("\n".join(tail), "tail_after_publication_line"))
            break
        if _TAIL_HEADERS.match(line) and i >= 3:
            removed.append(Removed("\n".join(lines[i:]), "unrelated_tail"))
            break
        reason = _boilerplate_reason(line)
        if reason:
            removed.append(Removed(line, reason))
            continue
        if _DATE_ONLY.match(line) and len(line) < 40:
            removed.append(Removed(line, "date_line"))
            continue
        kept.append(line)

    kept = _drop_sidebar_run(kept, removed)
    title = kept[0] if kept and _looks_like_title(kept[0]) else None
    if title:
        kept = [_strip_glued_title(p, title, removed) if i else p for i, p in enumerate(kept)]

    seen: set[str] = set()
    paragraphs: list[str] = []
    for para in kept:
        norm = " ".join(para.lower().split())
        if len(norm) > 25 and norm in seen:
            removed.append(Removed(para, "duplicate_paragraph"))
            continue
        seen.add(norm)
        paragraphs.append(para)

    text, spans = _join(paragraphs)
    return Cleaned(text=text, paragraphs=spans, removed=removed, title=title,
                   raw_header=header, published_line=published_line)


def _boilerplate_reason(line: str) -> str | None:
    for pattern, reason in _BOILERPLATE:
        if pattern.search(line) if reason == "cookie_banner" else pattern.match(line):
            if reason == "cookie_banner" and len(line) > 400:
                continue  # a real paragraph that happens to mention cookies
            return reason
    return None


def _drop_sidebar_run(lines: list[str], removed: list[Removed]) -> list[str]:
    """Cut a trailing run of short headline-like lines (a sidebar list) at the end."""
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if len(line) < 90 and not line.endswith((".", "\u201d", '"', ":")):
            cut = i
            continue
        break
    run = lines[cut:]
    if len(run) >= 3:
        removed.append(Removed("\n".join(run), "sidebar"))
        return lines[:cut]
    return lines


def _looks_like_title(line: str) -> bool:
    return len(line) < 160 and not line.endswith(".")


def _strip_glued_title(para: str, title: str, removed: list[Removed]) -> str:
    """Scrapers often glue the page title onto the last paragraph: 'official.Backed by ...'."""
    if len(para) > len(title) + 20 and para.endswith(title):
        removed.append(Removed(title, "repeated_title"))
        return para[: -len(title)].rstrip()
    return para


def _join(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        spans.append((pos, pos + len(para)))
        pos += len(para) + 2
    return "\n\n".join(paragraphs), spans
