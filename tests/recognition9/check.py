#!/usr/bin/env python3
"""Validate the recog9 blind evaluation set: docs/, mentions.jsonl, near_miss.jsonl."""
import csv, json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []
def err(msg): errors.append(msg)

# actor ids
with open(os.path.join(HERE, "ACTORS.tsv"), encoding="utf-8") as f:
    actors = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}

# documents
ddir = os.path.join(HERE, "docs")
docs = {}
for fn in sorted(os.listdir(ddir)):
    if not re.fullmatch(r"\d\d-[a-z0-9-]+\.txt", fn):
        err(f"bad document file name: {fn}"); continue
    docs[fn] = open(os.path.join(ddir, fn), encoding="utf-8").read()
nums = sorted(int(fn[:2]) for fn in docs)
if nums != list(range(1, 13)):
    err(f"expected documents 01..12, found {nums}")
for fn, text in docs.items():
    lines = text.split("\n")
    if not lines[0].strip():
        err(f"{fn}: first line (headline) is empty")
    if len(lines) < 3:
        err(f"{fn}: no body after the headline")
    w = len(text.split())
    if not 330 <= w <= 450:
        err(f"{fn}: {w} words, outside 330-450")
    if "[[" in text or "]]" in text:
        err(f"{fn}: leftover annotation markup")

# mentions
mentions = []
with open(os.path.join(HERE, "mentions.jsonl"), encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            m = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"mentions.jsonl line {i}: bad JSON ({e})"); continue
        if set(m) != {"doc", "text", "actor"}:
            err(f"mentions.jsonl line {i}: keys {sorted(m)}")
            continue
        mentions.append((i, m))
cursor = {}
last_doc_index = -1
order = sorted(docs)
per_doc = Counter()
for i, m in mentions:
    d, t, a = m["doc"], m["text"], m["actor"]
    if d not in docs:
        err(f"mentions line {i}: unknown doc {d}"); continue
    if a not in actors:
        err(f"mentions line {i}: unknown actor id {a}")
    if not t or t != t.strip():
        err(f"mentions line {i}: empty or padded text {t!r}")
    di = order.index(d)
    if di < last_doc_index:
        err(f"mentions line {i}: documents out of order ({d})")
    last_doc_index = max(last_doc_index, di)
    pos = docs[d].find(t, cursor.get(d, 0))
    if pos < 0:
        err(f"mentions line {i}: {t!r} not found in {d} after offset {cursor.get(d, 0)}")
        continue
    cursor[d] = pos + len(t)
    per_doc[d] += 1
for d in docs:
    if per_doc[d] == 0:
        err(f"{d}: no mentions")
if len(mentions) < 330:
    err(f"only {len(mentions)} mentions (need >= 330)")

# near misses
near = []
with open(os.path.join(HERE, "near_miss.jsonl"), encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"near_miss.jsonl line {i}: bad JSON ({e})"); continue
        if set(r) != {"text", "name", "why"}:
            err(f"near_miss line {i}: keys {sorted(r)}"); continue
        if not all(isinstance(r[k], str) and r[k].strip() for k in r):
            err(f"near_miss line {i}: empty field")
        if r["name"] not in r["text"]:
            err(f"near_miss line {i}: name {r['name']!r} not in text")
        near.append(r)
dups = [t for t, c in Counter(r["text"] for r in near).items() if c > 1]
if dups:
    err(f"duplicate near-miss sentences: {dups[:3]}")
if len(near) < 220:
    err(f"only {len(near)} near-miss lines (need >= 220)")
first_words = Counter(r["text"].split()[0] for r in near)
top, topn = first_words.most_common(1)[0] if near else ("", 0)
if near and topn > len(near) * 0.3:
    err(f"near-miss sentences too uniform: {topn} start with {top!r}")

# report
print(f"documents: {len(docs)}")
for d in sorted(docs):
    print(f"  {d}: {len(docs[d].split())} words, {per_doc[d]} mentions")
kinds = Counter(actors[m['actor']]['kind'] for _, m in mentions if m['actor'] in actors)
print(f"mentions: {len(mentions)} ({len({m['actor'] for _, m in mentions})} distinct actors; "
      + ", ".join(f"{k} {v}" for k, v in kinds.most_common()) + ")")
print(f"near-miss sentences: {len(near)} ({len(first_words)} distinct opening words; most common {top!r} x{topn})")
if errors:
    for e in errors:
        print("ERROR:", e)
    print("FAILED")
    sys.exit(1)
print("OK")
