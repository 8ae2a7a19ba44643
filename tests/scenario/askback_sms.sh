# askback_sms.sh: ask back instead of refusing, through `talka sms`: a guessed
# species is asked about; JĀ within 30 minutes registers it once with points, NĒ
# drops it, a second report before the answer ends the question, 30 minutes
# later the answer finds nothing waiting (moved clock), a digit picks one of two
# same-named parishes, a first report of 1200 trees is asked about, a bare JĀ
# with no question (or after DZĒST's question) confirms nothing, `review list`
# shows what waits, and a crash between the question and the answer counts the
# report once.
. tests/lib.sh
plan 50
scratch
export TALKA_NOW="2026-05-15 10:00:00"
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }
A=+37126000001; B=+37126000002; C=+37126000003; D=+37126000004; E=+37126000005; F=+37126000006

# JĀ within 30 minutes: registered once, with points
r=$(sms --at "2026-05-15 10:00:00" $A "KOKS 12 OZOLSSSS Cesis")
expect_match "guess: asks back with the guess" "$r" "^Vai domājāt: ozols 12 gab\., Cēsis\? Atbildiet JĀ vai NĒ$"
expect_eq "guess: nothing registered yet" "$(q "SELECT count(*) FROM plantings")" 0
expect_eq "guess: the question waits" "$(q "SELECT ask||':'||state FROM awaiting_confirmation")" "guess:waiting"
expect_eq "guess: the report is marked awaiting" "$(q "SELECT outcome FROM inbound WHERE id=1")" awaiting_confirmation
# asked at 10:00 UTC: shown in local time with its offset, as the reports are
expect_match "review list: shows what awaits confirmation" "$("$TALKA" review list)" "2026-05-15 13:00 \+03:00 +13:30 +guess +ozols 12 gab\., Cēsis"
r=$(sms --at "2026-05-15 10:20:00" $A "jā")
expect_match "yes: registered with points (12 native oaks x 20 + 50)" "$r" "Reģistrēts: ozols 12 gab\., Cēsis\. Jūsu punkti: 290|Registrets: ozols 12 gab\., Cesis\. Jusu punkti: 290"
expect_eq "yes: one planting, on the report's own row" "$(q "SELECT inbound_id||':'||species||':'||count||':'||status FROM plantings")" "1:quercus_robur:12:accepted"
expect_eq "yes: points once" "$(q "SELECT sum(delta) FROM points_ledger")" 290
expect_eq "yes: the question is closed" "$(q "SELECT state FROM awaiting_confirmation")" confirmed
r=$(sms --at "2026-05-15 10:21:00" $A "JĀ")
expect_match "yes again: nothing is waiting" "$r" "Nekas negaida atbildi"
expect_eq "yes again: still one planting" "$(q "SELECT count(*) FROM plantings")" 1
expect_eq "review list: nothing awaits any more" "$("$TALKA" review list | grep -c 'awaiting')" 0

# NĒ drops it
r=$(sms --at "2026-05-15 10:30:00" $B "koks 5 liepas Cēssssis")
expect_match "no: asked" "$r" "Vai domājāt: liepa 5 gab\., Cēsis\?"
r=$(sms --at "2026-05-15 10:31:00" $B "NĒ")
expect_match "no: a send-again hint" "$r" "Sūtiet ziņojumu vēlreiz"
expect_eq "no: nothing registered" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$B')")" 0
expect_eq "no: the question is declined" "$(q "SELECT state FROM awaiting_confirmation WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$B')")" declined

# another report before the answer: answered normally, the question ends
sms --at "2026-05-15 11:00:00" $C "KOKS 12 OZOLSSSS Cesis" >/dev/null
r=$(sms --at "2026-05-15 11:01:00" $C "KOKS 3 LIEPAS Ogre")
expect_match "second report: answered normally" "$r" "liepa 3 gab\., Ogre"
r=$(sms --at "2026-05-15 11:02:00" $C "jā")
expect_match "second report: the old question no longer waits" "$r" "Nekas negaida atbildi"
expect_eq "second report: only the clear report counted" "$(q "SELECT group_concat(species||'='||count) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$C')")" "tilia_cordata=3"

