# cli_staff.sh: what staff stumbled on at the command line: a rejection's reason
# reaches the volunteer (shortened with a visible "..." to one SMS, the exact SMS
# printed), REASON missing is said, review list and stats show Latvian species
# names (ids with --ids) in columns that hold with Latvian letters, bad option
# values are named, the operator is the account name without $USER, talka ussd
# names the URL it could not reach, sim outbox says a number was erased after send.
. tests/lib.sh
plan 26
scratch
export TALKA_NOW="2026-05-15 10:00:00"
db=$T/var/talka.db
q() { sqlite3 "$db" "$1"; }
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }

sms +37126000001 "KOKS 900 OZOLS Cesis" >/dev/null
sms --at "2026-05-15 10:01:00" +37126000002 "KOKS 700 BĒRZS Jēkabpils" >/dev/null
n1=$(q "SELECT review_no FROM plantings WHERE count=900")
n2=$(q "SELECT review_no FROM plantings WHERE count=700")

# item 11: Latvian names in review list and stats, ids with --ids
out=$("$TALKA" review list)
expect_match "review list: Latvian species name" "$out" "^$n1 +.*ozols 900"
case "$out" in *quercus_robur*) not_ok "review list: no Latin id" ;; *) ok "review list: no Latin id" ;; esac
expect_match "review list: local time with offset" "$out" "2026-05-15 13:00 \+03:00"
expect_match "review list --ids: the ids" "$("$TALKA" review list --ids)" "quercus_robur 900"

# item 15: REASON missing is said
out=$("$TALKA" review reject "$n1" 2>&1); rc=$?
expect_eq "reject without reason: exit 2" "$rc" 2
expect_match "reject without reason: says REASON is missing" "$out" "REASON is missing"

# item 9: the reason reaches the volunteer, shortened to one SMS with "..."
long="Skaits šķiet pārāk liels vienai dienai vienā vietā; lūdzu, atsūti fotogrāfiju vai sazinies ar koordinatoru Cēsu novadā, lai mēs varētu pārbaudīt un apstiprināt"
out=$("$TALKA" review reject "$n1" "$long" 2>"$T/err"); rc=$?
expect_eq "reject: exit 0" "$rc" 0
expect_match "reject: prints the exact SMS" "$out" "SMS to the volunteer: Zi.ojums nr. $n1 netika apstiprin.ts: Skaits"
expect_match "reject: warns that the reason was shortened" "$(cat "$T/err")" "shortened to fit one SMS"
sent=$(q "SELECT text FROM outbound WHERE recipient='+37126000001' AND kind='notice'")
expect_match "reject: the volunteer gets the reason" "$sent" "Skaits"
expect_match "reject: with a visible ellipsis" "$sent" "\.\.\.$"
expect_eq "reject: one segment" "$(q "SELECT segments FROM outbound WHERE recipient='+37126000001' AND kind='notice'")" 1
sms_line=$(printf '%s\n' "$out" | sed -n 's/^SMS to the volunteer: //p')
expect_eq "reject: printed SMS is the queued one" "$sms_line" "$sent"
out=$("$TALKA" review reject "$n2" "Par daudz" 2>"$T/err")
expect_match "short reason: whole" "$(q "SELECT text FROM outbound WHERE recipient='+37126000002' AND kind='notice'")" "Par daudz$"
expect_eq "short reason: no warning" "$(cat "$T/err")" ""

# item 15: the operator without $USER is the account name
sms --at "2026-05-15 10:02:00" +37126000003 "KOKS 800 LIEPA Talsi" >/dev/null
n3=$(q "SELECT review_no FROM plantings WHERE count=800")
env -u USER -u SUDO_USER "$TALKA" review approve "$n3" >/dev/null
expect_eq "operator: account name when \$USER is unset" "$(q "SELECT actor FROM audit_log WHERE subject='review#$n3'")" "cli:$(id -un)"

# item 11 + 15: stats names species in Latvian, columns by characters
out=$("$TALKA" stats)
expect_match "stats: Latvian species name" "$out" "  liepa +800"
"$TALKA" stats --ids | grep -q "tilia_cordata"; expect_eq "stats --ids: the ids" "$?" 0
sms --at "2026-05-15 10:03:00" +37126000004 "KOKS 3 ĀBELE Cesis" >/dev/null
widths=$("$TALKA" stats | python3 -c '
import sys
lines=sys.stdin.read().split("top volunteers")[0].splitlines()
rows=[l for l in lines if l.startswith("  ") and l.split()[-1].isdigit()]
assert any(ord(c) > 127 for r in rows for c in r)
print(len(set(len(r) for r in rows)))')
expect_eq "stats: columns line up with Latvian letters" "$widths" 1
"$TALKA" stats --top abc >/dev/null 2>"$T/err"; rc=$?
expect_eq "stats --top abc: exit 2" "$rc" 2
expect_match "stats --top abc: names the value" "$(cat "$T/err")" "'abc' is not a whole number"

# item 15: export names the bad value
"$TALKA" export csv --since yesterday >/dev/null 2>"$T/err"; rc=$?
expect_eq "export --since yesterday: exit 2" "$rc" 2
expect_match "export --since yesterday: names the value" "$(cat "$T/err")" "'yesterday' is not a date"

# item 15: talka ussd names the URL (key masked)
"$TALKA" ussd "http://127.0.0.1:9/ussd?key=s3cret" </dev/null >/dev/null 2>"$T/err"
expect_match "ussd: names the URL it could not reach" "$(cat "$T/err")" "http://127.0.0.1:9/ussd\?key=\*\*\* cannot be reached"
case "$(cat "$T/err")" in *s3cret*) not_ok "ussd: key never printed" ;; *) ok "ussd: key never printed" ;; esac

# item 15: sim outbox says a number erased after it was sent
q "UPDATE outbound SET sent_seq = 1, state = 'sent', recipient = 'erased' WHERE id = (SELECT min(id) FROM outbound)"
expect_match "sim outbox: erased after send" "$("$TALKA" sim outbox)" "^erased-after-send	"
finish
