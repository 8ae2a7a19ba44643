#!/bin/sh
# web_queue_stop.sh: what a volunteer's STOP, the dashboard's Izslēgt and DZĒST do to
# messages talka sends of its own accord that still wait in the queue (issue 24,
# item 2): the modem is at its daily cap, so a reminder's copies and Sūtīt ziņu
# written out of the blue (tests/lib/web_queue_stop.py, real Chromium) wait; STOP from
# A, Izslēgt for C and DZĒST JĀ from E cancel theirs (shown "atcelta" in the
# conversation on the dashboard and "cancelled" in `talka volunteer show
# --messages`), B's wait on; the next day, with the cap lifted, only B's reach
# the simulated modem. The clock is a file the test moves.
. tests/lib.sh
. tests/lib/web.sh
plan 39  # 25 here, 14 from tests/lib/web_queue_stop.py (10 + 4)
web_needs_chromium web_stop
scratch
web_config "session_idle = 600"
# one part a day: the first reminder copy reaches it, the rest wait
sed -i 's/^daily_cap = .*/daily_cap = 1/' "$CONF"
clock() {
    python3 -c "import calendar,time,sys; print(calendar.timegm(time.strptime(sys.argv[1], '%Y-%m-%d %H:%M:%S')))" "$1" > "$T/clock.new"
    mv "$T/clock.new" "$T/clock"
}
export TALKA_CLOCK_FILE=$T/clock
clock "2026-05-20 09:00:00"            # 12:00 in Riga, outside the quiet hours
"$TALKA" stats > /dev/null
# Z first (its copy is the one the cap lets through), then A B C E: none has
# written in 7 days, so a message to them is one out of the blue
web_sql "INSERT INTO volunteers (number, name, created_at) VALUES
   ('+37126500009', 'Zane', 1778000000), ('+37126500001', 'Anna', 1778000000),
   ('+37126500002', 'Baiba', 1778000000), ('+37126500003', 'Cilda', 1778000000),
   ('+37126500005', 'Elza', 1778000000)"
vid() { web_sql "SELECT id FROM volunteers WHERE number = '$1'"; }
A=$(vid +37126500001); B=$(vid +37126500002); C=$(vid +37126500003); E=$(vid +37126500005)
"$TALKA" broadcast create --to all --text "Atgādinājums: sestdien talka, {name}." --yes > /dev/null
expect_eq web_stop_broadcast_created "$?" 0
web_user coord coordinator 'coordinator pass 1'
web_start || bail "talka run did not serve the dashboard"

copies() { web_sql "SELECT group_concat(recipient || ':' || state, ' ') FROM (SELECT recipient, state FROM outbound WHERE kind = 'broadcast' ORDER BY recipient)"; }
wait_for 30 "SELECT count(*) FROM outbound WHERE kind = 'broadcast' AND state IN ('sent', 'delivered')" 1 ||
    bail "no reminder copy was sent: $(copies)"
wait_for 30 "SELECT count(*) FROM outbound WHERE kind = 'broadcast' AND state = 'queued'" 4 ||
    bail "the reminder's copies were not released: $(copies)"
expect_eq web_stop_cap_lets_one_copy_through "$(web_sql "SELECT recipient FROM outbound WHERE kind = 'broadcast' AND state != 'queued'")" +37126500009

# Sūtīt ziņu to A B C E (out of the blue: they wait), Izslēgt for C
/usr/bin/python3 tests/lib/web_queue_stop.py "$WEB" "$SHOTS" send "$A" "$B" "$E" --off "$C"
staff_msgs="SELECT count(*) FROM outbound WHERE kind = 'staff' AND priority = 50"
expect_eq web_stop_four_messages_written "$(web_sql "$staff_msgs")" 4
# C's went with Izslēgt (checked below with A's and E's); A's, B's and E's wait
expect_eq web_stop_three_messages_wait "$(web_sql "$staff_msgs AND state = 'queued'")" 3

