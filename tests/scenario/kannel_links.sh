# kannel_links.sh: one gateway with a modem and a Kannel link. Broadcasts prefer
# the faster link: while kannel0 (6000 parts a minute) is up, the modem (10 a
# minute) leaves every broadcast copy to it and sends only replies; when smsbox
# goes away and kannel0 is down, the modem takes broadcast copies again.
# `talka status` shows both links.
. tests/lib.sh
. tests/lib/kannel.sh
plan 8

scratch
mkdir -p "$T/var/phone/sms/1"
KEEP_MODEM=1 kannel_setup 6000
sed -i '/^\[gammu\]/a rate = 10' "$CONF"
/usr/bin/python3 -c "
print('phone')
for i in range(300):
    print('+3712%07d' % (3000000 + i))" > "$T/list.csv"
bb_start; sb_start
check "links: talka up with both links" talka_start
fake_start
wait_until 20 grep -q "gammu0: connected" "$T/run.log"
"$TALKA" broadcast create --to "file:$T/list.csv" --text "Sestdien talka pie Cesu pils!" --yes > /dev/null 2>&1
sent_sql="SELECT count(*) FROM outbound WHERE broadcast_id IS NOT NULL AND state IN ('sent','delivered')"
wait_until 120 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$sent_sql\")\" = 300 ]"
expect_eq "links: all 300 copies sent" "$(q "$sent_sql")" 300
expect_eq "links: ... every one through the fast link" "$(q "SELECT transport, count(*) FROM outbound WHERE broadcast_id IS NOT NULL GROUP BY transport")" "kannel0|300"
st=$("$TALKA" status)
expect_match "links: status shows the modem" "$st" "gammu0 +up"
expect_match "links: status shows the Kannel link" "$st" "kannel0 +up"

# smsbox goes away: kannel0 goes down and the modem takes the next broadcast
kill "$SBPID"; wait "$SBPID" 2>/dev/null; SBPID=
printf 'phone\n+37124000001\n+37124000002\n' > "$T/two.csv"
"$TALKA" broadcast create --to "file:$T/two.csv" --text "Talka atcelta lietus dēļ." --yes > /dev/null 2>&1
modem_sql="SELECT count(*) FROM outbound WHERE broadcast_id IS NOT NULL AND transport = 'gammu0' AND state IN ('sent','delivered')"
wait_until 120 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$modem_sql\")\" -ge 1 ]"
expect_match "links: kannel0 down" "$("$TALKA" status)" "kannel0 +down"
expect_eq "links: ... the modem sends broadcast copies again" "$([ "$(q "$modem_sql")" -ge 1 ] && echo yes)" yes
fake_stop
talka_stop
expect_eq "links: clean stop" "$DRC" 0
kannel_stop
finish
