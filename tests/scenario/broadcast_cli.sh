# broadcast_cli.sh: `talka broadcast` without the daemon: --help and exit codes,
# segments (municipality from reports and home place, species, active/inactive,
# file lists with bad rows listed), per-copy segment counts, refusal over 2
# segments unless --force, --at in campaign time, list/show/cancel, and the
# staff commands by SMS (ZIŅA, STATUSS, APSTIPRINĀT; PIN masked, wrong PINs
# audited and locking the number after 5).
. tests/lib.sh
plan 48
scratch
export TALKA_NOW="2026-05-16 09:00:00"   # 12:00 in Riga

"$TALKA" broadcast --help > /dev/null
expect_eq "cli: --help exits 0" "$?" 0
"$TALKA" broadcast frobnicate > /dev/null 2>&1
expect_eq "cli: unknown subcommand exits 2" "$?" 2
"$TALKA" broadcast create --to all > /dev/null 2>&1
expect_eq "cli: create without --text exits 2" "$?" 2
"$TALKA" broadcast create --to everyone --text x --yes > /dev/null 2>&1
expect_eq "cli: unknown segment exits 2" "$?" 2
"$TALKA" broadcast create --to all --text "Hi {vards}" --yes > /dev/null 2>&1
expect_eq "cli: unknown placeholder exits 2" "$?" 2
# a text of a zero-width space and a space: empty as sent, refused naming why
out=$("$TALKA" broadcast create --to all --text "$(printf '\342\200\213 ')" --yes 2>&1)
expect_eq "cli: an invisible-only text exits 2" "$?" 2
expect_match "cli: an invisible-only text is said to be empty" "$out" "text is empty"
"$TALKA" broadcast show 99 > /dev/null 2>&1
expect_eq "cli: show of no broadcast exits 1" "$?" 1

{
    printf 'c1\t+37126000001\tKOKS 12 OZOLS Cesis\n'
    printf 'c2\t+37126000002\tKOKS 5 BĒRZI Talsi\n'
    printf 'c3\t+37126000003\tVĀRDS Jānis\n'
    printf 'c4\t+37126000004\tKOKS 3 OZOLS Cēsīs\n'
    printf 'c5\t+37126000004\tSTOP\n'
    printf 'c6\t+37126000005\tKOKS 700 LIEPAS Ogre\n'
} | "$TALKA" sms --stdin > /dev/null 2>&1
q "UPDATE volunteers SET home_municipality = 'Cēsu novads' WHERE number = '+37126000003'"

out=$("$TALKA" broadcast create --to "municipality:Cēsīs" --text "Sveiki, {name}! Tev {points} punkti, novadā {municipality_total} koki." --yes 2>&1)
expect_eq "cli: municipality create exits 0" "$?" 0
expect_match "cli: reports and home place, not the opted out" "$out" "recipients: 2"
expect_match "cli: the new id first" "$(echo "$out" | head -1)" "^1$"
expect_match "cli: an ETA" "$out" "eta: about .* parts/min"
expect_match "cli: species" "$("$TALKA" broadcast create --to species:quercus_robur --text x 2>&1)" "recipients: 1$"
expect_match "cli: without --yes only a preview" "$("$TALKA" broadcast create --to all --text x 2>&1)" "preview \(not queued\)"
expect_eq "cli: ... that queues nothing" "$(q "SELECT count(*) FROM broadcasts")" 1
expect_match "cli: active since a date" "$("$TALKA" broadcast create --to active:2026-05-16 --text x 2>&1)" "recipients: 3$"
expect_match "cli: inactive since a date" "$("$TALKA" broadcast create --to inactive:2026-05-16 --text x 2>&1)" "recipients: 1$"

printf 'numurs\n26000001\n+371 26 000 009\nLMT\n26000004\n' > "$T/list.csv"
out=$("$TALKA" broadcast create --to "file:$T/list.csv" --text "Sveiki, {name}!" --yes 2>"$T/err.txt")
expect_eq "cli: file create exits 0" "$?" 0
expect_match "cli: file: known and unknown numbers, the opted out left out" "$out" "recipients: 2 \(1 listed numbers opted out: left out\)"
expect_match "cli: file: bad rows listed" "$(cat "$T/err.txt")" "line 4: \"LMT\" is not a phone number"
id=$(echo "$out" | head -1)
expect_eq "cli: file: rows stored" "$(q "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = $id")" 2

