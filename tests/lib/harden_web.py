"""harden_web.py: the dashboard checks of issue 25 (run by
tests/scenario/harden_web.sh against a running `talka run`). Prints "ok NAME" /
"not ok NAME" lines; exits 1 when one failed. Clients bind source addresses
127.0.0.X to be other machines.

usage: harden_web.py PART BASE_URL [ARGS]
  flood      slow clients from 20 addresses (32 each, reconnecting when shed); a
             client of 127.0.0.1 must get the sign-in page in under 3 s meanwhile (6 checks)
  deadline   a client sending a header byte every 0.3 s is closed within the
             request deadline (ARGS: its seconds) + 4 s (1 check)
  redirects  /lang?back= and /login?next= with off-site forms go to the overview (27 checks)
  enum       10 wrong passwords for a real and for an unknown name: the same codes,
             then 429 for both from a fresh address (4 checks)
  locked     sign-in while another connection holds the write lock (ARGS: the
             database): refused with 503 and a clear page within a second, never a
             free guess (5 checks)
  nul        a text with a NUL byte is shown escaped, not cut (1 check)
"""
import http.client
import re
import selectors
import socket
import sqlite3
import sys
import time
import urllib.parse

PART, BASE = sys.argv[1], sys.argv[2]
HOST, PORT = "127.0.0.1", int(BASE.rsplit(":", 1)[1])
failed = False


def check(name, cond, detail=""):
    global failed
    print(("ok " if cond else "not ok ") + name)
    if not cond:
        failed = True
        if detail:
            print("    " + str(detail)[:400])


def request(method, path, body=None, headers=None, source="127.0.0.1", timeout=10):
    """(status, headers dict lower-case, body text, seconds); status 0 on a socket error"""
    t0 = time.monotonic()
    c = http.client.HTTPConnection(HOST, PORT, timeout=timeout, source_address=(source, 0))
    h = dict(headers or {})
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        text = r.read().decode("utf-8", "replace")
        hd = {k.lower(): v for k, v in r.getheaders() if k.lower() != "set-cookie"}
        hd["set-cookie"] = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        return r.status, hd, text, time.monotonic() - t0
    except OSError as e:
        return 0, {}, str(e), time.monotonic() - t0
    finally:
        c.close()


def cookie(hd, name):
    for v in hd.get("set-cookie", []):
        if v.startswith(name + "="):
            return v.split(";", 1)[0].split("=", 1)[1]
    return ""


def sign_in(name, password, next_path="/overview", source="127.0.0.1", timeout=10):
    """POST /login with a fresh form token: (status, headers, body, seconds of the POST)"""
    st, hd, body, _ = request("GET", "/login", source=source)
    m = re.search(r'name="token" value="([0-9a-f]+)"', body)
    tok = m.group(1) if m else ""
    return request("POST", "/login", {"token": tok, "username": name, "password": password,
                                      "next": next_path},
                   {"Cookie": "talka_login=" + tok}, source=source, timeout=timeout)


