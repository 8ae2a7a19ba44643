#!/bin/sh
# Checks the Debian packages talka builds and tests with. Run as root it installs the
# missing ones; otherwise it prints the exact apt-get line and fails. On success it
# prints make variables with pkg-config's flags (libgammu's headers as system headers).
# usage: deps.sh "PKG-CONFIG NAMES" DEBIAN-PACKAGE...
pcs=$1; shift
missing=""
for deb in "$@"; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing="$missing $deb"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "talka: installing Debian packages:$missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq $missing; } >&2 || {
            echo "talka: apt-get failed; install by hand: apt-get install$missing" >&2; exit 1; }
    else
        echo "talka: missing Debian packages. Run as root:" >&2
        echo "    apt-get install$missing" >&2
        exit 1
    fi
fi
cflags=$(pkg-config --cflags $pcs) || exit 1
libs=$(pkg-config --libs $pcs) || exit 1
echo "PKG_CFLAGS := $(echo "$cflags" | sed 's/-I/-isystem /g')"
echo "PKG_LIBS := $libs"
