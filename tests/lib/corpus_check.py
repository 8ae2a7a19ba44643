#!/usr/bin/env python3
"""check.py: runs `talka parse` over the corpus (sms.tsv) and compares each JSON
line with the expected result; prints mismatches, `accuracy P% (good/total)` and
an `ok`/`not ok` line for tests/run.sh (ok when accuracy >= the threshold).
usage: check.py TALKA CORPUS [THRESHOLD]
Columns: text (\\n = line break), command, error (- for ok), items (id=count,...),
municipality, date (- = must be absent), lang (- = not checked)."""
import json, subprocess, sys

talka, corpus = sys.argv[1], sys.argv[2]
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 95.0
rows = []
with open(corpus, encoding='utf-8') as f:
    for line in f:
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        cols = line.split('\t')
        while len(cols) < 7:
            cols.append('-')
        rows.append(cols)
inp = ''.join(r[0] + '\n' for r in rows).encode('utf-8')
res = subprocess.run([talka, 'parse'], input=inp, stdout=subprocess.PIPE, check=False)
out = res.stdout.decode('utf-8').split('\n')
if out and out[-1] == '':
    out.pop()
if len(out) != len(rows):
    print('not ok parse_corpus_lines', len(out), 'lines for', len(rows), 'texts')
good = 0
for r, line in zip(rows, out):
    text, cmd, err, items, muni, date, lang = r[:7]
    why = []
    try:
        j = json.loads(line)
    except ValueError:
        j = {}
        why.append('bad json')
    if j.get('command') != cmd:
        why.append('command %s' % j.get('command'))
    if err == '-':
        if not j.get('ok'):
            why.append('error %s' % j.get('error'))
        if cmd == 'plant':
            got = ','.join('%s=%d' % (i['species'], i['count']) for i in j.get('items', []))
            if items != '-' and got != items:
                why.append('items %s' % got)
            if muni != '-' and (j.get('place') or {}).get('municipality') != muni:
                why.append('place %s' % j.get('place'))
            if (date == '-' and 'date' in j) or (date != '-' and j.get('date') != date):
                why.append('date %s' % j.get('date'))
        if cmd == 'register':
            want = text.split(None, 1)[1].lstrip(':').strip() if ' ' in text.strip() else ''
            if items.startswith('name='):
                want = items[5:]
            if j.get('name') != want:
                why.append('name %s' % j.get('name'))
    else:
        if j.get('ok') or j.get('error') != err:
            why.append('error %s' % j.get('error'))
    if lang != '-' and j.get('lang') != lang:
        why.append('lang %s' % j.get('lang'))
    if why:
        print('# miss: %s -> %s' % (text, '; '.join(why)))
    else:
        good += 1
total = len(rows)
pct = 100.0 * good / total if total else 0.0
print('accuracy %.1f%% (%d/%d)' % (pct, good, total))
print(('ok' if pct >= threshold and len(out) == total else 'not ok') + ' parse_corpus_accuracy')
