# pipeline_crash.sh: 1 000 texts through the pipeline while the process is killed
# (SIGKILL) at random moments; after restarts every text is handled exactly once
# and every total equals the sum of its plantings. Also: rows a crash left
# unhandled are handled by `talka run` at start.
. tests/lib.sh
plan 17
scratch
python3 - "$T/texts.txt" <<'PY'
import random, sys
random.seed(7)
texts = ["KOKS {n} OZOLS Cesis", "koks {n} bērzi Limbažos", "ДЕРЕВО {n} СОСНЫ Вентспилс",
         "TREE {n} BIRCH Bauska", "koks {n} egles, {n} priedes Saldus", "PUNKTI", "blah {n}",
         "KOKS {n} XYZZY Cesis", "KOKS 700 LIEPAS Ogre", "VĀRDS Anna {n}", "ATCELT", "?"]
with open(sys.argv[1], "w") as f:
    for i in range(1000):
        t = random.choice(texts).format(n=random.randint(1, 50))
        f.write(f"c{i}\t+3712700{i % 100:04d}\t{t}\n")
PY
# Each run is killed at a random point of the first half of the work left to it:
# once the texts stored plus those handled (progress) pass a random mark (the
# second half is room for the kill to land before the run is done). Its input stays open (a FIFO
# whose end is held), so a run cannot finish before the kill; it can only run out
# of work: the last 1000 % 64 = 40 lines wait for a batch that never fills until
# the final run. A kill counts as landing mid-run when the run still had work
# (progress below 2 x 960) and the process died of it. The mark is watched without
# a pause between looks: a run's work takes a few hundred milliseconds.
IDLE=1920
progress() { _p=$(q "SELECT count(*) + coalesce(sum(state='handled'), 0) FROM inbound" 2>/dev/null); echo "${_p:-0}"; }
kills=0; mid=0
for k in $(seq 1 12); do
    before=$(progress)
    [ "$before" -ge $IDLE ] && break
    mark=$(shuf -i "$((before + 1))-$((before + (IDLE - before + 1) / 2))" -n 1)
    rm -f "$T/in"; mkfifo "$T/in"
    "$TALKA" sms --stdin < "$T/in" > /dev/null 2>>"$T/sms.log" &
    pid=$!
    exec 9> "$T/in"
    cat "$T/texts.txt" >&9 &
    _end=$(( $(date +%s) + 30 ))
    while kill -0 "$pid" 2>/dev/null && [ "$(progress)" -lt "$mark" ] && [ "$(date +%s)" -le "$_end" ]; do :; done
    if kill_wait $pid; then
        kills=$((kills + 1))
        [ "$(progress)" -lt $IDLE ] && mid=$((mid + 1))
    fi
    exec 9>&-
    wait
done
echo "    $kills kills ($mid mid-run); before the final run $(q "SELECT count(*) FROM inbound") stored, $(q "SELECT count(*) FROM inbound WHERE state='handled'") handled"
expect_ge "crash: kills landed while texts were still unhandled" "$mid" 2
expect_no_crash "crash: no crash or sanitizer report from the killed runs" "$T/sms.log"
"$TALKA" sms --stdin < "$T/texts.txt" > /dev/null 2>"$T/err.txt"
expect_eq "crash: final run exits 0" "$?" 0
expect_eq "crash: every text stored once" "$(q "SELECT count(*) FROM inbound")" 1000
expect_eq "crash: every text handled" "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" 1000
expect_eq "crash: at most one reply per text" "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind='reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0
expect_eq "crash: every answered outcome has its reply" "$(q "SELECT count(*) FROM inbound i WHERE outcome NOT IN ('flood') AND NOT EXISTS (SELECT 1 FROM outbound o WHERE o.inbound_id=i.id)")" 0
expect_eq "crash: points once per planting" "$(q "SELECT count(*) FROM (SELECT planting_id FROM points_ledger WHERE reason='trees' GROUP BY planting_id HAVING count(*) > 1)")" 0
expect_eq "crash: campaign total = sum of accepted plantings" "$(q "SELECT coalesce((SELECT trees FROM tree_totals WHERE municipality=''),0)")" "$(q "SELECT coalesce(sum(count),0) FROM plantings WHERE status='accepted'")"
expect_eq "crash: every municipality total = its plantings" "$(q "SELECT count(*) FROM tree_totals t WHERE municipality != '' AND trees != (SELECT coalesce(sum(count),0) FROM plantings p WHERE p.municipality=t.municipality AND status='accepted')")" 0
# points: [points] per_tree 10, native_multiplier 2, first_report_bonus 50 (the
# defaults; config/talka.ini sets none); native species from species.tsv
native=$(awk -F'\t' 'NR > 1 && $6 == "yes" { printf "%s'"'"'%s'"'"'", (n++ ? "," : ""), $1 }' config/species.tsv)
# the first-report bonus follows the first accepted report: held while one stands
expect_eq "crash: every volunteer's points = ledger sum of their accepted trees and bonus" "$(q "SELECT count(*) FROM volunteers v WHERE
    (SELECT coalesce(sum(delta),0) FROM points_ledger l WHERE l.volunteer_id=v.id) !=
    (SELECT coalesce(sum(p.count * 10 * CASE WHEN p.species IN ($native) THEN 2 ELSE 1 END),0) FROM plantings p WHERE p.volunteer_id=v.id AND p.status='accepted')
    + 50 * (SELECT count(*) > 0 FROM plantings p WHERE p.volunteer_id=v.id AND p.status='accepted')")" 0
expect_eq "crash: a first-report bonus held at most once each" "$(q "SELECT count(*) FROM (SELECT volunteer_id FROM points_ledger WHERE reason IN ('first_report', 'first_report_withdrawn') GROUP BY volunteer_id HAVING sum(delta) NOT IN (0, 50))")" 0
expect_ge "crash: ... and the points check had volunteers with points to check" "$(q "SELECT count(DISTINCT volunteer_id) FROM points_ledger WHERE reason='trees'")" 10
expect_eq "crash: integrity" "$(q "PRAGMA integrity_check")" ok

# rows left unhandled are handled when the daemon starts
python3 - "$CONF" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'(?ms)^\[(gammu\d*|modem\d*|registry|ussd)\].*?(?=^\[|\Z)', '', s)
open(sys.argv[1], "w").write(s)
PY
q "INSERT INTO inbound (channel, transport, dedupe_key, sender, sender_e164, text, received_at) VALUES ('sms','gammu0','t:x:1','+37127009999','+37127009999',CAST('KOKS 3 OZOLS Cesis' AS BLOB), strftime('%s','now'))"
"$TALKA" run > "$T/run.txt" 2>&1 &
pid=$!
for i in $(seq 1 50); do
    [ "$(q "SELECT state FROM inbound WHERE dedupe_key='t:x:1'")" = handled ] && break
    sleep 0.2
done
kill -TERM $pid; wait $pid
expect_eq "recover: SIGTERM exits 0" "$?" 0
expect_eq "recover: talka run handles a row left unhandled" "$(q "SELECT state||':'||outcome FROM inbound WHERE dedupe_key='t:x:1'")" "handled:planted"
expect_eq "recover: and queues its reply" "$(q "SELECT count(*) FROM outbound WHERE inbound_id=(SELECT id FROM inbound WHERE dedupe_key='t:x:1')")" 1
finish
