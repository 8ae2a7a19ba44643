# tests/lib/startup.sh: helpers for scenarios where `talka run` must refuse to
# start (sourced after tests/lib.sh and scratch; the log goes to $T/s.log).

# run_briefly: talka run must exit by itself within 15 s; sets rc (its exit
# status, or "running" when it had to be stopped)
run_briefly() {
    TALKA_LOG=info "$TALKA" run > "$T/s.log" 2>&1 &
    pid=$!
    i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
    if kill -0 $pid 2>/dev/null; then
        kill -TERM $pid; wait $pid; rc=running
    else
        wait $pid; rc=$?
    fi
}

# nothing_started: no modem, modem link or broadcast scheduler started (per $T/s.log)
nothing_started() { ! grep -Eq 'modems started|connected to|broadcast started' "$T/s.log"; }
