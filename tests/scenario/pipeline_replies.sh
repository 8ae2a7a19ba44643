# pipeline_replies.sh: what volunteers stumbled on in replies and points: the
# first-report bonus follows the first accepted report (ATCELT of the only one
# takes it back), the duplicate rule compares meaning not spelling, a future date
# has its own reply, and help has a second page naming VĀRDS and DZĒST.
. tests/lib.sh
plan 32
scratch
export TALKA_NOW="2026-12-01 10:00:00"
db=$T/var/talka.db
q() { sqlite3 "$db" "$1"; }
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }

# item 4: the bonus follows the first accepted report
sms --at "2026-12-01 10:00:00" +37126000001 "KOKS 5 OZOLS Cesis" >/dev/null
expect_eq "bonus: 5 native oaks x 20 + 50" "$(q "SELECT sum(delta) FROM points_ledger")" 150
r=$(sms --at "2026-12-01 10:01:00" +37126000001 "ATCELT")
expect_eq "bonus: cancelling the only report leaves 0 points" "$(q "SELECT sum(delta) FROM points_ledger")" 0
expect_match "bonus: the reply says 0 points" "$r" "punkti: 0"
expect_eq "bonus: withdrawn by a ledger row" "$(q "SELECT delta FROM points_ledger WHERE reason='first_report_withdrawn'")" -50
sms --at "2026-12-01 10:02:00" +37126000001 "KOKS 2 OZOLS Cesis" >/dev/null
expect_eq "bonus: given again with the next report" "$(q "SELECT sum(delta) FROM points_ledger")" 90
sms --at "2026-12-01 10:03:00" +37126000001 "KOKS 3 LIEPA Cesis" >/dev/null
sms --at "2026-12-01 10:04:00" +37126000001 "ATCELT" >/dev/null
expect_eq "bonus: kept while another accepted report stands" "$(q "SELECT sum(delta) FROM points_ledger")" 90

# item 5: the duplicate rule compares what the text means
sms --at "2026-12-01 10:10:00" +37126000002 "KOKI 21 KLAVA TUKUMA" >/dev/null
r=$(sms --at "2026-12-01 10:11:00" +37126000002 "koki 21 klava tukuma")
expect_match "duplicate: other spelling of the same report" "$r" "jau ir re"
r=$(sms --at "2026-12-01 10:12:00" +37126000002 "Tukumā iestādīju 21 kļavu")
expect_match "duplicate: other words, same items and place" "$r" "jau ir re"
expect_eq "duplicate: counted once" "$(q "SELECT sum(count) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='+37126000002')")" 21
r=$(sms --at "2026-12-01 10:13:00" +37126000002 "koki 22 klava tukuma")
expect_match "duplicate: another count is a new report" "$r" "Paldies"

# item 6: a date still to come has its own reply
r=$(sms --at "2026-12-01 10:20:00" +37126000003 "KOKS 12 OZOLS Cesis 25.12")
expect_match "future date: its own reply" "$r" "vēl nav pienācis"
expect_eq "future date: outcome" "$(q "SELECT outcome FROM inbound ORDER BY id DESC LIMIT 1")" "error:future_date"
r=$(sms --at "2026-12-01 10:21:00" +37126000004 "TREE 12 OAK Cesis 25.12")
expect_match "future date: in English" "$r" "still to come"
r=$(sms --at "2026-12-01 10:22:00" +37126000003 "KOKS 12 OZOLS Cesis 31.02")
expect_match "impossible date: still the wrong-date reply" "$r" "Nepareizs datums"

# item 7: help names page 2, which names VĀRDS and DZĒST
r=$(sms --at "2026-12-01 10:30:00" +37126000005 "?")
expect_match "help: points to page 2" "$r" "\? 2"
r=$(sms --at "2026-12-01 10:31:00" +37126000005 "? 2")
expect_match "help 2: names VĀRDS" "$r" "V(Ā|A)RDS"
expect_match "help 2: names DZĒST" "$r" "DZ(Ē|E)ST"
r=$(sms --at "2026-12-01 10:32:00" +37126000005 "PALĪDZĪBA 2")
expect_match "help 2: also as PALĪDZĪBA 2" "$r" "DZ(Ē|E)ST"
r=$(sms --at "2026-12-01 10:33:00" +37126000006 "HELP 2")
expect_match "help 2: English" "$r" "DELETE"
r=$(sms --at "2026-12-01 10:34:00" +37126000007 "ПОМОЩЬ 2")
expect_match "help 2: Russian" "$r" "УДАЛИТЬ"

# item 3: numerals agree; Russian place names; no double full stop
r=$(sms --at "2026-12-01 11:00:00" +37126000011 "KOKS 1 OZOLS Cesis")
expect_match "numerals: 1 koks" "$r" "C(ē|e)su novads: [0-9]+ koks?i?\.$"
expect_match "numerals: 1 gab. item" "$r" "ozols 1 gab\."
total=$(q "SELECT sum(count) FROM plantings WHERE status='accepted'")
r=$(sms --at "2026-12-01 11:01:00" +37126000011 "PUNKTI")
case $((total % 10)):$((total % 100)) in 1:11) w=koki ;; 1:*) w=koks ;; *) w=koki ;; esac
expect_match "numerals: campaign total agrees" "$r" "Kop(ā|a) kampa(ņ|n)(ā|a): $total $w\.$"
r=$(sms --at "2026-12-01 11:02:00" +37126000012 "TREE 25 OAK Cesis")
expect_match "numerals: English plural species" "$r" "Registered: 25 oaks, "
r=$(sms --at "2026-12-01 11:03:00" +37126000012 "TREE 1 BIRCH Talsi")
expect_match "numerals: English singular" "$r" "Registered: 1 birch, .*: 1 tree\.$"
r=$(sms --at "2026-12-01 11:04:00" +37126000013 "ДЕРЕВО 5 ДУБ Рига")
expect_match "russian: municipality in Russian with the unit" "$r" "Рига: 5 деревьев$"
r=$(sms --at "2026-12-01 11:05:00" +37126000013 "ОТМЕНА")
case "$r" in *..*) not_ok "russian: no double full stop" "$r" ;; *) ok "russian: no double full stop" ;; esac
r=$(sms --at "2026-12-01 11:06:00" +37126000014 "ДЕРЕВО 22 ДУБ Елгава")
expect_match "russian: 22 дерева" "$r" "Елгава: 22 дерева$"
r=$(sms --at "2026-12-01 11:07:00" +37126000015 "ДЕРЕВО 22 БЕРЁЗА Вентспилс")
expect_match "russian: too long for one SMS: the total dropped first, the place kept" "$r" "^Спасибо! Учтено: берёза 22 шт\., Вентспилс\. Баллы: [0-9]+$"
expect_eq "russian: one segment" "$(q "SELECT segments FROM outbound ORDER BY id DESC LIMIT 1")" 1
r=$(sms --at "2026-12-01 11:08:00" +37126000016 "ДЕРЕВО 5 ЛИПА КРУПНОЛИСТНАЯ Dienvidkurzemes novads")
expect_match "russian: then the place is shortened, not dropped" "$r" "^Спасибо! Учтено: липа крупнолистная 5 шт\., Dienvidkurz[a-z]*\.\.\. Баллы: [0-9]+$"
expect_eq "russian: still one segment" "$(q "SELECT segments FROM outbound ORDER BY id DESC LIMIT 1")" 1
finish
