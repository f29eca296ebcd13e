"""Evaluation: score extracted claims against a gold file (precision, recall, F1).

Gold format (one JSON object per line, see tests/gold/README.md)::

    {"doc": "sample/2016-08-x.txt", "anchor": "exact words of the sentence",
     "subject": "afghan-taliban", "relation": "fights", "object": "islamic-state-khorasan",
     "polarity": "affirmed", "modality": "reported"}

A predicted claim matches a gold relation when it comes from the same document, its
sentence contains the anchor, the relation and arguments agree (either order for
symmetric relations) and so does the polarity. Every claim extracted from an annotated
document that matches nothing is a false positive.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .api import sample_corpus
from .errors import GoldFileError, ReadError
from .model import RawDocument
from .names import name_key
from .pipeline import Pipeline
from .read import read
from .vocab import SYMMETRIC


@dataclass
class Prediction:
    doc: str
    sentence: str
    subject: str
    relation: str
    object: str
    polarity: str
    modality: str

    def key(self) -> tuple[str, ...]:
        return (self.relation, *_args(self.relation, self.subject, self.object), self.polarity)


def _args(relation: str, a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a, b))) if relation in SYMMETRIC else (a, b)  # type: ignore[return-value]


GOLD_FIELDS = ("doc", "subject", "relation", "object")


def load_gold(path: str | Path, *, fields: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Gold lines; a malformed line or one without the fields scoring needs is an error
    naming the line (``[E023]``). Lines without a relation mark documents with none.
    ``fields``: the fields every line needs, for files of another kind (mentions)."""
    items = []
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"{path}: cannot read the gold file: {exc}") from exc
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise GoldFileError(f"{path}:{n}: malformed gold line: "
                                f"{getattr(exc, 'msg', 'nested too deeply')}") from exc
        if not isinstance(item, dict):
            raise GoldFileError(f"{path}:{n}: a gold line must be a JSON object")
        needed = fields or (GOLD_FIELDS if item.get("relation") else ("doc",))
        missing = [f for f in needed if not isinstance(item.get(f), str) or not item[f]]
        if missing:
            raise GoldFileError(f"{path}:{n}: missing field(s) {', '.join(missing)}; a line "
                                f"here needs {', '.join(fields or GOLD_FIELDS)} (see "
                                "tests/gold/README.md)")
        items.append(item)
    return items


def default_seeds_dir() -> Path | None:
    for candidate in (Path.cwd().parent / "shared" / "seeds",
                      Path(__file__).resolve().parents[3] / "shared" / "seeds"):
        if candidate.is_dir():
            return candidate
    return None


def _locate(doc: str, seeds_dir: Path | None, extra: dict[str, str]) -> tuple[str, str] | None:
    """(file path, record id or '') for a gold doc key."""
    name, _, record = doc.partition("#")
    if name in extra:
        return extra[name], record
    folder, _, filename = name.partition("/")
    if folder == "sample":
        return str(Path(sample_corpus()) / filename), record
    if folder == "seeds" and seeds_dir is not None:
        path = seeds_dir / filename
        return (str(path), record) if path.exists() else None
    return None


def predict(docs: list[str], pipeline: Pipeline, *, seeds_dir: Path | None,
            paths: list[str], actors: dict[str, set[str]] | None = None
            ) -> tuple[dict[str, list[Prediction]], list[str]]:
    """Each document's claims as predictions (and, into ``actors``, its mentioned actors)."""
    extra = {f"{Path(p).parent.name}/{Path(p).name}": p for p in paths}
    extra.update({Path(p).name: p for p in paths})
    out: dict[str, list[Prediction]] = {}
    skipped = []
    cache: dict[str, dict[str, Any]] = {}
    for doc in docs:
        where = _locate(doc, seeds_dir, extra)
        if where is None:
            skipped.append(doc)
            continue
        path, record = where
        if path not in cache:
            cache[path] = {}
            for raw in read([path]):
                rid = raw.source.rpartition("#")[2] if "#" in raw.source else ""
                cache[path][rid] = pipeline.process(raw)
        processed = cache[path].get(record)
        if processed is None or processed.error:
            skipped.append(doc)
            continue
        out[doc] = [Prediction(doc, c.sentence, c.subject.id, c.relation, c.object.id,
                               c.polarity, c.modality) for c in processed.claims]
        if actors is not None:  # named in a mention, or as a claim's argument only
            actors[doc] = {m.actor for m in processed.mentions} | {
                a.id for c in processed.claims for a in (c.subject, c.object)}
    return out, skipped


def evaluate(gold_path: str | Path, pipeline: Pipeline, *, paths: list[str] | None = None,
             seeds_dir: str | Path | None = None) -> dict[str, Any]:
    gold = load_gold(gold_path)
    seeds = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    docs = sorted({g["doc"] for g in gold})
    found: dict[str, set[str]] = {}
    predictions, skipped = predict(docs, pipeline, seeds_dir=seeds, paths=paths or [],
                                   actors=found)
    relations = [g for g in gold if g.get("relation") and g["doc"] in predictions]
    return {"documents": len(predictions), "skipped_documents": skipped,
            **score(relations, [p for doc in predictions for p in predictions[doc]]),
            **actor_recall(relations, found)}


