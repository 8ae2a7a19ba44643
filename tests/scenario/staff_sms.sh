# staff_sms.sh: staff SMS replies are wholly in the staff member's language; a
# wrong PIN from a staff number is answered "wrong PIN (N tries left)", while other
# numbers sending a staff keyword keep the ordinary reply; review alerts show the
# SMS command APSTIPRINĀT PIN N (the word PIN, never the PIN).
. tests/lib.sh
plan 12
scratch
export TALKA_NOW="2026-05-15 10:00:00"
db=$T/var/talka.db
q() { sqlite3 "$db" "$1"; }
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }
printf '2468\n' > "$T/config/staff.pin"; chmod 600 "$T/config/staff.pin"
sed -i 's/^;numbers = +37120000000, +37120000001$/numbers = +37129990001, +37129990002/; s/^;pin_file = \/etc\/talka\/staff.pin$/pin_file = staff.pin/' "$CONF"

sms +37129990001 "POINTS" >/dev/null          # staff member 1 writes English
sms +37129990002 "PUNKTI" >/dev/null          # staff member 2 Latvian
sms --at "2026-05-15 10:01:00" +37126000001 "KOKS 900 OZOLS Cesis" >/dev/null
n=$(q "SELECT review_no FROM plantings WHERE count=900")

a1=$(q "SELECT text FROM outbound WHERE kind='alert' AND recipient='+37129990001'")
a2=$(q "SELECT text FROM outbound WHERE kind='alert' AND recipient='+37129990002'")
expect_match "alert: the SMS command with the word PIN" "$a2" "APSTIPRIN(Ā|A)T PIN $n"
expect_match "alert: English for an English-speaking staff member" "$a1" "^To review no. $n: 900 (pedunculate )?oaks?, C.sis\. Approve: APSTIPRIN(Ā|A)T PIN $n$"
case "$a1$a2" in *"talka review"*|*2468*) not_ok "alert: no command line, no PIN" "$a1 / $a2" ;; *) ok "alert: no command line, no PIN" ;; esac

r=$(sms --at "2026-05-15 10:02:00" +37129990001 "APSTIPRINĀT 2468 $n")
expect_eq "approve: wholly English" "$r" "Approved no. $n: 900 trees, Cēsis."
r=$(sms --at "2026-05-15 10:03:00" +37129990001 "APSTIPRINĀT 2468 $n")
expect_eq "approve twice: English" "$r" "No. $n is not waiting for approval."
r=$(sms --at "2026-05-15 10:04:00" +37129990002 "ZIŅA 2468 STATUSS")
expect_eq "status: Latvian" "$r" "Nav nevienas ziņas."

r=$(sms --at "2026-05-15 10:05:00" +37129990002 "ZIŅA 1111 VISI Rīt talka")
expect_match "wrong PIN from a staff number: said, with tries left" "$r" "Nepareizs PIN \(atliku.ie m.ģin.jumi: 4\)"
r=$(sms --at "2026-05-15 10:06:00" +37129990001 "ZIŅA 1111 VISI Rīt talka")
expect_eq "wrong PIN: in the staff member's language" "$r" "Wrong PIN (4 tries left)."
expect_eq "wrong PIN: nothing queued" "$(q "SELECT count(*) FROM broadcasts")" 0
nu=$(sms --at "2026-05-15 10:07:00" +37126000002 "ZIŅA 1111 VISI hack")
r=$(sms --at "2026-05-15 10:08:00" +37126000003 "ZIŅA 1111 VISI hack")
expect_eq "not a staff number: the ordinary reply" "$r" "$nu"
case "$r" in *PIN*) not_ok "not a staff number: no word of a PIN" "$r" ;; *) ok "not a staff number: no word of a PIN" ;; esac
for i in 2 3 4 5; do r=$(sms --at "2026-05-15 10:1$i:00" +37129990002 "ZIŅA 000$i STATUSS"); done
expect_match "fifth wrong PIN: locked, said" "$r" "bloķēts uz stundu|blokets uz stundu"
finish
