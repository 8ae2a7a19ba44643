#!/bin/sh
# modem.sh: the modem daemon on the dummy phone, release binary ($TALKA):
#  - burst: 2 000 single + 50 three-part texts already in the phone when
#    `talka run` starts -> seconds from the start until every text is handled
#    and every reply handed to the modem (start-up, to the modem connected,
#    printed apart), and the daemon's peak RSS (VmHWM)
#  - idle latency: one text into the phone of an idle daemon -> its reply sent,
#    p95 over 20 tries
# Targets: burst <= 40 s, peak RSS <= 32 MB, idle p95 < 1000 ms; exit 1 when one
# is missed or the work was not done.
cd "$(dirname "$0")/.." || exit 2
TALKA=${TALKA:-$PWD/build/talka}
. tests/lib.sh
. tests/lib/modem.sh
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
mkdir -p "$T/config" "$T/var"
cp config/*.tsv config/*.ini "$T/config/"
export TALKA_CONFIG=$T/config/talka.ini
DB=$T/var/talka.db
now_ms() { date +%s%3N; }
status=0

gen_texts "$T/texts.txt" 2000 50 11
"$TALKA" sim send --stdin < "$T/texts.txt" || { echo "sim send failed"; exit 1; }
t0=$(now_ms)
TALKA_LOG=info "$TALKA" run >> "$T/run.log" 2>&1 &
DPID=$!
hwm=0; tc=
while :; do
    [ -z "$tc" ] && grep -q "gammu0: connected to" "$T/run.log" && tc=$(now_ms)
    h=$(awk '/^VmHWM/ {print $2}' "/proc/$DPID/status" 2>/dev/null)
    [ -n "$h" ] && hwm=$h
    if [ "$(inbox_count)" = 0 ] && [ "$(q "$settled_sql" 2>/dev/null)" = 0 ] &&
       [ "$(q "SELECT count(*) FROM inbound" 2>/dev/null)" = 2050 ]; then
        break
    fi
    if [ $(( $(now_ms) - t0 )) -gt 300000 ] || ! kill -0 $DPID 2>/dev/null; then
        echo "modem burst: did not finish (see $T/run.log)"; kill $DPID; exit 1
    fi
    sleep 0.05
done
t1=$(now_ms)
h=$(awk '/^VmHWM/ {print $2}' "/proc/$DPID/status" 2>/dev/null)
[ -n "$h" ] && hwm=$h
answered=$(q "SELECT count(*) FROM outbound WHERE kind='reply' AND state='sent'")
answerable=$(q "SELECT count(*) FROM inbound WHERE sender_e164 IS NOT NULL")
if [ "$answered" != "$answerable" ] || [ "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" != 2050 ]; then
    echo "modem burst: the work was not done: $answered replies sent for $answerable answerable texts"; status=1
fi
# goal NAME CONDITION...: "met", or "NOT met" and a failing exit status
goal() { _g=$1; shift; if "$@"; then eval "$_g=met"; else eval "$_g='NOT met'"; status=1; fi; }
goal burst_goal [ $((t1 - t0)) -le 40000 ]
goal rss_goal [ "$hwm" -le 32768 ]
printf 'modem_burst_2050: %d.%03d s from the start for 2050 texts, %s replies sent (target <= 40 s: %s)\n' \
    $(( (t1 - t0) / 1000 )) $(( (t1 - t0) % 1000 )) "$answered" "$burst_goal"
printf 'modem_burst_startup: %s ms from the start to the modem connected (included above)\n' "$(( ${tc:-$t1} - t0 ))"
printf 'modem_burst_peak_rss: %d.%d MB (target <= 32 MB: %s)\n' $((hwm / 1024)) $(( (hwm % 1024) * 10 / 1024 )) "$rss_goal"

# idle latency: the daemon is idle now
: > "$T/lat.txt"
for i in $(seq 1 20); do
    before=$(q "SELECT count(*) FROM outbound WHERE state='sent'")
    s=$(now_ms)
    "$TALKA" sim send "+3712600$(printf %04d "$i")" "KOKS $i OZOLS Cesis"
    while [ "$(q "SELECT count(*) FROM outbound WHERE state='sent'")" -le "$before" ]; do
        if [ $(( $(now_ms) - s )) -gt 10000 ]; then
            echo "modem idle latency: no reply within 10 s (try $i)"; status=1; break
        fi
        sleep 0.01
    done
    echo $(( $(now_ms) - s )) >> "$T/lat.txt"
    sleep 0.$(shuf -i 1-5 -n 1)
done
p95=$(sort -n "$T/lat.txt" | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i>NR) i=NR; print a[i]}')
med=$(sort -n "$T/lat.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
goal lat_goal [ "$p95" -lt 1000 ]
echo "modem_idle_latency_p95: $p95 ms (median $med ms, 20 tries; target < 1000 ms: $lat_goal)"
kill -TERM $DPID; wait $DPID || { echo "modem: the daemon did not stop cleanly (exit $?)"; status=1; }
rm -rf "$T"
exit $status
