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

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "-": " ",
                       "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2014": " "})


def fold(text: str) -> str:
    """Lower-case, hyphen-free, straight-quoted copy of ``text`` with the same length."""
    folded = text.translate(_FOLD).lower()
    if len(folded) != len(text):  # "İ".lower() is two characters: keep offsets aligned
        folded = "".join(c.lower()[0] for c in text.translate(_FOLD))
    return folded


_MARKS = "'\u2019\u2018`\u00b4\u02bc\u02bf\u02be\u02b9\u02bb"  # apostrophes, ayn, hamza
# letters and digits, joined inside a word by single marks (Hay'at, Kata’ib); a
# possessive 's is left out (Taliban's), as it is not part of the name
_WORD = re.compile(rf"[^\W_]+(?:[{_MARKS}](?!s\b)[^\W_]+)*")
_DASHES = " \t\r\n-\u2010\u2011\u2012\u2013\u2014\u00a0"
_WHOLE = {"mohammed": "muhammad", "mohammad": "muhammad", "mohamed": "muhammad",
          "muhammed": "muhammad", "mohamad": "muhammad", "muhamad": "muhammad",
          "mohamud": "mahmud", "mahmoud": "mahmud", "abdel": "abdul", "abdal": "abdul",
          "abd": "abdul", "abdelrahman": "abdulrahman",
          "in": "of"}  # "Islamic State in Iraq and the Levant", "... of Iraq and the Levant"
_PAIRS = [(re.compile(r"(?:u|o)llah\b"), "allah"), (re.compile(r"q"), "k"),
          (re.compile(r"ou|oo"), "u"), (re.compile(r"ee"), "i"), (re.compile(r"(?<=.)y"), "i"),
          (re.compile(r"ae"), "ai"), (re.compile(r"(?<=...)ah$"), "a")]
_LONG_PAIRS = [(re.compile(r"e"), "i"), (re.compile(r"o"), "u")]
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def article_either_case(name: str, articles: tuple[str, ...] = ("al-",)) -> str:
    """A regular expression for ``name`` as written, but for a leading article of
    ``articles`` ("al-Bayda", "Al-Bayda"; "el-" where asked), which may be in either case."""
    if name[:3].lower() in articles:
        return f"[{name[0].upper()}{name[0].lower()}]{re.escape(name[1:])}"
    return re.escape(name)


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
    hyphens stand between two words, ``'`` for a possessive and ``|`` for anything else."""

    key: str
    starts: tuple[int, ...]  # offset of each word in the text
    ends: tuple[int, ...]
    key_starts: dict[int, int]  # offset in key -> word index
    key_ends: dict[int, int]


_KEYS: dict[str, str] = {}


def words(text: str) -> Words:
    found = [m for m in _WORD.finditer(text)
             if not (m.group() == "s" and m.start() and text[m.start() - 1] in _MARKS)]
    starts = [m.start() for m in found]
    ends = [m.end() for m in found]
    cache = _KEYS
    keys = [cache.get(t) or cache.setdefault(t, word_key(t)) for t in map(re.Match.group, found)]
    joiners = [" " if text[end:start] == " " else _joiner(text[end:start])
               for end, start in zip(ends, starts[1:], strict=False)]
    key_starts: dict[int, int] = {}
    key_ends: dict[int, int] = {}
    at = 0
    for n, key in enumerate(keys):
        key_starts[at] = n
        at += len(key)
        key_ends[at] = n
        at += 1
    parts: list[str] = [""] * (2 * len(keys) - 1) if keys else []
    parts[::2] = keys
    parts[1::2] = joiners
    return Words("".join(parts), tuple(starts), tuple(ends), key_starts, key_ends)


_POSSESSIVE = re.compile(rf"[{_MARKS}]s[{_DASHES}]+")


@lru_cache(maxsize=4096)
def _joiner(gap: str) -> str:
    """" " where only spaces or hyphens (no blank line) stand between two words, "'" for a
    possessive ("Lebanon's Hezbollah"), "|" for anything else."""
    if "\n\n" in gap:
        return "|"
    if gap.strip(_DASHES) == "":
        return " "
    return "'" if _POSSESSIVE.fullmatch(gap) else "|"


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key of a name: its words' keys joined by single spaces."""
    return words(name).key
