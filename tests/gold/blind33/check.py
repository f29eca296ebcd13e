#!/usr/bin/env python3
"""Validator for the blind33 gold annotation.

Run: python3 /work/blind/blind33/check.py
Checks every line of blind33.jsonl against GUIDELINES.md, relations.yaml and ACTORS.tsv.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
GOLD = os.path.join(HERE, "blind33.jsonl")
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
RELATIONS = os.path.join(BLIND, "relations.yaml")

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
OPTIONAL = ["time"]
TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")


def load_vocab(path):
    text = open(path, encoding="utf-8").read()
    try:
        import yaml
        data = yaml.safe_load(text)
        rels = {k: v for k, v in data["relations"].items()}
        return rels, list(data["polarities"]), list(data["modalities"].keys())
    except ImportError:
        rels = {}
        for m in re.finditer(r"^\s{2}(\w+): \{directed: (true|false), args: \[(\w+), (\w+)\]", text, re.M):
            rels[m.group(1)] = {"directed": m.group(2) == "true", "args": [m.group(3), m.group(4)]}
        pol = re.search(r"^polarities: \[(.*)\]", text, re.M).group(1)
        pols = [p.strip() for p in pol.split(",")]
        mod_block = text.split("modalities:")[1].split("actor_kinds:")[0]
        mods = re.findall(r"^\s{2}(\w+):", mod_block, re.M)
        return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        i_id, i_kind = header.index("id"), header.index("kind")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > max(i_id, i_kind) and cols[i_id]:
                kinds[cols[i_id]] = cols[i_kind]
    return kinds


def fits(kind, want):
    if want == "any":
        return True
    if want == "person":
        return kind == "person"
    if want == "group":
        return kind != "person"
    return False


def main():
    rels, pols, mods = load_vocab(RELATIONS)
    kinds = load_actors(ACTORS)
    errors, warnings = [], []
    texts = {}
    per_rel, per_doc = Counter(), Counter()
    per_pol, per_mod = Counter(), Counter()
    rel_pol = defaultdict(Counter)
    seen = set()
    n = 0
    with open(GOLD, encoding="utf-8") as f:
        lines = f.readlines()
    for ln, raw in enumerate(lines, 1):
        if not raw.strip():
            warnings.append(f"line {ln}: empty line")
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: invalid JSON ({e})")
            continue
        if not isinstance(rec, dict):
            errors.append(f"line {ln}: not a JSON object")
            continue
        n += 1
        missing = [k for k in REQUIRED if k not in rec]
        extra = [k for k in rec if k not in REQUIRED + OPTIONAL]
        if missing:
            errors.append(f"line {ln}: missing fields {missing}")
            continue
        if extra:
            errors.append(f"line {ln}: unknown fields {extra}")
        for k in REQUIRED:
            if not isinstance(rec[k], str) or not rec[k]:
                errors.append(f"line {ln}: field {k} must be a non-empty string")
        doc = rec["doc"]
        if not doc.startswith("blind33/"):
            errors.append(f"line {ln}: doc {doc!r} must start with 'blind33/'")
        path = os.path.join(BLIND, doc)
        if doc not in texts:
            texts[doc] = open(path, encoding="utf-8").read() if os.path.isfile(path) else None
        text = texts[doc]
        if text is None:
            errors.append(f"line {ln}: doc {doc} does not exist")
        else:
            anchor = rec["anchor"]
            c = text.count(anchor)
            if c == 0:
                errors.append(f"line {ln}: anchor not found in {doc}: {anchor!r}")
            elif c > 1:
                errors.append(f"line {ln}: anchor occurs {c} times in {doc}: {anchor!r}")
            if "\n" in anchor:
                errors.append(f"line {ln}: anchor spans a line break: {anchor!r}")
        s, r, o = rec["subject"], rec["relation"], rec["object"]
        for role, a in (("subject", s), ("object", o)):
            if a not in kinds:
                errors.append(f"line {ln}: {role} id {a!r} not in ACTORS.tsv")
        if s == o:
            errors.append(f"line {ln}: subject and object are the same ({s})")
        if r not in rels:
            errors.append(f"line {ln}: relation {r!r} not in relations.yaml")
        else:
            want_s, want_o = rels[r]["args"]
            if s in kinds and not fits(kinds[s], want_s):
                errors.append(f"line {ln}: {r} needs a {want_s} subject, {s} is {kinds[s]}")
            if o in kinds and not fits(kinds[o], want_o):
                errors.append(f"line {ln}: {r} needs a {want_o} object, {o} is {kinds[o]}")
        if rec["polarity"] not in pols:
            errors.append(f"line {ln}: polarity {rec['polarity']!r} not in {pols}")
        if rec["modality"] not in mods:
            errors.append(f"line {ln}: modality {rec['modality']!r} not in {mods}")
        if rec["modality"] == "denied" and rec["polarity"] != "negated":
            errors.append(f"line {ln}: modality denied requires polarity negated")
        if "time" in rec and not (isinstance(rec["time"], str) and TIME_RE.match(rec["time"])):
            errors.append(f"line {ln}: bad time {rec.get('time')!r}")
        # duplicates: same claim anchored in the same sentence
        pair = (s, o) if (r in rels and rels[r]["directed"]) else tuple(sorted((s, o)))
        key = (doc, rec["anchor"], r, pair, rec["polarity"], rec["modality"])
        if key in seen:
            warnings.append(f"line {ln}: duplicate claim {key}")
        seen.add(key)
        per_rel[r] += 1
        per_doc[doc] += 1
        per_pol[rec["polarity"]] += 1
        per_mod[rec["modality"]] += 1
        rel_pol[r][rec["polarity"]] += 1

    # every article in the folder should be annotated
    for fn in sorted(os.listdir(HERE)):
        if fn.endswith(".txt"):
            d = "blind33/" + fn
            if d not in per_doc:
                errors.append(f"{d}: no annotation lines")

    print(f"lines: {n}   documents: {len(per_doc)}")
    print("\nper document (relations, words):")
    for d in sorted(per_doc):
        words = len(texts[d].split()) if texts.get(d) else 0
        print(f"  {d:55s} {per_doc[d]:4d} {words:5d}")
    print("\nper relation (total / affirmed / negated):")
    for r in rels:
        print(f"  {r:16s} {per_rel[r]:4d} {rel_pol[r]['affirmed']:4d} {rel_pol[r]['negated']:4d}")
    print("\npolarity:", dict(per_pol))
    print("modality:", dict(per_mod))
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        print(f"\nFAILED: {len(errors)} error(s)")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
