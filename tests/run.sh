#!/bin/sh
# run.sh: the one test runner. Runs the unit tests, every tests/scenario/*.sh and
# every tests/meta/*.sh against the sanitizer build, several at a time, and ends
# with the line "N passed, N failed", counting individual checks. Exit status 1
# when anything failed, 2 on a usage error (or a PATTERN that selects nothing).
#
# usage: tests/run.sh [-j N] [-d DIR] [PATTERN]
#   PATTERN  only the parts whose name contains it ("unit" is the unit tests)
#   -j N     run N parts at once (default TEST_JOBS, else 4 x the cores: the
#            parts mostly wait on a modem, a socket or a timer)
#   -d DIR   run DIR/*.sh instead of the usual parts (used by tests/meta/)
#
# Parts run in parallel, each in its own scratch directory and database (scratch()
# in tests/lib.sh) and with its own block of TEST_PORT_SPAN ports from
# TEST_PORT_BASE (free_port in tests/lib.sh hands them out), so no two parts can
# pick the same port. The longest parts of the last run (build/test-times) start
# first. A line per part is printed as it ends; the tally follows in name order.
#
# Each part prints "plan N" first and then one "ok NAME" or "not ok NAME" line per
# check (docs/testing.md); "ok NAME # known-miss: WHY" (a corpus row the parser
# is known to get wrong) is counted apart, never as passed. The runner fails a
# part, with a "not ok" line of its own, when: the plan is missing; fewer checks
# ran than planned (each unrun check counts as failed, so the total never drops
# when a helper dies); more ran than planned; it printed "Bail out!", a Python
# traceback or a sanitizer report; it exited non-zero without a failed check; it
# outlived its timeout (default TEST_TIMEOUT=600 s, or a "# timeout: N" line in
# the comment block at the top of the part), after which its whole process group
# is killed.
cd "$(dirname "$0")/.." || exit 2
usage() { echo "usage: tests/run.sh [-j N] [-d DIR] [PATTERN]" >&2; exit 2; }
TEST_PORT_SPAN=40

# --part RESDIR INDEX NAME FILE: (internal, from xargs) runs one part under its
# timeout with its own port block; leaves RESDIR/INDEX.out, .rc and .secs
if [ "${1:-}" = --part ]; then
    res=$2; i=$3; name=$4; file=$5
    # a nested runner (tests/meta/runner.sh) takes blocks far from its parent's
    if [ -n "${TEST_PORT_BASE:-}" ]; then first=25000; else first=20000; fi
    export TEST_PORT_BASE=$((first + i * TEST_PORT_SPAN)) TEST_PORT_SPAN
    case $name in unit) set -- build/asan/unit-tests ;; *) set -- sh "$file" ;; esac
    # "# timeout: N" in the comment block at the top of the part
    limit=$(awk '!/^#/ { exit } /^# timeout: *[0-9]+ *$/ { print $3; exit }' "$file" 2>/dev/null)
    limit=${limit:-${TEST_TIMEOUT:-600}}
    started=$(date +%s)
    # timeout(1) makes itself a process-group leader and signals the whole group,
    # daemons the part started in the background included
    timeout -k 5 "$limit" "$@" > "$res/$i.out" 2>&1 < /dev/null &
    pid=$!
    wait "$pid"
    rc=$?
    kill -KILL "-$pid" 2>/dev/null       # its process group: anything it left behind
    secs=$(( $(date +%s) - started ))
    # the CPU its processes used (user + system, of those waited for: the
    # daemons too, as timeout(1) waits for its child): on a 2-core box the
    # parts' CPU, more than their length, decides how long the run takes
    times > "$res/$i.times"              # not in a $(...): a subshell has its own
    cpu=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, y, /[ms]/)
                         printf "%d", u[1] * 60 + u[2] + y[1] * 60 + y[2] + 0.5 }' "$res/$i.times")
    echo "$limit" > "$res/$i.limit"
    echo "$secs" > "$res/$i.secs"
    echo "$rc" > "$res/$i.rc"
    p=$(grep -c '^ok ' "$res/$i.out"); f=$(grep -c '^not ok ' "$res/$i.out")
    echo "-- $name: $p ok, $f not ok, exit status $rc, $secs s (CPU ${cpu:-?} s)"
    exit 0
fi

jobs=${TEST_JOBS:-$((4 * $(nproc 2>/dev/null || echo 1)))}
dir=
while [ $# -gt 0 ]; do
    case $1 in
        -j) [ -n "${2:-}" ] || usage; jobs=$2; shift 2 ;;
        -j[0-9]*) jobs=${1#-j}; shift ;;
        -d) [ -n "${2:-}" ] || usage; dir=$2; shift 2 ;;
        -*) usage ;;
        *) break ;;
    esac
