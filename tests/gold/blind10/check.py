"""Validator for blind10: python3 check.py  (prints OK when everything passes)."""
import json, os, re, sys, glob
HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.dirname(HERE)
errors = []
def err(m): errors.append(m)

# vocabulary from relations.yaml
ytext = open(os.path.join(BLIND, "relations.yaml")).read()
try:
    import yaml
    y = yaml.safe_load(ytext)
    RELS = y["relations"]; POLS = set(y["polarities"]); MODS = set(y["modalities"])
    DIRECTED = {k for k, v in RELS.items() if v.get("directed")}
    ARGS = {k: v.get("args") for k, v in RELS.items()}
except ImportError:
    RELS = dict(re.findall(r"^\s{2}(\w+): \{directed: (\w+)", ytext, re.M))
    DIRECTED = {k for k, v in RELS.items() if v == "true"}
    ARGS = {k: re.search(r"^\s{2}%s: .*args: \[(\w+), (\w+)\]" % k, ytext, re.M).groups() for k in RELS}
    POLS = set(re.search(r"^polarities: \[(.*)\]", ytext, re.M).group(1).replace(" ", "").split(","))
    MODS = set(re.search(r"^modalities: \[(.*)\]", ytext, re.M).group(1).replace(" ", "").split(","))

# actors
KIND = {}
for i, line in enumerate(open(os.path.join(BLIND, "ACTORS.tsv"), encoding="utf-8")):
    if i == 0: continue
    f = line.rstrip("\n").split("\t")
    KIND[f[0]] = f[2]

# articles
texts = {}
for p in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
    t = open(p, encoding="utf-8").read()
    name = os.path.basename(p)
    texts["blind10/" + name] = t
    n = len(t.split())
    if not 330 <= n <= 420: err(f"{name}: {n} words (want 330-420)")
    lines = t.split("\n")
    if len(lines) < 4 or not lines[0].strip() or lines[1].strip() or not lines[2].strip():
        err(f"{name}: want headline, blank line, dateline paragraph")
if len(texts) != 8: err(f"{len(texts)} articles, want 8")

REQ = {"doc", "anchor", "subject", "relation", "object", "polarity", "modality"}
TIME = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s)$")
seen, per_doc = set(), {}
rows = [json.loads(l) for l in open(os.path.join(BLIND, "blind10.jsonl"), encoding="utf-8") if l.strip()]
for i, d in enumerate(rows, 1):
    keys = set(d)
    if not REQ <= keys or keys - REQ - {"time"}: err(f"line {i}: keys {sorted(keys)}"); continue
    doc = d["doc"]
    if doc not in texts: err(f"line {i}: unknown doc {doc}"); continue
    per_doc[doc] = per_doc.get(doc, 0) + 1
    for k in ("subject", "object"):
        if d[k] not in KIND: err(f"line {i}: unknown id {d[k]}")
    r = d["relation"]
    if r not in RELS: err(f"line {i}: unknown relation {r}"); continue
    if d["polarity"] not in POLS: err(f"line {i}: polarity {d['polarity']}")
    if d["modality"] not in MODS: err(f"line {i}: modality {d['modality']}")
    if d["modality"] == "denied" and d["polarity"] != "negated": err(f"line {i}: denied but affirmed")
    if "time" in d and not TIME.match(d["time"]): err(f"line {i}: bad time {d['time']}")
    if d["subject"] == d["object"]: err(f"line {i}: subject == object")
    if ARGS.get(r) and ARGS[r][0] == "person" and KIND.get(d["subject"]) != "person":
        err(f"line {i}: {r} needs a person subject, got {d['subject']}")
    c = texts[doc].count(d["anchor"])
    if c != 1: err(f"line {i}: anchor occurs {c} times in {doc}: {d['anchor']!r}")
    else:
        # anchor must lie within one sentence (no sentence break inside, except a trailing full stop)
        if re.search(r"[.!?]\s+[A-Z\"]", d["anchor"]) or "\n" in d["anchor"]:
            err(f"line {i}: anchor spans sentences: {d['anchor']!r}")
    a, b = d["subject"], d["object"]
    if r not in DIRECTED: a, b = sorted((a, b))
    key = (doc, d["anchor"], a, r, b, d["polarity"], d["modality"])
    if key in seen: err(f"line {i}: duplicate {key}")
    seen.add(key)
for doc in texts:
    if doc not in per_doc: err(f"{doc}: no annotation line")
used = {r["relation"] for r in rows}
if set(RELS) - used: err(f"relations not covered: {sorted(set(RELS) - used)}")
if len(rows) < 150: err(f"only {len(rows)} relations")

if errors:
    print("\n".join(errors)); print(f"{len(errors)} problem(s)"); sys.exit(1)
print(f"{len(texts)} articles, {len(rows)} relations")
print("OK")
