"""harden_kannel.py: Kannel's endpoint under the probes of issue 25 (run by
tests/scenario/harden_kannel_endpoint.sh against a running `talka run`).
Prints "ok NAME" / "not ok NAME"; exits 1 when one failed. Clients bind source
addresses 127.0.0.X to be other machines.

usage: harden_kannel.py PART PORT KEY
  outside   520 idle sockets from 127.0.0.2 (outside allow): all closed by talka,
            and 127.0.0.1 answered under 3 s while they are held (4 checks)
  per_ip    520 idle sockets from 127.0.0.2 (inside allow): at most
            per_ip_connections (256) held, 127.0.0.1 answered under 3 s (4 checks)
  keys      ?key=KEY%00junk refused; 10 wrong keys from 127.0.0.3 lock it out
            (429 even with the right key) while 127.0.0.1 is still served (4 checks)
  texts     two long distinct ids both stored; an id over 200 characters refused;
            one size limit for get-url and post-url texts (4 checks)
"""
import http.client
import socket
import sys
import time
import urllib.parse

PART, PORT, KEY = sys.argv[1], int(sys.argv[2]), sys.argv[3]
failed = False


def check(name, cond, detail=""):
    global failed
    print(("ok " if cond else "not ok ") + name)
    if not cond:
        failed = True
        if detail:
            print("    " + str(detail)[:400])


def get(path, source="127.0.0.1", body=None, timeout=10):
    t0 = time.monotonic()
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout, source_address=(source, 0))
    try:
        c.request("POST" if body is not None else "GET", path, body=body,
                  headers={"Content-Type": "text/plain; charset=UTF-8"} if body is not None else {})
        r = c.getresponse()
        r.read()
        return r.status, time.monotonic() - t0
    except OSError as e:
        return 0, time.monotonic() - t0
    finally:
        c.close()


DLR = "/kannel/dlr?key=%s&link=kannel0&ref=probe&type=8" % urllib.parse.quote(KEY)


def hold(source, n):
    """n idle sockets from source; returns (sockets still open after 1 s, all)"""
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind((source, 0))
        s.settimeout(2)
        try:
            s.connect(("127.0.0.1", PORT))
        except OSError:
            pass
        socks.append(s)
    time.sleep(1)   # talka closes what it refuses at once; give it a second to do so
    open_ = []
    for s in socks:
        s.setblocking(False)
        try:
            if s.recv(1) == b"":
                continue   # closed by talka
        except BlockingIOError:
            open_.append(s)   # nothing to read: still held
        except OSError:
            continue
    return open_, socks


def answered(prefix):
    times = []
    for i in range(3):
        st, secs = get(DLR)
        times.append((st, round(secs, 2)))
    check(prefix + "_allowed_client_answered_under_3s", all(st == 200 and s < 3 for st, s in times), times)


def outside():
    held, socks = hold("127.0.0.2", 520)
    check("outside_allow_520_sockets_made", len(socks) == 520, len(socks))
    check("outside_allow_all_closed_at_accept", len(held) == 0, "%d still open" % len(held))
    answered("outside_allow")
    check("outside_allow_no_slot_taken", len(held) == 0)
    for s in socks:
        s.close()


def per_ip():
    held, socks = hold("127.0.0.2", 520)
    check("per_ip_520_sockets_made", len(socks) == 520, len(socks))
    check("per_ip_at_most_256_held", 0 < len(held) <= 256, "%d held" % len(held))
    answered("per_ip")
    st, secs = get(DLR, source="127.0.0.2")
    check("per_ip_full_address_refused", st == 0, st)
    for s in socks:
        s.close()


def keys():
    st, _ = get("/kannel/dlr?key=%s%%00junk&link=kannel0&ref=x&type=8" % urllib.parse.quote(KEY),
                source="127.0.0.4")
    check("keys_nul_cut_key_refused", st == 403, st)
    codes = [get("/kannel/dlr?key=wrong%d&link=kannel0&ref=x&type=8" % i, source="127.0.0.3")[0]
             for i in range(10)]
    check("keys_ten_wrong_keys_403", codes == [403] * 10, codes)
    st, _ = get(DLR, source="127.0.0.3")
    check("keys_locked_out_even_with_the_right_key", st == 429, st)
    st, _ = get(DLR)
    check("keys_other_address_still_served", st == 200, st)


def texts():
    base = "/kannel/sms?key=%s&link=kannel0&from=%%2B37120000077&" % urllib.parse.quote(KEY)
    long_id = "x" * 150
    a = get(base + "id=%s1&text=KOKS+1+OZOLS+Cesis" % long_id)[0]
    b = get(base + "id=%s2&text=KOKS+2+OZOLS+Cesis" % long_id)[0]
    check("texts_long_ids_both_answered", (a, b) == (200, 200), (a, b))
    st = get(base + "id=%s&text=KOKS+3+OZOLS+Cesis" % ("y" * 201))[0]
    check("texts_id_over_200_refused", st == 400, st)
    big = "a" * 9000
    st_get = get(base + "id=big1&text=" + big)[0]
    st_post = get(base + "id=big2", body=big.encode())[0]
    check("texts_get_over_8k_refused_like_post", (st_get, st_post) == (413, 413), (st_get, st_post))
    ok_get = get(base + "id=fit1&text=" + "b" * 8000)[0]
    ok_post = get(base + "id=fit2", body=("c" * 8000).encode())[0]
    check("texts_8000_bytes_taken_both_ways", (ok_get, ok_post) == (200, 200), (ok_get, ok_post))


{"outside": outside, "per_ip": per_ip, "keys": keys, "texts": texts}[PART]()
sys.exit(1 if failed else 0)
