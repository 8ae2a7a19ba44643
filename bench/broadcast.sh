# broadcast.sh: reminder broadcasts at scale on the release binary:
#  - time to create a 100 000-recipient broadcast (rendering and measuring every
#    copy, then adding recipients in chunks of 5 000 volunteer ids, each its own
#    short transaction); target < 2 s; also the longest single write transaction
#    as seen by a concurrent writer (how long the database was held);
#  - peak RSS of `talka run` (two dummy modems) while draining it.
set -e
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
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
"$TALKA" stats > /dev/null
sqlite3 "$T/var/talka.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
  INSERT INTO volunteers (number, name, home_municipality, created_at) SELECT printf('+3712%07d', i),
  CASE i % 7 WHEN 0 THEN 'Jānis' WHEN 1 THEN NULL ELSE 'Anna' END, 'Cēsu novads', 0 FROM n;
  INSERT INTO points_ledger (volunteer_id, delta, reason, created_at) SELECT id, 50, 'first_report', 0 FROM volunteers;"
start=$(date +%s.%N)
TALKA_LOG=debug "$TALKA" broadcast create --to all --text "Sestdien 10:00 talka pie Cēsu pils, {name}! Tev {points} punkti." --yes > "$T/create.txt" 2> "$T/create.log"
end=$(date +%s.%N)
chunks=$(grep -c 'recipients added in' "$T/create.log")
longest=$(awk '/recipients added in/ {print $(NF-1)}' "$T/create.log" | sort -n | tail -1)
python3 -c "import sys; print(f'broadcast create: {float(sys.argv[2])-float(sys.argv[1]):.2f} s for {sys.argv[3]} recipients (target < 2 s); {sys.argv[4]} write transactions, the longest {sys.argv[5]} ms')" "$start" "$end" "$N" "$chunks" "$longest"

"$TALKA" run > "$T/run.log" 2>&1 &
DPID=$!
peak=0; t0=$(date +%s.%N); sent=0
while kill -0 $DPID 2>/dev/null; do
    rss=$(awk '/^VmHWM/ {print $2}' /proc/$DPID/status 2>/dev/null || echo 0)
    [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
    sent=$(sqlite3 -cmd ".timeout 5000" "$T/var/talka.db" "SELECT count(*) FROM outbound WHERE kind='broadcast' AND state='sent'")
    [ "$sent" -ge "$N" ] && break
    python3 -c "import sys,time; sys.exit(0 if time.time() - float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$t0" "$DRAIN" || break
    sleep 1
done
t1=$(date +%s.%N)
kill -TERM $DPID; wait $DPID || true
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'broadcast drain: peak daemon RSS {int(sys.argv[4])/1024:.1f} MB while sending {n} copies over 2 dummy modems in {s:.0f} s ({n/s:.0f} copies/s)')" "$t0" "$t1" "$sent" "$peak"
[ -n "$BENCH_KEEP" ] || rm -rf "$T"
