# at_interrupt.sh: a burst interrupted twice: the modem unplugged for 20 s while
# replies go out, then talka killed with SIGKILL in the middle of the next burst
# and restarted. -> nothing lost (every text stored, exactly the texts offered),
# nothing answered twice (one reply per text; the modem got each reply once,
# except at most one whose PDU was in flight at the moment of the cut: talka
# sends at least once, docs/modem.md).
. tests/lib.sh
plan 12
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

$PDU burst "$T/a.pdus" "$T/a.txt" --count 40 --numbers 20 --multi 4 --seed 21
$PDU burst "$T/b.pdus" "$T/b.txt" --count 40 --numbers 20 --multi 4 --seed 22
sed -i 's/^+3712/+3713/' "$T/b.txt"
sed -i 's/^\(07917321190000F0..0B91\)7321/\17331/' "$T/b.pdus"   # other senders: +3713...
check "at interrupt: the emulator answers on a pty" at_start
at_config
check "at interrupt: talka connects" start_daemon
at_offer "$T/a.pdus"
_end=$(( $(date +%s) + 60 )); while [ "$(at_state sent)" -lt 10 ] && [ "$(date +%s)" -le "$_end" ]; do sleep 0.2; done
at_fault unplug 20
modem_gone() { [ ! -e "$T/modem" ]; }
wait_until 10 modem_gone
expect_eq "at interrupt: the modem is gone" "$([ -e "$T/modem" ] && echo there || echo gone)" gone
check "at interrupt: the first burst is answered after the modem came back" at_settled 150
expect_match "at interrupt: talka saw it go and come back" \
    "$(grep -c 'disappeared\|is back\|reconnecting' "$T/run.log")" "^[1-9]"

at_offer "$T/b.pdus"
base=$(at_state sent)
_end=$(( $(date +%s) + 60 )); while [ "$(at_state sent)" -lt $((base + 10)) ] && [ "$(date +%s)" -le "$_end" ]; do sleep 0.1; done
kill -9 "$DPID"
wait "$DPID" 2>/dev/null
echo "    killed after $(( $(at_state sent) - base )) replies of the second burst; $(at_pending) messages on the SIM"
check "at interrupt: talka restarts" start_daemon
check "at interrupt: the second burst is answered" at_settled 150
cat "$T/a.txt" "$T/b.txt" | LC_ALL=C sort > "$T/expected.txt"
expect_eq "at interrupt: every text stored once, exactly the texts offered" \
    "$(stored_texts | cmp -s - "$T/expected.txt" && echo same || stored_texts | diff - "$T/expected.txt" | head -5)" same
expect_eq "at interrupt: one reply per text" \
    "$(q "SELECT count(DISTINCT inbound_id) || ':' || count(*) FROM outbound WHERE kind='reply'")" "80:80"
expect_match "at interrupt: the modem got every reply" "$(sent_check --max-copies 2)" "^ok 80 messages"
dups=$($PDU submit-decode --joined "$T/at/sent.log" | sort | uniq -d | wc -l)
echo "    replies the modem got twice (in flight at a cut): $dups"
expect_eq "at interrupt: at most one reply per cut went out twice" "$([ "$dups" -le 2 ] && echo yes || echo "no: $dups")" yes
stop_daemon
expect_eq "at interrupt: SIGTERM stops the daemon cleanly" "$DRC" 0
at_done
