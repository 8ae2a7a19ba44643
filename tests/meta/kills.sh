# meta/kills.sh: the helpers the kill tests rely on, given what they must catch:
# kill_wait counts only a kill that landed on a running process (not one that had
# exited on its own), and
# expect_no_crash finds sanitizer reports and crashes in a daemon's log.
. tests/lib.sh
plan 6
scratch
sleep 30 &
pid=$!
kill_wait "$pid"
expect_eq "kill_wait: a running process killed counts" "$?" 0
sh -c 'exit 0' &
pid=$!
sleep 0.3                       # it has exited
kill_wait "$pid"
expect_eq "kill_wait: a process that had exited does not count" "$?" 1

printf '2026-05-16T09:00:00Z info: gammu0: connected to x\n' > "$T/clean.log"
expect_eq "expect_no_crash: a clean log passes" "$(expect_no_crash x "$T/clean.log")" "ok x"
# (the check names do not hold the report lines: the runner scans output for them)
for kind in asan ubsan lsan; do
    case $kind in
        asan)  line="==4711==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010" ;;
        ubsan) line="gateway/pipeline.c:120:9: runtime error: signed integer overflow" ;;
        lsan)  line="==4711==ERROR: LeakSanitizer: detected memory leaks" ;;
    esac
    { cat "$T/clean.log"; echo "$line"; } > "$T/crash.log"
    expect_match "expect_no_crash: catches a $kind report" "$(expect_no_crash x "$T/clean.log" "$T/crash.log" | head -1)" "^not ok x$"
done
finish
