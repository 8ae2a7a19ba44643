#!/bin/sh
# soak.sh (`make soak`, not part of `make test`): a compressed day on the release binary.
# SOAK_TEXTS texts (default 200 000), half into the simulated modem (gammu's dummy driver,
# fed in chunks as the phone empties) and half through a real Kannel (fakesmsc at
# SOAK_KANNEL_RATE texts/s), while USSD handsets walk the menu and a coordinator reads the
# dashboard; talka is killed (SIGKILL) and restarted three times, at a quarter, half and three
# quarters of the texts stored. Then it checks and prints:
#   - no text lost (every text stored), none stored twice, no planting or point counted twice;
#   - replies that went out twice after a kill (docs/modem.md: a reply being handed over when
#     the daemon dies is handed over again), counted, not failed;
#   - RSS flat: the last daemon's RSS at the end within 10 % of its RSS after warm-up;
#   - reply latency (Kannel texts: received -> reply handed to Kannel) p99 per quarter of the run;
#   - the WAL checkpointed: its largest size seen, and its size at the end;
#   - the database's growth per text.
# Exit 1 when a text was lost or counted twice, RSS grew, the WAL grew past 64 MB or the work
# did not finish within SOAK_MINUTES (default 60). Its figures: docs/soak.md.
cd "$(dirname "$0")/.." || exit 2
TALKA=${TALKA:-$PWD/build/talka}
N=${SOAK_TEXTS:-200000}
RATE=${SOAK_KANNEL_RATE:-300}
MINUTES=${SOAK_MINUTES:-60}
. tests/lib.sh
. tests/lib/modem.sh
. tests/lib/kannel.sh
scratch
NM=$((N / 2)); NK=$((N - NM))
echo "soak: working in $T (kept when something fails)"
now() { date +%s; }
log() { echo "soak: $*"; }

# the config: the simulated modem, a Kannel link, the USSD endpoint and the dashboard
KEEP_MODEM=1 kannel_setup 0 10 1
free_port UPORT; free_port WPORT
USECRET=soak-ussd-secret-$$-$UPORT
(umask 077; printf '%s\n' "$USECRET" > "$T/config/ussd.secret")
awk '/^\[/ { skip = ($0 ~ /^\[(ussd|web|flood)\]/) } !skip' "$CONF" > "$T/conf.tmp" && mv "$T/conf.tmp" "$CONF"
printf '\n[ussd]\nlisten = 127.0.0.1:%s\nsecret_file = ussd.secret\nsms_number = +37129990000\n' "$UPORT" >> "$CONF"
printf '\n[web]\nlisten = 127.0.0.1:%s\n' "$WPORT" >> "$CONF"
printf '\n[flood]\ntexts_per_hour = 1000\nreplies_per_hour = 1000\n' >> "$CONF"
"$TALKA" config check > "$T/check.out" 2>&1 || { cat "$T/check.out"; exit 1; }
printf 'soak-pass-%s\n' "$$" | "$TALKA" web user add soak --role coordinator --password-stdin > /dev/null ||
    { log "could not add the dashboard account"; exit 1; }

# the texts: each from a number of its own, so that one stored twice shows (sender, text)
/usr/bin/python3 - "$T/modem.txt" "$NM" "$T/kannel.txt" "$NK" <<'PY'
import random, sys
random.seed(7)
forms = ["KOKS {n} OZOLS Cesis", "koks {n} bērzi Limbažos", "ДЕРЕВО {n} СОСНЫ Вентспилс",
         "TREE {n} BIRCH Bauska", "PUNKTI", "blah {n}", "koks {n} egles, {n} priedes Saldus",
         "Iestādījām {n} liepas Ogrē", "посадили {n} дубов в Риге"]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write("+3712%07d\t%s\n" % (1000000 + i, random.choice(forms).format(n=random.randint(1, 40))))
with open(sys.argv[3], "w") as f:      # fakesmsc lines: SENDER RECEIVER text DATA
    for i in range(int(sys.argv[4])):
        f.write("+3712%07d 1345 text %s\n" % (3000000 + i, random.choice(forms).format(n=random.randint(1, 40))))
