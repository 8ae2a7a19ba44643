#!/usr/bin/env python3
"""registry_server.py: a stand-in for the central registry, for talka's tests and
benchmark (test code, Python standard library only). It speaks the protocol of
docs/registry.md on 127.0.0.1, dedupes by record (id, op) and counts every
duplicate it sees, and can be told to misbehave.

usage: registry_server.py --token-file FILE --port-file FILE [--port N]
       registry_server.py fill DB COUNT [STATUS]   (test data: COUNT plantings
           inserted with SQL into a database talka created; STATUS default accepted)

Control (no token needed, loopback only):
  POST /_control {"mode": M, "count": N, "retry_after": "S", "delay": S,
                  "reject_count": C}
      M: ok | 500 | 429 | 503 | 401 | slow (answer after `delay` s) |
         reset (reset the connection mid-body, before reading the batch) |
         lost (take the batch, then reset instead of answering: talka must resend) |
         unnamed (answer 200 naming only the first half of the records)
      count: how many requests get M before going back to ok (default: all).
      reject_count: records with this tree count are rejected ("partial rejects").
  GET /_stats    counters as JSON (in_flight: requests being handled now);
  GET /_records  the accepted records;
  GET /_log      one entry per counted request, in order: start and end
                 (monotonic seconds), status (HTTP code, "reset" or "lost"),
                 fault (the mode served, or null), retry_after (when sent).
  With TALKA_TEST_REGISTRY_IGNORE_CONTROL=1 in its environment the server
  answers /_control but never misbehaves (tests/meta/ proves the scenarios
  notice a fault that was not served).
"""
import argparse
import json
import os
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
PHONE = re.compile(rb"\+?371\s?2\d{7}")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")

lock = threading.Lock()
state = {
    "mode": "ok", "count": None, "retry_after": "1", "delay": 0, "reject_count": None,
}
records = {}          # (id, op) -> record
stats = {
    "requests": 0, "batches": 0, "batch_repeats": 0, "accepted": 0, "duplicates": 0,
    "rejected": 0, "invalid": 0, "leaks": 0, "unauthorized": 0, "faults": 0,
    "upserts": 0, "cancels": 0, "in_flight": 0,
}
request_log = []      # one dict per counted request (GET /_log)
IGNORE_CONTROL = os.environ.get("TALKA_TEST_REGISTRY_IGNORE_CONTROL") == "1"
batch_ids = set()
TOKEN = ""


def take_mode():
    """The mode for this request (consumes one of `count`)."""
    with lock:
        mode = state["mode"]
        if mode != "ok" and state["count"] is not None:
            state["count"] -= 1
            if state["count"] <= 0:
                state["mode"], state["count"] = "ok", None
        return mode, state["retry_after"], state["delay"]


def check_record(r):
    """None when the record follows the protocol, else what is wrong."""
    if not isinstance(r, dict):
        return "not an object"
    if not UUID.match(str(r.get("id", ""))):
        return "id is not a uuid"
    if r.get("op") not in ("upsert", "cancel"):
        return "bad op"
    if not HEX64.match(str(r.get("volunteer", ""))):
        return "volunteer is not a pseudonym"
    sp = r.get("species")
    if not isinstance(sp, dict) or not sp.get("id") or "latin" not in sp:
        return "bad species"
    if not isinstance(r.get("count"), int) or r["count"] <= 0:
        return "bad count"
    if not DATE.match(str(r.get("planted_on", ""))):
        return "bad planted_on"
    if not RFC3339.match(str(r.get("reported_at", ""))):
        return "bad reported_at"
    if r.get("channel") not in ("sms", "ussd"):
        return "bad channel"
    pl = r.get("place")
    if not isinstance(pl, dict) or not pl.get("name") or "municipality" not in pl:
        return "bad place"
    for k in ("atvk", "lat", "lon"):
        if k not in pl:
            return "place lacks " + k
    return None


