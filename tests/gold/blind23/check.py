#!/usr/bin/env python3
"""Validator for blind set blind23.

Checks every line of blind23.jsonl: it parses as JSON with the expected keys; the document
exists; the anchor is an exact, case-sensitive substring of the document that occurs exactly
once and does not cross a line break; subject and object are ids in ACTORS.tsv; relation,
polarity and modality are in relations.yaml; the argument kinds fit the relation (person for
leads/member_of subjects, a non-person for group slots); time, when given, is YYYY, YYYY-MM,
YYYY-MM-DD or a decade. Also checks each article is 350-650 words and no line is duplicated.
Prints OK when everything passes, otherwise the problems and a non-zero exit status.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SET = os.path.basename(HERE)


def load_vocab(path):
    rels, pols, mods, section = {}, [], [], None
    for line in open(path, encoding="utf-8"):
        s = line.split("#", 1)[0].rstrip()
        if not s.strip():
            continue
        if not s.startswith(" "):
            section = s.split(":", 1)[0].strip()
            m = re.match(r"\s*\w+:\s*\[(.*)\]", s)
            if m and section == "polarities":
                pols = [x.strip() for x in m.group(1).split(",")]
            continue
        m = re.match(r"\s+(\w+):\s*\{(.*)\}", s)
        if not m:
            continue
        name, body = m.groups()
        if section == "relations":
            args = re.search(r"args:\s*\[([^\]]*)\]", body).group(1)
            rels[name] = [a.strip() for a in args.split(",")]
        elif section == "modalities":
            mods.append(name)
    return rels, pols, mods


def main():
    rels, pols, mods = load_vocab(os.path.join(ROOT, "relations.yaml"))
    kinds = {}
    with open(os.path.join(ROOT, "ACTORS.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                kinds[parts[0]] = parts[2]
    errors, docs, seen, per_doc = [], {}, set(), {}
    for name in sorted(os.listdir(HERE)):
        if re.match(r"\d\d-.+\.txt$", name):
            text = open(os.path.join(HERE, name), encoding="utf-8").read()
            docs[name] = text
            n = len(text.split())
            if not 350 <= n <= 650:
                errors.append(f"{name}: {n} words, outside 350-650")
    keys = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality"}
    path = os.path.join(HERE, f"{SET}.jsonl")
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        where = f"line {i}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: does not parse ({e})")
            continue
        missing = keys - rec.keys()
        extra = rec.keys() - keys - {"time"}
        if missing or extra:
            errors.append(f"{where}: missing {sorted(missing)} extra {sorted(extra)}")
            continue
        doc = rec["doc"]
        if not doc.startswith(SET + "/") or doc[len(SET) + 1:] not in docs:
            errors.append(f"{where}: unknown doc {doc}")
            continue
        text = docs[doc[len(SET) + 1:]]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        a = rec["anchor"]
        c = text.count(a)
        if c == 0:
            errors.append(f"{where}: anchor not in {doc}: {a!r}")
        elif c > 1:
            errors.append(f"{where}: anchor occurs {c} times in {doc}: {a!r}")
        if "\n" in a:
            errors.append(f"{where}: anchor crosses a line break")
        for slot in ("subject", "object"):
            if rec[slot] not in kinds:
                errors.append(f"{where}: {slot} id not in ACTORS.tsv: {rec[slot]}")
        r = rec["relation"]
        if r not in rels:
            errors.append(f"{where}: relation not in vocabulary: {r}")
        elif rec["subject"] in kinds and rec["object"] in kinds:
            for slot, want in zip(("subject", "object"), rels[r]):
                k = kinds[rec[slot]]
                if (want == "person" and k != "person") or (want == "group" and k == "person"):
                    errors.append(f"{where}: {slot} {rec[slot]} ({k}) does not fit {r} ({want})")
        if rec["subject"] == rec["object"]:
            errors.append(f"{where}: subject equals object")
        if rec["polarity"] not in pols:
            errors.append(f"{where}: polarity not in vocabulary: {rec['polarity']}")
        if rec["modality"] not in mods:
            errors.append(f"{where}: modality not in vocabulary: {rec['modality']}")
        if rec["modality"] == "denied" and rec["polarity"] != "negated":
            errors.append(f"{where}: modality denied needs polarity negated")
        t = rec.get("time")
        if t is not None and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?|\d{3}0s", t):
            errors.append(f"{where}: bad time {t!r}")
        key = (doc, a, rec["subject"], r, rec["object"], rec["polarity"])
        if key in seen:
            errors.append(f"{where}: duplicate line")
        seen.add(key)
    for name in docs:
        if f"{SET}/{name}" not in per_doc:
            errors.append(f"{name}: no annotation lines")
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        sys.exit(1)
    total = sum(per_doc.values())
    print(f"OK: {total} relation lines in {len(per_doc)} documents")
    for d in sorted(per_doc):
        print(f"  {d}: {per_doc[d]}")


if __name__ == "__main__":
    main()
