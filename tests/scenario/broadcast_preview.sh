# broadcast_preview.sh: what staff stumbled on in broadcasts: --at in the past
# exits 2, a segment corrected by typo matching shows the corrected name, a
# broadcast held by quiet hours shows "paused until 09:00", list and show give
# local times with the offset, and the preview's duration agrees with its range.
. tests/lib.sh
plan 10
scratch
db=$T/var/talka.db
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
export TALKA_NOW="2026-05-16 19:00:00"   # 22:00 in Riga: quiet hours (21:00-09:00)
{
    printf 'p1\t+37126000001\tKOKS 12 OZOLS Cesis\n'
    printf 'p2\t+37126000002\tKOKS 5 BĒRZI Cēsīs\n'
    printf 'p3\t+37126000003\tKOKS 5 BĒRZI Talsi\n'
} | "$TALKA" sms --stdin > /dev/null 2>&1

out=$("$TALKA" broadcast create --to all --text "Rīt talka" --at "2025-01-01 10:00" --yes 2>&1)
expect_eq "--at in the past: exit 2" "$?" 2
expect_match "--at in the past: said" "$out" "'2025-01-01 10:00' is in the past \(now: 2026-05-16 22:00 \+03:00\)"
expect_eq "--at in the past: nothing queued" "$(q "SELECT count(*) FROM broadcasts")" 0

out=$("$TALKA" broadcast create --to municipality:Cesiss --text "Rīt talka" 2>/dev/null)
expect_match "typo segment: the corrected name in the preview" "$out" "to: municipality Cēsu novads \(you wrote 'municipality:Cesiss'\)"
expect_match "typo segment: its recipients" "$out" "recipients: 2"

# the preview's duration agrees with its time range (in whole minutes)
agree=$(printf '%s\n' "$out" | python3 -c '
import re, sys, datetime
l = [x for x in sys.stdin if x.startswith("eta:")][0]
d = re.search(r"about (?:(\d+) h )?(\d+) min", l)
mins = int(d.group(1) or 0) * 60 + int(d.group(2))
a, b = re.findall(r"(\d{4}-\d\d-\d\d \d\d:\d\d) [+-]\d\d:\d\d", l)
f = lambda s: datetime.datetime.strptime(s, "%Y-%m-%d %H:%M")
print("yes" if (f(b) - f(a)).total_seconds() / 60 == mins else "no: " + l.strip())')
expect_eq "preview: duration and range agree" "$agree" "yes"
expect_match "preview: starts now, ends after the quiet hours" "$out" "from 2026-05-16 22:00 \+03:00 to about 2026-05-17 09:0[0-9] \+03:00"

id=$("$TALKA" broadcast create --to all --text "Rīt talka" --yes 2>/dev/null | head -1)
out=$("$TALKA" broadcast show "$id")
expect_match "show: paused by quiet hours" "$out" "state: paused until 09:00"
expect_match "show: local time with offset" "$out" "send at: 2026-05-16 22:00 \+03:00"
out=$("$TALKA" broadcast list)
expect_match "list: local time with offset, paused" "$out" "^$id +paused until 09:00 +2026-05-16 22:00 \+03:00"
finish
