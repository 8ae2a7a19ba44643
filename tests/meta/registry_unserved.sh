# meta/registry_unserved.sh: registry_faults against a test registry that takes
# every /_control request and then never misbehaves
# (TALKA_TEST_REGISTRY_IGNORE_CONTROL=1). The fault cases must fail on the
# server's own record (no fault served, no Retry-After to wait), not pass as if
# talka had coped with faults that never came.
. tests/lib.sh
. tests/lib/meta.sh
plan 8
scratch
TALKA_TEST_REGISTRY_IGNORE_CONTROL=1 run_runner "$T/faults.out" -d tests/scenario registry_faults
expect_eq "unserved faults: registry_faults fails" "$RC" 1
for c in http500_once_fault_served http429_fault_served http429_retry_after_waited \
         slow_fault_served reset_fault_served lost_fault_served unnamed_fault_served; do
    expect_match "unserved faults: $c fails" "$(cat "$T/faults.out")" "^not ok $c\$"
done
finish
