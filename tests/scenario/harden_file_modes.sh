#!/bin/sh
# harden_file_modes.sh (issue 11, item 6): the database, its WAL and shm files
# and `talka backup` output hold numbers, names and raw texts: created 0600 in
# a 0700 directory, or 0640/0750 for [talka] group when the config names one;
# `talka status --check` warns about a database others can read, and about its
# -wal and -shm files too (they hold the latest rows; issue 25, item 10).
. tests/lib.sh
scratch
. tests/lib/modem.sh
plan 16
mode() { stat -c %a "$1"; }
sed -i 's|^database = .*|database = ../data/talka.db|' "$CONF"
db=$T/data/talka.db
mkdir -p "$T/var/phone"
"$TALKA" sms +37120000001 "KOKS 3 OZOLS Cesis" > /dev/null 2>&1
expect_eq modes_db_0600 "$(mode "$db")" 600
expect_eq modes_dir_0700 "$(mode "$T/data")" 700
# the WAL and shm files exist while the daemon runs
TALKA_LOG=info "$TALKA" run > "$T/run.log" 2>&1 &
DPID=$!
i=0; while [ ! -e "$db-wal" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq modes_wal_0600 "$(mode "$db-wal")" 600
expect_eq modes_shm_0600 "$(mode "$db-shm")" 600
"$TALKA" backup "$T/backup.db" > /dev/null 2>&1
expect_eq modes_backup_0600 "$(mode "$T/backup.db")" 600
chmod 644 "$db-wal"
"$TALKA" status --check > "$T/check" 2>&1; rc=$?
expect_match modes_check_warns_readable_wal "$(cat "$T/check")" "WARNING: the database file .*talka.db-wal is readable"
chmod 600 "$db-wal"; chmod 640 "$db-shm"
"$TALKA" status --check > "$T/check" 2>&1; rc2=$?
expect_match modes_check_warns_readable_shm "$(cat "$T/check")" "WARNING: the database file .*talka.db-shm is readable"
expect_eq modes_check_wal_shm_exit_1 "$rc $rc2" "1 1"
chmod 600 "$db-shm"
kill -TERM $DPID; wait $DPID
q2() { sqlite3 "$db" "$1"; }
"$TALKA" status --check > "$T/check" 2>&1
expect_match modes_check_quiet_when_private "$(cat "$T/check")" '^(OK|CRITICAL)'
chmod 644 "$db"
"$TALKA" status --check > "$T/check" 2>&1; rc=$?
expect_match modes_check_warns_readable "$(cat "$T/check")" "WARNING: the database .*talka.db is readable"
expect_eq modes_check_exit_1 "$rc" 1

# a group named in the config: 0640 / 0750, owned by that group
scratch
sed -i 's|^database = .*|database = ../data/talka.db|' "$CONF"
sed -i 's|^\[talka\]$|[talka]\ngroup = daemon|' "$CONF"
db=$T/data/talka.db
"$TALKA" sms +37120000001 "KOKS 3 OZOLS Cesis" > /dev/null 2>&1
expect_eq modes_group_db_0640 "$(mode "$db")" 640
expect_eq modes_group_dir_0750 "$(mode "$T/data")" 750
expect_eq modes_group_owner "$(stat -c %G "$db")" daemon
sed -i 's|^group = daemon$|group = no-such-group-x|' "$CONF"
"$TALKA" sms +37120000001 "KOKS 3 OZOLS Cesis" > "$T/out" 2>&1; rc=$?
expect_eq modes_unknown_group_exit_2 "$rc" 2
expect_match modes_unknown_group_named "$(cat "$T/out")" 'group = no-such-group-x'
finish
