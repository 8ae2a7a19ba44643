#!/bin/sh
# harden_ussd_race.sh (issue 11, item 3): two numbers claim one new session id
# at the same moment, 300 times. Ownership is claimed and checked inside the
# write transaction: one wins, the other gets the error screen, and the stored
# session always belongs to the winner (0 overwrites).
. tests/lib.sh
. tests/lib/ussd.sh
plan 6
scratch
ussd_config "threads = 8"
ussd_start || not_ok race_daemon_up
python3 - "$PORT" "$SECRET" > "$T/race.out" <<'PY'
import http.client, sys, threading, urllib.parse
port, key = int(sys.argv[1]), sys.argv[2]
def post(sid, phone, text, out, i, barrier):
    body = urllib.parse.urlencode({"sessionId": sid, "serviceCode": "*123#",
                                   "phoneNumber": phone, "networkCode": "LMT", "text": text})
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.connect()
    barrier.wait()
    c.request("POST", "/ussd?key=" + key, body,
              {"Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    out[i] = (r.status, r.read().decode())
    c.close()
for n in range(300):
    out = [None, None]
    b = threading.Barrier(2)
    t = [threading.Thread(target=post, args=("race-%d" % n, "2610%04d" % n, "", out, 0, b)),
         threading.Thread(target=post, args=("race-%d" % n, "2620%04d" % n, "2", out, 1, b))]
    for x in t: x.start()
    for x in t: x.join()
    print(n, out[0][0], out[1][0], out[0][1].startswith("CON"), out[1][1].startswith("END") and
          ("kļūda" in out[1][1] or "kluda" in out[1][1].lower() or "Kluda" in out[1][1]),
          out[0][1].startswith("END") and ("kļūda" in out[0][1] or "kluda" in out[0][1].lower()),
          sep="\t")
PY
# per race: who got a real screen (A: the menu; B: its points) and who the error
q "SELECT substr(session_id, 6), phone FROM ussd_sessions WHERE session_id LIKE 'race-%'" | tr '|' '\t' | sort -n > "$T/owners"
python3 - "$T/race.out" "$T/owners" > "$T/verdict" <<'PY'
import sys
owners = dict(l.split("\t") for l in open(sys.argv[2]).read().split("\n") if l)
overwrites = both_ok = both_err = 0
for line in open(sys.argv[1]):
    n, sa, sb, a_menu, b_err, a_err = line.rstrip("\n").split("\t")
    a_won = a_err == "False"
    b_won = b_err == "False"
    if a_won and b_won:
        both_ok += 1
    if not a_won and not b_won:
        both_err += 1
    owner = owners.get(n, "").strip()
    winner = ("+3712610%04d" if a_won else "+3712620%04d") % int(n)
    if a_won != b_won and owner != winner:
        overwrites += 1
print(both_ok, both_err, overwrites)
PY
read both both_err overwrites < "$T/verdict"
expect_eq race_300_runs "$(wc -l < "$T/race.out")" 300
expect_eq race_one_winner_each "$both" 0
expect_eq race_never_both_refused "$both_err" 0
expect_eq race_no_overwrites "$overwrites" 0
expect_eq race_every_session_owned "$(q "SELECT count(*) FROM ussd_sessions WHERE session_id LIKE 'race-%'")" 300
ussd_stop race_daemon_stop
finish
