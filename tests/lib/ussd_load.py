"""ussd_load.py PORT KEY SESSIONS [--bench [ROUNDS]] [--goal-ms MS]: SESSIONS
handsets at once (one thread each, own number) walk the whole registration (6
requests) over HTTP. Test mode prints ok/not ok lines (exit 1 when one failed);
--bench prints requests/s and the p99 answer time over ROUNDS rounds (default 3),
exit 1 on an error or, with --goal-ms, a p99 not below MS."""
import sys
import threading
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from ussd_client import Client, Walk  # noqa: E402

PORT, KEY, N = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
BENCH = "--bench" in sys.argv
ROUNDS = int(sys.argv[sys.argv.index("--bench") + 1]) if BENCH and len(sys.argv) > sys.argv.index("--bench") + 1 else 3
STEPS = ["1", "1", "5", "Cesis", "1"]

lat = []
problems = []
ends = []
lock = threading.Lock()
start_gate = threading.Barrier(N)


def handset(rnd, i):
    c = Client(PORT, KEY)
    w = Walk(c, "load-%d-%d-%d" % (PORT, rnd, i), "+3712%07d" % (rnd * 100000 + i))
    mine = []
    try:
        start_gate.wait(30)
        for k in range(len(STEPS) + 1):
            t0 = time.perf_counter()
            s, b = w.start() if k == 0 else w.send(STEPS[k - 1])
            mine.append(time.perf_counter() - t0)
            if s != 200:
                raise RuntimeError("HTTP %d at step %d: %r" % (s, k, b[:60]))
        with lock:
            ends.append(b)
    except Exception as e:  # noqa: BLE001 (reported as a failure)
        with lock:
            problems.append(str(e))
    finally:
        c.close()
        with lock:
            lat.extend(mine)


def round_(rnd):
    ts = [threading.Thread(target=handset, args=(rnd, i)) for i in range(N)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


if BENCH:
    total_t, total_n = 0.0, 0
    for r in range(ROUNDS):
        start_gate = threading.Barrier(N)
        before = len(lat)
        total_t += round_(r)
        total_n += len(lat) - before
    lat.sort()
    p50 = lat[len(lat) // 2] * 1000
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
    goal = float(sys.argv[sys.argv.index("--goal-ms") + 1]) if "--goal-ms" in sys.argv else None
    verdict = ("no target: includes the Python client's own queueing" if goal is None else
               "target p99 < %g ms: %s" % (goal, "met" if p99 < goal else "NOT met"))
    print("ussd_walks_%d_at_once: %.0f req/s, p50 %.1f ms, p99 %.1f ms as the client saw it"
          " (%d walks x %d requests, %d errors; %s)"
          % (N, total_n / total_t, p50, p99, N * ROUNDS, len(STEPS) + 1, len(problems), verdict))
    if problems:
        print("ussd: %d walks failed: %s" % (len(problems), problems[:3]))
    sys.exit(1 if problems or (goal is not None and p99 >= goal) else 0)

round_(0)
saved = [b for b in ends if b.startswith("END ") and "punkti" in b]
print(("ok" if not problems else "not ok") + " ussd_load_no_http_errors")
if problems:
    print("    %d failed: %s" % (len(problems), problems[:3]))
print(("ok" if len(saved) == N else "not ok") + " ussd_load_all_saved")
if len(saved) != N:
    print("    %d of %d ended saved" % (len(saved), N))
lat.sort()
if lat:
    print("# %d requests, p99 %.1f ms, max %.1f ms" % (len(lat), lat[int(len(lat) * 0.99)] * 1000,
                                                       lat[-1] * 1000))
sys.exit(0 if not problems and len(saved) == N else 1)
