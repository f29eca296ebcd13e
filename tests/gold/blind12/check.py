#!/usr/bin/env python3
"""Validator for blind12.jsonl: run `python3 check.py`; prints OK when all checks pass."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
errors = []

# actor ids and kinds
kinds = {}
with open(os.path.join(BLIND, "ACTORS.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if parts and parts[0]:
            kinds[parts[0]] = parts[2] if len(parts) > 2 else ""

# relation, polarity and modality names from relations.yaml (simple line parser, no PyYAML needed)
relations, modalities, polarities = {}, set(), set()
section = None
with open(os.path.join(BLIND, "relations.yaml"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            key = line.split(":")[0].strip()
            section = key
            if key == "polarities":
                polarities = set(re.findall(r"[a-z_]+", line.split(":", 1)[1]))
            continue
        m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
        if not m:
            continue
        if section == "relations":
            args = re.search(r"args:\s*\[([^\]]*)\]", m.group(2)).group(1)
            relations[m.group(1)] = [a.strip() for a in args.split(",")]
        elif section == "modalities":
            modalities.add(m.group(1))

def kind_ok(actor, arg):
    k = kinds.get(actor)
    if arg == "any":
        return True
    if arg == "person":
        return k == "person"
    return k != "person"  # group

TIME = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
texts = {}
docs_seen = set()
path = os.path.join(HERE, "blind12.jsonl")
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"line {n}: does not parse: {e}")
            continue
        doc = r.get("doc", "")
        if not doc.startswith("blind12/"):
            errors.append(f"line {n}: bad doc key {doc!r}")
            continue
        fn = os.path.join(HERE, doc.split("/", 1)[1])
        if not os.path.isfile(fn):
            errors.append(f"line {n}: doc file missing {doc}")
            continue
        docs_seen.add(doc)
        if fn not in texts:
            texts[fn] = open(fn, encoding="utf-8").read()
        if r.get("relation") is None:
            continue
        need = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality"}
        extra = set(r) - need - {"time"}
        if need - set(r):
            errors.append(f"line {n}: missing keys {sorted(need - set(r))}")
            continue
        if extra:
            errors.append(f"line {n}: unknown keys {sorted(extra)}")
        a = r["anchor"]
        cnt = texts[fn].count(a)
        if cnt == 0:
            errors.append(f"line {n}: anchor not in {doc}: {a!r}")
        elif cnt > 1:
            errors.append(f"line {n}: anchor occurs {cnt} times in {doc}: {a!r}")
        if "\n" in a:
            errors.append(f"line {n}: anchor spans lines")
        for role in ("subject", "object"):
            if r[role] not in kinds:
                errors.append(f"line {n}: unknown {role} id {r[role]!r}")
        if r["subject"] == r["object"]:
            errors.append(f"line {n}: subject equals object")
        rel = r["relation"]
        if rel not in relations:
            errors.append(f"line {n}: unknown relation {rel!r}")
        elif r["subject"] in kinds and r["object"] in kinds:
            sa, oa = relations[rel]
            if not kind_ok(r["subject"], sa) or not kind_ok(r["object"], oa):
                errors.append(f"line {n}: argument kinds do not fit {rel}({sa},{oa}): {r['subject']}, {r['object']}")
        if r["polarity"] not in polarities:
            errors.append(f"line {n}: bad polarity {r['polarity']!r}")
        if r["modality"] not in modalities:
            errors.append(f"line {n}: bad modality {r['modality']!r}")
        if r["modality"] == "denied" and r["polarity"] != "negated":
            errors.append(f"line {n}: denied modality must be negated")
        if "time" in r and not TIME.match(str(r["time"])):
            errors.append(f"line {n}: bad time {r['time']!r}")

for fn in sorted(os.listdir(HERE)):
    if re.match(r"^\d\d-.*\.txt$", fn) and f"blind12/{fn}" not in docs_seen:
        errors.append(f"article {fn} has no annotation line")

if errors:
    print("\n".join(errors))
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print("OK")
