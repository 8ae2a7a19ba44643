# web_audience.sh: Atgādinājumi's audience in real Chromium
# (tests/lib/web_audience.py): two municipalities ticked, Russian, reported
# since a date; the live count against the database's own answer, a date that
# does not exist refused in Latvian, the preview and the count agreeing; then
# the broadcast sent: exactly those volunteers get it, in Russian, through the
# outbound queue and the simulated modem. The page at 390 px, no console
# errors, no text in an address. Screenshots go to build/screenshots/.
. tests/lib.sh
. tests/lib/audience.sh
. tests/lib/web.sh
plan 23  # 5 here, 18 from tests/lib/web_audience.py
web_needs_chromium web_audience
scratch
web_config "session_idle = 600"
sed -i 's/^quiet_hours = .*/quiet_hours = none/' "$CONF"
web_user coord coordinator 'coordinator pass 1'
day=$(date -u -d '3 days ago' +%Y-%m-%d)       # the date picked: reports since it count
old=$(date -u -d '20 days ago' '+%Y-%m-%d 09:00')
now=$(date -u -d '1 hour ago' '+%Y-%m-%d %H:%M')
{   # FROM, --at (UTC), TEXT
    printf '+37127000001\t%s\tДЕРЕВО 5 ДУБ Цесис\n' "$now"         # in
    printf '+37127000002\t%s\tДЕРЕВО 3 ЛИПА Валмиера\n' "$now"     # in
    printf '+37127000003\t%s\tДЕРЕВО 2 ДУБ Цесис\n' "$old"         # reported before the date
    printf '+37127000004\t%s\tKOKS 4 OZOLS Cesis\n' "$now"         # Latvian
    printf '+37127000005\t%s\tДЕРЕВО 6 БЕРЕЗА Талси\n' "$now"      # another place
    printf '+37127000006\t%s\tДЕРЕВО 3 ЛИПА Валмиера\n' "$now"     # then STOP
    printf '+37127000006\t%s\tСТОП\n' "$now"
    printf '+37127000007\t%s\tKOKS 1 LIEPA Valmiera\n' "$now"      # Latvian
} | while IFS="$(printf '\t')" read -r from at text; do "$TALKA" sms --at "$at" "$from" "$text" > /dev/null 2>&1; done
since=$(TZ=Europe/Riga date -d "$day 00:00" +%s)
# who the database says match, written apart from talka's own query
expected=$(audience_expected "$since")
expect_eq web_audience_database_answer "$expected" "+37127000001 +37127000002"
web_start || not_ok web_audience_daemon_up
: > "$T/out.txt"
/usr/bin/python3 tests/lib/web_audience.py "$WEB" "$SHOTS" "$T/out.txt" "$(TZ=Europe/Riga date -d "$day" +%d.%m.%Y)"
expect_eq web_audience_live_count_is_the_database_count "$(sed -n 's/^live\t//p' "$T/out.txt")" \
    "$(printf '%s\n' "$expected" | wc -w)"
# released: every recipient handled, then the queue compared as a set
bid=$(web_sql "SELECT max(id) FROM broadcasts")
released() { [ -n "$bid" ] && [ "$(web_sql "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = $bid
    AND state = 'pending'")" = 0 ] && [ "$(web_sql "SELECT state FROM broadcasts WHERE id = $bid")" != preparing ]; }
wait_until 30 released || bail "the broadcast was not released"
expect_eq web_audience_exactly_those_queued \
    "$(web_sql "SELECT group_concat(recipient || '=' || text, ' ') FROM (SELECT recipient, text FROM outbound
        WHERE kind = 'broadcast' AND broadcast_id = $bid ORDER BY recipient)")" \
    "+37127000001=В субботу толока у реки! +37127000002=В субботу толока у реки!"
in_outbox() { # the simulated modem sent exactly these broadcast copies (and nothing more of it)
    [ "$("$TALKA" sim outbox 2>/dev/null | grep -F 'толока у реки' | sort | tr '\n' ' ')" = \
      "$(printf '+37127000001\tВ субботу толока у реки! +37127000002\tВ субботу толока у реки! ')" ]
}
wait_until 30 in_outbox
check web_audience_in_modem_outbox in_outbox
web_stop web_audience_stop
finish
