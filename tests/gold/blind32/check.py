#!/usr/bin/env python3
"""Validator for the blind32 gold annotation.

Run: python3 /work/blind/blind32/check.py

Checks every line of blind32.jsonl: valid JSON, required/allowed fields, the
document exists, the anchor occurs verbatim (case-sensitive) in that document
(and warns when it occurs more than once), subject/object ids exist in
ACTORS.tsv, relation/polarity/modality exist in relations.yaml, the argument
kinds fit the relation's `args`, and the optional time has a valid format.
Prints per-relation (and per-document) counts and OK when nothing failed.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
GOLD = os.path.join(HERE, "blind32.jsonl")
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
VOCAB = os.path.join(BLIND, "relations.yaml")

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
ALLOWED = set(REQUIRED) | {"time"}
TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")


def load_vocab(path):
    """Read relations.yaml; use PyYAML if present, else a small line parser."""
    text = open(path, encoding="utf-8").read()
    try:
        import yaml  # type: ignore
        data = yaml.safe_load(text)
        rels = {k: list(v["args"]) for k, v in data["relations"].items()}
        return rels, set(data["polarities"]), set(data["modalities"])
    except ImportError:
        pass
    rels, pols, mods, section = {}, set(), set(), None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key = line.split(":", 1)[0].strip()
            section = key
            if key == "polarities":
                pols = {x.strip() for x in line.split("[", 1)[1].split("]")[0].split(",")}
            continue
        name = line.strip().split(":", 1)[0]
        if section == "relations":
            m = re.search(r"args:\s*\[([^\]]*)\]", line)
            rels[name] = [a.strip() for a in m.group(1).split(",")]
        elif section == "modalities":
            mods.add(name)
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds


def kind_fits(arg, kind):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    if arg == "group":
        return kind != "person"
    return False


def main():
    rels, pols, mods = load_vocab(VOCAB)
    kinds = load_actors(ACTORS)
    errors, warnings = [], []
    rel_counts = collections.Counter()
    doc_counts = collections.Counter()
    pol_counts = collections.Counter()
    mod_counts = collections.Counter()
    texts = {}
    seen = collections.Counter()

    with open(GOLD, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        where = "line %d" % n
        if not line.strip():
            errors.append("%s: empty line" % where)
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append("%s: invalid JSON (%s)" % (where, e))
            continue
        if not isinstance(rec, dict):
            errors.append("%s: not a JSON object" % where)
            continue
        missing = [k for k in REQUIRED if k not in rec]
        extra = [k for k in rec if k not in ALLOWED]
        if missing:
            errors.append("%s: missing fields %s" % (where, missing))
            continue
        if extra:
            errors.append("%s: unexpected fields %s" % (where, extra))
        for k in REQUIRED:
            if not isinstance(rec[k], str) or not rec[k]:
                errors.append("%s: field %s must be a non-empty string" % (where, k))
        doc = rec["doc"]
        if not doc.startswith("blind32/"):
            errors.append("%s: doc %r does not start with blind32/" % (where, doc))
        path = os.path.join(BLIND, doc)
        if doc not in texts:
            texts[doc] = open(path, encoding="utf-8").read() if os.path.isfile(path) else None
        text = texts[doc]
        if text is None:
            errors.append("%s: document %s not found" % (where, doc))
        else:
            anchor = rec["anchor"]
            c = text.count(anchor)
            if c == 0:
                errors.append("%s: anchor not found in %s: %r" % (where, doc, anchor))
            elif c > 1:
                warnings.append("%s: anchor occurs %d times in %s: %r" % (where, c, doc, anchor))
            if "\n" in anchor:
                errors.append("%s: anchor spans a line break: %r" % (where, anchor))
        rel = rec["relation"]
        if rel not in rels:
            errors.append("%s: unknown relation %r" % (where, rel))
        for role, idx in (("subject", 0), ("object", 1)):
            aid = rec[role]
            if aid not in kinds:
                errors.append("%s: %s id %r not in ACTORS.tsv" % (where, role, aid))
            elif rel in rels and not kind_fits(rels[rel][idx], kinds[aid]):
                errors.append("%s: %s %r (kind %s) does not fit %s args %s"
                              % (where, role, aid, kinds[aid], rel, rels[rel]))
        if rec["subject"] == rec["object"]:
            errors.append("%s: subject and object are the same" % where)
        if rec["polarity"] not in pols:
            errors.append("%s: unknown polarity %r" % (where, rec["polarity"]))
        if rec["modality"] not in mods:
            errors.append("%s: unknown modality %r" % (where, rec["modality"]))
        if rec["modality"] == "denied" and rec["polarity"] != "negated":
            warnings.append("%s: modality denied with polarity %s" % (where, rec["polarity"]))
        if "time" in rec and not (isinstance(rec["time"], str) and TIME_RE.match(rec["time"])):
            errors.append("%s: bad time %r" % (where, rec.get("time")))
        key = (doc, rec["anchor"], rec["subject"], rel, rec["object"], rec["polarity"], rec["modality"])
        seen[key] += 1
        if seen[key] == 2:
            warnings.append("%s: duplicate annotation %s" % (where, key))
        rel_counts[rel] += 1
        doc_counts[doc] += 1
        pol_counts[rec["polarity"]] += 1
        mod_counts[rec["modality"]] += 1

    # every article in the folder should be annotated
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt") and "blind32/" + name not in doc_counts:
            errors.append("document blind32/%s has no annotation" % name)

    print("Relation lines: %d in %d documents" % (sum(rel_counts.values()), len(doc_counts)))
    print("\nPer relation:")
    for r in rels:
        print("  %-16s %4d" % (r, rel_counts.get(r, 0)))
    print("\nPer polarity: " + ", ".join("%s %d" % kv for kv in sorted(pol_counts.items())))
    print("Per modality: " + ", ".join("%s %d" % kv for kv in sorted(mod_counts.items())))
    print("\nPer document:")
    for d in sorted(doc_counts):
        print("  %-48s %4d" % (d, doc_counts[d]))
    for w in warnings:
        print("WARNING: " + w)
    for e in errors:
        print("ERROR: " + e)
    if errors:
        print("\nFAILED: %d error(s), %d warning(s)" % (len(errors), len(warnings)))
        return 1
    print("\nOK (%d warning(s))" % len(warnings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
