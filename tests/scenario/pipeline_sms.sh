# pipeline_sms.sh: scenarios through `talka sms`: a new volunteer reports and gets
# count, species, place and points back; VĀRDS, PUNKTI, Russian, ATCELT, DZĒST,
# STOP/START, moderation, flood and duplicate rules, idempotent ids.
. tests/lib.sh
plan 62
scratch
export TALKA_NOW="2026-05-15 10:00:00"
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }

r=$(sms +37126000001 "KOKS 12 OZOLS Cesis")
expect_match "report: reply names count and species" "$r" "ozols 12 gab"
expect_match "report: reply names the place" "$r" "C[eē]s(is|u)"
expect_match "report: reply gives points (12 native oaks x 20 + 50 first-report bonus)" "$r" "290"
expect_eq "report: volunteer created" "$(q "SELECT count(*) FROM volunteers WHERE number='+37126000001'")" 1
expect_eq "report: planting accepted" "$(q "SELECT species||':'||count||':'||status FROM plantings")" "quercus_robur:12:accepted"
expect_eq "report: one reply queued" "$(q "SELECT count(*) FROM outbound WHERE kind='reply' AND state='queued'")" 1
expect_eq "report: municipality total" "$(q "SELECT trees FROM tree_totals WHERE municipality='Cēsu novads'")" 12
expect_eq "report: points are the ledger sum" "$(q "SELECT sum(delta) FROM points_ledger")" 290

r=$(sms --at "2026-05-15 10:01:00" 26000001 "VĀRDS Ilze Priedīte")
expect_match "register: confirms the name" "$r" "Ilze Priedīte"
expect_eq "register: local number form finds the same volunteer" "$(q "SELECT name FROM volunteers")" "Ilze Priedīte"
r=$(sms --at "2026-05-15 10:02:00" +37126000001 "koks 3 liepas Jelgavā")
expect_match "register: name used in later replies" "$r" "Ilze"
r=$(sms --at "2026-05-15 10:03:00" +37126000001 "PUNKTI")
expect_match "points: total" "$r" "350"

r=$(sms --at "2026-05-15 10:04:00" +37126000002 "ДЕРЕВО 4 СОСНЫ Вентспилс")
expect_match "russian: reply in Russian" "$r" "Спасибо"
expect_eq "russian: language remembered" "$(q "SELECT lang FROM volunteers WHERE number='+37126000002'")" ru
r=$(sms --at "2026-05-15 10:05:00" +37126000002 "?")
expect_match "russian: a text without language sign answered in the remembered language" "$r" "ДЕРЕВО"
r=$(sms --at "2026-05-15 10:06:00" +37126000003 "TREE 8 BIRCH Bauska")
expect_match "english: reply in English" "$r" "Thank you"

r=$(sms --at "2026-05-15 10:07:00" +37126000001 "ATCELT")
expect_match "cancel: reply" "$r" "Atcelts"
expect_eq "cancel: planting cancelled" "$(q "SELECT status FROM plantings WHERE species='tilia_cordata'")" cancelled
expect_eq "cancel: points taken back" "$(q "SELECT sum(delta) FROM points_ledger WHERE volunteer_id=1")" 290
expect_eq "cancel: municipality total back" "$(q "SELECT trees FROM tree_totals WHERE municipality='Jelgava'")" 0
r=$(sms --at "2026-05-17 10:08:00" +37126000001 "ATCELT")
expect_match "cancel: after 24 h nothing to cancel" "$r" "Nav ko atcelt"

r=$(sms --at "2026-05-15 10:09:00" +37126000001 "STOP")
expect_match "stop: reply" "$r" "START"
expect_eq "stop: opted out" "$(q "SELECT opted_out FROM volunteers WHERE id=1")" 1
sms --at "2026-05-15 10:10:00" +37126000001 "START" >/dev/null
expect_eq "start: opted in" "$(q "SELECT opted_out FROM volunteers WHERE id=1")" 0

r=$(sms --at "2026-05-15 10:11:00" +37126000004 "KOKS 600 PRIEDES Saldus")
expect_match "moderation: reply says staff will check" "$r" "darbinieki"
expect_eq "moderation: pending" "$(q "SELECT status FROM plantings WHERE count=600")" pending_review
expect_eq "moderation: no points yet" "$(q "SELECT count(*) FROM points_ledger WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='+37126000004')")" 0
n=$(q "SELECT review_no FROM plantings WHERE count=600")
expect_match "moderation: review list shows it" "$("$TALKA" review list)" "^$n +.*pinus_sylvestris 600"
"$TALKA" review approve "$n" > /dev/null; expect_eq "moderation: approve exits 0" "$?" 0
expect_eq "moderation: accepted after approval" "$(q "SELECT status FROM plantings WHERE count=600")" accepted
expect_eq "moderation: points after approval (600 x 20 + 50)" "$(q "SELECT sum(delta) FROM points_ledger WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='+37126000004')")" 12050
expect_eq "moderation: volunteer texted" "$(q "SELECT count(*) FROM outbound WHERE recipient='+37126000004' AND kind='notice'")" 1
expect_eq "moderation: audit log" "$(q "SELECT action FROM audit_log WHERE subject='review#$n'")" approve
"$TALKA" review approve "$n" 2>/dev/null; expect_eq "moderation: approving twice fails with 1" "$?" 1

