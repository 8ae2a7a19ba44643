#!/bin/sh
# web_db_fault.sh: a dashboard read that fails is shown as a failure, never as
# an empty list or a 0. Under a running dashboard, tables are moved away one at
# a time (so every read of them fails) and the pages that read them answer with
# a 500 page, an error row or a dash: the moderation list and a report, the
# volunteer search and page, the overview's figures, municipalities and days,
# the health page's USSD figures, and the login's lockout check (a 500, not a
# "wrong password"). With the tables back, the same pages show their rows.
. tests/lib.sh
. tests/lib/web.sh
plan 25  # 2 here, 23 from the script below
scratch
web_config
web_user boss admin 'correct horse battery'
"$TALKA" sms +37126000001 "KOKS 12 OZOLS Cesis" > /dev/null 2>&1
"$TALKA" sms +37126000002 "KOKS 500 BERZS Talsi" > /dev/null 2>&1   # waits for review
web_start || not_ok web_fault_daemon_up
/usr/bin/python3 - "$WEB" "$T/var/talka.db" <<'PY'
import http.cookiejar, json, re, sqlite3, sys, urllib.error, urllib.parse, urllib.request
base, path = sys.argv[1], sys.argv[2]
db = sqlite3.connect(path, timeout=10, isolation_level=None)

def check(name, cond, detail=""):
    print(("ok " if cond else "not ok ") + "web_fault_" + name)
    if not cond and detail:
        print("    " + str(detail)[:300])

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def get(o, p, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        r = o.open(urllib.request.Request(base + p, data=body), timeout=20)
        return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")

def login(o):
    st, body = get(o, "/login")
    m = re.search(r'name="token" value="([0-9a-f]+)"', body)
    return get(o, "/login", {"token": m.group(1) if m else "", "username": "boss",
                             "password": "correct horse battery", "next": "/overview"})

def moved(table):
    db.execute("ALTER TABLE %s RENAME TO %s_moved" % (table, table))

def back(table):
    db.execute("ALTER TABLE %s_moved RENAME TO %s" % (table, table))

def figure(body, key):
    m = re.search(r'id="fig-%s">([^<]*)<' % key, body)
    return m.group(1) if m else None

def error_in(body, table_id):
    m = re.search(r'id="%s".*?</table>' % table_id, body, re.S)
    return bool(m) and 'class="db-error"' in m.group(0)

o = client()
st, _ = login(o)
check("login_before", st == 303, st)
st, body = get(o, "/moderation")
check("moderation_lists_before", st == 200 and 'id="reviews"' in body, st)

moved("plantings")
st, body = get(o, "/moderation")
check("moderation_500", st == 500 and "Datubāzes kļūda" in body and "no-reviews" not in body, (st, body[:200]))
st, body = get(o, "/moderation/report?n=1")
check("report_500", st == 500 and "no longer waits" not in body, st)
st, body = get(o, "/volunteer?id=1")
check("volunteer_plantings_error_row", st == 200 and error_in(body, "plantings"), st)
check("volunteer_ledger_still_read", st == 200 and not error_in(body, "ledger"), st)
st, body = get(o, "/overview")
check("overview_waiting_dash", figure(body, "waiting") == "\u2014", figure(body, "waiting"))
check("overview_days_error_line", 'class="bars"' not in body and 'db-error' in body, st)
check("overview_accepted_still_read", figure(body, "accepted") == "12", figure(body, "accepted"))
st, body = get(o, "/api/overview")
a = json.loads(body) if st == 200 else {}
check("api_waiting_null", "waiting" in a and a["waiting"] is None and a.get("accepted") == 12, body)
back("plantings")

moved("tree_totals")
st, body = get(o, "/overview")
check("overview_accepted_dash", figure(body, "accepted") == "\u2014", figure(body, "accepted"))
check("overview_municipalities_error_row", error_in(body, "by-municipality") and "No trees yet" not in body
      and "Vēl nav koku" not in body, st)
back("tree_totals")

moved("ussd_sessions")
st, body = get(o, "/health")
check("health_ussd_error_row", st == 200 and error_in(body, "ussd"), st)
check("health_queues_still_read", st == 200 and not error_in(body, "queues"), st)
back("ussd_sessions")

moved("points_ledger")
st, body = get(o, "/volunteers?q=26000001")
check("search_500", st == 500 and "no-results" not in body, st)
st, body = get(o, "/volunteer?id=1")
check("volunteer_ledger_error_row", error_in(body, "ledger"), st)
back("points_ledger")

moved("web_login_failures")
st, body = login(client())
check("login_lockout_unreadable_500", st == 500, st)
back("web_login_failures")

st, body = get(o, "/moderation")
check("moderation_lists_after", st == 200 and 'id="reviews"' in body and "db-error" not in body, st)
st, body = get(o, "/volunteers?q=26000001")
check("search_finds_after", st == 200 and 'id="results"' in body, st)
st, body = get(o, "/overview")
check("overview_after", figure(body, "accepted") == "12" and figure(body, "waiting") == "500"
      and "db-error" not in body, (figure(body, "accepted"), figure(body, "waiting")))
st, body = get(o, "/health")
check("health_after", st == 200 and "db-error" not in body, st)
st, body = get(o, "/volunteer?id=1")
check("volunteer_after", st == 200 and "db-error" not in body and 'id="plantings"' in body, st)
st, _ = login(client())
check("login_after", st == 303, st)
PY
if grep -q 'correct horse' "$T/run.log"; then not_ok web_fault_password_not_logged; else ok web_fault_password_not_logged; fi
web_stop web_fault_clean_stop
finish
