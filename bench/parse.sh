#!/bin/sh
# parse.sh: throughput of `talka parse` (release binary, JSON out, one core) over
# a fixed input, bench/parse-input.txt (the corpus texts before issue 16 added
# its classes, so figures stay comparable), repeated to N lines, beside a bare pcre2grep scan of the same
# file, and their ratio. usage: bench/parse.sh [N]   (default 400000)
cd "$(dirname "$0")/.." || exit 2
N=${1:-400000}
TALKA=${TALKA_BIN:-build/talka}
B=$(mktemp -d /tmp/talka-bench-XXXXXX)
trap 'rm -rf "$B"' EXIT
cp bench/parse-input.txt "$B/one.txt"
: > "$B/texts.txt"
while [ "$(wc -l < "$B/texts.txt")" -lt "$N" ]; do cat "$B/one.txt" >> "$B/texts.txt"; done
head -n "$N" "$B/texts.txt" > "$B/in.txt"
export TALKA_NOW="2026-05-15 10:00:00"
now() { date +%s.%N; }
t0=$(now); "$TALKA" parse < "$B/in.txt" > "$B/out.json"; t1=$(now)
lines=$(wc -l < "$B/out.json" | tr -d ' ')
t2=$(now); pcre2grep -c '(?i)^\s*(koks|koki|tree|дерево)\b' "$B/in.txt" > /dev/null; t3=$(now)
awk -v n="$N" -v out="$lines" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
    tp = b - a; tg = d - c; if (tg <= 0) tg = 0.000001
    printf "parse: %d texts in %.3f s = %.0f texts/s (JSON out, one core)%s\n", n, tp, n / tp,
           (out == n ? "" : " [LINE COUNT MISMATCH]")
    printf "pcre2grep scan of the same file: %.3f s = %.0f lines/s\n", tg, n / tg
    printf "ratio parse/pcre2grep: %.1fx slower (target >= 200000 texts/s: %s)\n", tp / tg,
           (n / tp >= 200000 ? "met" : "NOT met")
}'
