#!/usr/bin/env python3
"""Validate the recog5 blind evaluation set: docs/, mentions.jsonl, near_miss.jsonl."""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []

def err(msg):
    errors.append(msg)

# actor ids
ids = set()
with open(os.path.join(HERE, 'ACTORS.tsv'), encoding='utf-8') as f:
    header = f.readline().rstrip('\n').split('\t')
    if header[:1] != ['id']:
        err('ACTORS.tsv: unexpected header %r' % header)
    for line in f:
        if line.strip():
            ids.add(line.split('\t')[0])

# documents
ddir = os.path.join(HERE, 'docs')
docs = {}
names = sorted(os.listdir(ddir))
if len(names) != 12:
    err('expected 12 documents, found %d' % len(names))
for i, n in enumerate(names, 1):
    if not re.fullmatch(r'%02d-[a-z0-9-]+\.txt' % i, n):
        err('bad document name or numbering: %s' % n)
    text = open(os.path.join(ddir, n), encoding='utf-8').read()
    docs[n] = text
    words = len(text.split())
    if not 330 <= words <= 450:
        err('%s: %d words, outside 330-450' % (n, words))
    first = text.split('\n', 1)[0].strip()
    if not first or first.endswith('.'):
        err('%s: first line is not a headline: %r' % (n, first))

# mentions
mentions = []
with open(os.path.join(HERE, 'mentions.jsonl'), encoding='utf-8') as f:
    for ln, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err('mentions.jsonl line %d: bad JSON (%s)' % (ln, e)); continue
        if set(r) != {'doc', 'text', 'actor'}:
            err('mentions.jsonl line %d: keys %s' % (ln, sorted(r)))
            continue
        if r['actor'] not in ids:
            err('mentions.jsonl line %d: unknown actor id %r' % (ln, r['actor']))
        if r['doc'] not in docs:
            err('mentions.jsonl line %d: unknown doc %r' % (ln, r['doc']))
            continue
        if not r['text'] or r['text'] != r['text'].strip():
            err('mentions.jsonl line %d: empty or padded text %r' % (ln, r['text']))
        mentions.append((ln, r))

pos = {}
order = []
for ln, r in mentions:
    d = r['doc']
    if d not in pos:
        if order and names.index(d) < names.index(order[-1]):
            err('mentions.jsonl line %d: documents out of order' % ln)
        order.append(d)
        pos[d] = 0
    elif order[-1] != d:
        err('mentions.jsonl line %d: document %s resumes after another document' % (ln, d))
    i = docs[d].find(r['text'], pos[d])
    if i < 0:
        err('mentions.jsonl line %d: %r not found in %s after offset %d' % (ln, r['text'], d, pos[d]))
        continue
    pos[d] = i + len(r['text'])
for n in names:
    if n not in pos:
        err('%s has no mentions' % n)

# near misses
near = []
with open(os.path.join(HERE, 'near_miss.jsonl'), encoding='utf-8') as f:
    for ln, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err('near_miss.jsonl line %d: bad JSON (%s)' % (ln, e)); continue
        if set(r) != {'text', 'name', 'why'}:
            err('near_miss.jsonl line %d: keys %s' % (ln, sorted(r))); continue
        if not all(isinstance(r[k], str) and r[k].strip() for k in r):
            err('near_miss.jsonl line %d: empty field' % ln)
        if r['name'] not in r['text']:
            err('near_miss.jsonl line %d: name %r not in text' % (ln, r['name']))
        near.append(r)
dups = [t for t, c in Counter(r['text'] for r in near).items() if c > 1]
if dups:
    err('near_miss.jsonl: duplicate sentences: %s' % dups[:3])
starts = Counter(r['text'].split()[0] for r in near)
if near and starts.most_common(1)[0][1] > len(near) // 5:
    err('near_miss.jsonl: too many sentences start with %r' % starts.most_common(1)[0][0])

# counts
if len(mentions) < 330:
    err('only %d mentions (need >= 330)' % len(mentions))
if len(near) < 220:
    err('only %d near-miss sentences (need >= 220)' % len(near))

per_doc = Counter(r['doc'] for _, r in mentions)
print('documents: %d' % len(docs))
for n in names:
    print('  %-40s %4d words %4d mentions' % (n, len(docs[n].split()), per_doc[n]))
print('mentions: %d (distinct actors: %d)' % (len(mentions), len({r['actor'] for _, r in mentions})))
print('near_miss: %d' % len(near))
if errors:
    for e in errors:
        print('ERROR:', e)
    print('FAILED (%d errors)' % len(errors))
    sys.exit(1)
print('OK')