# a newer question replaces the older one (one question per number)
sms --at "2026-05-15 11:10:00" $C "KOKS 12 OZOLSSSS Cesis" >/dev/null
sms --at "2026-05-15 11:11:00" $C "KOKS 10-12 BĒRZI Tukums" >/dev/null
expect_eq "one question per number" "$(q "SELECT count(*) FROM awaiting_confirmation WHERE state='waiting' AND volunteer_id=(SELECT id FROM volunteers WHERE number='$C')")" 1
sms --at "2026-05-15 11:12:00" $C "ok" >/dev/null
expect_eq "the newer question is the one confirmed (the range's lower count)" "$(q "SELECT group_concat(species||'='||count) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$C') AND species='betula_pendula'")" "betula_pendula=10"
expect_eq "the older question was replaced" "$(q "SELECT count(*) FROM awaiting_confirmation WHERE state='replaced'")" 1

# expiry: 30 minutes later nothing waits (the clock moved)
sms --at "2026-05-15 12:00:00" $D "KOKS 12 OZOLSSSS Cesis" >/dev/null
r=$(sms --at "2026-05-15 12:30:00" $D "jā")
expect_match "expiry: after 30 minutes nothing waits" "$r" "Nekas negaida atbildi"
expect_eq "expiry: nothing registered" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$D')")" 0
expect_eq "expiry: the question expired" "$(q "SELECT state FROM awaiting_confirmation WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$D')")" expired
echo "2026-05-15 13:00:00" > "$T/clock"
sms --at "2026-05-15 13:00:00" $D "KOKS 5 LIEPAS Cēssssis" >/dev/null
echo "2026-05-15 13:29:59" > "$T/clock"
r=$(TALKA_NOW= TALKA_CLOCK_FILE="$T/clock" "$TALKA" sms $D "jā" 2>>"$T/stderr")
expect_match "expiry: 29:59 later (moved clock file) still answered" "$r" "liepa 5 gab"

# a digit picks one of two parishes called Sala
r=$(sms --at "2026-05-15 14:00:00" $E "KOKS 5 LIEPAS Sala")
expect_match "choice: the question lists the novadi by digit" "$r" "Salas pagasts: kur[aā] novad[aā]\? 1 J[eē]kabpils, 2 M[aā]rupes\. Atbildiet ar ciparu"
r=$(sms --at "2026-05-15 14:01:00" $E "7")
expect_match "choice: a digit out of range asks again" "$r" "1 J[eē]kabpils, 2 M[aā]rupes"
r=$(sms --at "2026-05-15 14:02:00" $E "2")
expect_match "choice: the digit answers" "$r" "Salas pagasts"
expect_eq "choice: registered in the chosen municipality" "$(q "SELECT municipality FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$E')")" "Mārupes novads"

# a first report of 1200 trees is asked about; JĀ then sends it to review as usual
r=$(sms --at "2026-05-15 15:00:00" $F "KOKS 1200 OZOLI Cesis")
expect_match "slip: a first report of 1200 is asked about" "$r" "Vai domājāt: ozols 1200 gab"
r=$(sms --at "2026-05-15 15:01:00" $F "jā")
expect_match "slip: confirmed, then staff review it" "$r" "darbinieki pārbaudīs|darbinieki parbaudis"
expect_eq "slip: pending review" "$(q "SELECT status FROM plantings WHERE count=1200")" pending_review

