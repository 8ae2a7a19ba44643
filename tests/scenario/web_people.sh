#!/bin/sh
# web_people.sh: issue 24's people and reminders in real Chromium
# (tests/lib/web_people.py): the volunteer search by part of a number and by a
# name without diacritics, Sūtīt ziņu (the answer reaches the simulated modem and
# `talka volunteer show --messages`), reminders after STOP, Atgādinājumi with a
# Russian text (a Russian speaker gets it), every page at 390 px, no console
# errors, no message text in an address. Screenshots go to build/screenshots/.
. tests/lib.sh
. tests/lib/web.sh
plan 63  # 5 here, 58 from tests/lib/web_people.py
web_needs_chromium web_people
scratch
web_config "session_idle = 600"
# broadcasts may go at any hour of the test run
sed -i 's/^quiet_hours = .*/quiet_hours = none/' "$CONF"
web_user boss admin 'correct horse battery'
web_user coord coordinator 'coordinator pass 1'
{
    printf '+37126310001\tKOKS 12 OZOLS Cesis\n'
    printf '+37126310001\tVARDS Ilze Bērziņa\n'
    printf '+37126310001\tSveiki, kā jums iet?\n'
    printf '+37126000002\tKOKS 500 BERZS Talsi\n'
    printf '+37126000003\tДЕРЕВО 4 СОСНЫ Вентспилс\n'
    printf '+37126000004\tKOKS 3 EGLE Kuldiga\n'
    printf '+37126000004\tSTOP\n'
} | while IFS="$(printf '\t')" read -r from text; do "$TALKA" sms "$from" "$text" > /dev/null 2>&1; done
web_start || not_ok web_people_daemon_up
: > "$T/out.txt"
/usr/bin/python3 tests/lib/web_people.py "$WEB" "$SHOTS" "$T/out.txt"
msg=$(sed -n 's/^message\t//p' "$T/out.txt")
in_outbox() { # in_outbox NUMBER TEXT: waits up to 10 s for that exact line
    [ -n "$2" ] || return 1
    for _ in $(seq 1 100); do
        "$TALKA" sim outbox 2>/dev/null | grep -qxF -- "$(printf '%s\t%s' "$1" "$2")" && return 0
        sleep 0.1
    done
    return 1
}
check web_message_in_modem_outbox in_outbox +37126310001 "$msg"
ru_copy() { # waits up to 20 s for the broadcast's copy to the Russian speaker
    for _ in $(seq 1 200); do
        t=$(web_sql "SELECT text FROM outbound WHERE kind = 'broadcast' AND recipient = '+37126000003'")
        [ -n "$t" ] && { printf '%s' "$t"; return 0; }
        sleep 0.1
    done
}
expect_eq web_broadcast_russian_speaker_gets_russian "$(ru_copy)" "В субботу сажаем деревья!"
web_stop web_people_stop
expect_match web_message_in_cli_conversation "$("$TALKA" volunteer show +37126310001 --messages 2>&1)" "$msg"
expect_match web_message_audited_without_words \
    "$(web_sql "SELECT actor || ' ' || action || ' ' || coalesce(detail, '') FROM audit_log WHERE action = 'message_send'")" \
    '^web:coord message_send answer$'
finish
