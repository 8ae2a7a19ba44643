#!/bin/sh
# parse_hostile.sh: `talka parse` on hostile input: every line (invalid UTF-8, NUL
# bytes, 2000-character lines, empty lines, format strings, SQL) gives exactly one
# JSON line, ok:false unless it is a valid report; the line protocol holds.
. tests/lib.sh
plan 19
scratch
export TALKA_NOW="2026-05-15 10:00:00"
in=$T/hostile.txt
out=$T/hostile.json
long=$(head -c 2000 /dev/zero | tr '\0' 'A')
longcyr=$(i=0; while [ $i -lt 400 ]; do printf 'дерев'; i=$((i+1)); done)
longnum=$(head -c 2000 /dev/zero | tr '\0' '9')
{
    printf '\n'                                   # 1 empty
    printf '\377\376\375 KOKS\n'                  # 2 invalid UTF-8
    printf 'KOKS 5 \000 LIEPAS Bauska\n'          # 3 NUL inside a line
    printf '%s\n' "$long"                         # 4 2000 characters
    printf '%s\n' '%s%s%s%n%x%p'                  # 5 format string
    printf '%s\n' "'; DROP TABLE plantings; --"   # 6 SQL
    printf '%s\n' "$longcyr"                      # 7 4000 bytes of Cyrillic
    printf '%s\n' "$longnum"                      # 8 a 2000-digit number
    printf '\300\200\355\240\200\364\220\200\200\n'   # 9 overlong, surrogate, > U+10FFFF
    printf '   \t  \n'                            # 10 blanks
    printf 'KOKS 5 LIEPAS Bauska\\nvakar\n'       # 11 escaped line break: valid
    printf '\\\\\\\\\\\n'                         # 12 backslashes
    printf 'KOKS 5 LIEPAS Bauska'                 # 13 last line without newline: valid
} > "$in"
"$TALKA" parse < "$in" > "$out"
expect_eq parse_hostile_exit "$?" 0
expect_eq parse_hostile_lines "$(wc -l < "$out" | tr -d ' ')" 13
helper parse_hostile_json_helper python3 - "$out" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')[:-1]
valid = {3, 11, 13}
bad = 0
for n, l in enumerate(lines, 1):
    try:
        j = json.loads(l)
    except ValueError:
        print('not ok parse_hostile_json_%d' % n, l[:80]); bad = 1; continue
    if (n in valid) != bool(j.get('ok')):
        print('not ok parse_hostile_ok_%d' % n, l[:120]); bad = 1; continue
    print('ok parse_hostile_%d' % n)
sys.exit(bad)
PY
# -c FILE and the escapes
printf 'VĀRDS Anna \\\\ Ozola\n' | "$TALKA" -c "$CONF" parse > "$T/name.json"
expect_match parse_name_backslash "$(cat "$T/name.json")" '"name":"Anna \\\\ Ozola"'
# arguments instead of stdin; --help
expect_match parse_args "$("$TALKA" parse 'KOKS 12 OZOLS Cesis')" '"municipality":"Cēsu novads"'
check parse_help sh -c "\"$TALKA\" parse --help >/dev/null"
finish
