#!/usr/bin/env python3
"""places_forms_check.py: walks the whole place table (config/places.tsv) and
parses, with `talka parse`, a report naming each place by every Russian form the
table gives it (name_ru and forms_ru: nominative, в + locative, из + genitive,
под + instrumental, the волость/край forms) and by every Latgalian form of
config/src/latgalian.tsv. Each form must give its own place and no other: when
several rows share a form (a town and its parish, Аглона), the rule of the SMS
language decides (a town before a novads before a parish; two parishes of one
name in different novadi are asked back as a choice). Prints one check per place
("ok places_ru_N - NAME"), one per Latgalian row, and the number of forms tried.
usage: places_forms_check.py TALKA PLACES_TSV LATGALIAN_TSV"""
import collections
import csv
import json
import subprocess
import sys

talka, places_tsv, ltg_tsv = sys.argv[1], sys.argv[2], sys.argv[3]
RANK = {'valstspilsēta': 0, 'pilsēta': 1, 'novads': 2, 'pagasts': 3}


def table(path):
    with open(path, encoding='utf-8') as f:
        lines = [l for l in f if l.strip() and not l.startswith('#')]
    return list(csv.DictReader(lines, delimiter='\t', quoting=csv.QUOTE_NONE))


def fold(s):
    return s.lower().replace('ё', 'е')


rows = table(places_tsv)
ru = [[f for f in [r['name_ru']] + r['forms_ru'].split('|') if f] for r in rows]
owners = collections.defaultdict(set)
for i, forms in enumerate(ru):
    for f in forms:
        owners[fold(f)].add(i)

# the preposition a form is written after: в + locative, из + genitive, под + instrumental
def texts(form):
    low = fold(form)
    out = ['5 дубов ' + form]
    if low.endswith(('е', 'ах', 'ях', 'волости')):
        out.append('посадили 5 дубов в ' + form)
    if low.endswith(('ы', 'и', 'а', 'я', 'ей', 'ек', 'края')):
        out.append('5 берёз из ' + form)
    if low.endswith(('ой', 'ей', 'ом', 'ем', 'ами', 'ями', 'краем', 'волостью')):
        out.append('3 липы под ' + form)
    return out


def expected(form):
    """(ok, row index) the form must give: the owner, or the rule among owners."""
    own = owners[fold(form)]
    best = min(RANK[rows[i]['type']] for i in own)
    top = [i for i in own if RANK[rows[i]['type']] == best]
    if len({rows[i]['municipality'] for i in top}) > 1:
        return False, top          # one name in several municipalities: asked back
    return True, top


jobs = []                          # (check key, text, form)
for i, forms in enumerate(ru):
    for f in forms:
        for t in texts(f):
            jobs.append((('ru', i), t, f))
ltg = [r for r in table(ltg_tsv) if r['kind'] == 'place']
byname = collections.defaultdict(list)
for i, r in enumerate(rows):
    byname[r['name']].append(i)
for k, r in enumerate(ltg):
    for f in r['forms'].split('|'):
        jobs.append((('ltg', k), 'koks 5 ozoli ' + f, f))

inp = ''.join(t.replace('\\', '\\\\') + '\n' for _, t, _ in jobs).encode('utf-8')
res = subprocess.run([talka, 'parse'], input=inp, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, check=False)
out = res.stdout.decode('utf-8', 'replace').split('\n')
failed = 0
print(('ok' if res.returncode == 0 else 'not ok') + ' places_forms_exit')
if res.returncode != 0:
    failed = 1
    print('    exit %s: %s' % (res.returncode, res.stderr.decode('utf-8', 'replace')[-400:]))
if len(out) < len(jobs):
    out += [''] * (len(jobs) - len(out))

bad = collections.defaultdict(list)
for (key, text, form), line in zip(jobs, out):
    try:
        j = json.loads(line)
    except ValueError:
        bad[key].append('%s: no JSON' % text)
        continue
    pl = j.get('place') or (j.get('confirm') or {}).get('place') or {}
    got = (pl.get('name'), pl.get('municipality'))
    if key[0] == 'ru':
        must_ok, top = expected(form)
        want = {(rows[i]['name'], rows[i]['municipality']) for i in top}
        if must_ok and not (j.get('ok') and got in want):
            bad[key].append('%s -> %s %s' % (text, j.get('error'), got))
        if not must_ok and (j.get('ok') or j.get('error') != 'ambiguous_place'):
            bad[key].append('%s -> %s %s (two municipalities: ask)' % (text, j.get('error'), got))
    else:
        r = ltg[key[1]]
        want = {(rows[i]['name'], rows[i]['municipality']) for i in byname[r['id']]}
        if not (j.get('ok') and got in want):
            bad[key].append('%s -> %s %s' % (text, j.get('error'), got))

for i, r in enumerate(rows):
    key = ('ru', i)
    good = not bad[key] and bool(ru[i])
    print(('ok ' if good else 'not ok ') + 'places_ru_%d - %s' % (i + 1, r['name']))
    if not good:
        failed = 1
        print('    ' + ('; '.join(bad[key][:4]) if bad[key] else 'no Russian form'))
for k, r in enumerate(ltg):
    key = ('ltg', k)
    print(('ok ' if not bad[key] else 'not ok ') + 'places_ltg_%d - %s' % (k + 1, r['id']))
    if bad[key]:
        failed = 1
        print('    ' + '; '.join(bad[key][:4]))
print('# %d texts: %d Russian forms of %d places, %d Latgalian forms' % (
    len(jobs), sum(len(f) for f in ru), len(rows),
    sum(1 for key, _, _ in jobs if key[0] == 'ltg')))
sys.exit(failed)
