#!/usr/bin/env python3
"""Validator for blind set blind19: run `python3 check.py` from anywhere; prints OK or the problems."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
VOCAB = os.path.join(BLIND, "relations.yaml")
DATA = os.path.join(HERE, "blind19.jsonl")


def load_vocab(path):
    text = open(path, encoding="utf-8").read()
    try:
        import yaml
        y = yaml.safe_load(text)
        rels = {k: v for k, v in y["relations"].items()}
        return rels, set(y["polarities"]), set(y["modalities"]), set(y["actor_kinds"])
    except ImportError:
        rels, section = {}, None
        pols, mods = set(), set()
        for line in text.splitlines():
            if re.match(r"^\w", line):
                section = line.split(":")[0]
                m = re.match(r"^polarities:\s*\[(.*)\]", line)
                if m:
                    pols = {x.strip() for x in m.group(1).split(",")}
                continue
            m = re.match(r"^  (\w+):\s*\{(.*)\}", line)
            if m and section == "relations":
                args = re.search(r"args:\s*\[(\w+),\s*(\w+)\]", m.group(2))
                directed = "directed: true" in m.group(2)
                rels[m.group(1)] = {"directed": directed, "args": [args.group(1), args.group(2)]}
            elif m and section == "modalities":
                mods.add(m.group(1))
        return rels, pols, mods, set()


def main():
    rels, pols, mods, _ = load_vocab(VOCAB)
    kinds = {}
    with open(ACTORS, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    errors, docs_seen, n = [], set(), 0
    texts = {}
    time_re = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
    keys = set()
    for i, line in enumerate(open(DATA, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {i}: does not parse ({e})")
            continue
        n += 1
        doc = rec.get("doc", "")
        if not doc.startswith("blind19/"):
            errors.append(f"line {i}: doc {doc!r} not under blind19/")
            continue
        path = os.path.join(BLIND, doc)
        if not os.path.exists(path):
            errors.append(f"line {i}: missing document {doc}")
            continue
        docs_seen.add(doc)
        if doc not in texts:
            texts[doc] = open(path, encoding="utf-8").read()
        if rec.get("relation") is None:
            continue
        extra = set(rec) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra:
            errors.append(f"line {i}: unexpected fields {sorted(extra)}")
        anchor = rec.get("anchor", "")
        cnt = texts[doc].count(anchor) if anchor else 0
        if cnt == 0:
            errors.append(f"line {i}: anchor not in {doc}: {anchor!r}")
        elif cnt > 1:
            errors.append(f"line {i}: anchor occurs {cnt} times in {doc}: {anchor!r}")
        if "\n" in anchor:
            errors.append(f"line {i}: anchor spans lines")
        for role in ("subject", "object"):
            if rec.get(role) not in kinds:
                errors.append(f"line {i}: {role} id {rec.get(role)!r} not in ACTORS.tsv")
        r = rec.get("relation")
        if r not in rels:
            errors.append(f"line {i}: relation {r!r} not in vocabulary")
        else:
            for role, want in zip(("subject", "object"), rels[r]["args"]):
                k = kinds.get(rec.get(role))
                if k is None:
                    continue
                if want == "person" and k != "person":
                    errors.append(f"line {i}: {role} of {r} must be a person, {rec.get(role)} is {k}")
                if want == "group" and k == "person":
                    errors.append(f"line {i}: {role} of {r} must be a group, {rec.get(role)} is a person")
        if rec.get("subject") == rec.get("object"):
            errors.append(f"line {i}: subject equals object")
        if rec.get("polarity") not in pols:
            errors.append(f"line {i}: polarity {rec.get('polarity')!r} not in vocabulary")
        if rec.get("modality") not in mods:
            errors.append(f"line {i}: modality {rec.get('modality')!r} not in vocabulary")
        if "time" in rec and not time_re.match(str(rec["time"])):
            errors.append(f"line {i}: bad time {rec['time']!r}")
        key = (doc, anchor, rec.get("subject"), r, rec.get("object"), rec.get("polarity"))
        if key in keys:
            errors.append(f"line {i}: duplicate line")
        keys.add(key)
    for f in sorted(os.listdir(HERE)):
        if f.endswith(".txt"):
            if "blind19/" + f not in docs_seen:
                errors.append(f"document {f} has no annotation line")
            words = len(open(os.path.join(HERE, f), encoding="utf-8").read().split())
            if not 350 <= words <= 650:
                errors.append(f"document {f} has {words} words (want 350-650)")
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} problem(s) in {n} lines")
        return 1
    print(f"OK: {n} relation lines in {len(docs_seen)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
