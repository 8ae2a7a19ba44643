# phrases_sms.sh: what one text says, through `talka sms` (issue 23, items 4, 5, 6, 8
# and 11 on SMS): two reports in one text stored each at its own place with one
# reply; a command before a report does both; everyday requests (how to take
# part, erase my data, stop texting me, my name is, thanks and greetings) as the
# command they mean, answered in the sender's language; weekday dates; the formal
# Latvian register and "баллы"; every reply one SMS segment.
. tests/lib.sh
. tests/lib/dialogue.sh
plan 62
scratch
export TALKA_NOW="2026-05-15 10:00:00"      # a Friday
sms() { "$TALKA" sms "$@" 2>>"$T/stderr"; }
plants() { q "SELECT species||'='||count||'@'||place FROM plantings WHERE volunteer_id=$(vol "$1") AND status IN ('accepted','pending_review') ORDER BY id" | paste -sd, -; }
segs() { q "SELECT segments FROM outbound WHERE recipient='$1' ORDER BY id DESC LIMIT 1"; }

# --- two reports in one text
r=$(sms +37127000001 "koks 4 ozoli Tukums koks 3 liepas Cēsis")
expect_eq "two lv: each count at its own place" "$(plants +37127000001)" "quercus_robur=4@Tukums,tilia_cordata=3@Cēsis"
expect_match "two lv: one reply names both places" "$r" "ozols 4 gab\., Tukums; liepa 3 gab\., C[eē]sis"
expect_match "two lv: the points once, formally" "$r" "J[uū]su punkti: $(points +37127000001)\.$"
expect_eq "two lv: one SMS segment" "$(segs +37127000001)" 1
expect_eq "two lv: municipality totals apart" "$(q "SELECT group_concat(municipality||'='||trees, ',') FROM (SELECT * FROM tree_totals WHERE municipality IN ('Tukuma novads','Cēsu novads') ORDER BY municipality)")" "Cēsu novads=3,Tukuma novads=4"
r=$(sms +37127000002 "5 bērzi Saldū, 2 egles Kuldīgā")
expect_eq "two lv, commas: each at its place" "$(plants +37127000002)" "betula_pendula=5@Saldus,picea_abies=2@Kuldīga"
r=$(sms +37127000003 "посадили 3 дуба в Огре и 2 липы в Елгаве")
expect_eq "two ru: each at its place" "$(plants +37127000003)" "quercus_robur=3@Ogre,tilia_cordata=2@Jelgava"
expect_match "two ru: one reply in Russian with баллы" "$r" "^Спасибо! Учтено: .*Огре; .*Елгава\. Ваши баллы: [0-9]+$"
expect_eq "two ru: one SMS segment" "$(segs +37127000003)" 1
r=$(sms +37127000004 "planted 2 oaks in Talsi and 3 birches in Ogre")
expect_eq "two en: each at its place" "$(plants +37127000004)" "quercus_robur=2@Talsi,betula_pendula=3@Ogre"
expect_match "two en: one reply" "$r" "^Thank you! Registered: 2 oaks, Talsi; 3 birches, Ogre\. Your points: [0-9]+\.$"
r=$(sms --at "2026-05-15 10:05:00" +37127000004 "planted 2 oaks in Talsi and 3 birches in Ogre")
expect_match "two en: the same text again is a duplicate" "$r" "already registered"
r=$(sms +37127000005 "koks 3 oši, 2 kļavas Ogre")
expect_eq "one place, two species: both there" "$(plants +37127000005)" "fraxinus_excelsior=3@Ogre,acer_platanoides=2@Ogre"

# --- a command before a report does both
r=$(sms +37127000011 "PUNKTI koks 2 egles Dobele")
expect_eq "points+report lv: the planting stored" "$(plants +37127000011)" "picea_abies=2@Dobele"
expect_match "points+report lv: the points in the reply" "$r" "J[uū]su punkti: $(points +37127000011)\."
r=$(sms +37127000012 "ОЧКИ 3 дуба Огре")
expect_eq "points+report ru: stored" "$(plants +37127000012)" "quercus_robur=3@Ogre"
expect_match "points+report ru: баллы in the reply" "$r" "[Бб]аллы: $(points +37127000012)"
r=$(sms +37127000013 "points 2 oaks Talsi")
expect_eq "points+report en: stored" "$(plants +37127000013)" "quercus_robur=2@Talsi"
expect_match "points+report en: points in the reply" "$r" "Your points: $(points +37127000013)"
r=$(sms +37127000013 "БАЛЛЫ")
expect_match "БАЛЛЫ is the points command" "$r" "^Ваши баллы: $(points +37127000013)\."

