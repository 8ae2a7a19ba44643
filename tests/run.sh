#!/bin/sh
# run.sh: the one test runner. Runs the unit tests, every tests/scenario/*.sh and
# every tests/meta/*.sh against the sanitizer build and ends with the line
# "N passed, N failed", counting individual checks. Exit status 1 when anything
# failed, 2 on a usage error (or a PATTERN that selects nothing).
#
# usage: tests/run.sh [-d DIR] [PATTERN]
#   PATTERN  only the parts whose name contains it ("unit" is the unit tests)
#   -d DIR   run DIR/*.sh instead of the usual parts (used by tests/meta/)
#
# Each part prints "plan N" first and then one "ok NAME" or "not ok NAME" line per
# check (docs/testing.md); "ok NAME # known-miss: WHY" (a corpus row the parser
# is known to get wrong) is counted apart, never as passed. The runner fails a
# part, with a "not ok" line of its
# own, when: the plan is missing; fewer checks ran than planned (each unrun check
# counts as failed, so the total never drops when a helper dies); more ran than
# planned; it printed "Bail out!", a Python traceback or a sanitizer report; it
# exited non-zero without a failed check; it outlived its timeout (default
# TEST_TIMEOUT=600 s, or a "# timeout: N" line in the comment block at the top of
# the part), after which its whole
# process group is killed.
cd "$(dirname "$0")/.." || exit 2
dir=
if [ "${1:-}" = -d ]; then
    [ -n "${2:-}" ] || { echo "usage: tests/run.sh [-d DIR] [PATTERN]" >&2; exit 2; }
    dir=$2; shift 2
fi
case "${1:-}" in -*) echo "usage: tests/run.sh [-d DIR] [PATTERN]" >&2; exit 2 ;; esac
[ $# -le 1 ] || { echo "usage: tests/run.sh [-d DIR] [PATTERN]" >&2; exit 2; }
pattern=${1:-}
mkdir -p build
log=$(mktemp "$PWD/build/test-output-XXXXXX")
out=$(mktemp "$PWD/build/test-part-XXXXXX")
trap 'rm -f "$out"' EXIT
passed=0; failed=0; known=0

say_fail() { echo "not ok $1"; failed=$((failed + 1)); }

run_part() { # run_part NAME FILE COMMAND...: run one part under a timeout and count it
    name=$1; file=$2; shift 2
    echo "== $name"
    # "# timeout: N" in the comment block at the top of the part
    limit=$(awk '!/^#/ { exit } /^# timeout: *[0-9]+ *$/ { print $3; exit }' "$file" 2>/dev/null)
    limit=${limit:-${TEST_TIMEOUT:-600}}
    started=$(date +%s)
    # timeout(1) makes itself a process-group leader and signals the whole group,
    # daemons the part started in the background included
    timeout -k 5 "$limit" "$@" > "$out" 2>&1 < /dev/null &
    pid=$!
    wait "$pid"
    rc=$?
    kill -KILL "-$pid" 2>/dev/null       # its process group: anything it left behind
    grep -v '^ok ' "$out" | grep -v -e '^[0-9]* passed, [0-9]* failed$' -e '^plan [0-9]*$'
    { echo "== $name (exit status $rc, $(( $(date +%s) - started )) s)"; cat "$out"; } >> "$log"
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

parts=0
if [ -n "$dir" ]; then
    set -- "$dir"/*.sh
else
    if [ -z "$pattern" ] || case unit in *"$pattern"*) true ;; *) false ;; esac; then
        parts=$((parts + 1))
        run_part unit /dev/null build/asan/unit-tests
    fi
    set -- tests/scenario/*.sh tests/meta/*.sh
fi
for t in "$@"; do
    [ -e "$t" ] || continue
    n=$(basename "$t" .sh)
    case "$t" in tests/meta/*) n=meta/$n ;; esac
    case "$n" in *"$pattern"*) ;; *) continue ;; esac
    parts=$((parts + 1))
    run_part "$n" "$t" sh "$t"
done
if [ "$parts" = 0 ]; then
    echo "tests/run.sh: no test matches \"$pattern\"" >&2
    rm -f "$log"
    exit 2
fi
echo "(full output in $log)"
[ "$known" = 0 ] || echo "$known known misses (corpus rows marked known-miss: listed above, not counted as passed)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
