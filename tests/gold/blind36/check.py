#!/usr/bin/env python3
"""Validate blind36.jsonl against ACTORS.tsv, relations.yaml and the article files.

Checks: valid JSON per line; required fields; doc file exists; known actor ids;
known relation; polarity and modality allowed; argument kinds allowed by
relations.yaml (person / group / any); anchor is an exact, case-sensitive
substring found exactly once in its document and does not cross a line break;
time format; no subject == object; no duplicate claims (symmetric relations
compared without order) for the same anchor sentence.
Usage: python3 check.py [path/to/blind36.jsonl]
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)                       # /work/blind
ACTORS = os.path.join(ROOT, "ACTORS.tsv")
RELATIONS = os.path.join(ROOT, "relations.yaml")
JSONL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "blind36.jsonl")


def load_relations(path):
    text = open(path, encoding="utf-8").read()
    try:
        import yaml
        data = yaml.safe_load(text)
        rels = {k: {"directed": v["directed"], "args": v["args"]} for k, v in data["relations"].items()}
        return rels, list(data["polarities"]), list(data["modalities"].keys())
    except ImportError:
        pass
    rels, pols, mods, section = {}, [], [], None
    for line in text.splitlines():
        if line.startswith("relations:"):
            section = "rel"; continue
        if line.startswith("polarities:"):
            pols = [x.strip() for x in line.split("[", 1)[1].split("]")[0].split(",")]
            section = None; continue
        if line.startswith("modalities:"):
            section = "mod"; continue
        if line and not line.startswith(" ") and not line.startswith("#"):
            section = None
        m = re.match(r"^\s+(\w+):\s*\{(.*)\}", line)
        if m and section == "rel":
            body = m.group(2)
            directed = re.search(r"directed:\s*(true|false)", body).group(1) == "true"
            args = [a.strip() for a in re.search(r"args:\s*\[([^\]]*)\]", body).group(1).split(",")]
            rels[m.group(1)] = {"directed": directed, "args": args}
        elif m and section == "mod":
            mods.append(m.group(1))
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        i_id, i_kind = header.index("id"), header.index("kind")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > i_kind:
                kinds[cols[i_id]] = cols[i_kind]
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
REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
ALLOWED_KEYS = set(REQUIRED) | {"time"}


def main():
    rels, pols, mods = load_relations(RELATIONS)
    kinds = load_actors(ACTORS)
    errors, texts, seen = [], {}, set()
    per_doc, per_rel, n = {}, {}, 0
    for ln, line in enumerate(open(JSONL, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: invalid JSON ({e})"); continue
        n += 1
        miss = [k for k in REQUIRED if k not in r]
        if miss:
            errors.append(f"line {ln}: missing {miss}"); continue
        extra = set(r) - ALLOWED_KEYS
        if extra:
            errors.append(f"line {ln}: unexpected keys {sorted(extra)}")
        doc = r["doc"]
        if not doc.startswith("blind36/"):
            errors.append(f"line {ln}: doc must start with blind36/")
        path = os.path.join(ROOT, doc)
        if doc not in texts:
            texts[doc] = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        text = texts[doc]
        if text is None:
            errors.append(f"line {ln}: document not found {doc}"); continue
        a = r["anchor"]
        c = text.count(a)
        if c != 1:
            errors.append(f"line {ln}: anchor found {c} times in {doc}: {a!r}")
        if "\n" in a:
            errors.append(f"line {ln}: anchor crosses a line break")
        rel = r["relation"]
        if rel not in rels:
            errors.append(f"line {ln}: unknown relation {rel}"); continue
        for role, arg in zip(("subject", "object"), rels[rel]["args"]):
            aid = r[role]
            if aid not in kinds:
                errors.append(f"line {ln}: unknown actor id {aid}")
            elif not kind_ok(arg, kinds[aid]):
                errors.append(f"line {ln}: {role} {aid} ({kinds[aid]}) not allowed for {rel} ({arg})")
        if r["subject"] == r["object"]:
            errors.append(f"line {ln}: subject equals object")
        if r["polarity"] not in pols:
            errors.append(f"line {ln}: bad polarity {r['polarity']}")
        if r["modality"] not in mods:
            errors.append(f"line {ln}: bad modality {r['modality']}")
        if r["modality"] == "denied" and r["polarity"] != "negated":
            errors.append(f"line {ln}: modality denied requires polarity negated")
        if "time" in r and not TIME_RE.match(str(r["time"])):
            errors.append(f"line {ln}: bad time {r['time']}")
        pair = (r["subject"], r["object"])
        if not rels[rel]["directed"]:
            pair = tuple(sorted(pair))
        key = (doc, a, rel, pair, r["polarity"], r["modality"])
        if key in seen:
            errors.append(f"line {ln}: duplicate claim {key}")
        seen.add(key)
        per_doc[doc] = per_doc.get(doc, 0) + 1
        per_rel[rel] = per_rel.get(rel, 0) + 1
    for e in errors:
        print("ERROR", e)
    print(f"{n} claims, {len(per_doc)} documents, {len(per_rel)} relation types, {len(errors)} errors")
    for d in sorted(per_doc):
        print(f"  {d}: {per_doc[d]}")
    for k in sorted(per_rel):
        print(f"  {k}: {per_rel[k]}")
    unused = sorted(set(rels) - set(per_rel))
    if unused:
        print("relations not used:", unused)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
