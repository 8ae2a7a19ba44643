#!/bin/sh
# ussd.sh: requests/s and p99 answer time of the USSD endpoint for whole menu
# walks (a registration: 6 requests each), one handset at a time and 20 at once,
# against the release binary $TALKA; then the server's own handling time (from
# its debug log, whole milliseconds). Target: p99 < 20 ms, as the server timed
# it and as one handset at a time saw it; the 20-at-once figures have no target
# (the client is Python on the same box: they include its own queueing).
# Start-up is not timed: the walks begin once the port answers. Exit 1 when a
# target is missed or a walk failed.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
. tests/lib/ussd.sh
scratch
ussd_config "threads = ${USSD_BENCH_THREADS:-4}"
TALKA_LOG=debug ussd_start || { echo "ussd: talka run did not start"; exit 1; }
rc=0
python3 tests/lib/ussd_load.py "$PORT" "$SECRET" 1 --bench "${USSD_BENCH_SEQ_ROUNDS:-50}" --goal-ms 20 || rc=1
python3 tests/lib/ussd_load.py "$PORT" "$SECRET" "${USSD_BENCH_SESSIONS:-20}" --bench "${USSD_BENCH_ROUNDS:-10}" || rc=1
kill -TERM "$RUN_PID"; wait "$RUN_PID" || { echo "ussd: the daemon did not stop cleanly"; rc=1; }
grep -o 'ussd: answered [A-Z]* in [0-9]* ms' "$T/run.log" | awk '{ print $5 }' | sort -n |
    awk '{ a[NR] = $1 } END { if (!NR) { print "ussd_server_handling: no timings in the debug log"; exit 1 }
        i = int(NR * 0.99) + 1; if (i > NR) i = NR;
        printf "ussd_server_handling: p50 %d ms, p99 %d ms, max %d ms over %d requests (target p99 < 20: %s)\n",
               a[int(NR * 0.5) + 1], a[i], a[NR], NR, (a[i] < 20 ? "met" : "NOT met")
        exit (a[i] < 20 ? 0 : 1) }' || rc=1
rm -rf "$T"
exit $rc
