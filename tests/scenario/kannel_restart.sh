# kannel_restart.sh: faults mid-burst with the real Kannel (store spool on):
# bearerbox killed -9 and restarted, smsbox killed -9 and restarted, talka killed
# -9 and restarted, each while fakesmsc writes texts at 150 a second. Afterwards
# every text bearerbox logged as received is stored once and answered once, and
# every reply talka recorded as sent reached fakesmsc. (fakesmsc has no
# acknowledgements: a line in flight when bearerbox dies cannot be counted, so
# the reference is bearerbox's own access log; and smsbox acknowledges a text to
# bearerbox when it starts serving it, so one whose request had not reached talka
# when smsbox was killed is lost inside Kannel: such texts, read from smsbox's
# own logs, are counted and excused, no other.)
. tests/lib.sh
. tests/lib/kannel.sh
plan 16

scratch
kannel_setup
bb_start; sb_start
check "restart: talka up" talka_start
fake_start
/usr/bin/python3 -c "
for i in range(1800):
    print('+3712%07d 1345 text KOKS %d OZOLS Cesis #%d' % ((i * 7919) % 700, i % 40 + 1, i))" > "$T/all.txt"
sed -n '1,600p' "$T/all.txt" > "$T/p1.txt"
sed -n '601,1200p' "$T/all.txt" > "$T/p2.txt"
sed -n '1201,1800p' "$T/all.txt" > "$T/p3.txt"

# 1. bearerbox killed -9 two seconds into the burst, restarted
fake_pace "$T/p1.txt" 150
sleep 2
check "restart: bearerbox killed mid-burst" kill_wait "$BBPID"
wait "$PACEPID" 2>/dev/null
fake_stop
sleep 1
check "restart: bearerbox restarted" bb_start
# smsbox notices and reconnects by itself; if it gave up, start it again
if ! wait_until 20 grep -q "Connected to bearerbox" "$K/smsbox.log"; then :; fi
kill -0 "$SBPID" 2>/dev/null || sb_start
fake_start
echo "    after the bearerbox kill: $(grep -c 'Receive SMS' "$K/access.log") received, $(q "SELECT count(*) FROM inbound") stored"

# 2. smsbox killed -9 mid-burst, restarted
fake_pace "$T/p2.txt" 150
sleep 2
check "restart: smsbox killed mid-burst" kill_wait "$SBPID"
# the texts smsbox had started to serve and whose request had not come back: smsbox
# acknowledges a text to bearerbox when it starts serving it, so bearerbox never
# sends these again, and one whose request had not reached talka is lost inside
# Kannel (Kannel's own window, like a line in flight at fakesmsc)
grep 'Starting to service' "$K/smsbox.log" | grep -o '#[0-9]*>' | tr -d '>' | sort -u > "$T/sb_started.txt"
grep -o 'text=[^&]*%23[0-9]*&' "$K/smsbox-access.log" | grep -o '%23[0-9]*' | sed 's/%23/#/' | sort -u > "$T/sb_done.txt"
comm -23 "$T/sb_started.txt" "$T/sb_done.txt" > "$T/sb_inflight.txt"
# a handful at most (the requests smsbox had open), or the logs were misread and
# the exception below would excuse anything
expect_eq "restart: smsbox's log read (texts in flight at its kill: $(wc -l < "$T/sb_inflight.txt") of $(wc -l < "$T/sb_started.txt") started)" \
    "$([ -s "$T/sb_done.txt" ] && [ "$(wc -l < "$T/sb_inflight.txt")" -le 100 ] && echo yes)" yes
sleep 1
check "restart: smsbox restarted" sb_start
wait "$PACEPID" 2>/dev/null
echo "    after the smsbox kill: $(grep -c 'Receive SMS' "$K/access.log") received, $(q "SELECT count(*) FROM inbound") stored"

# 3. talka killed -9 mid-burst, restarted (smsbox retries its requests meanwhile)
fake_pace "$T/p3.txt" 150
sleep 2
check "restart: talka killed mid-burst" kill_wait "$DPID"
sleep 2
check "restart: talka restarted" talka_start
wait "$PACEPID" 2>/dev/null

received() { grep 'Receive SMS' "$K/access.log" | grep -o '#[0-9]*\]' | tr -d ']' | sort -u; }
settled() {
    fake_tick
    [ "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" -ge "$(received | wc -l)" ] &&
    [ "$(q "SELECT count(*) FROM outbound WHERE state IN ('queued','sending','sent')")" = 0 ] &&
    [ "$(fake_count)" -ge "$(q "SELECT count(*) FROM outbound")" ]
}
wait_until 180 settled
nrecv=$(received | wc -l)
echo "    bearerbox received $nrecv of 1 800 written; talka stored $(q "SELECT count(*) FROM inbound")"
q "SELECT substr(CAST(text AS TEXT), instr(CAST(text AS TEXT), '#')) FROM inbound" | sort -u > "$T/stored.txt"
received > "$T/received.txt"
# the lines written while bearerbox was down are lost at fakesmsc, not counted
expect_eq "restart: most of the burst reached bearerbox" "$([ "$nrecv" -ge 1200 ] && echo yes)" yes
comm -23 "$T/received.txt" "$T/stored.txt" > "$T/missing.txt"
echo "    texts inside smsbox at its kill -9 (serving started, no answer): $(wc -l < "$T/sb_inflight.txt"); of those never stored: $(comm -12 "$T/missing.txt" "$T/sb_inflight.txt" | wc -l)"
expect_eq "restart: every text bearerbox received is stored, but for those lost inside smsbox at its kill" "$(comm -23 "$T/missing.txt" "$T/sb_inflight.txt" | tr '\n' ' ')" ""
expect_eq "restart: each stored once" "$(q "SELECT count(*) - count(DISTINCT substr(CAST(text AS TEXT), instr(CAST(text AS TEXT), '#'))) FROM inbound")" 0
expect_eq "restart: each handled" "$(q "SELECT count(*) FROM inbound WHERE state <> 'handled'")" 0
expect_eq "restart: each answered once" "$(q "SELECT count(*) FROM inbound i WHERE (SELECT count(*) FROM outbound o WHERE o.inbound_id = i.id) <> 1")" 0
missing=$(/usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" 2>/dev/null | grep -c 'not at the SMSC')
expect_eq "restart: every reply talka sent reached fakesmsc" "$missing" 0
dups=$(/usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" 2>/dev/null | grep -c 'not sent by talka')
echo "    replies seen twice at fakesmsc (resent by Kannel's store or after a kill between Kannel's accept and talka's record): $dups"
echo "    requests Kannel sent again and talka recognised: $(grep -c 'not stored twice' "$T/run.log")"
expect_eq "restart: integrity" "$(q "PRAGMA integrity_check")" ok
fake_stop
talka_stop
expect_eq "restart: clean stop" "$DRC" 0
kannel_stop
finish
