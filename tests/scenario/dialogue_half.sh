# dialogue_half.sh: a report missing exactly one part (place, species or count)
# asks for it ("Kur iestādījāt?", "Kādus kokus iestādījāt?", "Cik koku
# iestādījāt?") in the sender's language, and the next text that supplies it
# (a bare place "Valmierā", a species "bērzus", a count "divpadsmit") completes
# it and stores it once on the report's own text. Meanwhile a command is done
# and the report keeps waiting; words that are neither are answered as usual;
# a full new report, or a new half-report, replaces it; NĒ drops it; half an
# hour later it has ended; a text missing two parts is not asked about; a crash
# between the question and the answer counts the report once. One SMS each.
. tests/lib.sh
. tests/lib/dialogue.sh
plan 101
scratch
export TALKA_NOW="2026-05-15 10:00:00"

planted() { q "SELECT group_concat(species||':'||count||':'||place||':'||status, ' ') FROM plantings WHERE volunteer_id=$(vol "$1")"; }
n=0
# half NAME REPORT QUESTION ANSWER REPLY STORED: asked, completed, stored (6 checks)
half() {
    n=$((n + 1)); who=+3712630$(printf %04d $n)
    say "$1: asks for the missing part" "2026-05-15 10:00:00" $who "$2" "$3"
    expect_eq "$1: nothing stored yet" "$(planted $who)" ""
    say "$1: '$4' completes it" "2026-05-15 10:03:00" $who "$4" "$5"
    expect_eq "$1: stored" "$(planted $who)" "$6"
}
half "lv place" "iestādīju 6 kļavas" "^Kur iest[aā]d[iī]j[aā]t\? Atbildiet ar vietu" \
    "Valmierā" "k[lļ]ava 6 gab\., Valmiera" "acer_platanoides:6:Valmiera:accepted"
half "lv species" "koks 7 Saldus" "^K[aā]dus kokus iest[aā]d[iī]j[aā]t\? Atbildiet ar sugu" \
    "bērzus" "b[eē]rzs 7 gab\., Saldus" "betula_pendula:7:Saldus:accepted"
half "lv count" "KOKS EGLES Limbaži" "^Cik koku iest[aā]d[iī]j[aā]t\? Atbildiet ar skaitli" \
    "divpadsmit" "egle 12 gab\., Limba[zž]i" "picea_abies:12:Limbaži:accepted"
half "ru place" "посадил 3 берёзы" "^Где посадили\? Ответьте названием места" \
    "в Елгаве" "берёза 3 шт\., Елгава" "betula_pendula:3:Jelgava:accepted"
half "ru species" "ДЕРЕВО 4 Резекне" "^Какие деревья посадили\?" \
    "ели" "ель 4 шт" "picea_abies:4:Rēzekne:accepted"
half "ru count" "посадил дубы в Огре" "^Сколько деревьев посадили\? Ответьте числом" \
    "семь" "дуб 7 шт\., Огре" "quercus_robur:7:Ogre:accepted"
half "en place" "planted 5 oaks" "^Where did you plant them\? Reply with the place" \
    "in Sigulda" "Registered: 5 oaks, Sigulda" "quercus_robur:5:Sigulda:accepted"
half "en species" "TREE 3 Cesis" "^Which trees did you plant\?" \
    "spruces" "3 spruces, C[eē]sis" "picea_abies:3:Cēsis:accepted"
half "en count" "planted birches in Tukums" "^How many trees did you plant\? Reply with a number" \
    "four" "4 birches, Tukums" "betula_pendula:4:Tukums:accepted"
expect_eq "points once for the completed report (6 x 20 + 50)" "$(points +37126300001)" 170

# a command meanwhile is done; words that are neither are answered as usual
A=+37126309001
"$TALKA" sms --at "2026-05-15 11:00:00" $A "koks 4 liepas" >/dev/null 2>&1
say "meanwhile: PUNKTI answers the points" "2026-05-15 11:01:00" $A "PUNKTI" "punkti"
say "meanwhile: words that are neither: as usual (a greeting alone gets the help)" "2026-05-15 11:02:00" $A "labdien" "KOKS skaits suga vieta"
expect_eq "meanwhile: the half-report still waits" "$(asked $A)" "ask:waiting"
say "meanwhile: then the place completes it" "2026-05-15 11:03:00" $A "Ogrē" "liepa 4 gab\., Ogre"
expect_eq "meanwhile: stored once" "$(planted $A)" "tilia_cordata:4:Ogre:accepted"
say "meanwhile: the place again answers nothing" "2026-05-15 11:04:00" $A "Ogrē" "Nesapratu"
expect_eq "meanwhile: still once" "$(planted $A)" "tilia_cordata:4:Ogre:accepted"

