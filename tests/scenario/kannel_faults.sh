# kannel_faults.sh: what each Kannel failure does. A text Kannel will not route
# (an unknown smsc id) is marked failed at once and staff get one alert; a wrong
# sendsms password keeps the link down with Kannel's answer in `talka status`;
# a [kannelN] section without a username is refused naming the key; smsbox down
# while talka sends: the texts wait and leave when it is back; the SMSC down:
# Kannel queues the text ("3: Queued") and delivers it later.
. tests/lib.sh
. tests/lib/kannel.sh
plan 22

scratch
kannel_setup
sed -i 's/^smsc = fake$/smsc = nosuch/' "$CONF"
# the operator's SMSC takes only texts routed to it: "nosuch" is not routable
sed -i 's/^smsc-id = fake$/smsc-id = fake\nallowed-smsc-id = fake/' "$K/kannel.conf"
sed -i 's/^;numbers = .*/numbers = +37120000077/' "$CONF"
grep -q '^numbers = +37120000077' "$CONF" || printf '\n[staff]\nnumbers = +37120000077\n' >> "$CONF"
bb_start; sb_start
check "faults: talka up" talka_start
fake_start
printf '+37120000001 1345 text KOKS 3 OZOLS Cesis\n+37120000002 1345 text KOKS 4 OZOLS Cesis\n' > "$T/mo.txt"
fake_send "$T/mo.txt"
failed_sql="SELECT count(*) FROM outbound WHERE kind='reply' AND state='failed' AND last_error LIKE 'Kannel: 403 Not routable%'"
wait_until 30 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$failed_sql\")\" = 2 ]"
expect_eq "faults: not routable: both replies failed at once (no retries)" "$(q "$failed_sql"); $(q "SELECT max(attempts) FROM outbound WHERE kind='reply'")" "2; 1"
wait_until 20 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"SELECT count(*) FROM outbound WHERE kind='alert'\")\" -ge 1 ]"
expect_eq "faults: ... staff get one alert" "$(q "SELECT count(*) FROM outbound WHERE kind='alert' AND recipient='+37120000077'")" 1
expect_match "faults: ... saying what Kannel answered" "$(q "SELECT text FROM outbound WHERE kind='alert'")" "kannel0: Kannel refused [12] texts? for good: Kannel: 403 Not routable"
talka_stop
expect_eq "faults: clean stop" "$DRC" 0

# a wrong password: the link stays down, status says why
printf 'wrong\n' > "$T/config/kannel0.password"
sed -i 's/^smsc = nosuch$/smsc = fake/' "$CONF"
TALKA_LOG=info "$TALKA" run >> "$T/run.log" 2>&1 &
DPID=$!
wait_until 20 grep -q "refuses user 'talka'" "$T/run.log"
st=$("$TALKA" status)
expect_match "faults: wrong password: link down" "$st" "kannel0 +down"
expect_match "faults: ... with Kannel's answer" "$st" "Authorization failed"
check "faults: ... the password never in the log" sh -c "! grep -q -- '$KPASS' '$T/run.log'"
talka_stop

# smsbox down while talka sends: texts wait, then leave
printf '%s\n' "$KPASS" > "$T/config/kannel0.password"
check "faults: talka up again" talka_start
kill "$SBPID"; wait "$SBPID" 2>/dev/null; SBPID=
"$TALKA" sms +37120000004 "KOKS 6 OZOLS Cesis" > /dev/null 2>&1
# the link tried and failed (a positive event) before the reply is seen waiting
wait_log 30 "$T/run.log" "kannel0: outbound [0-9]+ attempt 1 failed: smsbox"
expect_eq "faults: smsbox down: the reply waits" "$(q "SELECT count(*) FROM outbound WHERE recipient='+37120000004' AND state='queued'")" 1
sb_start
sent_sql="SELECT count(*) FROM outbound WHERE recipient='+37120000004' AND state IN ('sent','delivered')"
wait_until 90 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$sent_sql\")\" = 1 ]"
expect_eq "faults: ... and leaves when smsbox is back" "$(q "$sent_sql")" 1

