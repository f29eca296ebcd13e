"""Build docs/ and mentions.jsonl from annotated sources in src/ ([[surface|actor-id]] markup)."""
import re, json, os, glob, collections
ids = {l.split('\t')[0] for l in open('ACTORS.tsv', encoding='utf-8').read().splitlines()[1:]}
os.makedirs('docs', exist_ok=True)
pat = re.compile(r'\[\[([^|\]]+)\|([^\]]+)\]\]')
out = []
for src in sorted(glob.glob('src/*.txt')):
    name = os.path.basename(src)
    raw = open(src, encoding='utf-8').read()
    plain = pat.sub(lambda m: m.group(1), raw)
    ms, spans, pos, buf = [], [], 0, []
    plen = 0
    for m in pat.finditer(raw):
        buf.append(raw[pos:m.start()]); plen += m.start() - pos
        spans.append((plen, plen + len(m.group(1)))); ms.append((m.group(1), m.group(2)))
        buf.append(m.group(1)); plen += len(m.group(1)); pos = m.end()
    buf.append(raw[pos:]); assert ''.join(buf) == plain
    for t, a in ms:
        if a not in ids: print('BAD ID', name, t, a)
        out.append({'doc': name, 'text': t, 'actor': a})
    open('docs/' + name, 'w', encoding='utf-8').write(plain)
    for t in set(t for t, a in ms):
        for mm in re.finditer(r'(?<![\w-])' + re.escape(t) + r'(?![\w-])', plain):
            if not any(a <= mm.start() < b for a, b in spans):
                print('UNANNOTATED?', name, repr(t), repr(plain[max(0,mm.start()-30):mm.end()+30]))
    print(name, len(plain.split()), 'words', len(ms), 'mentions')
with open('mentions.jsonl', 'w', encoding='utf-8') as f:
    for r in out: f.write(json.dumps(r, ensure_ascii=False) + '\n')
print('total mentions', len(out))
# near misses
nm = [l.split('\t') for l in open('src/near_miss.tsv', encoding='utf-8').read().splitlines() if l.strip()]
with open('near_miss.jsonl', 'w', encoding='utf-8') as f:
    for name, why, text in nm:
        f.write(json.dumps({'text': text, 'name': name, 'why': why}, ensure_ascii=False) + '\n')
print('near misses', len(nm))
