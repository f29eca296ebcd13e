#!/usr/bin/env python3
"""Validator for the blind14 annotation set.

Checks that every line of blind14.jsonl parses as JSON, names an existing article,
carries an anchor that occurs (exactly once) in that article, uses actor ids from
../ACTORS.tsv, a relation and modality declared in ../relations.yaml, a valid
polarity, argument kinds that fit the relation (person vs group), and a well-formed
optional time. Also checks the article format (headline, blank line, 350-450 words).
Prints OK when everything passes, otherwise the problems, and exits non-zero.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
JSONL = os.path.join(HERE, "blind14.jsonl")
PREFIX = "blind14/"


def load_actors():
    kinds = {}
    with open(os.path.join(BLIND, "ACTORS.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:3] == ["id", "name", "kind"], header
        for line in f:
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            kinds[cols[0]] = cols[2] if len(cols) > 2 else ""
    return kinds


def load_vocab():
    """Read relations (with args) and modalities from relations.yaml without PyYAML."""
    text = open(os.path.join(BLIND, "relations.yaml"), encoding="utf-8").read()
    relations, modalities, polarities = {}, set(), set()
    section = None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            key = line.split(":", 1)[0].strip()
            section = key
            if key == "polarities":
                polarities = set(re.findall(r"[a-z_]+", line.split(":", 1)[1]))
            continue
        m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
        if not m:
            continue
        name, body = m.group(1), m.group(2)
        if section == "relations":
            args = re.search(r"args:\s*\[([^\]]*)\]", body)
            relations[name] = [a.strip() for a in args.group(1).split(",")]
        elif section == "modalities":
            modalities.add(name)
    return relations, modalities, polarities


TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")


def kind_ok(arg, kind):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    if arg == "group":
        return kind != "person"
    return False


def main():
    errors = []
    kinds = load_actors()
    relations, modalities, polarities = load_vocab()
    if not relations or not modalities:
        print("could not read relations.yaml")
        return 1
    docs = {}
    for fn in sorted(os.listdir(HERE)):
        if re.match(r"^0[1-8]-[a-z0-9-]+\.txt$", fn):
            text = open(os.path.join(HERE, fn), encoding="utf-8").read()
            docs[PREFIX + fn] = text
            lines = text.split("\n")
            if len(lines) < 3 or not lines[0].strip() or lines[1] != "":
                errors.append(f"{fn}: line 1 must be the headline and line 2 blank")
            words = len(text.split())
            if not 350 <= words <= 450:
                errors.append(f"{fn}: {words} words, outside 350-450")
    if len(docs) != 8:
        errors.append(f"expected 8 articles, found {len(docs)}")
    seen_docs = set()
    seen_keys = set()
    with open(JSONL, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {n}: empty line")
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: does not parse ({e})")
                continue
            doc = d.get("doc")
            if doc not in docs:
                errors.append(f"line {n}: unknown doc {doc!r}")
                continue
            seen_docs.add(doc)
            if d.get("relation") is None:
                continue
            allowed = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
            extra = set(d) - allowed
            if extra:
                errors.append(f"line {n}: unexpected keys {sorted(extra)}")
            for k in ("anchor", "subject", "relation", "object", "polarity", "modality"):
                if not isinstance(d.get(k), str) or not d.get(k):
                    errors.append(f"line {n}: missing or empty {k}")
            anchor = d.get("anchor", "")
            count = docs[doc].count(anchor) if anchor else 0
            if count == 0:
                errors.append(f"line {n}: anchor not in {doc}: {anchor!r}")
            elif count > 1:
                errors.append(f"line {n}: anchor occurs {count} times in {doc}: {anchor!r}")
            elif "\n" in anchor:
                errors.append(f"line {n}: anchor spans lines")
            rel = d.get("relation")
            if rel not in relations:
                errors.append(f"line {n}: unknown relation {rel!r}")
            if d.get("modality") not in modalities:
                errors.append(f"line {n}: unknown modality {d.get('modality')!r}")
            if d.get("polarity") not in polarities:
                errors.append(f"line {n}: unknown polarity {d.get('polarity')!r}")
            for role, idx in (("subject", 0), ("object", 1)):
                aid = d.get(role)
                if aid not in kinds:
                    errors.append(f"line {n}: {role} id not in ACTORS.tsv: {aid!r}")
                elif rel in relations and not kind_ok(relations[rel][idx], kinds[aid]):
                    errors.append(f"line {n}: {role} {aid} ({kinds[aid]}) does not fit {rel} args {relations[rel]}")
            if d.get("subject") == d.get("object"):
                errors.append(f"line {n}: subject equals object")
            if d.get("polarity") == "negated" and d.get("modality") == "desired":
                pass  # allowed: e.g. "commits X to stop backing Y"
            if d.get("modality") == "denied" and d.get("polarity") != "negated":
                errors.append(f"line {n}: modality denied requires polarity negated")
            if "time" in d and not TIME_RE.match(str(d["time"])):
                errors.append(f"line {n}: bad time {d['time']!r}")
            key = (doc, anchor, d.get("subject"), rel, d.get("object"), d.get("polarity"), d.get("modality"))
            if key in seen_keys:
                errors.append(f"line {n}: duplicate annotation")
            seen_keys.add(key)
    for doc in sorted(set(docs) - seen_docs):
        errors.append(f"{doc}: no annotation line")
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
