# pipeline_erase.sh: erasure asks first: DZĒST (in the sender's language) is
# answered "send DZĒST JĀ within 10 minutes"; only that confirmation erases; typos
# of the keyword never erase; a late confirmation asks again.
. tests/lib.sh
plan 14
scratch
export TALKA_NOW="2026-05-15 10:00:00"
db=$T/var/talka.db
q() { sqlite3 "$db" "$1"; }
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }
alive() { q "SELECT count(*) FROM volunteers WHERE number='$1'"; }

sms +37126000001 "KOKS 3 OZOLS Cesis" >/dev/null
for typo in DZIEST DZEET dzēsts DELET; do
    sms --at "2026-05-15 10:01:00" +37126000001 "$typo" >/dev/null
done
expect_eq "typos never erase" "$(alive +37126000001)" 1
r=$(sms --at "2026-05-15 10:02:00" +37126000001 "DZĒST")
expect_eq "DZĒST asks first" "$r" "Sūtiet DZĒST JĀ 10 minūšu laikā, lai dzēstu savus datus."
expect_eq "DZĒST alone erases nothing" "$(alive +37126000001)" 1
r=$(sms --at "2026-05-15 10:20:00" +37126000001 "DZĒST JĀ")
expect_match "a confirmation after 10 minutes asks again" "$r" "DZĒST JĀ 10 minūšu"
expect_eq "... and erases nothing" "$(alive +37126000001)" 1
r=$(sms --at "2026-05-15 10:25:00" +37126000001 "dzēst jā")
expect_match "the confirmation within 10 minutes erases" "$r" "dzēsti"
expect_eq "erased" "$(alive +37126000001)" 0

sms --at "2026-05-15 10:30:00" +37126000002 "ДЕРЕВО 4 СОСНЫ Вентспилс" >/dev/null
r=$(sms --at "2026-05-15 10:31:00" +37126000002 "УДАЛИТЬ")
expect_match "Russian: asks in Russian" "$r" "УДАЛИТЬ ДА в течение 10 минут"
r=$(sms --at "2026-05-15 10:32:00" +37126000002 "УДАЛИТЬ ДА")
expect_match "Russian: confirmed" "$r" "удалены"
r=$(sms --at "2026-05-15 10:33:00" +37126000003 "DELETE")
expect_match "English: asks in English" "$r" "DELETE YES within 10 minutes"
expect_eq "English: not erased yet" "$(alive +37126000003)" 1
j=$(printf 'DZĒST JĀ\n? 2\nDZIEST\n' | "$TALKA" parse)
expect_match "parse: the confirmation in the JSON" "$(echo "$j" | sed -n 1p)" '"command":"delete".*"confirmed":true'
expect_match "parse: help page 2 in the JSON" "$(echo "$j" | sed -n 2p)" '"command":"help".*"page":2'
expect_match "parse: a typo is no deletion" "$(echo "$j" | sed -n 3p)" '"error":"unknown_command"'
finish
