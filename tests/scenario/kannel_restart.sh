# kannel_restart.sh: faults mid-burst with the real Kannel (store spool on):
# bearerbox killed -9 and restarted, smsbox killed -9 and restarted, talka killed
# -9 and restarted, each while fakesmsc writes texts at 150 a second. Afterwards
# every text bearerbox logged as received is stored once and answered once, and
# every reply talka recorded as sent reached fakesmsc. (fakesmsc has no
# acknowledgements: a line in flight when bearerbox dies cannot be counted, so
# the reference is bearerbox's own access log; a reply bearerbox had logged as
# sent to the SMSC when it was killed, and which that fakesmsc never printed, was
# lost on the SMSC link (bearerbox's output buffer, or the socket its death
# reset): read from the two logs, counted and excused, no other; and smsbox acknowledges a text to
# bearerbox when it starts serving it, so one whose request had not reached talka
# when smsbox was killed is lost inside Kannel: such texts, read from smsbox's
# own logs, are counted and excused, no other.) Each kill waits for the burst
# to be under way (texts counted at bearerbox or stored by talka), the end waits
# until every received text is stored or excused and every recorded reply is at
# fakesmsc: events, not a time.
. tests/lib.sh
. tests/lib/kannel.sh
plan 17

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

# received_n: texts bearerbox logged as received; stored_n: texts talka stored
received_n() { grep -c 'Receive SMS' "$K/access.log" 2>/dev/null; }
stored_n() { q "SELECT count(*) FROM inbound"; }
at_least() { [ "$("$1")" -ge "$2" ] 2>/dev/null; }   # at_least COUNTER N

# 1. bearerbox killed -9 once 100 texts of the burst reached it, restarted
sb_conn0=$(grep -c "Connected to bearerbox" "$K/smsbox.log")
fake_pace "$T/p1.txt" 150
wait_until 60 at_least received_n 100 || bail "the first burst never reached bearerbox"
check "restart: bearerbox killed mid-burst" kill_wait "$BBPID"
wait "$PACEPID" 2>/dev/null
fake_stop
# the SMSC link's window: what the killed bearerbox logged as sent and what that
# fakesmsc printed (kannel_check.py compares them)
cp "$K/access.log" "$T/access_at_kill.log"
cp "$K/fakesmsc.log" "$T/fakesmsc_at_kill.log"
sleep 1
check "restart: bearerbox restarted" bb_start
# smsbox, its bearerbox gone, ends and a second later runs itself again (the same
# process), which connects when bearerbox is back or gives up (a PANIC, it exits):
# wait for one of the two, and start a new smsbox if it gave up. (Waiting for a
# "Connected" line matched the first connection's, and smsbox could give up
# after the look.)
sb_outcome() {
    [ "$(grep -c "Connected to bearerbox" "$K/smsbox.log")" -gt "$sb_conn0" ] ||
        ! kill -0 "$SBPID" 2>/dev/null
}
wait_until 60 sb_outcome || bail "smsbox neither reconnected to bearerbox nor exited"
kill -0 "$SBPID" 2>/dev/null || sb_start
fake_start
echo "    after the bearerbox kill: $(grep -c 'Receive SMS' "$K/access.log") received, $(q "SELECT count(*) FROM inbound") stored"

# 2. smsbox killed -9 once talka stored 100 texts of the burst, restarted
n0=$(stored_n)
fake_pace "$T/p2.txt" 150
wait_until 60 at_least stored_n $((n0 + 100)) || bail "the second burst never reached talka"
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

# 3. talka killed -9 once it stored 100 texts of the burst, restarted (smsbox
# retries its requests meanwhile)
n0=$(stored_n)
fake_pace "$T/p3.txt" 150
wait_until 60 at_least stored_n $((n0 + 100)) || bail "the third burst never reached talka"
check "restart: talka killed mid-burst" kill_wait "$DPID"
sleep 2
check "restart: talka restarted" talka_start
wait "$PACEPID" 2>/dev/null

