#!/usr/bin/env python3
"""Validator for blind set blind16.

Checks that every line of blind16.jsonl parses, that its document exists, that the
anchor is an exact substring occurring exactly once in the document and does not
cross a sentence boundary, that subject/object ids occur in ../ACTORS.tsv, that
relation, polarity and modality are in ../relations.yaml, that argument kinds fit
the relation, and that the optional time has an allowed form. Prints OK if clean.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SET = os.path.basename(HERE)

def load_actors():
    kinds = {}
    with open(os.path.join(ROOT, "ACTORS.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols and cols[0]:
                kinds[cols[0]] = cols[2] if len(cols) > 2 else ""
    return kinds

def load_vocab():
    text = open(os.path.join(ROOT, "relations.yaml"), encoding="utf-8").read()
    try:
        import yaml
        y = yaml.safe_load(text)
        rels = {k: v["args"] for k, v in y["relations"].items()}
        return rels, set(y["polarities"]), set(y["modalities"])
    except ImportError:
        rels, mods, section = {}, set(), None
        pols = set()
        for line in text.splitlines():
            if line.startswith("relations:"): section = "r"; continue
            if line.startswith("modalities:"): section = "m"; continue
            if line.startswith("polarities:"):
                pols = set(x.strip() for x in line.split("[", 1)[1].rstrip("]").split(","))
                section = None; continue
            if line and not line.startswith(" "): section = None
            m = re.match(r"\s+(\w+):", line)
            if m and section == "r":
                a = re.search(r"args:\s*\[(\w+),\s*(\w+)\]", line)
                rels[m.group(1)] = [a.group(1), a.group(2)]
            elif m and section == "m":
                mods.add(m.group(1))
        return rels, pols, mods

def kind_ok(want, kind):
    if want == "any": return True
    if want == "person": return kind == "person"
    return kind != "person"

TIME = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")

def main():
    actors = load_actors()
    rels, pols, mods = load_vocab()
    errors, n = [], 0
    docs = {}
    path = os.path.join(HERE, SET + ".jsonl")
    seen = set()
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            errors.append(f"line {i}: empty line"); continue
        try:
            d = json.loads(line)
        except Exception as e:
            errors.append(f"line {i}: does not parse: {e}"); continue
        n += 1
        doc = d.get("doc", "")
        if not doc.startswith(SET + "/"):
            errors.append(f"line {i}: doc {doc!r} not in {SET}/"); continue
        fp = os.path.join(ROOT, doc)
        if not os.path.isfile(fp):
            errors.append(f"line {i}: missing document {doc}"); continue
        text = docs.setdefault(doc, open(fp, encoding="utf-8").read())
        if d.get("relation") is None:
            continue
        extra = set(d) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra: errors.append(f"line {i}: unknown keys {sorted(extra)}")
        a = d.get("anchor", "")
        c = text.count(a) if a else 0
        if c == 0: errors.append(f"line {i}: anchor not in {doc}: {a!r}")
        elif c > 1: errors.append(f"line {i}: anchor occurs {c} times in {doc}: {a!r}")
        if "\n" in a or re.search(r"[.!?][\"']?\s+[A-Z]", a):
            errors.append(f"line {i}: anchor seems to cross a sentence boundary: {a!r}")
        r = d.get("relation")
        if r not in rels:
            errors.append(f"line {i}: unknown relation {r!r}"); continue
        for role, want in zip(("subject", "object"), rels[r]):
            x = d.get(role)
            if x not in actors: errors.append(f"line {i}: {role} id not in ACTORS.tsv: {x!r}")
            elif not kind_ok(want, actors[x]):
                errors.append(f"line {i}: {role} {x} is {actors[x]}, relation {r} wants {want}")
        if d.get("subject") == d.get("object"):
            errors.append(f"line {i}: subject equals object")
        if d.get("polarity") not in pols: errors.append(f"line {i}: bad polarity {d.get('polarity')!r}")
        if d.get("modality") not in mods: errors.append(f"line {i}: bad modality {d.get('modality')!r}")
        if "time" in d and not TIME.match(str(d["time"])):
            errors.append(f"line {i}: bad time {d['time']!r}")
        key = (doc, a, d.get("subject"), r, d.get("object"), d.get("polarity"), d.get("modality"))
        if key in seen: errors.append(f"line {i}: duplicate line")
        seen.add(key)
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".txt"))
    for f in files:
        if f"{SET}/{f}" not in docs:
            errors.append(f"document {f} has no annotation line")
    for e in errors: print(e)
    if errors:
        print(f"FAILED: {len(errors)} problem(s) in {n} lines"); sys.exit(1)
    print(f"OK: {n} lines, {len(docs)} documents, all anchors, ids and vocabulary valid")

if __name__ == "__main__":
    main()
