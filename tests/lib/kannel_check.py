#!/usr/bin/python3
"""kannel_check.py: what reached the fake SMSC against talka's records. Reads
fakesmsc's log (the MT lines it printed: RECEIVER TYPE DATA, concatenated parts as
udh lines) and talka's database; joins parts, decodes text / data / ucs-2, and
prints the differences (nothing when the two agree).
usage: kannel_check.py FAKESMSC_LOG TALKA_DB [ACCESS_LOG FAKESMSC_LOG]

With the last two (copies of bearerbox's access log and fakesmsc's log taken
when bearerbox had been killed -9 and fakesmsc stopped), a text bearerbox logged
as sent to the SMSC that this fakesmsc never printed was lost on the SMSC link
(in bearerbox's output buffer or the socket reset by its death): Kannel's loss,
not talka's. Such texts are counted ("lost on the SMSC link at the kill: N") and
not reported as missing, no other."""
import re, sqlite3, sys, urllib.parse
from collections import Counter

def unq(s):
    """Kannel url-encodes a space as +"""
    return urllib.parse.unquote_to_bytes(s.replace("+", " "))

def at_smsc(log):
    """(receiver, text) of every text fakesmsc printed, as a Counter"""
    got = Counter()
    parts = {}
    for line in open(log, encoding="utf-8", errors="replace"):
        m = re.search(r"Got message \d+: <(.*)>$", line.rstrip("\n"))
        if not m:
            continue
        f = m.group(1).split(" ")
        sender, to, kind = f[0], f[1], f[2]
        if kind == "text":
            got[(to, " ".join(f[3:]))] += 1
        elif kind == "data":
            got[(to, unq(f[3]).decode("utf-8", "replace"))] += 1
        elif kind == "ucs-2":
            got[(to, unq(f[3]).decode("utf-16-be", "replace"))] += 1
        elif kind == "udh":
            udh = unq(f[3])
            data = unq(f[4]) if len(f) > 4 else b""
            # 00 03 ref total part (8-bit reference)
            i = udh.find(b"\x00\x03", 1)
            ref, total, part = udh[i + 2], udh[i + 3], udh[i + 4]
            key = (to, ref, total)
            parts.setdefault(key, {})[part] = data
            if len(parts[key]) == total:
                body = b"".join(parts.pop(key)[p] for p in range(1, total + 1))
                text = body.decode("utf-16-be", "replace") if b"\x00" in body else body.decode("utf-8", "replace")
                got[(to, text)] += 1
        else:
            print("unknown line type:", m.group(1))
    return got, parts

def sent_to_smsc(access_log):
    """(receiver, text) of every single-part text bearerbox logged as sent to the SMSC"""
    sent = Counter()
    for line in open(access_log, encoding="utf-8", errors="replace"):
        m = re.search(r"Sent SMS .*\[to:([^\]]*)\] \[flags:-?\d+:(-?\d+):[^\]]*\] \[msg:\d+:([^\]]*)\] \[udh:0:", line)
        if not m:
            continue
        to, coding, msg = m.group(1), m.group(2), m.group(3)
        if coding == "2":
            sent[(to, bytes.fromhex(msg).decode("utf-16-be", "replace"))] += 1
        elif coding == "1":
            sent[(to, bytes.fromhex(msg).decode("utf-8", "replace"))] += 1
        else:
            sent[(to, msg)] += 1
    return sent

log, dbpath = sys.argv[1], sys.argv[2]
got, parts = at_smsc(log)
lost = Counter()
if len(sys.argv) > 4:
    lost = sent_to_smsc(sys.argv[3]) - at_smsc(sys.argv[4])[0]
db = sqlite3.connect(dbpath)
want = Counter()
for to, text in db.execute("SELECT recipient, text FROM outbound WHERE state IN ('sent','delivered')"):
    want[(to, text)] += 1
extra, missing = got - want, want - got
if len(sys.argv) > 4:
    print("lost on the SMSC link at the kill:", sum(lost.values()))
    missing -= lost
for k, n in list(extra.items())[:5]:
    print("at the SMSC but not sent by talka:", n, k)
for k, n in list(missing.items())[:5]:
    print("sent by talka but not at the SMSC:", n, k)
if parts:
    print("incomplete concatenated texts at the SMSC:", len(parts))
print(f"checked {sum(got.values())} texts at the SMSC, {sum(want.values())} sent",
      file=sys.stderr)
