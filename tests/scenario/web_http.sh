#!/bin/sh
# web_http.sh: every dashboard route over plain HTTP (tests/lib/web_http.py): no
# session -> redirect or 401; viewer -> 403 on moderation, broadcasts, volunteers
# and accounts, and no phone number in anything a viewer gets; a changing request
# without the CSRF token -> 403; cookie flags; 10 wrong passwords lock the 11th
# attempt; the audit log names the account. Also `talka web user` and [web] keys.
. tests/lib.sh
. tests/lib/web.sh
plan 188  # 36 here, 152 from tests/lib/web_http.py
scratch
web_config
# the first start (make run): an admin with a random password, printed once
first=$("$TALKA" web bootstrap)
expect_match web_bootstrap_prints_password "$first" '^dashboard account created: admin / [A-Za-z0-9]{20}$'
expect_eq web_bootstrap_only_once "$("$TALKA" web bootstrap)" ""
if grep -rqs "$(printf '%s' "$first" | head -1 | sed 's/.* \/ //')" "$T/var"; then
    not_ok web_bootstrap_password_not_stored
else
    ok web_bootstrap_password_not_stored
fi
check web_user_add_admin web_user boss admin 'correct horse battery'
check web_bootstrap_admin_removable sh -c "'$TALKA' web user remove admin > /dev/null"
check web_user_add_viewer web_user view viewer 'viewer password 1'
printf 'short\n' | "$TALKA" web user add x --role viewer --password-stdin > /dev/null 2>&1
expect_eq web_user_short_password_refused "$?" 2
printf 'long enough 1\n' | "$TALKA" web user add boss --role viewer --password-stdin > /dev/null 2>&1
expect_eq web_user_name_taken "$?" 1
printf 'long enough 1\n' | "$TALKA" web user add Bad/Name --role viewer --password-stdin > /dev/null 2>&1
expect_eq web_user_bad_name "$?" 2
"$TALKA" web user add y --role root --password-stdin < /dev/null > /dev/null 2>&1
expect_eq web_user_bad_role "$?" 2
expect_match web_user_list "$("$TALKA" web user list)" 'boss +admin'
expect_match web_hash_is_yescrypt "$(web_sql "SELECT hash FROM web_accounts WHERE name='boss'")" '^\$y\$'
"$TALKA" web user remove boss > /dev/null 2>&1
expect_eq web_user_last_admin_stays "$?" 1
"$TALKA" sms +37126000001 "KOKS 12 OZOLS Cesis" > /dev/null 2>&1
"$TALKA" sms +37126000002 "KOKS 500 BERZS Talsi" > /dev/null 2>&1
web_start || not_ok web_http_daemon_up
/usr/bin/python3 tests/lib/web_http.py "$WEB"
expect_match web_export_numbers_audited "$(web_sql "SELECT actor || ' ' || action || ' ' || subject FROM audit_log WHERE action = 'export_numbers'")" 'web:boss export_numbers volunteers.csv'
expect_match web_audit_names_account "$(web_sql "SELECT actor || ' ' || action FROM audit_log WHERE action = 'web_user_add' AND actor = 'web:boss'")" 'web:boss web_user_add'
if grep -q 'correct horse' "$T/run.log"; then not_ok web_password_not_logged; else ok web_password_not_logged; fi
web_stop web_http_stop
printf 'viewer password 2\n' | "$TALKA" web user passwd view --password-stdin > /dev/null
expect_eq web_user_passwd_unlocks "$(web_sql "SELECT failures || ' ' || locked_until FROM web_accounts WHERE name='view'")" "0 0"
check web_user_remove sh -c "'$TALKA' web user remove view > /dev/null"

