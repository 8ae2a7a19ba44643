# broadcast_audience.sh: a broadcast's audience from the command line as the AND
# of --municipality (several), --lang and --since (and the same as a --to
# segment joined by '&'): what the preview says talka understood, that the
# recipients stored are exactly the volunteers the database says match (opted
# out, other places, other languages and older reports left out), what `show`
# prints, and the refusals: a day that does not exist, file: combined, nobody.
. tests/lib.sh
. tests/lib/audience.sh
plan 19
scratch
export TALKA_NOW="2026-05-16 10:00:00"
{   # FROM, --at (UTC), TEXT
    printf '+37127000001\t2026-05-10 09:00\tДЕРЕВО 5 ДУБ Цесис\n'         # in
    printf '+37127000002\t2026-05-11 09:00\tДЕРЕВО 3 ЛИПА Валмиера\n'     # in
    printf '+37127000003\t2026-04-20 09:00\tДЕРЕВО 2 ДУБ Цесис\n'         # before the date
    printf '+37127000004\t2026-05-10 09:00\tKOKS 4 OZOLS Cesis\n'         # Latvian
    printf '+37127000005\t2026-05-10 09:00\tДЕРЕВО 6 БЕРЕЗА Талси\n'      # another place
    printf '+37127000006\t2026-05-10 09:00\tДЕРЕВО 3 ЛИПА Валмиера\n'     # then STOP
    printf '+37127000006\t2026-05-10 09:05\tСТОП\n'
} | while IFS="$(printf '\t')" read -r from at text; do "$TALKA" sms --at "$at" "$from" "$text" > /dev/null 2>&1; done
since=$(TZ=Europe/Riga date -d "2026-05-01 00:00" +%s)
# who the database says match, written apart from talka's own query
expected=$(audience_expected "$since")
expect_eq "audience: the database's own answer" "$expected" "+37127000001 +37127000002"

out=$("$TALKA" broadcast create --municipality Cēsis --municipality Valmierā --lang ru --since 2026-05-01 \
      --text "Sestdien talka!" --text-ru "В субботу толока!" --name audience 2>&1)
expect_eq "preview: exit 1 without --yes" "$?" 1
expect_match "preview: what talka understood" "$out" \
    "to: municipality Cēsu novads, Valmieras novads & lang ru & active since 2026-05-01 \(you wrote"
expect_match "preview: the recipients the database names" "$out" "recipients: 2$"
expect_match "preview: all of them get the Russian text" "$out" "  ru: 2 recipients"
out=$("$TALKA" broadcast create --municipality Cēsis,Valmiera --lang ru --since 2026-05-01 \
      --text "Sestdien talka!" --text-ru "В субботу толока!" --name audience --yes 2>&1)
expect_eq "create: exit 0" "$?" 0
id=$(printf '%s\n' "$out" | head -1)
expect_eq "create: exactly those recipients stored" \
    "$(q "SELECT group_concat(number, ' ') FROM (SELECT v.number FROM broadcast_recipients r
          JOIN volunteers v ON v.id = r.volunteer_id WHERE r.broadcast_id = '$id' ORDER BY v.number)")" "$expected"
expect_eq "create: the filters stored with it" \
    "$(q "SELECT seg_kind || '|' || seg_munis || '|' || seg_lang || '|' || seg_since FROM broadcasts WHERE id = '$id'")" \
    "all|[\"Cēsu novads\",\"Valmieras novads\"]|ru|$since"
out=$("$TALKA" broadcast show "$id")
expect_match "show: the segment and what it means" "$out" \
    "segment: municipality:Cēsis,Valmiera & lang:ru & active:2026-05-01 \(municipality Cēsu novads, Valmieras novads & lang ru & active since 2026-05-01\)"
# the same audience in the segment language
out=$("$TALKA" broadcast create --to "lang:ru & municipality:Cesis , Valmiera&active:2026-05-01" --text "x" 2>&1)
expect_match "--to with '&': the same recipients" "$out" "recipients: 2$"
# a filter beside --to is AND-ed with it
out=$("$TALKA" broadcast create --to species:liepa --lang ru --text "x" 2>&1)
expect_match "--to species AND --lang: the lime planters who speak Russian" \
    "$(printf '%s\n' "$out" | grep -E '^(to|recipients):' | tr '\n' ' ')" \
    "^to: species tilia_cordata & lang ru \(you wrote 'species:liepa & lang:ru'\) recipients: 1 $"
out=$("$TALKA" broadcast create --municipality Talsi --lang lv --text "x" --yes 2>&1)
expect_eq "nobody: exit 1" "$?" 1
expect_match "nobody: said" "$out" "has no recipients"
out=$("$TALKA" broadcast create --since 2026-02-30 --text "x" --yes 2>&1)
expect_eq "a day that does not exist: exit 2" "$?" 2
expect_match "a day that does not exist: said" "$out" "active: '2026-02-30' is no date: write YYYY-MM-DD"
out=$("$TALKA" broadcast create --to file:/dev/null --lang ru --text "x" --yes 2>&1)
expect_eq "file: with a filter: exit 2" "$?" 2
expect_match "file: with a filter: said" "$out" "cannot be combined"
expect_eq "refusals stored nothing" "$(q "SELECT count(*) FROM broadcasts")" 1
expect_match "--help names the options" "$("$TALKA" broadcast --help | tr '\n' ' ')" \
    "\[--municipality NAME\]\.\.\. +\[--lang lv\|ru\|en\] \[--since DATE\]"
finish
