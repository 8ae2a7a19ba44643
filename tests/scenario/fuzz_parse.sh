#!/bin/sh
# fuzz_parse.sh: a short deterministic libFuzzer run of the parser (fixed seed and
# run count over tests/fuzz/seeds) with ASan+UBSan: no crash, no leak, no report.
# The long run is `make fuzz`.
. tests/lib.sh
plan 1
F=build/fuzz/fuzz-parse
if [ ! -x "$F" ]; then
    not_ok fuzz_parse_built "$F missing (make build/fuzz/fuzz-parse)"
    finish
fi
T=$(mktemp -d /tmp/talka-fuzz-XXXXXX)
cp tests/fuzz/seeds/* "$T/"
# a crashing input is written to $T (kept when the check fails), not to the checkout
if "$F" -seed=1 -runs=20000 -max_len=2048 -dict=tests/fuzz/parse.dict -artifact_prefix="$T/" "$T" \
        > "$T/log" 2>&1; then
    ok fuzz_parse_short_run
else
    not_ok fuzz_parse_short_run "$(tail -n 20 "$T/log")"
fi
finish
