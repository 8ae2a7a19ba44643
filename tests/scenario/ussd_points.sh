#!/bin/sh
# ussd_points.sh: points on the USSD menu read right (issue 23 item 14): the
# number takes the noun the SMS replies' plural rule gives it (1 punkts, 21
# punkts, 0 punktu; 1 балл, 2 балла, 5 баллов; 1 point, 2 points); a caller who
# planted nothing is not thanked for trees; a report waiting for staff says so
# instead of "0 punkti", on the END screen after saving and on "2 Mani punkti".
# Walked over real HTTP; the database says what was stored.
. tests/lib.sh
. tests/lib/ussd.sh
plan 28   # 23 printed by the walks, their helper's exit, the clean stop, 3 on the database
scratch
# one point a tree, no bonus: the counts below are the balances
ussd_config "[points]" "per_tree = 1" "native_multiplier = 1" "first_report_bonus = 0" \
    "[rules]" "review_threshold = 100" "ask_first_count = 100000"
need_ussd
cat > "$T/walks.py" <<'PY'
import sys
sys.path.insert(0, "tests/lib")
import ussd_client
from ussd_client import Client, Walk, check, screen_problem

port, key = int(sys.argv[1]), sys.argv[2]
client = Client(port, key)

n = 0
def walk(phone, inputs):
    """a new session answering inputs in turn; the last screen, every screen checked"""
    global n
    n += 1
    w = Walk(client, "points-%d-%d" % (port, n), phone)
    w.start()
    b = ""
    for i in inputs:
        _, b = w.send(i)
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in b)
        p = screen_problem(b[4:], "ru" if cyrillic else "lv")
        if p:
            check("screen_fits_%d" % n, False, (p, b))
    return b

def register(phone, count, place):
    # 1 Register, species 1 on the list (priede), count, place, 1 Save
    return walk(phone, ["1", "1", str(count), place, "1"])

LV, RU, EN, WAIT = "+37126300001", "+37126300002", "+37126300003", "+37126300004"

b = walk(LV, ["2"])
check("lv_nothing_planted_no_points", b.startswith("END Jums vel nav punktu"), b)
check("lv_nothing_planted_no_thanks", "Paldies" not in b and "0 punkt" not in b, b)
b = register(LV, 1, "Cēsis")
check("lv_saved_1_punkts", b == "END Paldies! Saglabats. Jums ir 1 punkts.", b)
b = walk(LV, ["2"])
check("lv_points_1_punkts_thanks", b == "END Jums ir 1 punkts. Paldies par kokiem!", b)
b = register(LV, 20, "Sigulda")
check("lv_saved_21_punkts", "Jums ir 21 punkts." in b, b)
b = register(LV, 1, "Ogre")
check("lv_saved_22_punkti", "Jums ir 22 punkti." in b, b)
b = register(LV, 89, "Talsi")
check("lv_saved_111_punkti", "Jums ir 111 punkti." in b, b)

# a report waiting for staff: said so, never "Jums ir 0 punkti"
b = register(WAIT, 150, "Dobele")
check("lv_review_says_waiting", b.startswith("END Paldies! Saglabats.")
      and "Jusu zinojums gaida parbaudi; punkti pec apstiprinasanas" in b, b)
check("lv_review_no_zero_points", "0 punkt" not in b and "Jums ir" not in b, b)
b = walk(WAIT, ["2"])
check("lv_points_waiting", b == "END Jusu zinojums gaida parbaudi; punkti pec apstiprinasanas.", b)
b = register(WAIT, 3, "Ogre")
check("lv_saved_3_punkti", "Jums ir 3 punkti." in b, b)
b = walk(WAIT, ["2"])
check("lv_points_and_waiting", b.startswith("END Jums ir 3 punkti.") and "gaida parbaudi" in b, b)

# Russian (language 2 remembered) and English (3): the same rule in their words
b = walk(RU, ["4", "2"])
check("ru_language_chosen", b.startswith("CON Посадка"), b)
b = walk(RU, ["2"])
check("ru_nothing_planted", b.startswith("END У Вас пока нет баллов") and "Спасибо" not in b, b)
b = register(RU, 1, "Cēsis")
check("ru_saved_1_ball", b.endswith("У Вас 1 балл."), b)
b = register(RU, 1, "Sigulda")
check("ru_saved_2_balla", b.endswith("У Вас 2 балла."), b)
b = register(RU, 3, "Ogre")
check("ru_saved_5_ballov", b.endswith("У Вас 5 баллов."), b)
b = walk(RU, ["2"])
check("ru_points_thanks", b == "END У Вас 5 баллов. Спасибо за деревья!", b)
check("ru_one_word_for_points", "очк" not in b, b)
b = walk(EN, ["4", "3"])
check("en_language_chosen", b.startswith("CON Tree planting"), b)
b = register(EN, 1, "Cēsis")
check("en_saved_1_point", b.endswith("You have 1 point."), b)
b = register(EN, 1, "Sigulda")
check("en_saved_2_points", b.endswith("You have 2 points."), b)
b = walk(EN, ["2"])
check("en_points_thanks", b == "END You have 2 points. Thank you for the trees!", b)
client.close()
sys.exit(ussd_client.failed)
PY
helper ussd_points_walks python3 "$T/walks.py" "$PORT" "$SECRET"
ussd_stop ussd_points_clean_stop
expect_eq "ussd points: the balances shown are the ledger's" \
    "$(q "SELECT group_concat(v.number || '=' || (SELECT sum(delta) FROM points_ledger l WHERE l.volunteer_id = v.id), ' ') FROM (SELECT * FROM volunteers ORDER BY number) v WHERE v.number IN ('+37126300001', '+37126300002', '+37126300003')")" \
    "+37126300001=111 +37126300002=5 +37126300003=2"
expect_eq "ussd points: the big report waits for review" \
    "$(q "SELECT p.status || ' ' || p.count FROM plantings p JOIN volunteers v ON v.id = p.volunteer_id WHERE v.number = '+37126300004' ORDER BY p.id LIMIT 1")" \
    "pending_review 150"
expect_eq "ussd points: nothing for the waiting report yet" \
    "$(q "SELECT coalesce(sum(delta), 0) FROM points_ledger l JOIN volunteers v ON v.id = l.volunteer_id WHERE v.number = '+37126300004'")" 3
finish
