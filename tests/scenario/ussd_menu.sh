#!/bin/sh
# ussd_menu.sh: every path of the USSD menu over real HTTP on 127.0.0.1 (main
# menu, registration by number, by typed name, "0 for more", fuzzy place with
# confirmation, cancel, points, how to text, language remembered), wrong inputs,
# retries, every screen against its size rule in lv/ru/en, Cyrillic and
# transliterated Russian; then what reached the database; then `talka ussd`.
. tests/lib.sh
. tests/lib/ussd.sh
plan 167  # 19 here, 2 x 74 printed by ussd_walks.py (lv and --translit)
scratch
ussd_config
need_ussd
helper ussd_walks_helper python3 tests/lib/ussd_walks.py "$PORT" "$SECRET"

# registrations saved: walk-register (12), walk-english (3), walk-russian (4); the
# cancelled walk saved nothing, and the retried final request saved nothing twice
expect_eq ussd_db_plantings "$(q "SELECT count(*) || ' ' || sum(count) FROM plantings")" "3 19"
expect_eq ussd_db_inbound_channel \
    "$(q "SELECT count(*) FROM inbound WHERE channel = 'ussd' AND transport = 'ussd'")" 3
expect_eq ussd_db_no_sms_reply "$(q "SELECT count(*) FROM outbound")" 0
expect_eq ussd_db_trail_kept \
    "$(q "SELECT text FROM inbound WHERE transport_id LIKE 'walk-$PORT-register@%'")" "1*1*12*Cēsis*1"
expect_eq ussd_db_register_row \
    "$(q "SELECT p.count || ' ' || p.place || ' ' || p.channel FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.transport_id LIKE 'walk-$PORT-register@%'")" \
    "12 Cēsis ussd"
expect_eq ussd_db_lang_remembered \
    "$(q "SELECT group_concat(number || '=' || lang, ' ') FROM (SELECT * FROM volunteers WHERE number IN ('+37126100002', '+37126100003') ORDER BY number)")" \
    "+37126100002=en +37126100003=ru"
points=$(q "SELECT sum(delta) FROM points_ledger l JOIN volunteers v ON v.id = l.volunteer_id WHERE v.number = '+37126100001'")
expect_match ussd_db_points_positive "$points" '^[1-9][0-9]*$'

# the simulator: input from stdin, the secret taken from the config
out=$(printf '2\n' | "$TALKA" ussd --phone 26100001 --session "sim-$PORT" 2>&1)
expect_match ussd_sim_points "$out" "Jums ir $points punkti"
out=$(printf '1\n1\n3\nCesis\n2\n' | "$TALKA" ussd --phone 26100001 --session "sim2-$PORT" "$BASE" 2>&1)
expect_match ussd_sim_cancel "$out" 'Atcelts'
"$TALKA" ussd --help > "$T/help.txt"; expect_eq ussd_sim_help_exit $? 0
expect_match ussd_sim_help_text "$(cat "$T/help.txt")" 'usage: talka .*ussd'
"$TALKA" ussd --bogus > /dev/null 2>&1; expect_eq ussd_sim_usage_exit $? 2
printf '1\n' | "$TALKA" ussd "$BASE?key=wrong" > /dev/null 2> "$T/sim.err"; expect_eq ussd_sim_403_exit $? 1
expect_match ussd_sim_403_message "$(cat "$T/sim.err")" '403'
ussd_stop ussd_menu_daemon_stop

# transliterated Russian within 160 GSM-7 characters, on a fresh database
rm -f "$T"/var/talka.db*
ussd_config "russian = translit"
need_ussd
helper ussd_walks_translit_helper python3 tests/lib/ussd_walks.py "$PORT" "$SECRET" --translit
ussd_stop ussd_translit_daemon_stop
if grep -q "$SECRET" "$T/run.log"; then not_ok ussd_secret_not_logged; else ok ussd_secret_not_logged; fi
finish
