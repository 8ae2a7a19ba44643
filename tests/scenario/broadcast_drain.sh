# broadcast_drain.sh: the acceptance run of reminder broadcasts on two simulated
# modems: 10 000 volunteers, 300 opted out (150 before, 150 by texting STOP while
# the broadcast waits out the quiet hours) -> exactly 9 700 copies sent, one per
# recipient, none in quiet hours; replies to texts that arrive while it drains go
# out ahead of it; the daemon is SIGKILLed mid-broadcast and resumes without
# sending anyone a second copy. The clock is a file the test moves.
# timeout: 900
. tests/lib.sh
. tests/lib/modem.sh
plan 30
scratch
mkdir -p "$T/var/phone" "$T/var/phone1"
cat >> "$CONF" <<'INI'
[gammu1]
device = ../var/phone1
model = dummy
connection = none
INI
# the clock file is replaced whole (a reader must never see it empty)
clock() {
    python3 -c "import calendar,time,sys; print(calendar.timegm(time.strptime(sys.argv[1], '%Y-%m-%d %H:%M:%S')))" "$1" > "$T/clock.new"
    mv "$T/clock.new" "$T/clock"
}
export TALKA_CLOCK_FILE=$T/clock
clock "2026-05-16 17:40:00"            # 20:40 in Riga (UTC+3)
quiet_start=$(python3 -c "import calendar,time; print(calendar.timegm(time.strptime('2026-05-16 18:00:00', '%Y-%m-%d %H:%M:%S')))")
quiet_end=$((quiet_start + 12 * 3600))
bsent="(SELECT count(*) FROM outbound WHERE kind='broadcast' AND state IN ('sent','delivered'))"

"$TALKA" stats > /dev/null
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
   INSERT INTO volunteers (number, name, created_at, opted_out) SELECT printf('+3712%07d', i),
   CASE i % 7 WHEN 0 THEN 'Jānis' WHEN 1 THEN NULL ELSE 'Anna' END, 0, i <= 150 FROM n"
"$TALKA" broadcast create --to all --text "Sestdien 10:00 talka pie Cēsu pils, {name}! Ņem lāpstu." --yes > "$T/create.txt"
expect_eq "drain: create exits 0" "$?" 0
id=$(head -1 "$T/create.txt")
expect_eq "drain: the id is the first line" "$id" 1
expect_match "drain: 9 850 recipients (150 opted out before)" "$(cat "$T/create.txt")" "^recipients: 9850$"

need_daemon
wait_for 120 "SELECT $bsent >= 2000" 1
clock "2026-05-16 18:00:00"            # 21:00: quiet hours begin
# both modems have been round their loops since (texts from LMT: stored, never
# answered), so a copy in flight at the switch has gone
check "drain: gammu0 went on reading texts at the switch" modem_ticks 2
check "drain: gammu1 went on reading texts at the switch" modem_ticks 2 gammu1
at_pause=$(q "SELECT $bsent")
echo "    copies sent before the quiet hours: $at_pause"
expect_match "drain: the quiet hours came mid-broadcast" "$at_pause" "^[2-8][0-9]{3}$"
clock "2026-05-16 20:00:00"            # 23:00
# 150 recipients not reached yet opt out; others text reports: replies go at night
python3 - "$T/night.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(9851, 10001):
        f.write(f"+3712{i:07d}\tSTOP\n")
    for i in range(5):
        f.write(f"+3712{5000 + i:07d}\tKOKS 3 OZOLS Cesis\n")
PY
"$TALKA" sim send --stdin < "$T/night.txt"
check "drain: replies go out during quiet hours" wait_for 60 "SELECT count(*) FROM outbound WHERE kind='reply' AND state='sent'" 155
expect_eq "drain: no broadcast copy while quiet" "$(q "SELECT $bsent")" "$at_pause"
expect_eq "drain: none sent after quiet hours began" "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND sent_at > $quiet_start AND sent_at < $quiet_end")" 0
expect_match "drain: at most one copy per modem in flight at the switch" "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND sent_at = $quiet_start")" "^[0-2]$"