PY
NKTEXTS=$NK
split -l 5000 -d -a 3 "$T/modem.txt" "$T/chunk."

bb_start && sb_start || { log "Kannel did not start"; exit 1; }
trap 'kill $PACEPID $USSDPID $WEBPID 2>/dev/null; [ -n "$DPID" ] && kill -KILL $DPID 2>/dev/null; kannel_cleanup' EXIT
talka_start || { log "talka did not start: $(tail -3 "$T/run.log")"; exit 1; }
fake_start || { log "fakesmsc did not connect"; exit 1; }
fake_pace "$T/kannel.txt" "$RATE"

# the readers, in loops until the end (their failures while talka is down are expected)
[ -n "${SOAK_NO_USSD:-}" ] || ( while :; do /usr/bin/python3 tests/lib/ussd_load.py "$UPORT" "$USECRET" 10 > "$T/ussd.last" 2>&1 || { echo x >> "$T/ussd.errors"; tail -3 "$T/ussd.last" >> "$T/ussd.log"; }
             echo x >> "$T/ussd.rounds"; done ) &
USSDPID=$!
[ -n "${SOAK_NO_WEB:-}" ] || ( while :; do /usr/bin/python3 tests/lib/web_bench.py "http://127.0.0.1:$WPORT" soak "soak-pass-$$" 5 / /moderation > "$T/web.last" 2>&1 || { echo x >> "$T/web.errors"; tail -3 "$T/web.last" >> "$T/web.log"; }
             echo x >> "$T/web.rounds"; done ) &
WEBPID=$!

t0=$(now); kills=0; next_chunk=0; chunks=$(ls "$T"/chunk.* | wc -l)
: > "$T/rss"; walmax=0; last=0; warm=; restart_at=$t0
filled() { grep -c "page caches have filled" "$T/run.log"; }
filled_before=0; at_restart=0; warm_n=
stored() { q "SELECT count(*) FROM inbound WHERE channel = 'sms'"; }   # USSD walks store theirs too
while :; do
    s=$(stored)
    # feed the phone as it empties
    if [ "$next_chunk" -lt "$chunks" ] && [ "$(inbox_count)" -lt 2000 ]; then
        "$TALKA" sim send --stdin < "$(ls "$T"/chunk.* | sed -n "$((next_chunk + 1))p")" || { log "sim send failed"; exit 1; }
        next_chunk=$((next_chunk + 1))
    fi
    # kill and restart at a quarter, half and three quarters
    if [ "$kills" -lt 3 ] && [ "$s" -ge $(( (kills + 1) * N / 4 )) ]; then
        kill -KILL "$DPID"; wait "$DPID" 2>/dev/null
        kills=$((kills + 1))
        log "killed talka (SIGKILL) with $s texts stored; restarting ($kills of 3)"
        talka_start || { log "talka did not restart: $(tail -3 "$T/run.log")"; exit 1; }
        restart_at=$(now); : > "$T/rss"; warm=; filled_before=$(filled); at_restart=$s; warm_n=
    fi
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$DPID/status" 2>/dev/null)
    # warm: the daemon said its SQLite page caches have filled (db/page_cache.c)
    [ -z "$warm" ] && [ "$(filled)" -gt "$filled_before" ] && warm=$(( $(now) - restart_at ))
    # and it has handled a twentieth of the texts since it started (its threads
    # have each been through their work; the database has grown into the size
    # its caches see)
    [ -z "$warm_n" ] && [ "$s" -ge $((at_restart + N / 20)) ] && warm_n=$(( $(now) - restart_at ))
    [ -n "$rss" ] && echo "$(( $(now) - restart_at )) $rss" >> "$T/rss"
    wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
    [ "$wal" -gt "$walmax" ] && walmax=$wal
    if [ $(( $(now) - last )) -ge 15 ]; then
        last=$(now)
        log "$(( $(now) - t0 )) s: $s of $((NM + NKTEXTS)) texts stored, RSS $((${rss:-0} / 1024)) MB, WAL $((wal / 1048576)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
    fi
    if [ "$s" -ge $((NM + NKTEXTS)) ] && [ "$(inbox_count)" = 0 ] && [ "$(q "$settled_sql")" = 0 ]; then
        break
    fi
    if [ $(( $(now) - t0 )) -gt $((MINUTES * 60)) ]; then
        log "did not finish within $MINUTES minutes: $s of $((NM + NKTEXTS)) stored"; exit 1
    fi
    sleep 1
