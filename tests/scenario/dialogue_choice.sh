# dialogue_choice.sh: a list talka offers ("Salas pagasts: kurā novadā? 1
# Jēkabpils, 2 Mārupes") is answered by its digit, by the name (inflected,
# without diacritics, with "novads", "novadā", "nov.") or by an ordinal in
# Latvian, Russian or English ("otrais", "первый", "second"); a place of that
# municipality answers too ("Марупе"). A text that names none of them is read
# as usual and the question still waits; a list reached by completing a
# half-report is answered the same way. Every reply is one SMS.
. tests/lib.sh
. tests/lib/dialogue.sh
plan 71
scratch
export TALKA_NOW="2026-05-15 10:00:00"

planted() { q "SELECT group_concat(species||':'||count||':'||place||':'||municipality||':'||status, ' ') FROM plantings WHERE volunteer_id=$(vol "$1")"; }
n=0
# answer NAME REPORT ANSWER MUNICIPALITY: the report asks, the answer picks (5 checks)
answer() {
    n=$((n + 1)); who=+3712620$(printf %04d $n)
    say "$1: the list is offered" "2026-05-15 10:00:00" $who "$2" "1 J[eē]kabpils, 2 M[aā]rupes"
    say "$1: '$3' picks" "2026-05-15 10:01:00" $who "$3" "Salas pagasts|Салас волость"
    expect_eq "$1: stored in $4" "$(q "SELECT municipality FROM plantings WHERE volunteer_id=$(vol $who)")" "$4"
}
answer "digit" "KOKS 3 PRIEDES Sala" "1" "Jēkabpils novads"
answer "name" "KOKS 3 PRIEDES Sala" "Mārupes" "Mārupes novads"
answer "name with novads, no diacritics" "KOKS 3 PRIEDES Sala" "marupes novads" "Mārupes novads"
answer "locative, novadā" "KOKS 3 PRIEDES Sala" "Jēkabpils novadā" "Jēkabpils novads"
answer "nov." "KOKS 3 PRIEDES Sala" "jekabpils nov." "Jēkabpils novads"
answer "the town's locative" "KOKS 3 PRIEDES Sala" "Mārupē" "Mārupes novads"
answer "lv ordinal" "KOKS 3 PRIEDES Sala" "pirmais" "Jēkabpils novads"
answer "ru ordinal" "ДЕРЕВО 3 СОСНЫ Сала" "второй" "Mārupes novads"
answer "ru town" "ДЕРЕВО 3 СОСНЫ Сала" "Екабпилс" "Jēkabpils novads"
answer "en ordinal" "TREE 3 PINES Sala" "the second one" "Mārupes novads"

# the other same-named parish: Pilskalnes pagasts
who=+37126209001
say "Pilskalne: the list is offered" "2026-05-15 11:00:00" $who "iestādīju 2 ozolus Pilskalnē" "1 Aizkraukles, 2 Aug[sš]daugavas"
say "Pilskalne: 'Augšdaugavā' picks" "2026-05-15 11:01:00" $who "Augšdaugavā" "Pilskalnes pagasts"
expect_eq "Pilskalne: stored in Augšdaugavas novads" "$(planted $who)" "quercus_robur:2:Pilskalnes pagasts:Augšdaugavas novads:accepted"

# a name that is none of them: read as usual, the question still waits
who=+37126209002
"$TALKA" sms --at "2026-05-15 12:00:00" $who "KOKS 3 PRIEDES Sala" >/dev/null 2>&1
say "no match: a word of neither is read as usual" "2026-05-15 12:01:00" $who "Ventspils" "Nesapratu"
expect_eq "no match: the question still waits" "$(asked $who)" "choice:waiting"
say "no match: a digit not offered asks again" "2026-05-15 12:02:00" $who "5" "1 J[eē]kabpils, 2 M[aā]rupes"
say "no match: then the name answers" "2026-05-15 12:03:00" $who "Mārupes nov." "Salas pagasts"
expect_eq "no match: one planting, in Mārupes novads" "$(planted $who)" "pinus_sylvestris:3:Salas pagasts:Mārupes novads:accepted"

# a half-report completed by an ambiguous place: the list, then its name
who=+37126209003
say "half then choice: the place is asked for" "2026-05-15 13:00:00" $who "koks 4 bērzi" "Kur iest[aā]d[iī]j[aā]t\?"
say "half then choice: 'Salā' offers the list" "2026-05-15 13:01:00" $who "Salā" "1 J[eē]kabpils, 2 M[aā]rupes"
say "half then choice: 'otro' picks" "2026-05-15 13:02:00" $who "otro" "b[eē]rzs 4 gab\., Salas pagasts"
expect_eq "half then choice: stored once, in Mārupes novads" "$(planted $who)" "betula_pendula:4:Salas pagasts:Mārupes novads:accepted"
expect_eq "half then choice: the question remembers the text that completed it" "$(q "SELECT i.text FROM awaiting_confirmation a JOIN inbound i ON i.id=a.part_id WHERE a.volunteer_id=$(vol $who)")" "Salā"
finish
