#!/usr/bin/env python3
"""Validate the recog6 blind evaluation set: docs/, mentions.jsonl, near_miss.jsonl."""
import json, os, re, sys, glob
from collections import Counter
ROOT = os.path.dirname(os.path.abspath(__file__))
errors = []
def err(msg): errors.append(msg)

# actors
ids = {}
with open(os.path.join(ROOT, 'ACTORS.tsv'), encoding='utf-8') as fh:
    header = fh.readline().rstrip('\n').split('\t')
    if header[:2] != ['id', 'name']: err('ACTORS.tsv header unexpected: %r' % header)
    for line in fh:
        f = line.rstrip('\n').split('\t')
        if f and f[0]: ids[f[0]] = f

# documents
docs = {}
paths = sorted(glob.glob(os.path.join(ROOT, 'docs', '*.txt')))
if len(paths) != 12: err('expected 12 documents, found %d' % len(paths))
for i, p in enumerate(paths, 1):
    name = os.path.basename(p)
    if not re.fullmatch(r'%02d-[a-z0-9-]+\.txt' % i, name): err('bad doc name or numbering: %s' % name)
    text = open(p, encoding='utf-8').read()
    docs[name] = text
    lines = text.split('\n')
    if not lines[0].strip() or len(lines[0].split()) > 20 or (len(lines) > 1 and lines[1].strip()):
        err('%s: first line should be a headline followed by a blank line' % name)
    wc = len(text.split())
    if not 330 <= wc <= 450: err('%s: %d words (want 330-450)' % (name, wc))

# mentions
mentions = []; cursor = {}; last_doc_index = -1; doc_order = list(docs)
with open(os.path.join(ROOT, 'mentions.jsonl'), encoding='utf-8') as fh:
    for n, line in enumerate(fh, 1):
        try: m = json.loads(line)
        except Exception as e: err('mentions line %d: bad JSON (%s)' % (n, e)); continue
        if set(m) != {'doc', 'text', 'actor'}: err('mentions line %d: keys %s' % (n, sorted(m))); continue
        if m['doc'] not in docs: err('mentions line %d: unknown doc %s' % (n, m['doc'])); continue
        if m['actor'] not in ids: err('mentions line %d: unknown actor id %s' % (n, m['actor']))
        di = doc_order.index(m['doc'])
        if di < last_doc_index: err('mentions line %d: documents out of order' % n)
        last_doc_index = di
        start = cursor.get(m['doc'], 0)
        k = docs[m['doc']].find(m['text'], start)
        if not m['text'] or k < 0: err('mentions line %d: %r not found in %s after offset %d' % (n, m['text'], m['doc'], start)); continue
        cursor[m['doc']] = k + len(m['text'])
        mentions.append(m)
per_doc = Counter(m['doc'] for m in mentions)
for d in docs:
    if per_doc[d] == 0: err('%s has no mentions' % d)
if len(mentions) < 330: err('only %d mentions (want >= 330)' % len(mentions))

# near misses
near = []; seen = set()
with open(os.path.join(ROOT, 'near_miss.jsonl'), encoding='utf-8') as fh:
    for n, line in enumerate(fh, 1):
        try: r = json.loads(line)
        except Exception as e: err('near_miss line %d: bad JSON (%s)' % (n, e)); continue
        if set(r) != {'text', 'name', 'why'}: err('near_miss line %d: keys %s' % (n, sorted(r))); continue
        if not all(isinstance(r[k], str) and r[k].strip() for k in r): err('near_miss line %d: empty field' % n)
        if r['name'] not in r['text']: err('near_miss line %d: name %r not in text' % (n, r['name']))
        if r['text'] in seen: err('near_miss line %d: duplicate sentence' % n)
        seen.add(r['text']); near.append(r)
if len(near) < 220: err('only %d near-miss sentences (want >= 220)' % len(near))
first_words = Counter(r['text'].split()[0].lower() for r in near)
if first_words and first_words.most_common(1)[0][1] > len(near) * 0.2: err('near-miss sentences too uniform: %r' % first_words.most_common(1))

print('documents: %d' % len(docs))
for d in docs: print('  %-32s %4d words %3d mentions' % (d, len(docs[d].split()), per_doc[d]))
print('mentions: %d (distinct actors: %d)' % (len(mentions), len({m["actor"] for m in mentions})))
print('near_miss: %d' % len(near))
if errors:
    for e in errors: print('ERROR:', e)
    sys.exit(1)
print('OK')
