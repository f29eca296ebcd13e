"""Plain records passed between stages. The JSON form of a Claim is the data contract."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_id(text: str) -> str:
    """Stable document id: hash of the whitespace-normalised cleaned text."""
    normalised = " ".join(text.split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


PAIR = "pair:"


def pair_id(actors) -> str:
    """The actor id of a reference to two actors at once ("the two groups"): one mention
    standing for both, read back with ``pair_members``."""
    return PAIR + "|".join(sorted(actors))


def is_pair(actor: str) -> bool:
    return actor.startswith(PAIR)


def pair_members(actor: str) -> tuple[str, ...]:
    """The actors a pair id stands for; any other id stands for itself."""
    return tuple(actor[len(PAIR):].split("|")) if is_pair(actor) else (actor,)


@dataclass
class RawDocument:
    """What a reader yields: undecoded or decoded content plus what is known about it."""

    source: str  # path, url or "<stdin>", with "#N" for the Nth record of a container
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the container (JSONL field), if any
    external_id: str | None = None
    error: str | None = None  # set when the reader could not produce text


@dataclass
class Removed:
    """A span of the input that cleaning dropped, and why."""

    text: str
    reason: str  # duplicate_paragraph | boilerplate | share_counter | sidebar | tail | ...


@dataclass
class DateInfo:
    value: str | None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or None
    precision: str | None  # day | month | year
    source: str | None  # metadata | published_in | dateline | header | page | container


@dataclass
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Mention:
    start: int  # offsets into the cleaned text
    end: int
    text: str
    actor: str  # canonical actor id (may be provisional: "candidate:<slug>")
    sentence: int
    method: str  # alias | acronym | shape | coref | rule
    provisional: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Definition:
    """A name the document itself defines: another name of an actor ("the Islamic Movement
    of Nowhere (IMN)", "X, also known as Y", "known as Y until 2016") or an unknown person
    in a role ("YPJ spokesperson Ruken Jamal")."""

    kind: str  # alias | former_name | candidate | person
    name: str  # the defined name, as written
    actor: str  # the actor it names: a dictionary id or "candidate:<slug>"
    start: int  # offsets of the defining occurrence in the cleaned text
    end: int
    sentence: int
    cue: str  # the words that define it: "also known as", "(", "spokesperson for"
    other: str | None = None  # the name it is defined by; for a person, the linked group id
    role: str | None = None  # a person's role in that group
    since: str | None = None  # a renaming's dates, when the text gives them
    until: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Time:
    value: str | None
    precision: str | None
    source: str  # published | sentence | curated | none

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "source": self.source}


@dataclass
class Argument:
    id: str
    text: str
    start: int
    end: int
    provisional: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text, "start": self.start,
                               "end": self.end}
        if self.provisional:
            out["provisional"] = True
        return out


@dataclass
class Claim:
    doc: str
    sentence: str
    start: int
    end: int
    subject: Argument
    relation: str
    object: Argument
    polarity: str = "affirmed"
    modality: str = "asserted"
    attribution: str | None = None
    time: Time = field(default_factory=lambda: Time(None, None, "none"))
    trigger: str = ""
    extractor: str = "patterns.v2"
    confidence: float = 0.5
    source: str | None = None
    published: str | None = None
    rule: str = ""  # id of the trigger or construction that made the claim

    @property
    def key(self) -> str:
        """Deterministic claim id: the same sentence read twice gives the same claim."""
        parts = [self.doc, str(self.start), self.subject.id, self.relation, self.object.id,
                 self.polarity, self.trigger]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "doc": self.doc,
            "source": self.source,
            "published": self.published,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "subject": self.subject.to_json(),
            "relation": self.relation,
            "object": self.object.to_json(),
            "polarity": self.polarity,
            "modality": self.modality,
            "attribution": self.attribution,
            "time": self.time.to_json(),
            "trigger": self.trigger,
            "rule": self.rule,
            "extractor": self.extractor,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Processed:
    """Everything the per-document work produces; a pure function of document + dictionary."""

    source: str
    doc: str | None = None  # content id
    title: str | None = None
    url: str | None = None
    text: str = ""
    date: DateInfo = field(default_factory=lambda: DateInfo(None, None, None))
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None
    definitions: list[Definition] = field(default_factory=list)  # names the text defines
