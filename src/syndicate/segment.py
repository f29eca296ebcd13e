"""Segment stage: paragraphs and sentences with character offsets into the cleaned text."""

from __future__ import annotations

import re

from .model import Sentence

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov",
    "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "etc", "inc", "co", "corp", "prof",
    "brig", "adm", "cmdr", "pres", "approx", "est", "fig", "jr", "sr", "mt", "ft",
}
# End of sentence: . ! ? (and closing quotes/brackets) followed by space and a capital,
# a digit or an opening quote.
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")


def segment(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; ``paragraphs`` are (start, end) spans of its paragraphs."""
    if paragraphs is None:
        paragraphs = _paragraph_spans(text)
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        para = text[p_start:p_end]
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end()
            if _is_abbreviation(para, m.start()):
                continue
            _add(sentences, text, p_index, p_start + start, p_start + end)
            start = end
        _add(sentences, text, p_index, p_start + start, p_end)
    return sentences


def _add(out: list[Sentence], text: str, paragraph: int, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), paragraph, start, end, text[start:end]))


_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def _is_abbreviation(para: str, dot: int) -> bool:
    if para[dot] != ".":
        return False
    # the word before the dot, looked for in a short window: searching the whole paragraph
    # prefix made segmentation quadratic in the sentences of a paragraph
    m = _WORD_BEFORE.search(para, max(0, dot - 48), dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "George W. Bush"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]
