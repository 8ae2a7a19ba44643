# registry_sigkill.sh: the daemon is SIGKILLed again and again while it uploads
# (the registry answers slowly, so kills land mid-request, between the answer
# and its commit, and while batches are made). In the end the registry holds
# every record once (its dedupe counts the duplicates it saw: reported below)
# and talka's queue is empty. Each kill must land on a running daemon (it dies
# of the SIGKILL, not of something else), and the log between kills must hold
# no sanitizer report or crash.
. tests/lib.sh
. tests/lib/registry.sh
plan 12
reg_setup "batch_size=40"
N=2000
reg_fill $N
reg_ctl '{"mode": "slow", "delay": 0.15}'

# each daemon is killed at a random moment (0-0.3 s) after it began uploading
# (made or tried a batch: start-up under the sanitizers varies with the load)
work() { q "SELECT count(*) + coalesce(sum(attempts), 0) FROM registry_batches" 2>/dev/null; }
uploading() { kill -0 "$daemon" 2>/dev/null || return 3; [ "$(work)" -gt "$before" ]; }
kills=0
seed=$$
for round in 1 2 3 4 5 6 7 8 9 10; do
    before=$(work)
    "$TALKA" run >> "$T/run.log" 2>&1 &
    daemon=$!
    wait_until 30 uploading
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    sleep "0.$(( seed % 4 ))"
    kill_wait "$daemon" && kills=$((kills + 1))
done
got=$(reg_stat accepted)
echo "# killed $kills times; $got of $N records had reached the registry"
expect_eq sigkill_every_kill_landed "$kills" 10
expect_no_crash sigkill_no_crash_between_kills "$T/run.log"
expect_ge sigkill_uploads_made_progress_between_kills "$got" 1
expect_ge sigkill_some_left_for_the_end "$(reg_pending)" 1

reg_ctl '{"mode": "ok"}'
"$TALKA" run >> "$T/run.log" 2>&1 &
daemon=$!
drained() { [ "$(reg_pending)" = 0 ]; }
wait_until 60 drained
kill -TERM "$daemon"; wait "$daemon"; expect_eq sigkill_final_clean_stop $? 0

expect_eq sigkill_queue_empty "$(reg_pending)" 0
expect_eq sigkill_server_unique "$(reg_stat unique)" $N
expect_eq sigkill_server_accepted_once "$(reg_stat accepted)" $N
echo "# duplicates seen by the registry (resent after a kill): $(reg_stat duplicates); batches resent: $(reg_stat batch_repeats)"
expect_eq sigkill_talka_final "$(q "SELECT count(*) FROM registry_records WHERE state IN ('accepted', 'duplicate')")" $N
expect_eq sigkill_one_record_per_planting "$(q "SELECT count(DISTINCT uuid) FROM registry_records")" $N
expect_eq sigkill_no_open_batch "$(q "SELECT count(*) FROM registry_batches WHERE state = 'open'")" 0
expect_eq sigkill_no_invalid "$(reg_stat invalid)" 0
reg_finish
