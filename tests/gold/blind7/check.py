#!/usr/bin/env python3
"""Validator for blind7: python3 check.py  (run from anywhere)."""
import json, os, re, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD = os.path.join(ROOT, 'blind7.jsonl')
ids = {}
with open(os.path.join(ROOT, 'ACTORS.tsv'), encoding='utf-8') as fh:
    next(fh)
    for line in fh:
        p = line.rstrip('\n').split('\t')
        if p and p[0]:
            ids[p[0]] = p[2] if len(p) > 2 else ''
rels, symmetric, pols, mods = {}, set(), [], []
for line in open(os.path.join(ROOT, 'relations.yaml'), encoding='utf-8'):
    m = re.match(r'\s+(\w+): \{directed: (true|false)', line)
    if m:
        rels[m.group(1)] = m.group(2) == 'true'
        if m.group(2) == 'false': symmetric.add(m.group(1))
    m = re.match(r'polarities: \[(.*)\]', line)
    if m: pols = [x.strip() for x in m.group(1).split(',')]
    m = re.match(r'modalities: \[(.*)\]', line)
    if m: mods = [x.strip() for x in m.group(1).split(',')]
errors, warns = [], []
texts = {f: open(os.path.join(HERE, f), encoding='utf-8').read()
         for f in sorted(os.listdir(HERE)) if f.endswith('.txt')}
for f, t in texts.items():
    n = len(t.split())
    if not 330 <= n <= 420: errors.append(f'{f}: {n} words (need 330-420)')
    lines = [l for l in t.split('\n')]
    if not lines[0].strip() or lines[1].strip(): errors.append(f'{f}: first line must be a headline followed by a blank line')
    if not re.match(r'^[A-ZÉÁ \-/,.]+, .*\d{4} — ', lines[2]): errors.append(f'{f}: third line is not a dateline paragraph')
REQ = ['doc', 'anchor', 'subject', 'relation', 'object', 'polarity', 'modality']
seen, per_doc, per_rel = Counter(), Counter(), Counter()
for i, line in enumerate(open(GOLD, encoding='utf-8'), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errors.append(f'line {i}: bad JSON {e}'); continue
    for k in REQ:
        if k not in d: errors.append(f'line {i}: missing {k}')
    extra = set(d) - set(REQ) - {'time'}
    if extra: errors.append(f'line {i}: unexpected keys {extra}')
    if not all(k in d for k in REQ): continue
    doc = d['doc']
    if not doc.startswith('blind7/') or doc[7:] not in texts:
        errors.append(f'line {i}: unknown doc {doc}'); continue
    t = texts[doc[7:]]
    for k in ('subject', 'object'):
        if d[k] not in ids: errors.append(f'line {i}: unknown id {d[k]}')
    if d['relation'] not in rels: errors.append(f'line {i}: unknown relation {d["relation"]}')
    if d['subject'] == d['object']: errors.append(f'line {i}: subject == object')
    if d['relation'] in ('leads', 'member_of') and ids.get(d['subject']) != 'person':
        errors.append(f'line {i}: {d["relation"]} subject {d["subject"]} is not a person')
    if d['polarity'] not in pols: errors.append(f'line {i}: bad polarity')
    if d['modality'] not in mods: errors.append(f'line {i}: bad modality')
    if d['modality'] == 'denied' and d['polarity'] != 'negated': errors.append(f'line {i}: denied must be negated')
    if 'time' in d and not re.fullmatch(r'\d{4}(-\d\d(-\d\d)?)?|\d{3}0s', d['time']):
        errors.append(f'line {i}: bad time {d["time"]}')
    c = t.count(d['anchor'])
    if c != 1: errors.append(f'line {i}: anchor occurs {c}x in {doc}: {d["anchor"]!r}')
    elif '\n' in d['anchor']: errors.append(f'line {i}: anchor spans a paragraph break')
    s, o = d['subject'], d['object']
    if d['relation'] in symmetric: s, o = sorted([s, o])
    # one line per relation per sentence: key on the sentence that holds the anchor
    pos = t.find(d['anchor'])
    start = max(t.rfind('\n', 0, pos), max(t.rfind(x, 0, pos) for x in ('. ', '? ', '! ', '." ')))
    key = (doc, start, s, d['relation'], o, d['polarity'], d['modality'])
    if seen[key]: errors.append(f'line {i}: duplicate relation line in one sentence: {key}')
    seen[key] += 1
    per_doc[doc] += 1; per_rel[d['relation']] += 1
for f in texts:
    n = per_doc['blind7/' + f]
    if not 25 <= n <= 35: warns.append(f'{f}: {n} relations (aim 25-35)')
print('documents:', len(texts), ' relations:', sum(per_doc.values()))
for f in texts: print(f'  {f}: {len(texts[f].split())} words, {per_doc["blind7/" + f]} relations')
print('per relation:', dict(sorted(per_rel.items(), key=lambda x: -x[1])))
for w in warns: print('WARN', w)
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} error(s)')
sys.exit(1 if errors else 0)
