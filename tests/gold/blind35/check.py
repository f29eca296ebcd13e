#!/usr/bin/env python3
"""Validate blind35.jsonl against ACTORS.tsv, relations.yaml and the article texts.

Usage: python3 check.py [file.jsonl]   (default: blind35.jsonl next to this script)
Exit status 0 if everything passes, 1 otherwise.
"""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)                       # /work/blind
ACTORS = os.path.join(ROOT, "ACTORS.tsv")
RELATIONS = os.path.join(ROOT, "relations.yaml")
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "blind35.jsonl")

errors, warnings = [], []

def err(msg): errors.append(msg)
def warn(msg): warnings.append(msg)

# --- actors: id -> kind
kinds = {}
with open(ACTORS, encoding="utf-8") as f:
    header = f.readline().rstrip("\n").split("\t")
    assert header[:3] == ["id", "name", "kind"], header
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if cols and cols[0]:
            kinds[cols[0]] = cols[2] if len(cols) > 2 else ""

# --- relations, polarities, modalities (tiny parser for the known layout; PyYAML if present)
def load_vocab(path):
    try:
        import yaml
        y = yaml.safe_load(open(path, encoding="utf-8"))
        rels = {k: (bool(v["directed"]), list(v["args"])) for k, v in y["relations"].items()}
        return rels, list(y["polarities"]), list(y["modalities"].keys())
    except ImportError:
        pass
    rels, pols, mods, section = {}, [], [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            key = line.split(":")[0].strip()
            section = key
            if key == "polarities":
                pols = [p.strip() for p in line.split("[", 1)[1].split("]")[0].split(",")]
            continue
        m = re.match(r"\s+([a-z_]+):\s*\{(.*)\}", line)
        if not m:
            continue
        name, body = m.groups()
        if section == "relations":
            directed = re.search(r"directed:\s*(true|false)", body).group(1) == "true"
            args = [a.strip() for a in re.search(r"args:\s*\[([^\]]*)\]", body).group(1).split(",")]
            rels[name] = (directed, args)
        elif section == "modalities":
            mods.append(name)
    return rels, pols, mods

RELS, POLS, MODS = load_vocab(RELATIONS)
if len(RELS) != 12:
    err(f"expected 12 relations in relations.yaml, parsed {len(RELS)}")

def kind_ok(actor_kind, arg):
    if arg == "any":
        return True
    if arg == "person":
        return actor_kind == "person"
    if arg == "group":
        return actor_kind != "person"
    return False

TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")
ABBREV = ("Gen.", "Oct.", "Nov.", "U.S.", "U.N.", "Mr.", "Dr.", "No.")

def sentences(text):
    """Split into sentences: by line, then at [.!?] (+ optional closing quote) followed by space + capital/quote."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in re.finditer(r'[.!?]["\u201d\']?\s+(?=["\u201c(]?[A-Z0-9])', line):
            chunk = line[start:m.end()].strip()
            if chunk.endswith(ABBREV):
                continue
            out.append(chunk)
            start = m.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out

docs = {}
def doc_text(doc):
    if doc not in docs:
        path = os.path.join(ROOT, doc)
        docs[doc] = open(path, encoding="utf-8").read() if os.path.isfile(path) else None
    return docs[doc]

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
seen = Counter()
per_doc = Counter()
per_rel = Counter()

with open(DATA, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        where = f"line {n}"
        if not line.strip():
            err(f"{where}: empty line"); continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"{where}: invalid JSON ({e})"); continue
        if not isinstance(rec, dict):
            err(f"{where}: not an object"); continue
        if rec.get("relation", "x") is None:
            continue
        extra = set(rec) - set(REQUIRED) - {"time"}
        if extra:
            err(f"{where}: unknown keys {sorted(extra)}")
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            err(f"{where}: missing keys {missing}"); continue
        doc, anchor = rec["doc"], rec["anchor"]
        s, r, o = rec["subject"], rec["relation"], rec["object"]
        if not doc.startswith("blind35/"):
            err(f"{where}: doc must start with blind35/: {doc}")
        text = doc_text(doc)
        if text is None:
            err(f"{where}: document not found: {doc}"); continue
        per_doc[doc] += 1
        per_rel[r] += 1
        if not isinstance(anchor, str) or not anchor.strip():
            err(f"{where}: empty anchor"); continue
        if "\n" in anchor:
            err(f"{where}: anchor spans lines")
        cnt = text.count(anchor)
        if cnt != 1:
            err(f"{where}: anchor found {cnt} times in {doc}: {anchor!r}")
        sent = [x for x in sentences(text) if anchor in x]
        if cnt == 1 and len(sent) != 1:
            warn(f"{where}: anchor not inside a single sentence: {anchor!r}")
        for role, a, arg_i in (("subject", s, 0), ("object", o, 1)):
            if a not in kinds:
                err(f"{where}: unknown {role} id {a!r}")
        if rec["polarity"] not in POLS:
            err(f"{where}: bad polarity {rec['polarity']!r}")
        if rec["modality"] not in MODS:
            err(f"{where}: bad modality {rec['modality']!r}")
        if r not in RELS:
            err(f"{where}: unknown relation {r!r}"); continue
        directed, args = RELS[r]
        if s in kinds and not kind_ok(kinds[s], args[0]):
            err(f"{where}: subject {s} ({kinds[s]}) not allowed for {r} ({args[0]})")
        if o in kinds and not kind_ok(kinds[o], args[1]):
            err(f"{where}: object {o} ({kinds[o]}) not allowed for {r} ({args[1]})")
        if s == o:
            err(f"{where}: subject equals object ({s})")
        if rec["modality"] == "denied" and rec["polarity"] != "negated":
            err(f"{where}: modality denied requires polarity negated")
        if "time" in rec and not TIME_RE.match(str(rec["time"])):
            err(f"{where}: bad time {rec['time']!r}")
        pair = (s, o) if directed else tuple(sorted((s, o)))
        key = (doc, sent[0] if sent else anchor, r, pair, rec["polarity"], rec["modality"])
        seen[key] += 1
        if seen[key] == 2:
            err(f"{where}: duplicate relation in the same sentence: {r} {pair} {rec['polarity']}/{rec['modality']}")

# --- corpus-level checks
files = sorted(x for x in os.listdir(HERE) if x.endswith(".txt"))
for fn in files:
    doc = f"blind35/{fn}"
    words = len(open(os.path.join(HERE, fn), encoding="utf-8").read().split())
    if not 450 <= words <= 700:
        err(f"{fn}: {words} words (want 450-700)")
    if per_doc[doc] == 0:
        err(f"{fn}: no annotation lines")
unused = sorted(set(RELS) - set(per_rel))
if unused:
    err(f"relations never used: {unused}")
total = sum(per_doc.values())
if total < 300:
    err(f"only {total} relations (want >= 300)")

print(f"{total} relations in {len(per_doc)} documents")
for d in sorted(per_doc):
    print(f"  {per_doc[d]:4d}  {d}")
for r in sorted(per_rel):
    print(f"  {per_rel[r]:4d}  {r}")
for w in warnings:
    print("WARNING:", w)
for e in errors:
    print("ERROR:", e)
print("FAIL" if errors else "PASS")
sys.exit(1 if errors else 0)
