#!/bin/sh
# metrics.sh: what a Prometheus scrape costs the pipeline. `talka run` serves
# [metrics] listen (no modem, so the daemon's own work is the scrape alone) while
# `talka sms --stdin` pushes texts into the same database, alternately without
# scraping and with a scrape every SCRAPE_EVERY seconds (default 1: fifteen times
# Prometheus's usual 15 s). Three runs of each, alternating, each on a fresh
# database; the medians are compared. Also the time one scrape takes.
# The wall-clock rates swing with the machine's load; the pipeline's own CPU seconds
# and the daemon's CPU per scrape do not. Target: a scrape every 15 s costs under
# 0.1 % of a core, and the pipeline's CPU per text does not move.
cd "$(dirname "$0")/.." || exit 2
TALKA=${TALKA:-$PWD/build/talka}
N=${BENCH_METRICS_TEXTS:-10000}
EVERY=${SCRAPE_EVERY:-1}
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
DPID=
trap '[ -n "$DPID" ] && kill -TERM "$DPID" 2>/dev/null; rm -rf "$T"' EXIT
mkdir -p "$T/config" "$T/ports" "$T/var"
cp config/*.tsv config/*.ini "$T/config/"
awk '/^\[/ { skip = ($0 ~ /^\[(gammu[0-9]*|web)\]/) } !skip' config/talka.ini > "$T/config/talka.ini"
printf '\n[metrics]\nlisten = 127.0.0.1:0\n' >> "$T/config/talka.ini"
export TALKA_CONFIG=$T/config/talka.ini
python3 - "$T/texts.txt" "$N" <<'PY'
import random, sys
random.seed(2)
texts = ["KOKS {n} OZOLS Cesis", "koks {n} bērzi Limbažos", "TREE {n} BIRCH Bauska", "PUNKTI",
         "ДЕРЕВО {n} СОСНЫ Вентспилс", "KOKS {n} XYZZY Cesis"]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(f"m{i}\t+3712{i % 5000:07d}\t{random.choice(texts).format(n=random.randint(1, 50))}\n")
PY
# one run: a fresh database under a fresh daemon; prints texts/s (and scrapes done)
run() {  # SCRAPE(0|1) INDEX
    db=$T/var$2
    mkdir -p "$db"
    sed -i "s|^database = .*|database = $db/talka.db|" "$T/config/talka.ini"
    rm -f "$T/ports/metrics.port"
    TALKA_PORT_DIR=$T/ports "$TALKA" run > "$T/run$2.log" 2>&1 &
    DPID=$!
    i=0; while [ ! -s "$T/ports/metrics.port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    url="http://127.0.0.1:$(cat "$T/ports/metrics.port")/metrics"
    spid=
    if [ "$1" = 1 ]; then
        ( while :; do curl -sf -o /dev/null "$url" && echo x >> "$T/scrapes$2"; sleep "$EVERY"; done ) &
        spid=$!
    fi
    # wall-clock rate and the pipeline's own CPU seconds (the second does not
    # depend on what else the machine runs)
    r=$(python3 -c '
import resource, subprocess, sys, time
t = time.time()
rc = subprocess.run([sys.argv[1], "sms", "--stdin"], stdin=open(sys.argv[2]), stdout=subprocess.DEVNULL).returncode
w = time.time() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.0f %.2f" % (int(sys.argv[3]) / w, ru.ru_utime + ru.ru_stime) if rc == 0 else "0 0")
' "$TALKA" "$T/texts.txt" "$N")
    [ "$(sqlite3 "$db/talka.db" "SELECT count(*) FROM inbound WHERE state = 'handled'")" = "$N" ] ||
        touch "$T/not-done"
    [ -n "$spid" ] && kill "$spid" 2>/dev/null
    # the daemon's CPU seconds (clock ticks of utime + stime): the scrapes' cost
    ticks=$(awk '{ print $14 + $15 }' "/proc/$DPID/stat")
    kill -TERM "$DPID"; wait "$DPID" 2>/dev/null; DPID=
    echo "$r $ticks"
}
without="" with=""
for k in 1 2 3; do
    without="$without $(run 0 "a$k" | tr ' ' ,)"
    with="$with $(run 1 "b$k" | tr ' ' ,)"
done
if [ -e "$T/not-done" ]; then
    echo "metrics: the work was not done: a run did not handle all $N texts"
    exit 1
fi
scrapes=$(cat "$T"/scrapes* 2>/dev/null | wc -l)
# one scrape's time on the last database (its counters and queue full)
TALKA_PORT_DIR=$T/ports "$TALKA" run > "$T/last.log" 2>&1 &
DPID=$!
i=0; while [ ! -s "$T/ports/metrics.port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
ms=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$(cat "$T/ports/metrics.port")/metrics" |
     awk '{ printf "%.1f", $1 * 1000 }')
python3 - "$without" "$with" "$EVERY" "$scrapes" "$ms" "$N" "$(getconf CLK_TCK)" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import statistics, sys
def runs(arg):
    return [tuple(float(v) for v in r.split(",")) for r in arg.split()]
wo, wi = runs(sys.argv[1]), runs(sys.argv[2])
every, scrapes, ms, n = float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
hz, load = float(sys.argv[7]), sys.argv[8]
rate_wo, rate_wi = statistics.median(r[0] for r in wo), statistics.median(r[0] for r in wi)
cpu_wo, cpu_wi = statistics.median(r[1] for r in wo), statistics.median(r[1] for r in wi)
# the daemon's CPU with scraping minus without, per scrape
extra = (sum(r[2] for r in wi) - sum(r[2] for r in wo)) / hz
per_scrape = max(extra, 0) / max(scrapes, 1)
share15 = per_scrape / 15 * 100
print(f"metrics_scrape_cost: pipeline {rate_wo:.0f} texts/s without scraping, {rate_wi:.0f} with a scrape every "
      f"{every:g} s (wall clock, load average {load}); the pipeline's CPU {cpu_wo:.2f} s vs {cpu_wi:.2f} s for "
      f"{n} texts ({(cpu_wi - cpu_wo) / cpu_wo * 100:+.1f} %)")
print(f"metrics_scrape_time: {ms} ms for one /metrics on a database of {n} texts; the daemon's CPU "
      f"{per_scrape * 1000:.2f} ms per scrape ({scrapes} scrapes), {share15:.4f} % of a core at one scrape "
      f"every 15 s (target < 0.1 %: {'met' if share15 < 0.1 else 'NOT met'})")
sys.exit(0 if share15 < 0.1 else 1)
PY
