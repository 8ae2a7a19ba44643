#!/bin/sh
# registry.sh: records per second delivered by `talka registry flush` to the
# local test registry (tests/lib/registry_server.py on 127.0.0.1), default batch
# size 100, 20 000 accepted plantings queued. Start-up is timed apart (a flush
# with nothing queued); the registry's own count of accepted records must equal
# N before a rate is printed. Target >= 2 000 records/s over the whole flush;
# exit 1 when missed.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
. tests/lib/registry.sh
N=${REGISTRY_BENCH_N:-20000}
GOAL=${BENCH_REGISTRY_GOAL:-2000}
reg_setup
s0=$(date +%s.%N)
"$TALKA" registry flush > "$T/empty.out" 2>&1 || { echo "registry: an empty flush failed: $(cat "$T/empty.out")"; exit 1; }
s1=$(date +%s.%N)
reg_fill "$N"
t0=$(date +%s.%N)
"$TALKA" registry flush > "$T/flush.out" 2>&1
rc=$?
t1=$(date +%s.%N)
got=$(reg_stat accepted)
reg_stop_server
if [ "$rc" != 0 ] || [ "$got" != "$N" ]; then
    echo "registry: the work was not done: flush exit $rc, $got of $N records accepted by the registry"
    exit 1
fi
python3 - "$N" "$s0" "$s1" "$t0" "$t1" "$GOAL" <<'PY'
import sys
n = int(sys.argv[1]); s0, s1, a, b = map(float, sys.argv[2:6]); goal = float(sys.argv[6])
startup, whole = s1 - s0, b - a
rate = n / whole
print(f"registry: {rate:.0f} records/s delivered over the whole flush ({n} of {n} accepted by the registry "
      f"in {whole:.2f} s, batches of 100; target >= {goal:.0f}: {'met' if rate >= goal else 'NOT met'})")
print(f"registry_startup: {startup * 1000:.0f} ms (a flush with nothing queued); "
      f"{n / max(whole - startup, 1e-6):.0f} records/s without it")
sys.exit(0 if rate >= goal else 1)
PY
rc=$?
rm -rf "$T"
exit $rc