def agreement(first_path: str | Path, second_path: str | Path, texts: dict[str, str]
              ) -> dict[str, Any]:
    """A second annotation of the same documents scored against the first, as the
    system is: a second line counts in the sentence its anchor is in (``texts``: doc ->
    text, segmented as the pipeline does), so its F1 is the one a perfect reader of the
    guidelines would reach on the set."""
    from .segment import segment

    first = [g for g in load_gold(first_path) if g.get("relation")]
    sentences = {doc: [text[s.start:s.end] for s in segment(text)]
                 for doc, text in texts.items()}
    second = []
    for g in load_gold(second_path):
        if not g.get("relation") or g["doc"] not in sentences:
            continue
        sentence = next((x for x in sentences[g["doc"]] if g["anchor"] in x), g["anchor"])
        second.append(Prediction(g["doc"], sentence, g["subject"], g["relation"],
                                 g["object"], g.get("polarity", "affirmed"),
                                 g.get("modality", "asserted")))
    return score([g for g in first if g["doc"] in sentences], second)


def actor_recall(relations: list[dict[str, Any]], found: dict[str, set[str]]) -> dict[str, Any]:
    """Of the actors the gold relations name in each document, the share the system
    names anywhere in that document with the right id: in a mention, or as the argument
    of a claim (the state of "Syrian President Bashar al-Assad", which a construction
    reads from the demonym without a mention of its own)."""
    wanted = {(g["doc"], a) for g in relations for a in (g["subject"], g["object"])}
    missed = sorted((doc, a) for doc, a in wanted if a not in found.get(doc, set()))
    return {"actors": len(wanted),
            "actor_recall": round(1 - len(missed) / len(wanted), 3) if wanted else 0.0,
            "missed_actors": [{"doc": d, "actor": a} for d, a in missed]}


def score(relations: list[dict[str, Any]], flat: list[Prediction]) -> dict[str, Any]:
    """Match predictions against gold relation lines (see the module docstring)."""
    matched_pred: set[int] = set()
    misses, modality_right, matched = [], 0, 0
    per_rel: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for g in relations:
        key = (g["relation"], *_args(g["relation"], g["subject"], g["object"]),
               g.get("polarity", "affirmed"))
        hit = None
        for n, p in enumerate(flat):
            if n in matched_pred or p.doc != g["doc"] or p.key() != key:
                continue
            if g.get("anchor") and g["anchor"] not in p.sentence:
                continue
            if hit is None or p.modality == g.get("modality", "asserted"):
                hit = n  # of two claims in one sentence, pair the one with the same modality
            if p.modality == g.get("modality", "asserted"):
                break
        if hit is None:
            misses.append(g)
            per_rel[g["relation"]]["fn"] += 1
            continue
        matched_pred.add(hit)
        matched += 1
        per_rel[g["relation"]]["tp"] += 1
        modality_right += flat[hit].modality == g.get("modality", "asserted")
    false_positives = [p for n, p in enumerate(flat) if n not in matched_pred]
    for p in false_positives:
        per_rel[p.relation]["fp"] += 1
    tp, fp, fn = matched, len(false_positives), len(misses)
    return {
        "gold": len(relations), "predicted": len(flat),
        **_prf(tp, fp, fn),
        "modality_accuracy": round(modality_right / matched, 3) if matched else 0.0,
        "per_relation": {r: {**c, **_prf(c["tp"], c["fp"], c["fn"])}
                         for r, c in sorted(per_rel.items())},
        "misses": misses,
        "false_positives": [p.__dict__ for p in false_positives],
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3)}


