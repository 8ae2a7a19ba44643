#!/bin/sh
# harden_ussd_busy.sh (issue 11, item 10): while another process holds the
# database's write lock (BEGIN EXCLUSIVE), a USSD request is answered within
# ~1.5 s with an END "busy, dial again in a minute" screen in the caller's
# language, the session keeps its state, and the busy answer is logged.
. tests/lib.sh
. tests/lib/ussd.sh
plan 10
scratch
ussd_config
ussd_start || not_ok busy_daemon_up
form() { printf 'sessionId=%s&serviceCode=*123%%23&phoneNumber=%s&networkCode=LMT&text=%s' "$1" "$2" "$3"; }
timed() { # timed FORM: "STATUS SECONDS" and the body in $T/body
    curl -s -o "$T/body" -w '%{http_code} %{time_total}' --data-binary "$1" "$URL"
}
# a session started before the lock, in Russian
q "INSERT INTO volunteers (number, lang, created_at, last_seen_at) VALUES ('+37126100009', 'ru', 0, 0)"
r=$(timed "$(form busy1 26100009 '')")
expect_match busy_session_started "$r" '^200 '
step0=$(q "SELECT step || '|' || trail FROM ussd_sessions WHERE session_id = 'busy1'")

# hold the write lock for 12 s from outside
# (it waits out the probe below, which takes the lock for an instant)
( printf '.timeout 5000\nBEGIN EXCLUSIVE;\nSELECT 1;\n'; sleep 12; printf 'COMMIT;\n' ) | sqlite3 "$T/var/talka.db" > /dev/null &
lockpid=$!
# held once another writer is refused at once (no busy timeout in the probe)
locked() { sqlite3 "$T/var/talka.db" 'BEGIN IMMEDIATE; ROLLBACK;' 2>&1 | grep -q 'locked'; }
wait_until 10 locked || bail "the outside write lock was not taken"
r=$(timed "$(form busy1 26100009 1)")
secs=${r#* }
expect_eq busy_answered_200 "${r%% *}" 200
expect_eq busy_answered_fast "$(python3 -c "print(1 if $secs < 2.5 else 0)")" 1
expect_match busy_end_screen_russian "$(cat "$T/body")" '^END .*(занят|zanjat|zanyat)'
r=$(timed "$(form busy2 26100010 '')")
expect_eq busy_new_session_fast "$(python3 -c "print(1 if ${r#* } < 2.5 else 0)")" 1
expect_match busy_end_screen_latvian "$(cat "$T/body")" '^END .*(aizņemta|aiznemta)'
wait $lockpid

# the session kept its state: the same step and trail as before the lock
expect_eq busy_session_kept "$(q "SELECT step || '|' || trail FROM ussd_sessions WHERE session_id = 'busy1'")" "$step0"
r=$(timed "$(form busy1 26100009 1)")
expect_match busy_after_lock_continues "$(cat "$T/body")" '^CON '
ussd_stop busy_daemon_stop
expect_match busy_logged "$(cat "$T/run.log")" 'busy'
finish