done
case $jobs in ''|*[!0-9]*|0) usage ;; esac
[ $# -le 1 ] || usage
pattern=${1:-}
mkdir -p build
log=$(mktemp "$PWD/build/test-output-XXXXXX")
res=$(mktemp -d "$PWD/build/test-parts-XXXXXX")
trap 'rm -rf "$res"' EXIT
passed=0; failed=0; known=0

# the parts: "INDEX NAME FILE", INDEX fixing each part's port block
n=0
add_part() { echo "$n $1 $2" >> "$res/list"; n=$((n + 1)); }
: > "$res/list"
if [ -n "$dir" ]; then
    set -- "$dir"/*.sh
else
    if [ -z "$pattern" ] || case unit in *"$pattern"*) true ;; *) false ;; esac; then
        add_part unit /dev/null
    fi
    set -- tests/scenario/*.sh tests/meta/*.sh
fi
for t in "$@"; do
    [ -e "$t" ] || continue
    name=$(basename "$t" .sh)
    case "$t" in tests/meta/*) name=meta/$name ;; esac
    case "$name" in *"$pattern"*) ;; *) continue ;; esac
    add_part "$name" "$t"
done
if [ "$n" = 0 ]; then
    echo "tests/run.sh: no test matches \"$pattern\"" >&2
    rm -f "$log"
    exit 2
fi

# longest first (build/test-times from earlier runs; a part never timed counts
# as long, so a new slow part does not end the run alone)
times=build/test-times
[ -f "$times" ] || : > "$times"
awk 'FILENAME == ARGV[1] { t[$1] = $2; next } { print (($2 in t) ? t[$2] : 600), $0 }' "$times" "$res/list" |
    sort -k1,1nr -k2,2n | cut -d' ' -f2- > "$res/order"
[ "$jobs" -le "$n" ] || jobs=$n
echo "running $n parts, $jobs at a time"
started=$(date +%s)
xargs -P "$jobs" -L 1 sh tests/run.sh --part "$res" < "$res/order"
elapsed=$(( $(date +%s) - started ))

say_fail() { echo "not ok $1"; failed=$((failed + 1)); }

tally() { # tally INDEX NAME: count one part's checks and its failures of form
    i=$1; name=$2; out=$res/$i.out
    [ -f "$res/$i.rc" ] || { say_fail "$name: did not run"; return; }
    rc=$(cat "$res/$i.rc"); limit=$(cat "$res/$i.limit")
    { echo "== $name (exit status $rc, $(cat "$res/$i.secs") s)"; cat "$out"; } >> "$log"
    echo "== $name"
    grep -v '^ok ' "$out" | grep -v -e '^[0-9]* passed, [0-9]* failed$' -e '^plan [0-9]*$'
    grep '^ok .* # known-miss' "$out"    # shown: a known miss is not a pass
    p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
    k=$(grep -c '^ok .* # known-miss' "$out")
    plans=$(grep -c '^plan [0-9][0-9]*$' "$out")
    plan=$(sed -n 's/^plan \([0-9][0-9]*\)$/\1/p' "$out" | head -1)
    passed=$((passed + p - k)); failed=$((failed + f)); known=$((known + k))
    ran=$((p + f))
    if [ "$plans" = 0 ]; then
        say_fail "$name: no plan line (it must print \"plan N\" first)"
    elif [ "$plans" != 1 ]; then
        say_fail "$name: $plans plan lines"
    elif [ "$ran" -lt "$plan" ]; then
        echo "not ok $name: $plan checks planned, $ran ran ($((plan - ran)) counted as failed)"
        failed=$((failed + plan - ran))
    elif [ "$ran" -gt "$plan" ]; then
        say_fail "$name: $plan checks planned, $ran ran"
    fi
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        say_fail "$name: timed out after $limit s (exit status $rc); its process group was killed"
    elif grep -q '^Bail out!' "$out"; then
        say_fail "$name: $(grep -m1 '^Bail out!' "$out")"
    elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        say_fail "$name: exit status $rc without a failed check"
    fi
    if grep -q '^Traceback (most recent call last):' "$out"; then
        say_fail "$name: a Python helper raised (traceback above)"
    fi
    if grep -Eq 'ERROR: (Address|Leak|Thread|Memory)Sanitizer|runtime error: |^SUMMARY: (Address|Undefined|Leak)' "$out"; then
        say_fail "$name: a sanitizer report in its output"
    fi
}

while read -r i name file; do
    tally "$i" "$name"
    [ -n "$dir" ] || [ ! -f "$res/$i.secs" ] || echo "$name $(cat "$res/$i.secs")" >> "$res/times"
done < "$res/list"
# this run's durations replace the earlier ones of the same parts
if [ -f "$res/times" ]; then
    awk 'FILENAME == ARGV[1] { t[$1] = $2; next } !($1 in t) { print } END { for (k in t) print k, t[k] }' \
        "$res/times" "$times" > "$res/times.new" && mv "$res/times.new" "$times"
fi
echo "$n parts in $elapsed s, $jobs at a time"
echo "(full output in $log)"
[ "$known" = 0 ] || echo "$known known misses (corpus rows marked known-miss: listed above, not counted as passed)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
