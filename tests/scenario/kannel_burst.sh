# kannel_burst.sh: the acceptance burst through the real Kannel: 2 000 texts
# (Latvian in UTF-8 and UCS-2, Russian in UCS-2, English, two-part Latvian texts
# with concatenation headers) written into fakesmsc, the operator's SMSC, pass
# bearerbox and smsbox to talka's get-url endpoint. Each is stored once and
# answered once; the replies that reach fakesmsc equal talka's sent records, text
# for text; Kannel's delivery reports mark every reply delivered. Also: Kannel's
# own "empty reply" text never reaches a volunteer, and callers without the key
# or from outside [kannel] allow get 403.
. tests/lib.sh
. tests/lib/kannel.sh
plan 32

scratch
kannel_setup
check "burst: bearerbox up" bb_start
check "burst: smsbox up" sb_start
check "burst: talka connected to smsbox" talka_start
check "burst: fakesmsc connected" fake_start
gen_mo "$T/mo.txt" 2000 15
lines=$(wc -l < "$T/mo.txt")
t0=$(date +%s.%N)
fake_send "$T/mo.txt"
done_sql="SELECT (SELECT count(*) FROM inbound WHERE state='handled') = 2000
  AND (SELECT count(*) FROM outbound WHERE state IN ('queued','sending','sent')) = 0"
settled() { fake_tick; [ "$(q "$done_sql")" = 1 ] && [ "$(fake_count)" -ge "$(q "SELECT coalesce(sum(segments),0) FROM outbound")" ]; }
wait_until 300 settled
t1=$(date +%s.%N)
echo "    $lines lines from fakesmsc: $(q "SELECT count(*) FROM inbound") stored, $(fake_count) parts back in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
expect_eq "burst: fakesmsc wrote every line" "$(grep -c 'sent message' "$K/fakesmsc.log")" "$lines"
expect_eq "burst: bearerbox received 2 000 texts (parts joined)" "$(grep -c "Receive SMS" "$K/access.log")" 2000
expect_eq "burst: each text stored once" "$(q "SELECT count(*), count(DISTINCT transport_id) FROM inbound")" "2000|2000"
expect_eq "burst: every text tag once" \
    "$(q "SELECT count(DISTINCT substr(CAST(text AS TEXT), instr(CAST(text AS TEXT), '#'))) FROM inbound")" 2000
expect_eq "burst: Russian arrived intact" "$(q "SELECT count(*) FROM inbound WHERE CAST(text AS TEXT) LIKE 'ДЕРЕВО % СОСНЫ Вентспилс #%' OR CAST(text AS TEXT) LIKE 'посадил % дубов Рига #%'")" 600
expect_eq "burst: Latvian (UCS-2 and UTF-8) arrived intact" "$(q "SELECT count(*) FROM inbound WHERE CAST(text AS TEXT) LIKE '%Cēsīs #%' OR CAST(text AS TEXT) LIKE '%bērzi Limbažos #%'")" \
    "$(/usr/bin/python3 - "$T/mo.txt" <<'PY'
import sys, urllib.parse
n = 0
for l in open(sys.argv[1]):
    f = l.rstrip("\n").split(" ", 3)
    t = f[3] if f[2] == "text" else urllib.parse.unquote_to_bytes(f[3]).decode("utf-16-be", "replace") if f[2] == "ucs2" else ""
    n += ("Cēsīs #" in t) or ("bērzi Limbažos #" in t)
print(n)
PY
)"
expect_eq "burst: two-part texts joined" "$(q "SELECT count(*) FROM inbound WHERE CAST(text AS TEXT) LIKE 'koks % ozoli Cēsis #%. Šodien stādījām % viss izdevās.'")" 200
expect_eq "burst: every text handled" "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" 2000
expect_eq "burst: no text answered twice" \
    "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind='reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0
