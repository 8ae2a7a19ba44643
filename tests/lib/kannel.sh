# tests/lib/kannel.sh: helpers for the Kannel scenarios, the benchmark and `make
# run-kannel` (sourced after tests/lib.sh, or after defining bail). The real thing, all on 127.0.0.1 with ports of its
# own: Debian's bearerbox and smsbox with a scratch kannel.conf under $T/kannel,
# kannel-extras' fakesmsc as the operator's SMSC (texts written to its stdin, the
# texts it receives in $T/kannel/fakesmsc.log), talka with [kannel] and [kannel0].

# kannel_setup [RATE] [SENDSMS_MAX_MESSAGES] [LINKS]: ports, secrets, kannel.conf,
# talka.ini with LINKS (default 1) sections [kannel0] ... on the same smsbox
kannel_setup() {
    FAKESMSC=$(sh mk/kannel-deps.sh) || bail "Kannel is not installed (mk/kannel-deps.sh)"
    K=$T/kannel
    mkdir -p "$K" "$K/store"
    KLINKS=${3:-1}
    set -- "${1:-0}" "${2:-10}"
    KRATE=$1; KMAXMSG=$2
    free_port P_ADMIN; free_port P_BOX; free_port P_FAKE; free_port P_SEND; free_port P_TALKA
    KKEY=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
    KPASS=$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')
    (umask 077; printf '%s\n' "$KKEY" > "$T/config/kannel.key";
     printf '%s\n' "$KPASS" > "$T/config/kannel0.password")
    cat > "$K/kannel.conf" <<EOF
group = core
admin-port = $P_ADMIN
admin-interface = 127.0.0.1
admin-password = $(head -c 9 /dev/urandom | base64 | tr '+/' '-_')
smsbox-port = $P_BOX
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "$K/bearerbox.log"
log-level = 1
access-log = "$K/access.log"
store-type = spool
store-location = "$K/store"
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = $P_FAKE
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $P_BOX
sendsms-port = $P_SEND
sendsms-interface = 127.0.0.1
log-file = "$K/smsbox.log"
log-level = 1
access-log = "$K/smsbox-access.log"
http-request-retry = 1000
http-queue-delay = 1
reply-couldnotfetch = ""
reply-emptymessage = ""

group = sendsms-user
username = talka
password = $KPASS
max-messages = $KMAXMSG
concatenation = true
user-allow-ip = 127.0.0.1

group = sms-service
keyword = default
get-url = "http://127.0.0.1:$P_TALKA/kannel/sms?key=$KKEY&link=kannel0&from=%p&to=%P&text=%b&coding=%c&charset=%C&smsc=%i&id=%I&time=%T"
max-messages = 0
omit-empty = true
EOF
    chmod 600 "$K/kannel.conf"
    # the simulated modem stays off unless a scenario wants both (KEEP_MODEM=1)
    [ -n "${KEEP_MODEM:-}" ] || sed -i '/^\[gammu\]/a enabled = false' "$CONF"
    sed -i 's/^quiet_hours = .*/quiet_hours = none/' "$CONF"   # the tests run at any hour
    cat >> "$CONF" <<EOF

[kannel]
listen = 127.0.0.1:$P_TALKA
secret_file = kannel.key
allow = 127.0.0.1
EOF
    _i=0
    while [ "$_i" -lt "$KLINKS" ]; do
        cat >> "$CONF" <<EOF

[kannel$_i]
sendsms_url = http://127.0.0.1:$P_SEND/cgi-bin/sendsms
username = talka
password_file = kannel0.password
smsc = fake
from = 1345
rate = $KRATE
dlr_mask = 3
EOF
        _i=$((_i + 1))
    done
}

_wait_log() { # _wait_log FILE PATTERN SECONDS
    _end=$(( $(date +%s) + $3 ))
    while [ "$(date +%s)" -le "$_end" ]; do
        grep -q -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

bb_start() {
    : >> "$K/bearerbox.log"
    _n=$(grep -c "Started SMSC: fake\|smsbox_port\|Kannel bearerbox II version" "$K/bearerbox.log")
    bearerbox -v 4 "$K/kannel.conf" > "$K/bearerbox.out" 2>&1 &
    BBPID=$!
    _end=$(( $(date +%s) + 20 ))
    while [ "$(date +%s)" -le "$_end" ]; do
        /usr/bin/python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$P_BOX),1)" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
