#!/bin/sh
# harden_startup.sh (issue 11, item 11): `talka run` checks everything the
# configured services need before starting any of them: a bad USSD secret or a
# busy port stops it with one clear line and exit 1 before a modem is touched;
# a read-only database is refused naming the file; device paths are reported
# (a missing simulated phone as missing).
. tests/lib.sh
. tests/lib/ussd.sh
. tests/lib/startup.sh
plan 11
scratch
mkdir -p "$T/var/phone"
# modems and USSD together: ussd_config drops [gammu]; put it back
with_modem() { printf '\n[gammu]\ndevice = ../var/phone\nmodel = dummy\nconnection = none\n' >> "$CONF"; }

ussd_config; with_modem
rm -f "$T/ussd.secret"
run_briefly
expect_eq startup_bad_secret_exit_1 "$rc" 1
check startup_bad_secret_before_modems nothing_started
expect_eq startup_bad_secret_said_once "$(grep -c 'ussd.secret' "$T/s.log")" 1

ussd_config; with_modem
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); time.sleep(30)' "$PORT" &
holder=$!
python3 -c 'import socket, sys, time
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.05)' "$PORT"
run_briefly
kill $holder 2>/dev/null; wait $holder 2>/dev/null
expect_eq startup_busy_port_exit_1 "$rc" 1
check startup_busy_port_before_modems nothing_started
expect_eq startup_busy_port_said_once "$(grep -c "$PORT" "$T/s.log")" 1

# device paths are reported; a missing simulated phone as missing
ussd_config; with_modem
rm -rf "$T/var/phone"
ussd_start
kill -TERM $RUN_PID; wait $RUN_PID
mkdir -p "$T/var/phone"
expect_match startup_missing_phone_reported "$(cat "$T/run.log")" 'phone is missing'

# a read-only database: refused at once, naming the file
mnt=$T/ro
mkdir -p "$mnt"
cleanup() { umount "$mnt" 2>/dev/null; }
trap cleanup EXIT INT TERM
if mount -t tmpfs -o size=16m tmpfs "$mnt" 2>/dev/null; then
    ussd_config; with_modem
    sed -i "s|^database = .*|database = $mnt/talka.db|" "$CONF"
    "$TALKA" stats > /dev/null 2>&1
    mount -o remount,ro "$mnt"
    run_briefly
    expect_eq startup_readonly_db_exit_1 "$rc" 1
    expect_match startup_readonly_db_named "$(cat "$T/s.log")" "$mnt/talka.db"
    check startup_readonly_db_before_modems nothing_started
    expect_eq startup_readonly_db_one_line "$(grep -c 'talka' "$T/s.log")" 1
    cleanup
else
    bail "cannot mount a tmpfs (need root)"
fi
finish
