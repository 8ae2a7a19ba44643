#!/bin/sh
# deb.sh: what `make deb` runs: the Debian package from this tree (debian/, dh),
# built in a copy under build/deb/src (dh's clean must not touch build/ here),
# then lintian over it (an error fails; docs/deploy.md says why each warning
# left stands). The package ends in build/deb/talka_VERSION_ARCH.deb; its path
# is the last line printed.
# usage: mk/deb.sh [OUTDIR]      (default build/deb)
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$out/src/talka
rm -rf "$out/src"
mkdir -p "$src"
# the files of the tree (tracked, and new ones not ignored), not build/; outside
# a git checkout (a source tarball) everything but build/ and var/
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard |
        grep -zv '^build/' | xargs -0 cp --parents -t "$src"
else
    tar -cf - --exclude=./build --exclude=./var . | tar -xf - -C "$src"
fi
version=$(head -n1 debian/changelog | cut -d' ' -f2 | tr -d '()')
arch=$(dpkg --print-architecture)
( cd "$src" && dpkg-buildpackage -us -uc -b ) > "$out/build.log" 2>&1 || {
    tail -n 40 "$out/build.log" >&2
    echo "deb.sh: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
    exit 1
}
deb=talka_${version}_${arch}.deb
mv "$out/src/$deb" "$out/$deb"
mv "$out/src/talka_${version}_${arch}.changes" "$out/src/talka_${version}_${arch}.buildinfo" "$out/" 2>/dev/null || true
rm -rf "$out/src"
echo "lintian $deb:"
if ! lintian --info --fail-on error "$out/$deb"; then
    echo "deb.sh: lintian found errors" >&2
    exit 1
fi
echo "$out/$deb"
