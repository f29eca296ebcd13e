#!/usr/bin/env python3
"""Validator for blind set blind25.

Checks that every line of blind25.jsonl parses, names an existing document, has an
anchor that occurs (case-sensitive, exactly once, on one line) in that document, uses
actor ids from ../ACTORS.tsv and a relation / polarity / modality from
../relations.yaml, respects the argument kinds of the relation, and has a well-formed
optional time. Prints OK when everything passes, otherwise one line per problem.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SET = os.path.basename(HERE)


def load_actors():
    kinds = {}
    with open(os.path.join(ROOT, "ACTORS.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds


def load_vocab():
    text = open(os.path.join(ROOT, "relations.yaml"), encoding="utf-8").read()
    try:
        import yaml  # type: ignore
        data = yaml.safe_load(text)
        rels = {k: v["args"] for k, v in data["relations"].items()}
        return rels, set(data["polarities"]), set(data["modalities"])
    except ImportError:
        rels, mods, section = {}, set(), None
        pols = set()
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line.startswith(" "):
                section = line.split(":")[0]
                if section == "polarities":
                    pols = set(re.findall(r"[a-z_]+", line.split(":", 1)[1]))
                continue
            m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
            if not m:
                continue
            if section == "relations":
                args = re.search(r"args:\s*\[([^\]]*)\]", m.group(2)).group(1)
                rels[m.group(1)] = [a.strip() for a in args.split(",")]
            elif section == "modalities":
                mods.add(m.group(1))
        return rels, pols, mods


def kind_ok(arg, kind):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    return kind != "person"  # group: every kind but person


def main():
    actors = load_actors()
    rels, pols, mods = load_vocab()
    problems = []
    docs_seen = set()
    n = 0
    path = os.path.join(HERE, SET + ".jsonl")
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        n += 1
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {i}: does not parse ({e})")
            continue
        doc = d.get("doc", "")
        if not doc.startswith(SET + "/"):
            problems.append(f"line {i}: doc {doc!r} not in {SET}/")
            continue
        fpath = os.path.join(HERE, doc.split("/", 1)[1])
        if not os.path.isfile(fpath):
            problems.append(f"line {i}: missing document {doc}")
            continue
        docs_seen.add(doc)
        if d.get("relation") is None:
            continue
        text = open(fpath, encoding="utf-8").read()
        anchor = d.get("anchor", "")
        count = text.count(anchor) if anchor else 0
        if count == 0:
            problems.append(f"line {i}: anchor not found: {anchor!r}")
        elif count > 1:
            problems.append(f"line {i}: anchor occurs {count} times: {anchor!r}")
        if "\n" in anchor:
            problems.append(f"line {i}: anchor spans a line break")
        for role in ("subject", "object"):
            if d.get(role) not in actors:
                problems.append(f"line {i}: unknown {role} id {d.get(role)!r}")
        rel = d.get("relation")
        if rel not in rels:
            problems.append(f"line {i}: unknown relation {rel!r}")
        elif d.get("subject") in actors and d.get("object") in actors:
            a_s, a_o = rels[rel]
            if not kind_ok(a_s, actors[d["subject"]]) or not kind_ok(a_o, actors[d["object"]]):
                problems.append(f"line {i}: argument kinds do not fit {rel} {a_s}->{a_o}")
        if d.get("subject") == d.get("object"):
            problems.append(f"line {i}: subject equals object")
        if d.get("polarity") not in pols:
            problems.append(f"line {i}: unknown polarity {d.get('polarity')!r}")
        if d.get("modality") not in mods:
            problems.append(f"line {i}: unknown modality {d.get('modality')!r}")
        if d.get("modality") == "denied" and d.get("polarity") != "negated":
            problems.append(f"line {i}: modality denied needs polarity negated")
        t = d.get("time")
        if t is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s", str(t)):
            problems.append(f"line {i}: bad time {t!r}")
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt") and f"{SET}/{name}" not in docs_seen:
            problems.append(f"document {name} has no annotation line")
    if problems:
        print("\n".join(problems))
        print(f"FAILED: {len(problems)} problem(s) in {n} lines")
        sys.exit(1)
    print(f"OK ({n} lines, {len(docs_seen)} documents)")


if __name__ == "__main__":
    main()
