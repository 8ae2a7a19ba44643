#!/bin/sh
# harden_second_daemon.sh (issue 11, item 7): a second `talka run` on the same
# database exits 1 naming the first one's PID, before it touches anything (the
# first one's message in flight stays 'sending', nothing is sent twice); other
# subcommands keep working beside the daemon; a killed daemon leaves no lock.
. tests/lib.sh
scratch
. tests/lib/modem.sh
plan 8
mkdir -p "$T/var/phone"
start_daemon || not_ok second_first_up
# the first daemon's message in flight (on a modem of its own)
q "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, state, attempts, created_at)
   VALUES ('+37120000001', 'in flight', 'gsm7', 1, 0, 'reply', 'sending', 1, 0)"
"$TALKA" run > "$T/second.log" 2>&1 &
second=$!
i=0; while kill -0 $second 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $second 2>/dev/null; then
    kill -TERM $second; wait $second
    not_ok second_refused_exit_1 "a second talka run started beside the first"
    not_ok second_names_first_pid "it did not exit"
else
    wait $second; rc=$?
    expect_eq second_refused_exit_1 "$rc" 1
    expect_match second_names_first_pid "$(cat "$T/second.log")" "pid $DPID"
fi
expect_eq second_left_in_flight_alone "$(q "SELECT state FROM outbound WHERE text = 'in flight'")" sending
"$TALKA" stats > /dev/null 2>&1
expect_eq second_cli_beside_daemon "$?" 0
"$TALKA" sms +37120000002 "KOKS 2 OZOLS Cesis" > /dev/null 2>&1
expect_eq second_sms_cli_beside_daemon "$?" 0
kill -0 "$DPID" 2>/dev/null
expect_eq second_first_still_running "$?" 0
# a killed daemon's lock goes with it
kill -9 "$DPID"; wait "$DPID" 2>/dev/null
start_daemon
expect_eq second_restart_after_kill "$?" 0
stop_daemon
expect_eq second_clean_stop "$DRC" 0
finish
