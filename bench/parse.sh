#!/bin/sh
# parse.sh: throughput of `talka parse` (release binary $TALKA, JSON out, one
# core) over a fixed input, bench/parse-input.txt (the corpus texts before issue
# 16 added its classes, so figures stay comparable), repeated to N lines, beside a
# bare pcre2grep scan of the same file, and their ratio. Start-up (lexicon load)
# is timed apart on an empty input. Verifies one JSON line per text before
# printing a rate. Target: >= 200 000 texts/s over the whole run; exit 1 when missed.
# usage: bench/parse.sh [N]   (default 400000)
cd "$(dirname "$0")/.." || exit 2
N=${1:-400000}
TALKA=${TALKA:-$PWD/build/talka}
GOAL=${BENCH_PARSE_GOAL:-200000}
B=$(mktemp -d /tmp/talka-bench-XXXXXX)
trap 'rm -rf "$B"' EXIT
# the input repeated to N lines in one pass (a loop that counted the growing file's
# lines after each copy read some 7 GB: the ~4 s of system time `time` showed)
awk -v n="$N" '{ t[NR] = $0 } END { for (i = 0; i < n; i++) print t[i % NR + 1] }' \
    bench/parse-input.txt > "$B/in.txt"
export TALKA_NOW="2026-05-15 10:00:00"
now() { date +%s.%N; }
s0=$(now); "$TALKA" parse < /dev/null > /dev/null; s1=$(now)
t0=$(now); "$TALKA" parse < "$B/in.txt" > "$B/out.json"; rc=$?; t1=$(now)
lines=$(wc -l < "$B/out.json" | tr -d ' ')
jsonl=$(grep -c '^{.*}$' "$B/out.json")
if [ "$rc" != 0 ] || [ "$lines" != "$N" ] || [ "$jsonl" != "$N" ]; then
    echo "parse: the work was not done: exit $rc, $lines lines ($jsonl JSON objects) for $N texts"
    exit 1
fi
t2=$(now); pcre2grep -c '(?i)^\s*(koks|koki|tree|дерево)\b' "$B/in.txt" > /dev/null; t3=$(now)
awk -v n="$N" -v s0="$s0" -v s1="$s1" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v goal="$GOAL" 'BEGIN {
    tp = b - a; tg = d - c; st = s1 - s0; if (tg <= 0) tg = 0.000001
    steady = tp - st; if (steady <= 0) steady = 0.000001
    printf "parse: %d texts in %.3f s = %.0f texts/s over the whole run (JSON out, one core; target >= %d: %s)\n",
           n, tp, n / tp, goal, (n / tp >= goal ? "met" : "NOT met")
    printf "parse_startup: %.0f ms (an empty input); %.0f texts/s without it\n", st * 1000, n / steady
    printf "pcre2grep scan of the same file: %.3f s = %.0f lines/s\n", tg, n / tg
    printf "ratio parse/pcre2grep: %.1fx slower\n", tp / tg
    exit (n / tp >= goal ? 0 : 1)
}'
