# registry_lib.sh: helpers for the registry_*.sh scenarios (sourced after
# tests/lib.sh; run on its own it does nothing). A real HTTP server
# (tests/registry_server.py) on 127.0.0.1 plays the registry.

# reg_setup [KEY=VALUE ...]: scratch dir, private token and pseudonym secret, the
# server started, a [registry] section pointing at it. Sets PORT, URL, SERVER_PID.
reg_setup() {
    scratch
    printf 'token-%s-%s\n' "$$" "$(date +%N)" > "$T/token"
    printf 'pseudonym-secret-%s\n' "$$" > "$T/secret"
    chmod 600 "$T/token" "$T/secret"
    reg_start_server
    {
        echo
        echo "[registry]"
        echo "url = http://127.0.0.1:$PORT/v1/batches"
        echo "token_file = ../token"
        echo "secret_file = ../secret"
        echo "gateway_id = test-gateway"
        echo "interval = 1"
        echo "connect_timeout = 2"
        echo "timeout = 3"
        for kv in "$@"; do echo "$kv" | sed 's/=/ = /'; done
    } >> "$CONF"
    # talka creates and migrates the database
    "$TALKA" registry status > /dev/null 2>&1
}

reg_start_server() { # (re)starts the server, on $PORT when it is set
    rm -f "$T/port"
    python3 tests/registry_server.py --token-file "$T/token" --port-file "$T/port" \
        ${PORT:+--port "$PORT"} 2>> "$T/server.log" &
    SERVER_PID=$!
    i=0
    while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    PORT=$(cat "$T/port")
    URL=http://127.0.0.1:$PORT
}

reg_stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }

# reg_ctl JSON: sets the server's fault mode
reg_ctl() { curl -sf -X POST --data "$1" "$URL/_control" > /dev/null; }

# reg_stat KEY: one counter of the server
reg_stat() {
    curl -sf "$URL/_stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# reg_fill N [STATUS]: N plantings inserted with SQL
reg_fill() { python3 tests/registry_server.py fill "$T/var/talka.db" "$@"; }

# reg_sql SQL: one value from the scratch database
reg_sql() { sqlite3 "$T/var/talka.db" "$1"; }

reg_pending() { reg_sql "SELECT count(*) FROM registry_records WHERE state = 'queued'"; }

reg_finish() { reg_stop_server; finish; }

# reg_clock EPOCH: sets TALKA_CLOCK_FILE atomically (a reader never sees it empty)
reg_clock() { echo "$1" > "$TALKA_CLOCK_FILE.tmp" && mv "$TALKA_CLOCK_FILE.tmp" "$TALKA_CLOCK_FILE"; }
