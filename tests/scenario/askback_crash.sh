# askback_crash.sh: 150 senders each send a report talka asks back about, then
# JĀ (and some a second JĀ), while the process is killed (SIGKILL) at random
# moments; after restarts every report is registered exactly once, with its
# points once, and no question is left waiting.
. tests/lib.sh
plan 8
scratch
export TALKA_NOW="2026-05-15 10:00:00"
python3 - "$T/texts.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(150):
        n = "+3712800%04d" % i
        f.write("r%d\t%s\tKOKS %d OZOLSSSS Cesis\n" % (i, n, 1 + i % 40))
        f.write("a%d\t%s\tjā\n" % (i, n))
        if i % 3 == 0:
            f.write("b%d\t%s\tJĀ\n" % (i, n))
PY
total=$(wc -l < "$T/texts.txt")
kills=0
for k in $(seq 1 10); do
    "$TALKA" sms --stdin < "$T/texts.txt" > /dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v r="$(shuf -i 0-1500 -n 1)" 'BEGIN { printf "%.3f", 0.2 + r / 1000 }')"
    kill -9 $pid 2>/dev/null && kills=$((kills + 1))
    wait $pid 2>/dev/null
    [ "$(q "SELECT count(*) FROM inbound WHERE state='handled'" 2>/dev/null)" = "$total" ] && break
done
echo "    $kills kills; before the final run $(q "SELECT count(*) FROM inbound WHERE state='handled'" 2>/dev/null) of $total handled"
"$TALKA" sms --stdin < "$T/texts.txt" > /dev/null 2>"$T/err.txt"
expect_eq "askback crash: final run exits 0" "$?" 0
expect_eq "askback crash: every text handled once" "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" "$total"
expect_eq "askback crash: every report registered exactly once" "$(q "SELECT count(*) FROM (SELECT volunteer_id FROM plantings GROUP BY volunteer_id HAVING count(*) = 1)")" 150
expect_eq "askback crash: no extra plantings" "$(q "SELECT count(*) FROM plantings")" 150
expect_eq "askback crash: points once per planting" "$(q "SELECT count(*) FROM (SELECT planting_id FROM points_ledger WHERE reason='trees' GROUP BY planting_id HAVING count(*) > 1)")" 0
expect_eq "askback crash: every question confirmed, none waiting" "$(q "SELECT group_concat(state || '=' || n) FROM (SELECT state, count(*) n FROM awaiting_confirmation GROUP BY state)")" "confirmed=150"
expect_eq "askback crash: the campaign total is the sum of the reports" "$(q "SELECT trees FROM tree_totals WHERE municipality=''")" "$(q "SELECT sum(count) FROM plantings")"
expect_eq "askback crash: second answers found nothing waiting" "$(q "SELECT count(*) FROM inbound WHERE transport_id LIKE 'b%' AND outcome='answer:nothing_waiting'")" 50
finish
