#!/usr/bin/env python3
"""Validator for the blind21 evaluation set.

Checks that every line of blind21.jsonl parses, has the required fields, that its
anchor occurs (exactly once) in the text of its document, that subject and object are
ids from ACTORS.tsv with kinds allowed by the relation's argument kinds, that relation,
polarity and modality are in relations.yaml, that the time (if any) is well-formed, and
that every article has 350-650 words and at least one relation line. Prints OK or the
list of problems.
"""
import json, os, re, sys
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
SET = os.path.basename(HERE)

vocab = yaml.safe_load(open(os.path.join(BLIND, "relations.yaml")))
relations = vocab["relations"]
polarities = set(vocab["polarities"])
modalities = set(vocab["modalities"])

kinds = {}
with open(os.path.join(BLIND, "ACTORS.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if parts and parts[0]:
            kinds[parts[0]] = parts[2] if len(parts) > 2 else ""

def kind_ok(arg, actor):
    k = kinds[actor]
    if arg == "any":
        return True
    if arg == "person":
        return k == "person"
    if arg == "group":
        return k != "person"
    return False

docs = sorted(f for f in os.listdir(HERE) if re.match(r"0[1-8]-.+\.txt$", f))
texts = {f"{SET}/{f}": open(os.path.join(HERE, f), encoding="utf-8").read() for f in docs}
errors = []
if len(docs) != 8:
    errors.append(f"expected 8 articles, found {len(docs)}")
for d, t in texts.items():
    n = len(t.split())
    if not 350 <= n <= 650:
        errors.append(f"{d}: {n} words, outside 350-650")

time_re = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
count = 0
per_doc = {d: 0 for d in texts}
seen = set()
with open(os.path.join(HERE, f"{SET}.jsonl"), encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {i}: does not parse ({e})")
            continue
        count += 1
        for k in ("doc", "anchor", "subject", "relation", "object", "polarity", "modality"):
            if k not in r:
                errors.append(f"line {i}: missing field {k}")
        extra = set(r) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra:
            errors.append(f"line {i}: unknown fields {sorted(extra)}")
        d = r.get("doc")
        if d not in texts:
            errors.append(f"line {i}: unknown doc {d}")
            continue
        per_doc[d] += 1
        a = r.get("anchor", "")
        occ = texts[d].count(a) if a else 0
        if occ == 0:
            errors.append(f"line {i}: anchor not in {d}: {a!r}")
        elif occ > 1:
            errors.append(f"line {i}: anchor occurs {occ} times in {d}: {a!r}")
        elif "\n" in a:
            errors.append(f"line {i}: anchor spans a line break: {a!r}")
        rel = r.get("relation")
        if rel not in relations:
            errors.append(f"line {i}: relation {rel!r} not in vocabulary")
        for role in ("subject", "object"):
            if r.get(role) not in kinds:
                errors.append(f"line {i}: {role} id {r.get(role)!r} not in ACTORS.tsv")
        if rel in relations and r.get("subject") in kinds and r.get("object") in kinds:
            sa, oa = relations[rel]["args"]
            if not kind_ok(sa, r["subject"]):
                errors.append(f"line {i}: subject {r['subject']} ({kinds[r['subject']]}) not a valid {sa} for {rel}")
            if not kind_ok(oa, r["object"]):
                errors.append(f"line {i}: object {r['object']} ({kinds[r['object']]}) not a valid {oa} for {rel}")
        if r.get("subject") == r.get("object"):
            errors.append(f"line {i}: subject equals object")
        if r.get("polarity") not in polarities:
            errors.append(f"line {i}: polarity {r.get('polarity')!r} not in vocabulary")
        if r.get("modality") not in modalities:
            errors.append(f"line {i}: modality {r.get('modality')!r} not in vocabulary")
        if "time" in r and not time_re.match(str(r["time"])):
            errors.append(f"line {i}: bad time {r['time']!r}")
        key = (d, a, r.get("subject"), rel, r.get("object"), r.get("polarity"), r.get("modality"))
        if key in seen:
            errors.append(f"line {i}: duplicate line")
        seen.add(key)

for d, n in per_doc.items():
    if n == 0:
        errors.append(f"{d}: no relation lines")
if count < 120:
    errors.append(f"only {count} relation lines (at least 120 required)")

if errors:
    print("\n".join(errors))
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print(f"OK: {count} relation lines in {len(docs)} documents")
for d in sorted(per_doc):
    print(f"  {d}: {len(texts[d].split())} words, {per_doc[d]} relations")
