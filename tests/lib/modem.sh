# tests/lib/modem.sh: helpers for the modem scenarios and bench/modem.sh (sourced
# after tests/lib.sh and scratch). The simulated phone is $T/var/phone.

# gen_texts FILE SINGLES MULTIS SEED: FROM<TAB>TEXT lines for `talka sim send
# --stdin`: Latvian, Russian and English reports, some not understood, some from
# senders talka never answers; MULTIS of them long enough for three parts.
gen_texts() {
    python3 - "$@" <<'PY'
import random, sys
path, singles, multis, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
random.seed(seed)
short = ["KOKS {n} OZOLS Cesis", "koks {n} bērzi Limbažos", "Iestādīju {n} ozolus Cēsīs",
         "ДЕРЕВО {n} СОСНЫ Вентспилс", "посадил {n} дубов Рига", "TREE {n} BIRCH Bauska",
         "planted {n} oaks in Valmiera", "koks {n} egles, {n} priedes Saldus", "PUNKTI",
         "blah {n}", "KOKS {n} XYZZY Cesis", "?"]
pad = {"lv": " Šodien stādījām kopā ar skolēniem un kaimiņiem, bija jauka diena ārā un viss izdevās.",
       "ru": " Сегодня сажали вместе со школьниками и соседями, был хороший день и всё получилось.",
       "en": " Today we planted together with the pupils and the neighbours, it was a lovely day out."}
longs = [("lv", "koks {n} ozoli Cēsis."), ("ru", "ДЕРЕВО {n} БЕРЁЗЫ Рига."),
         ("en", "TREE {n} OAK Cesis.")]
lines = []
for i in range(singles):
    if i % 50 == 7:
        sender = random.choice(["LMT", "Tele2", "1345"])   # never answered
    else:
        sender = f"+3712{(i * 7919) % 400:07d}"
    lines.append((sender, random.choice(short).format(n=random.randint(1, 40))))
for i in range(multis):
    lang, head = random.choice(longs)
    body = head.format(n=random.randint(1, 40))
    unit = 67 if lang != "en" else 153
    while len(body) <= 2 * unit:
        body += pad[lang]
    body = body[: 3 * unit - 2]
    lines.append((f"+3712{(i * 104729 + 13) % 400 + 400:07d}", body))
random.shuffle(lines)
with open(path, "w") as f:
    for s, t in lines:
        f.write(s + "\t" + t.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") + "\n")
PY
}

# inbox_count: messages still in the simulated phone
inbox_count() { find "$T/var/phone/sms" -type f 2>/dev/null | wc -l; }

# start_daemon [BINARY]: talka run in the background ($DPID), log in $T/run.log;
# status 0 once the modem is connected, 1 when the daemon died or 60 s passed
# (so a SIGTERM that follows reaches a daemon that has set up its signal handlers)
start_daemon() {
    touch "$T/run.log"
    _n0=$(grep -c "gammu0: connected to" "$T/run.log")
    TALKA_LOG=${DAEMON_LOG:-info} "${1:-$TALKA}" run >> "$T/run.log" 2>&1 &
    DPID=$!
    _end=$(( $(date +%s) + 60 ))
    while [ "$(date +%s)" -le "$_end" ] && kill -0 "$DPID" 2>/dev/null; do
        [ "$(grep -c "gammu0: connected to" "$T/run.log")" -gt "$_n0" ] && return 0
        sleep 0.1
    done
    return 1
}

# need_daemon [BINARY]: start_daemon, or bail out of the scenario
need_daemon() { start_daemon "$@" || bail "talka run did not connect to the simulated modem: $(tail -3 "$T/run.log")"; }

stop_daemon() {
    kill -TERM "$DPID" 2>/dev/null
    wait "$DPID"
    DRC=$?
}

# wait_settled SECONDS: the phone is empty and everything is handled and sent
wait_settled() { wait_until "$1" _settled; }
_settled() { [ "$(inbox_count)" = 0 ] && [ "$(q "$settled_sql" 2>/dev/null)" = 0 ]; }

# modem_ticks N [MODEM]: N texts from a sender talka never answers (LMT) into
# the phone of MODEM (default gammu0), each once the one before is stored: when
# it returns, that modem's loop has been round (read and send) at least N-1 times
# since it was called (a positive event to wait for before asserting that
# something did NOT happen)
modem_ticks() {
    _tk=0
    while [ "$_tk" -lt "$1" ]; do
        _tk=$((_tk + 1))
        _tkn=$(q "SELECT count(*) FROM inbound WHERE sender = 'LMT'")
        "$TALKA" sim send --modem "${2:-gammu0}" LMT "tick $_tk $(date +%s%N)" || return 1
        wait_for 30 "SELECT count(*) FROM inbound WHERE sender = 'LMT'" $((_tkn + 1)) || return 1
    done
}

# settled: every text handled, nothing left to send, the phone empty
settled_sql="SELECT (SELECT count(*) FROM inbound WHERE state='new') + (SELECT count(*) FROM outbound WHERE state IN ('queued','sending')) + (SELECT count(*) FROM modem_parts WHERE state='waiting')"
