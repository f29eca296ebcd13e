#!/usr/bin/env python3
"""Validate blind18.jsonl: every line parses; doc exists; anchor is an exact, case-sensitive
substring occurring exactly once in its document and not spanning a blank line; ids occur in
ACTORS.tsv; relation/polarity/modality are in relations.yaml; argument kinds fit the relation;
time is well formed; no duplicate lines. Prints OK when clean."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)

def load_vocab(path):
    rels, pols, mods, section = {}, [], [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            section = line.split(":")[0].strip()
            m = re.match(r"(\w+):\s*\[(.*)\]", line.strip())
            if m and m.group(1) == "polarities":
                pols = [x.strip() for x in m.group(2).split(",")]
            continue
        m = re.match(r"\s+(\w+):\s*\{(.*)\}", line)
        if not m:
            continue
        if section == "relations":
            args = re.search(r"args:\s*\[(\w+),\s*(\w+)\]", m.group(2))
            rels[m.group(1)] = (args.group(1), args.group(2))
        elif section == "modalities":
            mods.append(m.group(1))
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

def kind_ok(want, kind):
    if want == "any":
        return True
    if want == "person":
        return kind == "person"
    return kind != "person"  # group

def main():
    rels, pols, mods = load_vocab(os.path.join(BLIND, "relations.yaml"))
    actors = load_actors(os.path.join(BLIND, "ACTORS.tsv"))
    errors, seen, docs, n = [], set(), {}, 0
    path = os.path.join(HERE, "blind18.jsonl")
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            errors.append(f"line {i}: blank line"); continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {i}: bad JSON ({e})"); continue
        n += 1
        doc = r.get("doc", "")
        if not doc.startswith("blind18/"):
            errors.append(f"line {i}: doc must start with blind18/"); continue
        fp = os.path.join(HERE, doc.split("/", 1)[1])
        if not os.path.isfile(fp):
            errors.append(f"line {i}: no such document {doc}"); continue
        text = docs.setdefault(fp, open(fp, encoding="utf-8").read())
        a = r.get("anchor", "")
        cnt = text.count(a) if a else 0
        if cnt != 1:
            errors.append(f"line {i}: anchor occurs {cnt} times in {doc}: {a!r}")
        elif "\n\n" in a:
            errors.append(f"line {i}: anchor spans paragraphs: {a!r}")
        for key in ("subject", "object"):
            if r.get(key) not in actors:
                errors.append(f"line {i}: unknown {key} id {r.get(key)!r}")
        rel = r.get("relation")
        if rel not in rels:
            errors.append(f"line {i}: unknown relation {rel!r}")
        elif r.get("subject") in actors and r.get("object") in actors:
            ws, wo = rels[rel]
            if not kind_ok(ws, actors[r["subject"]]) or not kind_ok(wo, actors[r["object"]]):
                errors.append(f"line {i}: argument kinds do not fit {rel}: {r['subject']} -> {r['object']}")
        if r.get("subject") == r.get("object"):
            errors.append(f"line {i}: subject equals object")
        if r.get("polarity") not in pols:
            errors.append(f"line {i}: bad polarity {r.get('polarity')!r}")
        if r.get("modality") not in mods:
            errors.append(f"line {i}: bad modality {r.get('modality')!r}")
        t = r.get("time")
        if t is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s", t):
            errors.append(f"line {i}: bad time {t!r}")
        extra = set(r) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra:
            errors.append(f"line {i}: unexpected keys {sorted(extra)}")
        key = (doc, a, r.get("subject"), rel, r.get("object"), r.get("polarity"), r.get("modality"))
        if key in seen:
            errors.append(f"line {i}: duplicate line")
        seen.add(key)
    for e in errors:
        print(e)
    if errors:
        print(f"{len(errors)} error(s) in {n} lines"); sys.exit(1)
    print(f"OK: {n} relation lines in {len(docs)} documents")

if __name__ == "__main__":
    main()