# the SMSC link down (fakesmsc gone): smsbox answers "3: Queued for later
# delivery", talka counts the text sent, bearerbox delivers it when the SMSC is back
eofs=$(grep -c 'fakesmsc client. Closing connection' "$K/bearerbox.log")
fake_stop
# bearerbox has seen the link go (else smsbox accepts the text for a link it thinks is up)
wait_log 20 "$K/bearerbox.log" 'fakesmsc client. Closing connection' $((eofs + 1)) ||
    bail "bearerbox did not notice fakesmsc go"
"$TALKA" sms +37120000005 "KOKS 7 OZOLS Cesis" > /dev/null 2>&1
q5="SELECT count(*) FROM outbound WHERE recipient='+37120000005' AND state IN ('sent','delivered')"
wait_until 30 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$q5\")\" = 1 ]"
expect_eq "faults: SMSC down: Kannel queues the text, talka counts it sent" "$(q "$q5")" 1
expect_match "faults: ... and logs that Kannel queued it" "$(grep 'queued a text for later delivery' "$T/run.log")" "3: Queued"
fake_start
back() { fake_tick; fake_received | grep -q '+37120000005'; }
wait_until 60 back
check "faults: ... delivered when the SMSC is back" back
talka_stop

# post-url instead of get-url: the text in the body, sender and coding in headers
kill "$SBPID"; wait "$SBPID" 2>/dev/null; SBPID=
sed -i "s|^get-url = .*|post-url = \"http://127.0.0.1:$P_TALKA/kannel/sms?key=$KKEY\&link=kannel0\&id=%I\&time=%T\"|" "$K/kannel.conf"
# without send-sender smsbox leaves X-Kannel-From out of a post-url request
sed -i 's|^omit-empty = true$|omit-empty = true\nsend-sender = true|' "$K/kannel.conf"
sb_start
check "faults: talka up for post-url" talka_start
/usr/bin/python3 -c "
import urllib.parse
print('+37120000006 1345 ucs2 ' + urllib.parse.quote('посадил 3 дубов Рига'.encode('utf-16-be')))
print('+37120000007 1345 text koks 4 bērzi Limbažos')" > "$T/post.txt"
fake_send "$T/post.txt"
post_sql="SELECT count(*) FROM inbound WHERE sender IN ('+37120000006','+37120000007') AND transport_id LIKE 'kannel/%'"
wait_until 30 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$post_sql\")\" = 2 ]"
expect_eq "faults: post-url: Russian (UCS-2) intact" "$(q "SELECT CAST(text AS TEXT) FROM inbound WHERE sender='+37120000006'")" "посадил 3 дубов Рига"
expect_eq "faults: post-url: Latvian intact" "$(q "SELECT CAST(text AS TEXT) FROM inbound WHERE sender='+37120000007'")" "koks 4 bērzi Limbažos"
code=$(printf 'KOKS 9 OZOLS Cesis' | curl -s -o /dev/null -w '%{http_code}' -H 'X-Kannel-From: +37120000008' --data-binary @- "http://127.0.0.1:$P_TALKA/kannel/sms?key=$KKEY&link=kannel0&id=post-1")
code2=$(printf 'KOKS 9 OZOLS Cesis' | curl -s -o /dev/null -w '%{http_code}' -H 'X-Kannel-From: +37120000008' --data-binary @- "http://127.0.0.1:$P_TALKA/kannel/sms?key=$KKEY&link=kannel0&id=post-1")
expect_eq "faults: post-url: a repeat answered 200 and stored once" "$code $code2 $(q "SELECT count(*) FROM inbound WHERE transport_id='kannel/post-1'")" "200 200 1"
expect_eq "faults: post-url without a sender: 400" "$(printf x | curl -s -o /dev/null -w '%{http_code}' --data-binary @- "http://127.0.0.1:$P_TALKA/kannel/sms?key=$KKEY&link=kannel0")" 400
expect_eq "faults: post-url without the key: 403" "$(printf x | curl -s -o /dev/null -w '%{http_code}' --data-binary @- "http://127.0.0.1:$P_TALKA/kannel/sms?link=kannel0")" 403
talka_stop

# configuration errors name the key
sed -i 's/^username = talka$/username =/' "$CONF"
"$TALKA" run > "$T/cfg.out" 2>&1
rc=$?
expect_eq "faults: no username: talka run refuses (exit 2, a wrong value in the configuration)" "$rc" 2
expect_match "faults: ... naming the key" "$(cat "$T/cfg.out")" "\[kannel0\] username"
fake_stop
kannel_stop
finish
