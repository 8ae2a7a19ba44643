#!/bin/sh
# run.sh: the one test runner. Runs the unit tests, the parser corpus, the fuzz
# smoke run and every tests/scenario/*.sh against the sanitizer build, and ends
# with the line "N passed, N failed". Exit status 1 when anything failed.
# usage: tests/run.sh [PATTERN]   (only scenarios whose file name contains PATTERN)
cd "$(dirname "$0")/.." || exit 2
pattern=${1:-}
mkdir -p build
log=$(mktemp build/test-output-XXXXXX)
out=$(mktemp build/test-part-XXXXXX)
trap 'rm -f "$out"' EXIT
passed=0; failed=0

run_part() { # run_part NAME COMMAND...: its output is shown and counted
    name=$1; shift
    echo "== $name"
    "$@" > "$out" 2>&1
    rc=$?
    grep -v '^ok ' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
    cat "$out" >> "$log"
    p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "not ok $name (exit status $rc)"
        failed=$((failed + 1))
    fi
}

if [ -z "$pattern" ]; then
    run_part unit build/asan/unit-tests
fi
for t in tests/scenario/*.sh; do
    [ -e "$t" ] || continue
    case "$t" in *_lib.sh) continue ;; esac   # helpers sourced by scenarios
    case "$t" in *"$pattern"*) ;; *) continue ;; esac
    run_part "$(basename "$t" .sh)" sh "$t"
done
echo "(full output in $log)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
