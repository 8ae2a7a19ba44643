# kannel_broadcast.sh: a 10 000-recipient broadcast through Kannel finishes at
# the link's configured rate ([kannel0] rate = 6000 parts a minute, so 100 s and
# more), never faster, and replies to texts that arrive meanwhile overtake it: they
# leave within seconds, long before the last copy. Every copy reaches fakesmsc.
# timeout: 900
. tests/lib.sh
. tests/lib/kannel.sh
plan 11

scratch
RATE=6000
kannel_setup "$RATE"
/usr/bin/python3 -c "
print('phone')
for i in range(10000):
    print('+3712%07d' % (1000000 + i))" > "$T/list.csv"
"$TALKA" broadcast create --to "file:$T/list.csv" --text "Sestdien 10:00 talka pie Cesu pils - nem lapstu! Atbilde STOP atsakas." --yes > "$T/create.txt" 2>&1
expect_match "broadcast: created for 10 000" "$(cat "$T/create.txt")" "recipients: 10000"
bb_start; sb_start
check "broadcast: talka up" talka_start
fake_start
t0=$(date +%s)
# texts from volunteers half a minute in
sleep 30
/usr/bin/python3 -c "
for i in range(30):
    print('+3712%07d 1345 text KOKS %d OZOLS Cesis #%d' % (2000000 + i, i + 1, i))" > "$T/mo.txt"
fake_send "$T/mo.txt"
done_sql="SELECT count(*) FROM outbound WHERE broadcast_id IS NOT NULL AND state IN ('sent','delivered')"
wait_until 400 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$done_sql\")\" = 10000 ]"
t1=$(date +%s)
span=$(q "SELECT max(sent_at) - min(sent_at) FROM outbound WHERE broadcast_id IS NOT NULL")
echo "    10 000 copies sent over $span s at [kannel0] rate $RATE parts/min ($((t1 - t0)) s in all)"
expect_eq "broadcast: every copy sent" "$(q "$done_sql")" 10000
expect_eq "broadcast: not faster than the link's rate (>= 95 s)" "$([ "$span" -ge 95 ] && echo yes)" yes
# a link's rate is a schedule of start times 60/rate s apart, however long each
# request takes (several are in flight), so the broadcast keeps the configured
# rate: 100 s, and no more than 130 s with the sanitizer build on a shared box
expect_eq "broadcast: at the link's rate (<= 130 s)" "$([ "$span" -le 130 ] && echo yes)" yes
expect_eq "broadcast: the 30 texts answered" "$(q "SELECT count(*) FROM outbound WHERE kind='reply' AND state IN ('sent','delivered')")" 30
expect_eq "broadcast: replies overtook the broadcast (within 5 s of their texts)" \
    "$(q "SELECT count(*) FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE o.kind='reply' AND o.sent_at - i.received_at <= 5")" 30
expect_eq "broadcast: ... long before its last copy" \
    "$(q "SELECT count(*) FROM outbound WHERE kind='reply' AND sent_at < (SELECT max(sent_at) FROM outbound WHERE broadcast_id IS NOT NULL) - 30")" 30
settled() { fake_tick; [ "$(fake_count)" -ge 10030 ]; }
wait_until 60 settled
expect_eq "broadcast: every copy and reply reached fakesmsc" "$(fake_count)" 10030
diff=$(/usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" 2>/dev/null)
expect_eq "broadcast: fakesmsc's texts equal talka's records" "$diff" ""
fake_stop
talka_stop
expect_eq "broadcast: clean stop" "$DRC" 0
kannel_stop
finish
