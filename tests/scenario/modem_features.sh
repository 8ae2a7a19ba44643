# modem_features.sh: the modem daemon's smaller promises on the simulated phone:
# --help and usage errors, a part read twice, a long text whose part never comes
# (handled after the timeout, sender asked to resend), delivery reports, the
# USSD balance check with a low-balance alert, replies before broadcasts, a number
# that cannot be texted, the rate limit, and `talka status --check`.
. tests/lib.sh
. tests/lib/modem.sh
plan 33
scratch
export TALKA_LOG=info
phone=$T/var/phone

for c in "sim" "status"; do
    "$TALKA" $c --help > "$T/help.txt"
    expect_eq "features: talka $c --help exits 0" "$?" 0
done
"$TALKA" sim frobnicate > /dev/null 2>&1
expect_eq "features: an unknown sim subcommand exits 2" "$?" 2
"$TALKA" sim send +37126000001 > /dev/null 2>&1
expect_eq "features: sim send without a text exits 2" "$?" 2
"$TALKA" status --bogus > /dev/null 2>&1
expect_eq "features: status with a bad option exits 2" "$?" 2
"$TALKA" status --check > "$T/check.txt"
expect_eq "features: --check fails before any modem reported" "$?" 1
expect_match "features: ... and says why in one line" "$(cat "$T/check.txt")" "^CRITICAL: gammu0 has never reported"

# the clock moves only when the test says so
echo $(date +%s) > "$T/clock"
export TALKA_CLOCK_FILE=$T/clock
cat >> "$CONF" <<'INI'
[gammu]
device = ../var/phone
model = dummy
connection = none
rate = 30
balance_code = *245#
balance_low = ^Reply for
INI
sed -i 's/^\[modem\]$/[modem]\nalert_numbers = +37120009999/' "$CONF"

# a long text, its second part lost on the way, the first part read twice
long="TREE 7 OAK Cesis. Today we planted together with the pupils and the neighbours, it was a lovely day out and everybody helped, even the smallest ones, and we want to plant more next year with you all. The soil was wet after the rain, so the work went quickly and the saplings look healthy. Thank you for organising this, we will send the photos later on."
"$TALKA" sim send +37126000010 "$long"
expect_eq "features: a long text is three parts in the phone" "$(inbox_count)" 3
rm "$(grep -l 'UDH = 050003..0302' "$phone"/sms/1/*)"
cp "$(grep -l 'UDH = 050003..0301' "$phone"/sms/1/*)" "$phone/sms/1/100"
# a staff notice queued before a reply; the reply must still go first
q "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, created_at) VALUES ('+37126000020', 'Notice: plant on Saturday', 'gsm7', 1, 10, 'notice', 0)"
q "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, created_at) VALUES ('+37126000021', 'Paldies!', 'gsm7', 1, 0, 'reply', 0)"
q "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, created_at) VALUES ('not a number', 'x', 'gsm7', 1, 0, 'notice', 0)"
"$TALKA" sim send +37126000011 "KOKS 2 OZOLS Cesis"
t0=$(date +%s)
need_daemon
wait_for 30 "SELECT count(*) FROM modem_parts WHERE state='waiting'" 2
expect_eq "features: the part read twice is stored once" "$(q "SELECT group_concat(part) FROM modem_parts")" "1,3"
expect_match "features: ... and recognised in the log" "$(cat "$T/run.log")" "part 1/3 at message 10100 was read before"
expect_eq "features: the phone is emptied at once" "$(inbox_count)" 0
wait_for 30 "SELECT count(*) FROM outbound WHERE state IN ('sent','failed')" 5
t1=$(date +%s)
expect_eq "features: replies go before staff notices" "$("$TALKA" sim outbox | head -3 | cut -f1 | tr '\n' ' ')" "+37126000021 +37126000011 +37126000020 "
expect_match "features: a number that cannot be texted fails for good" "$(q "SELECT state || ':' || last_error FROM outbound WHERE recipient='not a number'")" "^failed:not a number"
expect_match "features: the rate limit spaces sends (30 a minute: 4 sends >= 6 s)" "$((t1 - t0))" "^([6-9]|[1-9][0-9])$"
expect_match "features: the balance is asked and logged" "$(cat "$T/run.log")" "gammu0: balance: Reply for \*245# \(low\)"
expect_match "features: status shows the balance" "$("$TALKA" status)" "balance Reply for \*245# .*LOW"
expect_eq "features: a low balance alerts the staff number" "$(q "SELECT count(*) FROM outbound WHERE recipient='+37120009999' AND kind='alert'")" 1

# the missing part never comes: after [modem] multipart_timeout (600 s)
echo $(( $(date +%s) + 700 )) > "$T/clock"
wait_for 30 "SELECT count(*) FROM inbound WHERE outcome='error:partial_text'" 1
expect_eq "features: the incomplete text is handled after the timeout" "$(q "SELECT count(*) FROM inbound WHERE outcome='error:partial_text'")" 1
expect_match "features: ... kept as it came" "$(q "SELECT meta FROM inbound WHERE outcome='error:partial_text'")" '"parts":\[1,3\],"total":3,"partial":true'
expect_eq "features: ... nothing counted from it" "$(q "SELECT count(*) FROM plantings p JOIN inbound i ON i.id=p.inbound_id WHERE i.outcome='error:partial_text'")" 0
wait_for 30 "SELECT count(*) FROM outbound WHERE recipient='+37126000010' AND state='sent'" 1
expect_match "features: ... and the sender asked to send it again, in English" "$("$TALKA" sim outbox | grep '^+37126000010')" "arrived incomplete"

# delivery reports (every dummy send has reference 255: the latest such row)
"$TALKA" sim report 255
wait_for 30 "SELECT count(*) FROM outbound WHERE state='delivered'" 1
expect_eq "features: a delivery report marks the message delivered" "$(q "SELECT recipient FROM outbound WHERE state='delivered'")" "+37126000010"
"$TALKA" sim report --failed 255
wait_for 30 "SELECT count(*) FROM outbound WHERE state='failed' AND recipient LIKE '+%'" 1
expect_eq "features: a failed report marks the newest other sent message failed" "$(q "SELECT count(*) FROM outbound WHERE state='failed' AND recipient LIKE '+%'")" 1
expect_eq "features: reports are deleted from the phone" "$(inbox_count)" 0

"$TALKA" status --check > "$T/check.txt"
expect_eq "features: --check passes with the modem up" "$?" 0
expect_match "features: ... in one line" "$(cat "$T/check.txt")" "^OK: 1 of 1 modems up"
stop_daemon
expect_eq "features: SIGTERM exits 0" "$DRC" 0
echo $(( $(date +%s) + 2000 )) > "$T/clock"
"$TALKA" status --check > "$T/check.txt"
expect_eq "features: --check fails when the modem has been down too long" "$?" 1
expect_match "features: ... saying so" "$(cat "$T/check.txt")" "^CRITICAL: gammu0 stopped for"
q "UPDATE modems SET state='up', since=0, last_contact=$(( $(date +%s) + 1990 ))"
q "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, created_at) VALUES ('+37126000030', 'stuck', 'gsm7', 1, 0, 'notice', $(date +%s))"
"$TALKA" status --check > "$T/check.txt"
expect_eq "features: --check fails when the queue is stuck" "$?" 1
expect_match "features: ... saying so" "$(cat "$T/check.txt")" "^CRITICAL: outbound queue stuck"
expect_eq "features: no errors logged" "$(grep -c ' error: ' "$T/run.log")" 0
expect_no_crash "features: no crash or sanitizer report in the daemon's log" "$T/run.log"
finish
