# meta/bench_goals.sh: a benchmark must fail (exit 1) when its stated goal is
# missed or the work was not done, and pass otherwise: bench/parse.sh on 2 000
# texts (release binary) with an unreachable goal, with a talka that drops a
# line, and with a goal it meets; bench/pipeline.sh with a talka that stores
# nothing. (bench/parse.sh once printed "NOT met" and exited 0.)
. tests/lib.sh
plan 6
scratch
rel=$PWD/build/talka
[ -x "$rel" ] || bail "no release binary $rel (make build/talka)"
TALKA=$rel BENCH_PARSE_GOAL=1 sh bench/parse.sh 2000 > "$T/met.out" 2>&1
expect_eq "bench: parse passes a goal it meets" "$?" 0
TALKA=$rel BENCH_PARSE_GOAL=1000000000 sh bench/parse.sh 2000 > "$T/missed.out" 2>&1
expect_eq "bench: parse fails a goal it misses" "$?" 1
expect_match "bench: ... saying NOT met" "$(cat "$T/missed.out")" "target >= 1000000000: NOT met"
printf '#!/bin/sh\n"%s" "$@" | sed "\\$d"\n' "$rel" > "$T/drops"
chmod +x "$T/drops"
TALKA=$T/drops BENCH_PARSE_GOAL=1 sh bench/parse.sh 2000 > "$T/drops.out" 2>&1
expect_eq "bench: parse fails when a text went unanswered" "$?" 1
expect_match "bench: ... and prints no rate" "$(cat "$T/drops.out")" "^parse: the work was not done"
printf '#!/bin/sh\ncat > /dev/null\n' > "$T/nothing"
chmod +x "$T/nothing"
TALKA=$T/nothing BENCH_PIPELINE_TEXTS=100 BENCH_PIPELINE_GOAL=1 sh bench/pipeline.sh > "$T/pipe.out" 2>&1
expect_eq "bench: pipeline fails when nothing was stored" "$?" 1
finish
