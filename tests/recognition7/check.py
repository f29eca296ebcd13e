#!/usr/bin/env python3
"""Validate the recog7 blind evaluation set: docs/, mentions.jsonl, near_miss.jsonl."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
errors = []
ids = set()
with open(os.path.join(HERE, 'ACTORS.tsv'), encoding='utf-8') as f:
    next(f)
    for line in f:
        if line.strip(): ids.add(line.split('\t')[0])
# documents
docdir = os.path.join(HERE, 'docs')
docs = {}
names = sorted(os.listdir(docdir))
expected = ['%02d' % i for i in range(1, 13)]
if [n[:2] for n in names] != expected: errors.append('docs must be 01..12, got %s' % names)
for n in names:
    if not re.fullmatch(r'\d\d-[a-z0-9-]+\.txt', n): errors.append('bad doc name ' + n)
    t = open(os.path.join(docdir, n), encoding='utf-8').read()
    docs[n] = t
    w = len(t.split())
    if not 330 <= w <= 450: errors.append('%s has %d words' % (n, w))
    if not t.split('\n', 1)[0].strip(): errors.append(n + ': first line (headline) empty')
# mentions
mentions, pos, last_doc, seen_docs = [], {}, None, []
for i, line in enumerate(open(os.path.join(HERE, 'mentions.jsonl'), encoding='utf-8'), 1):
    try: r = json.loads(line)
    except Exception as e: errors.append('mentions line %d: bad JSON (%s)' % (i, e)); continue
    if set(r) != {'doc', 'text', 'actor'}: errors.append('mentions line %d: keys %s' % (i, sorted(r)))
    d, t, a = r.get('doc'), r.get('text'), r.get('actor')
    if d not in docs: errors.append('mentions line %d: unknown doc %r' % (i, d)); continue
    if a not in ids: errors.append('mentions line %d: unknown actor %r' % (i, a))
    if not t: errors.append('mentions line %d: empty text' % i); continue
    if d != last_doc:
        if d in seen_docs: errors.append('mentions line %d: doc %s not contiguous' % (i, d))
        seen_docs.append(d); last_doc = d
    k = docs[d].find(t, pos.get(d, 0))
    if k < 0: errors.append('mentions line %d: %r not found in %s after offset %d' % (i, t, d, pos.get(d, 0))); continue
    pos[d] = k + len(t)
    mentions.append(r)
if seen_docs != sorted(seen_docs): errors.append('mentions not in document order')
for d in docs:
    if d not in seen_docs: errors.append('no mentions for ' + d)
# near misses
near = []
for i, line in enumerate(open(os.path.join(HERE, 'near_miss.jsonl'), encoding='utf-8'), 1):
    try: r = json.loads(line)
    except Exception as e: errors.append('near_miss line %d: bad JSON (%s)' % (i, e)); continue
    if set(r) != {'text', 'name', 'why'}: errors.append('near_miss line %d: keys %s' % (i, sorted(r)))
    if not all(isinstance(r.get(k), str) and r.get(k).strip() for k in ('text', 'name', 'why')):
        errors.append('near_miss line %d: empty field' % i); continue
    if r['name'].lower() not in r['text'].lower(): errors.append('near_miss line %d: name %r not in text' % (i, r['name']))
    near.append(r)
texts = collections.Counter(r['text'] for r in near)
for t, c in texts.items():
    if c > 1: errors.append('near_miss duplicate sentence: ' + t)
starts = collections.Counter(r['text'].split()[0] for r in near)
if starts and starts.most_common(1)[0][1] > len(near) * 0.2: errors.append('too many near-miss sentences start with %r' % starts.most_common(1)[0][0])
# counts
if len(mentions) < 330: errors.append('only %d mentions (< 330)' % len(mentions))
if len(near) < 220: errors.append('only %d near misses (< 220)' % len(near))
per_doc = collections.Counter(r['doc'] for r in mentions)
print('documents:', len(docs))
for d in sorted(docs): print('  %-36s %4d words %3d mentions' % (d, len(docs[d].split()), per_doc[d]))
print('mentions:', len(mentions), '| distinct actors:', len({r['actor'] for r in mentions}), '| distinct surface forms:', len({r['text'] for r in mentions}))
print('near misses:', len(near), '| distinct names:', len({r['name'] for r in near}))
if errors:
    print('ERRORS (%d):' % len(errors)); [print('  ' + e) for e in errors[:50]]; sys.exit(1)
print('OK')
