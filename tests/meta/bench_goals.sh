# meta/bench_goals.sh: a benchmark must fail (exit 1) when its stated goal is
# missed or the work was not done, and pass otherwise: bench/parse.sh on 2 000
# texts (release binary) with an unreachable goal, with a talka that drops a
# line, and with a goal it meets; bench/pipeline.sh with a talka that stores
# nothing; bench/kannel.sh's verdict (bench/kannel_summary.awk) on runs where talka
# makes 80 % of the anchor's round trips, 70 %, and 80 % but under 300 a second.
# (bench/parse.sh once printed "NOT met" and exited 0.)
. tests/lib.sh
plan 10
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
# kannel_runs TALKA_RATE ANCHOR_RATE: results of three interleaved runs of each service
kannel_runs() {
    for r in 1 2 3; do
        printf 'echo 2000 3000 0.2 0.1 0 0.1\nhttp 1500 3000 0.2 0.2 0.1 0.1\n'
        printf 'anchor %d 3000 0.9 0.6 0.3 0.1\ntalka %d 3000 1 0.6 0.6 0.1\n' "$2" "$1"
        printf 'nodlr %d 3000 0.8 0.4 0.5 0.1\n' "$1"
    done > "$T/kannel.results"
    awk -v n=3000 -v links=1 -f bench/kannel_summary.awk "$T/kannel.results" > "$T/kannel.out" 2>&1
}
kannel_runs 800 1000
expect_eq "bench: kannel passes at 80 % of the anchor" "$?" 0
kannel_runs 700 1000
expect_eq "bench: kannel fails at 70 % of the anchor" "$?" 1
expect_match "bench: ... saying NOT met" "$(cat "$T/kannel.out")" "^kannel_talka_share: 70 % .*target >= 75: NOT met"
kannel_runs 200 250
expect_eq "bench: kannel fails under 300 round trips/s" "$?" 1
finish
