#!/bin/sh
# ussd.sh: requests/s and p99 answer time of the USSD endpoint for whole menu
# walks (a registration: 6 requests each), one handset at a time and 20 at once,
# against the release binary $TALKA; then the server's own handling time (from
# its debug log, whole milliseconds). Target: p99 < 20 ms locally. The client is
# Python on the same box, so the "at once" figures include its own queueing.
. tests/lib.sh
. tests/ussd_lib.sh
scratch
ussd_config "threads = ${USSD_BENCH_THREADS:-4}"
TALKA_LOG=debug ussd_start || { echo "ussd: talka run did not start"; exit 1; }
rc=0
python3 tests/ussd_load.py "$PORT" "$SECRET" 1 --bench "${USSD_BENCH_SEQ_ROUNDS:-50}" || rc=1
python3 tests/ussd_load.py "$PORT" "$SECRET" "${USSD_BENCH_SESSIONS:-20}" --bench "${USSD_BENCH_ROUNDS:-10}" || rc=1
kill -TERM "$RUN_PID"; wait "$RUN_PID"
grep -o 'ussd: answered [A-Z]* in [0-9]* ms' "$T/run.log" | awk '{ print $5 }' | sort -n |
    awk '{ a[NR] = $1 } END { if (!NR) exit; i = int(NR * 0.99) + 1; if (i > NR) i = NR;
        printf "ussd_server_handling: p50 %d ms, p99 %d ms, max %d ms over %d requests (target p99 < 20)\n",
               a[int(NR * 0.5) + 1], a[i], a[NR], NR }'
rm -rf "$T"
exit $rc
