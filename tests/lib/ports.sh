# tests/lib/ports.sh: free_port, the one way a test, a benchmark or `make run-kannel`
# picks a port for a server it starts (sourced by tests/lib.sh).

# free_port VAR: sets VAR to a port of 127.0.0.1 that nothing listens on and that
# no other part of this run is handed: tests/run.sh gives each part its own block
# of TEST_PORT_SPAN ports from TEST_PORT_BASE, handed out in turn. A part run on
# its own (sh tests/scenario/x.sh) takes a block by its process id. Binding port 0
# and closing it again would race with the other parts running beside it.
_port_next=0
free_port() {
    _pbase=${TEST_PORT_BASE:-$((26000 + ($$ % 150) * 40))}
    _pspan=${TEST_PORT_SPAN:-40}
    _ptries=0
    while [ "$_ptries" -lt "$_pspan" ]; do
        _pport=$((_pbase + _port_next % _pspan))
        _port_next=$((_port_next + 1)); _ptries=$((_ptries + 1))
        if /usr/bin/python3 -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$_pport" 2>/dev/null; then
            eval "$1=\$_pport"
            return 0
        fi
    done
    bail "free_port: no free port in $_pbase..$((_pbase + _pspan - 1))"
}
