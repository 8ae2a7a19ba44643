#!/bin/sh
# harden_kannel_endpoint.sh (issue 25, items 2, 6 and 10's Kannel parts): the
# endpoint smsbox calls cannot be shut or guessed from outside.
# - [kannel] allow is applied as a connection is accepted: 520 idle sockets from
#   an address outside it are closed at once, and smsbox's address is answered
#   under 3 s while they are held; inside allow, one address holds at most
#   per_ip_connections (256) of max_connections (512), so it cannot shut the
#   port for smsbox either.
# - the key is read as USSD's: a 2-byte key file is refused at start naming it;
#   "?key=KEY%00junk" is not the key; 10 wrong keys from an address lock it out
#   (429, the right key too) while other addresses are served.
# - two long distinct Kannel ids are two texts (the replay key is never cut); an
#   id over 200 characters is refused; get-url and post-url texts share one
#   8 KiB limit (tests/lib/harden_kannel.py).
. tests/lib.sh
. tests/lib/startup.sh
plan 24  # 8 here, 16 from tests/lib/harden_kannel.py
scratch
mkdir -p "$T/var/phone" "$T/ports"
head -c 24 /dev/urandom | base64 | tr '+/' '-_' > "$T/kannel.key"
chmod 600 "$T/kannel.key"
KEY=$(cat "$T/kannel.key")
printf 'sendsms password\n' > "$T/kannel0.password"
chmod 600 "$T/kannel0.password"

# kannel_conf ALLOW: $CONF with the simulated modem, [kannel] on port 0 and one link
kannel_conf() {
    awk '/^\[/ { skip = ($0 ~ /^\[(gammu[0-9]*|ussd|kannel[0-9]*|web)\]/) } !skip' \
        "$T/config/talka.ini" > "$T/talka.tmp"
    {
        cat "$T/talka.tmp"
        printf '\n[gammu]\ndevice = %s\nmodel = dummy\nconnection = none\n' "$T/var/phone"
        printf '\n[kannel]\nlisten = 127.0.0.1:0\nsecret_file = %s\nallow = %s\n' "$T/kannel.key" "$1"
        printf '\n[kannel0]\nsendsms_url = http://127.0.0.1:9/cgi-bin/sendsms\nusername = talka\n'
        printf 'password_file = %s\nsmsc = fake\nfrom = 1345\n' "$T/kannel0.password"
    } > "$CONF"
    rm -f "$T/talka.tmp"
}
kannel_up() {
    rm -f "$T/ports/kannel.port"
    TALKA_PORT_DIR=$T/ports "$TALKA" run > "$T/run.log" 2>&1 &
    RUN_PID=$!
    wait_until 20 test -s "$T/ports/kannel.port" || bail "talka run did not serve: $(tail -3 "$T/run.log")"
    KP=$(cat "$T/ports/kannel.port")
}
kannel_down() {
    kill -TERM "$RUN_PID"; wait "$RUN_PID"
    expect_eq "$1" "$?" 0
}

# the key file: 2 bytes are refused at start, naming the file
printf 'ab\n' > "$T/kannel.key.short"; chmod 600 "$T/kannel.key.short"
kannel_conf 127.0.0.1
sed -i "s|^secret_file = $T/kannel.key\$|secret_file = $T/kannel.key.short|" "$CONF"
run_briefly
expect_match kannel_two_byte_key_refused "$rc" "^[12]$"
expect_match kannel_two_byte_key_named "$(cat "$T/s.log")" 'kannel.key.short'

# outside allow: closed at accept
kannel_conf 127.0.0.1
kannel_up
helper kannel_outside_allow /usr/bin/python3 tests/lib/harden_kannel.py outside "$KP" "$KEY"
kannel_down kannel_outside_stop

# inside allow: the per-address limit; the key checks; the replay key and sizes
kannel_conf 127.0.0.0/8
kannel_up
helper kannel_per_ip /usr/bin/python3 tests/lib/harden_kannel.py per_ip "$KP" "$KEY"
helper kannel_keys /usr/bin/python3 tests/lib/harden_kannel.py keys "$KP" "$KEY"
/usr/bin/python3 tests/lib/harden_kannel.py texts "$KP" "$KEY"
expect_eq kannel_long_ids_two_texts \
    "$(q "SELECT count(*) FROM inbound WHERE transport_id LIKE 'kannel/xxxxxxxxxx%'")" 2
kannel_down kannel_inside_stop
finish
