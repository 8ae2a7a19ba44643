# meta/runner.sh: tests/run.sh on scenarios made to misbehave: a helper that
# dies half-way, a plan that is not met or exceeded, no plan, a non-zero exit
# without a failed check, a Python traceback, a bail-out, a sanitizer report, a
# daemon that ignores SIGTERM past the timeout, a known miss counted as a pass,
# and a pattern that matches nothing. Each must fail (exit 1, or 2 for the pattern) with the summary
# counting every planned check; a well-behaved one must pass.
. tests/lib.sh
. tests/lib/meta.sh
plan 30
scratch

fake good <<'SH'
. tests/lib.sh
plan 2
ok one
ok two
finish
SH
run_runner "$T/good.out" -d "$T/fake" good
expect_eq "runner: a scenario that keeps its plan passes" "$RC:$SUMMARY" "0:2 passed, 0 failed"

fake known <<'SH'
. tests/lib.sh
plan 3
ok one
ok "corpus_line_9 - some text # known-miss: why"
ok two
finish
SH
run_runner "$T/known.out" -d "$T/fake" known
expect_eq "runner: a known miss keeps the plan but is never counted as passed" "$RC:$SUMMARY" "0:2 passed, 0 failed"
expect_match "runner: ... it is listed and counted apart" "$(cat "$T/known.out")" "^1 known misses"

fake helper_dies <<'SH'
. tests/lib.sh
plan 5
ok before_the_helper
python3 - <<'PY'
print("ok helper_first")
raise SystemExit(3)
PY
SH
run_runner "$T/dies.out" -d "$T/fake" helper_dies
expect_eq "runner: a helper dying half-way fails, its unrun checks counted" "$RC:$SUMMARY" "1:2 passed, 4 failed"
expect_match "runner: ... saying how many ran" "$(cat "$T/dies.out")" "helper_dies: 5 checks planned, 2 ran"

fake raises <<'SH'
. tests/lib.sh
plan 2
python3 -c 'print("ok from_python"); import sys; sys.stdout.flush(); 1/0'
ok after
finish
SH
run_runner "$T/raises.out" -d "$T/fake" raises
expect_eq "runner: a Python traceback fails the scenario" "$RC:$SUMMARY" "1:2 passed, 1 failed"
expect_match "runner: ... saying so" "$(cat "$T/raises.out")" "raises: a Python helper raised"

fake extra <<'SH'
. tests/lib.sh
plan 1
ok one
ok two
finish
SH
run_runner "$T/extra.out" -d "$T/fake" extra
expect_eq "runner: more checks than planned fails" "$RC:$SUMMARY" "1:2 passed, 1 failed"

fake noplan <<'SH'
. tests/lib.sh
ok one
finish
SH
run_runner "$T/noplan.out" -d "$T/fake" noplan
expect_eq "runner: a scenario without a plan fails" "$RC:$SUMMARY" "1:1 passed, 1 failed"

fake twoplans <<'SH'
. tests/lib.sh
plan 1
plan 1
ok one
finish
SH
run_runner "$T/twoplans.out" -d "$T/fake" twoplans
expect_eq "runner: two plan lines fail" "$RC:$SUMMARY" "1:1 passed, 1 failed"

fake exit3 <<'SH'
. tests/lib.sh
plan 1
ok one
exit 3
SH
run_runner "$T/exit3.out" -d "$T/fake" exit3
expect_eq "runner: a non-zero exit without a failed check fails" "$RC:$SUMMARY" "1:1 passed, 1 failed"

fake bails <<'SH'
. tests/lib.sh
plan 4
ok one
bail "the daemon did not start"
ok never
SH
run_runner "$T/bails.out" -d "$T/fake" bails
expect_eq "runner: a bail-out fails, the unrun checks counted" "$RC:$SUMMARY" "1:1 passed, 4 failed"
expect_match "runner: ... with the reason" "$(cat "$T/bails.out")" "Bail out! the daemon did not start"

fake sanitizer <<'SH'
. tests/lib.sh
plan 1
echo "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1"
ok one
finish
SH
run_runner "$T/san.out" -d "$T/fake" sanitizer
expect_eq "runner: a sanitizer report in the output fails" "$RC:$SUMMARY" "1:1 passed, 1 failed"

