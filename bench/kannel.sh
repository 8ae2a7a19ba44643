#!/bin/sh
# kannel.sh: round trips per second through the real Kannel (a text in from
# fakesmsc, the operator's SMSC, through bearerbox and smsbox to the service, the
# reply back out at fakesmsc), first with Kannel's own ceiling (an sms-service
# that echoes the text itself, no HTTP), then with talka's get-url endpoint and
# its replies through sendsms. Verifies every text was answered, prints both and
# what talka adds to Kannel's cost. Goal: talka adds less than 20 %, and at least
# 300 round trips/s; exit 1 when missed.
. tests/lib.sh
. tests/lib/kannel.sh
N=${KANNEL_BENCH_TEXTS:-3000}
DAEMON_LOG=info   # talka_start waits for the "connected" line

# rt_run: feeds N texts; prints "RATE GOT" once all N replies are back (or after 600 s)
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
    awk "BEGIN { printf \"%.0f %d\", $got / ($t1 - $t0), $got }"
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
set -- $(rt_run)
ceiling=$1; ceiling_got=$2
fake_stop; kannel_stop
rm -rf "$K"/store; mkdir -p "$K"/store
# through talka
cp "$K/kannel-talka.conf" "$K/kannel.conf"
bb_start && sb_start && talka_start && fake_start || { echo "kannel: Kannel or talka did not start"; exit 1; }
set -- $(rt_run)
talka=$1; talka_got=$2
answered=$(q "SELECT count(*) FROM outbound WHERE kind='reply' AND state IN ('sent','delivered')")
stored=$(q "SELECT count(*) FROM inbound")
fake_stop; talka_stop; kannel_stop
# the work: every text echoed by Kannel alone; every text stored, answered and
# its reply back at fakesmsc through talka
if [ "$ceiling_got" != "$N" ] || [ "$talka_got" != "$N" ] || [ "$stored" != "$N" ] || [ "$answered" != "$N" ]; then
    echo "kannel: the work was not done: Kannel alone echoed $ceiling_got of $N; through talka $stored stored, $answered answered, $talka_got replies back"
    exit 1
fi
echo "kannel_echo_ceiling: $ceiling round trips/s (Kannel alone, $N texts in from fakesmsc, echoed by an sms-service, no HTTP)"
awk -v c="$ceiling" -v t="$talka" -v n="$N" -v l="$LINKS" 'BEGIN {
    ok1 = t >= 300; ok2 = (c / t - 1) * 100 < 20
    printf "kannel_talka: %d round trips/s (%d texts in from fakesmsc, stored, answered, replies back at fakesmsc; %d links; target >= 300: %s)\n", t, n, l, ok1 ? "met" : "NOT met"
    printf "kannel_talka_added_cost: %.0f %% over Kannel alone (target < 20: %s)\n", (c / t - 1) * 100, ok2 ? "met" : "NOT met"
    exit (ok1 && ok2) ? 0 : 1
}'
rc=$?
rm -rf "$T"
exit $rc
