"""Property-based fuzzing of the stages that meet raw input: read, clean, dates, segment,
and the limit scanners. Whatever the input, they return (an error is data), never raise,
and keep their offsets true."""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syndicate.clean import clean_text, strip_tags
from syndicate.dates import publication_date
from syndicate.limits import Limits, json_depth, markup_depth
from syndicate.read import decode, read, read_bytes
from syndicate.segment import segment

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# text that looks like news and like garbage: words, punctuation, controls, RTL, zero-width
NEWSY = st.lists(st.sampled_from(
    list("abcdefghij ABCDEFGHIJ .,;:!?'\"()[]-\n\n\t0123456789") +
    ["Mr.", "U.S.", "2019", "March", "KABUL", "(IANS)", " - ", "\u200b", "\u202e", "\u00a0",
     "\x00", "\x0b", "\r", "Published in Dawn, ", "Latest News", "Share", "<p>", "&amp;",
     "\ufeff", "\ud7ff", "\U0001f600"]), max_size=200).map("".join)
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@FUZZ
@given(st.binary(max_size=3000))
def test_read_bytes_returns_one_document_or_a_reason(data):
    (doc,) = list(read_bytes(data, source="fuzz", max_bytes=2000))
    if doc.error is None:
        assert (doc.text or doc.html or "").strip()
    else:
        assert isinstance(doc.error, str) and doc.error
    text, error = decode(data)
    assert (text is None) != (error is None)


@FUZZ
@given(st.lists(st.one_of(st.binary(max_size=200),
                          st.builds(lambda t: json.dumps({"text": t}).encode(), NEWSY)),
                max_size=12),
       st.booleans())
def test_jsonl_files_of_anything_yield_records_or_reasons(lines, gz):
    data = b"\n".join(lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("x.jsonl.gz" if gz else "x.jsonl")
        path.write_bytes(gzip.compress(data) if gz else data)
        docs = list(read([str(path)], limits=Limits(max_bytes=500, max_depth=20)))
    for doc in docs:
        assert doc.error or (doc.text or doc.html or "").strip()
        assert doc.source.startswith(str(path))


@FUZZ
@given(NEWSY)
def test_clean_text_keeps_true_paragraph_offsets(raw):
    cleaned = clean_text(raw)
    pieces = [cleaned.text[s:e] for s, e in cleaned.paragraphs]
    assert "\n\n".join(pieces) == cleaned.text
    assert all(p and p == p.strip() for p in pieces)


@FUZZ
@given(NEWSY, st.one_of(st.none(), st.text(max_size=30)))
def test_publication_date_is_a_real_date_or_none(raw, container):
    info = publication_date(clean_text(raw), container_date=container)
    if info.value is not None:
        assert ISO.match(info.value), info.value
        parts = [int(p) for p in info.value.split("-")]
        date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))  # raises if impossible


@FUZZ
@given(NEWSY)
def test_segment_offsets_point_at_the_sentence_text(text):
    sentences = segment(text)
    last_end = 0
    for n, sentence in enumerate(sentences):
        assert sentence.index == n
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
        assert sentence.start >= last_end
        last_end = sentence.end


def _depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) |
                    st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=30)


@FUZZ
@given(JSON)
def test_json_depth_scan_equals_the_parsed_depth(value):
    assert json_depth(json.dumps(value)) == _depth(value)


@FUZZ
@given(st.lists(st.sampled_from(["<div>", "</div>", "<br>", "<p>", "<img/>", "x", "<!--",
                                 "-->", "<", ">", "<svg", " a='<'>"]),
                max_size=200).map("".join))
def test_markup_scans_and_tag_stripping_never_fail(html):
    assert markup_depth(html) >= 0
    assert "<div>" not in strip_tags(html)
