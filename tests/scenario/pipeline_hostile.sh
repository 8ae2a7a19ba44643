# pipeline_hostile.sh: hostile texts (SQL fragments, format strings, 10 KB texts,
# invalid UTF-8, NUL bytes, empty) are stored verbatim, answered with one short
# single-line reply each, and the database stays intact.
. tests/lib.sh
plan 16
scratch
export TALKA_NOW="2026-05-15 10:00:00"
big=$(head -c 10240 /dev/zero | tr '\0' 'A')
{
    printf 'h1\t+37126100001\tKOKS 1 OZOLS Cesis'"'"'; DROP TABLE plantings;--\n'
    printf 'h2\t+37126100002\t%%s%%n%%x%%p%%99999999d\n'
    printf 'h3\t+37126100003\t%s\n' "$big"
    printf 'h4\t+37126100004\t\\xff\\xfe KOKS \\xc3\n'
    printf 'h5\t+37126100005\tKOKS\\0 5 OZOLS Cesis\n'
    printf 'h6\t+37126100006\t\n'
    printf 'h7\t+37126100007\tKOKS 99999999999999999999 OZOLS Cesis\n'
    printf "h8\t+37126100008\tVĀRDS Robert'); DROP TABLE volunteers;--\n"
} > "$T/in.txt"
"$TALKA" sms --stdin < "$T/in.txt" > "$T/out.txt" 2>"$T/err.txt"
expect_eq "hostile: exit 0" "$?" 0
expect_eq "hostile: one output line per text" "$(wc -l < "$T/out.txt")" 8
expect_eq "hostile: every text answered" "$(grep -c . "$T/out.txt")" 8
expect_eq "hostile: all stored" "$(q "SELECT count(*) FROM inbound")" 8
expect_eq "hostile: SQL stored verbatim" "$(q "SELECT CAST(text AS TEXT) FROM inbound WHERE transport_id='h1'")" "KOKS 1 OZOLS Cesis'; DROP TABLE plantings;--"
expect_eq "hostile: format string stored verbatim" "$(q "SELECT CAST(text AS TEXT) FROM inbound WHERE transport_id='h2'")" '%s%n%x%p%99999999d'
expect_eq "hostile: 10 KB stored whole" "$(q "SELECT length(text) FROM inbound WHERE transport_id='h3'")" 10240
expect_eq "hostile: invalid UTF-8 stored byte for byte" "$(q "SELECT hex(text) FROM inbound WHERE transport_id='h4'")" "FFFE204B4F4B5320C3"
expect_eq "hostile: NUL byte stored" "$(q "SELECT hex(text) FROM inbound WHERE transport_id='h5'")" "4B4F4B53002035204F5A4F4C53204365736973"
expect_eq "hostile: empty text answered" "$(q "SELECT outcome FROM inbound WHERE transport_id='h6'")" "error:empty"
expect_eq "hostile: huge number refused" "$(q "SELECT outcome FROM inbound WHERE transport_id='h7'")" "error:count_out_of_range"
expect_eq "hostile: tables intact" "$(q "SELECT count(*) FROM sqlite_master WHERE name IN ('plantings','volunteers')")" 2
expect_eq "hostile: the SQL-looking report still counted" "$(q "SELECT count(*) FROM plantings WHERE inbound_id=(SELECT id FROM inbound WHERE transport_id='h1')")" 1
ok_single=1
while IFS= read -r line; do
    n=$(printf '%s' "$line" | wc -m)
    [ "$n" -le 160 ] || ok_single=0
done < "$T/out.txt"
expect_eq "hostile: replies are short" "$ok_single" 1
expect_eq "hostile: every reply one segment" "$(q "SELECT count(*) FROM outbound WHERE segments != 1")" 0
expect_eq "hostile: integrity" "$(q "PRAGMA integrity_check")" ok
finish
