#!/bin/sh
# test-deps.sh: the Debian packages only the tests need (a real browser for the
# dashboard scenarios: chromium, its driver and python3-selenium). `make test`
# runs it; `make run` and the release build never do. Run as root it installs
# what is missing; otherwise it prints the apt-get line and fails.
missing=""
for deb in chromium chromium-driver python3-selenium curl; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing="$missing $deb"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "talka: installing test packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >&2 || {
        echo "talka: apt-get failed; install by hand: apt-get install$missing" >&2; exit 1; }
else
    echo "talka: the tests need Debian packages. Run as root:" >&2
    echo "    apt-get install$missing" >&2
    exit 1
fi
