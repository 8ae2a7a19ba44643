#!/bin/sh
# test-deps.sh: are the Debian packages only the tests need there? (a real browser
# for the dashboard scenarios: chromium, its driver and python3-selenium; Kannel
# and kannel-extras' fakesmsc for the Kannel scenarios). `make test` runs it and
# never installs; `make test-deps` installs them (mk/deps.sh install).
# usage: test-deps.sh DEB...
missing=""
for deb in "$@"; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing="$missing $deb"
done
[ -z "$missing" ] && exit 0
echo "talka: the tests need Debian packages:$missing" >&2
echo "    run 'make test-deps' as root (or: apt-get install$missing)" >&2
exit 1
