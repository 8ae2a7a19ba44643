# dialogue_range.sh: a ranged count ("6-9", "3 līdz 5", "от 4 до 6", "7 to 9")
# is asked about by name, repeating the range, in the sender's language, and a
# count answers it: a bare number, "nē, 4", "7 gab.", a number word in Latvian,
# Russian or English. Any count the usual checks accept is taken (outside the
# range too; a count for staff review goes there); 0 or words without a number
# ask again once, then the question ends kindly; JĀ keeps the lower count, NĒ
# drops it; a command meanwhile is done and the question still waits; a new
# report ends it; half an hour later it has ended. Every reply is one SMS.
. tests/lib.sh
. tests/lib/dialogue.sh
plan 84
scratch
export TALKA_NOW="2026-05-15 10:00:00"

planted() { q "SELECT group_concat(species||':'||count||':'||place||':'||status, ' ') FROM plantings WHERE volunteer_id=$(vol "$1")"; }
A=+37126100001; B=+37126100002; C=+37126100003; D=+37126100004; E=+37126100005
F=+37126100006; G=+37126100007; H=+37126100008; I=+37126100009; J=+37126100010
K=+37126100011; L=+37126100012; M=+37126100013; N=+37126100014; O=+37126100015

# Latvian: the question repeats the range and the place; a number word answers
say "lv: the range is asked about by name" "2026-05-15 10:00:00" $A "KOKS 6-9 BĒRZI Sigulda" \
    "^J[uū]s rakst[iī]j[aā]t: b[eē]rzs 6-9 gab\., Sigulda\. Cik tie[sš]i\? Atbildiet ar skaitli$"
expect_eq "lv: nothing stored while it waits" "$(planted $A)" ""
expect_eq "lv: the question waits" "$(asked $A)" "range:waiting"
say "lv: 'astoņi' answers it" "2026-05-15 10:02:00" $A "astoņi" "Re[gģ]istr[eē]ts: b[eē]rzs 8 gab\., Sigulda"
expect_eq "lv: 8 birches stored at Sigulda" "$(planted $A)" "betula_pendula:8:Sigulda:accepted"
expect_eq "lv: points for 8 (8 x 20 + 50)" "$(points $A)" 210
expect_eq "lv: the question is closed" "$(asked $A)" "range:confirmed"
expect_eq "lv: the plantings belong to the report's own text" "$(q "SELECT DISTINCT i.text FROM plantings p JOIN inbound i ON i.id=p.inbound_id WHERE p.volunteer_id=$(vol $A)")" "KOKS 6-9 BĒRZI Sigulda"

# "3 līdz 5" is a range too; "nē, 4" answers with 4
say "lv: a range in words ('3 līdz 5')" "2026-05-15 10:05:00" $B "iestādīju 3 līdz 5 egles Cēsīs" "egle 3-5 gab\., C[eē]sis\. Cik tie[sš]i\?"
say "lv: 'nē, 4' answers with 4" "2026-05-15 10:06:00" $B "nē, 4" "egle 4 gab"
expect_eq "lv: 4 spruces at Cēsis" "$(planted $B)" "picea_abies:4:Cēsis:accepted"

# any count the usual checks accept, not only one inside the range
sms_c=$("$TALKA" sms --at "2026-05-15 10:10:00" $C "KOKS 2-4 LIEPAS Tukums" 2>/dev/null)
say "lv: '7 gab.' outside the range is taken" "2026-05-15 10:11:00" $C "7 gab." "liepa 7 gab\., Tukums"
expect_eq "lv: 7 limes at Tukums" "$(planted $C)" "tilia_cordata:7:Tukums:accepted"

