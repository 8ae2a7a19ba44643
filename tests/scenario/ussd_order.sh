#!/bin/sh
# ussd_order.sh: the species list never moves (issue 23 item 12) and holds as many
# species as a screen allows (item 15). Day 1: every page of the list is walked in
# Latvian, Russian and English, and "4" on the first page registers a tree; then
# other callers plant hundreds of a species from the list's end (the old menu put
# the most planted first). Day 2 (talka restarted, the clock a day on): every page
# reads the same, "4" registers the same species. The first page starts with the
# campaign's most planted (priede, egle, bērzs, ozols, liepa); a Russian page holds
# at least 6 species and each page is as full as 70 Cyrillic characters allow;
# English pages hold as many as Latvian ones.
. tests/lib.sh
. tests/lib/ussd.sh
plan 31   # 15 + 10 printed by the two days' walks, their exits, two clean stops, 2 on the database
scratch
ussd_config
cat > "$T/walks.py" <<'PY'
import json, re, sys
sys.path.insert(0, "tests/lib")
from ussd_client import Client, Walk, screen_problem

port, key, day, store = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
client = Client(port, key)
failed = 0
LV, RU, EN = "+37126500001", "+37126500002", "+37126500003"

def check(name, cond, detail=""):
    global failed
    print(("ok " if cond else "not ok ") + name)
    if not cond:
        failed = 1
        print("    " + repr(detail)[:600])

def entries(screen):
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"(?m)^(\d) (.+)$", screen)]

def pages(phone, tag):
    """every page of the species list, from the first until it wraps round"""
    w = Walk(client, "order-%d-%s-%s" % (port, day, tag), phone)
    w.start()
    _, b = w.send("1")
    seen = [b[4:]]
    for _ in range(20):
        _, b = w.send("98")
        if b[4:] == seen[0]:
            break
        seen.append(b[4:])
    w.send("0")                     # back to the main menu, then the list again
    _, again = w.send("1")
    return seen, again[4:] == seen[0]

def register_4(phone, tag):
    w = Walk(client, "order-%d-%s-%s" % (port, day, tag), phone)
    for i in [None, "1", "4", "3", "Cēsis", "1"]:
        _, b = w.start() if i is None else w.send(i)
    return b

if day == "1":
    for phone, choice in ((RU, "2"), (EN, "3")):       # languages remembered per number
        w = Walk(client, "order-%d-lang-%s" % (port, choice), phone)
        w.start(); w.send("4"); w.send(choice)
got = {}
for lang, phone in (("lv", LV), ("ru", RU), ("en", EN)):
    got[lang], same = pages(phone, lang)
    check("day%s_%s_same_list_within_a_session" % (day, lang), same, got[lang][0])
    bad = [p for p in got[lang] if screen_problem(p, lang)]
    check("day%s_%s_pages_fit" % (day, lang), not bad, bad[:1])
b = register_4(LV, "four")
check("day%s_4_saved" % day, b.startswith("END Paldies! Saglabats."), b)

if day == "1":
    lv1 = [n for _, n in entries(got["lv"][0])]
    check("lv_first_page_most_planted_first", lv1[:5] == ["priede", "egle", "berzs", "ozols", "liepa"], lv1)
    ru = [entries(p) for p in got["ru"]]
    check("ru_first_page_at_least_6", len(ru[0]) >= 6, got["ru"][0])
    # full: the next page's first species would not fit on this one
    full = all(len(got["ru"][i]) + len("\n%d %s" % (len(ru[i]) + 1, ru[i + 1][0][1])) > 70
               or len(ru[i]) == 9 for i in range(len(ru) - 1))
    check("ru_every_page_full", full, got["ru"])
    lv = [entries(p) for p in got["lv"]]
    en = [entries(p) for p in got["en"]]
    check("en_first_page_as_many_as_lv", len(en[0]) >= len(lv[0]), (len(en[0]), len(lv[0])))
    check("en_no_more_pages_than_lv", len(en) <= len(lv), (len(en), len(lv)))
    n = sum(len(p) for p in lv)
    check("every_species_listed_once", n == sum(len(p) for p in ru) == sum(len(p) for p in en) == 41, n)
    json.dump(got, open(store, "w"))
    # others plant hundreds of the last species of the list: the most planted now
    last = len(lv) - 1
    for k, phone in enumerate(("+37126500011", "+37126500012")):
        w = Walk(client, "order-%d-popular-%d" % (port, k), phone)
        w.start(); w.send("1")
        for _ in range(last):
            w.send("98")
        w.send(str(len(lv[last]))); w.send("400"); w.send("Cēsis")
        _, b = w.send("1")
        check("popular_%d_saved" % k, b.startswith("END Paldies! Saglabats."), b)
else:
    before = json.load(open(store))
    for lang in ("lv", "ru", "en"):
        check("day2_%s_every_page_as_on_day1" % lang, got[lang] == before[lang],
              [(a, b) for a, b in zip(got[lang], before[lang]) if a != b][:1])
client.close()
sys.exit(failed)
PY
export TALKA_NOW="2026-05-10 10:00:00"
need_ussd
helper ussd_order_day1 python3 "$T/walks.py" "$PORT" "$SECRET" 1 "$T/pages.json"
ussd_stop ussd_order_day1_stop
TALKA_NOW="2026-05-11 09:30:00"   # the next day, talka started afresh
need_ussd
helper ussd_order_day2 python3 "$T/walks.py" "$PORT" "$SECRET" 2 "$T/pages.json"
ussd_stop ussd_order_day2_stop
expect_eq "ussd order: 4 registered ozols on both days" \
    "$(q "SELECT group_concat(p.species || ' ' || p.count, ', ') FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.transport_id LIKE 'order-$PORT-_-four@%'")" \
    "quercus_robur 3, quercus_robur 3"
expect_eq "ussd order: the list's last species became the most planted" \
    "$(q "SELECT species FROM plantings GROUP BY species ORDER BY sum(count) DESC LIMIT 1")" \
    "$(awk -F'\t' 'NR > 1 { print $12, $1 }' config/species.tsv | sort -n | tail -1 | cut -d' ' -f2)"
finish
