#!/usr/bin/env python3
"""Validate the recog4 evaluation set. Run after build.py.

Errors make the script exit 1. Warnings are printed but do not fail.
"""
import collections
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
MIN_WORDS, MAX_WORDS = 280, 380
MIN_DOCS, MIN_MENTIONS, MIN_NEAR_MISS = 12, 420, 300
MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)\]\]")

# Deliberately unannotated phrases in the documents (see README, judgement calls).
# An alias-like string found only inside one of these is not reported as a possible miss.
DELIBERATE = [
    "Lake Chad", "Niger State", "Port Sudan", "Northern Alliance", "Africa Corps",
    "Chinese engineers", "Chinese manufacture", "Government of Assam", "Manipur Police",
    "Frente de Guerra Nororiental", "Kachin Independence Organisation",
    "Revolutionary People’s Front", "United People’s Front", "State Administration Council",
    "near Mogadishu", "Chinese engineers",
]

# Extra alias-like strings for the near-miss screen (demonyms, short forms, acronyms
# that are not literal names in ACTORS.tsv). Surfaces annotated in the documents are added
# automatically.
EXTRA_ALIASES = [
    "Taliban", "Houthi", "Houthis", "Hezbollah", "Hizballah", "Hamas", "ISIS", "ISIL", "Daesh",
    "al-Qaeda", "al-Qaida", "Al-Qaeda", "PKK", "YPG", "SDF", "FARC", "ELN", "LTTE", "IRA",
    "JNIM", "ISWAP", "RSF", "SAF", "M23", "ADF", "TTP", "BLA", "KIA", "MNDAA", "TNLA",
    "UN", "EU", "AU", "NATO", "ICC", "Interpol", "CIA", "FBI", "MI6", "MI5", "Mossad",
    "Burma", "Ceylon", "Zaire", "Ivory Coast", "America", "U.S.", "US", "UK", "Britain",
    "Congo", "DRC", "UAE", "Holland", "Persia", "Siam",
    "Afghan", "Iraqi", "Syrian", "Iranian", "Israeli", "Palestinian", "Yemeni", "Saudi",
    "Emirati", "Egyptian", "Libyan", "Sudanese", "Somali", "Kenyan", "Ethiopian", "Nigerian",
    "Nigerien", "Malian", "Chadian", "Cameroonian", "Congolese", "Rwandan", "Ugandan",
    "Burundian", "Mozambican", "Pakistani", "Indian", "Chinese", "Russian", "Ukrainian",
    "Turkish", "American", "British", "French", "German", "Colombian", "Venezuelan",
    "Mexican", "Burmese", "Thai", "Bangladeshi", "Filipino", "Indonesian", "Lebanese",
    "Jordanian", "Qatari", "Omani", "Kuwaiti", "Bahraini", "Algerian", "Moroccan",
    "Tunisian", "Mauritanian", "Burkinabe", "Burkinabè", "Senegalese", "Ghanaian",
    "South Sudanese", "Eritrean", "Djiboutian", "Tanzanian", "Zambian", "Zimbabwean",
    "Angolan", "Brazilian", "Peruvian", "Ecuadorian", "Haitian", "Cuban", "Armenian",
    "Azerbaijani", "Georgian", "Chechen", "Kurdish", "Baloch", "Pashtun",
]


def fail(msg, errors):
    errors.append(msg)
    print("ERROR:", msg)