long="Sestdien 10:00 talka pie Cēsu pils! Ņem lāpstu, cimdus un labu garastāvokli. Būs tēja un maizītes, sāksim ar instruktāžu pie ieejas. Lūdzu, esi laikā, {name}!"
"$TALKA" broadcast create --to all --text "$long" --yes > /dev/null 2>"$T/err.txt"
expect_eq "cli: over 2 segments is refused" "$?" 1
expect_match "cli: ... saying why" "$(cat "$T/err.txt")" "longer than 2 SMS segments"
out=$("$TALKA" broadcast create --to all --text "$long" --yes --force --at "2026-05-17 10:00" --name "svētdiena" 2>&1)
expect_eq "cli: --force queues it" "$?" 0
id=$(echo "$out" | head -1)
expect_eq "cli: --at in campaign time" "$(q "SELECT send_at FROM broadcasts WHERE id = $id")" 1779001200
"$TALKA" broadcast create --to all --text x --at "tomorrow" --yes > /dev/null 2>&1
expect_eq "cli: bad --at exits 2" "$?" 2
expect_match "cli: list" "$("$TALKA" broadcast list)" "scheduled .* svētdiena"
expect_match "cli: show" "$("$TALKA" broadcast show "$id")" "queued: 4 \(4 not yet released"
"$TALKA" broadcast cancel "$id" > /dev/null
expect_eq "cli: cancel exits 0" "$?" 0
"$TALKA" broadcast cancel "$id" > /dev/null 2>&1
expect_eq "cli: cancelling twice exits 1" "$?" 1
expect_eq "cli: audit of create and cancel" "$(q "SELECT count(*) FROM audit_log WHERE action IN ('broadcast_create','broadcast_cancel')")" 4

# staff by SMS
printf '2468\n' > "$T/config/staff.pin"; chmod 600 "$T/config/staff.pin"
sed -i 's/^;numbers = +37120000000, +37120000001$/numbers = +37129990001, 29990002/; s/^;pin_file = \/etc\/talka\/staff.pin$/pin_file = staff.pin/' "$CONF"
# the staff texts log at debug into staff.log: checked for PINs at the end
sms() { TALKA_LOG=debug "$TALKA" sms "$@" 2>>"$T/staff.log" | head -1; }
expect_match "staff: ZIŅA to a place" "$(sms +37129990002 "ZIŅA 2468 Cēsīs Sestdien 10:00 talka pie pils!")" "^Zi(ņ|n)a #[0-9]+ rind(ā|a): 2 sa(ņ|n)(ē|e)m(ē|e)ji"
bid=$(q "SELECT max(id) FROM broadcasts")
expect_eq "staff: the text after the place" "$(q "SELECT text || '|' || seg_value || '|' || state FROM broadcasts WHERE id = $bid")" "Sestdien 10:00 talka pie pils!|Cēsu novads|preparing"
expect_match "staff: ZIŅA VISI (staff numbers are volunteers too)" "$(sms +37129990001 "zina 2468 visi Rīt talka!")" "6 sa(ņ|n)(ē|e)m(ē|e)ji"
expect_match "staff: STATUSS" "$(sms +37129990001 "ZIŅA 2468 STATUSS")" "^#[0-9]+ "
expect_match "staff: APSTIPRINĀT" "$(sms +37129990001 "APSTIPRINĀT 2468 1")" "^Apstiprin"
expect_eq "staff: approval counted" "$(q "SELECT status FROM plantings WHERE species='tilia_cordata'")" "accepted"
expect_eq "staff: the PIN never stays in stored texts" "$(q "SELECT count(*) FROM inbound WHERE CAST(text AS TEXT) LIKE '%2468%'")" 0
nu=$(sms +37126000001 "ZIŅA 2468 VISI hack")
expect_match "staff: not staff -> the ordinary not-understood reply" "$nu" "^(Nesapratu|Nepazīstu) "
expect_eq "staff: ... the same for a wrong PIN from a volunteer" "$(sms +37126000002 "ZIŅA 1111 VISI hack")" "$nu"
expect_match "staff: ... recorded in the audit log" "$(q "SELECT group_concat(action) FROM audit_log WHERE action = 'staff_denied'")" "staff_denied"
for i in 1 2 3 4 5; do sms +37129990002 "ZIŅA 000$i STATUSS" > /dev/null; done
expect_match "staff: 5 wrong PINs lock the number" "$(q "SELECT detail FROM audit_log WHERE action = 'staff_pin_wrong' ORDER BY id DESC LIMIT 1")" "locked for an hour"
locked=$(sms +37129990002 "ZIŅA 2468 STATUSS")
expect_eq "staff: locked: even the right PIN is refused" "$(printf '%s\n' "$locked" | grep -c '^#')" 0
expect_eq "staff: ... with the ordinary not-understood reply" "$locked" "$(sms +37126000002 "ZIŅA 2468 STATUSS")"
expect_eq "staff: ... and audited as locked" "$(q "SELECT count(*) FROM audit_log WHERE action = 'staff_denied' AND detail = 'locked after wrong PINs'")" 1
expect_eq "staff: no PIN in the audit" "$(q "SELECT count(*) FROM audit_log WHERE detail LIKE '%2468%' OR detail LIKE '%1111%' OR detail LIKE '%000_%'")" 0
expect_match "staff: the staff texts were logged (at debug)" "$(cat "$T/staff.log")" "."
expect_eq "staff: no PIN in the logs" "$(grep -cE '2468|1111|000[1-5]' "$T/staff.log")" 0
finish
