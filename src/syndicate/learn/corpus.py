"""Training data for the learned extractor: passages whose every actor pair was judged.

A passage file pair (``NAME.passages.jsonl`` + ``NAME.jsonl``, format in
``training/README.md``) gives the text, every actor mention in order of appearance, and
the relations in the gold format of ``tests/gold/README.md``. ``pair_examples`` turns a
passage into one example per pair of actors that share a sentence (or a sentence and
the one before it); a pair with no gold line is a true negative.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Sentence
from ..segment import segment
from ..vocab import vocabulary

NONE = "none"


def label_names() -> list[str]:
    """Class names: ``none``, one per symmetric relation, two per directed relation.

    ``rel>`` reads first mention -> second mention (in text order), ``rel<`` the reverse.
    """
    vocab = vocabulary()
    names = [NONE]
    for relation in vocab.relations:
        names += [relation] if vocab.is_symmetric(relation) else [f"{relation}>", f"{relation}<"]
    return names


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    actor: str
    kind: str


@dataclass
class Passage:
    id: str
    text: str
    mentions: list[Span]
    relations: list[dict[str, Any]]
    register: str = ""
    theatre: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    # None: every pair was judged. Otherwise only these (anchor, {actor, actor}) pairs
    # were (a review judges the one claim it names).
    judged: set[tuple[str, frozenset[str]]] | None = None
    # what the rules claimed here: (sentence start, subject, relation, object, polarity,
    # modality), read by feature set 3 (the learned combination with the rules)
    rule_claims: list[tuple[int, str, str, str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = segment(self.text)


@dataclass
class PairExample:
    """One pair of actors in a window of one or two sentences, with its gold label."""

    passage: str
    window: str  # the window's text
    offset: int  # where the window starts in the passage text
    sentence: int  # index of the window's last sentence: the claim's sentence
    first: Span  # the earlier mention (offsets into the passage text)
    second: Span
    label: str = NONE
    polarity: str = "affirmed"
    modality: str = "asserted"
    others: tuple[Span, ...] = ()  # the window's other mentions, in order
    rule: str = ""  # the rules' label for the pair in this sentence ("" when none)
    rule_modality: str = ""

    def local(self, span: Span) -> tuple[int, int]:
        return span.start - self.offset, span.end - self.offset


def read_passages(passages_path: Path, relations_path: Path) -> list[Passage]:
    """Read one file pair; a mention that cannot be found is an error naming the passage."""
    relations: dict[str, list[dict[str, Any]]] = {}
    for line in _json_lines(relations_path):
        key = line.get("doc", "").removeprefix("train/")
        relations.setdefault(key, [])
        if line.get("relation"):
            relations[key].append(line)
    out = []
    for record in _json_lines(passages_path):
        text = record["text"]
        spans, pos = [], 0
        for m in record.get("mentions", []):
            start = text.find(m["text"], pos)
            if start < 0:
                raise ReadError(f"{passages_path}: passage {record['id']}: mention "
                                f"{m['text']!r} not found after offset {pos}")
            pos = start + len(m["text"])
            spans.append(Span(start, pos, m["actor"], m.get("kind", "other")))
        out.append(Passage(record["id"], text, spans, relations.get(record["id"], []),
                           record.get("register", ""), record.get("theatre", "")))
    return out


def load_corpus(folder: str | Path) -> list[Passage]:
    """Every file pair in ``folder``, in name order."""
    folder = Path(folder)
    passages: list[Passage] = []
    for path in sorted(folder.glob("*.passages.jsonl")):
        passages += read_passages(path, path.with_name(path.name.replace(".passages", "")))
    return passages


def pair_examples(passage: Passage) -> list[PairExample]:
    """Pairs of distinct actors in one sentence, and across a sentence and the one before.

    Of several mentions of the same two actors, the closest pair stands for them. A
    cross-sentence pair is made only when the two actors do not also share the later
    sentence.
    """
    by_sentence = _mentions_by_sentence(passage)
    examples = []
    for sent in passage.sentences:
        here = by_sentence.get(sent.index, [])
        before = by_sentence.get(sent.index - 1, [])
        inside = _closest_pairs(here, here)
        examples += [_example(passage, sent, sent, a, b, here) for a, b in inside.values()]
        if sent.index > 0:
            prev = passage.sentences[sent.index - 1]
            across = _closest_pairs(before, here)
            examples += [_example(passage, prev, sent, a, b, before + here)
                         for key, (a, b) in across.items() if key not in inside]
    if passage.judged is not None:
        examples = [e for e in examples if _judged(passage, e)]
    return examples


def _judged(passage: Passage, ex: PairExample) -> bool:
    sentence = passage.sentences[ex.sentence].text
    pair = frozenset((ex.first.actor, ex.second.actor))
    return any(p == pair and anchor in sentence for anchor, p in passage.judged or ())


def _mentions_by_sentence(passage: Passage) -> dict[int, list[Span]]:
    starts = [s.start for s in passage.sentences]
    out: dict[int, list[Span]] = {}
    for span in passage.mentions:
        i = bisect_right(starts, span.start) - 1
        if i >= 0 and span.start < passage.sentences[i].end:
            out.setdefault(passage.sentences[i].index, []).append(span)
    return out


def _closest_pairs(left: list[Span], right: list[Span]) -> dict[frozenset[str], tuple[Span, Span]]:
    best: dict[frozenset[str], tuple[Span, Span]] = {}
    for a in left:
        for b in right:
            if a.actor == b.actor or a.start >= b.start:
                continue
            key = frozenset((a.actor, b.actor))
            old = best.get(key)
            if old is None or b.start - a.end < old[1].start - old[0].end:
                best[key] = (a, b)
    return best


def _example(passage: Passage, first_sentence: Sentence, last: Sentence, a: Span,
             b: Span, window: list[Span]) -> PairExample:
    ex = PairExample(passage.id, passage.text[first_sentence.start:last.end],
                     first_sentence.start, last.index, a, b,
                     others=tuple(s for s in window if s is not a and s is not b))
    for rel in passage.relations:
        if rel.get("anchor", "") not in last.text:
            continue
        subject, obj = rel["subject"], rel["object"]
        if {subject, obj} != {a.actor, b.actor}:
            continue
        relation = rel["relation"]
        if vocabulary().is_symmetric(relation):
            ex.label = relation
        else:
            ex.label = f"{relation}>" if subject == a.actor else f"{relation}<"
        ex.polarity = rel.get("polarity", "affirmed")
        ex.modality = rel.get("modality", "asserted")
        break
    for start, subject, relation, obj, polarity, modality in passage.rule_claims:
        if start != last.start or {subject, obj} != {a.actor, b.actor}:
            continue
        label = relation if vocabulary().is_symmetric(relation) else \
            f"{relation}>" if subject == a.actor else f"{relation}<"
        ex.rule = label if polarity == "affirmed" else f"{label}~negated"
        ex.rule_modality = modality
        break
    return ex


def claims_of(example: PairExample, label: str) -> tuple[str, str, str] | None:
    """(subject actor, relation, object actor) that ``label`` says, or None."""
    if label == NONE:
        return None
    if label.endswith("<"):
        return example.second.actor, label[:-1], example.first.actor
    return example.first.actor, label.rstrip(">"), example.second.actor


def split(passages: Iterable[Passage], *, held_back: float = 0.15,
          seed: int = 13) -> tuple[list[Passage], list[Passage]]:
    """Train / held-back split by passage, stable under corpus growth (hash of the id)."""
    import hashlib

    train: list[Passage] = []
    test: list[Passage] = []
    for p in passages:
        digest = hashlib.sha1(f"{seed}:{p.id}".encode()).digest()
        (test if digest[0] / 256 < held_back else train).append(p)
    return train, test


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(f"{path}:{n}: malformed JSON line: {exc.msg}") from exc


def with_rule_claims(passages: list[Passage], pipeline: Any) -> list[Passage]:
    """Fill each passage's ``rule_claims`` with what the rules claim in it, read by the
    pipeline as at run time (feature set 3 learns when to trust them)."""
    from ..model import RawDocument

    for p in passages:
        out = pipeline.process(RawDocument(source=p.id, text=p.text))
        if out.text != p.text:
            continue  # cleaning moved the offsets: no sentence to match by
        p.rule_claims = [(c.start, c.subject.id, c.relation, c.object.id, c.polarity,
                          c.modality) for c in out.claims]
    return passages
