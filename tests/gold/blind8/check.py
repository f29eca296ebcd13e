#!/usr/bin/env python3
"""Validate blind8.jsonl against the articles, ACTORS.tsv and relations.yaml."""
import json, re, sys, os, collections
B = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(B)
ids = {l.split('\t')[0] for l in open(os.path.join(ROOT, 'ACTORS.tsv'), encoding='utf-8').read().splitlines()[1:] if l.strip()}
rels = set()
for l in open(os.path.join(ROOT, 'relations.yaml'), encoding='utf-8'):
    m = re.match(r'^  (\w+):\s*\{', l)
    if m: rels.add(m.group(1))
MODS = {'asserted','reported','alleged','believed','possible','denied','desired'}
REQ = {'doc','anchor','subject','relation','object','polarity','modality'}
TIME = re.compile(r'^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{3}0s)$')
errs = []; per_doc = collections.Counter(); per_rel = collections.Counter(); seen = set()
texts = {f: open(os.path.join(B, f), encoding='utf-8').read() for f in os.listdir(B) if f.endswith('.txt')}
for n, line in enumerate(open(os.path.join(ROOT, 'blind8.jsonl'), encoding='utf-8'), 1):
    try: d = json.loads(line)
    except Exception as e: errs.append(f'{n}: bad JSON {e}'); continue
    if set(d) - REQ - {'time'} or REQ - set(d): errs.append(f'{n}: keys {sorted(d)}'); continue
    doc = d['doc']
    if not doc.startswith('blind8/') or doc[7:] not in texts: errs.append(f'{n}: unknown doc {doc}'); continue
    t = texts[doc[7:]]
    for k in ('subject','object'):
        if d[k] not in ids: errs.append(f'{n}: unknown id {d[k]}')
    if d['relation'] not in rels: errs.append(f'{n}: unknown relation {d["relation"]}')
    if d['polarity'] not in ('affirmed','negated'): errs.append(f'{n}: polarity')
    if d['modality'] not in MODS: errs.append(f'{n}: modality')
    if d['modality'] == 'denied' and d['polarity'] != 'negated': errs.append(f'{n}: denied but affirmed')
    if 'time' in d and not TIME.match(d['time']): errs.append(f'{n}: time {d["time"]}')
    if d['subject'] == d['object']: errs.append(f'{n}: self relation')
    c = t.count(d['anchor'])
    if c != 1: errs.append(f'{n}: anchor occurs {c}x: {d["anchor"]!r}')
    # anchor must not span a sentence boundary (paragraph break)
    if '\n' in d['anchor']: errs.append(f'{n}: anchor spans lines')
    key = (doc, d['anchor'], d['subject'], d['relation'], d['object'], d['polarity'], d['modality'])
    if key in seen: errs.append(f'{n}: duplicate line')
    seen.add(key); per_doc[doc[7:]] += 1; per_rel[d['relation']] += 1
for f, t in sorted(texts.items()):
    w = len(t.split())
    if not 330 <= w <= 420: errs.append(f'{f}: {w} words')
    if per_doc[f] == 0: errs.append(f'{f}: no annotations')
    print(f'{f}\t{w} words\t{per_doc[f]} relations')
print('total', sum(per_doc.values()), dict(sorted(per_rel.items())))
print('\n'.join(errs) or 'OK')
sys.exit(1 if errs else 0)
