#!/bin/sh
# http_endpoint.sh (issue 22, item 4): the three HTTP endpoints of `talka run`
# (USSD, Kannel's callbacks, the dashboard) share one set-up
# (gateway/core/http_endpoint.c). For each, a port already taken stops `talka
# run` with exit 1 and one line naming the address and port, before any modem
# starts. With listen = 127.0.0.1:0 each gets a port of its own from the kernel,
# logs "SECTION: listening on 127.0.0.1:PORT" and writes PORT to
# $TALKA_PORT_DIR/SECTION.port (a stale file is not taken for this run's), and
# answers there. [kannel] allow and [web] allow are applied as a connection is
# accepted: from outside them the connection is closed before any answer.
. tests/lib.sh
. tests/lib/startup.sh
plan 22
scratch
mkdir -p "$T/var/phone" "$T/ports"
head -c 24 /dev/urandom | base64 | tr '+/' '-_' > "$T/endpoint.key"
chmod 600 "$T/endpoint.key"
KEY=$(cat "$T/endpoint.key")

# endpoint_config SECTION=LISTEN[=ALLOW]...: $CONF with the simulated modem and
# the given endpoints (USSD and Kannel with a secret)
endpoint_config() {
    awk '/^\[/ { skip = ($0 ~ /^\[(gammu[0-9]*|ussd|kannel[0-9]*|web)\]/) } !skip' \
        "$T/config/talka.ini" > "$T/talka.tmp"
    {
        cat "$T/talka.tmp"
        printf '\n[gammu]\ndevice = %s\nmodel = dummy\nconnection = none\n' "$T/var/phone"
        for e in "$@"; do
            sec=${e%%=*}; rest=${e#*=}; listen=${rest%%=*}; allow=${rest#"$listen"}; allow=${allow#=}
            printf '\n[%s]\nlisten = %s\n' "$sec" "$listen"
            case $sec in
                ussd) printf 'secret_file = %s\nsms_number = +37129990000\n' "$T/endpoint.key" ;;
                kannel) printf 'secret_file = %s\n' "$T/endpoint.key" ;;
            esac
            [ -n "$allow" ] && printf 'allow = %s\n' "$allow"
        done
    } > "$CONF"
    rm -f "$T/talka.tmp"
}
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1"; }

# a port held by another program: the holder binds port 0 itself, so no race
rm -f "$T/held"
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
open(sys.argv[1] + ".tmp", "w").write("%d\n" % s.getsockname()[1])
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1]); time.sleep(120)' "$T/held" &
holder=$!
at_finish "kill $holder 2>/dev/null"
wait_until 10 test -s "$T/held" || bail "the port holder did not start"
HELD=$(cat "$T/held")
for sec in ussd kannel web; do
    endpoint_config "$sec=127.0.0.1:$HELD"
    run_briefly
    expect_eq "endpoint: $sec on a busy port: exit 1" "$rc" 1
    check "endpoint: $sec on a busy port: nothing started" nothing_started
    expect_eq "endpoint: $sec on a busy port: one line names [$sec] listen and the port" \
        "$(grep -c "\[$sec\] listen = 127.0.0.1:$HELD: cannot listen" "$T/s.log")" 1
done
kill $holder 2>/dev/null; wait $holder 2>/dev/null

# port 0: each endpoint its own port, reported in the log and the port file
echo 1 > "$T/ports/ussd.port"   # stale, from an earlier run
endpoint_config "ussd=127.0.0.1:0" "kannel=127.0.0.1:0=127.0.0.1" "web=127.0.0.1:0=127.0.0.1"
TALKA_PORT_DIR=$T/ports TALKA_LOG=info "$TALKA" run > "$T/run.log" 2>&1 &
RUN_PID=$!
wait_log 20 "$T/run.log" 'web started' || bail "talka run did not start: $(tail -3 "$T/run.log")"
UP=$(cat "$T/ports/ussd.port" 2>/dev/null); KP=$(cat "$T/ports/kannel.port" 2>/dev/null)
WP=$(cat "$T/ports/web.port" 2>/dev/null)
expect_match "endpoint: port 0: three port files with a port each" "$UP $KP $WP" \
    '^[1-9][0-9]* [1-9][0-9]* [1-9][0-9]*$'
expect_eq "endpoint: port 0: three different ports" "$(printf '%s\n' "$UP" "$KP" "$WP" | sort -u | wc -l)" 3
for s in "ussd $UP" "kannel $KP" "web $WP"; do
    set -- $s
    expect_eq "endpoint: port 0: $1 logs the port it got" \
        "$(grep -c "$1: listening on 127.0.0.1:$2 " "$T/run.log")" 1
done
expect_eq "endpoint: port 0: USSD answers there (no key: 403)" "$(code "http://127.0.0.1:$UP/ussd")" 403
expect_eq "endpoint: port 0: Kannel's endpoint answers inside allow (no key: 403)" \
    "$(code "http://127.0.0.1:$KP/kannel/sms?link=kannel0&from=1&text=x")" 403
expect_match "endpoint: port 0: the dashboard answers inside allow" "$(code "http://127.0.0.1:$WP/")" \
    '^(200|302|303)$'
expect_match "endpoint: port 0: the modems started in the same run" "$(cat "$T/run.log")" 'modems started'
kill -TERM $RUN_PID; wait $RUN_PID
expect_eq "endpoint: port 0: clean stop" "$?" 0

# outside allow: closed as accepted (the port files prove the servers are up)
rm -f "$T/ports/"*.port
endpoint_config "kannel=127.0.0.1:0=10.0.0.0/8" "web=127.0.0.1:0=10.0.0.0/8, 192.0.2.1"
TALKA_PORT_DIR=$T/ports TALKA_LOG=info "$TALKA" run > "$T/run2.log" 2>&1 &
RUN_PID=$!
wait_log 20 "$T/run2.log" 'web started' || bail "talka run did not start: $(tail -3 "$T/run2.log")"
expect_eq "endpoint: Kannel's endpoint closes a caller outside [kannel] allow" \
    "$(code "http://127.0.0.1:$(cat "$T/ports/kannel.port")/kannel/sms?key=$KEY&link=kannel0&from=1&text=x")" 000
expect_eq "endpoint: the dashboard closes a caller outside [web] allow" \
    "$(code "http://127.0.0.1:$(cat "$T/ports/web.port")/")" 000
kill -TERM $RUN_PID; wait $RUN_PID
expect_eq "endpoint: outside allow: clean stop" "$?" 0
finish
