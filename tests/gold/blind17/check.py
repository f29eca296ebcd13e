#!/usr/bin/env python3
"""Validator for blind set blind17.

Checks that every line of blind17.jsonl parses; that its doc exists; that its
anchor is an exact, case-sensitive substring of the document and occurs there
exactly once, inside a single line of text; that subject and object are ids in
ACTORS.tsv and fit the argument kinds the relation declares; that relation,
polarity and modality are in relations.yaml; that time, when present, is
well formed; that no line is duplicated; and that each article is 350-650
words with at least one relation. Prints OK or the list of problems.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
SET = os.path.basename(HERE)

def load_actors():
    kinds = {}
    with open(os.path.join(BLIND, "ACTORS.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds

def load_vocab():
    text = open(os.path.join(BLIND, "relations.yaml"), encoding="utf-8").read()
    rels, section = {}, None
    mods, pols = set(), set()
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            section = line.split(":")[0].strip()
            m = re.match(r"polarities:\s*\[(.*)\]", line)
            if m:
                pols = {x.strip() for x in m.group(1).split(",")}
            continue
        m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
        if not m:
            continue
        name, body = m.groups()
        if section == "relations":
            a = re.search(r"args:\s*\[(\w+),\s*(\w+)\]", body)
            rels[name] = (a.group(1), a.group(2))
        elif section == "modalities":
            mods.add(name)
    return rels, pols, mods

def fits(kind, want):
    if want == "any":
        return True
    if want == "person":
        return kind == "person"
    return kind != "person"  # group: every kind but person

def main():
    actors = load_actors()
    rels, pols, mods = load_vocab()
    errors, docs, per_doc = [], {}, Counter()
    files = sorted(f for f in os.listdir(HERE) if re.match(r"\d\d-.+\.txt$", f))
    for f in files:
        docs[f] = open(os.path.join(HERE, f), encoding="utf-8").read()
    seen = set()
    path = os.path.join(HERE, SET + ".jsonl")
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            errors.append(f"line {n}: empty line"); continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}"); continue
        need = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality"}
        extra = set(d) - need - {"time"}
        if need - set(d):
            errors.append(f"line {n}: missing {sorted(need - set(d))}"); continue
        if extra:
            errors.append(f"line {n}: unexpected keys {sorted(extra)}")
        doc = d["doc"]
        if not doc.startswith(SET + "/") or doc.split("/", 1)[1] not in docs:
            errors.append(f"line {n}: unknown doc {doc}"); continue
        text = docs[doc.split("/", 1)[1]]
        per_doc[doc] += 1
        a = d["anchor"]
        c = text.count(a)
        if c == 0:
            errors.append(f"line {n}: anchor not in {doc}: {a!r}")
        elif c > 1:
            errors.append(f"line {n}: anchor occurs {c} times in {doc}: {a!r}")
        if "\n" in a:
            errors.append(f"line {n}: anchor spans lines")
        for role in ("subject", "object"):
            if d[role] not in actors:
                errors.append(f"line {n}: {role} {d[role]!r} not in ACTORS.tsv")
        r = d["relation"]
        if r not in rels:
            errors.append(f"line {n}: relation {r!r} not in vocabulary")
        elif d["subject"] in actors and d["object"] in actors:
            ks, ko = rels[r]
            if not fits(actors[d["subject"]], ks) or not fits(actors[d["object"]], ko):
                errors.append(f"line {n}: {r} does not accept {d['subject']} -> {d['object']}")
        if d["subject"] == d["object"]:
            errors.append(f"line {n}: subject equals object")
        if d["polarity"] not in pols:
            errors.append(f"line {n}: polarity {d['polarity']!r} not in vocabulary")
        if d["modality"] not in mods:
            errors.append(f"line {n}: modality {d['modality']!r} not in vocabulary")
        if d["modality"] == "denied" and d["polarity"] != "negated":
            errors.append(f"line {n}: modality denied needs polarity negated")
        if "time" in d and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?|\d{3}0s", str(d["time"])):
            errors.append(f"line {n}: bad time {d['time']!r}")
        key = (doc, a, d["subject"], r, d["object"], d["polarity"], d["modality"])
        if key in seen:
            errors.append(f"line {n}: duplicate line")
        seen.add(key)
    for f, text in docs.items():
        body = text.split("\n", 1)
        words = len(text.split())
        if not 350 <= words <= 650:
            errors.append(f"{f}: {words} words, outside 350-650")
        if per_doc[SET + "/" + f] == 0:
            errors.append(f"{f}: no relation lines")
    if len(docs) != 8:
        errors.append(f"expected 8 articles, found {len(docs)}")
    total = sum(per_doc.values())
    if total < 120:
        errors.append(f"only {total} relation lines (120 required)")
    if errors:
        print("\n".join(errors)); print(f"{len(errors)} problem(s)"); sys.exit(1)
    print(f"OK: {total} relation lines in {len(docs)} documents, all anchors, ids and vocabulary valid")

if __name__ == "__main__":
    main()
