# broadcast_cap.sh: the daily cap per modem on the simulated phone: broadcasts
# stop for the day when a modem has sent [broadcast] daily_cap parts and staff
# are told once; replies keep going up to reply_hard_cap; the next day it resumes.
. tests/lib.sh
. tests/lib/modem.sh
plan 13
scratch
mkdir -p "$T/var/phone"
clock() {
    python3 -c "import calendar,time,sys; print(calendar.timegm(time.strptime(sys.argv[1], '%Y-%m-%d %H:%M:%S')))" "$1" > "$T/clock.new"
    mv "$T/clock.new" "$T/clock"
}
export TALKA_CLOCK_FILE=$T/clock
clock "2026-05-16 09:00:00"            # 12:00 in Riga
sed -i 's/^daily_cap = 0$/daily_cap = 20/; s/^reply_hard_cap = 0$/reply_hard_cap = 25/; s/^;numbers = +37120000000, +37120000001$/numbers = +37129990001/' "$CONF"
"$TALKA" stats > /dev/null
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
   INSERT INTO volunteers (number, created_at) SELECT printf('+3712%07d', i), 0 FROM n"
"$TALKA" broadcast create --to all --text "Talka sestdien!" --yes > /dev/null
bsent="(SELECT count(*) FROM outbound WHERE kind='broadcast' AND state='sent')"
need_daemon
check "cap: 20 copies on day one" wait_for 60 "SELECT $bsent" 20
check "cap: staff are told" wait_for 30 "SELECT count(*) FROM outbound WHERE kind='alert' AND recipient='+37129990001' AND state='sent'" 1
for i in 1 2 3 4 5 6; do echo "+3712000000$i	PUNKTI"; done | "$TALKA" sim send --stdin
check "cap: replies go on to the hard cap (25 parts in all)" wait_for 60 "SELECT count(*) FROM outbound WHERE kind='reply' AND state='sent'" 4
# wait until all six replies are queued and the daemon has been round its loop
# since (texts from LMT are stored, never answered): only then can "nothing
# more was sent" mean anything
check "cap: the other 2 replies are queued" wait_for 30 "SELECT count(*) FROM outbound WHERE kind='reply'" 6
check "cap: the daemon went on reading texts past the cap" modem_ticks 3
expect_eq "cap: nothing past the hard cap" "$(q "SELECT count(*) FROM outbound WHERE state='sent'")" 25
expect_eq "cap: no more copies today" "$(q "SELECT $bsent")" 20
clock "2026-05-17 06:00:00"            # 09:00 next day
# day two: the 2 waiting replies first, then copies up to the cap of 20 parts
check "cap: the next day it goes on up to the cap again" wait_for 60 "SELECT $bsent" 38
expect_eq "cap: the waiting replies went" "$(q "SELECT count(*) FROM outbound WHERE kind='reply' AND state='sent'")" 6
check "cap: staff told once a day" wait_for 30 "SELECT count(*) FROM outbound WHERE kind='alert' AND state='sent'" 2
stop_daemon
expect_eq "cap: SIGTERM exits 0" "$DRC" 0
expect_no_crash "cap: no crash or sanitizer report in the daemon's log" "$T/run.log"
expect_eq "cap: the rest waits for tomorrow" "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND state='queued'")" 22
finish
