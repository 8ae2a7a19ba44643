#!/bin/sh
# registry.sh: records per second delivered by `talka registry flush` to the
# local test registry (tests/registry_server.py on 127.0.0.1), default batch size
# 100, 20 000 accepted plantings queued. Prints "registry: N records/s ...".
. tests/lib.sh
. tests/scenario/registry_lib.sh
N=${REGISTRY_BENCH_N:-20000}
reg_setup
reg_fill "$N"
t0=$(date +%s.%N)
"$TALKA" registry flush > "$T/flush.out" 2>&1
rc=$?
t1=$(date +%s.%N)
got=$(reg_stat accepted)
reg_stop_server
rate=$(python3 -c "import sys; print(int(int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2]))))" "$got" "$t0" "$t1")
secs=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1")
echo "registry: $rate records/s delivered ($got of $N in $secs s, batches of 100, flush exit $rc) (target >= 2000/s)"
rm -rf "$T"
[ "$rc" = 0 ] && [ "$got" = "$N" ]
