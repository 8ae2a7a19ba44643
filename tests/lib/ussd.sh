# ussd_lib.sh: helpers for the USSD scenarios (sourced after tests/lib.sh and
# scratch): a config with only the USSD endpoint (no [gammu] sections), a private
# secret file, and starting/stopping `talka run` on a free port of 127.0.0.1.

# ussd_config [EXTRA_LINE...]: rewrites $CONF: drops [gammu*] and [ussd] sections,
# appends [ussd] with listen on a free port and the given extra lines.
ussd_config() {
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    SECRET=test-secret-$$-$PORT
    printf '%s\n' "$SECRET" > "$T/ussd.secret"
    chmod 600 "$T/ussd.secret"
    awk '/^\[/ { skip = ($0 ~ /^\[(gammu[0-9]*|ussd)\]/) } !skip' "$T/config/talka.ini" > "$T/talka.tmp"
    {
        cat "$T/talka.tmp"
        printf '\n[ussd]\nlisten = 127.0.0.1:%s\nsecret_file = %s\nsms_number = +37129990000\n' \
            "$PORT" "$T/ussd.secret"
        for line in "$@"; do printf '%s\n' "$line"; done
    } > "$CONF"
    rm -f "$T/talka.tmp"
    URL="http://127.0.0.1:$PORT/ussd?key=$SECRET"
    BASE="http://127.0.0.1:$PORT/ussd"
}

# ussd_start: talka run in the background (log in $T/run.log), waits for the port
ussd_start() {
    "$TALKA" run > "$T/run.log" 2>&1 &
    RUN_PID=$!
    python3 - "$PORT" <<'PY'
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

# ussd_stop: SIGTERM and wait; ok NAME when it exits 0
ussd_stop() {
    kill -TERM "$RUN_PID" 2>/dev/null
    wait "$RUN_PID"
    rc=$?
    expect_eq "${1:-ussd_daemon_clean_stop}" "$rc" 0
    [ "$rc" = 0 ] || sed 's/^/    log: /' "$T/run.log" | tail -20
}

# ussd_sql SQL: a query on the scratch database
ussd_sql() { sqlite3 "$T/var/talka.db" "$1"; }
