#!/usr/bin/env python3
"""Validate the blind31 gold annotation (blind31.jsonl).

Run:  python3 /work/blind/blind31/check.py

Checks every line: valid JSON object, required fields, the doc exists, the anchor
occurs in that document (and exactly once), ids exist in ACTORS.tsv, relation /
polarity / modality are in relations.yaml, argument kinds fit the relation's
`args` (person vs group), optional time format, no duplicate lines. Also checks
article length (350-700 words) and that every article has annotations. Prints
per-relation, per-document, polarity and modality counts, then OK or the errors.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
SET = os.path.basename(HERE)  # "blind31"
GOLD = os.path.join(HERE, SET + ".jsonl")
ACTORS = os.path.join(BLIND, "ACTORS.tsv")
VOCAB = os.path.join(BLIND, "relations.yaml")

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
OPTIONAL = ["time"]
TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")


def load_vocab(path):
    """Return (relations, polarities, modalities); relations: name -> (directed, [subj_kind, obj_kind])."""
    text = open(path, encoding="utf-8").read()
    try:
        import yaml  # type: ignore
        data = yaml.safe_load(text)
        rels = {k: (bool(v["directed"]), list(v["args"])) for k, v in data["relations"].items()}
        return rels, list(data["polarities"]), list(data["modalities"].keys())
    except ImportError:
        pass
    rels, pols, mods = {}, [], []
    section = None
    for line in text.splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            key = line.split(":", 1)[0].strip()
            section = key
            if key == "polarities":
                pols = [p.strip() for p in line.split("[", 1)[1].split("]", 1)[0].split(",")]
            continue
        m = re.match(r"^\s+(\w+):\s*\{(.*)\}\s*$", line)
        if not m:
            continue
        name, body = m.group(1), m.group(2)
        if section == "relations":
            d = re.search(r"directed:\s*(true|false)", body)
            a = re.search(r"args:\s*\[([^\]]*)\]", body)
            rels[name] = (d.group(1) == "true", [x.strip() for x in a.group(1).split(",")])
        elif section == "modalities":
            mods.append(name)
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        i_id, i_kind = header.index("id"), header.index("kind")
        for line in f:
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            kinds[cols[i_id]] = cols[i_kind] if len(cols) > i_kind else ""
    return kinds


def kind_fits(actor_kind, wanted):
    if wanted == "any":
        return True
    if wanted == "person":
        return actor_kind == "person"
    if wanted == "group":
        return actor_kind != "person"
    return False


def main():
    errors, warnings = [], []
    rels, pols, mods = load_vocab(VOCAB)
    kinds = load_actors(ACTORS)
    articles = sorted(f for f in os.listdir(HERE) if re.match(r"^\d\d-.+\.txt$", f))
    texts = {f: open(os.path.join(HERE, f), encoding="utf-8").read() for f in articles}

    for f, t in texts.items():
        n = len(t.split())
        if not 350 <= n <= 700:
            errors.append(f"{f}: {n} words, outside 350-700")

    per_rel = collections.Counter()
    per_doc = collections.Counter()
    per_pol = collections.Counter()
    per_mod = collections.Counter()
    per_rel_pol = collections.Counter()
    seen = set()
    n_lines = 0

    with open(GOLD, encoding="utf-8") as fh:
        for ln, raw in enumerate(fh, 1):
            if not raw.strip():
                warnings.append(f"line {ln}: empty line")
                continue
            n_lines += 1
            where = f"line {ln}"
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e})")
                continue
            if not isinstance(rec, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            missing = [k for k in REQUIRED if k not in rec]
            if missing:
                errors.append(f"{where}: missing field(s) {missing}")
                continue
            extra = [k for k in rec if k not in REQUIRED + OPTIONAL]
            if extra:
                errors.append(f"{where}: unknown field(s) {extra}")
            for k in REQUIRED:
                if not isinstance(rec[k], str) or not rec[k]:
                    errors.append(f"{where}: field {k} must be a non-empty string")
            doc = rec["doc"]
            if not doc.startswith(SET + "/"):
                errors.append(f"{where}: doc {doc!r} must start with {SET}/")
                continue
            fname = doc.split("/", 1)[1]
            if fname not in texts:
                errors.append(f"{where}: doc {doc!r} does not exist")
                continue
            anchor = rec["anchor"]
            count = texts[fname].count(anchor)
            if count == 0:
                errors.append(f"{where}: anchor not found in {fname}: {anchor!r}")
            elif count > 1:
                errors.append(f"{where}: anchor occurs {count} times in {fname}: {anchor!r}")
            if "\n" in anchor:
                errors.append(f"{where}: anchor spans a line break: {anchor!r}")
            subj, rel, obj = rec["subject"], rec["relation"], rec["object"]
            for role, aid in (("subject", subj), ("object", obj)):
                if aid not in kinds:
                    errors.append(f"{where}: {role} id {aid!r} not in ACTORS.tsv")
            if rel not in rels:
                errors.append(f"{where}: relation {rel!r} not in relations.yaml")
            if rec["polarity"] not in pols:
                errors.append(f"{where}: polarity {rec['polarity']!r} not in {pols}")
            if rec["modality"] not in mods:
                errors.append(f"{where}: modality {rec['modality']!r} not in {mods}")
            if "time" in rec and not (isinstance(rec["time"], str) and TIME_RE.match(rec["time"])):
                errors.append(f"{where}: bad time {rec.get('time')!r}")
            if subj == obj:
                errors.append(f"{where}: subject equals object ({subj})")
            if rel in rels and subj in kinds and obj in kinds:
                directed, (ks, ko) = rels[rel]
                if not kind_fits(kinds[subj], ks):
                    errors.append(f"{where}: {rel} subject {subj} is {kinds[subj]}, needs {ks}")
                if not kind_fits(kinds[obj], ko):
                    errors.append(f"{where}: {rel} object {obj} is {kinds[obj]}, needs {ko}")
                pair = (subj, obj) if directed else tuple(sorted((subj, obj)))
                key = (doc, anchor, rel, pair, rec["polarity"], rec["modality"])
                if key in seen:
                    errors.append(f"{where}: duplicate of an earlier line {key}")
                seen.add(key)
            per_rel[rel] += 1
            per_rel_pol[(rel, rec["polarity"])] += 1
            per_doc[fname] += 1
            per_pol[rec["polarity"]] += 1
            per_mod[rec["modality"]] += 1

    for f in articles:
        if per_doc[f] == 0:
            errors.append(f"{f}: no annotation lines")

    print(f"{SET}: {len(articles)} articles, {n_lines} relation lines")
    print("\nper document (words, relations):")
    for f in articles:
        print(f"  {f:45s} {len(texts[f].split()):4d} words {per_doc[f]:4d} relations")
    print("\nper relation (total / affirmed / negated):")
    for r in rels:
        print(f"  {r:16s} {per_rel[r]:4d} {per_rel_pol[(r, 'affirmed')]:4d} {per_rel_pol[(r, 'negated')]:4d}")
    print("\npolarity: " + ", ".join(f"{k}={per_pol[k]}" for k in pols))
    print("modality: " + ", ".join(f"{k}={per_mod[k]}" for k in mods))
    for w in warnings:
        print("WARNING:", w)
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