done
t1=$(now)
kill $USSDPID $WEBPID 2>/dev/null
fake_tick
status=0
bad() { log "FAILED: $*"; status=1; }

# lost, twice, counted twice
total=$(stored); want=$((NM + NKTEXTS))
[ "$total" = "$want" ] || bad "$total texts stored, $want sent"
twice=$(q "SELECT count(*) FROM (SELECT sender, text FROM inbound WHERE channel = 'sms' GROUP BY sender, text HAVING count(*) > 1)")
[ "$twice" = 0 ] || bad "$twice texts stored twice"
unhandled=$(q "SELECT count(*) FROM inbound WHERE state <> 'handled'")
[ "$unhandled" = 0 ] || bad "$unhandled texts never handled"
pl_twice=$(q "SELECT count(*) FROM (SELECT inbound_id, item_no FROM plantings GROUP BY 1, 2 HAVING count(*) > 1)")
pt_twice=$(q "SELECT count(*) FROM (SELECT planting_id FROM points_ledger WHERE planting_id IS NOT NULL AND reason = 'trees' GROUP BY 1 HAVING count(*) > 1)")
[ "$pl_twice:$pt_twice" = "0:0" ] || bad "$pl_twice plantings and $pt_twice points counted twice"
# replies handed over twice: Kannel's SMSC (fakesmsc) against the rows sent; the dummy modem
# keeps no outbox, so there the rows handed over more than once (attempts > 1)
k_rows=$(q "SELECT count(*) FROM outbound WHERE transport LIKE 'kannel%' AND state IN ('sent', 'delivered')")
_end=$(( $(now) + 60 )); k_seen=-1
while [ "$(now)" -le "$_end" ]; do      # fakesmsc reads what bearerbox sent when it wakes
    fake_tick; sleep 1; _k=$(fake_count)
    [ "$_k" = "$k_seen" ] && [ "$_k" -ge "$k_rows" ] && break
    k_seen=$_k
