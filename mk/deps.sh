#!/bin/sh
# deps.sh: the Debian packages talka builds with, checked or installed.
#   deps.sh check "PKG-CONFIG NAMES" DEBIAN-PACKAGE...    (plain `make`)
#       never installs: prints the make variables with pkg-config's flags
#       (libgammu's headers as system headers), or names what is missing and
#       says to run `make deps` (exit 1)
#   deps.sh install [--no-recommends] DEBIAN-PACKAGE...   (`make deps`, `make test-deps`)
#       as root installs the missing ones with apt-get; otherwise prints the
#       exact apt-get line and fails
mode=$1; shift
missing_of() {
    _m=""
    for deb in "$@"; do
        dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || _m="$_m $deb"
    done
    echo "$_m"
}
case $mode in
install)
    opts=
    [ "${1:-}" = --no-recommends ] && { opts=--no-install-recommends; shift; }
    missing=$(missing_of "$@")
    [ -z "$missing" ] && exit 0
    if [ "$(id -u)" != 0 ]; then
        echo "talka: missing Debian packages. Run as root:" >&2
        echo "    apt-get install$missing" >&2
        exit 1
    fi
    echo "talka: installing Debian packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq $opts $missing; } >&2 || {
        echo "talka: apt-get failed; install by hand: apt-get install$missing" >&2; exit 1; }
    ;;
check)
    pcs=$1; shift
    missing=$(missing_of "$@")
    if [ -n "$missing" ]; then
        echo "talka: missing Debian packages:$missing" >&2
        echo "    run 'make deps' as root (or: apt-get install$missing)" >&2
        exit 1
    fi
    cflags=$(pkg-config --cflags $pcs) || exit 1
    libs=$(pkg-config --libs $pcs) || exit 1
    echo "PKG_CFLAGS := $(echo "$cflags" | sed 's/-I/-isystem /g')"
    echo "PKG_LIBS := $libs"
    ;;
*)
    echo "usage: deps.sh check \"PKG-CONFIG NAMES\" DEB... | deps.sh install DEB..." >&2
    exit 2
    ;;
esac
