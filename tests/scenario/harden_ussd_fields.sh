#!/bin/sh
# harden_ussd_fields.sh (issue 11, item 4): a field over its limit is answered
# 400 naming the field, never cut: two session ids that differ only after byte
# 127 stay two sessions (the second is refused, nothing is stored for it).
. tests/lib.sh
. tests/lib/ussd.sh
plan 14
scratch
ussd_config
ussd_start || not_ok fields_daemon_up
post() { curl -s -o "$T/body" -w '%{http_code}' --data-binary @- "$URL"; }
long=$(python3 -c 'print("s" * 127)')
printf 'sessionId=%sA&serviceCode=*123%%23&phoneNumber=26100001&networkCode=LMT&text=' "$long" | post > "$T/c1"
printf 'sessionId=%sA&serviceCode=*123%%23&phoneNumber=26100002&networkCode=LMT&text=' "$long" | post > "$T/c2"
expect_eq fields_long_session_400 "$(cat "$T/c2")" 400
expect_match fields_long_session_named "$(cat "$T/body")" 'sessionId'
expect_eq fields_long_session_first_400 "$(cat "$T/c1")" 400
expect_eq fields_nothing_stored "$(q 'SELECT count(*) FROM ussd_sessions')" 0
# exactly at the limit is fine
printf 'sessionId=%s&serviceCode=*123%%23&phoneNumber=26100001&networkCode=LMT&text=' "$long" | post > "$T/c3"
expect_eq fields_session_at_limit_200 "$(cat "$T/c3")" 200
for f in phoneNumber serviceCode networkCode text; do
    form=$(python3 -c "
import sys
d = {'sessionId': 'f-$f', 'serviceCode': '*123#', 'phoneNumber': '26100003', 'networkCode': 'LMT', 'text': ''}
d['$f'] = '9' * 5000
import urllib.parse; print(urllib.parse.urlencode(d))")
    printf '%s' "$form" | post > "$T/c"
    expect_eq "fields_${f}_over_limit_400" "$(cat "$T/c")" 400
    expect_match "fields_${f}_named" "$(cat "$T/body")" "$f"
done
ussd_stop fields_daemon_stop
finish