done
m_again=$(q "SELECT count(*) FROM outbound WHERE transport LIKE 'gammu%' AND attempts > 1")
m_rows=$(q "SELECT count(*) FROM outbound WHERE transport LIKE 'gammu%' AND state IN ('sent', 'delivered')")
echo "soak_texts: $total stored of $want sent ($NM into the modem, $NKTEXTS through Kannel), $twice twice, $unhandled unhandled, $((t1 - t0)) s, 3 kills"
echo "soak_counted_twice: $pl_twice plantings, $pt_twice point entries"
k_again=$(q "SELECT count(*) FROM outbound WHERE transport LIKE 'kannel%' AND attempts > 1")
echo "soak_replies_again: Kannel $((k_seen - k_rows)) (fakesmsc got $k_seen for $k_rows replies sent; $k_again rows handed over more than once), modem $m_again of $m_rows replies handed over more than once"
# RSS of the last daemon after warm-up against the end. Warm-up lasts until the
# latest of: a minute; a twentieth of the texts handled since the restart; and
# SQLite's page caches filled to their bound (the daemon logs it once, if it
# happens: each write elsewhere empties a connection's cache, so under steady
# writes they seldom fill). Until then memory grows by design.
w_at=60; w_how="a minute"
if [ -n "$warm_n" ] && [ "$warm_n" -gt "$w_at" ]; then w_at=$warm_n; w_how="$((N / 20)) texts handled, at $warm_n s"; fi
if [ -n "$warm" ] && [ "$warm" -gt "$w_at" ]; then w_at=$warm; w_how="the page caches filled, at $warm s"; fi
if [ -n "$warm" ]; then w_how="$w_how; the caches filled at $warm s"
else w_how="$w_how; the caches never filled (SQLite held under 90 % of its bound)"; fi
# each figure the median of 30 s of samples (one a second): a dashboard page or
# a burst of replies lifts RSS by 10-20 MB for a second or two, which is not growth
set -- $(awk -v w="$w_at" 'BEGIN { n = 0 } $1 >= w { t[n] = $1; r[n++] = $2 }
    function median(lo, hi,   i, j, k, a, m) {
        for (i = 0; i < n; i++) if (t[i] >= lo && t[i] <= hi) a[m++] = r[i]
        for (i = 1; i < m; i++) for (j = i; j > 0 && a[j - 1] > a[j]; j--) { k = a[j]; a[j] = a[j - 1]; a[j - 1] = k }
        return m ? a[int(m / 2)] : 0 }
    END { if (!n) { print 0, 0, 0, 0; exit }
          hi = 0; for (i = 0; i < n; i++) if (r[i] > hi) hi = r[i]
          print median(t[0], t[0] + 29), median(t[n - 1] - 29, t[n - 1]), t[n - 1], hi }' "$T/rss")
if [ "$1" -gt 0 ]; then
    pct=$(( ($2 - $1) * 100 / $1 ))
    echo "soak_rss: $(($1 / 1024)) MB after warm-up ($w_how), $(($2 / 1024)) MB at the end, $3 s after the restart ($pct %; target within 10 %; medians of 30 s; the highest sample $(($4 / 1024)) MB)"
    [ "$pct" -le 10 ] || bad "RSS grew $pct %"
else
    echo "soak_rss: the last daemon ran under its warm-up ($w_how): no figure"
fi
[ -n "$warm" ] && echo "soak_sqlite_caches: the last daemon's filled at $warm s ($(grep "page caches have filled" "$T/run.log" | tail -1 | sed 's/.*filled (//; s/)$//'))"
# reply latency (Kannel texts) per quarter of the run
q "SELECT o.sent_at - i.received_at FROM inbound i JOIN outbound o ON o.inbound_id = i.id AND o.kind = 'reply'
   WHERE i.transport LIKE 'kannel%' AND o.sent_at IS NOT NULL ORDER BY i.id" > "$T/lat"
/usr/bin/python3 - "$T/lat" <<'PY'
import sys
a = [int(x) for x in open(sys.argv[1]) if x.strip()]
out = []
for k in range(4):
    b = sorted(a[len(a) * k // 4: len(a) * (k + 1) // 4]) or [0]
    out.append("%d s" % b[max(0, int(len(b) * 0.99) - 1)])
print("soak_reply_latency_p99 by quarter: %s (Kannel texts, received to handed to Kannel)" % ", ".join(out))
PY
wal_end=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
echo "soak_wal: largest $((walmax / 1048576)) MB, $((wal_end / 1048576)) MB at the end (bound 64 MB)"
[ "$walmax" -le $((64 * 1048576)) ] || bad "the WAL grew to $((walmax / 1048576)) MB"
dbsize=$(stat -c %s "$DB")
echo "soak_db_growth: $((dbsize / 1048576)) MB for $total texts, $((dbsize / total)) bytes per text"
lines() { cat "$1" 2>/dev/null | wc -l; }
echo "soak_readers: $(lines "$T/ussd.rounds") USSD rounds of 10 walks ($(lines "$T/ussd.errors") with an error), $(lines "$T/web.rounds") dashboard rounds of 12 pages ($(lines "$T/web.errors") with an error; errors while talka is down are expected)"
kill -TERM "$DPID"; wait "$DPID" || bad "talka did not stop cleanly"
DPID=
fake_stop
[ "$status" = 0 ] && [ -z "${SOAK_KEEP:-}" ] && rm -rf "$T" || log "kept $T"
exit $status
