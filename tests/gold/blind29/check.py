#!/usr/bin/env python3
"""Validator for the blind29 gold annotation.

Usage: python3 /work/blind/blind29/check.py

Checks every line of blind29.jsonl:
  - valid JSON object with the required fields (doc, anchor, subject, relation,
    object, polarity, modality; optional time) and no unknown fields
  - the doc exists (doc = "blind29/<file>", resolved next to this script)
  - the anchor occurs, exactly and case-sensitively, in the document text
    (error if absent, warning if it occurs more than once, warning if it seems
    to cross a sentence boundary)
  - subject and object are ids of ACTORS.tsv
  - relation, polarity and modality are declared in relations.yaml
  - the argument kinds fit the relation's args (person / group / any)
  - time, if present, is YYYY, YYYY-MM, YYYY-MM-DD or a decade (1990s)
  - no duplicate lines; no self-relations
It also checks that every .txt article has at least one line and reports word
counts, per-document and per-relation counts (with polarity and modality).
Exit status 0 and a final "OK" when no error was found.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)                     # /work/blind
GOLD = os.path.join(HERE, "blind29.jsonl")
ACTORS = os.path.join(ROOT, "ACTORS.tsv")
VOCAB = os.path.join(ROOT, "relations.yaml")
SET = os.path.basename(HERE)                     # "blind29"

REQUIRED = ["doc", "anchor", "subject", "relation", "object", "polarity", "modality"]
OPTIONAL = ["time"]
TIME_RE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$")


def load_vocab(path):
    """Return (relations {name: args list}, polarities, modalities)."""
    try:
        import yaml  # type: ignore
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        rels = {k: list(v.get("args", ["any", "any"])) for k, v in data["relations"].items()}
        return rels, list(data["polarities"]), list(data["modalities"].keys())
    except ImportError:
        pass
    # Minimal fallback parser for the known layout of relations.yaml.
    rels, pols, mods = {}, [], []
    section = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if not line.startswith(" "):
                key = line.split(":", 1)[0].strip()
                section = key
                if key == "polarities":
                    pols = [x.strip() for x in line.split("[", 1)[1].rstrip("]").split(",")]
                continue
            if section == "relations":
                m = re.match(r"\s+(\w+):.*args:\s*\[([^\]]*)\]", line)
                if m:
                    rels[m.group(1)] = [a.strip() for a in m.group(2).split(",")]
            elif section == "modalities":
                m = re.match(r"\s+(\w+):", line)
                if m:
                    mods.append(m.group(1))
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0]:
                kinds[parts[0]] = parts[2]
    return kinds


def kind_fits(arg, kind):
    if arg == "any":
        return True
    if arg == "person":
        return kind == "person"
    if arg == "group":
        return kind != "person"
    return False


def main():
    errors, warnings = [], []
    rels, pols, mods = load_vocab(VOCAB)
    kinds = load_actors(ACTORS)
    texts = {}
    seen = set()
    per_rel = collections.Counter()
    per_rel_pol = collections.Counter()
    per_mod = collections.Counter()
    per_doc = collections.Counter()
    n = 0

    with open(GOLD, encoding="utf-8") as f:
        lines = f.read().splitlines()

    for i, line in enumerate(lines, 1):
        where = "line %d" % i
        if not line.strip():
            warnings.append("%s: empty line" % where)
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append("%s: invalid JSON (%s)" % (where, e))
            continue
        if not isinstance(rec, dict):
            errors.append("%s: not a JSON object" % where)
            continue
        n += 1
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            errors.append("%s: missing fields %s" % (where, missing))
            continue
        extra = [k for k in rec if k not in REQUIRED + OPTIONAL]
        if extra:
            errors.append("%s: unknown fields %s" % (where, extra))
        for k in REQUIRED + [k for k in OPTIONAL if k in rec]:
            if not isinstance(rec[k], str) or not rec[k]:
                errors.append("%s: field %s must be a non-empty string" % (where, k))
        doc, anchor = rec["doc"], rec["anchor"]
        s, r, o = rec["subject"], rec["relation"], rec["object"]
        pol, mod = rec["polarity"], rec["modality"]
        where = "line %d (%s, %r)" % (i, doc, anchor)

        # document
        if not doc.startswith(SET + "/"):
            errors.append("%s: doc must start with %s/" % (where, SET))
        path = os.path.join(ROOT, doc)
        if doc not in texts:
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as tf:
                    texts[doc] = tf.read()
            else:
                texts[doc] = None
        text = texts[doc]
        if text is None:
            errors.append("%s: document not found (%s)" % (where, path))
        else:
            per_doc[doc] += 1
            cnt = text.count(anchor)
            if cnt == 0:
                errors.append("%s: anchor not found in document" % where)
            elif cnt > 1:
                warnings.append("%s: anchor occurs %d times in document" % (where, cnt))
            if "\n" in anchor or re.search(r"[.!?]\s+[A-Z\"]", anchor):
                warnings.append("%s: anchor may cross a sentence boundary" % where)

        # ids and kinds
        for role, ident in (("subject", s), ("object", o)):
            if ident not in kinds:
                errors.append("%s: %s id %r not in ACTORS.tsv" % (where, role, ident))
        if s == o:
            errors.append("%s: subject equals object" % where)

        # vocabulary
        if r not in rels:
            errors.append("%s: relation %r not in relations.yaml" % (where, r))
        else:
            a_s, a_o = rels[r]
            if s in kinds and not kind_fits(a_s, kinds[s]):
                errors.append("%s: subject %s (%s) does not fit %s args %s"
                              % (where, s, kinds[s], r, rels[r]))
            if o in kinds and not kind_fits(a_o, kinds[o]):
                errors.append("%s: object %s (%s) does not fit %s args %s"
                              % (where, o, kinds[o], r, rels[r]))
        if pol not in pols:
            errors.append("%s: polarity %r not in %s" % (where, pol, pols))
        if mod not in mods:
            errors.append("%s: modality %r not in %s" % (where, mod, mods))
        if mod == "denied" and pol != "negated":
            warnings.append("%s: modality denied with polarity %s" % (where, pol))
        if "time" in rec and not TIME_RE.match(str(rec["time"])):
            errors.append("%s: bad time %r" % (where, rec["time"]))

        # duplicates (symmetric relations compared without order)
        key_so = (s, o)
        if r in rels and r in ("cooperates_with", "ceasefire_with", "fights",
                               "merged_with", "negotiates_with"):
            key_so = tuple(sorted((s, o)))
        key = (doc, anchor, r) + key_so + (pol, mod)
        if key in seen:
            errors.append("%s: duplicate line" % where)
        seen.add(key)

        per_rel[r] += 1
        per_rel_pol[(r, pol)] += 1
        per_mod[mod] += 1

    # every article annotated
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt"):
            doc = SET + "/" + name
            with open(os.path.join(HERE, name), encoding="utf-8") as tf:
                words = len(tf.read().split())
            if doc not in per_doc:
                errors.append("%s: no annotation line" % doc)
            if not 350 <= words <= 700:
                warnings.append("%s: %d words (outside 350-700)" % (doc, words))
            print("%-52s %4d words %4d relations" % (doc, words, per_doc.get(doc, 0)))

    print()
    print("%-18s %6s %9s %8s" % ("relation", "total", "affirmed", "negated"))
    for r in sorted(rels):
        print("%-18s %6d %9d %8d" % (r, per_rel[r], per_rel_pol[(r, "affirmed")],
                                      per_rel_pol[(r, "negated")]))
    print("%-18s %6d" % ("all", n))
    print()
    print("modalities: " + ", ".join("%s %d" % (m, per_mod[m]) for m in mods))
    print()
    for w in warnings:
        print("WARNING: " + w)
    for e in errors:
        print("ERROR: " + e)
    if errors:
        print("FAILED: %d error(s), %d warning(s)" % (len(errors), len(warnings)))
        return 1
    print("OK: %d lines, %d documents, %d warning(s)" % (n, len(per_doc), len(warnings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
