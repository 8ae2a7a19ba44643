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
# Each run is killed at a random moment after it has begun work (stored or
# handled a text: start-up under the sanitizers takes a while); a kill counts
# when the process died of it (not when it had finished) and texts were left
# unhandled.
progress() { _p=$(q "SELECT count(*) + coalesce(sum(state='handled'), 0) FROM inbound" 2>/dev/null); echo "${_p:-0}"; }
working() { kill -0 "$pid" 2>/dev/null || return 3; [ "$(progress)" -gt "$before" ]; }
kills=0; mid=0
for k in $(seq 1 12); do
    before=$(progress)
    "$TALKA" sms --stdin < "$T/texts.txt" > /dev/null 2>>"$T/sms.log" &
    pid=$!
    wait_until 30 working
    sleep "$(awk -v r="$(shuf -i 0-300 -n 1)" 'BEGIN { printf "%.3f", r / 1000 }')"
    if kill_wait $pid; then
        kills=$((kills + 1))
        [ "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" != 1000 ] && mid=$((mid + 1))
    fi
    [ "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" = 1000 ] && break
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
expect_eq "crash: every volunteer's points = ledger sum of their accepted trees and bonus" "$(q "SELECT count(*) FROM volunteers v WHERE
    (SELECT coalesce(sum(delta),0) FROM points_ledger l WHERE l.volunteer_id=v.id) !=
    (SELECT coalesce(sum(p.count * 10 * CASE WHEN p.species IN ($native) THEN 2 ELSE 1 END),0) FROM plantings p WHERE p.volunteer_id=v.id AND p.status='accepted')
    + 50 * (SELECT count(*) > 0 FROM points_ledger l WHERE l.volunteer_id=v.id AND reason='trees')")" 0
expect_eq "crash: a first-report bonus at most once each" "$(q "SELECT count(*) FROM (SELECT volunteer_id FROM points_ledger WHERE reason='first_report' GROUP BY volunteer_id HAVING count(*) > 1)")" 0
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
