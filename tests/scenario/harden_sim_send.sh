#!/bin/sh
# harden_sim_send.sh (issue 11, item 12): `talka sim send` never cuts what it
# is given: a text longer than 50 SMS parts, a 300-digit number and invalid
# UTF-8 are refused with exit 2 and the reason; nothing reaches the phone.
. tests/lib.sh
plan 15
scratch
mkdir -p "$T/var/phone"
inbox() { find "$T/var/phone/sms" -type f 2>/dev/null | wc -l; }

long=$(python3 -c 'print("koks 3 ozols Cesis " + "a" * 10241)')
"$TALKA" sim send +37120000001 "$long" > "$T/out" 2>&1; rc=$?
expect_eq sim_long_text_exit "$rc" 2
expect_match sim_long_text_says_why "$(cat "$T/out")" 'parts'
expect_eq sim_long_text_nothing_stored "$(inbox)" 0

num=$(python3 -c 'print("+" + "3" * 300)')
"$TALKA" sim send "$num" "KOKS 3 OZOLS Cesis" > "$T/out" 2>&1; rc=$?
expect_eq sim_long_number_exit "$rc" 2
expect_match sim_long_number_says_why "$(cat "$T/out")" 'digits'
expect_eq sim_long_number_nothing_stored "$(inbox)" 0

bad=$(printf 'KOKS 3 \377OZOLS Cesis')
"$TALKA" sim send +37120000001 "$bad" > "$T/out" 2>&1; rc=$?
expect_eq sim_bad_utf8_exit "$rc" 2
expect_match sim_bad_utf8_says_why "$(cat "$T/out")" 'UTF-8'
expect_eq sim_bad_utf8_nothing_stored "$(inbox)" 0

printf '+37120000001\tKOKS 3 OZOLS Cesis\n+37120000002\tKOKS 2 \300\200 Cesis\n' | \
    "$TALKA" sim send --stdin > "$T/out" 2>&1; rc=$?
expect_eq sim_stdin_bad_line_exit "$rc" 2
expect_match sim_stdin_names_line "$(cat "$T/out")" 'line 2'
expect_eq sim_stdin_first_line_only "$(inbox)" 1

# what fits is still put in whole: 50 parts exactly, a 20-digit number
ok50=$(python3 -c 'print("a" * (50 * 153))')
"$TALKA" sim send +37120000003 "$ok50" > "$T/out" 2>&1; rc=$?
expect_eq sim_fifty_parts_accepted "$rc" 0
expect_eq sim_fifty_parts_stored "$(inbox)" 51
"$TALKA" sim send 12345678901234567890 "KOKS 1 OZOLS Cesis" > "$T/out" 2>&1; rc=$?
expect_eq sim_twenty_digits_accepted "$rc" 0
finish
