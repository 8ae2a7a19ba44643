# lib.sh: helpers for scenario tests (sourced). Each check prints "ok NAME" or
# "not ok NAME"; tests/run.sh counts them. TALKA is the binary under test.
TALKA=${TALKA:-$PWD/build/asan/talka}
export TALKA_LOG=${TALKA_LOG:-warn}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
_failed=0

# A fresh directory with a copy of the shipped config lists and a private database.
# Sets T (the directory) and CONF (its talka.ini).
scratch() {
    T=$(mktemp -d /tmp/talka-test-XXXXXX)
    mkdir -p "$T/config" "$T/var"
    cp config/*.tsv config/*.ini "$T/config/"
    CONF=$T/config/talka.ini
    export TALKA_CONFIG=$CONF
}

ok()     { echo "ok $1"; }
not_ok() { echo "not ok $1"; shift; [ $# -gt 0 ] && echo "    $*"; _failed=1; }

# check NAME COMMAND...: ok when the command succeeds
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "command failed: $*"; fi; }

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got [$2], expected [$3]"; fi
}

# expect_match NAME ACTUAL REGEX (grep -E)
expect_match() {
    if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1" "[$2] does not match /$3/"; fi
}

finish() { [ -n "${T:-}" ] && [ "$_failed" = 0 ] && rm -rf "$T"; exit $_failed; }