# a bare yes with nothing waiting: a kind reply, never unknown_command, never an erasure
r=$(sms --at "2026-05-15 16:00:00" +37126000007 "labi")
expect_match "stray yes: nothing waiting" "$r" "Nekas negaida atbildi"
r=$(sms --at "2026-05-15 16:01:00" +37126000008 "да")
expect_match "stray yes: in Russian" "$r" "ничего не ждёт"
sms --at "2026-05-15 16:02:00" +37126000009 "KOKS 3 LIEPAS Ogre" >/dev/null
sms --at "2026-05-15 16:03:00" +37126000009 "DZĒST JĀ" >/dev/null 2>&1 || true
before=$(q "SELECT count(*) FROM volunteers WHERE number LIKE 'erased:%'")
sms --at "2026-05-15 16:04:00" +37126000010 "KOKS 3 LIEPAS Ogre" >/dev/null
r=$(sms --at "2026-05-15 16:05:00" +37126000010 "JĀ")
expect_match "bare JĀ: nothing is waiting" "$r" "Nekas negaida atbildi"
expect_eq "bare JĀ: never erases" "$(q "SELECT count(*) FROM volunteers WHERE number='+37126000010'")" 1
expect_eq "bare JĀ: no erasure happened" "$(q "SELECT count(*) FROM volunteers WHERE number LIKE 'erased:%'")" "$before"

# a crash between the question and the answer: the answer is retried, counted once
G=+37126000011
sms --at "2026-05-15 17:00:00" $G "KOKS 12 OZOLSSSS Cesis" >/dev/null
q "CREATE TRIGGER crash BEFORE UPDATE ON awaiting_confirmation WHEN NEW.state = 'confirmed' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END"
"$TALKA" sms --id ans1 --at "2026-05-15 17:01:00" $G "jā" >/dev/null 2>&1
expect_eq "crash: the answer is stored but not handled" "$(q "SELECT state FROM inbound WHERE transport_id='ans1'")" new
expect_eq "crash: nothing registered by the failed answer" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$G')")" 0
q "DROP TRIGGER crash"
r=$(sms --id ans1 --at "2026-05-15 17:01:00" $G "jā")
expect_match "crash: the retried answer registers" "$r" "ozols 12 gab"
sms --id ans1 --at "2026-05-15 17:01:00" $G "jā" >/dev/null
sms --at "2026-05-15 17:02:00" $G "jā" >/dev/null
expect_eq "crash: one planting" "$(q "SELECT count(*) FROM plantings WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$G')")" 1
expect_eq "crash: points once (290)" "$(q "SELECT sum(delta) FROM points_ledger WHERE volunteer_id=(SELECT id FROM volunteers WHERE number='$G')")" 290
expect_eq "crash: one reply per text" "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind='reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0

# Latvian typed in Cyrillic letters: the remembered language answers, a new sender gets Latvian
r=$(sms --at "2026-05-15 18:00:00" +37126000012 "кокс 5 озоли Цесис")
expect_match "cyrillic latvian: a new sender is answered in Latvian" "$r" "^Paldies! Re[gģ]istr[eē]ts: ozols 5 gab"
expect_eq "cyrillic latvian: the new sender stays lv" "$(q "SELECT lang FROM volunteers WHERE number='+37126000012'")" lv
sms --at "2026-05-15 18:01:00" +37126000013 "ДЕРЕВО 4 СОСНЫ Вентспилс" >/dev/null
r=$(sms --at "2026-05-15 18:02:00" +37126000013 "кокс 3 лиепас Огре")
expect_match "cyrillic latvian: a Russian-speaking sender is answered in Russian" "$r" "^Спасибо"
expect_eq "cyrillic latvian: the language stays ru" "$(q "SELECT lang FROM volunteers WHERE number='+37126000013'")" ru
r=$(sms --at "2026-05-15 18:03:00" +37126000013 "ok")
expect_match "stray ok from a Russian-speaking sender: answered in Russian" "$r" "ничего не ждёт"

# every reply stayed one segment
expect_eq "replies: one segment each" "$(grep -c 'reply .*, [2-9] segment' "$T/stderr")" 0
finish
