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
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from .errors import LimitError
from .limits import Limits, check_json_depth
from .model import RawDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".jsonl.gz", ".ndjson.gz", ".json"}
DEFAULT_MAX_BYTES = Limits.max_bytes


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Expand folders (recursively, sorted) and globs; keep ``-`` and missing paths as given.

    Only regular files come out of folders and globs; what is skipped is reported by
    ``read`` (see ``expand``)."""
    for path, error in expand(inputs):
        if error is None:
            yield path


def expand(inputs: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file to read, (path, reason) for each one skipped: FIFOs,
    sockets and devices in folders or globs, and symlink loops."""
    for item in inputs:
        if item == "-":
            yield item, None
            continue
        path = Path(item)
        if path.is_dir():
            yield from _walk(path)
            continue
        if any(ch in item for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item, None  # reported as missing by read_path
            for match in matches:
                if os.path.isdir(match):
                    continue
                yield match, _not_regular(match)
            continue
        yield item, None  # a path named explicitly: read_path says what is wrong with it


def _walk(root: Path) -> Iterator[tuple[str, str | None]]:
    """Files under ``root`` in sorted order, following symlinked folders once each and
    reporting a symlink that leads back into a folder above it."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, tuple[tuple[int, int], ...]]] = [(root, ())]
    while stack:
        folder, ancestors = stack.pop()
        try:
            info = folder.stat()
        except OSError as exc:
            yield str(folder), f"cannot open folder: {exc.strerror or exc}"
            continue
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            yield str(folder), "symlink loop: this folder links back to a folder above it; " \
                "skipped"
            continue
        if key in seen:
            continue  # reached twice through links: read once
        seen.add(key)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            yield str(folder), f"cannot list folder: {exc.strerror or exc}"
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(entry)
            elif _suffix(entry.name) in SUPPORTED:
                yield str(entry), _not_regular(str(entry))
        stack.extend((sub, (*ancestors, key)) for sub in reversed(subfolders))


def _not_regular(path: str) -> str | None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "file not found (a broken link?)"
    except OSError as exc:
        return f"cannot open: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    return f"not a regular file ({kind}): skipped"


def read(inputs: Iterable[str], *, max_bytes: int | None = None, limits: Limits | None = None,
         stdin: IO[bytes] | None = None) -> Iterator[RawDocument]:
    """Yield every document found under ``inputs`` (paths, folders, globs or ``-``).

    ``limits`` bound each document (``max_bytes`` after decompression, ``max_depth`` of
    JSON); ``max_bytes`` alone overrides that one limit."""
    limits = limits or Limits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    for path, error in expand(inputs):
        if error is not None:
            yield RawDocument(source=path, error=error)
        elif path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(limits.max_bytes + 1), source="<stdin>",
                                  max_bytes=limits.max_bytes)
        else:
            yield from read_path(path, limits=limits)


def read_path(path: str, *, max_bytes: int | None = None,
              limits: Limits | None = None) -> Iterator[RawDocument]:
    limits = limits or Limits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    max_bytes = limits.max_bytes
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield RawDocument(source=path, error="file not found")
        return
    except OSError as exc:
        yield RawDocument(source=path, error=f"cannot open: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(info.st_mode):
        yield RawDocument(source=path, error=_not_regular(path) or "not a regular file")
        return
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES or suffix.endswith(".gz"):
        yield from _read_jsonl_file(path, gz=suffix.endswith(".gz"), limits=limits)
        return
    if info.st_size > max_bytes:
        yield RawDocument(source=path, error=_too_large(f"{info.st_size} bytes", max_bytes))
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        yield RawDocument(source=path, error=f"cannot read: {exc.strerror or exc}")
        return
    if suffix == ".json":
        yield from _read_jsonl(data, source=path, limits=limits)
    else:
        yield from read_bytes(data, source=path, max_bytes=max_bytes,
                              html=True if suffix in HTML_SUFFIXES else None)


def _too_large(size: str, limit: int) -> str:
    return str(LimitError(f"too large: {size} (limit {limit}; raise it with max_bytes in the "
                          "settings file)"))


def read_bytes(data: bytes, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES,
               html: bool | None = None) -> Iterator[RawDocument]:
    """One document from raw bytes; ``html=None`` sniffs the content."""
    if len(data) > max_bytes:
        yield RawDocument(source=source, error=_too_large(f"over {max_bytes} bytes", max_bytes))
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


_CHUNK = 1 << 20
# A gzip file may inflate to this many times its size before it is taken for a bomb (text
# and JSONL compress 3-20 times; a run of blanks over 1000 times).
MAX_RATIO = 200
_NON_BLANK = re.compile(rb"[^ \t\r\n\f\v]")


def _read_jsonl_file(path: str, *, gz: bool, limits: Limits) -> Iterator[RawDocument]:
    """Records of a JSONL file (plain or gzip), streamed line by line: a line longer than
    ``max_bytes`` fails alone and is skipped unread, runs of blank lines cost no Python
    work per line, and nothing is ever inflated whole."""
    try:
        fh: Any = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield RawDocument(source=path, error=f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            head = fh.peek(2)[:2] if hasattr(fh, "peek") else b""
            if head in (b"\xff\xfe", b"\xfe\xff"):
                # UTF-16 cannot be split on newline bytes: read it whole, within the limit
                data = fh.read(limits.max_bytes + 1)
                if len(data) > limits.max_bytes:
                    yield RawDocument(source=path,
                                      error=_too_large(f"over {limits.max_bytes} bytes",
                                                       limits.max_bytes))
                    return
                yield from _read_jsonl(data, source=path, limits=limits)
                return
            allowed = max(limits.max_bytes, MAX_RATIO * os.fstat(fh.fileno()).st_size) if gz \
                else None
            for n, line in _lines(fh, limits.max_bytes, total=allowed):
                if line is None:
                    yield RawDocument(source=f"{path}#{n}", error=_too_large(
                        f"line {n} is over {limits.max_bytes} bytes", limits.max_bytes))
                    continue
                yield _from_line(line, n, source=path, limits=limits)
        except LimitError as exc:
            yield RawDocument(source=path, error=str(exc))
        except (OSError, EOFError, zlib.error) as exc:
            yield RawDocument(source=path, error=f"not a readable gzip file: {exc}" if gz
                              else f"cannot read: {exc}")


def _lines(fh: IO[bytes], limit: int, *,
           total: int | None = None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-blank line; (number, None) for a line over ``limit``
    bytes, which is skipped without being kept. Reading more than ``total`` bytes raises
    ``LimitError`` (a decompression bomb)."""
    n = 1  # number of the line that ``pending`` belongs to
    pending = bytearray()
    overlong = False
    seen = 0
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            break
        seen += len(chunk)
        if total is not None and seen > total:
            raise LimitError(f"inflates to over {total} bytes, more than {MAX_RATIO} times "
                             "its compressed size: a decompression bomb? Skipped the rest")
        if not pending and not overlong and chunk.isspace():
            n += chunk.count(b"\n")  # a run of blank lines: no Python work per line
            continue
        pos = 0
        while pos < len(chunk):
            if not pending and not overlong:
                found = _NON_BLANK.search(chunk, pos)
                if found is None:
                    n += chunk.count(b"\n", pos)
                    break
                n += chunk.count(b"\n", pos, found.start())
                pos = found.start()
            newline = chunk.find(b"\n", pos)
            end = len(chunk) if newline < 0 else newline
            if not overlong:
                pending += chunk[pos:end]
                if len(pending) > limit:
                    overlong = True
                    pending = bytearray()
            if newline < 0:
                break
            if overlong:
                yield n, None
            elif pending.strip():
                yield n, bytes(pending)
            pending = bytearray()
            overlong = False
            n += 1
            pos = newline + 1
    if overlong:
        yield n, None
    elif pending.strip():
        yield n, bytes(pending)


def _from_line(line: bytes, n: int, *, source: str, limits: Limits) -> RawDocument:
    text, error = decode(line)
    if error:
        return RawDocument(source=f"{source}#{n}", error=f"line {n}: {error}")
    assert text is not None
    record, error = _parse_json(text, limits, f" on line {n}")
    if error:
        return RawDocument(source=f"{source}#{n}", error=error)
    return _from_record(record, source=f"{source}#{n}", max_bytes=limits.max_bytes)


def _parse_json(text: str, limits: Limits, where: str = "") -> tuple[Any, str | None]:
    try:
        check_json_depth(text, limits.max_depth)
        return json.loads(text), None
    except LimitError as exc:
        return None, str(exc)
    except RecursionError:
        return None, str(LimitError("JSON nested too deeply to parse"))
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON{where}: {exc.msg} (column {exc.colno})"


def _read_jsonl(data: bytes, *, source: str, limits: Limits) -> Iterator[RawDocument]:
    """Records of a ``.json`` file (an array or one object per line) held in memory."""
    text, error = decode(data)
    if error:
        yield RawDocument(source=source, error=error)
        return
    assert text is not None
    if source.endswith(".json") and text.lstrip().startswith("["):
        records, error = _parse_json(text, limits, " in the file")
        if error:
            yield RawDocument(source=source, error=error)
            return
        if not isinstance(records, list):
            yield RawDocument(source=source, error="malformed JSON: not an array of records")
            return
        for n, record in enumerate(records, 1):
            yield _from_record(record, source=f"{source}#{n}", max_bytes=limits.max_bytes)
        return
    for n, line in enumerate(io.StringIO(text), 1):
        if not line.strip():
            continue
        record, error = _parse_json(line, limits, f" on line {n}")
        if error:
            yield RawDocument(source=f"{source}#{n}", error=error)
            continue
        yield _from_record(record, source=f"{source}#{n}", max_bytes=limits.max_bytes)


def _from_record(record: object, *, source: str, max_bytes: int) -> RawDocument:
    if not isinstance(record, dict):
        return RawDocument(source=source, error="JSON record is not an object")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        return RawDocument(source=source, error="fields 'text'/'html' must be strings")
    if not (text or "").strip() and not (html or "").strip():
        return RawDocument(source=source, error="record has no 'text' or 'html'")
    if len(text or html or "") > max_bytes:
        return RawDocument(source=source, error=_too_large(f"over {max_bytes} characters",
                                                           max_bytes))
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
