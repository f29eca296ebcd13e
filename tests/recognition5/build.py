"""Build docs/*.txt and mentions.jsonl from annotated sources in src/*.src.
Markup: [surface text|actor-id]."""
import json, re, glob, os
PAT = re.compile(r'\[([^\[\]|]+)\|([a-z0-9-]+)\]')
ids = {l.split('\t')[0] for l in open('ACTORS.tsv', encoding='utf-8').read().splitlines()[1:]}
out = []
for src in sorted(glob.glob('src/*.src')):
    name = os.path.basename(src)[:-4] + '.txt'
    raw = open(src, encoding='utf-8').read()
    text, pos, last = [], 0, 0
    for m in PAT.finditer(raw):
        text.append(raw[last:m.start()]); text.append(m.group(1)); last = m.end()
        assert m.group(2) in ids, (name, m.group(2))
        out.append({"doc": name, "text": m.group(1), "actor": m.group(2)})
    text.append(raw[last:])
    t = ''.join(text)
    assert '|' not in t, (name, t[t.index('|')-40:t.index('|')+40])
    open('docs/' + name, 'w', encoding='utf-8').write(t)
with open('mentions.jsonl', 'w', encoding='utf-8') as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out), 'mentions')
