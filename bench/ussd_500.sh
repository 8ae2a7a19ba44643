#!/bin/sh
# ussd_500.sh: 500 handsets at once against the USSD endpoint, each walking a
# whole registration (6 requests on one connection), through one aggregator
# address (so [ussd] per_ip_connections = 0 here: the aggregator is the one
# caller). Prints the client-seen p99, the server's own p99 (from its debug
# log) and the kernel's listen-queue overflows and drops during the run (nstat,
# else netstat -s; whole host). Targets: every walk answered without an error and
# no listen-queue overflow (exit 1 otherwise); the p99s are figures (the client is
# Python on the same box, so its p99 includes its own queueing).
. tests/lib.sh
. tests/lib/ussd.sh
scratch
N=${USSD_BENCH_500:-500}
ussd_config "threads = ${USSD_BENCH_THREADS:-4}" "max_connections = 1024" "per_ip_connections = 0"
TALKA_LOG=debug ussd_start || { echo "ussd_500: talka run did not start"; exit 1; }
overflows() { # "OVERFLOWS DROPS" since boot, or "? ?"
    if command -v nstat > /dev/null 2>&1; then
        nstat -az TcpExtListenOverflows TcpExtListenDrops 2> /dev/null |
            awk '/ListenOverflows/ { o = $2 } /ListenDrops/ { d = $2 } END { print (o == "" ? "?" : o), (d == "" ? "?" : d) }'
    elif command -v netstat > /dev/null 2>&1; then
        netstat -s 2> /dev/null | awk '/times the listen queue of a socket overflowed/ { o = $1 }
            /SYNs to LISTEN sockets dropped/ { d = $1 } END { print (o == "" ? 0 : o), (d == "" ? 0 : d) }'
    else
        echo "? ?"
    fi
}
read o0 d0 <<EOF2
$(overflows)
EOF2
rc=0
python3 tests/lib/ussd_load.py "$PORT" "$SECRET" "$N" --bench "${USSD_BENCH_500_ROUNDS:-2}" || rc=1
read o1 d1 <<EOF2
$(overflows)
EOF2
kill -TERM "$RUN_PID"; wait "$RUN_PID"
grep -o 'ussd: answered [A-Z]* in [0-9]* ms' "$T/run.log" | awk '{ print $5 }' | sort -n |
    awk -v n="$N" '{ a[NR] = $1 } END { if (!NR) exit; i = int(NR * 0.99) + 1; if (i > NR) i = NR;
        printf "ussd_%d_server_handling: p50 %d ms, p99 %d ms, max %d ms over %d requests\n",
               n, a[int(NR * 0.5) + 1], a[i], a[NR], NR }'
if [ "$o0" = "?" ] || [ "$o1" = "?" ]; then
    echo "ussd_${N}_listen_queue: overflows not available (no nstat or netstat)"
else
    echo "ussd_${N}_listen_queue: $((o1 - o0)) overflows, $((d1 - d0)) drops during the run (target 0; backlog 1024, somaxconn $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo ?))"
    [ $((o1 - o0)) = 0 ] || rc=1
fi
rm -rf "$T"
exit $rc
