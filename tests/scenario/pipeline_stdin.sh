# pipeline_stdin.sh: `talka sms --stdin` applies the flood limits in arrival order,
# as the modem does: 32 texts from one number in one batch get the first 20
# answered (replies_per_hour), texts 31 and 32 are stored as flood.
. tests/lib.sh
plan 6
scratch
export TALKA_NOW="2026-05-15 10:00:00"
db=$T/var/talka.db
q() { sqlite3 "$db" "$1"; }
for i in $(seq 1 32); do printf 'id-%d\t+37126000001\tKOKS %d OZOLS Cesis\n' "$i" "$i"; done > "$T/in.tsv"
"$TALKA" sms --stdin < "$T/in.tsv" > "$T/out.txt" 2>>"$T/stderr"
expect_eq "stdin burst: exit 0" "$?" 0
expect_eq "stdin burst: one output line per text" "$(wc -l < "$T/out.txt")" 32
expect_eq "stdin burst: the first 20 answered" "$(q "SELECT count(*) FROM outbound WHERE recipient='+37126000001' AND kind='reply'")" 20
expect_match "stdin burst: the first text's reply printed" "$(head -1 "$T/out.txt")" "Paldies"
expect_eq "stdin burst: texts 31 and 32 stored as flood" "$(q "SELECT group_concat(outcome) FROM (SELECT outcome FROM inbound WHERE outcome='flood' ORDER BY id)")" "flood,flood"
expect_eq "stdin burst: 30 reports counted" "$(q "SELECT count(*) FROM plantings")" 30
finish
