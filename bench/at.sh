#!/bin/sh
# at.sh: the real modem line, release binary ($TALKA) on libgammu's `at` driver
# against tests/atmodem/atmodem.py (a 25-slot SIM):
#  - receive: 1 000 texts (from senders talka never answers) offered at once ->
#    texts/s stored and deleted from the SIM
#  - send: 60 one-part replies -> parts/s, from the first AT+CMGS to the last
#    "+CMGS:" in the modem's log, beside libgammu's own ceiling measured the same
#    way with `gammu sendsms` (a 6-part text, one connection) on the same modem
cd "$(dirname "$0")/.." || exit 2
TALKA=${TALKA:-$PWD/build/talka}
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
mkdir -p "$T/config" "$T/var"
cp config/*.tsv config/*.ini "$T/config/"
CONF=$T/config/talka.ini
export TALKA_CONFIG=$CONF
. tests/lib.sh
. tests/lib/modem.sh
. tests/lib/at.sh
now_ms() { date +%s%3N; }
# parts/s between the first AT+CMGS and the last +CMGS answer in a conversation log
rate() {
    python3 - "$1" <<'PY'
import sys
t = lambda s: sum(float(x) * m for x, m in zip(s.split(":"), (3600, 60, 1)))
first = last = None; n = 0
for line in open(sys.argv[1]):
    f = line.split(" ", 2)
    if len(f) < 3:
        continue
    if f[1] == "<-" and f[2].startswith("AT+CMGS=") and first is None:
        first = t(f[0])
    if f[1] == "->" and f[2].startswith("+CMGS:"):
        last = t(f[0]); n += 1
print("%.2f %d %.1f" % ((n - 1) / (last - first) if n > 1 else 0, n, last - first if n else 0))
PY
}
command -v gammu >/dev/null || { echo "at: gammu (the CLI) is missing: apt-get install gammu"; exit 1; }

at_start --slots 25 || { echo "at: the emulator did not start"; exit 1; }
at_config
python3 - "$AT_DIR" "$T/recv.pdus" <<'PY'
import datetime, sys
sys.path.insert(0, sys.argv[1])
import pdu
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
with open(sys.argv[2], "w") as f:
    for i in range(1000):
        f.write(pdu.deliver(("LMT", "Tele2", "Info", "1345")[i % 4], "KOKS %d OZOLS Cesis" % (i % 40 + 1),
                            when=now - datetime.timedelta(seconds=1000 - i)) + "\n")
PY
start_daemon || { echo "at: talka did not connect (see $T/run.log)"; exit 1; }
t0=$(now_ms)
at_offer "$T/recv.pdus"
while [ "$(q "SELECT count(*) FROM inbound")" -lt 1000 ]; do
    [ $(( $(now_ms) - t0 )) -gt 120000 ] && { echo "at receive: did not finish"; break; }
    sleep 0.05
done
t1=$(now_ms)
n=$(q "SELECT count(*) FROM inbound")
printf 'at_receive_texts_per_s: %d.%d texts/s (%d texts through a 25-slot SIM in %d.%03d s, from the first offer to the last stored; target >= 50)\n' \
    $(( n * 1000 / (t1 - t0) )) $(( n * 10000 / (t1 - t0) % 10 )) "$n" $(( (t1 - t0) / 1000 )) $(( (t1 - t0) % 1000 ))
missed=0
[ "$n" = 1000 ] || { echo "at receive: only $n of 1000 texts stored: no rate to report"; missed=1; }
[ $(( n * 1000 / (t1 - t0) )) -ge 50 ] || { echo "at receive: target of 50 texts/s NOT met"; missed=1; }

at_settled 60
: > "$T/at/conversation.log"
$PDU burst "$T/send.pdus" "$T/send.txt" --count 60 --numbers 60 --multi 0 --seed 5
at_offer "$T/send.pdus"
wait_for 120 "SELECT count(*) FROM outbound WHERE kind = 'reply' AND state IN ('sent','delivered')" 60 ||
    { echo "at send: the 60 replies were not all sent"; missed=1; }
set -- $(rate "$T/at/conversation.log")
echo "at_send_parts_per_s: $1 parts/s (talka, $2 one-part replies in $3 s)"
talka_rate=$1
stop_daemon

cat > "$T/gammurc" <<EOF2
[gammu]
device = $T/modem
connection = at
EOF2
: > "$T/at/conversation.log"
long=$(python3 -c 'print(("Paldies par koku stadisanu! " * 40)[:900])')
gammu -c "$T/gammurc" sendsms TEXT +37126000001 -len 900 -text "$long" > "$T/gammu.out" 2>&1
set -- $(rate "$T/at/conversation.log")
echo "at_gammu_ceiling_parts_per_s: $1 parts/s (gammu sendsms, $2 parts in $3 s, same modem)"
python3 -c "import sys; t, g = float(sys.argv[1]), float(sys.argv[2]); print('at_send_vs_ceiling: %.0f %% of gammu sendsms, %.0f %% of the 1.43 parts/s its 0.7 s sleeps allow (target: ~100 %%, talka adds no wait)' % (100 * t / g if g else 0, 100 * t / 1.43))" "$talka_rate" "$1"
at_stop
rm -rf "$T"
exit $missed
