# metrics.sh: [metrics] listen serves /metrics in the Prometheus text format on a
# listener of its own: every family checked by Debian's Prometheus parser against
# `talka status --json` and the database after texts through the simulated modem,
# `talka sms` and a USSD session; the bearer token is required; counters do not go
# backwards when rows they counted are deleted; the dashboard's port does not
# serve /metrics; off by default.
. tests/lib.sh
. tests/lib/modem.sh
plan 25   # 12 here, 13 from metrics_check.py
scratch
SECRET=test-ussd-secret-$$
printf '%s\n' "$SECRET" > "$T/ussd.secret"; chmod 600 "$T/ussd.secret"
TOKEN=test-metrics-token-$$-0123456789
printf '%s\n' "$TOKEN" > "$T/metrics.token"; chmod 600 "$T/metrics.token"
mkdir -p "$T/ports"
export TALKA_PORT_DIR=$T/ports
"$TALKA" config check > "$T/check.out" 2>&1
expect_match "metrics: off by default" "$(grep -A1 '^\[metrics\]' "$T/check.out" | tail -n1)" "^;listen = .*not set"
sed -i 's/^\[ussd\]$/[ussd]\nlisten = 127.0.0.1:0/; s|^secret_file = ../var/ussd.secret|secret_file = '"$T"'/ussd.secret|' "$CONF"
sed -i 's/^;listen = 127.0.0.1:8080$/listen = 127.0.0.1:0/' "$CONF"
printf '\n[metrics]\nlisten = 127.0.0.1:0\ntoken_file = %s\n' "$T/metrics.token" >> "$CONF"
mkdir -p "$T/var/phone/sms/1"
need_daemon
wait_until 15 test -s "$T/ports/metrics.port" || bail "no metrics port: $(tail -3 "$T/run.log")"
wait_until 15 test -s "$T/ports/ussd.port" || bail "no ussd port"
wait_until 15 test -s "$T/ports/web.port" || bail "no web port"
M="http://127.0.0.1:$(cat "$T/ports/metrics.port")/metrics"
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

expect_eq "metrics: no token, 401" "$(code "$M")" 401
expect_eq "metrics: a wrong token, 401" "$(code -H "Authorization: Bearer ${TOKEN}x" "$M")" 401
expect_eq "metrics: the dashboard's port does not serve /metrics" \
    "$(code "http://127.0.0.1:$(cat "$T/ports/web.port")/metrics" | grep -c 200)" 0

# texts: through the simulated modem, through talka sms, a text not understood, a USSD session
"$TALKA" sim send +37126000001 "KOKS 12 OZOLS Cesis" > /dev/null
"$TALKA" sim send +37126000002 "blah" > /dev/null
"$TALKA" sms +37126000003 "TREE 5 BIRCH Bauska" > /dev/null 2>&1
curl -s -o /dev/null --data-binary 'sessionId=m1&serviceCode=*123%23&phoneNumber=26000004&networkCode=LMT&text=' \
    "http://127.0.0.1:$(cat "$T/ports/ussd.port")/ussd?key=$SECRET"
wait_settled 60 || not_ok "metrics: texts settled" "$(q "$settled_sql")"
wait_for 30 "SELECT count(*) FROM outbound WHERE state IN ('sent','delivered')" 3 \
    || echo "    (sent: $(q "SELECT count(*) FROM outbound WHERE state IN ('sent','delivered')"))"

expect_eq "metrics: with the token, 200" "$(code -H "Authorization: Bearer $TOKEN" "$M")" 200
cp "$T/body" "$T/metrics1.txt"
"$TALKA" status --json > "$T/status1.json"
expect_eq "metrics: status --json exits 0" "$?" 0
/usr/bin/python3 tests/lib/metrics_check.py "$T/metrics1.txt" "$T/status1.json" "$DB"
value() { awk -v n="$1" '$1 == n { print $2 }' "$2"; }
expect_eq "metrics: three texts received" "$(value talka_texts_received_total "$T/metrics1.txt")" 3
expect_eq "metrics: three replies sent" "$(value 'talka_texts_sent_total{kind="reply"}' "$T/metrics1.txt")" 3
expect_eq "metrics: one USSD session" "$(value talka_ussd_sessions_total "$T/metrics1.txt")" 1
expect_eq "metrics: the modem is up" "$(value 'talka_link_up{link="gammu0"}' "$T/metrics1.txt")" 1

# rows deleted (as retention and the USSD purge delete them): counters stay
q "DELETE FROM ussd_answers; DELETE FROM ussd_sessions; DELETE FROM outbound"
code -H "Authorization: Bearer $TOKEN" "$M" > /dev/null
expect_eq "metrics: counters do not go backwards when rows go" \
    "$(value talka_ussd_sessions_total "$T/body") $(value 'talka_texts_sent_total{kind="reply"}' "$T/body") $(value talka_texts_received_total "$T/body")" \
    "1 3 3"
stop_daemon
expect_eq "metrics: the daemon stops cleanly" "$DRC" 0
expect_no_crash "metrics: no crash" "$T/run.log"
finish
