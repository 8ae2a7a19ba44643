# pipeline.sh: pipeline throughput on a durable database (WAL, synchronous=NORMAL):
# texts/s through `talka sms --stdin` (store, parse, plantings, points, reply queued),
# each text in its own committed transactions. Target: >= 5 000 texts/s.
set -e
T=$(mktemp -d /tmp/talka-bench-XXXXXX)
mkdir -p "$T/config" "$T/var"
cp config/*.tsv config/*.ini "$T/config/"
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
start=$(date +%s.%N)
TALKA_CONFIG=$T/config/talka.ini "$TALKA" sms --stdin < "$T/texts.txt" > /dev/null
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'pipeline: {n/s:.0f} texts/s ({n} texts in {s:.2f} s, durable WAL database; target >= 5000)')" "$N" "$start" "$end"
rm -rf "$T"
