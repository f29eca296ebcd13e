#!/usr/bin/env python3
"""Validator for blind set blind28: run from anywhere; prints OK or a list of problems."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)                       # /work/blind
JSONL = os.path.join(HERE, "blind28.jsonl")

def load_vocab(path):
    """Read relation names, polarities and modalities from relations.yaml."""
    try:
        import yaml
        y = yaml.safe_load(open(path, encoding="utf-8"))
        rels = {k: v for k, v in y["relations"].items()}
        return rels, set(y["polarities"]), set(y["modalities"])
    except ImportError:
        text = open(path, encoding="utf-8").read()
        rels, pols, mods, sec = {}, set(), set(), None
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if not line.startswith(" "):
                sec = line.split(":")[0].strip()
                if sec == "polarities":
                    pols = set(re.findall(r"[a-z_]+", line.split(":", 1)[1]))
                continue
            m = re.match(r"  ([a-z_]+):\s*(.*)", line)
            if m and sec == "relations":
                args = re.search(r"args:\s*\[(\w+),\s*(\w+)\]", m.group(2))
                rels[m.group(1)] = {"args": list(args.groups()) if args else ["any", "any"]}
            elif m and sec == "modalities":
                mods.add(m.group(1))
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
    return kind != "person"          # group: every kind but person

def main():
    rels, pols, mods = load_vocab(os.path.join(ROOT, "relations.yaml"))
    actors = load_actors(os.path.join(ROOT, "ACTORS.tsv"))
    docs = sorted(f for f in os.listdir(HERE) if re.match(r"0[1-8]-.*\.txt$", f))
    texts = {f: open(os.path.join(HERE, f), encoding="utf-8").read() for f in docs}
    errors, warnings, per_doc, seen = [], [], {f: 0 for f in docs}, set()
    for n, line in enumerate(open(JSONL, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"line {n}: does not parse ({e})"); continue
        doc = r.get("doc", "")
        fname = doc.split("/", 1)[1] if doc.startswith("blind28/") else None
        if fname not in texts:
            errors.append(f"line {n}: unknown doc {doc!r}"); continue
        per_doc[fname] += 1
        if r.get("relation") is None:
            continue
        for key in ("anchor", "subject", "relation", "object", "polarity", "modality"):
            if key not in r:
                errors.append(f"line {n}: missing {key}")
        extra = set(r) - {"doc", "anchor", "subject", "relation", "object", "polarity", "modality", "time"}
        if extra:
            errors.append(f"line {n}: unexpected keys {sorted(extra)}")
        a = r.get("anchor", "")
        cnt = texts[fname].count(a) if a else 0
        if cnt == 0:
            errors.append(f"line {n}: anchor not in {fname}: {a!r}")
        elif cnt > 1:
            errors.append(f"line {n}: anchor occurs {cnt} times in {fname}: {a!r}")
        if "\n" in a:
            errors.append(f"line {n}: anchor spans a line break")
        for role in ("subject", "object"):
            if r.get(role) not in actors:
                errors.append(f"line {n}: {role} id not in ACTORS.tsv: {r.get(role)!r}")
        rel = r.get("relation")
        if rel not in rels:
            errors.append(f"line {n}: relation not in vocabulary: {rel!r}")
        else:
            want = rels[rel].get("args", ["any", "any"])
            for role, w in zip(("subject", "object"), want):
                if r.get(role) in actors and not kind_ok(w, actors[r[role]]):
                    errors.append(f"line {n}: {rel} {role} must be {w}, {r[role]} is {actors[r[role]]}")
        if r.get("polarity") not in pols:
            errors.append(f"line {n}: bad polarity {r.get('polarity')!r}")
        if r.get("modality") not in mods:
            errors.append(f"line {n}: bad modality {r.get('modality')!r}")
        if r.get("subject") == r.get("object"):
            errors.append(f"line {n}: subject equals object")
        t = r.get("time")
        if t is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s", str(t)):
            errors.append(f"line {n}: bad time {t!r}")
        key = (doc, a, r.get("subject"), rel, r.get("object"), r.get("polarity"))
        if key in seen:
            warnings.append(f"line {n}: duplicate line")
        seen.add(key)
    for f in docs:
        if per_doc[f] == 0:
            errors.append(f"{f}: no annotation line")
        words = len(texts[f].split())
        if not 350 <= words <= 650:
            errors.append(f"{f}: {words} words (want 350-650)")
    if len(docs) != 8:
        errors.append(f"expected 8 articles, found {len(docs)}")
    for w in warnings:
        print("warning:", w)
    if errors:
        for e in errors:
            print("ERROR:", e)
        sys.exit(1)
    total = sum(per_doc.values())
    for f in docs:
        print(f"{f}: {per_doc[f]} lines, {len(texts[f].split())} words")
    print(f"{total} relation lines in {len(docs)} documents")
    print("OK")

if __name__ == "__main__":
    main()
