#!/usr/bin/env python3
"""Build docs/*.txt and mentions.jsonl from the annotated sources in src/*.src.
Markup: [[surface text|actor-id]]. Also lints for unannotated occurrences of
canonical actor names in the plain text (a recall aid for the annotator)."""
import csv, json, re, glob, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ids, names = set(), {}
with open(os.path.join(HERE, "ACTORS.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        ids.add(row["id"]); names[row["id"]] = row["name"]
MARK = re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]")
out = []
bad = 0
for src in sorted(glob.glob(os.path.join(HERE, "src", "*.src"))):
    doc = os.path.basename(src)[:-4] + ".txt"
    raw = open(src, encoding="utf-8").read()
    plain, pos, spans = [], 0, []
    length = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos:m.start()]
        plain.append(chunk); length += len(chunk)
        surf, aid = m.group(1), m.group(2)
        if aid not in ids:
            print("UNKNOWN ID", doc, aid); bad += 1
        spans.append((length, length + len(surf)))
        plain.append(surf); length += len(surf)
        out.append({"doc": doc, "text": surf, "actor": aid})
        pos = m.end()
    plain.append(raw[pos:])
    text = "".join(plain)
    if "[[" in text or "]]" in text:
        print("BROKEN MARKUP", doc); bad += 1
    # guard: searching forward from the previous mention must land on the annotated span
    cur = 0
    for (a, b) in spans:
        if text.find(text[a:b], cur) != a:
            print("FORWARD-SEARCH MISMATCH", doc, repr(text[a:b])); bad += 1
        cur = b
    open(os.path.join(HERE, "docs", doc), "w", encoding="utf-8").write(text)
    words = len(text.split())
    n = sum(1 for o in out if o["doc"] == doc)
    print(f"{doc}: {words} words, {n} mentions")
    # lint: canonical names not covered by an annotation span
    covered = lambda a, b: any(s <= a and b <= e for s, e in spans)
    for aid, nm in names.items():
        for mm in re.finditer(r"(?<!\w)" + re.escape(nm) + r"(?!\w)", text):
            if not covered(mm.start(), mm.end()):
                print(f"   LINT unannotated '{nm}' ({aid}) at {mm.start()}")
with open(os.path.join(HERE, "mentions.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print("total mentions", len(out), "errors", bad)

# near-miss sentences: src/near_miss.tsv (text, name, why) -> near_miss.jsonl
rows = []
for line in open(os.path.join(HERE, "src", "near_miss.tsv"), encoding="utf-8"):
    if line.strip():
        t, n, w = line.rstrip("\n").split("\t")
        rows.append({"text": t, "name": n, "why": w})
with open(os.path.join(HERE, "near_miss.jsonl"), "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("near-miss lines", len(rows))
