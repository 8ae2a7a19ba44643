# tests/lib/registry.sh: helpers for the registry_*.sh scenarios and
# bench/registry.sh (sourced after tests/lib.sh). A real HTTP server
# (tests/lib/registry_server.py) on 127.0.0.1 plays the registry; its own
# counters and request log are the record the scenarios check talka against.

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

reg_start_server() { # (re)starts the server, on $PORT when it is set; bails out when it does not come up
    rm -f "$T/port"
    python3 tests/lib/registry_server.py --token-file "$T/token" --port-file "$T/port" \
        ${PORT:+--port "$PORT"} 2>> "$T/server.log" &
    SERVER_PID=$!
    at_finish reg_stop_server
    wait_until 10 test -s "$T/port" || bail "the test registry did not start: $(tail -3 "$T/server.log")"
    PORT=$(cat "$T/port")
    URL=http://127.0.0.1:$PORT
}

reg_stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }

# reg_ctl JSON: sets the server's fault mode; bails out when the server does not
# take it (every check after it would test nothing)
reg_ctl() {
    curl -sf -X POST --data "$1" "$URL/_control" > /dev/null || bail "the test registry refused _control $1"
}

# reg_stat KEY: one counter of the server (empty when the server does not answer)
reg_stat() {
    curl -sf "$URL/_stats" > "$T/stats.json" 2>/dev/null || return 1
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$T/stats.json" "$1"
}

# reg_mark: remembers the server's counters; reg_delta KEY: the change since then
reg_mark() { curl -sf "$URL/_stats" > "$T/mark.json" || bail "the test registry did not answer _stats"; }
reg_delta() {
    curl -sf "$URL/_stats" > "$T/stats.json" 2>/dev/null || return 1
    python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); print(b[sys.argv[3]] - a[sys.argv[3]])' \
        "$T/mark.json" "$T/stats.json" "$1"
}

# reg_waits: for each answer with Retry-After since reg_mark, how long talka
# waited before its next request, in tenths of a second ("12 10": 1.2 s, 1.0 s)
reg_waits() {
    curl -sf "$URL/_log" > "$T/log.json" 2>/dev/null || return 1
    python3 - "$T/mark.json" "$T/log.json" <<'PY'
import json, sys
since = json.load(open(sys.argv[1]))["requests"]
log = json.load(open(sys.argv[2]))[since:]
out = []
for i, e in enumerate(log):
    if e.get("retry_after") is not None and i + 1 < len(log):
        out.append(str(int((log[i + 1]["start"] - e["end"]) * 10)))
print(" ".join(out))
PY
}

# reg_idle: status 0 when no request is being handled by the server
reg_idle() { [ "$(reg_stat in_flight)" = 0 ]; }

# reg_fill N [STATUS]: N plantings inserted with SQL
reg_fill() { python3 tests/lib/registry_server.py fill "$DB" "$@"; }

reg_pending() { q "SELECT count(*) FROM registry_records WHERE state = 'queued'"; }

reg_finish() { finish; }   # finish stops the server (at_finish)

# reg_clock EPOCH: sets TALKA_CLOCK_FILE atomically (a reader never sees it empty)
reg_clock() { echo "$1" > "$TALKA_CLOCK_FILE.tmp" && mv "$TALKA_CLOCK_FILE.tmp" "$TALKA_CLOCK_FILE"; }
