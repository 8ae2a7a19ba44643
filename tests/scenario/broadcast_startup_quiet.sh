# broadcast_startup_quiet.sh: no start-up window without the send policy. Copies of a
# broadcast already queued by an earlier run wait in the outbound queue; the clock
# is inside quiet hours; a fresh `talka run` must send none of them — from its very
# first moment — while a reply to a text still goes out.
. tests/lib.sh
. tests/lib/modem.sh
plan 5
scratch
mkdir -p "$T/var/phone"
export TALKA_CLOCK_FILE=$T/clock
python3 -c "import calendar,time; print(calendar.timegm(time.strptime('2026-05-16 19:30:00', '%Y-%m-%d %H:%M:%S')))" > "$T/clock"
now=$(cat "$T/clock")                     # 22:30 in Riga: quiet hours 21:00-09:00
"$TALKA" stats > /dev/null
q "INSERT INTO broadcasts (id, segment, seg_kind, text, state, send_at, recipients, created_at, created_by)
   VALUES (1, 'all', 'all', 'Talka sestdien!', 'done', $now - 10800, 40, $now - 10800, 'cli:test')"
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
   INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, created_at, next_try_at, broadcast_id)
   SELECT printf('+3712%07d', i), 'Talka sestdien!', 'gsm7', 1, 50, 'broadcast', $now - 10800, 0, 1 FROM n"
expect_eq "start-up: 40 copies queued by an earlier run" \
    "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND state='queued'")" 40
need_daemon
printf '+37126000001\tPUNKTI\n' | "$TALKA" sim send --stdin
# the positive event: the reply went out inside quiet hours
check "start-up: a reply is sent during quiet hours" \
    wait_for 30 "SELECT count(*) FROM outbound WHERE kind='reply' AND state='sent'" 1
expect_eq "start-up: no broadcast copy sent inside quiet hours" \
    "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND state IN ('sent','sending','delivered')")" 0
expect_eq "start-up: the phone's outbox holds only the reply" "$("$TALKA" sim outbox | grep -c .)" 1
stop_daemon
expect_eq "start-up: the copies still wait" \
    "$(q "SELECT count(*) FROM outbound WHERE kind='broadcast' AND state='queued'")" 40
finish
