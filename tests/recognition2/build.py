#!/usr/bin/env python3
"""Strip inline markup from annotated_src/*.txt into docs/, write mentions.jsonl and candidates.jsonl,
and convert near_miss_src.tsv (text<TAB>name<TAB>why) into near_miss.jsonl.
Markup: [[surface|actor-id]] = actor mention; {{surface|group|role}} = unlisted person with a role (candidate)."""
import json, re, pathlib
OUT = pathlib.Path(__file__).resolve().parent
TOK = re.compile(r"\[\[([^\]|]+)\|([^\]|]+)\]\]|\{\{([^}|]+)\|([^}|]+)\|([^}|]+)\}\}")
(OUT/"docs").mkdir(exist_ok=True)
mentions, cands = [], []
for src in sorted((OUT/"annotated_src").glob("*.txt")):
    raw = src.read_text(encoding="utf-8")
    out, pos = [], 0
    for m in TOK.finditer(raw):
        out.append(raw[pos:m.start()])
        if m.group(1) is not None:
            out.append(m.group(1))
            mentions.append({"doc": src.name, "text": m.group(1), "actor": m.group(2)})
        else:
            out.append(m.group(3))
            cands.append({"doc": src.name, "name": m.group(3), "group": m.group(4), "role": m.group(5)})
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    assert "[[" not in text and "{{" not in text and "]]" not in text and "}}" not in text, src.name
    (OUT/"docs"/src.name).write_text(text, encoding="utf-8")
with open(OUT/"mentions.jsonl", "w", encoding="utf-8") as f:
    for m in mentions: f.write(json.dumps(m, ensure_ascii=False) + "\n")
with open(OUT/"candidates.jsonl", "w", encoding="utf-8") as f:
    for c in cands: f.write(json.dumps(c, ensure_ascii=False) + "\n")
nm = []
for line in (OUT/"near_miss_src.tsv").read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"): continue
    text, name, why = line.split("\t")
    nm.append({"text": text, "name": name, "why": why})
with open(OUT/"near_miss.jsonl", "w", encoding="utf-8") as f:
    for n in nm: f.write(json.dumps(n, ensure_ascii=False) + "\n")
print(f"docs={len(list((OUT/'annotated_src').glob('*.txt')))} mentions={len(mentions)} candidates={len(cands)} near_miss={len(nm)}")
