"""Per-document limits and the per-document wall-clock budget.

Hostile or broken input must cost a bounded amount of time and memory per document: a
document over a limit is recorded as failed with a coded reason (``[E022]``) and the batch
goes on; nothing of it is stored. Limits are settings (``Settings.limits()``); the checks
here are cheap scans that run before the stage they protect:

- bytes after decompression: enforced while reading (``read``), streamed, never inflated whole
- nesting depth of JSON (before ``json.loads``); HTML/XML nested deeper is not given to
  the parser but has its tags stripped in linear time (the article is kept)
- line length of the text to be segmented
- sentences per document and dictionary names per sentence (before ``resolve``), actor
  mentions per sentence (before ``relate``, whose work grows with the pairs of mentions)
- wall-clock seconds per document (``guard``): a ``SIGALRM`` timer where the document runs
  in a process's main thread (the CLI, a process pool); elsewhere (Dask threads) the
  other limits still bound the work.
"""

from __future__ import annotations

import re
import signal
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import LimitError

if TYPE_CHECKING:
    from .model import Mention, Processed, RawDocument, Sentence
    from .recognize import Hit

__all__ = ["Limits", "budget", "check_json_depth", "check_lines", "check_markup_depth",
           "guard", "json_depth", "markup_depth"]


@dataclass(frozen=True)
class Limits:
    """What one document may cost. Defaults suit news articles with a wide margin."""

    max_bytes: int = 20_000_000  # one document (or one JSONL record), after decompression
    max_line_chars: int = 200_000  # one line (paragraph) of text
    max_depth: int = 500  # nesting of JSON values and of HTML/XML elements
    max_sentences: int = 20_000
    max_mentions_per_sentence: int = 100
    doc_seconds: float = 10.0  # wall-clock budget per document; 0 turns it off

    def check_raw(self, raw: RawDocument) -> None:
        """Before cleaning: line length of plain text. (Markup nested deeper than
        ``max_depth`` is not parsed but stripped: ``clean.clean_html``.)"""
        if raw.html is None and raw.text is not None:
            check_lines(raw.text, self.max_line_chars)

    def check_before_resolve(self, text: str, sentences: Sequence[Sentence],
                             hits: Iterable[Hit]) -> None:
        """After recognising: line length of the cleaned text, sentences, and the names
        found per sentence (resolving thousands of names in one sentence is itself slow)."""
        check_lines(text, self.max_line_chars)
        if len(sentences) > self.max_sentences:
            raise LimitError(f"{len(sentences)} sentences (limit {self.max_sentences}; "
                             "raise max_sentences in the settings file)")
        starts = [s.start for s in sentences]
        self._check_per_sentence(Counter(bisect_right(starts, hit.start) - 1 for hit in hits))

    def check_before_relate(self, mentions: Iterable[Mention]) -> None:
        """After resolving: actor mentions per sentence (names, group shapes, references),
        which relate pairs up."""
        self._check_per_sentence(Counter(m.sentence for m in mentions))

    def _check_per_sentence(self, per_sentence: Counter[int]) -> None:
        if per_sentence:
            index, most = per_sentence.most_common(1)[0]
            if most > self.max_mentions_per_sentence:
                raise LimitError(f"sentence {index} names {most} actors (limit "
                                 f"{self.max_mentions_per_sentence}; raise "
                                 "max_mentions_per_sentence in the settings file)")


def check_lines(text: str, limit: int) -> None:
    if len(text) <= limit:
        return
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > limit:
        raise LimitError(f"a line of {longest} characters (limit {limit}; raise "
                         "max_line_chars in the settings file)")


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def json_depth(text: str, *, stop_above: int | None = None) -> int:
    """Deepest nesting of arrays and objects in JSON ``text`` (strings skipped), without
    parsing or recursion; stops counting once it is above ``stop_above``."""
    if stop_above is not None and text.count("[") + text.count("{") <= stop_above:
        return 0  # cannot be deeper than the brackets it has
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_above is not None and deepest > stop_above:
                    break
        elif token in "]}":
            depth = max(depth - 1, 0)
    return deepest


def check_json_depth(text: str, limit: int) -> None:
    if json_depth(text, stop_above=limit) > limit:
        raise LimitError(f"JSON nested more than {limit} levels deep (limit {limit}; raise "
                         "max_depth in the settings file)")


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "basefont", "frame", "keygen", "isindex"})
# Elements HTML closes implicitly; unclosed ones must not count as nesting.
_IMPLIED = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody"})
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]{0,60})(?:\s[^<>]{0,4000})?(/?)>")


def markup_depth(html: str, *, stop_above: int | None = None) -> int:
    """Approximate element nesting of HTML/XML without a parser (void and implicitly closed
    elements do not count); stops once it is above ``stop_above``."""
    if stop_above is not None and html.count("<") <= stop_above:
        return 0
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if self_closing or name in _VOID or name in _IMPLIED:
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if stop_above is not None and deepest > stop_above:
                break
    return deepest


def check_markup_depth(html: str, limit: int) -> None:
    if markup_depth(html, stop_above=limit) > limit:
        raise LimitError(f"markup nested more than {limit} elements deep (limit {limit}; "
                         "raise max_depth in the settings file)")


class _OverBudget(BaseException):
    """Raised by the timer inside the document's work; BaseException so that no
    ``except Exception`` in a stage swallows it."""


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise ``LimitError`` if the block runs longer than ``seconds`` (main thread only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OverBudget:
        raise LimitError(f"took over {seconds:g} s (limit doc_seconds {seconds:g}; raise "
                         "it in the settings file)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guard(work: Callable[[RawDocument], Processed], raw: RawDocument,
          limits: Limits) -> Processed:
    """Run one document's ``work`` within ``limits``: over a limit, or nested past what the
    parsers can recurse into, the document is failed with the coded reason and no partial
    result."""
    from .model import Processed

    if raw.error:
        return work(raw)
    try:
        with budget(limits.doc_seconds):
            limits.check_raw(raw)
            return work(raw)
    except LimitError as exc:
        return Processed(source=raw.source, title=raw.title, url=raw.url, error=str(exc))
    except RecursionError:
        return Processed(source=raw.source, title=raw.title, url=raw.url,
                         error=str(LimitError("nested too deeply to parse (lower max_depth "
                                              "in the settings file)")))
