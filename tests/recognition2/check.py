#!/usr/bin/env python3
"""Validate the blind evaluation set. Exit code 1 on errors; warnings (lint) do not fail."""
import json, re, sys, csv, pathlib, collections
OUT = pathlib.Path(__file__).resolve().parent
ACT = OUT.parent/"ACTORS.tsv"
errors, warns = [], []
actors = {}
with open(ACT, encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        actors[r["id"]] = r
def load(name, keys):
    rows = []
    for i, line in enumerate((OUT/name).read_text(encoding="utf-8").splitlines(), 1):
        try: o = json.loads(line)
        except Exception as e: errors.append(f"{name}:{i} bad json {e}"); continue
        if set(o) != set(keys): errors.append(f"{name}:{i} keys {sorted(o)} != {sorted(keys)}")
        for k in keys:
            if not isinstance(o.get(k), str) or not o.get(k).strip(): errors.append(f"{name}:{i} empty/non-string {k}")
        rows.append(o)
    return rows
mentions = load("mentions.jsonl", ["doc", "text", "actor"])
cands = load("candidates.jsonl", ["doc", "name", "group", "role"])
nms = load("near_miss.jsonl", ["text", "name", "why"])
docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((OUT/"docs").glob("*.txt"))}
# mentions: ids exist, found in order
spans = collections.defaultdict(list); cursor = collections.Counter()
for i, m in enumerate(mentions, 1):
    if m["actor"] not in actors: errors.append(f"mention {i}: unknown actor id {m['actor']}")
    if m["doc"] not in docs: errors.append(f"mention {i}: unknown doc {m['doc']}"); continue
    j = docs[m["doc"]].find(m["text"], cursor[m["doc"]])
    if j < 0: errors.append(f"mention {i}: '{m['text']}' not found in order in {m['doc']}"); continue
    spans[m["doc"]].append((j, j+len(m["text"]))); cursor[m["doc"]] = j+len(m["text"])
# word counts
for d, t in docs.items():
    n = len(t.split())
    if not 250 <= n <= 380: errors.append(f"{d}: {n} words (want 250-380)")
# candidates
for i, c in enumerate(cands, 1):
    if c["doc"] not in docs: errors.append(f"candidate {i}: unknown doc")
    elif c["name"] not in docs[c["doc"]]: errors.append(f"candidate {i}: name not in doc")
    if c["name"] in {a["name"] for a in actors.values()}: errors.append(f"candidate {i}: {c['name']} is a listed actor")
# near-miss
seen = set()
for i, n in enumerate(nms, 1):
    if n["name"] not in n["text"]: errors.append(f"near_miss {i}: name '{n['name']}' not in text")
    if n["text"] in seen: errors.append(f"near_miss {i}: duplicate text")
    seen.add(n["text"])
# lint: listed names (and a few common short aliases) appearing outside annotated spans / in near-miss text
lint_names = {a["name"] for a in actors.values() if len(a["name"]) > 2}
lint_names |= {"UN", "US", "UK", "EU", "AU", "ISIS", "Daesh", "Taliban", "Hezbollah", "al-Qaeda", "Islamic State", "Congo", "DRC", "UAE"}
pat = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, lint_names), key=len, reverse=True)) + r")(?![\w-])")
for d, t in docs.items():
    for m in pat.finditer(t):
        if not any(a <= m.start() and m.end() <= b for a, b in spans[d]):
            warns.append(f"LINT {d}: unannotated '{m.group(1)}' at {m.start()}: ...{t[max(0,m.start()-30):m.end()+30]!r}")
for i, n in enumerate(nms, 1):
    for m in pat.finditer(n["text"]):
        if m.group(1) not in n["name"] and n["name"] not in m.group(1):
            warns.append(f"LINT near_miss {i}: contains listed name '{m.group(1)}': {n['text']}")
ids = {m["actor"] for m in mentions}
kinds = collections.Counter(actors[i]["kind"] for i in ids if i in actors)
print("documents:", len(docs))
for d, t in docs.items(): print(f"  {d}: {len(t.split())} words, {len(spans[d])} mentions")
print("mentions:", len(mentions), "| distinct ids:", len(ids), "| kinds:", dict(kinds))
print("candidates:", len(cands), "| near-miss lines:", len(nms))
missing = set(a["kind"] for a in actors.values()) - set(kinds)
if missing: errors.append(f"kinds not represented: {missing}")
if len(mentions) < 330: errors.append("fewer than 330 mentions")
if len(ids) < 150: errors.append("fewer than 150 distinct ids")
if len(cands) < 15: errors.append("fewer than 15 candidates")
if len(nms) < 220: errors.append("fewer than 220 near-miss lines")
for w in warns: print("WARN", w)
for e in errors: print("ERROR", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
