#!/usr/bin/env python3
"""Validate blind22.jsonl against the articles, ACTORS.tsv and relations.yaml."""
import json, re, sys, pathlib, collections

HERE = pathlib.Path(__file__).resolve().parent
BLIND = HERE.parent
errors = []

# actor ids and kinds
kinds = {}
with open(BLIND / "ACTORS.tsv", encoding="utf-8") as f:
    next(f)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if parts and parts[0]:
            kinds[parts[0]] = parts[2] if len(parts) > 2 else ""

# vocabulary (plain parsing, no yaml dependency)
vocab_text = (BLIND / "relations.yaml").read_text(encoding="utf-8")
relations = {}
for m in re.finditer(r"^\s{2}(\w+): \{directed: (true|false), args: \[(\w+), (\w+)\]", vocab_text, re.M):
    relations[m.group(1)] = (m.group(3), m.group(4))
polarities = re.search(r"^polarities: \[(.*?)\]", vocab_text, re.M).group(1).replace(" ", "").split(",")
mod_block = vocab_text.split("modalities:")[1].split("actor_kinds:")[0]
modalities = re.findall(r"^\s{2}(\w+): \{confidence", mod_block, re.M)
assert relations and polarities and modalities, "could not parse relations.yaml"

def kind_ok(actor, arg):
    k = kinds[actor]
    if arg == "any":
        return True
    if arg == "person":
        return k == "person"
    return k != "person"  # group

TIME = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
docs = {}
per_doc = collections.Counter()
seen = set()
lines = (HERE / "blind22.jsonl").read_text(encoding="utf-8").splitlines()
for n, line in enumerate(lines, 1):
    where = f"line {n}"
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"{where}: does not parse ({e})"); continue
    for key in ("doc", "anchor", "subject", "relation", "object", "polarity", "modality"):
        if key not in r:
            errors.append(f"{where}: missing {key}")
    if any(k not in r for k in ("doc", "anchor", "subject", "relation", "object")):
        continue
    doc = r["doc"]
    if not doc.startswith("blind22/"):
        errors.append(f"{where}: doc must start with blind22/")
    path = BLIND / doc
    if doc not in docs:
        if not path.exists():
            errors.append(f"{where}: no such document {doc}"); continue
        docs[doc] = path.read_text(encoding="utf-8")
    text = docs[doc]
    count = text.count(r["anchor"])
    if count == 0:
        errors.append(f"{where}: anchor not in {doc}: {r['anchor']!r}")
    elif count > 1:
        errors.append(f"{where}: anchor occurs {count} times in {doc}: {r['anchor']!r}")
    elif "\n" in r["anchor"]:
        errors.append(f"{where}: anchor spans a line break")
    for role in ("subject", "object"):
        if r[role] not in kinds:
            errors.append(f"{where}: unknown actor id {r[role]!r}")
    if r["relation"] not in relations:
        errors.append(f"{where}: unknown relation {r['relation']!r}")
    elif r["subject"] in kinds and r["object"] in kinds:
        a, b = relations[r["relation"]]
        if not kind_ok(r["subject"], a) or not kind_ok(r["object"], b):
            errors.append(f"{where}: {r['relation']} expects [{a}, {b}], got "
                          f"[{kinds[r['subject']]}, {kinds[r['object']]}]")
    if r["subject"] == r["object"]:
        errors.append(f"{where}: subject equals object")
    if r.get("polarity") not in polarities:
        errors.append(f"{where}: bad polarity {r.get('polarity')!r}")
    if r.get("modality") not in modalities:
        errors.append(f"{where}: bad modality {r.get('modality')!r}")
    if "time" in r and not TIME.match(str(r["time"])):
        errors.append(f"{where}: bad time {r['time']!r}")
    key = (doc, r["anchor"], r["subject"], r["relation"], r["object"], r.get("polarity"), r.get("modality"))
    if key in seen:
        errors.append(f"{where}: duplicate line")
    seen.add(key)
    per_doc[doc] += 1

# every article is annotated and within length
articles = sorted(p for p in HERE.glob("0[1-8]-*.txt"))
if len(articles) != 8:
    errors.append(f"expected 8 articles, found {len(articles)}")
for p in articles:
    doc = f"blind22/{p.name}"
    words = len(p.read_text(encoding="utf-8").split())
    if not 350 <= words <= 650:
        errors.append(f"{doc}: {words} words (350-650 required)")
    if per_doc[doc] == 0:
        errors.append(f"{doc}: no relation lines")

if len(lines) < 120:
    errors.append(f"only {len(lines)} relation lines (at least 120 required)")

if errors:
    print("\n".join(errors))
    print(f"FAILED: {len(errors)} problem(s)")
    sys.exit(1)
for doc in sorted(per_doc):
    print(f"{doc}: {per_doc[doc]} relations")
print(f"{len(lines)} lines, {len(articles)} documents")
print("OK")
