import json, re, os
HERE=os.path.dirname(os.path.abspath(__file__)); ROOT=os.path.dirname(HERE)
names={}
for line in open(os.path.join(ROOT,'ACTORS.tsv'),encoding='utf-8').read().splitlines()[1:]:
    f=line.split('\t'); names[f[1]]=f[0]; names[re.sub(r'\s*\(.*\)$','',f[1])]=f[0]
for l in open(os.path.join(ROOT,'mentions.jsonl'),encoding='utf-8'):
    m=json.loads(l); names[m['text']]=m['actor']
rows=[];seen=set();bad=0
for i,l in enumerate(open(os.path.join(HERE,'near_miss.src'),encoding='utf-8').read().splitlines(),1):
    if not l.strip(): continue
    name,why,text=l.split('|',2)
    prob=[]
    if text in seen: prob.append('dup')
    seen.add(text)
    k=text.lower().find(name.lower())
    if k<0: prob.append('name not in text')
    if '?' in why or 'no:' in why: prob.append('messy why')
    for n in names:
        if len(n)<2: continue
        for m in re.finditer(r'(?<![\w-])'+re.escape(n)+r'(?![\w])',text):
            if k>=0 and m.start()>=k and m.end()<=k+len(name): continue
            if k>=0 and m.start()<=k and m.end()>=k+len(name): prob.append('contains actor form %r (superset)'%n); continue
            prob.append('actor form %r'%n)
    if prob:
        bad+=1; print(i,name,'|',text,'->',prob)
    rows.append({'text':text,'name':text[k:k+len(name)] if k>=0 else name,'why':why})
print('rows',len(rows),'bad',bad)
if bad==0:
    with open(os.path.join(ROOT,'near_miss.jsonl'),'w',encoding='utf-8') as fh:
        for r in rows: fh.write(json.dumps(r,ensure_ascii=False)+'\n')
