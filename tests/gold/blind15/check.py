#!/usr/bin/env python3
"""Validator for blind set blind15.

Checks that every line of blind15.jsonl parses; that every anchor occurs in its
document (and exactly once, and inside one sentence); that subject/object ids
occur in ACTORS.tsv and fit the argument kinds of the relation; and that
relation, polarity, modality and time are in the vocabulary / format.
Prints OK when no problem is found.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
VOCAB = os.path.join(BLIND, "relations.yaml")
DATA = os.path.join(HERE, "blind15.jsonl")


def load_vocab(path):
    """Small parser for relations.yaml (avoids a PyYAML dependency)."""
    rels, pols, mods, section = {}, [], [], None
    for line in open(path, encoding="utf-8"):
        if line.lstrip().startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            section = line.split(":")[0].strip()
            m = re.match(r"polarities:\s*\[(.*)\]", line)
            if m:
                pols = [x.strip() for x in m.group(1).split(",")]
            continue
        m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
        if not m:
            continue
        name, body = m.group(1), m.group(2)
        if section == "relations":
            args = re.search(r"args:\s*\[([a-z]+),\s*([a-z]+)\]", body)
            rels[name] = (args.group(1), args.group(2))
        elif section == "modalities":
            mods.append(name)
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds


def fits(kind, arg):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    return kind != "person"  # group: every kind but person


def main():
    rels, pols, mods = load_vocab(VOCAB)
    kinds = load_actors(ACTORS)
    errors, n, texts = [], 0, {}
    time_re = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s)$")
    for i, line in enumerate(open(DATA, encoding="utf-8"), 1):
        if not line.strip():
            continue
        n += 1
        try:
            d = json.loads(line)
        except Exception as e:
            errors.append(f"line {i}: does not parse: {e}")
            continue
        doc = d.get("doc", "")
        if not doc.startswith("blind15/"):
            errors.append(f"line {i}: bad doc {doc!r}")
            continue
        path = os.path.join(HERE, doc.split("/", 1)[1])
        if not os.path.exists(path):
            errors.append(f"line {i}: missing document {doc}")
            continue
        text = texts.setdefault(path, open(path, encoding="utf-8").read())
        if d.get("relation") is None:
            continue
        anc = d.get("anchor", "")
        c = text.count(anc) if anc else 0
        if c == 0:
            errors.append(f"line {i}: anchor not in {doc}: {anc!r}")
        elif c > 1:
            errors.append(f"line {i}: anchor occurs {c} times in {doc}: {anc!r}")
        if re.search(r"[.!?]\s+[A-Z\"]", anc) or "\n" in anc:
            errors.append(f"line {i}: anchor seems to cross a sentence boundary: {anc!r}")
        r = d.get("relation")
        if r not in rels:
            errors.append(f"line {i}: unknown relation {r!r}")
        for role, idx in (("subject", 0), ("object", 1)):
            a = d.get(role)
            if a not in kinds:
                errors.append(f"line {i}: {role} id not in ACTORS.tsv: {a!r}")
            elif r in rels and not fits(kinds[a], rels[r][idx]):
                errors.append(f"line {i}: {role} {a} ({kinds[a]}) does not fit {r} args {rels[r]}")
        if d.get("subject") == d.get("object"):
            errors.append(f"line {i}: subject equals object")
        if d.get("polarity") not in pols:
            errors.append(f"line {i}: bad polarity {d.get('polarity')!r}")
        if d.get("modality") not in mods:
            errors.append(f"line {i}: bad modality {d.get('modality')!r}")
        if d.get("polarity") == "negated" and d.get("modality") == "denied":
            pass
        elif d.get("modality") == "denied":
            errors.append(f"line {i}: modality denied needs polarity negated")
        if "time" in d and not time_re.match(str(d["time"])):
            errors.append(f"line {i}: bad time {d['time']!r}")
        extra = set(d) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra:
            errors.append(f"line {i}: unexpected fields {sorted(extra)}")
    docs = sorted(f for f in os.listdir(HERE) if re.match(r"0\d-.*\.txt$", f))
    annotated = {os.path.basename(p) for p in texts}
    for f in docs:
        if f not in annotated:
            errors.append(f"document without annotation: {f}")
    for e in errors:
        print(e)
    if errors:
        print(f"FAILED: {len(errors)} problem(s) in {n} lines")
        sys.exit(1)
    print(f"OK: {n} relation lines, {len(docs)} documents")


if __name__ == "__main__":
    main()
