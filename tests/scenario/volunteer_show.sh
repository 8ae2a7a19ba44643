# volunteer_show.sh: `talka volunteer show NUMBER --messages` lists what was said
# with one number, texts in and out, with local time, status and delivery state;
# `volunteer show` counts replies, broadcasts and notices apart.
. tests/lib.sh
plan 10
scratch
export TALKA_NOW="2026-05-15 10:00:00"
db=$T/var/talka.db
q() { sqlite3 "$db" "$1"; }
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }
sms +37126000001 "KOKS 12 OZOLS Cesis" >/dev/null
sms --at "2026-05-15 10:05:00" +37126000001 "blah
blah" >/dev/null
sms --at "2026-05-15 10:06:00" +37126000001 "KOKS 700 LIEPA Talsi" >/dev/null
n=$(q "SELECT review_no FROM plantings WHERE count=700")
"$TALKA" review reject "$n" "Par daudz" >/dev/null 2>&1
# the first reply went out and was delivered; a broadcast copy reached them too
q "UPDATE outbound SET state='delivered', sent_at=created_at, delivered_at=created_at+5 WHERE id=(SELECT min(id) FROM outbound)"
q "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, state, created_at) VALUES ('+37126000001', 'Rīt talka!', 'ucs2', 1, 50, 'broadcast', 'sent', $(date -d '2026-05-15 10:30:00Z' +%s))"

out=$("$TALKA" volunteer show 26000001)
expect_match "show: replies, broadcasts and notices apart" "$out" "sent: +3 replies, 1 broadcasts, 1 notices and alerts"
expect_match "show: texts received" "$out" "texts: +3 received"
out=$("$TALKA" volunteer show 26000001 --messages); rc=$?
expect_eq "messages: exit 0" "$rc" 0
expect_match "messages: text in, local time, outcome" "$out" "2026-05-15 13:00 \+03:00  in +planted +KOKS 12 OZOLS Cesis"
expect_match "messages: reply out with delivery state" "$out" "2026-05-15 13:00 \+03:00  out +reply delivered +Paldies"
expect_match "messages: a line break shown as \\n" "$out" "in +error:unknown_command +blah\\\\nblah"
expect_match "messages: the rejection notice" "$out" "out +notice queued +.*Par daudz"
expect_match "messages: the broadcast" "$out" "13:30 \+03:00  out +broadcast sent +Rīt talka!"
first=$(printf "%s\n" "$out" | grep -n "in .*KOKS 12" | cut -d: -f1); reply=$(printf '%s\n' "$out" | grep -n "Paldies" | head -1 | cut -d: -f1)
check "messages: oldest first, reply after its text" [ "$first" -lt "$reply" ]
"$TALKA" volunteer show 26000001 --bogus >/dev/null 2>&1; expect_eq "bad option: exit 2" "$?" 2
finish
