# meta/talka_missing.sh: real scenarios run with TALKA=/nonexistent (a binary
# that is not there: every talka call fails, Python helpers get no daemon).
# Each must fail, and the summary must count at least the checks it planned
# (known misses, which the runner counts apart, included): none may vanish
# (they used to report "0 passed, 0 failed" and exit 0).
. tests/lib.sh
. tests/lib/meta.sh
plan 8
scratch
for s in parse_corpus parse_hostile pipeline_hostile ussd_menu; do
    TALKA=/nonexistent run_runner "$T/$s.out" -d tests/scenario "$s"
    planned=$(sed -n 's/^plan \([0-9]*\)$/\1/p' "$T/$s.out.full" | head -1)
    known=$(sed -n 's/^\([0-9]*\) known misses .*/\1/p' "$T/$s.out" | tail -1)
    counted=$(echo "$SUMMARY" | awk -v k="${known:-0}" '/^[0-9]+ passed, [0-9]+ failed$/ { print $1 + $3 + k }')
    expect_eq "talka missing: $s fails" "$RC" 1
    expect_ge "talka missing: $s counts all ${planned:-?} planned checks" "${counted:-0}" "${planned:-999999}"
done
finish
