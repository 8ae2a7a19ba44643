#!/bin/sh
# harden_ussd_slow.sh (issue 11, item 2): nobody who can reach the port can
# close it for everyone. 300 sockets from an address outside [ussd] allow,
# trickling a header line every 4 s for 30 s, are closed as they are accepted;
# slow sockets from one allowed address are held to its per-address limit.
# In both, a client from another allowed address is answered in < 1 s.
. tests/lib.sh
. tests/lib/ussd.sh
plan 7
scratch
ussd_config "allow = 127.0.0.2, 127.0.0.3"
ussd_start || not_ok slow_daemon_up
# slow ATTACKER_ADDR SOCKETS SECONDS: worst answer time seen by 127.0.0.3 meanwhile
slow() {
    python3 - "$PORT" "$SECRET" "$1" "$2" "$3" <<'PY'
import http.client, socket, sys, threading, time
port, key, src, n, secs = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
socks = []
def open_slow():
    for i in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), 2, source_address=(src, 0))
            s.sendall(b"POST /ussd?key=" + key.encode() + b" HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        except OSError:
            pass
threading.Thread(target=open_slow, daemon=True).start()
def trickle():
    while True:
        time.sleep(4)
        for s in list(socks):
            try:
                s.sendall(b"X-Slow: 1\r\n")
            except OSError:
                socks.remove(s)
threading.Thread(target=trickle, daemon=True).start()
time.sleep(2)
worst, failed, asked = 0.0, 0, 0
end = time.time() + secs
i = 0
while time.time() < end:
    i += 1
    t0 = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5, source_address=("127.0.0.3", 0))
        c.request("POST", "/ussd?key=" + key,
                  "sessionId=ok%d-%s&serviceCode=*123%%23&phoneNumber=26100001&networkCode=LMT&text=" % (i, src),
                  {"Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse(); r.read(); c.close()
        if r.status != 200:
            failed += 1
    except OSError:
        failed += 1
        t0 = time.time() - 5
    worst = max(worst, time.time() - t0)
    asked += 1
    time.sleep(1)
print("%.3f %d %d %d" % (worst, failed, asked, len(socks)))
PY
}
read worst failed asked held <<EOF2
$(slow 127.0.0.1 300 30)
EOF2
echo "    outside allow: $asked requests, worst ${worst} s, $held of 300 slow sockets still open"
expect_eq slow_outside_all_answered "$failed" 0
expect_eq slow_outside_under_1s "$(python3 -c "print(1 if $worst < 1 else 0)")" 1
expect_eq slow_outside_none_held "$held" 0
read worst failed asked held <<EOF2
$(slow 127.0.0.2 300 15)
EOF2
echo "    one allowed address: $asked requests, worst ${worst} s, $held slow sockets held"
expect_eq slow_allowed_all_answered "$failed" 0
expect_eq slow_allowed_under_1s "$(python3 -c "print(1 if $worst < 1 else 0)")" 1
expect_eq slow_allowed_held_to_limit "$(python3 -c "print(1 if $held <= 256 else 0)")" 1
ussd_stop slow_daemon_stop
finish
