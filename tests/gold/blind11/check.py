#!/usr/bin/env python3
"""Validator for the blind11 evaluation set.

Checks that every line of blind11.jsonl parses as JSON, names an existing article,
carries an anchor that occurs (exactly once) in the article text, uses actor ids
from ../ACTORS.tsv, relation/modality/polarity names from ../relations.yaml, a
well-formed optional time, and argument kinds allowed by the relation.
Prints OK when everything passes, otherwise one line per problem.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def load_actors():
    kinds = {}
    with open(os.path.join(ROOT, "ACTORS.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ""
    return kinds

def load_vocab():
    text = open(os.path.join(ROOT, "relations.yaml"), encoding="utf-8").read()
    rels = {}
    for m in re.finditer(r"^\s{2}(\w+):\s*\{directed:\s*(true|false),\s*args:\s*\[(\w+),\s*(\w+)\]", text, re.M):
        rels[m.group(1)] = (m.group(2) == "true", m.group(3), m.group(4))
    pol = re.search(r"^polarities:\s*\[([^\]]*)\]", text, re.M).group(1)
    polarities = {p.strip() for p in pol.split(",")}
    mods_block = text.split("\nmodalities:", 1)[1].split("\nactor_kinds", 1)[0]
    modalities = set(re.findall(r"^\s{2}(\w+):", mods_block, re.M))
    return rels, polarities, modalities

def kind_ok(arg, kind):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    return kind != "person"  # group

TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")

def main():
    actors = load_actors()
    rels, polarities, modalities = load_vocab()
    assert len(rels) == 12, "expected 12 relations in relations.yaml, got %d" % len(rels)
    errors = []
    docs = {}
    for fn in sorted(os.listdir(HERE)):
        if re.match(r"^\d\d-.*\.txt$", fn):
            docs["blind11/" + fn] = open(os.path.join(HERE, fn), encoding="utf-8").read()
    seen_docs = set()
    required = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
    with open(os.path.join(HERE, "blind11.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append("line %d: empty line" % n); continue
            try:
                d = json.loads(line)
            except ValueError as e:
                errors.append("line %d: does not parse: %s" % (n, e)); continue
            missing = [k for k in required if k not in d]
            if missing:
                errors.append("line %d: missing %s" % (n, missing)); continue
            extra = set(d) - set(required) - {"time"}
            if extra:
                errors.append("line %d: unexpected keys %s" % (n, sorted(extra)))
            doc = d["doc"]
            if doc not in docs:
                errors.append("line %d: unknown doc %s" % (n, doc)); continue
            seen_docs.add(doc)
            text = docs[doc]
            body = text.split("\n[", 1)[0]  # translator's notes are not annotated
            c = body.count(d["anchor"])
            if c == 0:
                errors.append("line %d: anchor not in doc: %r" % (n, d["anchor"]))
            elif c > 1:
                errors.append("line %d: anchor occurs %d times: %r" % (n, c, d["anchor"]))
            if "\n" in d["anchor"]:
                errors.append("line %d: anchor spans lines" % n)
            for role in ("subject", "object"):
                if d[role] not in actors:
                    errors.append("line %d: %s id not in ACTORS.tsv: %s" % (n, role, d[role]))
            if d["subject"] == d["object"]:
                errors.append("line %d: subject equals object" % n)
            r = d["relation"]
            if r not in rels:
                errors.append("line %d: bad relation %s" % (n, r))
            elif d["subject"] in actors and d["object"] in actors:
                _, a1, a2 = rels[r]
                if not kind_ok(a1, actors[d["subject"]]) or not kind_ok(a2, actors[d["object"]]):
                    errors.append("line %d: argument kinds do not fit %s: %s(%s) -> %s(%s)" % (
                        n, r, d["subject"], actors[d["subject"]], d["object"], actors[d["object"]]))
            if d["polarity"] not in polarities:
                errors.append("line %d: bad polarity %s" % (n, d["polarity"]))
            if d["modality"] not in modalities:
                errors.append("line %d: bad modality %s" % (n, d["modality"]))
            if d["modality"] == "denied" and d["polarity"] != "negated":
                errors.append("line %d: denied modality must be negated" % n)
            if "time" in d and not TIME_RE.match(str(d["time"])):
                errors.append("line %d: bad time %s" % (n, d["time"]))
    for doc in docs:
        if doc not in seen_docs:
            errors.append("no annotation for %s" % doc)
    for doc, text in docs.items():
        lines = text.split("\n")
        w = len(text.split())
        if len(lines) < 3 or lines[1] != "" or not lines[0].strip():
            errors.append("%s: line 1 must be the headline followed by a blank line" % doc)
        if not 350 <= w <= 450:
            errors.append("%s: %d words, outside 350-450" % (doc, w))
    if errors:
        print("\n".join(errors)); sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
