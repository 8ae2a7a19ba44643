#!/bin/sh
# harden_first_start.sh (issue 11, item 8): talka commands started together on
# a new database all succeed: migrations run under one write lock with the
# schema version re-read inside it, and the pseudonym secret is created whole
# before anyone can read it. 100 tries of two commands at once.
. tests/lib.sh
plan 2
scratch
base=$T
fails=0; tries=0
for i in $(seq 1 100); do
    d=$base/try$i
    mkdir -p "$d/config"
    cp "$base"/config/* "$d/config/"
    export TALKA_CONFIG=$d/config/talka.ini
    "$TALKA" stats > "$d/o1" 2>&1 & p1=$!
    "$TALKA" sms +37120000001 "KOKS 1 OZOLS Cesis" > "$d/o3" 2>&1 & p3=$!
    bad=0
    wait $p1 || bad=1
    wait $p3 || bad=1
    tries=$((tries + 1))
    if [ $bad = 1 ]; then
        fails=$((fails + 1))
        [ $fails = 1 ] && grep -h 'talka' "$d/o1" "$d/o3" | sed 's/^/    /' | head -5
    else
        rm -rf "$d"
    fi
done
expect_eq first_start_tries "$tries" 100
expect_eq first_start_none_failed "$fails" 0
finish