# a full new report replaces it: the place afterwards completes nothing
B=+37126309002
"$TALKA" sms --at "2026-05-15 11:10:00" $B "koks 4 liepas" >/dev/null 2>&1
say "new report: registered" "2026-05-15 11:11:00" $B "KOKS 2 OZOLI Cēsis" "ozols 2 gab\., C[eē]sis"
expect_eq "new report: the half-report has ended" "$(asked $B)" "ask:expired"
"$TALKA" sms --at "2026-05-15 11:12:00" $B "Dobelē" >/dev/null 2>&1
expect_eq "new report: only it is stored" "$(planted $B)" "quercus_robur:2:Cēsis:accepted"

# a new half-report replaces the old one
C=+37126309003
"$TALKA" sms --at "2026-05-15 11:20:00" $C "koks 4 liepas" >/dev/null 2>&1
say "new half: asks again" "2026-05-15 11:21:00" $C "koks 3 egles" "Kur iest[aā]d[iī]j[aā]t\?"
say "new half: the place completes the newer one" "2026-05-15 11:22:00" $C "Tukumā" "egle 3 gab\., Tukums"
expect_eq "new half: only the newer one is stored" "$(planted $C)" "picea_abies:3:Tukums:accepted"
expect_eq "new half: the older was replaced" "$(q "SELECT group_concat(state, ' ') FROM awaiting_confirmation WHERE volunteer_id=$(vol $C)")" "replaced confirmed"

# JĀ hears the question again; NĒ drops it
D=+37126309004
"$TALKA" sms --at "2026-05-15 11:30:00" $D "koks 5 Ogre" >/dev/null 2>&1
say "yes: the question again" "2026-05-15 11:31:00" $D "jā" "K[aā]dus kokus iest[aā]d[iī]j[aā]t\?"
say "no: dropped" "2026-05-15 11:32:00" $D "nē" "nere[gģ]istr[eē]ju"
expect_eq "no: nothing stored" "$(planted $D)" ""
expect_eq "no: declined" "$(asked $D)" "ask:declined"

# half an hour later it has ended
E=+37126309005
"$TALKA" sms --at "2026-05-15 12:00:00" $E "koks 4 liepas" >/dev/null 2>&1
say "expiry: the place 30 minutes later completes nothing" "2026-05-15 12:30:00" $E "Dobelē" "Nesapratu"
expect_eq "expiry: nothing stored" "$(planted $E)" ""
expect_eq "expiry: the question expired" "$(asked $E)" "ask:expired"

# a text missing two parts is not a half-report: the usual hint, nothing waits
F=+37126309006
say "two missing: the usual hint" "2026-05-15 12:40:00" $F "koks 9" "Tr[uū]kst koka sugas"
expect_eq "two missing: nothing waits" "$(q "SELECT count(*) FROM awaiting_confirmation WHERE volunteer_id=$(vol $F)")" 0

# a first report that is very big, completed: asked about like any first big one
H=+37126309008
"$TALKA" sms --at "2026-05-15 12:50:00" $H "koks 1500 ozoli" >/dev/null 2>&1
say "big: completed, then asked about" "2026-05-15 12:51:00" $H "Cēsīs" "^Vai dom[aā]j[aā]t: ozols 1500 gab\., C[eē]sis\?"
expect_eq "big: nothing stored yet" "$(planted $H)" ""
say "big: JĀ sends it to staff review" "2026-05-15 12:52:00" $H "jā" "darbinieki p[aā]rbaud[iī]s"
expect_eq "big: waits for review" "$(planted $H)" "quercus_robur:1500:Cēsis:pending_review"

# a crash between the question and the answer: the answer is retried, counted once
G=+37126309007
"$TALKA" sms --at "2026-05-15 13:00:00" $G "iestādīju 8 priedes" >/dev/null 2>&1
q "CREATE TRIGGER crash BEFORE UPDATE ON awaiting_confirmation WHEN NEW.state = 'confirmed' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END"
"$TALKA" sms --id half1 --at "2026-05-15 13:01:00" $G "Jūrmalā" >/dev/null 2>&1
expect_eq "crash: the answer is stored but not handled" "$(q "SELECT state FROM inbound WHERE transport_id='half1'")" new
expect_eq "crash: nothing stored by the failed answer" "$(planted $G)" ""
q "DROP TRIGGER crash"
r=$("$TALKA" sms --id half1 --at "2026-05-15 13:01:00" $G "Jūrmalā" 2>/dev/null)
expect_match "crash: the retried answer completes it" "$r" "priede 8 gab\., J[uū]rmala"
"$TALKA" sms --id half1 --at "2026-05-15 13:01:00" $G "Jūrmalā" >/dev/null 2>&1
"$TALKA" sms --at "2026-05-15 13:02:00" $G "Jūrmalā" >/dev/null 2>&1
expect_eq "crash: one planting" "$(planted $G)" "pinus_sylvestris:8:Jūrmala:accepted"
expect_eq "crash: points once (8 x 20 + 50)" "$(points $G)" 210
expect_eq "one reply per text" "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind='reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0
finish
