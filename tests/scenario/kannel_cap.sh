# kannel_cap.sh: [broadcast] daily_cap and reply_hard_cap hold on a Kannel link
# whose requests are in flight many at once ([kannel0] in_flight = 64): a
# 60-recipient broadcast stops at exactly 20 copies, replies go on to the hard cap
# of 25 parts and no further. (Claimed 64 at a time, or counting only what smsbox
# had answered, the link would hand over far more than the cap.)
. tests/lib.sh
. tests/lib/kannel.sh
plan 6

scratch
kannel_setup
sed -i 's/^daily_cap = 0$/daily_cap = 20/; s/^reply_hard_cap = 0$/reply_hard_cap = 25/' "$CONF"
/usr/bin/python3 -c "
print('phone')
for i in range(60):
    print('+3712%07d' % (1000000 + i))" > "$T/list.csv"
"$TALKA" broadcast create --to "file:$T/list.csv" --text "Talka sestdien!" --yes > "$T/create.txt" 2>&1
expect_match "cap: broadcast for 60 created" "$(cat "$T/create.txt")" "recipients: 60"
bb_start; sb_start
check "cap: talka up" talka_start
fake_start
bsent="SELECT count(*) FROM outbound WHERE kind='broadcast' AND state IN ('sending','sent','delivered')"
wait_until 60 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$bsent\")\" -ge 20 ]"
# six texts from volunteers: five replies fit under the hard cap (20 + 5 = 25 parts)
/usr/bin/python3 -c "
for i in range(6):
    print('+3712%07d 1345 text PUNKTI' % (2000000 + i))" > "$T/mo.txt"
fake_send "$T/mo.txt"
rsent="SELECT count(*) FROM outbound WHERE kind='reply' AND state IN ('sending','sent','delivered')"
wait_until 60 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$T/var/talka.db' \"$rsent\")\" -ge 5 ]"
# the link's loop writes its last_contact every 5 s, after its sends: once it
# moved 10 s on since now, the loop has been round after the replies above were
# seen, and could have sent more then (it claims at most one at a time here)
contact() { q "SELECT coalesce(last_contact, 0) FROM modems WHERE name = 'kannel0'"; }
c0=$(contact)
[ "${c0:-0}" -gt 0 ] || bail "the link has not recorded a contact yet"
link_went_round() { [ "$(contact)" -ge $((c0 + 10)) ]; }
wait_until 60 link_went_round || bail "the link's loop did not go round: last_contact stayed at $c0"
expect_eq "cap: the broadcast stopped at the daily cap (20 copies)" "$(q "$bsent")" 20
expect_eq "cap: replies went on to the hard cap (5 more parts)" "$(q "$rsent")" 5
expect_eq "cap: the rest waits in the queue" \
    "$(q "SELECT count(*) FROM outbound WHERE state='queued' AND kind IN ('broadcast','reply')")" 41
fake_stop
talka_stop
expect_eq "cap: clean stop" "$DRC" 0
kannel_stop
finish