# a count that goes to staff review goes there
"$TALKA" sms --at "2026-05-15 10:15:00" $D "KOKS 300-350 PRIEDES Talsi" >/dev/null 2>&1
say "lv: a count for review goes to staff" "2026-05-15 10:16:00" $D "560" "darbinieki p[aā]rbaud[iī]s"
expect_eq "lv: 560 pines wait for review" "$(planted $D)" "pinus_sylvestris:560:Talsi:pending_review"
expect_eq "lv: no points before approval" "$(points $D)" 0

# 0 asks again; then words without a number: the question ends kindly
"$TALKA" sms --at "2026-05-15 10:20:00" $E "KOKS 5-8 OŠI Bauska" >/dev/null 2>&1
say "lv: 0 asks again" "2026-05-15 10:21:00" $E "0" "[Cc]ik tie[sš]i\? Atbildiet ar vienu skaitli"
expect_eq "lv: 0 stores nothing" "$(planted $E)" ""
expect_eq "lv: still waiting after one try" "$(asked $E)" "range:waiting"
say "lv: the second non-answer gives up kindly" "2026-05-15 10:22:00" $E "nezinu" "^Labi, pagaid[aā]m nere[gģ]istr[eē]ju"
expect_eq "lv: nothing stored" "$(planted $E)" ""
expect_eq "lv: the question ends unanswered" "$(asked $E)" "range:unanswered"
say "lv: a number after giving up answers nothing" "2026-05-15 10:23:00" $E "6" "koka sugas"
expect_eq "lv: still nothing stored" "$(planted $E)" ""

# words without a number once, then a number
"$TALKA" sms --at "2026-05-15 10:25:00" $F "KOKS 5-8 OŠI Bauska" >/dev/null 2>&1
say "lv: words without a number ask again" "2026-05-15 10:26:00" $F "nav skaidrs" "Nesapratu skaitu\. osis 5-8 gab\.: cik tie[sš]i\?"
say "lv: then 'apmēram 6' answers" "2026-05-15 10:27:00" $F "apmēram 6" "osis 6 gab\., Bauska"
expect_eq "lv: 6 ashes at Bauska" "$(planted $F)" "fraxinus_excelsior:6:Bauska:accepted"

# JĀ keeps the lower count; NĒ drops it
"$TALKA" sms --at "2026-05-15 10:30:00" $G "KOKS 4-6 KĻAVAS Ogre" >/dev/null 2>&1
say "lv: JĀ keeps the lower count" "2026-05-15 10:31:00" $G "jā" "k[lļ]ava 4 gab\., Ogre"
expect_eq "lv: 4 maples" "$(planted $G)" "acer_platanoides:4:Ogre:accepted"
"$TALKA" sms --at "2026-05-15 10:30:00" $H "KOKS 4-6 KĻAVAS Ogre" >/dev/null 2>&1
say "lv: NĒ drops it" "2026-05-15 10:31:00" $H "nē" "nere[gģ]istr[eē]ju"
expect_eq "lv: nothing stored after NĒ" "$(planted $H)" ""
expect_eq "lv: the question is declined" "$(asked $H)" "range:declined"

# a command meanwhile is done; the question still waits for its number
"$TALKA" sms --at "2026-05-15 10:40:00" $I "KOKS 10-12 LIEPAS Jelgava" >/dev/null 2>&1
say "lv: PUNKTI meanwhile answers the points" "2026-05-15 10:41:00" $I "PUNKTI" "punkti"
expect_eq "lv: the question still waits" "$(asked $I)" "range:waiting"
say "lv: then '11' answers" "2026-05-15 10:42:00" $I "11" "liepa 11 gab\., Jelgava"
expect_eq "lv: 11 limes at Jelgava" "$(planted $I)" "tilia_cordata:11:Jelgava:accepted"

# a new report ends the question: its number later answers nothing
"$TALKA" sms --at "2026-05-15 10:45:00" $J "KOKS 10-12 LIEPAS Jelgava" >/dev/null 2>&1
say "lv: a new report is registered" "2026-05-15 10:46:00" $J "KOKS 2 OZOLI Ogre" "ozols 2 gab\., Ogre"
say "lv: a number after it answers nothing" "2026-05-15 10:47:00" $J "11" "koka sugas"
expect_eq "lv: only the new report is stored" "$(planted $J)" "quercus_robur:2:Ogre:accepted"

