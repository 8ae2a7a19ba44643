#!/bin/sh
# harden_exit_codes.sh (issue 11, item 13): one rule for all of talka: 2 for a
# usage error or a wrong value in the configuration, 1 for a problem met while
# acting (a file, secret, port, permission or database that cannot be used).
. tests/lib.sh
. tests/lib/ussd.sh
plan 13
scratch
ussd_config
rc_of() { "$@" > "$T/out" 2>&1; echo $?; }
# a group-readable pseudonym secret: 1 (it was 2), like a bad USSD secret
"$TALKA" stats > /dev/null 2>&1
chmod 640 "$T/var/talka.secret"
expect_eq exit_pseudonym_secret_group_readable_run "$(rc_of "$TALKA" run)" 1
expect_match exit_pseudonym_secret_named "$(cat "$T/out")" 'talka.secret'
expect_eq exit_pseudonym_secret_group_readable_sms "$(rc_of "$TALKA" sms +37120000001 'KOKS 1 OZOLS Cesis')" 1
chmod 600 "$T/var/talka.secret"
chmod 644 "$T/ussd.secret"
expect_eq exit_ussd_secret_readable "$(rc_of "$TALKA" run)" 1
chmod 600 "$T/ussd.secret"
# wrong values in the configuration: 2
ussd_config "threads = 0"
expect_eq exit_ussd_threads_out_of_range "$(rc_of "$TALKA" run)" 2
ussd_config "allow = 10.0.0.0/40"
expect_eq exit_ussd_bad_allow "$(rc_of "$TALKA" run)" 2
ussd_config
# usage: 2
expect_eq exit_run_usage "$(rc_of "$TALKA" run extra)" 2
expect_eq exit_sms_usage "$(rc_of "$TALKA" sms)" 2
# a database written by a newer talka cannot be used: 1
sqlite3 "$T/var/talka.db" 'PRAGMA user_version = 999'
expect_eq exit_newer_database "$(rc_of "$TALKA" stats)" 1
expect_match exit_newer_database_says_so "$(cat "$T/out")" 'newer'
sqlite3 "$T/var/talka.db" 'PRAGMA user_version = 5'
# the registry's token readable by others: 1 for the flush command too
printf 'token-%s-0123456789\n' $$ > "$T/token"; chmod 644 "$T/token"
printf 'pseudonym-secret-%s-0123\n' $$ > "$T/rsecret"; chmod 600 "$T/rsecret"
printf '\n[registry]\nurl = https://127.0.0.1:9/api\ntoken_file = %s\nsecret_file = %s\ngateway_id = t\n' \
    "$T/token" "$T/rsecret" >> "$CONF"
expect_eq exit_registry_token_readable "$(rc_of "$TALKA" registry flush)" 1
# the manual states the rule
sect=$(sed -n '/^## EXIT STATUS/,/^## /p' docs/talka.md)
expect_match exit_rule_documented "$sect" 'secret file readable by group or others'
if printf '%s' "$sect" | grep -A4 '\*\*2\*\*' | grep -q 'readable by'; then
    not_ok exit_rule_secret_not_under_2; else ok exit_rule_secret_not_under_2; fi
finish
