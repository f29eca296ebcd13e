#!/usr/bin/env python3
"""Build the plain-text evaluation set from the annotated sources.

annotated_src/NN-slug.txt  (inline markup [[surface|actor-id]])
  -> docs/NN-slug.txt       (markup stripped)
  -> mentions.jsonl         ({"doc", "text", "actor"} in document order)
src_nm/*.tsv               (type <TAB> name <TAB> text <TAB> why)
  -> near_miss.jsonl        ({"text", "name", "why"})
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)\]\]")


def strip_markup(src, docname):
    out, mentions, pos = [], [], 0
    for m in MARK.finditer(src):
        out.append(src[pos:m.start()])
        surface, actor = m.group(1), m.group(2).strip()
        if surface != surface.strip():
            sys.exit(f"{docname}: surface has outer whitespace: {surface!r}")
        out.append(surface)
        mentions.append({"doc": docname, "text": surface, "actor": actor})
        pos = m.end()
    out.append(src[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        i = text.find("[[") if "[[" in text else text.find("]]")
        sys.exit(f"{docname}: unbalanced markup near: {text[max(0, i-40):i+40]!r}")
    return text, mentions


def build_docs():
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    all_mentions = []
    srcs = sorted(glob.glob(os.path.join(ROOT, "annotated_src", "*.txt")))
    for path in srcs:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            src = f.read()
        text, mentions = strip_markup(src, name)
        with open(os.path.join(ROOT, "docs", name), "w", encoding="utf-8") as f:
            f.write(text)
        all_mentions.extend(mentions)
    with open(os.path.join(ROOT, "mentions.jsonl"), "w", encoding="utf-8") as f:
        for m in all_mentions:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    return len(srcs), len(all_mentions)


def build_near_miss():
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, "src_nm", "*.tsv"))):
        with open(path, encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 4:
                    sys.exit(f"{os.path.basename(path)}:{ln}: expected 4 tab-separated fields, got {len(parts)}")
                _type, name, text, why = (p.strip() for p in parts)
                rows.append({"text": text, "name": name, "why": why})
    with open(os.path.join(ROOT, "near_miss.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(rows)


if __name__ == "__main__":
    n_docs, n_m = build_docs()
    n_nm = build_near_miss()
    print(f"built {n_docs} docs, {n_m} mentions, {n_nm} near-miss sentences")