# A texts STOP, E erases their data: the modem hands both to talka
printf '+37126500001\tSTOP\n+37126500005\tDZĒST\n+37126500005\tDZĒST JĀ\n' | "$TALKA" sim send --stdin > /dev/null
check web_stop_stop_handled wait_for 30 "SELECT count(*) FROM inbound WHERE outcome = 'stopped'" 1
check web_stop_erase_handled wait_for 30 "SELECT count(*) FROM volunteers WHERE id = $E AND erased_at IS NOT NULL" 1
states() { # states NUMBER: the kinds and states of what waited for NUMBER
    web_sql "SELECT group_concat(kind || ':' || state, ' ') FROM (SELECT kind, state FROM outbound
             WHERE recipient = '$1' AND priority = 50 ORDER BY kind)"
}
expect_eq web_stop_stop_cancels_waiting "$(states +37126500001)" "broadcast:cancelled staff:cancelled"
expect_eq web_stop_turned_off_cancels_waiting "$(states +37126500003)" "broadcast:cancelled staff:cancelled"
pseudo=$(web_sql "SELECT number FROM volunteers WHERE id = $E")
expect_eq web_stop_erase_cancels_waiting "$(states "$pseudo")" "broadcast:cancelled staff:cancelled"
expect_eq web_stop_others_wait_on "$(states +37126500002)" "broadcast:queued staff:queued"
expect_eq web_stop_reply_to_stop_still_goes \
    "$(web_sql "SELECT count(*) FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.outcome = 'stopped' AND o.kind = 'reply'")" 1
expect_eq web_stop_reminders_off_for_a_and_c \
    "$(web_sql "SELECT group_concat(opted_out, '') FROM (SELECT opted_out FROM volunteers WHERE id IN ($A, $B, $C) ORDER BY id)")" 101

# the dashboard and the CLI show the cancelled message as cancelled
/usr/bin/python3 tests/lib/web_queue_stop.py "$WEB" "$SHOTS" look "$A=atcelta" "$C=atcelta" "$B=rindā"
cli_line() { "$TALKA" volunteer show "$1" --messages 2>&1 | grep -F "talka pie Cēsu pils"; }
expect_match web_stop_cli_shows_cancelled "$(cli_line +37126500001)" " out +staff cancelled +Sveiki"
expect_match web_stop_cli_shows_queued "$(cli_line +37126500002)" " out +staff queued +Sveiki"
web_stop web_stop_first_day_stop
mv "$T/run.log" "$T/run1.log"

# the next day without the cap: everything left in the queue goes; only B's of the waiting
sed -i 's/^daily_cap = .*/daily_cap = 0/' "$CONF"
clock "2026-05-21 09:00:00"
web_start || bail "talka run did not serve the dashboard the second day"
check web_stop_queue_drained wait_for 30 "SELECT count(*) FROM outbound WHERE state IN ('queued', 'sending')" 0
sent_to() { # sent_to NUMBER: the reminder and staff texts the modem got for NUMBER
    "$TALKA" sim outbox | awk -F '\t' -v n="$1" '$1 == n && /Atgādinājums|Cēsu pils/' | wc -l
}
expect_eq web_stop_b_got_both "$(sent_to +37126500002)" 2
expect_eq web_stop_z_got_its_copy "$(sent_to +37126500009)" 1
expect_eq web_stop_a_got_neither "$(sent_to +37126500001)" 0
expect_eq web_stop_c_got_neither "$(sent_to +37126500003)" 0
expect_eq web_stop_e_got_neither "$(sent_to +37126500005)$(sent_to erased-after-send)" 00
expect_eq web_stop_a_got_stop_reply "$("$TALKA" sim outbox | awk -F '\t' '$1 == "+37126500001"' | wc -l)" 1
expect_eq web_stop_cancelled_stay_cancelled "$(web_sql "SELECT count(*) FROM outbound WHERE priority = 50 AND state = 'cancelled'")" 6
expect_no_crash web_stop_no_crash "$T/run1.log" "$T/run.log"
web_stop web_stop_second_day_stop
finish
