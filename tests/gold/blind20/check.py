#!/usr/bin/env python3
"""Validate blind20.jsonl against the articles, ACTORS.tsv and relations.yaml."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
VOCAB = os.path.join(BLIND, "relations.yaml")
DATA = os.path.join(HERE, "blind20.jsonl")

def load_actors():
    kinds = {}
    with open(ACTORS, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds

def load_vocab():
    rels, pols, mods = {}, [], []
    section = None
    with open(VOCAB, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            if not line.startswith(" "):
                key = line.split(":")[0].strip()
                section = key
                if key == "polarities":
                    pols = [x.strip() for x in line.split("[", 1)[1].split("]")[0].split(",")]
                continue
            m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
            if not m:
                continue
            if section == "relations":
                args = re.search(r"args:\s*\[([^\]]*)\]", m.group(2)).group(1)
                rels[m.group(1)] = [a.strip() for a in args.split(",")]
            elif section == "modalities":
                mods.append(m.group(1))
    return rels, pols, mods

def kind_ok(want, kind):
    if want == "any":
        return True
    if want == "person":
        return kind == "person"
    return kind != "person"  # group

def main():
    kinds = load_actors()
    rels, pols, mods = load_vocab()
    errors, n, docs, seen = [], 0, {}, set()
    time_re = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s)$")
    with open(DATA, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except Exception as e:
                errors.append(f"line {i}: JSON error {e}")
                continue
            n += 1
            doc = rec.get("doc", "")
            if not doc.startswith("blind20/"):
                errors.append(f"line {i}: bad doc {doc}")
                continue
            path = os.path.join(HERE, doc.split("/", 1)[1])
            if path not in docs:
                if not os.path.exists(path):
                    errors.append(f"line {i}: missing document {doc}")
                    continue
                docs[path] = open(path, encoding="utf-8").read()
            text = docs[path]
            if rec.get("relation") is None:
                continue
            anc = rec.get("anchor", "")
            c = text.count(anc) if anc else 0
            if c == 0:
                errors.append(f"line {i}: anchor not in {doc}: {anc!r}")
            elif c > 1:
                errors.append(f"line {i}: anchor occurs {c} times in {doc}: {anc!r}")
            elif "\n" in anc:
                errors.append(f"line {i}: anchor spans lines: {anc!r}")
            for role in ("subject", "object"):
                if rec.get(role) not in kinds:
                    errors.append(f"line {i}: unknown {role} id {rec.get(role)!r}")
            r = rec.get("relation")
            if r not in rels:
                errors.append(f"line {i}: unknown relation {r!r}")
            else:
                for role, want in zip(("subject", "object"), rels[r]):
                    k = kinds.get(rec.get(role))
                    if k is not None and not kind_ok(want, k):
                        errors.append(f"line {i}: {r} {role} {rec.get(role)} is {k}, needs {want}")
            if rec.get("subject") == rec.get("object"):
                errors.append(f"line {i}: subject equals object")
            if rec.get("polarity") not in pols:
                errors.append(f"line {i}: bad polarity {rec.get('polarity')!r}")
            if rec.get("modality") not in mods:
                errors.append(f"line {i}: bad modality {rec.get('modality')!r}")
            if "time" in rec and not time_re.match(str(rec["time"])):
                errors.append(f"line {i}: bad time {rec['time']!r}")
            key = (doc, anc, rec.get("subject"), r, rec.get("object"), rec.get("polarity"))
            if key in seen:
                errors.append(f"line {i}: duplicate line")
            seen.add(key)
    for fn in sorted(os.listdir(HERE)):
        if re.match(r"0\d-.*\.txt$", fn):
            words = len(open(os.path.join(HERE, fn), encoding="utf-8").read().split())
            if not 350 <= words <= 650:
                errors.append(f"{fn}: {words} words, outside 350-650")
            if os.path.join(HERE, fn) not in docs:
                errors.append(f"{fn}: no annotation lines")
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s) in {n} lines")
        sys.exit(1)
    print(f"OK: {n} relation lines in {len(docs)} documents")

if __name__ == "__main__":
    main()