def accept_batch(doc):
    """Applies a batch; returns the results list."""
    results = []
    with lock:
        stats["batches"] += 1
        if doc["batch_id"] in batch_ids:
            stats["batch_repeats"] += 1
        batch_ids.add(doc["batch_id"])
        for r in doc["records"]:
            key = (r["id"], r["op"])
            if state["reject_count"] is not None and r.get("count") == state["reject_count"]:
                stats["rejected"] += 1
                results.append({"id": r["id"], "status": "rejected",
                                "reason": "count %d needs a photo" % r["count"]})
            elif key in records:
                stats["duplicates"] += 1
                results.append({"id": r["id"], "status": "duplicate"})
            else:
                records[key] = r
                stats["accepted"] += 1
                stats["upserts" if r["op"] == "upsert" else "cancels"] += 1
                results.append({"id": r["id"], "status": "accepted"})
    return results


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # headers and body go out in separate writes: without this, Nagle plus the
        # client's delayed ACK would add ~40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, obj=None, headers=()):
        body = json.dumps(obj if obj is not None else {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def reset(self):
        """Closes the connection with a TCP reset."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()

    def do_GET(self):
        with lock:
            if self.path == "/_stats":
                out = dict(stats)
                out["unique"] = len(records)
                out["mode"] = state["mode"]
            elif self.path == "/_records":
                out = [records[k] for k in sorted(records)]
            elif self.path == "/_log":
                out = [dict(e) for e in request_log]
            else:
                out = None
        self.answer(200 if out is not None else 404, out if out is not None else {"error": "no"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if self.path == "/_control":
            ctl = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                for k in ("mode", "count", "retry_after", "delay", "reject_count"):
                    if k in ctl and not IGNORE_CONTROL:
                        state[k] = ctl[k]
            self.answer(200, {"ok": True})
            return
        entry = {"start": time.monotonic(), "end": None, "status": None, "fault": None,
                 "retry_after": None}
        with lock:
            stats["requests"] += 1
            stats["in_flight"] += 1
            request_log.append(entry)
        self.entry = entry
        try:
            self.batch(length)
        finally:
            with lock:
                stats["in_flight"] -= 1
                entry["end"] = time.monotonic()

    def note(self, status, fault=None, retry_after=None):
        with lock:
            self.entry.update(status=status, fault=fault, retry_after=retry_after)

    def batch(self, length):
        mode, retry_after, delay = take_mode()
        if mode == "reset":
            self.rfile.read(min(length, 64))
            with lock:
                stats["faults"] += 1
            self.note("reset", "reset")
            self.reset()
            return
        body = self.rfile.read(length)
        if self.headers.get("Authorization") != "Bearer " + TOKEN or mode == "401":
            with lock:
                stats["unauthorized"] += 1
            self.note(401, "401" if mode == "401" else None)
            self.answer(401, {"error": "unauthorized"})
            return
        if mode in ("500", "429", "503"):
            with lock:
                stats["faults"] += 1
            hdr = [("Retry-After", str(retry_after))] if mode != "500" else []
            self.note(int(mode), mode, str(retry_after) if hdr else None)
            self.answer(int(mode), {"error": "try later"}, hdr)
            return
        if PHONE.search(body):
            with lock:
                stats["leaks"] += 1
        try:
            doc = json.loads(body)
            problem = None
            if self.headers.get("Content-Type") != "application/json":
                problem = "content type"
            elif not UUID.match(str(doc.get("batch_id", ""))):
                problem = "batch_id"
            elif self.headers.get("Idempotency-Key") != doc["batch_id"]:
                problem = "Idempotency-Key differs from batch_id"
            elif not doc.get("gateway_id") or not RFC3339.match(str(doc.get("sent_at", ""))):
                problem = "gateway_id/sent_at"
            elif not isinstance(doc.get("records"), list) or not doc["records"]:
                problem = "records"
            else:
                for r in doc["records"]:
                    problem = check_record(r)
                    if problem:
                        break
        except (ValueError, AttributeError, KeyError) as e:
            problem = "not JSON: %s" % e
        if problem:
            with lock:
                stats["invalid"] += 1
            sys.stderr.write("registry_server: invalid batch: %s\n" % problem)
            self.note(400)
            self.answer(400, {"error": problem})
            return
        if mode == "slow":
            with lock:
                stats["faults"] += 1
            time.sleep(float(delay))
        results = accept_batch(doc)
        if mode == "lost":
            with lock:
                stats["faults"] += 1
            self.note("lost", "lost")
            self.reset()
            return
        if mode == "unnamed":
            with lock:
                stats["faults"] += 1
            results = results[: len(results) // 2]
        self.note(200, mode if mode in ("slow", "unnamed") else None)
        try:
            self.answer(200, {"results": results})
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # resets and clients that gave up are part of the test


SPECIES = ["quercus_robur", "pinus_sylvestris", "betula_pendula", "tilia_cordata"]
PLACES = [("Cēsis", "Cēsu novads"), ("Sigulda", "Siguldas novads"),
          ("Vecpiebalgas pagasts", "Cēsu novads"), ("Rīga", "Rīga")]


def fill(db, count, status="accepted"):
    """Inserts count plantings (and a few volunteers) in one transaction."""
    import sqlite3
    import uuid
    con = sqlite3.connect(db, timeout=30)
    now = int(time.time())
    with con:
        base = con.execute("SELECT coalesce(max(id), 0) FROM plantings").fetchone()[0]
        vols = []
        for i in range(20):
            num = "+3712%07d" % (1000000 + i)
            con.execute("INSERT OR IGNORE INTO volunteers (number, created_at) VALUES (?, ?)",
                        (num, now))
            vols.append(con.execute("SELECT id FROM volunteers WHERE number = ?",
                                    (num,)).fetchone()[0])
        for i in range(count):
            n = base + i
            place, muni = PLACES[n % len(PLACES)]
            con.execute(
                "INSERT INTO plantings (uuid, volunteer_id, species, count, place, municipality,"
                " planted_on, reported_at, channel, status, status_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (str(uuid.uuid4()), vols[n % len(vols)], SPECIES[n % len(SPECIES)],
                 1 + n % 50, place, muni, "2026-05-%02d" % (1 + n % 28), now - 3600,
                 "ussd" if n % 5 == 0 else "sms", status, now))
    con.close()


def main():
    global TOKEN
    if len(sys.argv) > 1 and sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "accepted")
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--token-file", required=True)
    a = ap.parse_args()
    with open(a.token_file) as f:
        TOKEN = f.read().strip()
    srv = Server(("127.0.0.1", a.port), Handler)
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(a.port_file + ".tmp", a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
