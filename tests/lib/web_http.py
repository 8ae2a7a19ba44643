"""web_http.py: HTTP-level checks of every dashboard route (run by
tests/scenario/web_http.sh against a running `talka run`). Prints "ok NAME" or
"not ok NAME" lines. usage: web_http.py BASE_URL"""
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1]
PASSWORDS = {"boss": "correct horse battery", "coord": "coordinator pass 1", "view": "viewer password 1"}
GET_ROUTES = ["/", "/overview", "/api/overview", "/health", "/downloads", "/downloads/plantings.csv",
              "/downloads/plantings.geojson", "/moderation", "/moderation/report?n=1", "/broadcasts",
              "/volunteers?q=26000001", "/volunteer?id=1", "/accounts", "/downloads/volunteers.csv",
              "/downloads/messages.csv"]
POST_ROUTES = ["/logout", "/moderation/approve", "/moderation/reject", "/broadcasts/preview",
               "/broadcasts/create", "/broadcasts/cancel", "/volunteer/reminders", "/volunteer/erase",
               "/accounts/add", "/accounts/passwd", "/accounts/remove", "/volunteer/message",
               "/broadcasts/count", "/sms-count", "/moderation/reject-preview"]
COORD_ONLY = ["/moderation", "/moderation/report?n=1", "/broadcasts", "/volunteers?q=26000001", "/volunteer?id=1",
              "/downloads/volunteers.csv", "/downloads/messages.csv"]
ADMIN_ONLY = ["/accounts"]
PHONE = re.compile(r"\+?371\s?2\d{7}|\b2\d{7}\b")
failed = False


def check(name, cond, detail=""):
    global failed
    print(("ok " if cond else "not ok ") + name)
    if not cond:
        failed = True
        if detail:
            print("    " + str(detail)[:300])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect), jar