expect_eq "burst: every answerable text answered" \
    "$(q "SELECT count(*) FROM inbound i WHERE NOT EXISTS (SELECT 1 FROM outbound o WHERE o.inbound_id = i.id)")" \
    "$(q "SELECT count(*) FROM inbound WHERE sender NOT LIKE '+%'")"
diff=$(/usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" 2>/dev/null)
expect_eq "burst: the replies at fakesmsc equal talka's records" "$diff" ""
expect_eq "burst: parts at fakesmsc equal talka's count" "$(fake_count)" "$(q "SELECT sum(segments) FROM outbound")"
expect_eq "burst: every reply sent through kannel0" "$(q "SELECT count(*) FROM outbound WHERE transport <> 'kannel0'")" 0
expect_eq "burst: delivery reports recorded" "$(q "SELECT count(*) FROM outbound WHERE state='delivered' AND delivered_at IS NOT NULL")" "$(q "SELECT count(*) FROM outbound")"
expect_eq "burst: Kannel's own empty-reply text never sent" "$(fake_received | grep -c 'Empty reply\|Could not fetch')" 0

# long texts out: Latvian and Russian in UCS-2, two parts each, joined at fakesmsc
printf 'phone\n+37129000001\n+37129000002\n+37129000003\n' > "$T/few.csv"
before=$(fake_count)
"$TALKA" broadcast create --to "file:$T/few.csv" --yes --force \
    --text "Sestdien plkst. 10:00 talka pie Cēsu pils: ņemiet līdzi lāpstas, cimdus un labu garastāvokli! Pēc tam tēja un pīrāgi." > /dev/null 2>&1
"$TALKA" broadcast create --to "file:$T/few.csv" --yes --force \
    --text "В субботу в 10:00 толока у Цесисского замка: возьмите лопаты, перчатки и хорошее настроение! Потом чай и пироги." > /dev/null 2>&1
long_sql="SELECT count(*) FROM outbound WHERE broadcast_id IS NOT NULL AND segments = 2 AND encoding = 'ucs2' AND state = 'delivered'"
long_done() { fake_tick; [ "$(q "$long_sql")" = 6 ] && [ "$(fake_count)" -ge $((before + 12)) ]; }
wait_until 60 long_done
expect_eq "burst: six two-part UCS-2 texts sent and delivered" "$(q "$long_sql")" 6
expect_eq "burst: ... as 12 parts at fakesmsc" "$(( $(fake_count) - before ))" 12
diff=$(/usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" 2>/dev/null)
expect_eq "burst: ... joined, they equal talka's texts letter for letter" "$diff" ""

# the endpoint: key and allow list
url="http://127.0.0.1:$P_TALKA/kannel/sms?link=kannel0&from=%2B37120009999&to=1345&text=KOKS+1+OZOLS+Cesis&id=x1"
code() { curl -s -o /dev/null -w '%{http_code}' "$1"; }
expect_eq "burst: no key: 403" "$(code "$url")" 403
expect_eq "burst: wrong key: 403" "$(code "$url&key=nope")" 403
expect_eq "burst: unknown link: 400" "$(code "http://127.0.0.1:$P_TALKA/kannel/sms?key=$KKEY&link=kannel7&from=1&text=x")" 400
expect_eq "burst: the right key: 200" "$(code "$url&key=$KKEY")" 200
expect_eq "burst: the same Kannel id again: 200" "$(code "$url&key=$KKEY")" 200
expect_eq "burst: ... and stored once" "$(q "SELECT count(*) FROM inbound WHERE transport_id='kannel/x1'")" 1
check "burst: the key never in talka's log" sh -c "! grep -q -- '$KKEY' '$T/run.log'"
check "burst: the sendsms password never in talka's log" sh -c "! grep -q -- '$KPASS' '$T/run.log'"
st=$("$TALKA" status)
expect_match "burst: talka status shows the link" "$st" "kannel0 +up"

fake_stop
talka_stop
expect_eq "burst: clean stop" "$DRC" 0
kannel_stop
finish
