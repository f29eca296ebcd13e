#!/usr/bin/env python3
"""Validate the recog8 blind set: docs/, mentions.jsonl, near_miss.jsonl."""
import csv, glob, json, os, re, sys
from collections import Counter
os.chdir(os.path.dirname(os.path.abspath(__file__)))
errors = []
ids = {r['id'] for r in csv.DictReader(open('ACTORS.tsv', encoding='utf-8'), delimiter='\t')}

# documents
docs = {}
for p in sorted(glob.glob('docs/*.txt')):
    name = os.path.basename(p)
    if not re.fullmatch(r'(0[1-9]|1[0-2])-[a-z0-9-]+\.txt', name):
        errors.append(f'bad doc name {name}')
    t = open(p, encoding='utf-8').read()
    docs[name] = t
    n = len(t.split())
    if not 330 <= n <= 450:
        errors.append(f'{name}: {n} words (need 330-450)')
    if not t.split('\n', 1)[0].strip():
        errors.append(f'{name}: empty headline line')
nums = sorted(int(d[:2]) for d in docs)
if nums != list(range(1, 13)):
    errors.append(f'doc numbering {nums} is not 01..12')

# mentions
mentions = []
for i, line in enumerate(open('mentions.jsonl', encoding='utf-8'), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errors.append(f'mentions.jsonl line {i}: bad JSON ({e})'); continue
    if set(o) != {'doc', 'text', 'actor'}:
        errors.append(f'mentions.jsonl line {i}: keys {sorted(o)}')
    mentions.append((i, o))
cursor = {}
last_doc_idx = -1
order = sorted(docs)
for i, o in mentions:
    d = o.get('doc')
    if d not in docs:
        errors.append(f'mentions line {i}: unknown doc {d}'); continue
    if order.index(d) < last_doc_idx:
        errors.append(f'mentions line {i}: documents out of order')
    last_doc_idx = order.index(d)
    if o.get('actor') not in ids:
        errors.append(f'mentions line {i}: unknown actor id {o.get("actor")}')
    if not o.get('text'):
        errors.append(f'mentions line {i}: empty text'); continue
    pos = docs[d].find(o['text'], cursor.get(d, 0))
    if pos < 0:
        errors.append(f'mentions line {i}: "{o["text"]}" not found in {d} after offset {cursor.get(d, 0)}')
    else:
        cursor[d] = pos + len(o['text'])
if len(mentions) < 330:
    errors.append(f'only {len(mentions)} mentions (need >= 330)')
per_doc = Counter(o['doc'] for _, o in mentions)
for d in docs:
    if per_doc[d] == 0:
        errors.append(f'{d}: no mentions')

# near misses
near = []
for i, line in enumerate(open('near_miss.jsonl', encoding='utf-8'), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errors.append(f'near_miss.jsonl line {i}: bad JSON ({e})'); continue
    if set(o) != {'text', 'name', 'why'} or not all(isinstance(o[k], str) and o[k].strip() for k in o):
        errors.append(f'near_miss line {i}: bad fields'); continue
    if o['name'] not in o['text']:
        errors.append(f'near_miss line {i}: name "{o["name"]}" not in text')
    near.append(o)
if len(near) < 220:
    errors.append(f'only {len(near)} near-miss lines (need >= 220)')
texts = Counter(o['text'] for o in near)
dups = [t for t, c in texts.items() if c > 1]
if dups:
    errors.append(f'{len(dups)} duplicate near-miss sentences')
first = Counter(o['text'].split()[0] for o in near)
if near and first.most_common(1)[0][1] > len(near) * 0.5:
    errors.append('near-miss sentences too uniform in their first word')

print(f'documents: {len(docs)}')
for d in sorted(docs):
    print(f'  {d}: {len(docs[d].split())} words, {per_doc[d]} mentions')
print(f'mentions: {len(mentions)} ({len({o["actor"] for _, o in mentions})} distinct actors)')
print(f'near misses: {len(near)} (distinct names: {len({o["name"] for o in near})})')
if errors:
    print('ERRORS:'); [print('  ' + e) for e in errors]
    sys.exit(1)
print('OK')