def format_report(result: dict[str, Any], *, errors: bool = True) -> str:
    lines = [
        f"documents {result['documents']}  gold relations {result['gold']}  "
        f"predicted {result['predicted']}",
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"F1 {result['f1']:.3f}  (modality right on {result['modality_accuracy']:.0%} "
        "of matches)",
        f"actors of the gold relations found in their document {result['actor_recall']:.1%} "
        f"(of {result['actors']})",
        "",
        f"{'relation':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for rel, c in result["per_relation"].items():
        lines.append(f"{rel:18} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} "
                     f"{c['tp']:4} {c['fp']:4} {c['fn']:4}")
    if result["skipped_documents"]:
        lines.append(f"\nskipped (not found): {', '.join(result['skipped_documents'])}")
    if errors:
        lines.append("\nactors not found:")
        lines += [f"  {m['doc']}: {m['actor']}" for m in result["missed_actors"]]
        lines.append("\nmisses:")
        for g in result["misses"]:
            lines.append(f"  {g['doc']}: {g['subject']} -{g['relation']}-> {g['object']} "
                         f"[{g.get('polarity')}] \u00ab{g.get('anchor', '')}\u00bb")
        lines.append("\nfalse positives:")
        for p in result["false_positives"]:
            lines.append(f"  {p['doc']}: {p['subject']} -{p['relation']}-> {p['object']} "
                         f"[{p['polarity']},{p['modality']}] \u00ab{p['sentence'][:140]}\u00bb")
    return "\n".join(lines)


def evaluate_recognition(gold_path: str | Path, pipeline: Pipeline, *,
                         paths: list[str]) -> dict[str, Any]:
    """Score actor recognition against a mention file (``{"doc", "text", "actor"}`` lines).

    ``actor_recall``: annotated (document, actor) pairs that the system finds anywhere in
    that document with the right id. ``mention_recall``: annotated mentions covered by a
    system mention with the right id. ``wrong_rate``: of the system mentions that overlap
    an annotated mention, those resolved to another id.
    """
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in load_gold(gold_path, fields=("doc", "text", "actor")):
        gold[line["doc"]].append(line)
    by_name = {Path(p).name: p for p in paths}
    actors = found_actors = mentions = found_mentions = overlapping = wrong = 0
    missing: list[str] = []
    errors: list[dict[str, Any]] = []
    for doc, lines in sorted(gold.items()):
        if doc not in by_name:
            missing.append(doc)
            continue
        processed = next(iter(read([by_name[doc]])))
        out = pipeline.process(processed)
        found = {m.actor for m in out.mentions}
        wanted = {line["actor"] for line in lines}
        actors += len(wanted)
        found_actors += len(wanted & found)
        errors += [{"doc": doc, "missed_actor": a} for a in sorted(wanted - found)]
        pos = 0
        for line in lines:
            start = out.text.find(line["text"], pos)
            if start < 0:
                continue
            end = pos = start + len(line["text"])
            mentions += 1
            hits = [m for m in out.mentions if m.start < end and m.end > start]
            found_mentions += any(m.actor == line["actor"] for m in hits)
            overlapping += len(hits)
            for m in hits:
                if m.actor != line["actor"]:
                    wrong += 1
                    errors.append({"doc": doc, "text": m.text, "resolved": m.actor,
                                   "expected": line["actor"]})
    return {"documents": len(gold) - len(missing), "missing_documents": missing,
            "actors": actors, "actor_recall": round(found_actors / max(actors, 1), 3),
            "mentions": mentions,
            "mention_recall": round(found_mentions / max(mentions, 1), 3),
            "resolved_overlapping": overlapping,
            "wrong_rate": round(wrong / max(overlapping, 1), 3), "errors": errors}


def evaluate_people(gold_path: str | Path, pipeline: Pipeline, *,
                    paths: list[str]) -> dict[str, Any]:
    """Unknown people in roles (``{"doc", "name", "group", "role"}`` lines: people the
    dictionary does not list, given a role in a group). ``recall``: of them, those the
    system makes a candidate person in that document (same name, spellings folded, a
    title in front allowed); ``group_right``: of those found, the ones linked to the
    annotated group; ``precision``: of the candidate people the system makes in the
    documents scored, those annotated."""
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in load_gold(gold_path, fields=("doc", "name")):
        gold[line["doc"]].append(line)
    by_name = {Path(p).name: p for p in paths}
    wanted = found = group_right = predicted = predicted_right = 0
    missing, errors = [], []
    for doc, lines in sorted(gold.items()):
        if doc not in by_name:
            missing.append(doc)
            continue
        out = pipeline.process(next(iter(read([by_name[doc]]))))
        people = [d for d in out.definitions if d.kind == "person"]
        keys = {name_key(d.name): d for d in people}
        matched: set[str] = set()
        for line in lines:
            wanted += 1
            key = name_key(line["name"])
            hit = keys.get(key) or next((d for k, d in keys.items() if k.endswith(" " + key)),
                                        None)
            if hit is None:
                errors.append({"doc": doc, "missed_person": line["name"]})
                continue
            found += 1
            matched.add(name_key(hit.name))
            if hit.other == line.get("group"):
                group_right += 1
            else:
                errors.append({"doc": doc, "person": line["name"], "group": hit.other,
                               "expected": line.get("group")})
        predicted += len(keys)
        predicted_right += len(matched)
        errors += [{"doc": doc, "not_annotated": d.name, "group": d.other}
                   for k, d in keys.items() if k not in matched]
    return {"documents": len(gold) - len(missing), "missing_documents": missing,
            "people": wanted, "recall": round(found / wanted, 3) if wanted else 0.0,
            "group_right": round(group_right / found, 3) if found else 0.0,
            "predicted": predicted,
            "precision": round(predicted_right / predicted, 3) if predicted else 0.0,
            "errors": errors}


def evaluate_near_misses(path: str | Path, pipeline: Pipeline) -> dict[str, Any]:
    """Sentences naming no actor at all (``{"text", "name"}`` lines): any mention is wrong."""
    lines = load_gold(path, fields=("text",))
    false = []
    for n, line in enumerate(lines):
        out = pipeline.process(RawDocument(source=f"near-miss-{n}", text=line["text"]))
        false += [{"text": line["text"], "mention": m.text, "actor": m.actor}
                  for m in out.mentions]
    return {"sentences": len(lines), "mentions": len(false),
            "sentences_with_mentions": len({f["text"] for f in false}), "errors": false}
