# Build docs/*.txt and mentions.jsonl from annotated sources src/*.src ({surface|id} markup)
import re, json, glob, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ids = {}
for line in open(os.path.join(ROOT, 'ACTORS.tsv'), encoding='utf-8').read().splitlines()[1:]:
    f = line.split('\t'); ids[f[0]] = f[1]
pat = re.compile(r'\{([^{}|]+)\|([^{}|]+)\}')
allm = []; spans = {}; texts = {}
for src in sorted(glob.glob(os.path.join(HERE, '[0-9][0-9]-*.src'))):
    name = os.path.basename(src)[:-4] + '.txt'
    raw = open(src, encoding='utf-8').read()
    out = []; pos = 0; plain = ''; sp = []
    for m in pat.finditer(raw):
        plain += raw[pos:m.start()]
        surf, aid = m.group(1), m.group(2).strip()
        assert aid in ids, (name, aid)
        sp.append((len(plain), len(plain) + len(surf), aid))
        plain += surf; pos = m.end()
        allm.append({'doc': name, 'text': surf, 'actor': aid})
    plain += raw[pos:]
    assert '{' not in plain and '}' not in plain and '|' not in plain, name
    open(os.path.join(ROOT, 'docs', name), 'w', encoding='utf-8').write(plain)
    spans[name] = sp; texts[name] = plain
with open(os.path.join(ROOT, 'mentions.jsonl'), 'w', encoding='utf-8') as fh:
    for m in allm: fh.write(json.dumps(m, ensure_ascii=False) + '\n')
# coverage scan: any known surface form / actor name appearing outside annotated spans
forms = {}
for m in allm: forms.setdefault(m['text'], set()).add(m['actor'])
for aid, nm in ids.items():
    forms.setdefault(nm, set()).add(aid)
    forms.setdefault(re.sub(r'\s*\(.*\)$', '', nm), set()).add(aid)
for name, t in texts.items():
    wc = len(t.split())
    print(name, 'words', wc, 'mentions', len(spans[name]))
    for f, a in forms.items():
        if len(f) < 2: continue
        for m in re.finditer(r'(?<![\w-])' + re.escape(f) + r'(?![\w])', t):
            if not any(s <= m.start() and m.end() <= e for s, e, _ in spans[name]):
                print('   UNANNOTATED?', repr(f), sorted(a), '...' + t[max(0, m.start()-30):m.end()+20].replace('\n', ' ') + '...')
print('total mentions', len(allm))
