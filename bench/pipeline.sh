#!/bin/sh
# pipeline.sh: pipeline throughput of `talka sms --stdin` on a durable database
# (WAL, synchronous=NORMAL): texts are stored raw in batches of up to 64 per
# committed transaction, then each batch is handled (parse, plantings, points,
# reply queued) in one more transaction. Start-up (config, lexicon, database
# open) is timed apart on an empty input; the rate is over the whole run and,
# beside it, with start-up taken out. Verifies every text was stored, handled
# and answered (one output line each) before printing a rate.
# Target: >= 5 000 texts/s over the whole run; exit 1 when missed.
cd "$(dirname "$0")/.." || exit 2
TALKA=${TALKA:-$PWD/build/talka}
GOAL=${BENCH_PIPELINE_GOAL:-5000}
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config" "$T/var"
cp config/*.tsv config/*.ini "$T/config/"
export TALKA_CONFIG=$T/config/talka.ini
N=${BENCH_PIPELINE_TEXTS:-20000}
python3 - "$T/texts.txt" "$N" <<'PY'
import random, sys
random.seed(1)
texts = ["KOKS {n} OZOLS Cesis", "koks {n} bērzi Limbažos", "ДЕРЕВО {n} СОСНЫ Вентспилс",
         "TREE {n} BIRCH Bauska", "koks {n} egles, {n} priedes Saldus", "PUNKTI",
         "Iestādījām {n} bērzus Bauskā", "KOKS {n} XYZZY Cesis"]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(f"b{i}\t+3712{i % 5000:07d}\t{random.choice(texts).format(n=random.randint(1, 50))}\n")
PY
"$TALKA" sms --stdin < /dev/null > /dev/null || { echo "pipeline: talka sms failed on an empty input"; exit 1; }
s0=$(date +%s.%N)
"$TALKA" sms --stdin < /dev/null > /dev/null
s1=$(date +%s.%N)
start=$(date +%s.%N)
"$TALKA" sms --stdin < "$T/texts.txt" > "$T/out.txt"
rc=$?
end=$(date +%s.%N)
db() { sqlite3 "$T/var/talka.db" "$1"; }
lines=$(wc -l < "$T/out.txt" | tr -d ' ')
stored=$(db "SELECT count(*) FROM inbound")
handled=$(db "SELECT count(*) FROM inbound WHERE state = 'handled'")
if [ "$rc" != 0 ] || [ "$lines" != "$N" ] || [ "$stored" != "$N" ] || [ "$handled" != "$N" ]; then
    echo "pipeline: the work was not done: exit $rc, $lines output lines, $stored stored, $handled handled of $N"
    exit 1
fi
python3 - "$N" "$s0" "$s1" "$start" "$end" "$GOAL" <<'PY'
import sys
n = int(sys.argv[1]); s0, s1, a, b = map(float, sys.argv[2:6]); goal = float(sys.argv[6])
startup, whole = s1 - s0, b - a
rate, steady = n / whole, n / max(whole - startup, 1e-6)
print(f"pipeline: {rate:.0f} texts/s over the whole run ({n} texts stored, handled and answered in {whole:.2f} s, "
      f"batches of 64 per transaction, durable WAL database; target >= {goal:.0f}: {'met' if rate >= goal else 'NOT met'})")
print(f"pipeline_startup: {startup * 1000:.0f} ms (talka sms on an empty input); {steady:.0f} texts/s without it")
sys.exit(0 if rate >= goal else 1)
PY