clock "2026-05-17 06:00:05"            # 09:00 next morning
wait_for 120 "SELECT $bsent >= 4000" 1
python3 - "$T/day.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(20):
        f.write(f"+3712{6000 + i:07d}\tKOKS {i + 1} BĒRZI Talsi\n")
PY
"$TALKA" sim send --stdin < "$T/day.txt"
wait_for 60 "SELECT count(*) FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE o.kind='reply' AND o.state='sent' AND i.received_at > $quiet_end" 20
left=$(q "SELECT 9700 - $bsent")
echo "    copies still to send when the 20 daytime replies had gone: $left"
expect_match "drain: replies overtake the draining broadcast" "$left" "^[1-9][0-9]{2,}$"

wait_for 120 "SELECT $bsent >= 6000" 1
kill_wait "$DPID"
expect_eq "drain: the SIGKILL landed on the running daemon" "$?" 0
killed_at=$(q "SELECT $bsent")
echo "    SIGKILL after $killed_at copies"
expect_match "drain: the kill came mid-broadcast" "$killed_at" "^[6-9][0-9]{3}$"
expect_no_crash "drain: no crash or sanitizer report before the kill" "$T/run.log"
need_daemon
# finished: every copy sent, nothing left in flight, and the release service has
# marked the broadcast done (its next round after the last recipient, which may
# come after the last copy went out)
check "drain: resumes after SIGKILL and finishes" wait_for 180 \
    "SELECT $bsent || ':' || ($settled_sql) || ':' || (SELECT state FROM broadcasts WHERE id = $id)" "9700:0:done"
stop_daemon
expect_eq "drain: SIGTERM exits 0" "$DRC" 0
expect_no_crash "drain: no crash or sanitizer report after the restart" "$T/run.log"

expect_eq "drain: exactly 9 700 copies sent" "$(q "SELECT $bsent")" 9700
expect_eq "drain: one copy per recipient" "$(q "SELECT count(*) FROM (SELECT recipient FROM outbound WHERE kind='broadcast' GROUP BY recipient HAVING count(*) > 1)")" 0
expect_eq "drain: sim outbox agrees (no number twice)" "$("$TALKA" sim outbox | awk -F'\t' '$2 ~ /^Sestdien/ {print $1}' | sort | uniq -d | wc -l)" 0
expect_eq "drain: no opted-out number got it" "$(q "SELECT count(*) FROM outbound o JOIN volunteers v ON v.number = o.recipient WHERE o.kind='broadcast' AND v.opted_out = 1")" 0
expect_eq "drain: still none in quiet hours" "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND sent_at > $quiet_start AND sent_at < $quiet_end")" 0
expect_eq "drain: both modems drained it" "$(q "SELECT count(DISTINCT transport) FROM outbound WHERE kind='broadcast'")" 2
expect_eq "drain: recipients released 9 700, skipped 150 (STOP)" "$(q "SELECT group_concat(state || '=' || n) FROM (SELECT state, count(*) n FROM broadcast_recipients GROUP BY state ORDER BY state)")" "released=9700,skipped=150"
expect_eq "drain: a name with diacritics made its copy UCS-2, the rest too (ā in the text)" "$(q "SELECT group_concat(DISTINCT encoding) FROM outbound WHERE kind='broadcast'")" ucs2
expect_match "drain: named copies" "$(q "SELECT text FROM outbound WHERE kind='broadcast' AND recipient='+37120000707'")" "^Sestdien 10:00 talka pie Cēsu pils, Jānis! Ņem lāpstu\.$"
expect_match "drain: unnamed copies drop the comma" "$(q "SELECT text FROM outbound WHERE kind='broadcast' AND recipient='+37120000708'")" "^Sestdien 10:00 talka pie Cēsu pils! Ņem lāpstu\.$"
show=$("$TALKA" broadcast show "$id")
expect_match "drain: show counts sent" "$show" "sent: 9700"
expect_match "drain: show counts skipped" "$show" "skipped: 150"
expect_match "drain: list shows it done" "$("$TALKA" broadcast list)" "^1 +done "
finish
