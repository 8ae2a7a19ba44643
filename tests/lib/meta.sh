# tests/lib/meta.sh: helpers for tests/meta/*.sh, which break things on purpose
# and expect the runner or a check to say so (sourced after tests/lib.sh).

# run_runner OUTFILE [-d DIR] [PATTERN]: tests/run.sh with its output in
# OUTFILE; sets RC (its exit status) and SUMMARY (its last line). The runner's
# own full-output log is removed.
run_runner() {
    _rout=$1; shift
    sh tests/run.sh "$@" > "$_rout" 2>&1
    RC=$?
    SUMMARY=$(tail -1 "$_rout")
    _rlog=$(sed -n 's/^(full output in \(.*\))$/\1/p' "$_rout")
    [ -n "$_rlog" ] && cp "$_rlog" "$_rout.full" && rm -f "$_rlog"
    return 0
}

# fake NAME: writes $T/fake/NAME.sh from stdin (a scenario made for the runner)
fake() { mkdir -p "$T/fake"; cat > "$T/fake/$1.sh"; }
