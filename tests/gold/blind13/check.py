#!/usr/bin/env python3
"""Validator for blind13.jsonl: every line parses, every anchor occurs (exactly once) in
its document, every id is in ../ACTORS.tsv, relation / polarity / modality names are valid,
argument kinds fit the relation (person-only slots for leads/member_of subjects, group-only
slots for group relations), time has an allowed shape, no exact duplicate lines, and every
article has 350-450 words. Prints OK or the list of problems."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

RELATIONS = {  # name: (subject kind, object kind)
    "cooperates_with": ("group", "group"), "ceasefire_with": ("group", "group"),
    "fights": ("group", "group"), "attacks": ("any", "any"), "supports": ("any", "any"),
    "part_of": ("group", "group"), "splinter_of": ("group", "group"),
    "merged_with": ("group", "group"), "controls": ("any", "group"),
    "negotiates_with": ("any", "any"), "leads": ("person", "group"),
    "member_of": ("person", "group"),
}
POLARITIES = {"affirmed", "negated"}
MODALITIES = {"asserted", "reported", "alleged", "believed", "possible", "denied", "desired"}
TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
KEYS = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}


def load_relations_yaml():
    """Cross-check the hard-coded vocabulary against ../relations.yaml if it is present."""
    p = os.path.join(ROOT, "relations.yaml")
    if not os.path.exists(p):
        return []
    txt = open(p, encoding="utf-8").read()
    rels = set(re.findall(r"^\s{2}(\w+):\s*\{directed", txt, re.M))
    mods = set(re.findall(r"^\s{2}(\w+):\s*\{confidence", txt, re.M))
    errs = []
    if rels and rels != set(RELATIONS):
        errs.append(f"relations.yaml relations differ: {sorted(rels ^ set(RELATIONS))}")
    if mods and mods != MODALITIES:
        errs.append(f"relations.yaml modalities differ: {sorted(mods ^ MODALITIES)}")
    return errs


def main():
    errors = load_relations_yaml()
    kinds = {}
    with open(os.path.join(ROOT, "ACTORS.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                kinds[parts[0]] = parts[2]

    docs = {}
    for name in sorted(os.listdir(HERE)):
        if re.match(r"^0[1-8]-[a-z0-9-]+\.txt$", name):
            docs[name] = open(os.path.join(HERE, name), encoding="utf-8").read()
    if len(docs) != 8:
        errors.append(f"expected 8 articles, found {len(docs)}")
    for name, text in docs.items():
        lines = text.split("\n")
        if len(lines) < 3 or not lines[0].strip() or lines[1].strip() != "" or not lines[2].strip():
            errors.append(f"{name}: line 1 must be the headline, line 2 blank, line 3 the dateline paragraph")
        n = len(text.split())
        if not 350 <= n <= 450:
            errors.append(f"{name}: {n} words (must be 350-450)")

    seen, per_doc = set(), {d: 0 for d in docs}
    with open(os.path.join(HERE, "blind13.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {i}: empty line")
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {i}: does not parse ({e})")
                continue
            extra = set(d) - KEYS
            if extra:
                errors.append(f"line {i}: unknown keys {sorted(extra)}")
            doc = d.get("doc", "")
            if not doc.startswith("blind13/") or doc[len("blind13/"):] not in docs:
                errors.append(f"line {i}: unknown doc {doc!r}")
                continue
            fname = doc[len("blind13/"):]
            per_doc[fname] += 1
            text = docs[fname]
            anchor = d.get("anchor")
            if not isinstance(anchor, str) or not anchor:
                errors.append(f"line {i}: missing anchor")
            else:
                c = text.count(anchor)
                if c == 0:
                    errors.append(f"line {i}: anchor not found in {fname}: {anchor!r}")
                elif c > 1:
                    errors.append(f"line {i}: anchor occurs {c} times in {fname}: {anchor!r}")
                elif "\n" in anchor:
                    errors.append(f"line {i}: anchor spans lines")
            rel = d.get("relation")
            if rel not in RELATIONS:
                errors.append(f"line {i}: invalid relation {rel!r}")
                continue
            for slot, want in zip(("subject", "object"), RELATIONS[rel]):
                aid = d.get(slot)
                if aid not in kinds:
                    errors.append(f"line {i}: {slot} id not in ACTORS.tsv: {aid!r}")
                    continue
                k = kinds[aid]
                if want == "person" and k != "person":
                    errors.append(f"line {i}: {rel} needs a person {slot}, {aid} is {k}")
                if want == "group" and k == "person":
                    errors.append(f"line {i}: {rel} needs a group {slot}, {aid} is a person")
            if d.get("subject") == d.get("object"):
                errors.append(f"line {i}: subject equals object")
            if d.get("polarity") not in POLARITIES:
                errors.append(f"line {i}: invalid polarity {d.get('polarity')!r}")
            if d.get("modality") not in MODALITIES:
                errors.append(f"line {i}: invalid modality {d.get('modality')!r}")
            if d.get("modality") == "denied" and d.get("polarity") != "negated":
                errors.append(f"line {i}: modality denied must have polarity negated")
            if "time" in d and not (isinstance(d["time"], str) and TIME_RE.match(d["time"])):
                errors.append(f"line {i}: bad time {d.get('time')!r}")
            key = (doc, anchor, d.get("subject"), rel, d.get("object"), d.get("polarity"), d.get("modality"))
            if key in seen:
                errors.append(f"line {i}: duplicate line")
            seen.add(key)
    for name, n in per_doc.items():
        if n == 0:
            errors.append(f"{name}: no annotation lines")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