def load_actors():
    actors = {}
    with open(os.path.join(ROOT, "ACTORS.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:4] == ["id", "name", "kind", "country"], header
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            actors[parts[0]] = {"name": parts[1], "kind": parts[2]}
    return actors


def words(text):
    return len(text.split())


def find_all(hay, needle):
    """Case-sensitive occurrences of needle with alphanumeric boundaries."""
    out = []
    pat = re.compile(r"(?<![\w])" + re.escape(needle) + r"(?![\w])")
    for m in pat.finditer(hay):
        out.append((m.start(), m.end()))
    return out


def main():
    errors, warnings = [], []
    actors = load_actors()
    kinds = {i: a["kind"] for i, a in actors.items()}

    # ---------------- documents and mentions ----------------
    srcs = sorted(glob.glob(os.path.join(ROOT, "annotated_src", "*.txt")))
    docs = sorted(glob.glob(os.path.join(ROOT, "docs", "*.txt")))
    if len(srcs) < MIN_DOCS:
        fail(f"only {len(srcs)} annotated sources (need {MIN_DOCS})", errors)
    if [os.path.basename(p) for p in srcs] != [os.path.basename(p) for p in docs]:
        fail("docs/ and annotated_src/ file lists differ (run build.py)", errors)
    slug_re = re.compile(r"^\d\d-[a-z0-9-]+\.txt$")
    doc_text = {}
    total_words = 0
    print("documents:")
    for p in docs:
        name = os.path.basename(p)
        if not slug_re.match(name):
            fail(f"bad document file name {name}", errors)
        with open(p, encoding="utf-8") as f:
            text = f.read()
        doc_text[name] = text
        if "[[" in text or "]]" in text or "|" in text:
            fail(f"{name}: markup residue in plain text", errors)
        first = text.split("\n", 1)[0].strip()
        if not first or len(first.split()) < 4 or len(first) > 200:
            fail(f"{name}: line 1 does not look like a headline: {first!r}", errors)
        n = words(text)
        total_words += n
        if not (MIN_WORDS <= n <= MAX_WORDS):
            fail(f"{name}: {n} words, outside {MIN_WORDS}-{MAX_WORDS}", errors)
        print(f"  {name:42s} {n:4d} words")

    mentions = []
    with open(os.path.join(ROOT, "mentions.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            try:
                m = json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"mentions.jsonl:{ln}: bad JSON ({e})", errors)
                continue
            if set(m) != {"doc", "text", "actor"}:
                fail(f"mentions.jsonl:{ln}: keys {sorted(m)}", errors)
                continue
            if m["actor"] not in actors:
                fail(f"mentions.jsonl:{ln}: unknown actor id {m['actor']!r}", errors)
            if m["doc"] not in doc_text:
                fail(f"mentions.jsonl:{ln}: unknown doc {m['doc']!r}", errors)
            if not m["text"] or m["text"] != m["text"].strip():
                fail(f"mentions.jsonl:{ln}: empty or padded surface {m['text']!r}", errors)
            if m["text"].endswith("'s") or m["text"].endswith("’s"):
                fail(f"mentions.jsonl:{ln}: possessive inside span {m['text']!r}", errors)
            mentions.append(m)

    # order check and span collection
    spans = collections.defaultdict(list)
    cursor = collections.defaultdict(int)
    doc_order = [os.path.basename(p) for p in docs]
    last_doc_idx = -1
    for i, m in enumerate(mentions):
        d = m["doc"]
        if d not in doc_text:
            continue
        idx = doc_order.index(d)
        if idx < last_doc_idx:
            fail(f"mention {i}: documents out of order", errors)
        last_doc_idx = idx
        pos = doc_text[d].find(m["text"], cursor[d])
        if pos < 0:
            fail(f"mention {i}: {m['text']!r} not found in order in {d}", errors)
            continue
        spans[d].append((pos, pos + len(m["text"]), m["actor"]))
        cursor[d] = pos + len(m["text"])

    # rebuild consistency: the annotated source must give the same mentions
    for p in srcs:
        name = os.path.basename(p)
        with open(p, encoding="utf-8") as f:
            src = f.read()
        expected = [(mm.group(1), mm.group(2)) for mm in MARK.finditer(src)]
        got = [(m["text"], m["actor"]) for m in mentions if m["doc"] == name]
        if expected != got:
            fail(f"{name}: mentions.jsonl out of date with annotated source (run build.py)", errors)
        if MARK.sub(lambda mm: mm.group(1), src) != doc_text.get(name):
            fail(f"{name}: docs/ out of date with annotated source (run build.py)", errors)

    if len(mentions) < MIN_MENTIONS:
        fail(f"only {len(mentions)} mentions (need {MIN_MENTIONS})", errors)

    # possible missed mentions: any annotated surface or listed name occurring un-annotated
    alias_surfaces = set()
    for m in mentions:
        alias_surfaces.add(m["text"])
    for a in actors.values():
        nm = re.sub(r"\s*\(.*?\)\s*$", "", a["name"]).strip()
        if len(nm) >= 3:
            alias_surfaces.add(nm)
    for d, text in doc_text.items():
        covered = spans[d]
        delib = []
        for ph in DELIBERATE:
            for s, e in find_all(text, ph):
                delib.append((s, e))
        for alias in sorted(alias_surfaces, key=len, reverse=True):
            for s, e in find_all(text, alias):
                if any(cs <= s and e <= ce for cs, ce, _ in covered):
                    continue
                if any(cs < e and s < ce for cs, ce, _ in covered):
                    continue  # overlaps a longer annotated span
                if any(ds <= s and e <= de for ds, de in delib):
                    continue
                ctx = text[max(0, s - 30):e + 30].replace("\n", " ")
                warnings.append(f"{d}: possible missed mention {alias!r}: …{ctx}…")

    # same surface linked to different ids inside one document -> print for review
    per_doc_surface = collections.defaultdict(set)
    for m in mentions:
        per_doc_surface[(m["doc"], m["text"])].add(m["actor"])
    for (d, s), ids in per_doc_surface.items():
        if len(ids) > 1:
            print(f"NOTE: {d}: surface {s!r} linked to {sorted(ids)} (context-dependent, intended)")

    # ---------------- near-miss ----------------
    nm_rows = []
    with open(os.path.join(ROOT, "near_miss.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"near_miss.jsonl:{ln}: bad JSON ({e})", errors)
                continue
            if set(r) != {"text", "name", "why"}:
                fail(f"near_miss.jsonl:{ln}: keys {sorted(r)}", errors)
                continue
            if not all(isinstance(r[k], str) and r[k].strip() for k in r):
                fail(f"near_miss.jsonl:{ln}: empty field", errors)
            if r["name"] not in r["text"]:
                fail(f"near_miss.jsonl:{ln}: name {r['name']!r} not a substring of text", errors)
            if "[[" in r["text"] or "\t" in r["text"]:
                fail(f"near_miss.jsonl:{ln}: markup or tab in text", errors)
            nm_rows.append(r)
    if len(nm_rows) < MIN_NEAR_MISS:
        fail(f"only {len(nm_rows)} near-miss sentences (need {MIN_NEAR_MISS})", errors)
    seen = collections.Counter(r["text"] for r in nm_rows)
    for t, c in seen.items():
        if c > 1:
            fail(f"duplicate near-miss sentence: {t!r}", errors)
    all_doc_text = "\n".join(doc_text.values())
    for r in nm_rows:
        if r["text"] in all_doc_text:
            fail(f"near-miss sentence copied from a document: {r['text']!r}", errors)

    # screen near-miss sentences for other listed names / alias-like strings
    screen = set(alias_surfaces) | set(EXTRA_ALIASES)
    for a in actors.values():
        screen.add(a["name"])
    screen = {s for s in screen if len(s) >= 2}
    for r in nm_rows:
        t = r["text"]
        ns = t.find(r["name"])
        ne = ns + len(r["name"])
        hits = []
        for alias in screen:
            for s, e in find_all(t, alias):
                if s < ne and ns < e:
                    continue  # the declared near-miss string itself
                hits.append(alias)
        if hits:
            warnings.append(f"near-miss contains alias-like {sorted(set(hits))}: {t}")

    # ---------------- counts ----------------
    print()
    print(f"documents: {len(doc_text)}; words: {total_words}; mentions: {len(mentions)}")
    per_doc = collections.Counter(m["doc"] for m in mentions)
    for d in doc_order:
        print(f"  {d:42s} {per_doc[d]:3d} mentions, {len({m['actor'] for m in mentions if m['doc'] == d}):3d} distinct ids")
    ids = {m["actor"] for m in mentions}
    by_kind = collections.Counter(kinds.get(i, "?") for i in ids)
    ment_kind = collections.Counter(kinds.get(m["actor"], "?") for m in mentions)
    print(f"distinct ids: {len(ids)}")
    for k in sorted(by_kind):
        print(f"  {k:13s} {by_kind[k]:3d} ids, {ment_kind[k]:3d} mentions")
    print(f"near-miss sentences: {len(nm_rows)}")
    types = collections.Counter()
    for p in sorted(glob.glob(os.path.join(ROOT, "src_nm", "*.tsv"))):
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    types[line.split("\t", 1)[0]] += 1
    for t in sorted(types):
        print(f"  {t:16s} {types[t]:3d}")

    print()
    for w in warnings:
        print("WARNING:", w)
    print(f"{len(warnings)} warnings")
    if errors:
        print(f"FAILED with {len(errors)} errors")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
