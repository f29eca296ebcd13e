#!/usr/bin/env python3
"""Validate blind9.jsonl against the three inputs (GUIDELINES.md format, relations.yaml, ACTORS.tsv)."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
errors = []
def err(msg): errors.append(msg)

ids = {}
with open(os.path.join(BLIND, "ACTORS.tsv")) as f:
    next(f)
    for line in f:
        p = line.rstrip("\n").split("\t")
        if p and p[0]:
            ids[p[0]] = p[2] if len(p) > 2 else ""
rels, sym = set(), set()
pols, mods = set(), set()
for line in open(os.path.join(BLIND, "relations.yaml")):
    m = re.match(r"\s+([a-z_]+): \{directed: (true|false)", line)
    if m:
        rels.add(m.group(1))
        if m.group(2) == "false": sym.add(m.group(1))
    m = re.match(r"polarities: \[(.*)\]", line)
    if m: pols = {x.strip() for x in m.group(1).split(",")}
    m = re.match(r"modalities: \[(.*)\]", line)
    if m: mods = {x.strip() for x in m.group(1).split(",")}
assert len(rels) == 12 and pols and mods, (rels, pols, mods)

texts = {}
for fn in sorted(os.listdir(HERE)):
    if fn.endswith(".txt"):
        t = open(os.path.join(HERE, fn), encoding="utf-8").read()
        texts["blind9/" + fn] = t
        lines = t.split("\n")
        if len(lines) < 4 or not lines[0].strip() or lines[1].strip() != "" or not lines[2].strip():
            err(f"{fn}: layout must be headline, blank line, dateline paragraph")
        if not re.match(r"^[A-Z][A-Z ,./]+", lines[2]):
            err(f"{fn}: dateline should open with a place in capitals")
        n = len(t.split())
        if not 330 <= n <= 420:
            err(f"{fn}: {n} words (need 330-420)")
if len(texts) != 8:
    err(f"expected 8 articles, found {len(texts)}")

KEYS = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality"}
seen = collections.Counter()
per_doc = collections.Counter(); per_rel = collections.Counter()
per_pol = collections.Counter(); per_mod = collections.Counter()
path = os.path.join(BLIND, "blind9.jsonl")
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        err(f"line {i}: bad JSON {e}"); continue
    keys = set(d)
    if not KEYS <= keys or keys - KEYS - {"time"}:
        err(f"line {i}: keys {sorted(keys)}"); continue
    doc = d["doc"]
    if doc not in texts:
        err(f"line {i}: unknown doc {doc}"); continue
    for k in ("subject", "object"):
        if d[k] not in ids: err(f"line {i}: unknown id {d[k]}")
    if d["subject"] == d["object"]: err(f"line {i}: subject == object")
    if d["relation"] not in rels: err(f"line {i}: unknown relation {d['relation']}")
    if d["relation"] in ("leads", "member_of") and ids.get(d["subject"]) != "person":
        err(f"line {i}: {d['relation']} subject {d['subject']} is not a person")
    if d["polarity"] not in pols: err(f"line {i}: polarity {d['polarity']}")
    if d["modality"] not in mods: err(f"line {i}: modality {d['modality']}")
    if d["modality"] == "denied" and d["polarity"] != "negated":
        err(f"line {i}: denied must be negated")
    if "time" in d and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s", d["time"]):
        err(f"line {i}: bad time {d['time']}")
    c = texts[doc].count(d["anchor"])
    if c != 1: err(f"line {i}: anchor occurs {c} times in {doc}: {d['anchor']!r}")
    if "\n" in d["anchor"]: err(f"line {i}: anchor spans lines")
    s, o = d["subject"], d["object"]
    if d["relation"] in sym: s, o = sorted((s, o))
    key = (doc, d["anchor"], s, d["relation"], o, d["polarity"])
    seen[key] += 1
    if seen[key] > 1: err(f"line {i}: duplicate line {key}")
    per_doc[doc] += 1; per_rel[d["relation"]] += 1
    per_pol[d["polarity"]] += 1; per_mod[d["modality"]] += 1

for doc in texts:
    if per_doc[doc] == 0: err(f"{doc}: no relations")
missing = rels - set(per_rel)
if missing: err(f"relations not covered: {sorted(missing)}")
total = sum(per_doc.values())
if total < 150: err(f"only {total} relations")
if len(per_pol) < 2: err("need both polarities")

for doc in sorted(texts):
    print(f"{doc}\t{len(texts[doc].split())} words\t{per_doc[doc]} relations")
print("relations:", dict(sorted(per_rel.items())))
print("polarity:", dict(per_pol), "modality:", dict(sorted(per_mod.items())))
print("total:", total)
if errors:
    print("\n".join(errors)); print(f"{len(errors)} ERRORS"); sys.exit(1)
print("OK")