# the trusted proxy's headers count only from it
web_config "trusted_proxy = 127.0.0.1"
web_start || not_ok web_proxy_daemon_up
/usr/bin/python3 - "$WEB" <<'PY'
import re, sys, urllib.request, urllib.parse, http.cookiejar
base = sys.argv[1]
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
o = urllib.request.build_opener(NoRedirect)
h = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
r = o.open(urllib.request.Request(base + "/login", headers=h))
pre = [v for k, v in r.headers.items() if k.lower() == "set-cookie" and v.startswith("talka_login=")]
print("ok web_proxy_login_cookie_secure" if pre and "Secure" in pre[0] else "not ok web_proxy_login_cookie_secure")
tok = re.search(r'name="token" value="([0-9a-f]+)"', r.read().decode()).group(1)
data = urllib.parse.urlencode({"token": tok, "username": "boss", "password": "correct horse battery"}).encode()
h["Cookie"] = "talka_login=" + tok   # what a browser sends over the proxy's HTTPS
try:
    r = o.open(urllib.request.Request(base + "/login", data=data, headers=h))
except urllib.error.HTTPError as e:
    r = e
c = [v for k, v in r.headers.items() if k.lower() == "set-cookie" and v.startswith("talka_session=")]
print("ok web_proxy_secure_cookie" if c and "Secure" in c[0] else "not ok web_proxy_secure_cookie")
# from elsewhere than the proxy the headers are not believed
PY
expect_match web_proxy_client_address "$(web_sql "SELECT address FROM web_sessions ORDER BY created_at DESC LIMIT 1")" '^203\.0\.113\.9$'
web_stop web_proxy_stop

# HTTPS through libmicrohttpd: a self-signed certificate, the key private to talka
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$T/web.key" -out "$T/web.crt" > /dev/null 2>&1
chmod 600 "$T/web.key"
web_sql "DELETE FROM web_login_failures"   # the lockout above holds 127.0.0.1 for 15 min
web_config "cert_file = $T/web.crt" "key_file = $T/web.key"
web_start || not_ok web_tls_daemon_up
HTTPS="https://127.0.0.1:$WPORT"
expect_match web_tls_login_page "$(curl -s --cacert "$T/web.crt" -o /dev/null -w '%{http_code}' "$HTTPS/login")" '^200$'
curl -s --cacert "$T/web.crt" -c "$T/tls.jar" -o "$T/tls.html" "$HTTPS/login"
tok=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/tls.html")
hdr=$(curl -s --cacert "$T/web.crt" -b "$T/tls.jar" -D - -o /dev/null \
      --data-urlencode "token=$tok" --data-urlencode username=boss \
      --data-urlencode "password=correct horse battery" "$HTTPS/login")
expect_match web_tls_session_cookie_secure "$(printf '%s' "$hdr" | grep -i '^set-cookie: talka_session=')" 'HttpOnly; SameSite=Strict; Secure'
expect_match web_tls_hsts "$hdr" 'Strict-Transport-Security'
expect_match web_tls_plain_http_refused "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WPORT/login")" '^000$'
web_stop web_tls_stop
chmod 644 "$T/web.key"
web_config "cert_file = $T/web.crt" "key_file = $T/web.key"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
expect_eq web_tls_open_key_refused "$rc" 1
expect_match web_tls_open_key_message "$(cat "$T/bad.log")" 'chmod 600'

# bad [web] values are refused naming the key
# (a value out of its range is refused when the config is read: exit 2, issue 12)
web_config "session_idle = 5"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
expect_eq web_bad_idle_refused "$rc" 2
expect_match web_bad_idle_names_key "$(cat "$T/bad.log")" 'session_idle'
web_config "cert_file = $T/none.pem"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
expect_eq web_cert_without_key_refused "$rc" 1
expect_match web_cert_without_key_message "$(cat "$T/bad.log")" 'key_file'
web_config "trusted_proxy = proxy.example"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
# a wrong value in the configuration: exit 2 from the config check, naming the key
expect_eq web_bad_proxy_refused "$rc" 2
expect_match web_bad_proxy_message "$(cat "$T/bad.log")" \
    "talka.ini:[0-9]+: \[web\] trusted_proxy: 'proxy.example' is not an IP address"
finish
