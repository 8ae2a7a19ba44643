# at_burst.sh: the AT line end to end, libgammu's `at` driver on the emulator:
# 300 texts from 60 numbers (Latvian GSM-7, Latvian and Russian UCS-2, 30
# three-part texts with 8- and 16-bit references, parts out of order) offered at
# once to a 25-slot SIM -> all arrive, each stored once and answered once, the
# reply PDUs (decoded by the test, not by libgammu) equal the replies talka
# recorded, delivery reports reach them; and a text that arrives while replies
# are going out waits on the SIM only seconds (reading between sends).
. tests/lib.sh
plan 16
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

$PDU burst "$T/burst.pdus" "$T/burst.txt" --count 300 --numbers 60 --multi 30 --seed 13
check "at burst: the emulator answers on a pty" at_start --slots 25
at_config
check "at burst: talka connects through libgammu's at driver" start_daemon
t0=$(date +%s)
at_offer "$T/burst.pdus"
wait_for 180 "SELECT count(*) FROM inbound" 300
expect_eq "at burst: 300 texts (330 messages) through a 25-slot SIM, all stored" \
    "$(q "SELECT count(*) FROM inbound")" 300
echo "    all 300 stored after $(( $(date +%s) - t0 )) s; $(q "SELECT count(*) FROM outbound WHERE state='queued'") replies still to send"

# while the replies go out (~1.4 parts/s), texts arrive one by one: how long
# does each wait on the SIM, from the modem's +CMTI to talka's AT+CMGD of it?
for i in 1 2 3 4 5; do
    before=$(q "SELECT count(*) FROM inbound")
    at_text +37129990001 "KOKS $i OZOLS Cesis"
    end=$(( $(date +%s) + 30 ))
    while [ "$(date +%s)" -le "$end" ]; do
        c=$(q "SELECT count(*) FROM inbound" 2>/dev/null)
        [ -n "$c" ] && [ "$c" -gt "$before" ] && break
        sleep 0.1
    done
    sleep 2
done
worst=$(sim_wait_ms 5)
queued=$(q "SELECT count(*) FROM outbound WHERE state='queued'")
echo "    a text arriving during the reply burst waited at most $worst ms on the SIM ($queued replies still queued)"
expect_eq "at burst: the texts were measured during the reply burst" "$([ "$queued" -gt 50 ] && echo yes)" yes
expect_eq "at burst: a text waits under 5 s on the SIM while replies go out" \
    "$([ "$worst" -ge 0 ] && [ "$worst" -lt 5000 ] && echo yes || echo "no: $worst ms")" yes

check "at burst: everything answered and the SIM empty" at_settled 420
expect_eq "at burst: every text stored once" "$(q "SELECT count(*) FROM inbound")" 305
grep -v '^+37129990001	' "$T/burst.txt" | LC_ALL=C sort > "$T/expected.txt"
stored_texts | grep -v '^+37129990001	' > "$T/stored.txt"
expect_eq "at burst: the stored texts are exactly the texts sent (lv/ru letters, parts joined in order)" \
    "$(cmp -s "$T/expected.txt" "$T/stored.txt" && echo same || diff "$T/expected.txt" "$T/stored.txt" | head -5)" same
expect_eq "at burst: 30 long texts joined from 3 parts" \
    "$(q "SELECT count(*) FROM inbound WHERE meta LIKE '{\"parts\":[1,2,3],\"total\":3}'")" 30
expect_eq "at burst: each text answered once" \
    "$(q "SELECT count(DISTINCT inbound_id) || ':' || count(*) FROM outbound WHERE kind='reply'")" "305:305"
expect_match "at burst: the reply PDUs the modem got are the replies talka recorded" "$(sent_check)" "^ok 305 messages"
wait_for 30 "SELECT count(*) FROM outbound WHERE state='delivered'" 305
expect_eq "at burst: delivery reports reached every reply" \
    "$(q "SELECT count(*) FROM outbound WHERE state='delivered'")" 305
expect_eq "at burst: the SIM is empty" "$(at_state used)" 0
expect_match "at burst: talka status shows the SIM" "$(TALKA_CONFIG=$CONF "$TALKA" status)" "SIM 0 of 25 slots used"
stop_daemon
expect_eq "at burst: SIGTERM stops the daemon cleanly" "$DRC" 0
expect_eq "at burst: no errors logged" "$(grep -c ' error: ' "$T/run.log")" 0
at_done
