# fault_fail_closed.sh: security decisions fail closed on a database error. The
# schema is broken on purpose under a running gateway's database: the staff
# lockout check, the wrong-PIN counter (and its reset after a right PIN) and the
# flood check each refuse — no reply, nothing queued, the text left unhandled for
# a later retry, the refusal logged — and never allow.
. tests/lib.sh
plan 17
scratch
printf '2468\n' > "$T/config/staff.pin"; chmod 600 "$T/config/staff.pin"
sed -i 's/^;numbers = +37120000000, +37120000001$/numbers = +37129990001/; s/^;pin_file = \/etc\/talka\/staff.pin$/pin_file = staff.pin/' "$CONF"
# each text its own transport id: the same staff text twice within one second must
# not be taken for a repeat of the first (sender + time + text is the dedupe key)
sms() { TALKA_LOG=info "$TALKA" sms --id "fault-$(date +%s%N)" "$1" "$2" 2>> "$T/log"; }
expect_match "fault: staff command works before the fault" "$(sms +37129990001 "ZIŅA 2468 STATUSS")" "."
queued() { q "SELECT count(*) FROM outbound"; }
unhandled() { q "SELECT count(*) FROM inbound WHERE state = 'new'"; }
before=$(queued)

# 1. the lockout check cannot read its table
q "ALTER TABLE staff_pin_failures RENAME TO spf_moved"
out=$(sms +37129990001 "ZIŅA 2468 STATUSS"); rc=$?
expect_eq "fault: lockout check error -> no reply printed" "$out" ""
expect_eq "fault: lockout check error -> exit 1" "$rc" 1
expect_eq "fault: lockout check error -> nothing queued" "$(queued)" "$before"
expect_eq "fault: lockout check error -> text kept for a retry" "$(unhandled)" 1
expect_match "fault: lockout check error -> logged" "$(cat "$T/log")" "the lockout check failed"
q "ALTER TABLE spf_moved RENAME TO staff_pin_failures"

# 2. the wrong-PIN counter (and the reset after a right PIN) cannot write; one
# earlier wrong PIN is on record, so the reset has a row to write
q "INSERT INTO staff_pin_failures (volunteer_id, failures, last_at)
   SELECT id, 1, 0 FROM volunteers WHERE number = '+37129990001'"
q "CREATE TRIGGER spf_no_insert BEFORE INSERT ON staff_pin_failures BEGIN SELECT RAISE(ABORT, 'forced'); END;
   CREATE TRIGGER spf_no_update BEFORE UPDATE ON staff_pin_failures BEGIN SELECT RAISE(ABORT, 'forced'); END;"
out=$(sms +37129990001 "ZIŅA 1111 STATUSS"); rc=$?
expect_eq "fault: wrong-PIN counter error -> no reply" "$out" ""
expect_eq "fault: wrong-PIN counter error -> exit 1" "$rc" 1
expect_eq "fault: wrong-PIN counter error -> nothing queued" "$(queued)" "$before"
expect_match "fault: wrong-PIN counter error -> logged" "$(cat "$T/log")" "counting a wrong PIN failed"
out=$(sms +37129990001 "ZIŅA 2468 STATUSS"); rc=$?
expect_eq "fault: PIN reset error -> even the right PIN gets no answer" "$out" ""
expect_eq "fault: PIN reset error -> nothing queued" "$(queued)" "$before"
expect_match "fault: PIN reset error -> logged" "$(cat "$T/log")" "resetting the PIN failures failed"
q "DROP TRIGGER spf_no_insert; DROP TRIGGER spf_no_update"

# 3. the flood check cannot count the sender's texts: a stored text waits unhandled
q "DELETE FROM inbound WHERE state = 'new'"
out=$(sms +37126000001 "KOKS 3 OZOLS Cesis")
expect_match "fault: a report before the fault is answered" "$out" "."
base=$(queued)
q "INSERT INTO inbound (dedupe_key, channel, transport, sender, sender_e164, text, received_at)
   VALUES ('t:test:1', 'sms', 'test', '+37126000001', '+37126000001', CAST('PUNKTI' AS BLOB), strftime('%s','now'))"
q "ALTER TABLE inbound RENAME COLUMN sender_e164 TO sender_e164_moved"
mkdir -p "$T/var/phone"
TALKA_LOG=info "$TALKA" run > "$T/run.log" 2>&1 &
pid=$!
wait_log 30 "$T/run.log" "cannot count the sender's recent texts"
kill -TERM $pid; wait $pid
expect_match "fault: flood check error -> logged" "$(cat "$T/run.log")" "cannot count the sender's recent texts"
q "ALTER TABLE inbound RENAME COLUMN sender_e164_moved TO sender_e164"
expect_eq "fault: flood check error -> nothing queued" "$(queued)" "$base"
expect_eq "fault: flood check error -> text kept for a retry" "$(unhandled)" 1
finish
