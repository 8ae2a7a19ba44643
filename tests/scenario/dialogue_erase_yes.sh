# dialogue_erase_yes.sh: a bare yes (JĀ, да, yes) while DZĒST waits for its
# confirmation never erases and never starts with "Paldies": it says how to
# confirm ("Lai dzēstu datus, sūtiet DZĒST JĀ"), in the sender's language; DZĒST
# JĀ still erases afterwards; after the 10 minutes a bare yes confirms nothing;
# DZĒST ends a report question that was waiting, so the yes after it confirms
# neither. One SMS each.
. tests/lib.sh
. tests/lib/dialogue.sh
plan 27
scratch
export TALKA_NOW="2026-05-15 10:00:00"

kept() { q "SELECT count(*) FROM volunteers WHERE number='$1'"; }
A=+37126400001; B=+37126400002; C=+37126400003; D=+37126400004; E=+37126400005

"$TALKA" sms --at "2026-05-15 09:00:00" $A "KOKS 3 LIEPAS Ogre" >/dev/null 2>&1
say "lv: DZĒST asks" "2026-05-15 10:00:00" $A "DZĒST" "DZ[EĒ]ST J[AĀ]"
say "lv: a bare JĀ says how to confirm" "2026-05-15 10:01:00" $A "JĀ" "^Lai dz[eē]stu datus, s[uū]tiet DZ[EĒ]ST J[AĀ]$"
expect_eq "lv: nothing erased" "$(kept $A)" 1
expect_eq "lv: the planting is kept" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$A')")" 1
say "lv: DZĒST JĀ then erases" "2026-05-15 10:02:00" $A "DZĒST JĀ" "dz[eē]sti"
expect_eq "lv: erased" "$(kept $A)" 0

say "ru: УДАЛИТЬ asks" "2026-05-15 10:10:00" $B "УДАЛИТЬ" "УДАЛИТЬ ДА"
say "ru: a bare да says how to confirm, in Russian" "2026-05-15 10:11:00" $B "да" "^Чтобы удалить данные, отправьте УДАЛИТЬ ДА$"
expect_eq "ru: nothing erased" "$(kept $B)" 1

say "en: DELETE asks" "2026-05-15 10:20:00" $C "DELETE" "DELETE YES"
say "en: a bare yes says how to confirm, in English" "2026-05-15 10:21:00" $C "yes" "^To erase your data, send DELETE YES$"
expect_eq "en: nothing erased" "$(kept $C)" 1

# after the 10 minutes DZĒST waits no more: a bare JĀ confirms nothing
"$TALKA" sms --at "2026-05-15 10:30:00" $D "DZĒST" >/dev/null 2>&1
say "later: a bare JĀ 11 minutes on finds nothing waiting" "2026-05-15 10:41:00" $D "jā" "Nekas negaida atbildi"
expect_eq "later: nothing erased" "$(kept $D)" 1

# DZĒST after a report question: the yes answers neither
"$TALKA" sms --at "2026-05-15 10:50:00" $E "KOKS 12 OZOLSSSS Cesis" >/dev/null 2>&1
"$TALKA" sms --at "2026-05-15 10:51:00" $E "DZĒST" >/dev/null 2>&1
expect_eq "question then DZĒST: the question ended" "$(q "SELECT state FROM awaiting_confirmation WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$E')")" replaced
say "question then DZĒST: JĀ says how to confirm" "2026-05-15 10:52:00" $E "JĀ" "^Lai dz[eē]stu datus"
expect_eq "question then DZĒST: the report is not registered" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$E')")" 0
expect_eq "question then DZĒST: nothing erased" "$(kept $E)" 1
finish