# half an hour later the question has ended (the clock moved on)
"$TALKA" sms --at "2026-05-15 12:00:00" $K "KOKS 3-4 EGLES Valka" >/dev/null 2>&1
echo "2026-05-15 12:29:59" > "$T/clock"
r=$(TALKA_NOW= TALKA_CLOCK_FILE="$T/clock" "$TALKA" sms $K "3" 2>/dev/null)
expect_match "expiry: 29:59 later (moved clock) still answered" "$r" "egle 3 gab\., Valka"
"$TALKA" sms --at "2026-05-15 13:00:00" $K "KOKS 3-4 EGLES Valka" >/dev/null 2>&1
echo "2026-05-15 13:30:00" > "$T/clock"
r=$(TALKA_NOW= TALKA_CLOCK_FILE="$T/clock" "$TALKA" sms $K "4" 2>/dev/null)
expect_match "expiry: 30 minutes later the number answers nothing" "$r" "koka sugas"
expect_eq "expiry: only the answered report is stored" "$(planted $K)" "picea_abies:3:Valka:accepted"
expect_eq "expiry: the second question expired" "$(asked $K)" "range:expired"

# Russian
say "ru: the range is asked about in Russian" "2026-05-15 11:00:00" $L "посадил от 4 до 6 лип в Огре" \
    "^Вы написали: липа 4-6 шт\., Огре\. Сколько точно\? Ответьте числом$"
say "ru: 'пять' answers it" "2026-05-15 11:01:00" $L "пять" "^Спасибо.*липа 5 шт"
expect_eq "ru: 5 limes at Ogre" "$(planted $L)" "tilia_cordata:5:Ogre:accepted"
"$TALKA" sms --at "2026-05-15 11:05:00" $M "ДЕРЕВО 2-3 ЕЛИ Елгава" >/dev/null 2>&1
say "ru: 0 asks again in Russian" "2026-05-15 11:06:00" $M "0" "[Сс]колько точно\? Ответьте одним числом"
say "ru: 'нет, 3' answers with 3" "2026-05-15 11:07:00" $M "нет, 3" "ель 3 шт"
expect_eq "ru: 3 spruces at Jelgava" "$(planted $M)" "picea_abies:3:Jelgava:accepted"

# English
say "en: the range is asked about in English" "2026-05-15 11:10:00" $N "planted 7 to 9 oaks in Bauska" \
    "^You wrote 7-9 oaks, Bauska\. How many exactly\? Reply with a number$"
say "en: 'eight' answers it" "2026-05-15 11:11:00" $N "eight" "Registered: 8 oaks, Bauska"
expect_eq "en: 8 oaks at Bauska" "$(planted $N)" "quercus_robur:8:Bauska:accepted"
"$TALKA" sms --at "2026-05-15 11:15:00" $O "12-14 birches Dobele" >/dev/null 2>&1
say "en: words without a number ask again" "2026-05-15 11:16:00" $O "not sure" "[Hh]ow many exactly\? Reply with one number"
say "en: a second one gives up kindly" "2026-05-15 11:17:00" $O "not sure, sorry" "^OK, not registered for now"
expect_eq "en: nothing stored" "$(planted $O)" ""
"$TALKA" sms --at "2026-05-15 11:20:00" $O "12-14 birches Dobele" >/dev/null 2>&1
say "en: '13 pcs' answers" "2026-05-15 11:21:00" $O "13 pcs" "13 birches, Dobele"
expect_eq "en: 13 birches at Dobele" "$(planted $O)" "betula_pendula:13:Dobele:accepted"

expect_eq "one reply per text" "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind='reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0
finish
