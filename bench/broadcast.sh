#!/bin/sh
# broadcast.sh: reminder broadcasts at scale on the release binary:
#  - time to create a 100 000-recipient broadcast (rendering and measuring every
#    copy, then adding recipients in chunks of 5 000 volunteer ids, each its own
#    short transaction); target < 2 s; start-up (a `talka broadcast list`) is
#    printed apart. Meanwhile a concurrent writer (a Python loop of one-row
#    write transactions on the same database) measures the longest it had to
#    wait for the write lock; talka's own longest chunk (its debug log) beside it.
#  - peak RSS of `talka run` (two dummy modems) while draining it, and the
#    copies/s from the first copy sent (start-up to the first copy apart).
# Verifies the recipients were stored and copies sent, and that the daemon
# stopped cleanly. Exit 1 when the create target is missed or the work not done.
cd "$(dirname "$0")/.." || exit 2
TALKA=${TALKA:-$PWD/build/talka}
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config" "$T/var/phone" "$T/var/phone1"
cp config/*.tsv config/*.ini "$T/config/"
cat >> "$T/config/talka.ini" <<'INI'
[gammu1]
device = ../var/phone1
model = dummy
connection = none
INI
sed -i "s/^quiet_hours = .*/quiet_hours = none/" "$T/config/talka.ini"
export TALKA_CONFIG=$T/config/talka.ini
N=${BENCH_BROADCAST_RECIPIENTS:-100000}
DRAIN=${BENCH_BROADCAST_DRAIN_SECONDS:-60}
GOAL_MS=${BENCH_BROADCAST_CREATE_GOAL_MS:-2000}
db() { sqlite3 -cmd ".timeout 5000" "$T/var/talka.db" "$1"; }
status=0
"$TALKA" stats > /dev/null || { echo "broadcast: talka stats failed"; exit 1; }
db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
  INSERT INTO volunteers (number, name, home_municipality, created_at) SELECT printf('+3712%07d', i),
  CASE i % 7 WHEN 0 THEN 'Jānis' WHEN 1 THEN NULL ELSE 'Anna' END, 'Cēsu novads', 0 FROM n;
  INSERT INTO points_ledger (volunteer_id, delta, reason, created_at) SELECT id, 50, 'first_report', 0 FROM volunteers;
  CREATE TABLE bench_probe (x INTEGER);"
s0=$(date +%s.%N); "$TALKA" broadcast list > /dev/null; s1=$(date +%s.%N)

# the concurrent writer: longest wait for the write lock while the create runs
python3 - "$T/var/talka.db" "$T/probe.stop" > "$T/probe.out" <<'PY' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
worst = n = 0
while not os.path.exists(sys.argv[2]):
    t = time.monotonic()
    con.execute("BEGIN IMMEDIATE")
    worst = max(worst, time.monotonic() - t)
    con.execute("INSERT INTO bench_probe VALUES (1)")
    con.execute("COMMIT")
    n += 1
    time.sleep(0.002)
print("%.0f %d" % (worst * 1000, n))
PY
PROBE=$!
i=0   # the writer is running once its first row is in
while [ "$(db "SELECT count(*) FROM bench_probe")" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
start=$(date +%s.%N)
TALKA_LOG=debug "$TALKA" broadcast create --to all --text "Sestdien 10:00 talka pie Cēsu pils, {name}! Tev {points} punkti." --yes > "$T/create.txt" 2> "$T/create.log"
crc=$?
end=$(date +%s.%N)
touch "$T/probe.stop"; wait $PROBE
read -r waited probes < "$T/probe.out"
[ "${probes:-0}" -gt 0 ] || { echo "broadcast create: the concurrent writer wrote nothing: no measure"; status=1; }
id=$(head -1 "$T/create.txt")
stored=$(db "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ${id:-0}")
if [ "$crc" != 0 ] || [ "$stored" != "$N" ]; then
    echo "broadcast create: the work was not done: exit $crc, $stored of $N recipients stored"; exit 1
fi
chunks=$(grep -c 'recipients added in' "$T/create.log")
longest=$(awk '/recipients added in/ {print $(NF-1)}' "$T/create.log" | sort -n | tail -1)
python3 - "$start" "$end" "$N" "$chunks" "$longest" "$waited" "$probes" "$s0" "$s1" "$GOAL_MS" <<'PY'
import sys
a, b = float(sys.argv[1]), float(sys.argv[2])
ms = (b - a) * 1000; goal = float(sys.argv[10])
print(f"broadcast create: {ms / 1000:.2f} s for {sys.argv[3]} recipients stored (target < {goal / 1000:.0f} s: "
      f"{'met' if ms < goal else 'NOT met'}); start-up apart: {(float(sys.argv[9]) - float(sys.argv[8])) * 1000:.0f} ms "
      f"(talka broadcast list)")
print(f"broadcast create: a concurrent writer waited at most {sys.argv[6]} ms for the write lock "
      f"({sys.argv[7]} writes); talka's own longest of {sys.argv[4]} write transactions: {sys.argv[5]} ms (its debug log)")
sys.exit(0 if ms < goal else 1)
PY
[ $? = 0 ] || status=1

TALKA_LOG=info "$TALKA" run > "$T/run.log" 2>&1 &
DPID=$!
peak=0; t0=$(date +%s.%N); tfirst=; sent=0
while kill -0 $DPID 2>/dev/null; do
    rss=$(awk '/^VmHWM/ {print $2}' /proc/$DPID/status 2>/dev/null)
    [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
    sent=$(db "SELECT count(*) FROM outbound WHERE kind='broadcast' AND state='sent'")
    [ -z "$tfirst" ] && [ "${sent:-0}" -gt 0 ] && tfirst=$(date +%s.%N)
    [ "$sent" -ge "$N" ] && break
    python3 -c "import sys,time; sys.exit(0 if time.time() - float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$t0" "$DRAIN" || break
    sleep 1
done
t1=$(date +%s.%N)
kill -TERM $DPID; wait $DPID
drc=$?
if [ "$drc" != 0 ] || [ "${sent:-0}" = 0 ]; then
    echo "broadcast drain: the daemon exited $drc after sending ${sent:-0} copies (log: tail below)"
    tail -5 "$T/run.log"; status=1
else
    python3 -c "import sys; t0,tf,t1=map(float,sys.argv[1:4]); n=int(sys.argv[4]); s=t1-tf; print(f'broadcast drain: peak daemon RSS {int(sys.argv[5])/1024:.1f} MB while sending {n} of {sys.argv[6]} copies over 2 dummy modems in {t1-t0:.0f} s; from the first copy {n/max(s,1e-6):.0f} copies/s (start-up to the first copy: {tf-t0:.1f} s); no target')" \
        "$t0" "${tfirst:-$t1}" "$t1" "$sent" "$peak" "$N"
fi
exit $status
