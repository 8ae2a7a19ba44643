#!/bin/sh
# ussd_access.sh: who may call the USSD endpoint: without the key, with a wrong
# key, or from outside [ussd] allow the answer is 403 with an empty body and
# nothing is stored (outside allow the connection is closed before anything is
# read); wrong path 404, GET 405, not a form 415. Start-up refuses a missing or
# world-readable secret (exit 1) and a malformed allow list (exit 2).
. tests/lib.sh
. tests/lib/ussd.sh
plan 26
scratch
ussd_config
need_ussd

# status and body length of one request: code NAME CURL-ARGS...
code() { curl -s -o "$T/body" -w '%{http_code} %{size_download}' "$@"; }
FORM='sessionId=acc1&serviceCode=*123%23&phoneNumber=26100001&networkCode=LMT&text='
expect_eq ussd_403_no_key "$(code -d "$FORM" "$BASE")" "403 0"
expect_eq ussd_403_wrong_key "$(code -d "$FORM" "$BASE?key=nope")" "403 0"
expect_eq ussd_403_empty_key "$(code -d "$FORM" "$BASE?key=")" "403 0"
expect_eq ussd_403_key_prefix "$(code -d "$FORM" "$BASE?key=${SECRET%?}")" "403 0"
expect_eq ussd_403_key_in_body "$(code -d "$FORM&key=$SECRET" "$BASE")" "403 0"
expect_eq ussd_403_get_no_key "$(code "$BASE")" "403 0"
expect_eq ussd_403_other_path_no_key "$(code -d "$FORM" "http://127.0.0.1:$PORT/admin")" "403 0"
expect_eq ussd_nothing_stored_on_403 "$(q 'SELECT count(*) FROM ussd_sessions')" 0
expect_match ussd_200_with_key "$(code -d "$FORM" "$URL")" '^200 '
expect_match ussd_404_other_path "$(code -d "$FORM" "http://127.0.0.1:$PORT/x?key=$SECRET")" '^404 '
expect_match ussd_405_get "$(code "$URL")" '^405 '
expect_match ussd_415_json "$(code -H 'Content-Type: application/json' -d '{}' "$URL")" '^415 '
expect_match ussd_400_no_fields "$(code -d 'foo=bar' "$URL")" '^400 '
big=$(python3 -c 'print("text=" + "9" * 70000)')
expect_match ussd_413_huge_body "$(printf '%s' "$big" | code --data-binary @- "$URL")" '^413 '
ussd_stop ussd_access_stop
if grep -q "$SECRET" "$T/run.log"; then not_ok ussd_access_secret_not_logged; else ok ussd_access_secret_not_logged; fi

# outside allow: the connection is closed as it is accepted, before anything is
# read, even with the right key (no HTTP answer at all)
ussd_config "allow = 10.0.0.0/8, 192.0.2.1"
need_ussd
expect_eq ussd_closed_outside_allow "$(code -d "$FORM" "$URL")" "000 0"
ussd_stop ussd_allow_stop
ussd_config "allow = 10.0.0.0/8 127.0.0.0/8"
need_ussd
expect_match ussd_200_inside_allow "$(code -d "$FORM" "$URL")" '^200 '
ussd_stop ussd_allow2_stop

# start-up refuses what would leave the endpoint open or broken: a wrong value
# in the configuration exits 2, a secret that cannot be used 1
ussd_config "allow = 10.0.0.0/40"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
expect_eq ussd_bad_allow_refused "$rc" 2
expect_match ussd_bad_allow_message "$(cat "$T/bad.log")" 'allow'
ussd_config
chmod 644 "$T/ussd.secret"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
expect_eq ussd_open_secret_refused "$rc" 1
expect_match ussd_open_secret_message "$(cat "$T/bad.log")" 'chmod 600'
if grep -q "$SECRET" "$T/bad.log"; then not_ok ussd_open_secret_not_printed; else ok ussd_open_secret_not_printed; fi
ussd_config
rm -f "$T/ussd.secret"
"$TALKA" run > "$T/bad.log" 2>&1; rc=$?
expect_eq ussd_missing_secret_refused "$rc" 1
finish
