"""web_bench.py: answer times of dashboard pages as a signed-in coordinator sees
them (one client, keep-alive off, like a browser's page load). Prints
"web_client_PAGE: p50 X ms, p95 Y ms over N requests" and exits 1 when a request
failed (bench/web.sh judges the goal on the server's own handling time). A PATH
"POST /url?a=1&b=2" is a form sent as a POST (the query as its body, with the
session's CSRF token), answered with JSON holding "recipients" (the live count).
A PATH may be given as NAME=PATH to name its line.
usage: web_bench.py BASE USER PASSWORD N [NAME=]PATH..."""
import http.cookiejar
import re
import sys
import time
import urllib.parse
import urllib.request

base, user, pw, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
jar = http.cookiejar.CookieJar()
o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
tok = re.search(r'name="token" value="([0-9a-f]+)"', o.open(base + "/login").read().decode()).group(1)
o.open(base + "/login", urllib.parse.urlencode({"token": tok, "username": user, "password": pw}).encode()).read()
status = 0
csrf = None


def fetch(path):
    """GET path, or POST its query with the CSRF token for "POST /url?query" """
    global csrf
    if not path.startswith("POST "):
        return o.open(base + path)
    if csrf is None:
        csrf = re.search(r'name="csrf" value="([^"]+)"', o.open(base + "/broadcasts").read().decode()).group(1)
    url, _, query = path[5:].partition("?")
    return o.open(base + url, (query + "&csrf=" + urllib.parse.quote(csrf)).encode())


for arg in sys.argv[5:]:
    # NAME=PATH names the line (the same page with several kinds of query)
    m = re.match(r"([a-z_]+)=(.*)$", arg)
    name, path = (m.group(1), m.group(2)) if m else (None, arg)
    if n == 0:                          # just the page, once (bench/web.sh reads it)
        sys.stdout.write(fetch(path).read().decode())
        continue
    fetch(path).read()                  # warm the caches once
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = fetch(path)
        body = r.read()
        times.append((time.perf_counter() - t0) * 1000)
        if r.status != 200 or len(body) < 50 and not (path.startswith("POST ") and b'"recipients"' in body):
            print("web: %s answered %d (%d bytes)" % (path, r.status, len(body)))
            status = 1
            break
    times.sort()
    p50, p95 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]
    name = name or path.replace("POST ", "").strip("/").split("?")[0].replace("/", "_")
    print("web_client_%s: p50 %.1f ms, p95 %.1f ms over %d requests, %d bytes"
          % (name, p50, p95, n, len(body)))
sys.exit(status)
