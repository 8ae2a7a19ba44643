# at.sh: helpers for the AT-line scenarios (sourced after tests/lib.sh and
# tests/lib/modem.sh; run on its own it does nothing). talka runs libgammu's real `at`
# driver against tests/atmodem/atmodem.py on a pty: the modem is $T/modem, the
# emulator's state (incoming/, sent.log, faults, conversation.log) is $T/at.
AT_DIR=$PWD/tests/atmodem
PDU="python3 $AT_DIR/pdu.py"

# at_start [ARGS...]: starts the emulator ($EPID); returns once it answers
at_start() {
    mkdir -p "$T/at"
    rm -f "$T/at/ready"
    python3 "$AT_DIR/atmodem.py" --link "$T/modem" --state "$T/at" "$@" >> "$T/atmodem.out" 2>&1 &
    EPID=$!
    at_finish at_stop   # also when a check bails out
    _end=$(( $(date +%s) + 20 ))
    while [ ! -e "$T/at/ready" ] && [ "$(date +%s)" -le "$_end" ]; do sleep 0.1; done
    [ -e "$T/at/ready" ]
}

at_stop() { kill -TERM "$EPID" 2>/dev/null; wait "$EPID" 2>/dev/null; }

# at_config [KEY=VALUE...]: the [gammu] section on the emulator, with extra keys
# (hang_timeout, multipart_timeout, alert_numbers: [modem]; the rest: [gammu])
at_config() {
    python3 - "$CONF" "$T/modem" "$@" <<'PY'
import re, sys
conf, dev, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
s = open(conf).read()
gammu = ["device = " + dev, "connection = at", "delivery_reports = yes"]
modem = []
for kv in extra:
    k = kv.split("=", 1)[0]
    (modem if k in ("hang_timeout", "multipart_timeout", "alert_numbers") else gammu).append(kv.replace("=", " = ", 1))
s = re.sub(r"\[gammu\]\n(?:[^\[\n;][^\n]*\n)*", lambda m: "[gammu]\n" + "\n".join(gammu) + "\n\n", s,
           count=1)
for kv in modem:   # replaces the key in [modem] (inih would keep the last one)
    k = kv.split(" = ", 1)[0]
    head, sep, rest = s.partition("[modem]\n")
    rest = re.sub(r"(?m)^" + re.escape(k) + r"\s*=.*\n", "", rest)
    s = head + sep + kv + "\n" + rest
open(conf, "w").write(s)
PY
}

# at_offer FILE: the PDU lines in FILE reach the network (moved into incoming/)
at_offer() {
    _n=$(date +%s%N)
    cp "$1" "$T/at/incoming/.$_n" && mv "$T/at/incoming/.$_n" "$T/at/incoming/$_n"
}

# at_text SENDER TEXT [pdu.py deliver options]: one text (all its parts) offered
at_text() {
    _f=$(mktemp "$T/text-XXXXXX")
    $PDU deliver "$@" > "$_f" && at_offer "$_f"
    rm -f "$_f"
}

at_fault() { echo "$*" >> "$T/at/faults"; }

# at_state KEY: a field of the emulator's state.json (used, network, sent, pin, ...)
at_state() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
        "$T/at/state.json" "$1" 2>/dev/null
}

# messages on the SIM or still in the network, status reports due, files not yet
# taken ("unknown" when the state cannot be read); the files are counted first
# (the emulator counts a file's messages in state.json before it removes the
# file, and a report due before it answers the send), the rest from one reading
# of state.json
at_pending() {
    _files=$(find "$T/at/incoming" -type f ! -name '.*' 2>/dev/null | wc -l)
    _sim=$(python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); print(s["used"] + s["network"] + s["due"])' \
        "$T/at/state.json" 2>/dev/null)
    if [ -n "$_sim" ]; then echo $((_sim + _files)); else echo unknown; fi
}

# at_settled SECONDS: nothing on the SIM or in the network and no delivery report
# due (at_config asks for them: a report reaches the SIM a second after its send,
# so a SIM seen empty before it came was empty for a moment only; a report the
# modem drops, unplugged, is no longer due), everything handled and sent, and
# talka's own last look at the SIM saw it empty (`talka status` shows that look).
# The emulator is looked at before the database (a text leaves the SIM once
# stored) and after it (a send is recorded after its report is due, a report is
# recorded before it leaves the SIM).
at_settled_sql="SELECT ($settled_sql) + (SELECT coalesce(sum(sim_used), 0) FROM modems)"
at_settled() {
    _end=$(( $(date +%s) + $1 ))
    while [ "$(date +%s)" -le "$_end" ]; do
        [ "$(at_pending)" = 0 ] && [ "$(q "$at_settled_sql" 2>/dev/null)" = 0 ] &&
            [ "$(at_pending)" = 0 ] && return 0
        sleep 0.5
    done
    return 1
}

# sent_check [check_sent.py options]: the replies the modem sent equal those recorded
sent_check() {
    /usr/bin/python3 "$AT_DIR/check_sent.py" "$T/var/talka.db" "$T/at/sent.log" "$@"
}

# stored_texts: SENDER<TAB>TEXT of every stored text, sorted (escaped like pdu.py burst)
stored_texts() {
    q "SELECT sender || char(9) || replace(replace(replace(CAST(text AS TEXT), '\\', '\\\\'),
         char(9), '\\t'), char(10), '\\n') FROM inbound" | LC_ALL=C sort
}

# sim_wait_ms N: of the last N single messages that reached the SIM, the longest
# time (ms) from the modem's +CMTI to talka's AT+CMGD of that slot
sim_wait_ms() {
    python3 - "$T/at/conversation.log" "$1" <<'PY'
import sys
lines = open(sys.argv[1], errors="replace").read().splitlines()
def ms(line):
    h, m, s = line.split()[0].split(":")
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000
waits = []
for i, line in enumerate(lines):
    if not line.endswith("brought 1 message(s)"):
        continue
    cmti = next((j for j in range(i + 1, len(lines)) if '-> +CMTI: "SM",' in lines[j]), None)
    if cmti is None:
        continue
    slot = lines[cmti].rsplit(",", 1)[1]
    gone = next((k for k in range(cmti + 1, len(lines))
                 if lines[k].endswith("<- AT+CMGD=" + slot)), None)
    if gone is not None:
        waits.append(ms(lines[gone]) - ms(lines[cmti]))
print(int(max(waits[-int(sys.argv[2]):])) if waits else -1)
PY
}

# at_tail: the end of the conversation and of talka's log, for a failing check
at_tail() {
    echo "    --- conversation (last 30 lines)"; tail -n 30 "$T/at/conversation.log" | sed 's/^/    /'
    echo "    --- talka (last 20 lines)"; tail -n 20 "$T/run.log" | sed 's/^/    /'
}

# at_done: stops the emulator and finishes (keeping $T when a check failed)
at_done() {
    [ "$_failed" = 0 ] || at_tail
    at_stop
    finish
}
