# registry_outage.sh: the daemon (`talka run`) through a simulated day-long
# registry outage with 5 000 plantings queued: the clock (TALKA_CLOCK_FILE) moves
# a day forward while nothing listens; after recovery every record reaches the
# registry exactly once and the queue is empty.
. tests/lib.sh
. tests/lib/registry.sh
plan 15
reg_setup
export TALKA_CLOCK_FILE=$T/clock
start=1780000000
reg_clock $start

reg_stop_server                     # the registry is unreachable (connection refused)
reg_fill 5000
expect_eq outage_queued "$(reg_pending)" 5000

"$TALKA" run > "$T/run.log" 2>&1 &
daemon=$!
# the uploader has started trying (a positive event, not a guess of a second)
tried() { [ "$(q "SELECT coalesce(max(attempts), 0) FROM registry_batches" 2>/dev/null)" -ge "$1" ]; }
wait_until 60 tried 1 || bail "the daemon never tried to upload: $(tail -3 "$T/run.log")"
# one simulated day in 15-minute steps (the backoff cap): the uploader keeps trying
now=$start
i=0
while [ $i -lt 96 ]; do
    now=$((now + 900)); reg_clock $now
    sleep 0.1; i=$((i + 1))
done
wait_until 10 tried 20
attempts=$(q "SELECT max(attempts) FROM registry_batches")
expect_ge outage_kept_trying "$attempts" 20
echo "# attempts during the simulated day: $attempts"
expect_eq outage_nothing_lost "$(reg_pending)" 5000
expect_match outage_status_error "$("$TALKA" registry status)" "last error .*no answer"
check outage_daemon_alive kill -0 "$daemon"

reg_start_server                    # the registry is back, on the same port
now=$((now + 900)); reg_clock $now
drained() { [ "$(reg_pending)" = 0 ]; }
wait_until 60 drained
expect_eq recovery_queue_empty "$(reg_pending)" 0
expect_eq recovery_server_unique "$(reg_stat unique)" 5000
expect_eq recovery_server_accepted "$(reg_stat accepted)" 5000
dups=$(reg_stat duplicates)
echo "# duplicates seen by the registry after the outage: $dups"
expect_eq recovery_talka_accepted "$(q "SELECT count(*) FROM registry_records WHERE state IN ('accepted', 'duplicate')")" 5000
expect_eq recovery_no_open_batch "$(q "SELECT count(*) FROM registry_batches WHERE state = 'open'")" 0
expect_eq recovery_no_leaks "$(reg_stat leaks)" 0
expect_eq recovery_no_invalid "$(reg_stat invalid)" 0

kill -TERM "$daemon"; wait "$daemon"; expect_eq daemon_clean_stop $? 0
expect_no_crash outage_no_crash_in_log "$T/run.log" "$T/server.log"
expect_eq lock_released "$(q "SELECT coalesce(holder, '') FROM registry_lock")" ""
reg_finish