received() { grep 'Receive SMS' "$K/access.log" | grep -o '#[0-9]*\]' | tr -d ']' | sort -u; }
stored() { q "SELECT substr(CAST(text AS TEXT), instr(CAST(text AS TEXT), '#')) FROM inbound" | sort -u; }
# replies talka recorded as sent that fakesmsc has not printed, but for those lost
# on the SMSC link at bearerbox's kill (kannel_check.py)
smsc_check() {
    /usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" \
        "$T/access_at_kill.log" "$T/fakesmsc_at_kill.log" 2>/dev/null
}
not_at_smsc() { smsc_check | grep -c 'not at the SMSC'; }
# settled: every received text stored (or excused above) and handled, no reply
# waiting for its report, and every reply talka recorded printed by fakesmsc: sets
# compared, not counts (a reply fakesmsc got twice made a count of its lines pass
# while another was still on its way; an excused text kept a count of stored
# texts below the received ones until the wait ran out)
settled() {
    fake_tick
    received > "$T/received.txt"
    stored > "$T/stored.txt"
    [ -z "$(comm -23 "$T/received.txt" "$T/stored.txt" | comm -23 - "$T/sb_inflight.txt")" ] &&
    [ "$(q "SELECT count(*) FROM inbound WHERE state <> 'handled'")" = 0 ] &&
    [ "$(q "SELECT count(*) FROM outbound WHERE state IN ('queued','sending','sent')")" = 0 ] &&
    [ "$(not_at_smsc)" = 0 ]
}
wait_until 180 settled
nrecv=$(received | wc -l)
echo "    bearerbox received $nrecv of 1 800 written; talka stored $(q "SELECT count(*) FROM inbound")"
stored > "$T/stored.txt"
received > "$T/received.txt"
# the lines written while bearerbox was down are lost at fakesmsc, not counted
expect_eq "restart: most of the burst reached bearerbox" "$([ "$nrecv" -ge 1200 ] && echo yes)" yes
comm -23 "$T/received.txt" "$T/stored.txt" > "$T/missing.txt"
echo "    texts inside smsbox at its kill -9 (serving started, no answer): $(wc -l < "$T/sb_inflight.txt"); of those never stored: $(comm -12 "$T/missing.txt" "$T/sb_inflight.txt" | wc -l)"
expect_eq "restart: every text bearerbox received is stored, but for those lost inside smsbox at its kill" "$(comm -23 "$T/missing.txt" "$T/sb_inflight.txt" | tr '\n' ' ')" ""
expect_eq "restart: each stored once" "$(q "SELECT count(*) - count(DISTINCT substr(CAST(text AS TEXT), instr(CAST(text AS TEXT), '#'))) FROM inbound")" 0
expect_eq "restart: each handled" "$(q "SELECT count(*) FROM inbound WHERE state <> 'handled'")" 0
expect_eq "restart: each answered once" "$(q "SELECT count(*) FROM inbound i WHERE (SELECT count(*) FROM outbound o WHERE o.inbound_id = i.id) <> 1")" 0
lost=$(smsc_check | sed -n 's/^lost on the SMSC link at the kill: //p')
# a handful at most (what was on its way when bearerbox died), or the logs were
# misread and the exception would excuse anything
expect_eq "restart: bearerbox's log read (replies lost on the SMSC link at its kill: $lost)" \
    "$([ -n "$lost" ] && [ "$lost" -le 50 ] && echo yes)" yes
expect_eq "restart: every reply talka sent reached fakesmsc, but for those lost on the SMSC link" "$(not_at_smsc)" 0
dups=$(/usr/bin/python3 tests/lib/kannel_check.py "$K/fakesmsc.log" "$T/var/talka.db" 2>/dev/null | grep -c 'not sent by talka')
echo "    replies seen twice at fakesmsc (resent by Kannel's store or after a kill between Kannel's accept and talka's record): $dups"
echo "    requests Kannel sent again and talka recognised: $(grep -c 'not stored twice' "$T/run.log")"
expect_eq "restart: integrity" "$(q "PRAGMA integrity_check")" ok
fake_stop
talka_stop
expect_eq "restart: clean stop" "$DRC" 0
kannel_stop
finish