def req(opener, path, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    r = urllib.request.Request(BASE + path, data=body, headers=headers or {})
    try:
        resp = opener.open(r, timeout=20)
        return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def login(name, password=None, opener=None, headers=None):
    opener, jar = opener or client()
    st, hd, body = req(opener, "/login", headers=headers)
    m = re.search(r'name="token" value="([0-9a-f]+)"', body)
    st, hd, body = req(opener, "/login", {"token": m.group(1) if m else "", "username": name,
                                          "password": password or PASSWORDS.get(name, "x"),
                                          "next": "/overview"}, headers)
    return opener, st, hd, body


def csrf_of(opener):
    st, hd, body = req(opener, "/overview")
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', body)
    return m.group(1) if m else ""


# no session: pages redirect to the login, the API and every POST answer 401
anon, _ = client()
for p in GET_ROUTES:
    st, hd, body = req(anon, p)
    want = 401 if p.startswith("/api/") else 303
    check("anon_get_%s_%d" % (p.strip("/").split("?")[0].replace("/", "_") or "root", want),
          st == want and (want == 401 or hd.get("Location", "").startswith("/login")), (st, hd.get("Location")))
for p in POST_ROUTES:
    st, hd, body = req(anon, p, {"x": "1"})
    check("anon_post_%s_401" % p.strip("/").replace("/", "_"), st == 401, st)
st, hd, body = req(anon, "/assets/style.css")
check("asset_served_without_session", st == 200 and "text/css" in hd.get("Content-Type", ""), st)
st, hd, body = req(anon, "/login")
check("login_form_autocomplete", 'autocomplete="username"' in body and 'autocomplete="current-password"' in body)
check("login_page_csp", "default-src 'self'" in hd.get("Content-Security-Policy", ""))

# login without the form's token is refused; then a real login and the cookie flags
o, _ = client()
st, hd, body = req(o, "/login", {"username": "boss", "password": PASSWORDS["boss"]})
check("login_without_token_403", st == 403, st)
o, st, hd, body = login("boss")
cookies = [v for k, v in hd.items() if k.lower() == "set-cookie" and v.startswith("talka_session=")]
check("login_303", st == 303 and hd.get("Location") == "/overview", (st, hd.get("Location")))
c = cookies[0] if cookies else ""
m = re.match(r"talka_session=([0-9a-f]+);", c)
check("session_cookie_256_bits", bool(m) and len(m.group(1)) == 64, c)
check("session_cookie_httponly", "HttpOnly" in c, c)
check("session_cookie_samesite_strict", "SameSite=Strict" in c, c)
check("session_cookie_not_secure_over_http", "Secure" not in c, c)
admin = o
for p in GET_ROUTES:
    st, hd, body = req(admin, p)
    check("admin_get_%s_200" % (p.strip("/").split("?")[0].replace("/", "_") or "root"),
          st in (200, 303), st)

# a changing request without (or with a wrong) CSRF token: 403, nothing changes
for p in POST_ROUTES:
    st, hd, body = req(admin, p, {"n": "1", "id": "1", "name": "x", "reason": "r"})
    check("no_csrf_post_%s_403" % p.strip("/").replace("/", "_"), st == 403, st)
st, hd, body = req(admin, "/accounts/add", {"csrf": "0" * 64, "name": "evil", "role": "admin",
                                            "password": "evil password 1"})
check("wrong_csrf_403", st == 403, st)
st, hd, body = req(admin, "/accounts")
check("wrong_csrf_changed_nothing", "evil" not in body)
token = csrf_of(admin)
# a new password is typed twice: two different ones add nothing
st, hd, body = req(admin, "/accounts/add", {"csrf": token, "name": "coord", "role": "coordinator",
                                            "password": PASSWORDS["coord"], "password2": "coordinator pass 2"})
st, hd, body = req(admin, "/accounts")
check("account_password_twice_differs_refused", "Paroles nesakrīt" in body and ">coord<" not in body)
st, hd, body = req(admin, "/accounts/add", {"csrf": token, "name": "coord", "role": "coordinator",
                                            "password": PASSWORDS["coord"], "password2": PASSWORDS["coord"]})
# the notice after an action lives in the session, shown once, never in the address
check("admin_adds_coordinator", st == 303 and hd.get("Location") == "/accounts", (st, hd.get("Location")))
st, hd, body = req(admin, "/accounts")
check("notice_shown_after_action", 'class="notice ok"' in body)
st, hd, body = req(admin, "/accounts")
check("notice_shown_once", 'class="notice' not in body)
st, hd, body = req(admin, "/accounts?err=%3Cb%3EYour+account+is+locked%3C%2Fb%3E&msg=Call+us")
check("notice_not_from_address", "locked" not in body and "Call us" not in body)

# viewer: overview, health, downloads; 403 on moderation, broadcasts, volunteers, accounts
viewer, st, hd, body = login("view")
check("viewer_login", st == 303, st)
for p in ["/overview", "/health", "/downloads", "/downloads/plantings.csv", "/downloads/plantings.geojson",
          "/api/overview"]:
    st, hd, body = req(viewer, p)
    check("viewer_get_%s_200" % p.strip("/").replace("/", "_"), st == 200, st)
    check("viewer_no_phone_%s" % p.strip("/").replace("/", "_"), not PHONE.search(body),
          PHONE.search(body) and PHONE.search(body).group(0))
for p in COORD_ONLY + ADMIN_ONLY:
    st, hd, body = req(viewer, p)
    check("viewer_get_%s_403" % p.strip("/").split("?")[0].replace("/", "_"), st == 403, st)
    check("viewer_403_no_phone_%s" % p.strip("/").split("?")[0].replace("/", "_"), not PHONE.search(body))
vtoken = csrf_of(viewer)
for p in POST_ROUTES[1:]:
    st, hd, body = req(viewer, p, {"csrf": vtoken, "n": "1", "id": "1", "name": "view", "reason": "r"})
    check("viewer_post_%s_403" % p.strip("/").replace("/", "_"), st == 403, st)
st, hd, body = req(viewer, "/overview")
check("viewer_menu_has_no_moderation", "/moderation" not in body and "/accounts" not in body)

# coordinator: moderation, broadcasts and volunteers (with numbers); not accounts or erasure
coord, st, hd, body = login("coord")
check("coordinator_login", st == 303, st)
for p in COORD_ONLY:
    st, hd, body = req(coord, p)
    check("coordinator_get_%s_200" % p.strip("/").split("?")[0].replace("/", "_"), st == 200, st)
st, hd, body = req(coord, "/volunteer?id=1")
check("coordinator_sees_number", "+37126000001" in body)
st, hd, body = req(coord, "/accounts")
check("coordinator_accounts_403", st == 403, st)
# the people exports: pseudonyms for coordinators, numbers only for admins
st, hd, body = req(coord, "/downloads/volunteers.csv")
check("coordinator_volunteers_csv_no_numbers", body.startswith("pseudonym,name,language,reminders,municipality,points")
      and "V-" in body and not PHONE.search(body), body[:200])
st, hd, body = req(coord, "/downloads/messages.csv")
check("coordinator_messages_csv_no_numbers", body.startswith("time,direction,pseudonym,kind") and "KOKS" in body
      and not PHONE.search(body), body[:200])
st, hd, body = req(admin, "/downloads/volunteers.csv")
check("admin_volunteers_csv_numbers", body.startswith("pseudonym,number,name") and "+37126000001" in body, body[:200])
ctoken = csrf_of(coord)
st, hd, body = req(coord, "/volunteer/erase", {"csrf": ctoken, "id": "1", "confirm": "yes"})
check("coordinator_erase_403", st == 403, st)
st, hd, body = req(coord, "/broadcasts/preview", {"csrf": ctoken, "segment": "file:/etc/passwd", "text": "x"})
check("broadcast_file_segment_refused", st == 200 and "file:" in body and 'id="plan"' not in body)

# reminders off and on again by a coordinator; erasure by an admin (confirmed)
st, hd, body = req(coord, "/volunteer/reminders", {"csrf": ctoken, "id": "1", "on": "0"})
check("coordinator_reminders_off", st == 303 and hd.get("Location") == "/volunteer?id=1", (st, hd.get("Location")))
st, hd, body = req(coord, "/volunteer?id=1")
check("reminders_shown_off", 'id="reminders">izslēgti' in body)
# back on only with the confirmation that the volunteer asked for it (they may have sent STOP)
st, hd, body = req(coord, "/volunteer/reminders", {"csrf": ctoken, "id": "1", "on": "1"})
st, hd, body = req(coord, "/volunteer?id=1")
check("reminders_on_needs_confirmation", 'id="reminders">izslēgti' in body and 'class="notice bad"' in body)
st, hd, body = req(coord, "/volunteer/reminders", {"csrf": ctoken, "id": "1", "on": "1", "confirm": "yes"})
st, hd, body = req(coord, "/volunteer?id=1")
check("reminders_shown_on", 'id="reminders">ieslēgti' in body)
st, hd, body = req(admin, "/volunteer/erase", {"csrf": token, "id": "2"})
check("erase_needs_confirmation", st == 303 and "err=" not in hd.get("Location", ""), (st, hd.get("Location")))
st, hd, body = req(admin, hd.get("Location", "/"))
check("erase_needs_confirmation_notice", 'class="notice bad"' in body)
st, hd, body = req(admin, "/volunteer?id=2")
check("unconfirmed_erase_changed_nothing", st == 200 and "+37126000002" in body, st)
st, hd, body = req(admin, "/volunteer/erase", {"csrf": token, "id": "2", "confirm": "yes"})
check("admin_erases_volunteer", st == 303 and hd.get("Location") == "/volunteers", (st, hd.get("Location")))
st, hd, body = req(admin, "/volunteer?id=2")
check("erased_volunteer_gone", st == 404, st)
st, hd, body = req(admin, "/volunteers?q=26000002")
check("erased_volunteer_not_found", "+37126000002" not in body and 'id="no-results"' in body)

# unknown path 404, wrong method 405, not a form 415
st, hd, body = req(admin, "/nope")
check("unknown_path_404", st == 404, st)
st, hd, body = req(admin, "/moderation", {"csrf": token})
check("post_to_get_route_405", st == 405, st)
r = urllib.request.Request(BASE + "/accounts/add", data=b"{}", headers={"Content-Type": "application/json"})
try:
    st = admin.open(r, timeout=10).status
except urllib.error.HTTPError as e:
    st = e.code
check("json_body_415", st == 415, st)

# logout ends the session
st, hd, body = req(coord, "/logout", {"csrf": ctoken})
check("logout_303", st == 303, st)
st, hd, body = req(coord, "/overview")
check("after_logout_redirect", st == 303, st)

# 10 wrong passwords lock the account (the 11th attempt, even right, is refused)
locker, _ = client()
codes = [login("view", "wrong password")[1] for _ in range(10)]
check("ten_wrong_passwords_401", codes == [401] * 10, codes)
_, st, hd, body = login("view")
check("eleventh_attempt_locked_429", st == 429 and "15" in body, st)

sys.exit(1 if failed else 0)