sb_start() {
    smsbox -v 4 "$K/kannel.conf" > "$K/smsbox.out" 2>&1 &
    SBPID=$!
    _end=$(( $(date +%s) + 20 ))
    while [ "$(date +%s)" -le "$_end" ]; do
        /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1',$P_SEND),1)" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
# fake_start: fakesmsc connected to bearerbox, reading texts from the FIFO $K/mo
fake_start() {
    rm -f "$K/mo"; mkfifo "$K/mo"
    # stdin unbuffered: fakesmsc select()s on the descriptor, then fgets one line
    stdbuf -i0 "$FAKESMSC" -H 127.0.0.1 -r "$P_FAKE" -i 0 -m 100000000 -v 0 < "$K/mo" >> "$K/fakesmsc.log" 2>&1 &
    FAKEPID=$!
    exec 7> "$K/mo"   # held open: fakesmsc stops at the end of its input
    _wait_log "$K/bearerbox.log" "Fakesmsc client connected" 20
}
# fake_tick: an empty line (fakesmsc skips it) makes fakesmsc read what bearerbox sent
fake_tick() { echo >&7; }
# (SIGKILL: fakesmsc aborts with a double free when its input ends or on SIGTERM)
fake_stop() { kill -KILL "$FAKEPID" 2>/dev/null; wait "$FAKEPID" 2>/dev/null; exec 7>&-; FAKEPID=; }
# fake_send FILE: every line (SENDER RECEIVER TYPE DATA) to the SMSC side
fake_send() { cat "$1" >&7; }
# fake_pace FILE PER_SECOND: the lines at a steady pace, in the background ($PACEPID);
# stops quietly when fakesmsc goes away (bearerbox killed)
fake_pace() {
    /usr/bin/python3 -c '
import sys, time, signal
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
lines = open(sys.argv[1]).readlines(); rate = float(sys.argv[2])
out = open(sys.argv[3], "w", buffering=1)
t0 = time.time()
for i, l in enumerate(lines):
    d = t0 + i / rate - time.time()
    if d > 0: time.sleep(d)
    out.write(l)
' "$1" "$2" "$K/mo" 2>/dev/null &
    PACEPID=$!
}
kannel_stop() {
    [ -n "${SBPID:-}" ] && kill "$SBPID" 2>/dev/null && wait "$SBPID" 2>/dev/null
    [ -n "${BBPID:-}" ] && kill "$BBPID" 2>/dev/null && wait "$BBPID" 2>/dev/null
    SBPID=; BBPID=
}

# talka_start: the daemon ($DPID), returns once the link is up
talka_start() {
    touch "$T/run.log"
    _n0=$(grep -c "kannel0: connected to" "$T/run.log")
    TALKA_LOG=${DAEMON_LOG:-info} "${1:-$TALKA}" run >> "$T/run.log" 2>&1 &
    DPID=$!
    _end=$(( $(date +%s) + 60 ))
    while [ "$(date +%s)" -le "$_end" ] && kill -0 "$DPID" 2>/dev/null; do
        [ "$(grep -c "kannel0: connected to" "$T/run.log")" -gt "$_n0" ] && return 0
        sleep 0.1
    done
    return 1
}
talka_stop() { kill -TERM "$DPID" 2>/dev/null; wait "$DPID"; DRC=$?; DPID=; }

# texts fakesmsc received (MT lines), as "RECEIVER TYPE DATA"
fake_received() { grep -o 'Got message [0-9]*: <.*>' "$K/fakesmsc.log" 2>/dev/null | sed 's/^Got message [0-9]*: <//; s/>$//'; }
fake_count() { grep -c 'Got message [0-9]*: <' "$K/fakesmsc.log" 2>/dev/null; }


# gen_mo FILE COUNT SEED: fakesmsc lines: Latvian (UTF-8 text and UCS-2), Russian
# (UCS-2), English, and two-part Latvian texts (concatenation UDH, one part per
# line) from a few hundred senders to talka's number 1345
gen_mo() {
    /usr/bin/python3 - "$@" <<'PY'
import random, sys, urllib.parse
path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)
lv = ["KOKS {n} OZOLS Cesis", "koks {n} bērzi Limbažos", "Iestādīju {n} ozolus Cēsīs",
      "koks {n} egles, {n} priedes Saldus", "PUNKTI", "KOKS {n} XYZZY Cesis"]
ru = ["ДЕРЕВО {n} СОСНЫ Вентспилс", "посадил {n} дубов Рига"]
en = ["TREE {n} BIRCH Bauska", "planted {n} oaks in Valmiera", "blah {n}"]
pad = " Šodien stādījām kopā ar skolēniem un kaimiņiem, bija jauka diena ārā un viss izdevās."
lines = []
for i in range(count):
    sender = "+3712%07d" % ((i * 7919) % 500)
    n = random.randint(1, 40)
    kind = i % 10
    if kind < 3:
        lines.append(f"{sender} 1345 text {random.choice(lv).format(n=n)} #{i}")
    elif kind < 5:
        t = f"{random.choice(lv).format(n=n)} #{i}".encode("utf-16-be")
        lines.append(f"{sender} 1345 ucs2 {urllib.parse.quote(t)}")
    elif kind < 8:
        t = f"{random.choice(ru).format(n=n)} #{i}".encode("utf-16-be")
        lines.append(f"{sender} 1345 ucs2 {urllib.parse.quote(t)}")
    elif kind < 9:
        lines.append(f"{sender} 1345 text {random.choice(en).format(n=n)} #{i}")
    else:
        body = (f"koks {n} ozoli Cēsis #{i}." + pad + pad).encode()
        cut = len(body) // 2
        while body[cut] & 0xC0 == 0x80:
            cut -= 1
        ref = i % 256
        for part, data in ((1, body[:cut]), (2, body[cut:])):
            udh = bytes([5, 0, 3, ref, 2, part])
            lines.append(f"{sender} 1345 udh {urllib.parse.quote(udh)} {urllib.parse.quote(data)}")
with open(path, "w") as f:
    f.write("\n".join(lines) + "\n")
PY
}

# whatever a scenario or benchmark started is stopped when it exits, also early
kannel_cleanup() {
    for _p in ${DPID:-} ${FAKEPID:-} ${SBPID:-} ${BBPID:-}; do kill "$_p" 2>/dev/null; done
}
trap kannel_cleanup EXIT
