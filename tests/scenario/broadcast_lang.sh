# broadcast_lang.sh: a broadcast in the volunteers' languages: --text (Latvian)
# plus --text-ru / --text-en; each volunteer gets the text in their language,
# falling back to Latvian; the preview shows segments per language; the daemon
# sends each copy in its recipient's language.
. tests/lib.sh
plan 9
scratch
. tests/lib/modem.sh
export TALKA_NOW="2026-05-16 09:00:00"   # 12:00 in Riga
{
    printf 'l1\t+37126000001\tKOKS 12 OZOLS Cesis\n'
    printf 'l2\t+37126000002\tДЕРЕВО 4 СОСНЫ Вентспилс\n'
    printf 'l3\t+37126000003\tTREE 8 BIRCH Bauska\n'
    printf 'l4\t+37126000004\tДЕРЕВО 2 ДУБ Рига\n'
} | "$TALKA" sms --stdin > /dev/null 2>&1

out=$("$TALKA" broadcast create --to all --text "Sestdien talka, {name}!" --text-ru "В субботу толока!" 2>/dev/null)
expect_match "preview: Latvian copies (English falls back)" "$out" "lv \(and everyone without their own text\): 2 recipients, 1 "
expect_match "preview: Russian copies in UCS-2" "$out" "ru: 2 recipients, 1 max per copy \(2 x 1; 0 GSM-7, 2 UCS-2\)"
"$TALKA" broadcast create --to all --text "x" --text-en "Hi {nome}" --yes >/dev/null 2>&1
expect_eq "a bad placeholder in --text-en: exit 2" "$?" 2

id=$("$TALKA" broadcast create --to all --text "Sestdien talka!" --text-ru "В субботу толока!" --text-en "Tree planting on Saturday!" --yes 2>/dev/null | head -1)
expect_match "show: every language's text" "$("$TALKA" broadcast show "$id")" "text \(ru\): В субботу толока!"
unset TALKA_NOW
echo $(python3 -c "import calendar,time; print(calendar.timegm(time.strptime('2026-05-16 09:00:00', '%Y-%m-%d %H:%M:%S')))") > "$T/clock"
export TALKA_CLOCK_FILE=$T/clock
mkdir -p "$T/var/phone"
need_daemon
check "daemon: 4 copies queued" wait_for 60 "SELECT count(*) FROM outbound WHERE kind='broadcast'" 4
stop_daemon
bt() { q "SELECT text FROM outbound WHERE kind='broadcast' AND recipient='$1'"; }
expect_eq "Latvian volunteer: Latvian text" "$(bt +37126000001)" "Sestdien talka!"
expect_eq "Russian volunteer: Russian text" "$(bt +37126000002)" "В субботу толока!"
expect_eq "English volunteer: English text" "$(bt +37126000003)" "Tree planting on Saturday!"
expect_eq "second Russian volunteer: Russian text" "$(bt +37126000004)" "В субботу толока!"
finish
