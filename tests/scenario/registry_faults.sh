# registry_faults.sh: `talka registry flush` against a real HTTP server on
# 127.0.0.1 in each fault mode (500, 429/503 with Retry-After, slow answers beyond
# the timeout, reset mid-body, lost answers, 401, partial rejects, duplicates),
# plus configuration refusals, approval/cancel records and the upload lock. Each
# fault case checks the server's own record that the fault was served (its
# faults/requests counters) and, for Retry-After, how long talka waited.
. tests/lib.sh
. tests/lib/registry.sh
plan 80
reg_setup

out=$("$TALKA" registry --help); expect_eq registry_help_exit $? 0
expect_match registry_help_text "$out" "flush"
"$TALKA" registry frobnicate > /dev/null 2>&1; expect_eq registry_bad_action_exit $? 2

# --- a secret that cannot be used is exit 1 (a problem met while acting, the
# one rule of docs/talka.md), with a clear message
chmod 640 "$T/token"
err=$("$TALKA" registry flush 2>&1); rc=$?
expect_eq config_group_readable_token_exit "$rc" 1
expect_match config_group_readable_token_msg "$err" "readable by group or others"
chmod 600 "$T/token"
chmod 604 "$T/secret"
"$TALKA" registry flush > /dev/null 2>&1; expect_eq config_world_readable_secret_exit $? 1
chmod 600 "$T/secret"
cp "$CONF" "$T/good.ini"
sed -i "s|^url = .*|url = http://registry.example.lv/v1|" "$CONF"
err=$("$TALKA" registry flush 2>&1); rc=$?
expect_eq config_plain_http_remote_exit "$rc" 2
expect_match config_plain_http_remote_msg "$err" "only https"
cp "$T/good.ini" "$CONF"

# --- nothing waiting
"$TALKA" registry flush > /dev/null; expect_eq flush_empty_exit $? 0

# --- plain delivery
reg_fill 30
"$TALKA" registry flush > "$T/out" 2>&1; expect_eq flush_ok_exit $? 0
expect_eq flush_ok_server_accepted "$(reg_stat accepted)" 30
expect_eq flush_ok_queue_empty "$(reg_pending)" 0

# --- 500 once: retried within the run
reg_fill 10
reg_mark
reg_ctl '{"mode": "500", "count": 1}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq http500_once_exit $? 0
expect_eq http500_once_accepted "$(reg_stat accepted)" 40
expect_eq http500_once_fault_served "$(reg_delta faults)" 1
expect_eq http500_once_then_retried "$(reg_delta requests)" 2

# --- 500 for good: exit 1, queue kept, status shows the error
reg_fill 10
reg_mark
reg_ctl '{"mode": "500"}'
"$TALKA" registry flush --tries 2 > /dev/null 2>&1; expect_eq http500_always_exit $? 1
expect_eq http500_always_two_faults "$(reg_delta faults):$(reg_delta requests)" 2:2
expect_eq http500_always_queue_kept "$(reg_pending)" 10
st=$("$TALKA" registry status)
expect_match http500_status_error "$st" "last error .*HTTP 500"
expect_match http500_status_depth "$st" "queue +10 records"
reg_ctl '{"mode": "ok"}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq http500_recovered_exit $? 0
expect_eq http500_recovered_accepted "$(reg_stat accepted)" 50

# --- 429 and 503 honour Retry-After (the server's log: the gap between the
# answer and the next request, in tenths of a second, is at least 1 s)
reg_fill 10
reg_mark
reg_ctl '{"mode": "429", "count": 1, "retry_after": "1"}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq http429_exit $? 0
expect_eq http429_fault_served "$(reg_delta faults):$(reg_delta requests)" 1:2
expect_match http429_retry_after_waited "$(reg_waits)" '^(1[0-9]|[2-9][0-9])$'
reg_fill 10
reg_mark
reg_ctl '{"mode": "503", "count": 2, "retry_after": "1"}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq http503_exit $? 0
expect_eq http503_faults_served "$(reg_delta faults):$(reg_delta requests)" 2:3
expect_match http503_retry_after_waited_twice "$(reg_waits)" '^(1[0-9]|[2-9][0-9]) (1[0-9]|[2-9][0-9])$'
expect_eq http429_503_accepted "$(reg_stat accepted)" 70
# a Retry-After longer than flush may wait: exit 1 at once, and the batch keeps the date
reg_fill 5
reg_mark
reg_ctl '{"mode": "429", "retry_after": "600"}'
export TALKA_NOW=1780000000
"$TALKA" registry flush > /dev/null 2>&1; expect_eq retry_after_long_exit $? 1
unset TALKA_NOW
expect_eq retry_after_long_one_fault "$(reg_delta faults):$(reg_delta requests)" 1:1
expect_eq retry_after_long_next_try "$(q "SELECT next_try_at FROM registry_batches WHERE state = 'open'")" 1780000600
reg_ctl '{"mode": "ok"}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq retry_after_long_then_ok $? 0

# --- an answer slower than the timeout (3 s): the server took the batch, talka
# did not hear it, resends the same batch: the server counts duplicates, not twice
reg_fill 10
reg_mark
reg_ctl '{"mode": "slow", "count": 1, "delay": 5}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq slow_exit $? 0
# the slow request finishes on the server after talka gave up on it: wait for that
check slow_request_finished_on_server wait_until 15 reg_idle
expect_eq slow_fault_served "$(reg_delta faults):$(reg_delta requests)" 1:2
expect_eq slow_accepted_once "$(reg_stat accepted)" 85
expect_eq slow_duplicates_seen "$(reg_delta duplicates)" 10
expect_eq slow_same_batch_resent "$(reg_stat batch_repeats)" 1

