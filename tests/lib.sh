# lib.sh: the helpers every scenario test sources (tests/lib/*.sh add the ones of
# one role: modem, registry, ussd). A scenario prints "plan N" first, then one
# "ok NAME" / "not ok NAME" line per check; tests/run.sh counts them and fails a
# scenario whose count differs from its plan (docs/testing.md).
# TALKA is the binary under test.
TALKA=${TALKA:-$PWD/build/asan/talka}
export TALKA_LOG=${TALKA_LOG:-warn}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
_failed=0

# plan N: how many checks this scenario runs, printed before the first one
plan() { echo "plan $1"; }

# A fresh directory with a copy of the shipped config lists and a private database.
# Sets T (the directory), CONF (its talka.ini) and DB (its database).
scratch() {
    T=$(mktemp -d /tmp/talka-test-XXXXXX)
    mkdir -p "$T/config" "$T/var"
    cp config/*.tsv config/*.ini "$T/config/"
    CONF=$T/config/talka.ini
    DB=$T/var/talka.db
    # tests never bind the shipped default ports: the dashboard's 127.0.0.1:8080 is
    # off here (tests/lib/web.sh puts [web] on a free port where a test wants it)
    sed -i 's/^listen = 127\.0\.0\.1:8080$/;listen = 127.0.0.1:8080/' "$CONF"
    export TALKA_CONFIG=$CONF
}

# free_port VAR: a port of its own for a server the part starts (tests/lib/ports.sh)
. tests/lib/ports.sh

ok()     { echo "ok $1"; }
not_ok() { echo "not ok $1"; shift; [ $# -gt 0 ] && echo "    $*"; _failed=1; }

# bail REASON: a step the checks depend on failed (a daemon did not start, a
# fault could not be armed): stop here; the runner counts every unrun check as
# failed
bail() { echo "Bail out! $*"; _failed=1; finish; }

# check NAME COMMAND...: ok when the command succeeds (its output is not checked)
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "command failed: $*"; fi; }

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got [$2], expected [$3]"; fi
}

# expect_match NAME ACTUAL REGEX (grep -E)
expect_match() {
    if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1" "[$2] does not match /$3/"; fi
}

# expect_ge NAME ACTUAL MIN: a whole number at least MIN
expect_ge() {
    case "$2" in
        ''|*[!0-9]*) not_ok "$1" "got [$2], expected a number >= $3" ;;
        *) if [ "$2" -ge "$3" ]; then ok "$1"; else not_ok "$1" "got [$2], expected >= $3"; fi ;;
    esac
}

# helper NAME COMMAND...: runs a test helper (a Python script printing its own
# ok/not ok lines, which pass through); the check NAME is its exit status
helper() {
    _hname=$1; shift
    "$@"
    _hrc=$?
    if [ "$_hrc" = 0 ]; then ok "$_hname"; else not_ok "$_hname" "helper exited $_hrc: $*"; fi
}

# q SQL: the query's output from the scenario's database ($DB, or $T/var/talka.db),
# waiting up to 5 s for a writer's lock
q() { sqlite3 -cmd ".timeout 5000" "${DB:-$T/var/talka.db}" "$1"; }

# wait_until SECONDS COMMAND...: polls until COMMAND succeeds (status 0) or the
# time is up (status 1); a COMMAND status of 3 means the event can no longer
# come (say, the daemon died) and ends the wait at once (status 1).
# Wait for a positive event, then assert.
wait_until() {
    _wend=$(( $(date +%s) + $1 )); shift
    while :; do
        "$@"
        case $? in 0) return 0 ;; 3) return 1 ;; esac
        [ "$(date +%s)" -le "$_wend" ] || return 1
        sleep 0.1
    done
}

# wait_for SECONDS SQL EXPECTED: polls until the query gives EXPECTED
wait_for() { _wsql=$2; _wwant=$3; wait_until "$1" _q_is; }
_q_is() { [ "$(q "$_wsql" 2>/dev/null)" = "$_wwant" ]; }

# wait_log SECONDS FILE REGEX [COUNT]: until FILE has COUNT (default 1) lines
# matching REGEX (grep -E)
wait_log() { _lfile=$2; _lre=$3; _lcount=${4:-1}; wait_until "$1" _log_has; }
_log_has() { [ "$(grep -Ec -- "$_lre" "$_lfile" 2>/dev/null)" -ge "$_lcount" ]; }

# Lines that a sanitizer, an abort or a crash leaves in a log
CRASH_RE='ERROR: (Address|Leak|Thread|Memory)Sanitizer|runtime error: |^SUMMARY: |AddressSanitizer|Segmentation fault|Assertion .* failed|[Aa]borted|core dumped|stack smashing'

# expect_no_crash NAME FILE...: no sanitizer report or crash line in the files
expect_no_crash() {
    _cname=$1; shift
    if _chit=$(grep -EHn -m3 -- "$CRASH_RE" "$@" 2>/dev/null); then
        not_ok "$_cname" "$(printf '%s' "$_chit" | head -3)"
    else
        ok "$_cname"
    fi
}

# kill_wait PID: SIGKILL and reap PID; status 0 only when it was still running
# and died of that SIGKILL (a process that had exited on its own does not count)
kill_wait() {
    kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    [ $? = 137 ]
}

# at_finish COMMAND: run at finish (and so at bail), e.g. to stop a server
_at_finish=
at_finish() { _at_finish="$_at_finish$1;"; }

# finish: exit 1 when a check failed; the scratch directory stays for a look then
finish() {
    [ -n "$_at_finish" ] && { _f=$_at_finish; _at_finish=; eval "$_f"; }
    release_ports
    [ -n "${T:-}" ] && [ "$_failed" = 0 ] && rm -rf "$T"
    exit $_failed
}
