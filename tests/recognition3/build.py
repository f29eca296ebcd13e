#!/usr/bin/env python3
"""Strip [[surface|actor-id]] markup from annotated_src/*.txt into docs/*.txt and write mentions.jsonl."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "annotated_src")
DOCS = os.path.join(HERE, "docs")
MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)\]\]")

def main():
    os.makedirs(DOCS, exist_ok=True)
    mentions = []
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith(".txt"):
            continue
        raw = open(os.path.join(SRC, fn), encoding="utf-8").read()
        out, pos = [], 0
        for m in MARK.finditer(raw):
            out.append(raw[pos:m.start()])
            surface, actor = m.group(1), m.group(2).strip()
            out.append(surface)
            mentions.append({"doc": fn, "text": surface, "actor": actor})
            pos = m.end()
        out.append(raw[pos:])
        text = "".join(out)
        if "[[" in text or "]]" in text:
            sys.exit(f"unbalanced markup left in {fn}")
        with open(os.path.join(DOCS, fn), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(HERE, "mentions.jsonl"), "w", encoding="utf-8") as f:
        for m in mentions:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    print(f"built {len(os.listdir(DOCS))} docs, {len(mentions)} mentions")

if __name__ == "__main__":
    main()
