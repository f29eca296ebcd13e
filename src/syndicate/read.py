"""Read stage: turn paths, globs, folders and stdin into RawDocuments.

A document that cannot be read is yielded with ``error`` set, never raised: one bad
file must not stop a batch.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .model import RawDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".jsonl.gz", ".ndjson.gz", ".json"}
DEFAULT_MAX_BYTES = 20_000_000


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Expand folders (recursively, sorted) and globs; keep ``-`` and missing paths as given."""
    for item in inputs:
        if item == "-":
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if _suffix(sub.name) in SUPPORTED and not sub.name.startswith("."):
                    yield str(sub)
            continue
        if any(ch in item for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item  # reported as missing by read_path
            yield from (m for m in matches if Path(m).is_file())
            continue
        yield item


def read(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
         stdin: IO[bytes] | None = None) -> Iterator[RawDocument]:
    """Yield every document found under ``inputs`` (paths, folders, globs or ``-``)."""
    for path in iter_paths(inputs):
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(max_bytes + 1), source="<stdin>",
                                  max_bytes=max_bytes)
        else:
            yield from read_path(path, max_bytes=max_bytes)


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument]:
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        yield RawDocument(source=path, error="file not found")
        return
    except OSError as exc:
        yield RawDocument(source=path, error=f"cannot open: {exc.strerror or exc}")
        return
    suffix = _suffix(path)
    if suffix.endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read()
        except (OSError, EOFError) as exc:
            yield RawDocument(source=path, error=f"not a readable gzip file: {exc}")
            return
        yield from _read_jsonl(data, source=path, max_bytes=max_bytes)
        return
    if size > max_bytes and suffix not in JSONL_SUFFIXES:
        yield RawDocument(source=path, error=f"too large: {size} bytes (limit {max_bytes}; "
                          "raise it with --max-bytes)")
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield RawDocument(source=path, error=f"cannot read: {exc.strerror or exc}")
        return
    if suffix in JSONL_SUFFIXES or suffix == ".json":
        yield from _read_jsonl(data, source=path, max_bytes=max_bytes)
    else:
        yield from read_bytes(data, source=path, max_bytes=max_bytes,
                              html=True if suffix in HTML_SUFFIXES else None)


def read_bytes(data: bytes, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES,
               html: bool | None = None) -> Iterator[RawDocument]:
    """One document from raw bytes; ``html=None`` sniffs the content."""
    if len(data) > max_bytes:
        yield RawDocument(source=source, error=f"too large: over {max_bytes} bytes")
        return
    text, error = decode(data)
    if error:
        yield RawDocument(source=source, error=error)
        return
    assert text is not None
    if not text.strip():
        yield RawDocument(source=source, error="empty document")
        return
    stripped = text.lstrip()[:200].lower()
    if html is None:
        html = stripped.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in stripped
    if html:
        yield RawDocument(source=source, html=text)
    else:
        yield RawDocument(source=source, text=text)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Returns (text, error). Binary content is an error, not garbage text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "undecodable: UTF-16 byte-order mark but invalid UTF-16"
    head = data[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.05:
        return None, "binary content, not text (NUL or control bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, (f"undecodable: not UTF-8 ({utf8_error.reason} at byte "
                      f"{utf8_error.start}) nor Windows-1252")
    log.info("decoded as Windows-1252 after UTF-8 failed")
    return text, None


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(data)


def _read_jsonl(data: bytes, *, source: str, max_bytes: int) -> Iterator[RawDocument]:
    text, error = decode(data)
    if error:
        yield RawDocument(source=source, error=error)
        return
    assert text is not None
    stream = io.StringIO(text)
    if source.endswith(".json") and text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RawDocument(source=source,
                              error=f"malformed JSON: {exc.msg} at line {exc.lineno}")
            return
        for n, record in enumerate(records, 1):
            yield _from_record(record, source=f"{source}#{n}", max_bytes=max_bytes)
        return
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawDocument(source=f"{source}#{n}",
                              error=f"malformed JSON on line {n}: {exc.msg} (column {exc.colno})")
            continue
        yield _from_record(record, source=f"{source}#{n}", max_bytes=max_bytes)


def _from_record(record: object, *, source: str, max_bytes: int) -> RawDocument:
    if not isinstance(record, dict):
        return RawDocument(source=source, error="JSON record is not an object")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        return RawDocument(source=source, error="fields 'text'/'html' must be strings")
    if not (text or "").strip() and not (html or "").strip():
        return RawDocument(source=source, error="record has no 'text' or 'html'")
    if len(text or html or "") > max_bytes:
        return RawDocument(source=source, error=f"too large: over {max_bytes} characters")
    ext_id = record.get("id")
    if ext_id is not None:
        source = f"{source.rsplit('#', 1)[0]}#{ext_id}"
    published = record.get("published") or record.get("date")
    return RawDocument(
        source=source,
        text=text if text and text.strip() else None,
        html=None if text and text.strip() else html,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        published=_str_or_none(published),
        external_id=_str_or_none(ext_id),
    )


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _suffix(name: str) -> str:
    lower = name.lower()
    for double in (".jsonl.gz", ".ndjson.gz"):
        if lower.endswith(double):
            return double
    return Path(lower).suffix
