#!/usr/bin/env python3
"""Validator for the blind30 gold annotation (blind30.jsonl).

Run:  python3 /work/blind/blind30/check.py
Checks every line: valid JSON, fields, doc exists, anchor occurs exactly (and how often)
in that document, actor ids exist in ACTORS.tsv, relation / polarity / modality exist in
relations.yaml, argument kinds fit the relation's `args`, time format. Prints counts and OK.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
GOLD = os.path.join(HERE, "blind30.jsonl")
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
RELS = os.path.join(BLIND, "relations.yaml")
SET = "blind30"

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
OPTIONAL = ["time"]
TIME_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s)$")


def load_actors():
    kinds = {}
    with open(ACTORS, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:3] == ["id", "name", "kind"], header
        for line in f:
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds


def load_vocab():
    """Small parser for relations.yaml (no PyYAML needed)."""
    relations, polarities, modalities = {}, [], []
    section = None
    with open(RELS, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if not line.startswith(" "):
                key, _, rest = line.partition(":")
                section = key.strip()
                rest = rest.strip()
                if section == "polarities" and rest.startswith("["):
                    polarities = [x.strip() for x in rest.strip("[]").split(",")]
                continue
            m = re.match(r"^\s+([a-z_]+):\s*\{(.*)\}\s*$", line)
            if not m:
                continue
            name, body = m.group(1), m.group(2)
            if section == "relations":
                args = re.search(r"args:\s*\[([^\]]*)\]", body)
                directed = re.search(r"directed:\s*(true|false)", body)
                relations[name] = {
                    "args": [a.strip() for a in args.group(1).split(",")],
                    "directed": directed.group(1) == "true",
                }
            elif section == "modalities":
                modalities.append(name)
    return relations, polarities, modalities


def kind_ok(kind, want):
    if want == "any":
        return True
    if want == "person":
        return kind == "person"
    if want == "group":
        return kind != "person"
    return False


def main():
    kinds = load_actors()
    relations, polarities, modalities = load_vocab()
    assert relations and polarities and modalities, "could not read relations.yaml"

    errors, warnings = [], []
    per_rel = collections.Counter()
    per_pol = collections.Counter()
    per_mod = collections.Counter()
    per_doc = collections.Counter()
    rel_pol = collections.Counter()
    seen = set()
    texts = {}
    n = 0

    with open(GOLD, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not line.strip():
            warnings.append(f"{where}: empty line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: invalid JSON ({e})")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        n += 1
        if rec.get("relation", "") is None:
            # a document with no relation at all
            doc = rec.get("doc", "")
            if not os.path.exists(os.path.join(BLIND, doc)):
                errors.append(f"{where}: doc not found: {doc}")
            per_doc[doc] += 0
            continue
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            errors.append(f"{where}: missing fields {missing}")
            continue
        extra = [k for k in rec if k not in REQUIRED + OPTIONAL]
        if extra:
            errors.append(f"{where}: unknown fields {extra}")
        for k in REQUIRED:
            if not isinstance(rec[k], str) or not rec[k]:
                errors.append(f"{where}: field {k} must be a non-empty string")
        doc = rec["doc"]
        if not doc.startswith(SET + "/"):
            errors.append(f"{where}: doc must start with '{SET}/': {doc}")
        path = os.path.join(BLIND, doc)
        if doc not in texts:
            texts[doc] = open(path, encoding="utf-8").read() if os.path.isfile(path) else None
        text = texts[doc]
        if text is None:
            errors.append(f"{where}: doc not found: {doc}")
        else:
            c = text.count(rec["anchor"])
            if c == 0:
                errors.append(f"{where}: anchor not found in {doc}: {rec['anchor']!r}")
            elif c > 1:
                warnings.append(f"{where}: anchor occurs {c} times in {doc}: {rec['anchor']!r}")
            if "\n" in rec["anchor"]:
                errors.append(f"{where}: anchor spans a line break")
        s, r, o = rec["subject"], rec["relation"], rec["object"]
        for role, ident in (("subject", s), ("object", o)):
            if ident not in kinds:
                errors.append(f"{where}: {role} id not in ACTORS.tsv: {ident}")
        if s == o:
            errors.append(f"{where}: subject equals object ({s})")
        if r not in relations:
            errors.append(f"{where}: unknown relation {r}")
        elif s in kinds and o in kinds:
            want_s, want_o = relations[r]["args"]
            if not kind_ok(kinds[s], want_s):
                errors.append(f"{where}: {r} subject must be {want_s}, {s} is {kinds[s]}")
            if not kind_ok(kinds[o], want_o):
                errors.append(f"{where}: {r} object must be {want_o}, {o} is {kinds[o]}")
        if rec["polarity"] not in polarities:
            errors.append(f"{where}: unknown polarity {rec['polarity']}")
        if rec["modality"] not in modalities:
            errors.append(f"{where}: unknown modality {rec['modality']}")
        if rec["modality"] == "denied" and rec["polarity"] != "negated":
            warnings.append(f"{where}: modality denied with polarity {rec['polarity']}")
        if "time" in rec and (not isinstance(rec["time"], str) or not TIME_RE.match(rec["time"])):
            errors.append(f"{where}: bad time {rec['time']!r}")
        pair = (s, o)
        if r in relations and not relations[r]["directed"]:
            pair = tuple(sorted(pair))
        key = (doc, rec["anchor"], r, pair, rec["polarity"], rec["modality"])
        if key in seen:
            warnings.append(f"{where}: duplicate of an earlier line: {key}")
        seen.add(key)
        per_rel[r] += 1
        per_pol[rec["polarity"]] += 1
        per_mod[rec["modality"]] += 1
        per_doc[doc] += 1
        rel_pol[(r, rec["polarity"])] += 1

    # every article of the set should be annotated
    for name in sorted(os.listdir(HERE)):
        if re.match(r"^\d\d-.*\.txt$", name) and f"{SET}/{name}" not in per_doc:
            errors.append(f"article without annotation: {name}")

    print(f"{n} lines, {len(per_doc)} documents")
    print("\nper document:")
    for d in sorted(per_doc):
        print(f"  {per_doc[d]:4d}  {d}")
    print("\nper relation (affirmed / negated):")
    for r in relations:
        print(f"  {r:16s} {per_rel[r]:4d}   ({rel_pol[(r, 'affirmed')]} / {rel_pol[(r, 'negated')]})")
    print("\nper polarity:", dict(per_pol))
    print("per modality:", dict(per_mod))
    missing_rel = [r for r in relations if per_rel[r] == 0]
    if missing_rel:
        warnings.append(f"relations never used: {missing_rel}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        print(f"\nFAILED: {len(errors)} error(s), {len(warnings)} warning(s)")
        return 1
    print(f"\nOK ({len(warnings)} warning(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
