#!/bin/sh
# harden_bidi.sh (issue 11, item 5): invisible format characters (U+202A-U+202E,
# U+2066-U+2069 bidirectional controls, zero-width ones) are stripped from names
# and from every reply that echoes what someone typed; the raw text is kept as
# it arrived.
. tests/lib.sh
plan 5
scratch
q() { sqlite3 "$T/var/talka.db" "$1"; }
# hex of the UTF-8 forms: RLO E280AE, LRO E280AD, LRE E280AA, PDF E280AC,
# LRI E281A6, RLI E281A7, FSI E281A8, PDI E281A9, ZWJ E2808D
has_format() { printf '%s' "$1" | grep -Eq 'E280A[A-E]|E281A[6-9]|E2808[B-F]'; }
for c in '\342\200\256' '\342\200\255' '\342\200\252' '\342\201\246' '\342\201\251' '\342\200\215'; do
    fmt=$(printf "$c")
    n=$((n + 1))
    "$TALKA" sms "+3712000000$n" "VĀRDS Jā${fmt}nis ${fmt}Bērziņš" > /dev/null 2>&1
done
names=$(q "SELECT group_concat(hex(name), ' ') FROM volunteers")
if has_format "$names"; then not_ok bidi_names_stripped "stored names (hex): $names"; else ok bidi_names_stripped; fi
expect_eq bidi_names_readable "$(q "SELECT DISTINCT name FROM volunteers")" "Jānis Bērziņš"
replies=$(q "SELECT group_concat(hex(text), ' ') FROM outbound")
if has_format "$replies"; then not_ok bidi_replies_stripped "replies (hex): $replies"; else ok bidi_replies_stripped; fi
expect_eq bidi_raw_kept "$(q "SELECT count(*) FROM inbound WHERE hex(text) LIKE '%E280AE%'")" 1
# a name that is nothing but format characters is no name
"$TALKA" sms +37120000009 "$(printf 'VĀRDS \342\200\256\342\200\215')" > /dev/null 2>&1
expect_eq bidi_only_format_no_name "$(q "SELECT coalesce(name, '') FROM volunteers WHERE number = '+37120000009'")" ""
finish
