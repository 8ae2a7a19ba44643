#!/usr/bin/env python3
"""check_sent.py: the replies an AT modem really sent, decoded from its sent.log
with pdu.py (not libgammu), against the outbound rows talka recorded as handed
to that modem (sent, delivered, or failed by a delivery report).

  check_sent.py DB SENTLOG [--modem gammu0] [--max-copies N]

Prints "ok N messages" and exits 0 when every recorded message (state sent or
delivered) was sent, each at most N times (default 1), with exactly the
recorded text, and nothing else was sent; otherwise prints each difference and
exits 1."""
import argparse
import collections
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdu  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("sentlog")
    ap.add_argument("--modem", default="gammu0")
    ap.add_argument("--max-copies", type=int, default=1)
    a = ap.parse_args()
    con = sqlite3.connect(a.db, timeout=10)
    recorded = collections.Counter(
        (r, t) for r, t in con.execute(
            "SELECT recipient, CAST(text AS TEXT) FROM outbound WHERE transport = ?"
            " AND (state IN ('sent', 'delivered') OR (state = 'failed' AND transport_ref IS NOT"
            " NULL))", (a.modem,)))
    with open(a.sentlog) as f:
        sent = collections.Counter((n, t) for n, t, _ in pdu.join_submits(f.read().split()))
    bad = []
    for key, n in sorted(recorded.items()):
        got = sent.get(key, 0)
        if got < n or got > n * a.max_copies:
            bad.append("recorded %d, sent %d: %s %r" % (n, got, key[0], key[1]))
    for key, n in sorted(sent.items()):
        if key not in recorded:
            bad.append("sent %d but not recorded: %s %r" % (n, key[0], key[1]))
    if bad:
        for b in bad[:20]:
            print(b)
        print("%d differences" % len(bad))
        return 1
    print("ok %d messages" % sum(recorded.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
