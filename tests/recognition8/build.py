#!/usr/bin/env python3
"""Build docs/*.txt and mentions.jsonl from annotated sources in src/ ([[surface|actor-id]] markup)."""
import re, json, glob, os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
ALIAS = {'jnim': 'jamaat-nusrat-al-islam-wal-muslimin'}
pat = re.compile(r'\[\[([^\]|]+)\|([^\]]+)\]\]')
out = []
for src in sorted(glob.glob('src/*.src')):
    name = os.path.basename(src)[:-4] + '.txt'
    s = open(src, encoding='utf-8').read()
    text = ''; pos = 0
    for m in pat.finditer(s):
        text += s[pos:m.start()]
        aid = ALIAS.get(m.group(2), m.group(2))
        out.append({'doc': name, 'text': m.group(1), 'actor': aid, 'start': len(text)})
        text += m.group(1); pos = m.end()
    text += s[pos:]
    assert '[[' not in text and ']]' not in text, name
    open('docs/' + name, 'w', encoding='utf-8').write(text.rstrip('\n') + '\n')
with open('mentions.jsonl', 'w', encoding='utf-8') as f:
    for o in out:
        f.write(json.dumps({'doc': o['doc'], 'text': o['text'], 'actor': o['actor']}, ensure_ascii=False) + '\n')
json.dump(out, open('/tmp/recog8_spans.json', 'w'), ensure_ascii=False)
print(len(out), 'mentions')