def flood():
    sel = selectors.DefaultSelector()
    sources = ["127.0.0.%d" % i for i in range(2, 22)]   # 20 addresses x 32 = 640 > 512
    opened = [0]

    def open_one(src):
        s = socket.socket()
        s.setblocking(False)
        s.bind((src, 0))
        try:
            s.connect((HOST, PORT))
        except BlockingIOError:
            pass
        sel.register(s, selectors.EVENT_WRITE | selectors.EVENT_READ,
                     {"src": src, "sent": False, "last": 0.0})
        opened[0] += 1

    for src in sources:
        for _ in range(32):
            open_one(src)
    shed = [0]
    reopen, last_batch = [], [0.0]

    def pump(seconds):
        """trickles a header byte a second on each connection; reopens those closed"""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for key, ev in sel.select(0.1):
                s, d = key.fileobj, key.data
                if ev & selectors.EVENT_READ:
                    try:
                        got = s.recv(4096)
                    except OSError:
                        got = b""
                    if not got:   # closed by talka: shed, refused or past its deadline
                        sel.unregister(s)
                        s.close()
                        shed[0] += 1
                        reopen.append(d["src"])
                        continue
                if ev & selectors.EVENT_WRITE and not d["sent"]:
                    try:
                        s.send(b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                        d["sent"], d["last"] = True, time.monotonic()
                        sel.modify(s, selectors.EVENT_READ, d)
                    except OSError:
                        pass
            # back at up to 200 connections a second: a flood, without starving
            # the suite running beside it of CPU
            now = time.monotonic()
            if now - last_batch[0] >= 0.1:
                last_batch[0] = now
                for src in reopen[:20]:
                    open_one(src)
                del reopen[:20]
            for key in list(sel.get_map().values()):
                d = key.data
                if d["sent"] and now - d["last"] >= 1:
                    d["last"] = now
                    try:
                        key.fileobj.send(b"a")
                    except OSError:
                        pass
    pump(3)   # the flood is on: 640 slow connections asked for
    times = []
    for i in range(6):
        st, hd, body, secs = request("GET", "/login", timeout=10)
        times.append(secs)
        check("flood_sign_in_page_%d_under_3s" % (i + 1), st == 200 and secs < 3 and 'name="token"' in body,
              "status %s in %.2f s, %d connections opened, %d closed by talka: %s"
              % (st, secs, opened[0], shed[0], body[:120] if st != 200 else ""))
        pump(1.5)
    print("    flood: %d connections opened, %d closed by talka, sign-in page in %s s"
          % (opened[0], shed[0], " ".join("%.2f" % t for t in times)))
    for key in list(sel.get_map().values()):
        key.fileobj.close()


def deadline(seconds):
    s = socket.create_connection((HOST, PORT), source_address=("127.0.0.30", 0))
    s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    s.settimeout(0.3)
    t0 = time.monotonic()
    closed = False
    while time.monotonic() - t0 < seconds + 10:
        try:
            s.send(b"a")
            if s.recv(4096) == b"":
                closed = True
                break
        except socket.timeout:
            continue
        except OSError:
            closed = True
            break
    took = time.monotonic() - t0
    s.close()
    check("deadline_slow_client_closed", closed and took < seconds + 4,
          "closed %s after %.1f s (deadline %d s)" % (closed, took, seconds))


OFF_SITE = ["//evil.example", "/%09/evil.example", "/%5Cevil.example", "%2F%2Fevil.example",
            "/%0D%0A/evil.example", "https://evil.example/", "/%2F/evil.example%00",
            "%5C%5Cevil.example", "/%5C/evil.example"]


def redirects():
    for i, back in enumerate(OFF_SITE):
        st, hd, body, _ = request("GET", "/lang?to=en&back=" + back)
        check("redirect_lang_back_%d_to_overview" % (i + 1), st == 303 and hd.get("location") == "/overview",
              "%s -> %s %s" % (back, st, hd.get("location")))
    st, hd, body, _ = request("GET", "/lang?to=en&back=/health%3Fa%3D1")
    check("redirect_lang_back_local_kept", st == 303 and hd.get("location") == "/health?a=1",
          (st, hd.get("location")))
    # the sign-in form carries next on only when it is local
    for i, nxt in enumerate(OFF_SITE[:4]):
        st, hd, body, _ = request("GET", "/login?next=" + nxt)
        m = re.search(r'name="next" value="([^"]*)"', body)
        check("redirect_login_form_next_%d_overview" % (i + 1), m is not None and m.group(1) == "/overview",
              "%s -> %s" % (nxt, m.group(1) if m else body[:200]))
    decoded = [urllib.parse.unquote(x) for x in OFF_SITE]
    for i, nxt in enumerate(decoded):
        st, hd, body, _ = sign_in("boss", "correct horse battery", nxt)
        check("redirect_login_next_%d_to_overview" % (i + 1),
              st == 303 and hd.get("location") == "/overview", "%r -> %s %s" % (nxt, st, hd.get("location")))
    st, hd, body, _ = sign_in("boss", "correct horse battery", "/health")
    check("redirect_login_next_local_kept", st == 303 and hd.get("location") == "/health",
          (st, hd.get("location")))


def enum():
    real = [sign_in("victim", "wrong password %d" % i, source="127.0.0.40")[0] for i in range(10)]
    unknown = [sign_in("nobody", "wrong password %d" % i, source="127.0.0.42")[0] for i in range(10)]
    check("enum_ten_failures_same_codes", real == unknown and real == [401] * 10, (real, unknown))
    st_real = sign_in("victim", "wrong password x", source="127.0.0.41")[0]
    st_unknown = sign_in("nobody", "wrong password x", source="127.0.0.43")[0]
    check("enum_real_name_locked_from_fresh_address", st_real == 429, st_real)
    check("enum_unknown_name_locked_like_a_real_one", st_unknown == 429, st_unknown)
    # the same time too: both are hashed (medians of 5, the same order of magnitude)
    t_real = sorted(sign_in("victim2", "wrong %d" % i, source="127.0.0.44")[3] for i in range(5))[2]
    t_unk = sorted(sign_in("nobody2", "wrong %d" % i, source="127.0.0.45")[3] for i in range(5))[2]
    check("enum_unknown_name_hashed_like_a_real_one", t_unk > t_real / 3 and t_real > t_unk / 3,
          "real %.3f s, unknown %.3f s" % (t_real, t_unk))


def locked(db):
    c = sqlite3.connect(db, timeout=10, isolation_level=None)
    c.execute("BEGIN IMMEDIATE")
    c.execute("UPDATE web_accounts SET failures = failures WHERE name = 'victim3'")
    st, hd, body, secs = sign_in("victim3", "wrong password", source="127.0.0.50", timeout=30)
    check("locked_db_wrong_password_refused_503", st == 503, (st, body[:200]))
    check("locked_db_answer_within_a_second", secs < 1.5, "%.2f s" % secs)
    check("locked_db_clear_page", "database is busy" in body or "datubāze ir aizņemta" in body, body[:300])
    st, hd, body, secs = sign_in("victim3", "victim3 password 1", source="127.0.0.50", timeout=30)
    check("locked_db_right_password_refused_too", st == 503 and not cookie(hd, "talka_session"),
          (st, secs))
    c.execute("ROLLBACK")
    c.close()
    st, hd, body, secs = sign_in("victim3", "wrong password", source="127.0.0.50", timeout=30)
    check("unlocked_db_wrong_password_401", st == 401, (st, secs))


def nul():
    st, hd, body, _ = sign_in("boss", "correct horse battery")
    sid = cookie(hd, "talka_session")
    st, hd, body, _ = request("GET", "/volunteer?id=1", headers={"Cookie": "talka_session=" + sid})
    check("nul_text_shown_escaped", st == 200 and "KOKS 3\u2400 after the NUL" in body,
          (st, re.findall(r"KOKS[^<]{0,40}", body)))


if PART == "flood":
    flood()
elif PART == "deadline":
    deadline(int(sys.argv[3]))
elif PART == "redirects":
    redirects()
elif PART == "enum":
    enum()
elif PART == "locked":
    locked(sys.argv[3])
elif PART == "nul":
    nul()
else:
    raise SystemExit("unknown part " + PART)
sys.exit(1 if failed else 0)
