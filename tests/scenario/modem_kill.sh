# modem_kill.sh: the acceptance burst (2 000 single + 50 three-part texts) with
# the daemon killed by SIGKILL 5 times at random moments and restarted, while
# half of the texts are still being written into the phone by `talka sim send`.
# The final state must equal that of an uninterrupted run of the same texts:
# nothing lost, nothing stored or answered twice, every planting counted once.
# timeout: 900
. tests/lib.sh
. tests/lib/modem.sh
plan 17

summary() { # the final state, without ids or times
    q "SELECT count(*), sum(state='handled') FROM inbound;
       SELECT count(*), count(DISTINCT inbound_id) FROM outbound WHERE kind='reply';
       SELECT count(*) FROM outbound WHERE state NOT IN ('sent','delivered');
       SELECT coalesce(sum(count),0), count(*) FROM plantings WHERE status='accepted';
       SELECT coalesce(sum(delta),0) FROM points_ledger;
       SELECT coalesce(sum(trees),0) FROM tree_totals;
       SELECT count(*) FROM inbound WHERE meta LIKE '%partial%';
       SELECT group_concat(sender || ':' || CAST(text AS TEXT), '|') FROM
         (SELECT sender, text FROM inbound ORDER BY sender, text)" | md5sum
}

# the reference: one uninterrupted run
scratch
gen_texts "$T/texts.txt" 2000 50 23
"$TALKA" sim send --stdin < "$T/texts.txt"
need_daemon
check "kill: the reference run settles" wait_settled 240
stop_daemon
expect_no_crash "kill: no crash in the reference run's log" "$T/run.log"
ref=$(summary)
ref_inbound=$(q "SELECT count(*) FROM inbound")
expect_eq "kill: reference run stores all 2 050" "$ref_inbound" 2050
texts=$T/texts.txt
rm -rf "$T"

scratch
cp "$texts" "$T/texts.txt" 2>/dev/null || gen_texts "$T/texts.txt" 2000 50 23
head -n 1025 "$T/texts.txt" > "$T/first.txt"
tail -n +1026 "$T/texts.txt" > "$T/second.txt"
"$TALKA" sim send --stdin < "$T/first.txt"
"$TALKA" sim send --stdin < "$T/second.txt" &
simpid=$!
# each daemon is killed at a random moment (0-1.5 s) after it stored its first
# text of this run (start-up under the sanitizers on a loaded machine can take
# longer than any fixed window)
stored_now() { _s=$(q "SELECT count(*) FROM inbound" 2>/dev/null); echo "${_s:-0}"; }
working() { kill -0 "$DPID" 2>/dev/null || return 3; [ "$(stored_now)" -gt "$before" ]; }
kills=0
for k in 1 2 3 4 5; do
    before=$(stored_now)
    TALKA_LOG=warn "$TALKA" run >> "$T/run.log" 2>&1 &
    DPID=$!
    wait_until 120 working
    sleep "$(shuf -i 0-15 -n 1 | sed 's/^\(.*\)\(.\)$/\1.\2/; s/^\./0./')"
    kill_wait "$DPID" && kills=$((kills + 1))
done
wait $simpid
expect_eq "kill: sim send (writing while the kills went on) exits 0" "$?" 0
expect_eq "kill: the daemon was killed 5 times (each died of the SIGKILL)" "$kills" 5
expect_no_crash "kill: no crash or sanitizer report between the kills" "$T/run.log"
stored=$(q "SELECT count(*) FROM inbound")
echo "    after the kills: $stored stored, $(inbox_count) still in the phone"
expect_ge "kill: each killed daemon did work (at least a text stored per run)" "$stored" 5
need_daemon
check "kill: the last run settles" wait_settled 240
expect_eq "kill: the phone's inbox is empty" "$(inbox_count)" 0
expect_eq "kill: every text stored once" "$(q "SELECT count(*) FROM inbound")" 2050
expect_eq "kill: every text handled" "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" 2050
expect_eq "kill: one reply per answerable text" \
    "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind='reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0
expect_eq "kill: points once per planting" "$(q "SELECT count(*) FROM (SELECT planting_id FROM points_ledger WHERE reason='trees' GROUP BY planting_id HAVING count(*) > 1)")" 0
expect_eq "kill: the same final state as the uninterrupted run" "$(summary)" "$ref"
expect_eq "kill: integrity" "$(q "PRAGMA integrity_check")" ok
stop_daemon
expect_eq "kill: clean stop after the restarts" "$DRC" 0
expect_no_crash "kill: no crash or sanitizer report in the last run" "$T/run.log"
finish
