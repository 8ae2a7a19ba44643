# modem_burst.sh: the acceptance burst on the simulated phone: 2 000 single texts
# and 50 three-part texts (lv/ru/en, some not understood, some from senders talka
# never answers) in the dummy phone before `talka run` starts -> each stored once,
# each answered once, the phone's inbox empty, every reply handed to the modem.
. tests/lib.sh
. tests/lib/modem.sh
plan 20
scratch
gen_texts "$T/texts.txt" 2000 50 11
check "burst: sim send --stdin writes 2 050 texts" "$TALKA" sim send --stdin < "$T/texts.txt"
expect_eq "burst: 2 150 messages (50 x 3 parts) in the phone" "$(inbox_count)" 2150
need_daemon
check "burst: settles (the phone empty, everything handled and sent)" wait_settled 240
expect_eq "burst: the phone's inbox is empty" "$(inbox_count)" 0
expect_eq "burst: every text stored once" "$(q "SELECT count(*) FROM inbound")" 2050
expect_eq "burst: every text handled" "$(q "SELECT count(*) FROM inbound WHERE state='handled'")" 2050
expect_eq "burst: 50 long texts joined from 3 parts" \
    "$(q "SELECT count(*) FROM inbound WHERE meta LIKE '{\"parts\":[1,2,3],\"total\":3}'")" 50
expect_eq "burst: long texts arrive whole" "$(q "SELECT count(*) FROM inbound WHERE meta IS NOT NULL AND length(CAST(text AS TEXT)) < 135")" 0
answerable=$(q "SELECT count(*) FROM inbound WHERE sender_e164 IS NOT NULL")
expect_eq "burst: each answerable text answered once" \
    "$(q "SELECT count(DISTINCT inbound_id) || ':' || count(*) FROM outbound WHERE kind='reply'")" "$answerable:$answerable"
expect_eq "burst: senders talka never answers get nothing" \
    "$(q "SELECT count(*) FROM outbound o JOIN inbound i ON i.id=o.inbound_id WHERE i.sender_e164 IS NULL")" 0
expect_eq "burst: every reply handed to the modem" "$(q "SELECT count(*) FROM outbound WHERE state='sent' AND transport='gammu0' AND transport_ref='255'")" "$answerable"
expect_eq "burst: sim outbox lists each once" "$("$TALKA" sim outbox | wc -l)" "$answerable"
# one modem, one priority: handed over in the order queued (the claim is ORDER BY
# priority, id), numbered 1..N without a gap
expect_eq "burst: sim outbox order is the queue order" \
    "$("$TALKA" sim outbox | cut -f1 | md5sum)" "$(q "SELECT recipient FROM outbound WHERE kind='reply' ORDER BY priority, id" | md5sum)"
expect_eq "burst: sending order numbered 1..N once each" \
    "$(q "SELECT count(*) || ':' || min(sent_seq) || ':' || max(sent_seq) || ':' || count(DISTINCT sent_seq) FROM outbound WHERE sent_seq IS NOT NULL")" \
    "$answerable:1:$answerable:$answerable"
expect_match "burst: Latvian letters survive the modem" "$(q "SELECT CAST(text AS TEXT) FROM inbound WHERE CAST(text AS TEXT) LIKE '%Cēsīs%' LIMIT 1")" "Iestādīju"
expect_match "burst: Cyrillic survives the modem" "$(q "SELECT CAST(text AS TEXT) FROM inbound WHERE CAST(text AS TEXT) LIKE '%Рига%' LIMIT 1")" "посадил|ДЕРЕВО"
expect_eq "burst: campaign total = sum of accepted plantings" "$(q "SELECT coalesce((SELECT trees FROM tree_totals WHERE municipality=''),0)")" "$(q "SELECT coalesce(sum(count),0) FROM plantings WHERE status='accepted'")"
stop_daemon
expect_eq "burst: SIGTERM stops the daemon cleanly" "$DRC" 0
expect_eq "burst: no errors logged" "$(grep -c ' error: ' "$T/run.log")" 0
expect_no_crash "burst: no crash or sanitizer report in the daemon's log" "$T/run.log"
finish
