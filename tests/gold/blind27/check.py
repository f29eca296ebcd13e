#!/usr/bin/env python3
"""Validator for blind set blind27.

Checks that every line of blind27.jsonl parses, that every anchor is an exact
substring of its document (and occurs there exactly once), that subject/object
ids occur in ACTORS.tsv, that relation/polarity/modality are in the vocabulary
(relations.yaml), that argument kinds fit the relation, and that every article
has at least one annotation. Prints OK when all checks pass.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SET = os.path.basename(HERE)

def load_vocab(path):
    rels, pols, mods = {}, [], []
    section = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            key = line.split(":")[0].strip()
            section = key
            if key == "polarities":
                pols = [x.strip() for x in line.split("[", 1)[1].split("]")[0].split(",")]
            continue
        m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
        if not m:
            continue
        name, body = m.groups()
        if section == "relations":
            args = re.search(r"args:\s*\[([^\]]*)\]", body).group(1)
            rels[name] = [a.strip() for a in args.split(",")]
        elif section == "modalities":
            mods.append(name)
    return rels, pols, mods

def load_actors(path):
    actors = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                actors[parts[0]] = parts[2] if len(parts) > 2 else ""
    return actors

def kind_ok(want, kind):
    if want == "any":
        return True
    if want == "person":
        return kind == "person"
    return kind != "person"  # group

def main():
    rels, pols, mods = load_vocab(os.path.join(ROOT, "relations.yaml"))
    actors = load_actors(os.path.join(ROOT, "ACTORS.tsv"))
    docs = sorted(f for f in os.listdir(HERE) if re.match(r"\d\d-.*\.txt$", f))
    texts = {f"{SET}/{f}": open(os.path.join(HERE, f), encoding="utf-8").read() for f in docs}
    errors, seen, per_doc = [], set(), {d: 0 for d in texts}
    path = os.path.join(HERE, f"{SET}.jsonl")
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            errors.append(f"line {n}: empty line"); continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})"); continue
        doc = r.get("doc")
        if doc not in texts:
            errors.append(f"line {n}: unknown doc {doc!r}"); continue
        per_doc[doc] += 1
        if r.get("relation") is None:
            continue
        text = texts[doc]
        a = r.get("anchor", "")
        cnt = text.count(a) if a else 0
        if cnt == 0:
            errors.append(f"line {n}: anchor not in {doc}: {a!r}")
        elif cnt > 1:
            errors.append(f"line {n}: anchor occurs {cnt} times in {doc}: {a!r}")
        elif re.search(r"[.!?][\"')\]]?\s+[A-Z\"]", a):
            errors.append(f"line {n}: anchor seems to span sentences: {a!r}")
        if "\n" in a:
            errors.append(f"line {n}: anchor spans lines: {a!r}")
        rel = r.get("relation")
        if rel not in rels:
            errors.append(f"line {n}: unknown relation {rel!r}"); continue
        for role, want in zip(("subject", "object"), rels[rel]):
            aid = r.get(role)
            if aid not in actors:
                errors.append(f"line {n}: unknown {role} id {aid!r}")
            elif not kind_ok(want, actors[aid]):
                errors.append(f"line {n}: {role} {aid} ({actors[aid]}) does not fit {rel} ({want})")
        if r.get("subject") == r.get("object"):
            errors.append(f"line {n}: subject equals object")
        if r.get("polarity") not in pols:
            errors.append(f"line {n}: bad polarity {r.get('polarity')!r}")
        if r.get("modality") not in mods:
            errors.append(f"line {n}: bad modality {r.get('modality')!r}")
        if r.get("modality") == "denied" and r.get("polarity") != "negated":
            errors.append(f"line {n}: denied modality must be negated")
        t = r.get("time")
        if t is not None and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?|\d{3}0s", str(t)):
            errors.append(f"line {n}: bad time {t!r}")
        extra = set(r) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra:
            errors.append(f"line {n}: unexpected keys {sorted(extra)}")
        key = (doc, a, r.get("subject"), rel, r.get("object"), r.get("polarity"), r.get("modality"))
        if key in seen:
            errors.append(f"line {n}: duplicate line")
        seen.add(key)
    for d, c in per_doc.items():
        if c == 0:
            errors.append(f"{d}: no annotation")
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} error(s)")
        sys.exit(1)
    total = sum(per_doc.values())
    for d, c in per_doc.items():
        print(f"{d}\t{c}")
    print(f"{total} relation lines in {len(per_doc)} documents")
    print("OK")

if __name__ == "__main__":
    main()
