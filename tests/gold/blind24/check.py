#!/usr/bin/env python3
"""Validator for blind set blind24.

Checks that every line of blind24.jsonl parses, that its anchor occurs in the
document (and once only, within one line of text), that subject and object ids
occur in ACTORS.tsv with kinds the relation accepts, and that relation,
polarity, modality and time are in the vocabulary. Prints OK when all pass.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)                       # /work/blind
JSONL = os.path.join(HERE, 'blind24.jsonl')
ACTORS = os.path.join(ROOT, 'ACTORS.tsv')
VOCAB = os.path.join(ROOT, 'relations.yaml')


def load_vocab(path):
    text = open(path, encoding='utf-8').read()
    rels, section = {}, None
    pols, mods = [], []
    for line in text.splitlines():
        if line.startswith('#') or not line.strip():
            continue
        if not line.startswith(' '):
            section = line.split(':')[0].strip()
            if section == 'polarities':
                pols = [p.strip() for p in line.split('[', 1)[1].split(']')[0].split(',')]
            continue
        m = re.match(r'\s+([a-z_]+):\s*\{(.*)\}', line)
        if not m:
            continue
        if section == 'relations':
            args = re.search(r'args:\s*\[([^\]]*)\]', m.group(2)).group(1)
            rels[m.group(1)] = [a.strip() for a in args.split(',')]
        elif section == 'modalities':
            mods.append(m.group(1))
    return rels, pols, mods


def load_actors(path):
    kinds = {}
    with open(path, encoding='utf-8') as f:
        next(f)
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if parts and parts[0]:
                kinds[parts[0]] = parts[2] if len(parts) > 2 else ''
    return kinds


def kind_ok(want, kind):
    if want == 'any':
        return True
    if want == 'person':
        return kind == 'person'
    return kind != 'person'          # group: every kind but person


def main():
    rels, pols, mods = load_vocab(VOCAB)
    actors = load_actors(ACTORS)
    errors, docs, n = [], {}, 0
    keys_req = {'doc', 'anchor', 'subject', 'relation', 'object', 'polarity', 'modality'}
    seen = set()
    for i, line in enumerate(open(JSONL, encoding='utf-8'), 1):
        if not line.strip():
            errors.append(f'line {i}: empty line')
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f'line {i}: does not parse: {e}')
            continue
        n += 1
        missing = keys_req - rec.keys()
        extra = rec.keys() - keys_req - {'time'}
        if missing:
            errors.append(f'line {i}: missing keys {sorted(missing)}')
            continue
        if extra:
            errors.append(f'line {i}: unknown keys {sorted(extra)}')
        doc = rec['doc']
        if not doc.startswith('blind24/'):
            errors.append(f'line {i}: doc must start with blind24/: {doc}')
            continue
        path = os.path.join(HERE, doc.split('/', 1)[1])
        if path not in docs:
            if not os.path.exists(path):
                errors.append(f'line {i}: document not found: {doc}')
                continue
            docs[path] = open(path, encoding='utf-8').read()
        text = docs[path]
        a = rec['anchor']
        cnt = text.count(a)
        if cnt == 0:
            errors.append(f'line {i}: anchor not in {doc}: {a!r}')
        elif cnt > 1:
            errors.append(f'line {i}: anchor occurs {cnt} times in {doc}: {a!r}')
        elif '\n' in a:
            errors.append(f'line {i}: anchor spans lines: {a!r}')
        rel = rec['relation']
        if rel not in rels:
            errors.append(f'line {i}: unknown relation {rel!r}')
        for role, idx in (('subject', 0), ('object', 1)):
            aid = rec[role]
            if aid not in actors:
                errors.append(f'line {i}: {role} id not in ACTORS.tsv: {aid!r}')
            elif rel in rels and not kind_ok(rels[rel][idx], actors[aid]):
                errors.append(f'line {i}: {role} {aid} ({actors[aid]}) not allowed for {rel}')
        if rec['subject'] == rec['object']:
            errors.append(f'line {i}: subject equals object')
        if rec['polarity'] not in pols:
            errors.append(f'line {i}: unknown polarity {rec["polarity"]!r}')
        if rec['modality'] not in mods:
            errors.append(f'line {i}: unknown modality {rec["modality"]!r}')
        if rec['polarity'] == 'negated' and rec['modality'] == 'denied':
            pass
        elif rec['modality'] == 'denied':
            errors.append(f'line {i}: modality denied requires polarity negated')
        t = rec.get('time')
        if t is not None and not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s', str(t)):
            errors.append(f'line {i}: bad time {t!r}')
        key = (doc, a, rec['subject'], rel, rec['object'], rec['polarity'], rec['modality'])
        if key in seen:
            errors.append(f'line {i}: duplicate line')
        seen.add(key)
    for name in sorted(os.listdir(HERE)):
        if re.match(r'\d\d-.*\.txt$', name) and os.path.join(HERE, name) not in docs:
            errors.append(f'document without annotation: {name}')
    if errors:
        print('\n'.join(errors))
        print(f'{len(errors)} error(s) in {n} lines')
        sys.exit(1)
    print(f'OK ({n} relation lines, {len(docs)} documents)')


if __name__ == '__main__':
    main()
