#!/bin/sh
# web_browser.sh: the dashboard in real Chromium (tests/lib/web_browser.py): log in,
# the overview's totals equal `talka stats`, approve a waiting report and find
# the volunteer's SMS in the simulated modem's outbox, reject one with a reason,
# compose and schedule a broadcast and see it in `talka broadcast list`, search a
# volunteer and read the conversation. Screenshots go to build/screenshots/.
. tests/lib.sh
. tests/lib/web.sh
plan 39  # 18 here, 21 from tests/lib/web_browser.py
web_needs_chromium web_browser
scratch
web_config "session_idle = 600"
web_user boss admin 'correct horse battery'
web_user coord coordinator 'coordinator pass 1'
{
    printf '+37126000001\tKOKS 12 OZOLS Cesis\n'
    printf '+37126000001\tVARDS Anna\n'
    printf '+37126000002\tKOKS 40 PRIEDE Talsi\n'
    printf '+37126000003\tKOKS 25 BERZS Kuldiga\n'
    printf '+37126000002\tKOKS 500 BERZS Talsi\n'
    printf '+37126000003\tKOKS 300 EGLE Ventspils\n'
} | while IFS="$(printf '\t')" read -r from text; do "$TALKA" sms "$from" "$text" > /dev/null 2>&1; done
web_start || not_ok web_browser_daemon_up
accepted=$("$TALKA" stats | sed -n 's/^trees accepted: \([0-9]*\).*/\1/p')
/usr/bin/python3 tests/lib/web_browser.py "$WEB" "$SHOTS" "$T/sms.txt" "$accepted"
# the decisions' SMS reach the simulated modem, exactly as the page showed them
check web_browser_sms_texts_written test "$(grep -c . "$T/sms.txt" 2>/dev/null)" = 2
in_outbox() { # in_outbox NUMBER TEXT: waits up to 10 s for that exact line
    [ -n "$2" ] || return 1
    for _ in $(seq 1 100); do
        "$TALKA" sim outbox 2>/dev/null | grep -qxF -- "$(printf '%s\t%s' "$1" "$2")" && return 0
        sleep 0.1
    done
    return 1
}
check web_approval_sms_in_modem_outbox in_outbox +37126000002 "$(sed -n 1p "$T/sms.txt")"
check web_rejection_sms_in_modem_outbox in_outbox +37126000003 "$(sed -n 2p "$T/sms.txt")"
expect_match web_broadcast_in_cli_list "$("$TALKA" broadcast list)" 'sestdienas talka'
expect_match web_audit_approve_by_account "$(web_sql "SELECT actor FROM audit_log WHERE action = 'approve'")" '^web:coord$'
expect_match web_audit_broadcast_by_account "$(web_sql "SELECT actor FROM audit_log WHERE action = 'broadcast_create'")" '^web:coord$'
web_stop web_browser_stop
for p in login overview moderation report broadcast_preview broadcasts volunteer health downloads overview_en accounts; do
    check "web_screenshot_$p" test -s "$SHOTS/$p.png"
done
finish
