# tests/lib/ussd.sh: helpers for the USSD scenarios and bench/ussd.sh (sourced
# after tests/lib.sh and scratch): a config with only the USSD endpoint (no
# [gammu] sections), a private secret file, and starting/stopping `talka run` on
# a free port of 127.0.0.1.

# ussd_config [EXTRA_LINE...]: rewrites $CONF: drops [gammu*] and [ussd] sections,
# appends [ussd] with listen on a free port and the given extra lines.
ussd_config() {
    free_port PORT
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

# ussd_start: talka run in the background (log in $T/run.log); status 0 once it
# listens on $PORT, 1 when it died first or did not listen within 15 s
ussd_start() {
    "$TALKA" run > "$T/run.log" 2>&1 &
    RUN_PID=$!
    wait_until 15 _ussd_listening
}
_ussd_listening() {
    kill -0 "$RUN_PID" 2>/dev/null || return 3
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close()' \
        "$PORT" 2>/dev/null
}

# need_ussd: ussd_start, or bail out of the scenario
need_ussd() { ussd_start || bail "talka run did not listen on $PORT: $(tail -3 "$T/run.log")"; }

# ussd_stop [NAME]: SIGTERM and wait; ok NAME when it exits 0
ussd_stop() {
    kill -TERM "$RUN_PID" 2>/dev/null
    wait "$RUN_PID"
    rc=$?
    expect_eq "${1:-ussd_daemon_clean_stop}" "$rc" 0
    [ "$rc" = 0 ] || sed 's/^/    log: /' "$T/run.log" | tail -20
}
