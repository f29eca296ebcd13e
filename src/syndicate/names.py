"""One matching key for names, shared by the dictionary and the text.

Spellings of one name fold to one key: diacritics, apostrophes and ayn/hamza marks,
hyphens and spaces, and the common transliteration pairs of names written from Arabic,
Persian, Pashto or Somali (ou/oo/u, ee/i, e/i, o/u, ae/ai, q/k, y/i, a final -ah/-a,
doubled letters, -ullah/-allah, Mohammed/Muhammad):

>>> name_key("al-Qa`ida") == name_key("Al Qaeda") == name_key("al-Qaida")
True
>>> name_key("Qaseem Suleimani") == name_key("Qasim Soleimani")
True
>>> name_key("Hizballah") == name_key("Hezbollah")
True
>>> name_key("Al Murabitoon") == name_key("al-Mourabitoun")
True
>>> name_key("Mali") == name_key("Male")
False

Vowels fold only in words of seven letters or more, so short words keep apart ("Mali",
"Male"; "Asian", "Asean"); the fuzzy match of long names (``recognize``) takes the rest.
A text is cut into words first (``words``), each folded on its
own and cached, and the key of a run of words joins them with one space; so offsets in
the key map back to words of the text, and a name never matches across punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_MARKS = "'\u2019\u2018`\u00b4\u02bc\u02bf\u02be\u02b9\u02bb"  # apostrophes, ayn, hamza
_WORD = re.compile(rf"[^\W_](?:[\w{_MARKS}]*[^\W_])?")
_POSSESSIVE = re.compile(rf"[{_MARKS}]s$")
_DASHES = " \t\r\n-\u2010\u2011\u2012\u2013\u2014\u00a0"
_WHOLE = {"mohammed": "muhammad", "mohammad": "muhammad", "mohamed": "muhammad",
          "muhammed": "muhammad", "mohamad": "muhammad", "muhamad": "muhammad",
          "mohamud": "mahmud", "mahmoud": "mahmud", "abdel": "abdul", "abdal": "abdul",
          "abd": "abdul", "abdelrahman": "abdulrahman"}
_PAIRS = [(re.compile(r"(?:u|o)llah\b"), "allah"), (re.compile(r"q"), "k"),
          (re.compile(r"ou|oo"), "u"), (re.compile(r"ee"), "i"), (re.compile(r"(?<=.)y"), "i"),
          (re.compile(r"ae"), "ai"), (re.compile(r"(?<=...)ah$"), "a")]
_LONG_PAIRS = [(re.compile(r"e"), "i"), (re.compile(r"o"), "u")]
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key of one word (no spaces): see the module docstring."""
    plain = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in plain if not unicodedata.combining(c) and c not in _MARKS)
    if plain.isupper() and len(plain) <= 5:
        return plain.casefold()  # an acronym: its letters are the name ("KKK", "ISI")
    plain = plain.casefold()
    plain = _WHOLE.get(plain, plain)
    for pattern, repl in _PAIRS:
        plain = pattern.sub(repl, plain)
    if len(plain) >= 7:
        for pattern, repl in _LONG_PAIRS:
            plain = pattern.sub(repl, plain)
    return _DOUBLED.sub(r"\1", plain)


@dataclass(frozen=True)
class Words:
    """A text cut into words: ``key`` joins their keys, one space where only spaces or
    hyphens stand between two words and ``|`` where anything else does."""

    key: str
    starts: tuple[int, ...]  # offset of each word in the text
    ends: tuple[int, ...]
    key_starts: dict[int, int]  # offset in key -> word index
    key_ends: dict[int, int]


def words(text: str) -> Words:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    key_starts: dict[int, int] = {}
    key_ends: dict[int, int] = {}
    at = 0
    for m in _WORD.finditer(text):
        start, end = m.span()
        token = m.group()
        possessive = _POSSESSIVE.search(token)
        if possessive and len(token) > 3:
            token, end = token[:possessive.start()], start + possessive.start()
        if starts:
            gap = text[ends[-1]:start]
            joiner = " " if gap.strip(_DASHES) == "" and "\n\n" not in gap else "|"
            parts.append(joiner)
            at += 1
        key = word_key(token)
        key_starts[at] = len(starts)
        parts.append(key)
        at += len(key)
        key_ends[at] = len(starts)
        starts.append(start)
        ends.append(end)
    return Words("".join(parts), tuple(starts), tuple(ends), key_starts, key_ends)


def name_key(name: str) -> str:
    """The key of a name: its words' keys joined by single spaces."""
    return words(name).key
