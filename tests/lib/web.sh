# web.sh: helpers for the dashboard scenarios (sourced after tests/lib.sh and
# scratch): a config with the simulated modem on a scratch phone directory and
# [web] on a free port of 127.0.0.1 (never the shipped 8080), accounts, starting
# and stopping `talka run`, and a few texts and reports to look at.

# web_config [EXTRA_LINE...]: rewrites $CONF with [web] on a free port
web_config() {
    free_port WPORT
    mkdir -p "$T/phone/sms/1"
    awk '/^\[/ { skip = ($0 ~ /^\[(gammu[0-9]*|web|ussd|rules)\]/) } !skip' "$T/config/talka.ini" > "$T/talka.tmp"
    {
        cat "$T/talka.tmp"
        printf '\n[gammu]\ndevice = %s\nmodel = dummy\nconnection = none\npoll_ms = 100\n' "$T/phone"
        printf '\n[rules]\nreview_threshold = 100\n'
        printf '\n[web]\nlisten = 127.0.0.1:%s\n' "$WPORT"
        for line in "$@"; do printf '%s\n' "$line"; done
    } > "$CONF"
    rm -f "$T/talka.tmp"
    WEB="http://127.0.0.1:$WPORT"
}

# web_user NAME ROLE PASSWORD
web_user() { printf '%s\n' "$3" | "$TALKA" web user add "$1" --role "$2" --password-stdin > /dev/null; }

# web_start: talka run in the background (log in $T/run.log), waits for the port
web_start() {
    "$TALKA" run > "$T/run.log" 2>&1 &
    RUN_PID=$!
    python3 - "$WPORT" <<'PY'
import socket, sys, time
for _ in range(400):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

# web_stop [NAME]: SIGTERM and wait; ok NAME when it exits 0
web_stop() {
    kill -TERM "$RUN_PID" 2>/dev/null
    wait "$RUN_PID"
    rc=$?
    expect_eq "${1:-web_daemon_clean_stop}" "$rc" 0
    [ "$rc" = 0 ] || sed 's/^/    log: /' "$T/run.log" | tail -20
}

# web_needs_chromium NAME: a browser test's first step. Ends the test (not ok
# NAME_installed) when Chromium, chromedriver or python3-selenium is missing;
# else sets SHOTS, the folder its screenshots go to (build/screenshots).
web_needs_chromium() {
    if ! /usr/bin/python3 -c 'import selenium' 2>/dev/null || [ ! -x /usr/bin/chromedriver ]; then
        not_ok "$1_installed" "chromium, chromium-driver and python3-selenium are needed (make test installs them)"
        exit 1
    fi
    SHOTS=$PWD/build/screenshots
    mkdir -p "$SHOTS"
}

web_sql() { sqlite3 "$T/var/talka.db" "$1"; }
