#!/bin/sh
# run.sh: `make bench`. Runs every bench/*.sh part against the release binary
# build/talka and prints its figures. Parts print lines "NAME: FIGURE UNIT (target ...)".
cd "$(dirname "$0")/.." || exit 2
export TALKA=${TALKA:-$PWD/build/talka}
export TALKA_LOG=${TALKA_LOG:-warn}
status=0
for b in bench/*.sh; do
    case $b in bench/run.sh|bench/soak.sh) continue ;; esac   # soak: `make soak` only
    echo "== $(basename "$b" .sh)"
    sh "$b" || { echo "   (failed: $b)"; status=1; }
done
exit $status