# --- everyday requests
r=$(sms +37127000021 "kā pierakstīties?")
expect_match "join lv: help in Latvian, formally" "$r" "^Sūtiet: KOKS|^Sutiet: KOKS"
r=$(sms +37127000022 "как записаться?")
expect_match "join ru: help in Russian" "$r" "ДЕРЕВО"
r=$(sms +37127000023 "koks 2 liepas Ogre")
r=$(sms --at "2026-05-15 10:01:00" +37127000023 "lūdzu dzēsiet manus datus")
expect_match "erase lv: the confirmation question" "$r" "^Sūtiet DZĒST JĀ"
expect_eq "erase lv: nothing erased yet" "$(q "SELECT count(*) FROM volunteers WHERE number='+37127000023'")" 1
r=$(sms --at "2026-05-15 10:02:00" +37127000023 "DZĒST JĀ")
expect_eq "erase lv: DZĒST JĀ then erases" "$(q "SELECT count(*) FROM volunteers WHERE number='+37127000023'")" 0
r=$(sms +37127000024 "удалите мои данные")
expect_match "erase ru: the question in Russian" "$r" "УДАЛИТЬ ДА"
expect_eq "erase ru: outcome delete_asked" "$(q "SELECT outcome FROM inbound WHERE sender='+37127000024'")" delete_asked
r=$(sms +37127000025 "please delete my data")
expect_match "erase en: the question in English" "$r" "DELETE YES"
expect_eq "erase en: still there" "$(q "SELECT count(*) FROM volunteers WHERE number='+37127000025'")" 1
r=$(sms +37127000026 "nesūtiet man vairs ziņas")
expect_eq "stop lv: opted out at once" "$(q "SELECT opted_out FROM volunteers WHERE number='+37127000026'")" 1
expect_match "stop lv: says how to undo it" "$r" "START"
r=$(sms +37127000027 "больше не присылайте")
expect_eq "stop ru: opted out" "$(q "SELECT opted_out FROM volunteers WHERE number='+37127000027'")" 1
expect_match "stop ru: reply in Russian" "$r" "^Напоминания выключены.*START"
r=$(sms +37127000028 "stop sending me texts")
expect_eq "stop en: opted out" "$(q "SELECT opted_out FROM volunteers WHERE number='+37127000028'")" 1
expect_match "stop en: reply in English, not Latvian" "$r" "^Reminders are off.*START"
expect_eq "stop en: language remembered" "$(q "SELECT lang FROM volunteers WHERE number='+37127000028'")" en
r=$(sms +37127000029 "Mans vārds ir Ilze Ozola")
expect_eq "name lv: stored exactly, a tree surname too" "$(q "SELECT name FROM volunteers WHERE number='+37127000029'")" "Ilze Ozola"
expect_eq "name lv: no planting" "$(plants +37127000029)" ""
expect_match "name lv: thanked by name" "$r" "Ilze Ozola"
r=$(sms +37127000030 "Меня зовут Ирина Берзиня")
expect_eq "name ru: stored" "$(q "SELECT name FROM volunteers WHERE number='+37127000030'")" "Ирина Берзиня"
expect_match "name ru: reply in Russian" "$r" "^Спасибо, Ирина Берзиня"
r=$(sms +37127000031 "My name is John Liepa")
expect_eq "name en: stored" "$(q "SELECT name FROM volunteers WHERE number='+37127000031'")" "John Liepa"
expect_match "name en: reply in English" "$r" "^Thank you, John Liepa"
r=$(sms +37127000032 "VĀRDS")
expect_match "bare VĀRDS: how to send it" "$r" "VĀRDS Vārds Uzvārds|VARDS Vards Uzvards"
expect_eq "bare VĀRDS: no name stored" "$(q "SELECT coalesce(name,'') FROM volunteers WHERE number='+37127000032'")" ""
r=$(sms +37127000033 "ИМЯ")
expect_match "bare ИМЯ: how to send it, in Russian" "$r" "ИМЯ Имя Фамилия"
r=$(sms +37127000034 "NAME")
expect_match "bare NAME: how to send it, in English" "$r" "NAME First Last"
r=$(sms +37127000035 "Paldies!")
expect_eq "thanks lv: no reply" "$r" ""
expect_eq "thanks lv: stored, handled as thanks" "$(q "SELECT outcome FROM inbound WHERE sender='+37127000035'")" thanks
expect_eq "thanks lv: nothing queued" "$(q "SELECT count(*) FROM outbound WHERE recipient='+37127000035'")" 0
r=$(sms +37127000036 "Спасибо")
expect_eq "thanks ru: no reply" "$r" ""
r=$(sms +37127000037 "Thanks, bye")
expect_eq "thanks en: no reply" "$r" ""
r=$(sms +37127000038 "labdien")
expect_match "greeting alone: the help, never Nesapratu" "$r" "^Sūtiet: KOKS|^Sutiet: KOKS"

# --- weekday dates: the most recent such day, today included
r=$(sms +37127000041 "koks 3 ozoli Cēsis sestdien")
expect_eq "weekday lv: Saturday before" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000041)")" 2026-05-09
r=$(sms +37127000042 "pagājušajā svētdienā iestādījām 4 liepas Ogrē")
expect_eq "weekday lv: last Sunday" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000042)")" 2026-05-10
r=$(sms +37127000043 "piektdien 2 egles Tukumā")
expect_eq "weekday lv: today included" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000043)")" 2026-05-15
r=$(sms +37127000044 "в субботу посадили 3 дуба в Огре")
expect_eq "weekday ru: в субботу" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000044)")" 2026-05-09
r=$(sms +37127000045 "в прошлое воскресенье 2 березы Елгава")
expect_eq "weekday ru: в прошлое воскресенье" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000045)")" 2026-05-10
r=$(sms +37127000046 "planted 6 birches in Talsi on Saturday")
expect_eq "weekday en: on Saturday" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000046)")" 2026-05-09
r=$(sms +37127000047 "last Sunday 4 limes Dobele")
expect_eq "weekday en: last Sunday" "$(q "SELECT planted_on FROM plantings WHERE volunteer_id=$(vol +37127000047)")" 2026-05-10

# --- every reply of this part was one SMS segment, and Latvian ones formal
expect_eq "every reply one segment" "$(q "SELECT count(*) FROM outbound WHERE kind IN ('reply','final') AND segments != 1")" 0
expect_eq "no informal Latvian" "$(q "SELECT count(*) FROM outbound WHERE lower(text) GLOB '*tavi *' OR text GLOB '*Sūti *' OR text GLOB '*Sūti:*' OR text GLOB '*Atbildi *'")" 0
finish
