#!/bin/sh
# harden_secrets.sh (issue 11, item 1): secrets are measured by their real
# length. A USSD key or pseudonym secret that contains a NUL byte, is shorter
# than 16 bytes or is only white space is refused (exit 1, naming the file);
# "?key=RIGHT%00junk" is not the key; auto-created secrets stay 64 hex digits.
. tests/lib.sh
. tests/lib/ussd.sh
plan 19
scratch
ussd_config
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
FORM='sessionId=sec1&serviceCode=*123%23&phoneNumber=26100001&networkCode=LMT&text='

# refuse_key NAME: talka run must exit 1 naming the key file, and not listen
refuse_key() {
    "$TALKA" run > "$T/bad.log" 2>&1 &
    pid=$!
    sleep 0.1
    i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if kill -0 $pid 2>/dev/null; then
        c=$(code -d "$FORM" "$BASE?key=")
        kill -TERM $pid; wait $pid
        not_ok "$1" "talka run started (empty key answered $c)"
        not_ok "$1_names_file" "it did not exit"
        return
    fi
    wait $pid; rc=$?
    expect_eq "$1" "$rc" 1
    expect_match "$1_names_file" "$(cat "$T/bad.log")" "ussd.secret"
}
printf '\000%s\n' "$SECRET" > "$T/ussd.secret"
refuse_key secrets_ussd_key_leading_nul
printf '%s\000junk\n' "$SECRET" > "$T/ussd.secret"
refuse_key secrets_ussd_key_inner_nul
printf 'short-key\n' > "$T/ussd.secret"
refuse_key secrets_ussd_key_too_short
printf '   \t   \n\n    \n' > "$T/ussd.secret"
refuse_key secrets_ussd_key_only_space

# the right key with a NUL and more after it is not the key
printf '%s\n' "$SECRET" > "$T/ussd.secret"
ussd_start || not_ok secrets_daemon_up
expect_eq secrets_key_nul_suffix "$(code -d "$FORM" "$BASE?key=$SECRET%00junk")" 403
expect_eq secrets_key_nul_only "$(code -d "$FORM" "$BASE?key=%00")" 403
expect_eq secrets_key_right "$(code -d "$FORM" "$URL")" 200
ussd_stop secrets_daemon_stop

# the pseudonym secret: auto-created as 64 hex digits, refused when broken
awk '/^\[ussd\]/ { skip = 1 } /^\[/ && !/^\[ussd\]/ { skip = 0 } !skip' "$CONF" > "$T/c" && mv "$T/c" "$CONF"
"$TALKA" sms +37120000001 "KOKS 3 OZOLS Cesis" > /dev/null 2>&1
expect_match secrets_pseudonym_autocreated "$(cat "$T/var/talka.secret")" '^[0-9a-f]{64}$'
refuse_pseudonym() {
    "$TALKA" sms +37120000001 "KOKS 3 OZOLS Cesis" > "$T/p.log" 2>&1; rc=$?
    expect_eq "$1" "$rc" 1
    expect_match "$1_names_file" "$(cat "$T/p.log")" 'talka\.secret'
}
printf '\000%s' "$(cat "$T/var/talka.secret")" > "$T/s" && cat "$T/s" > "$T/var/talka.secret"
refuse_pseudonym secrets_pseudonym_leading_nul
printf 'tooshort' > "$T/var/talka.secret"
refuse_pseudonym secrets_pseudonym_too_short
printf ' \n \n' > "$T/var/talka.secret"
refuse_pseudonym secrets_pseudonym_only_space
finish
