# tests/lib/ports.sh: free_port, the one way a test, a benchmark or `make run-kannel`
# picks a port for a server it starts (sourced by tests/lib.sh).

# free_port VAR: sets VAR to a port of 127.0.0.1 that nothing listens on and that
# no other test is handed meanwhile. A port is claimed by creating the directory
# $TALKA_PORT_LOCKS/PORT (mkdir is atomic) holding the claimer's process id; a
# claim whose process is gone is taken over, and release_ports (run by finish)
# gives a test's claims back. tests/run.sh hands each part its own block of
# TEST_PORT_SPAN ports from TEST_PORT_BASE, so parts of one run do not even meet;
# runs side by side (or a part run on its own, whose block follows its process
# id) skip the ports another has claimed. Binding port 0 and closing it again
# would race with everything running beside it.
TALKA_PORT_LOCKS=${TALKA_PORT_LOCKS:-/tmp/talka-ports}
_ports_held=
free_port() {
    mkdir -p "$TALKA_PORT_LOCKS" 2>/dev/null
    _pbase=${TEST_PORT_BASE:-$((26000 + ($$ % 150) * 40))}
    _ptries=0
    _pport=$((_pbase - 1))
    while [ "$_ptries" -lt 4000 ]; do
        _ptries=$((_ptries + 1))
        _pport=$((_pport + 1))
        [ "$_pport" -lt 32000 ] || _pport=20000
        _plock=$TALKA_PORT_LOCKS/$_pport
        if ! mkdir "$_plock" 2>/dev/null; then
            _powner=$(cat "$_plock/pid" 2>/dev/null)
            # a claim being written (no pid yet) or of a live process stays
            [ -n "$_powner" ] && ! kill -0 "$_powner" 2>/dev/null || continue
            rm -rf "$_plock"
            mkdir "$_plock" 2>/dev/null || continue
        fi
        echo $$ > "$_plock/pid"
        if /usr/bin/python3 -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$_pport" 2>/dev/null; then
            _ports_held="$_ports_held $_pport"
            eval "$1=\$_pport"
            return 0
        fi
        rm -rf "$_plock"   # something outside the tests listens there
    done
    bail "free_port: no free port from $_pbase on"
}

# release_ports: gives back every port this test claimed (finish calls it)
release_ports() {
    for _pport in $_ports_held; do
        [ "$(cat "$TALKA_PORT_LOCKS/$_pport/pid" 2>/dev/null)" = "$$" ] &&
            rm -rf "$TALKA_PORT_LOCKS/$_pport"
    done
    _ports_held=
}
