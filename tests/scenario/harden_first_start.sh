#!/bin/sh
# harden_first_start.sh (issue 11, item 8): talka commands started together on
# a new database all succeed: migrations run under one write lock with the
# schema version re-read inside it, and the pseudonym secret is created whole
# before anyone can read it. 100 tries of two commands at once, on a machine
# kept busy meanwhile (a spinning process per core: issue 25, item 11, where
# one try in a hundred failed with "cannot set up database: database is
# locked"); a command that meets another's lock waits for it, saying why.
# timeout: 900
. tests/lib.sh
plan 3
scratch
load=""
for i in $(seq 1 $(nproc)); do
    nice -n 5 sh -c 'while :; do :; done' &
    load="$load $!"
done
at_finish "kill$load 2>/dev/null"
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
# the load ran until the end (a spinning process never exits by itself)
expect_eq first_start_load_was_running "$(ps -o stat= -p "$(echo $load | tr ' ' ',')" | grep -vc Z)" "$(nproc)"
kill $load 2>/dev/null
expect_eq first_start_tries "$tries" 100
expect_eq first_start_none_failed "$fails" 0
finish
