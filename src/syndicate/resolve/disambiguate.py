"""Ambiguous names: which actor an alias means here (data/disambiguation.yaml rules,
scene-setting places)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..actors import Dictionary
from ..model import Sentence
from ..recognize import Hit, fold

_ACTIVE_IN = re.compile(r"\b(?:active|based|operating|present|deployed|holed\s+up|hiding)\s+in\s+"
                        r"(?:(?:northern|southern|eastern|western|central)\s+)?$", re.I)


_SCENE = re.compile(r"(?:^|[.!?]\s+|\n)(?:In|Across|Throughout|Inside|Within|From)\s+"
                    r"(?:(?:the\s+)?(?:north|south|east|west|central)(?:ern)?(?:-\w+)?\s+)?$")


def _scene_setting(hit: Hit, text: str, actor: str, dictionary: Dictionary) -> bool:
    entry = dictionary.get(actor)
    if entry is None or entry.kind != "state":
        return False
    before = text[max(0, hit.start - 40):hit.start]
    if _ACTIVE_IN.search(before):
        return True  # "jihadist groups active in Mali"
    return text[hit.end:hit.end + 1] == "," and bool(_SCENE.search(before))


def _disambiguate(hit: Hit, text: str, sentence: Sentence, doc_folded: str,
                  dictionary: Dictionary) -> str | None:
    rule = dictionary.rule_for.get(fold(hit.text)) or \
        dictionary.rule_for.get(f"actor:{hit.actors[0]}")
    if rule is None:
        return hit.actors[0]
    for override in rule.get("overrides") or []:
        if _override_applies(override, hit, text, sentence, doc_folded):
            return str(override["actor"])
    return str(rule["default"]) if rule.get("default") else None


_PARENT_CONTEXT = re.compile(r"""
    \b(?:branch|affiliate|province|franchise|wing|arm|offshoot|chapter|allegiance|loyalty
    |loyal|leader|caliph|central\s+command|in\s+the\s+name)\s+(?:of|to)\s+(?:the\s+)?$
    """, re.I | re.X)


_PARENT_POSSESSIVE = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:branch|affiliate|province|"
                                r"franchise|wing|arm|offshoot|chapter|leader|caliph|"
                                r"central\s+command)\b", re.I)


def _override_applies(override: dict, hit: Hit, text: str, sentence: Sentence,
                      doc_folded: str) -> bool:
    if override.get("spelled") and hit.text != override["spelled"]:
        return False  # the override is for this one spelling of the actor's names
    preceded = override.get("preceded_by")
    if preceded:
        before = fold(text[max(0, hit.start - 20):hit.start]).rstrip()
        return any(before.endswith(fold(p)) for p in preceded)
    if override.get("scope") == "document" and (_PARENT_CONTEXT.search(
            text[max(0, hit.start - 40):hit.start]) or _PARENT_POSSESSIVE.match(text, hit.end)):
        # "ISKP, the Afghan branch of the Islamic State", "the Islamic State's branch for
        # Afghanistan": the parent itself
        return False
    scope = doc_folded if override.get("scope") == "document" else fold(sentence.text)
    if _any_word(tuple(override.get("unless") or ())).search(scope):
        return False
    return _any_word(tuple(override.get("cues") or ())).search(scope) is not None


@lru_cache(maxsize=1024)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word of a folded text (never matches when empty)."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(sorted({re.escape(fold(w)) for w in words}, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")