fake notok <<'SH'
. tests/lib.sh
plan 2
not_ok one "on purpose"
ok two
finish
SH
run_runner "$T/notok.out" -d "$T/fake" notok
expect_eq "runner: a failed check is counted once" "$RC:$SUMMARY" "1:1 passed, 1 failed"

# a daemon that ignores SIGTERM, and a scenario that hangs waiting for it
fake hangs <<'SH'
# timeout: 2
. tests/lib.sh
plan 2
ok started
sh -c 'trap "" TERM; echo $$ > "$HANG_PIDFILE"; while :; do sleep 1; done' &
sleep 120
ok never
SH
t0=$(date +%s)
HANG_PIDFILE=$T/hang.pid run_runner "$T/hangs.out" -d "$T/fake" hangs
t1=$(date +%s)
expect_eq "runner: a scenario past its timeout fails, its unrun check counted" "$RC:$SUMMARY" "1:1 passed, 2 failed"
expect_match "runner: ... saying it timed out" "$(cat "$T/hangs.out")" "hangs: timed out after 2 s"
expect_match "runner: ... within the timeout and the kill grace" "$((t1 - t0))" '^([0-9]|1[0-9])$'
hpid=$(cat "$T/hang.pid" 2>/dev/null)
expect_match "runner: the SIGTERM-ignoring child wrote its pid" "$hpid" '^[0-9]+$'
gone() { ! kill -0 "$hpid" 2>/dev/null; }
check "runner: ... and was killed with the process group" wait_until 5 gone

expect_eq "runner: the default timeout is generous" "$(TEST_TIMEOUT= sh -c 'sed -n "s/.*TEST_TIMEOUT:-\([0-9]*\).*/\1/p" tests/run.sh' | head -1)" 600

# PATTERN that matches nothing
run_runner "$T/nomatch.out" no-such-scenario-xyz
expect_eq "runner: a pattern matching nothing is a usage error (exit 2)" "$RC" 2
expect_match "runner: ... saying so" "$(cat "$T/nomatch.out")" 'no test matches "no-such-scenario-xyz"'
run_runner "$T/badopt.out" --frobnicate
expect_eq "runner: an unknown option is a usage error" "$RC" 2

# parts run at once (-j), each with ports of its own: each of two parts waits for
# the other to have started, which only parts running side by side can do
mkdir -p "$T/par"
for me in left right; do
    other=right; [ $me = right ] && other=left
    cat > "$T/par/$me.sh" <<SH
. tests/lib.sh
plan 1
free_port P1; free_port P2
echo "\$P1 \$P2" > "$T/par/$me.ports"
touch "$T/par/$me.started"
if wait_until 20 test -e "$T/par/$other.started"; then ok "$me saw $other"; else not_ok "$me saw $other"; fi
finish
SH
done
run_runner "$T/par.out" -j 2 -d "$T/par"
expect_eq "runner: -j 2 runs two parts side by side" "$RC:$SUMMARY" "0:2 passed, 0 failed"
ports=$(cat "$T/par/left.ports" "$T/par/right.ports" 2>/dev/null | tr ' ' '\n' | sort -u | grep -c .)
expect_eq "runner: ... each handed ports no other part is handed" "$ports" 4
rm -f "$T/par"/*.started
sed -i 's/wait_until 20/wait_until 1/' "$T/par/left.sh" "$T/par/right.sh"
run_runner "$T/par1.out" -j 1 -d "$T/par"
expect_eq "runner: ... which -j 1 does not (one at a time)" "$RC" 1
run_runner "$T/badj.out" -j 0 -d "$T/par"
expect_eq "runner: -j 0 is a usage error" "$RC" 2

# several parts: the totals add up and one failure fails the run
run_runner "$T/all.out" -d "$T/fake"
expect_eq "runner: every part counted in one summary (known misses apart)" "$SUMMARY" "17 passed, 17 failed"
expect_eq "runner: ... and the run fails" "$RC" 1
finish
