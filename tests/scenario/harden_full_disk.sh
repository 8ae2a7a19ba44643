#!/bin/sh
# harden_full_disk.sh (issue 11, item 9): the database on a small filesystem
# that fills up while texts arrive and replies go out. While it is full, texts
# stay on the device and failures are logged about once a minute (not at every
# retry); a reply the modem accepted is recorded once space returns and never
# sent again, also not after a restart; the WAL is checkpointed and truncated
# when space returns, and everything resumes. The filesystem is a tmpfs
# mounted by the test (root), removed on any exit.
. tests/lib.sh
scratch
. tests/lib/modem.sh
plan 14
mnt=$T/small
mkdir -p "$mnt" "$T/var/phone"
cleanup() { umount "$mnt" 2>/dev/null; }
trap cleanup EXIT INT TERM
mount -t tmpfs -o size=12m tmpfs "$mnt" || bail "cannot mount a tmpfs (need root)"
sed -i "s|^database = .*|database = $mnt/talka.db|" "$CONF"
db=$mnt/talka.db
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
settled_sql="SELECT (SELECT count(*) FROM inbound WHERE state='new') + (SELECT count(*) FROM outbound WHERE state IN ('queued','sending')) + (SELECT count(*) FROM modem_parts WHERE state='waiting')"
python3 -c '
for i in range(300):
    print("+3712%07d\tKOKS %d OZOLS Cesis" % (1000 + i, i % 40 + 1))' > "$T/texts"
"$TALKA" sim send --stdin < "$T/texts"
DAEMON_LOG=debug start_daemon || not_ok full_disk_daemon_up
# fill the disk while texts are being handled and replies sent
wait_for 60 "SELECT count(*) >= 40 FROM outbound WHERE state = 'sent'" 1
# the log from the moment the fill begins: talka may meet the full disk while dd
# is still filling it, and say so then
full_at=$(wc -l < "$T/run.log")
dd if=/dev/zero of="$mnt/fill" bs=16k 2> /dev/null
# texts that arrive while the disk is full
python3 -c '
for i in range(30):
    print("+3712%07d\tKOKS %d BERZS Valmiera" % (5000 + i, i % 9 + 1))' > "$T/texts2"
"$TALKA" sim send --stdin < "$T/texts2"
# each write the full disk refuses, but the one a minute that is logged, is a
# debug line: 24 retries (the modem loop records a sent reply every 500 ms, or
# tries to store a text at each pass) is what was slept for before (12 s)
tries=$(grep -c 'database: the disk is still full' "$T/run.log")
wait_log 120 "$T/run.log" 'database: the disk is still full' $((tries + 24)) ||
    bail "talka did not retry its writes 24 times while the disk was full"
lines=$(tail -n +"$full_at" "$T/run.log" | grep -Ec ' (error|warn): ')
echo "    while full, 24 refused writes: $lines warning/error lines, $(inbox_count) texts still on the device"
expect_eq full_disk_few_log_lines "$(python3 -c "print(1 if $lines <= 6 else 0)")" 1
expect_match full_disk_said_so "$(tail -n +"$full_at" "$T/run.log")" 'disk is full'
if [ "$(inbox_count)" -gt 0 ]; then ok full_disk_texts_wait_on_device; else not_ok full_disk_texts_wait_on_device "all texts were taken before the disk filled"; fi
# space returns
rm -f "$mnt/fill"
wait_settled 120
expect_eq full_disk_resumed "$(inbox_count)" 0
expect_match full_disk_space_back_logged "$(cat "$T/run.log")" 'disk space is back'
wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
echo "    after: WAL $wal bytes, $(df -k "$mnt" | awk 'NR==2 { print $4 }') KiB of 12 MiB free"
free=$(df -k "$mnt" | awk 'NR==2 { print $4 }')
expect_eq full_disk_wal_bounded "$(python3 -c "print(1 if $wal <= 8 * 1024 * 1024 else 0)")" 1
expect_eq full_disk_space_not_refilled "$(python3 -c "print(1 if $free >= 4096 else 0)")" 1
stop_daemon
expect_eq full_disk_clean_stop "$DRC" 0
# a restart sends nothing again
start_daemon
wait_settled 60
stop_daemon
expect_eq full_disk_every_text_once "$(q "SELECT count(*) FROM inbound")" 330
expect_eq full_disk_every_text_handled "$(q "SELECT count(*) FROM inbound WHERE state = 'handled'")" 330
expect_eq full_disk_one_reply_each "$(q "SELECT count(*) FROM (SELECT inbound_id FROM outbound WHERE kind = 'reply' GROUP BY inbound_id HAVING count(*) > 1)")" 0
expect_eq full_disk_all_sent "$(q "SELECT count(*) FROM outbound WHERE state NOT IN ('sent', 'delivered')")" 0
dups=$(grep -o 'outbound [0-9]* sent (reference' "$T/run.log" | sort | uniq -d | wc -l)
expect_eq full_disk_nothing_sent_twice "$dups" 0
expect_eq full_disk_no_second_attempt "$(q "SELECT count(*) FROM outbound WHERE attempts > 1")" 0
hit=$(grep -c 'accepted by the modem but cannot be recorded' "$T/run.log")
echo "    sends accepted while the disk was full and recorded later: $hit"
cleanup
finish
