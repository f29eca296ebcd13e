#!/usr/bin/env python3
"""Validate blind34.jsonl against the Syndicate gold format.

Checks, for every line: valid JSON; required and allowed fields; the doc exists;
the anchor occurs exactly (case-sensitive) in the document text (warns if it occurs
more than once); subject/object ids are in ACTORS.tsv; relation, polarity and
modality are in relations.yaml; argument kinds fit the relation's `args`
(person vs group vs any); the optional time has an accepted shape.
Prints per-relation counts and OK when nothing is wrong.

Run: python3 /work/blind/blind34/check.py
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
SET = os.path.basename(HERE)
GOLD = os.path.join(HERE, SET + ".jsonl")
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
RELATIONS = os.path.join(BLIND, "relations.yaml")

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
ALLOWED = set(REQUIRED) | {"time"}
TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as fh:
        header = fh.readline()
        assert header.startswith("id\t"), "unexpected ACTORS.tsv header"
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds


def load_vocab(path):
    """Small parser for the flat relations.yaml (avoids a PyYAML dependency)."""
    relations, polarities, modalities = {}, [], []
    section = None
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if not line.startswith(" "):
                key, _, rest = line.partition(":")
                section = key.strip()
                rest = rest.strip()
                if section == "polarities":
                    polarities = [x.strip() for x in rest.strip("[]").split(",") if x.strip()]
                continue
            m = re.match(r"\s+([A-Za-z_]+):\s*\{(.*)\}\s*$", line)
            if not m:
                continue
            name, body = m.group(1), m.group(2)
            if section == "relations":
                args = re.search(r"args:\s*\[([^\]]*)\]", body)
                directed = re.search(r"directed:\s*(true|false)", body)
                relations[name] = {
                    "args": [a.strip() for a in args.group(1).split(",")] if args else ["any", "any"],
                    "directed": directed.group(1) == "true" if directed else True,
                }
            elif section == "modalities":
                modalities.append(name)
    return relations, polarities, modalities


def kind_ok(want, actor_kind):
    if want == "any":
        return True
    if want == "person":
        return actor_kind == "person"
    if want == "group":
        return actor_kind != "person"
    return False


def main():
    kinds = load_actors(ACTORS)
    relations, polarities, modalities = load_vocab(RELATIONS)
    errors, warnings = [], []
    counts = collections.Counter()
    pol_counts = collections.Counter()
    mod_counts = collections.Counter()
    per_doc = collections.Counter()
    texts = {}
    seen = set()
    n = 0
    with open(GOLD, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            n += 1
            where = "line %d" % lineno
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError as exc:
                errors.append("%s: invalid JSON (%s)" % (where, exc))
                continue
            if not isinstance(rec, dict):
                errors.append("%s: not a JSON object" % where)
                continue
            if rec.get("relation", "x") is None:
                # a document annotated as having no relation
                doc = rec.get("doc", "")
                if not os.path.isfile(os.path.join(BLIND, doc)):
                    errors.append("%s: doc not found: %s" % (where, doc))
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
            if not doc.startswith(SET + "/"):
                errors.append("%s: doc should start with %s/: %s" % (where, SET, doc))
            path = os.path.join(BLIND, doc)
            if doc not in texts:
                if os.path.isfile(path):
                    with open(path, encoding="utf-8") as dfh:
                        texts[doc] = dfh.read()
                else:
                    texts[doc] = None
            text = texts[doc]
            if text is None:
                errors.append("%s: doc not found: %s" % (where, doc))
            else:
                occ = text.count(rec["anchor"])
                if occ == 0:
                    errors.append("%s: anchor not in %s: %r" % (where, doc, rec["anchor"]))
                elif occ > 1:
                    warnings.append("%s: anchor occurs %d times in %s: %r" % (where, occ, doc, rec["anchor"]))
                if "\n" in rec["anchor"]:
                    errors.append("%s: anchor spans a line break: %r" % (where, rec["anchor"]))
            rel = rec["relation"]
            if rel not in relations:
                errors.append("%s: unknown relation %r" % (where, rel))
            if rec["polarity"] not in polarities:
                errors.append("%s: unknown polarity %r" % (where, rec["polarity"]))
            if rec["modality"] not in modalities:
                errors.append("%s: unknown modality %r" % (where, rec["modality"]))
            if rec["polarity"] == "negated" and rec["modality"] == "denied":
                pass
            elif rec["modality"] == "denied":
                errors.append("%s: modality denied requires polarity negated" % where)
            for role in ("subject", "object"):
                if rec[role] not in kinds:
                    errors.append("%s: %s id not in ACTORS.tsv: %r" % (where, role, rec[role]))
            if rec["subject"] == rec["object"]:
                errors.append("%s: subject and object are the same: %r" % (where, rec["subject"]))
            if rel in relations and rec["subject"] in kinds and rec["object"] in kinds:
                want_s, want_o = relations[rel]["args"]
                if not kind_ok(want_s, kinds[rec["subject"]]):
                    errors.append("%s: %s subject must be %s, %s is %s" % (
                        where, rel, want_s, rec["subject"], kinds[rec["subject"]]))
                if not kind_ok(want_o, kinds[rec["object"]]):
                    errors.append("%s: %s object must be %s, %s is %s" % (
                        where, rel, want_o, rec["object"], kinds[rec["object"]]))
            if "time" in rec and not (isinstance(rec["time"], str) and TIME_RE.match(rec["time"])):
                errors.append("%s: bad time %r" % (where, rec.get("time")))
            key = (doc, rec["anchor"], rec["subject"], rel, rec["object"], rec["polarity"], rec["modality"])
            if rel in relations and not relations[rel]["directed"]:
                a, b = sorted([rec["subject"], rec["object"]])
                key = (doc, rec["anchor"], a, rel, b, rec["polarity"], rec["modality"])
            if key in seen:
                warnings.append("%s: duplicate claim %s" % (where, key))
            seen.add(key)
            counts[rel] += 1
            pol_counts[rec["polarity"]] += 1
            mod_counts[rec["modality"]] += 1
            per_doc[doc] += 1

    # every article in the folder should be annotated
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt") and (SET + "/" + name) not in per_doc:
            errors.append("document without annotation: %s" % name)

    print("%s: %d lines, %d documents" % (os.path.basename(GOLD), n, len(per_doc)))
    for doc in sorted(per_doc):
        print("  %-60s %4d" % (doc, per_doc[doc]))
    print("per relation:")
    for rel in sorted(relations):
        print("  %-16s %4d" % (rel, counts[rel]))
    print("polarity: " + ", ".join("%s=%d" % kv for kv in sorted(pol_counts.items())))
    print("modality: " + ", ".join("%s=%d" % kv for kv in sorted(mod_counts.items())))
    missing_rel = [r for r in relations if counts[r] == 0]
    if missing_rel:
        warnings.append("relations never used: %s" % missing_rel)
    for w in warnings:
        print("WARNING " + w)
    for e in errors:
        print("ERROR " + e)
    if errors:
        print("FAILED: %d error(s)" % len(errors))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
