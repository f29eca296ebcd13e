#!/usr/bin/env python3
"""Validator for blind set blind26.

Checks that every line of blind26.jsonl parses as JSON with the expected keys, that
each anchor occurs (exactly once) in the text of its document, that subject and
object ids exist in ACTORS.tsv, that relation, polarity and modality are in the
vocabulary of relations.yaml, that argument kinds fit the relation, that the optional
time field is well formed, and that no line is duplicated. Prints OK on success.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
SET = os.path.basename(HERE)


def load_vocab(path):
    text = open(path, encoding="utf-8").read()
    try:
        import yaml  # type: ignore
        data = yaml.safe_load(text)
        rels = {k: v["args"] for k, v in data["relations"].items()}
        return rels, list(data["polarities"]), list(data["modalities"])
    except ImportError:
        pass
    rels = {}
    for m in re.finditer(r"^\s{2}(\w+):\s*\{.*?args:\s*\[(\w+),\s*(\w+)\]", text, re.M):
        rels[m.group(1)] = [m.group(2), m.group(3)]
    pols = re.search(r"^polarities:\s*\[(.*?)\]", text, re.M).group(1)
    pols = [p.strip() for p in pols.split(",")]
    mods_block = text.split("\nmodalities:", 1)[1].split("\nactor_kinds", 1)[0]
    mods = re.findall(r"^\s{2}(\w+):", mods_block, re.M)
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds


def kind_ok(arg, kind):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    if arg == "group":
        return kind != "person"
    return False


TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
KEYS = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality"}


def main():
    rels, pols, mods = load_vocab(os.path.join(BLIND, "relations.yaml"))
    actors = load_actors(os.path.join(BLIND, "ACTORS.tsv"))
    errors = []
    seen = set()
    docs_cache = {}
    per_doc = {}
    path = os.path.join(HERE, SET + ".jsonl")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            errors.append(f"line {n}: empty line")
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})")
            continue
        missing = KEYS - set(d)
        extra = set(d) - KEYS - {"time"}
        if missing:
            errors.append(f"line {n}: missing keys {sorted(missing)}")
            continue
        if extra:
            errors.append(f"line {n}: unexpected keys {sorted(extra)}")
        doc = d["doc"]
        if not doc.startswith(SET + "/"):
            errors.append(f"line {n}: doc {doc!r} not in {SET}/")
            continue
        fpath = os.path.join(BLIND, doc)
        if doc not in docs_cache:
            if not os.path.exists(fpath):
                errors.append(f"line {n}: document {doc} not found")
                continue
            docs_cache[doc] = open(fpath, encoding="utf-8").read()
        text = docs_cache[doc]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        cnt = text.count(d["anchor"])
        if cnt == 0:
            errors.append(f"line {n}: anchor not in {doc}: {d['anchor']!r}")
        elif cnt > 1:
            errors.append(f"line {n}: anchor occurs {cnt} times in {doc}: {d['anchor']!r}")
        elif "\n" in d["anchor"]:
            errors.append(f"line {n}: anchor spans lines")
        for role in ("subject", "object"):
            if d[role] not in actors:
                errors.append(f"line {n}: unknown {role} id {d[role]!r}")
        if d["relation"] not in rels:
            errors.append(f"line {n}: unknown relation {d['relation']!r}")
        else:
            a_subj, a_obj = rels[d["relation"]]
            if d["subject"] in actors and not kind_ok(a_subj, actors[d["subject"]]):
                errors.append(f"line {n}: subject kind {actors[d['subject']]} not allowed for {d['relation']}")
            if d["object"] in actors and not kind_ok(a_obj, actors[d["object"]]):
                errors.append(f"line {n}: object kind {actors[d['object']]} not allowed for {d['relation']}")
        if d["polarity"] not in pols:
            errors.append(f"line {n}: bad polarity {d['polarity']!r}")
        if d["modality"] not in mods:
            errors.append(f"line {n}: bad modality {d['modality']!r}")
        if d["modality"] == "denied" and d["polarity"] != "negated":
            errors.append(f"line {n}: modality denied requires polarity negated")
        if d["subject"] == d["object"]:
            errors.append(f"line {n}: subject equals object")
        if "time" in d and not TIME_RE.match(str(d["time"])):
            errors.append(f"line {n}: bad time {d['time']!r}")
        key = (doc, d["anchor"], d["subject"], d["relation"], d["object"], d["polarity"], d["modality"])
        if key in seen:
            errors.append(f"line {n}: duplicate line")
        seen.add(key)
    # every document in the set is annotated
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt") and f"{SET}/{name}" not in per_doc:
            errors.append(f"document {name} has no annotation line")
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        sys.exit(1)
    print(f"{len(lines)} relation lines in {len(per_doc)} documents")
    print("OK")


if __name__ == "__main__":
    main()
