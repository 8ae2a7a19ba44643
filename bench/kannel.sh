#!/bin/sh
# kannel.sh: round trips per second through the real Kannel (a text in from
# fakesmsc, the operator's SMSC, through bearerbox and smsbox to the service, the
# reply back out at fakesmsc), first with Kannel's own ceiling (an sms-service
# that echoes the text itself, no HTTP), then with talka's get-url endpoint and
# its replies through sendsms. Prints both and what talka adds to Kannel's cost.
# Goal: talka adds less than 20 %, and at least 300 round trips/s.
. tests/lib.sh
. tests/scenario/kannel_lib.sh
N=${KANNEL_BENCH_TEXTS:-3000}
DAEMON_LOG=info   # talka_start waits for the "connected" line

# rt_run NAME: feeds N texts, prints round trips/s when all N replies are back
rt_run() {
    /usr/bin/python3 -c "
import sys
for i in range($N):
    print('+3712%07d 1345 text KOKS %d OZOLS Cesis #%d' % (i % 5000, i % 40 + 1, i))" > "$T/bench.txt"
    base=$(fake_count)
    t0=$(date +%s.%N)
    fake_send "$T/bench.txt"
    _end=$(( $(date +%s) + 600 ))
    while [ "$(fake_count)" -lt $((base + N)) ] && [ "$(date +%s)" -le "$_end" ]; do
        fake_tick; sleep 0.05
    done
    t1=$(date +%s.%N)
    got=$(( $(fake_count) - base ))
    awk "BEGIN { printf \"%.0f\", $got / ($t1 - $t0) }"
}

scratch
# one [kannelN] link has one sendsms request in flight, and smsbox answers one only
# after bearerbox's acknowledgement (some 30 ms on a busy box): ten links on the
# same smsbox, the most talka.ini holds
LINKS=${KANNEL_BENCH_LINKS:-10}
kannel_setup 0 10 "$LINKS"
# Kannel alone: the reply is Kannel's own echo of the text
cp "$K/kannel.conf" "$K/kannel-talka.conf"
sed -i 's|^get-url = .*|text = "%a"|; s|^max-messages = 0|max-messages = 1|; /^omit-empty/d' "$K/kannel.conf"
bb_start && sb_start && fake_start || { echo "kannel: Kannel did not start"; exit 1; }
ceiling=$(rt_run)
fake_stop; kannel_stop
rm -f "$K"/store*
# through talka
cp "$K/kannel-talka.conf" "$K/kannel.conf"
bb_start && sb_start && talka_start && fake_start || { echo "kannel: Kannel or talka did not start"; exit 1; }
talka=$(rt_run)
fake_stop; talka_stop; kannel_stop
echo "kannel_echo_ceiling: $ceiling round trips/s (Kannel alone, $N texts)"
echo "kannel_talka: $talka round trips/s with $LINKS links (target >= 300)"
awk "BEGIN { printf \"kannel_talka_added_cost: %.0f %% over Kannel's own (target < 20)\n\", ($ceiling / $talka - 1) * 100 }"
rm -rf "$T"
