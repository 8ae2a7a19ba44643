#!/bin/sh
# man.sh: the man pages talka(1) and talka.ini(5), made from docs/talka.md and
# docs/configuration.md with pandoc (debian/rules runs it; the package installs
# them). The date is the changelog's (SOURCE_DATE_EPOCH), so a build is repeatable.
# usage: mk/man.sh OUTDIR
set -eu
cd "$(dirname "$0")/.."
out=${1:?usage: man.sh OUTDIR}
mkdir -p "$out"
version=$(head -n1 debian/changelog | cut -d' ' -f2 | tr -d '()')
epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
day=$(date -u -d "@$epoch" +%Y-%m-%d)
# the doc's own title line gives way to the NAME section man and whatis read;
# its ## headings become the page's sections
page() {  # SOURCE NAME SECTION SUMMARY
    { printf '## NAME\n\n%s - %s\n\n' "$2" "$4"; sed 1d "$1"; } |
        pandoc -s -f gfm -t man --shift-heading-level-by=-1 -M title="$2" -M section="$3" \
               -M date="$day" -M footer="talka $version" -M header="talka manual" -o "$out/$2.$3"
}
page docs/talka.md talka 1 "SMS and USSD gateway for civic campaigns"
page docs/configuration.md talka.ini 5 "configuration file of the talka gateway"