r=$(sms --at "2026-05-15 10:12:00" +37126000005 "KOKS 5 EGLES Ogre")
r=$(sms --at "2026-05-15 10:15:00" +37126000005 "KOKS 5 EGLES Ogre")
expect_match "duplicate: same text within 10 minutes" "$r" "jau ir re"
expect_eq "duplicate: not counted" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='+37126000005')")" 1
r=$(sms --at "2026-05-15 10:30:00" +37126000005 "KOKS 5 EGLES Ogre")
expect_match "duplicate: after 10 minutes it is a new report" "$r" "Paldies"

for i in $(seq 1 31); do
    r=$(sms --at "2026-05-15 11:$(printf %02d $i):00" +37126000006 "hello $i")
done
expect_eq "flood: text 31 within an hour not answered" "$r" ""
expect_eq "flood: but stored" "$(q "SELECT outcome FROM inbound WHERE sender='+37126000006' ORDER BY id DESC LIMIT 1")" flood
expect_eq "flood: replies capped at 20 an hour" "$(q "SELECT count(*) FROM outbound WHERE recipient='+37126000006'")" 20

r=$(sms --at "2026-05-15 12:00:00" LMT "Jūsu rēķins: 5 EUR")
expect_eq "alphanumeric sender: no reply" "$r" ""
expect_eq "alphanumeric sender: stored" "$(q "SELECT outcome FROM inbound WHERE sender='LMT'")" "ignored:alphanumeric"
r=$(sms --at "2026-05-15 12:00:00" 1888 "Info")
expect_eq "short code: talka sms exits 0" "$?" 0
expect_eq "short code: no reply" "$r" ""
expect_match "short code: stored, marked not to answer" "$(q "SELECT outcome FROM inbound WHERE sender='1888'")" "^ignored:"

sms --id modem-77 --at "2026-05-15 12:01:00" +37126000007 "KOKS 2 OZOLI Ozolmuiža" >/dev/null
r=$(sms --id modem-77 --at "2026-05-15 12:01:00" +37126000007 "KOKS 2 OZOLI Ozolmuiža")
expect_eq "idempotent: same transport id prints nothing" "$r" ""
expect_eq "idempotent: stored once" "$(q "SELECT count(*) FROM inbound WHERE transport_id='modem-77'")" 1
expect_eq "idempotent: counted once" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='+37126000007')")" 1

sms --at "2026-05-15 12:02:00" +37126000008 "VĀRDS Jānis Kļaviņš" >/dev/null
sms --at "2026-05-15 12:03:00" +37126000008 "KOKS 4 LIEPAS Liepupe" >/dev/null
r=$(sms --at "2026-05-15 12:04:00" +37126000008 "DZĒST")
expect_match "delete: one last reply" "$r" "dzēsti|dzesti"
expect_eq "delete: number gone from volunteers" "$(q "SELECT count(*) FROM volunteers WHERE number='+37126000008'")" 0
expect_eq "delete: number gone from inbound" "$(q "SELECT count(*) FROM inbound WHERE sender LIKE '%26000008%' OR sender_e164 LIKE '%26000008%'")" 0
expect_eq "delete: only the last reply still holds the number" "$(q "SELECT kind FROM outbound WHERE recipient='+37126000008'")" final
expect_eq "delete: the name is gone from stored texts" "$(q "SELECT count(*) FROM inbound WHERE CAST(text AS TEXT) LIKE '%Kļaviņš%'")" 0
expect_eq "delete: plantings stay, anonymous" "$(q "SELECT count(*) FROM plantings p JOIN volunteers v ON v.id=p.volunteer_id WHERE v.number LIKE 'erased:%'")" 1
expect_eq "delete: audit log without the number" "$(q "SELECT count(*) FROM audit_log WHERE action='erase' AND detail NOT LIKE '%26000008%'")" 1
"$TALKA" volunteer show +37126000008 >/dev/null 2>&1; expect_eq "delete: volunteer show finds nobody" "$?" 1
r=$(sms --at "2026-05-15 12:05:00" +37126000008 "KOKS 1 OZOLS Cesis")
expect_match "delete: a later text starts afresh" "$r" "Paldies!"

expect_eq "totals equal the sum of accepted plantings" \
    "$(q "SELECT trees FROM tree_totals WHERE municipality=''")" \
    "$(q "SELECT sum(count) FROM plantings WHERE status='accepted'")"
expect_eq "integrity" "$(q "PRAGMA integrity_check")" ok
"$TALKA" sms 2>/dev/null; expect_eq "usage error exits 2" "$?" 2
"$TALKA" sms --help >/dev/null; expect_eq "--help exits 0" "$?" 0
expect_no_crash "no crash or sanitizer report from talka sms" "$T/stderr"
finish