# --- connection reset mid-body
reg_fill 10
reg_mark
reg_ctl '{"mode": "reset", "count": 1}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq reset_exit $? 0
expect_eq reset_fault_served "$(reg_delta faults):$(reg_delta requests)" 1:2
expect_eq reset_accepted "$(reg_stat accepted)" 95

# --- the answer lost after the registry took the batch (duplicates)
reg_fill 10
tdup0=$(q "SELECT count(*) FROM registry_records WHERE state = 'duplicate'")
reg_mark
reg_ctl '{"mode": "lost", "count": 1}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq lost_exit $? 0
expect_eq lost_fault_served "$(reg_delta faults):$(reg_delta requests)" 1:2
expect_eq lost_server_saw_duplicates "$(reg_delta duplicates)" 10
expect_eq lost_accepted_once "$(reg_stat accepted)" 105
expect_eq lost_talka_saw_duplicates "$(( $(q "SELECT count(*) FROM registry_records WHERE state = 'duplicate'") - tdup0 ))" 10

# --- a 2xx naming only some records: the rest stay queued until named
reg_fill 10
reg_mark
reg_ctl '{"mode": "unnamed", "count": 1}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq unnamed_exit $? 0
expect_eq unnamed_fault_served "$(reg_delta faults)" 1
expect_ge unnamed_resent_for_the_rest "$(reg_delta requests)" 2
expect_eq unnamed_accepted "$(reg_stat accepted)" 115
expect_eq unnamed_queue_empty "$(reg_pending)" 0

# --- partial rejects: final, counted, listed by status
reg_mark
reg_ctl '{"reject_count": 7}'
reg_fill 60
"$TALKA" registry flush > /dev/null 2>&1; expect_eq reject_exit $? 0
rej=$(q "SELECT count(*) FROM registry_records WHERE state = 'rejected'")
expect_eq reject_count_matches_server "$rej" "$(reg_stat rejected)"
expect_ge reject_some "$(reg_delta rejected)" 1
st=$("$TALKA" registry status)
expect_match reject_status_lists "$st" "needs a photo"
reg_ctl '{"reject_count": null}'

# --- 401: stop, say so loudly, keep the queue; the token never shows
reg_fill 10
reg_mark
reg_ctl '{"mode": "401"}'
"$TALKA" registry flush > "$T/out401" 2>&1; expect_eq http401_exit $? 1
expect_eq http401_requests "$(reg_delta requests)" 1
expect_match http401_message "$(cat "$T/out401")" "refused our token"
expect_eq http401_queue_kept "$(reg_pending)" 10
expect_eq http401_one_try "$(reg_stat unauthorized)" 1
expect_match http401_status "$("$TALKA" registry status)" "STOPPED"
reg_ctl '{"mode": "ok"}'
"$TALKA" registry flush > /dev/null 2>&1; expect_eq http401_fixed_exit $? 0
check no_token_in_output sh -c "! grep -rqF '$(cat "$T/token")' '$T/out' '$T/out401'"
"$TALKA" registry status > "$T/st" 2>&1
check no_token_in_status sh -c "! grep -qF '$(cat "$T/token")' '$T/st'"
check no_secret_in_status sh -c "! grep -qF '$(cat "$T/secret")' '$T/st'"

# --- pending review: queued only when approved
reg_fill 3 pending_review
expect_eq review_not_queued "$(reg_pending)" 0
q "UPDATE plantings SET status = 'accepted' WHERE status = 'pending_review'"
expect_eq review_approved_queued "$(reg_pending)" 3
"$TALKA" registry flush > /dev/null 2>&1; expect_eq review_sent $? 0

# --- cancellation: a later cancel record with the upsert's pseudonym; an erased
# volunteer's cancel still carries the pseudonym of the upsert
one=$(q "SELECT uuid FROM plantings WHERE status = 'accepted' ORDER BY id LIMIT 1")
q "UPDATE volunteers SET number = 'erased:abc' WHERE id = (SELECT volunteer_id FROM plantings WHERE uuid = '$one')"
q "UPDATE plantings SET status = 'cancelled' WHERE uuid = '$one'"
expect_eq cancel_queued "$(q "SELECT op FROM registry_records WHERE uuid = '$one' AND batch_id IS NULL")" cancel
"$TALKA" registry flush > /dev/null 2>&1; expect_eq cancel_sent $? 0
expect_eq cancel_server "$(reg_stat cancels)" 1
expect_eq cancel_same_pseudonym "$(q "SELECT count(DISTINCT pseudonym) FROM registry_records WHERE uuid = '$one'")" 1
# cancelled before it ever left: nothing at all goes to the registry
reg_fill 1
two=$(q "SELECT uuid FROM plantings ORDER BY id DESC LIMIT 1")
q "UPDATE plantings SET status = 'cancelled' WHERE uuid = '$two'"
expect_eq cancel_unsent_withdrawn "$(q "SELECT count(*) FROM registry_records WHERE uuid = '$two'")" 0

# --- the lock: a live holder blocks flush, a dead one does not
sleep 30 & holder=$!
reg_fill 5
q "UPDATE registry_lock SET holder = 'h:$holder:daemon', host = '$(hostname)', pid = $holder, expires_at = 0"
err=$("$TALKA" registry flush --lock-wait 1 2>&1); rc=$?
expect_eq lock_held_exit "$rc" 1
expect_match lock_held_msg "$err" "another uploader"
kill "$holder"; wait "$holder" 2>/dev/null
"$TALKA" registry flush > /dev/null 2>&1; expect_eq lock_dead_holder_taken $? 0

# --- the registry saw no phone number and no malformed batch
expect_eq no_phone_numbers_sent "$(reg_stat leaks)" 0
expect_eq no_invalid_batches "$(reg_stat invalid)" 0
reg_finish
