#!/usr/bin/env python3
"""Validate the blind evaluation set: docs, mentions.jsonl, near_miss.jsonl."""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
ACTORS = os.path.join(HERE, "..", "ACTORS.tsv")
errors, warnings = [], []

actors = {}
with open(ACTORS, encoding="utf-8") as f:
    header = f.readline()
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            actors[parts[0]] = {"name": parts[1], "kind": parts[2]}

# docs + word counts
docs = {}
for fn in sorted(os.listdir(os.path.join(HERE, "docs"))):
    if fn.endswith(".txt"):
        docs[fn] = open(os.path.join(HERE, "docs", fn), encoding="utf-8").read()
        if "[[" in docs[fn] or "]]" in docs[fn]:
            errors.append(f"{fn}: leftover markup")
        n = len(docs[fn].split())
        if not 250 <= n <= 380:
            errors.append(f"{fn}: {n} words (want 250-380)")
if len(docs) != 12:
    errors.append(f"expected 12 docs, found {len(docs)}")

# mentions
mentions = []
with open(os.path.join(HERE, "mentions.jsonl"), encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            m = json.loads(line)
        except Exception as e:
            errors.append(f"mentions line {i}: bad JSON {e}"); continue
        if set(m) != {"doc", "text", "actor"}:
            errors.append(f"mentions line {i}: keys {sorted(m)}")
            continue
        if m["actor"] not in actors:
            errors.append(f"mentions line {i}: unknown actor id {m['actor']}")
        if m["doc"] not in docs:
            errors.append(f"mentions line {i}: unknown doc {m['doc']}")
        if m["text"] != m["text"].strip() or not m["text"]:
            errors.append(f"mentions line {i}: untrimmed/empty text {m['text']!r}")
        mentions.append(m)
pos = collections.defaultdict(int)
for i, m in enumerate(mentions, 1):
    t = docs.get(m["doc"], "")
    j = t.find(m["text"], pos[m["doc"]])
    if j < 0:
        errors.append(f"mention {i} {m['text']!r} not found in order in {m['doc']}")
    else:
        pos[m["doc"]] = j + len(m["text"])

# near misses
nm = []
with open(os.path.join(HERE, "near_miss.jsonl"), encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"near_miss line {i}: bad JSON {e}"); continue
        if set(r) != {"text", "name", "why"}:
            errors.append(f"near_miss line {i}: keys {sorted(r)}"); continue
        if r["name"] not in r["text"]:
            errors.append(f"near_miss line {i}: name {r['name']!r} not in text")
        if not r["why"].strip():
            errors.append(f"near_miss line {i}: empty why")
        nm.append(r)
texts = [r["text"] for r in nm]
dups = [t for t, c in collections.Counter(texts).items() if c > 1]
if dups:
    errors.append(f"duplicate near-miss texts: {dups}")
# heuristic screen: listed names (>=4 chars, or all-caps acronyms) appearing outside the `name` span
names = sorted({a["name"] for a in actors.values()}, key=len, reverse=True)
for i, r in enumerate(nm, 1):
    t = r["text"]
    k = t.find(r["name"])
    masked = t[:k] + " " * len(r["name"]) + t[k + len(r["name"]):]
    for n in names:
        if len(n) < 4 and not n.isupper():
            continue
        if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", masked):
            warnings.append(f"near_miss line {i}: other listed name {n!r} in: {t}")

kinds = collections.Counter(actors[m["actor"]]["kind"] for m in mentions if m["actor"] in actors)
per_doc = collections.Counter(m["doc"] for m in mentions)
print(f"docs: {len(docs)}")
for fn, t in docs.items():
    print(f"  {fn}: {len(t.split())} words, {per_doc[fn]} mentions")
print(f"mentions: {len(mentions)}; distinct actor ids: {len({m['actor'] for m in mentions})}")
print("by kind:", dict(kinds))
missing_kinds = {a['kind'] for a in actors.values()} - set(kinds)
if missing_kinds:
    errors.append(f"kinds not represented: {missing_kinds}")
if len(mentions) < 330:
    errors.append("fewer than 330 mentions")
if len({m['actor'] for m in mentions}) < 150:
    errors.append("fewer than 150 distinct ids")
print(f"near misses: {len(nm)}")
if len(nm) < 220:
    errors.append("fewer than 220 near misses")
for w in warnings:
    print("WARNING:", w)
for e in errors:
    print("ERROR:", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
