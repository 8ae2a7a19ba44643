#!/bin/sh
# ussd_load.sh: 200 handsets at once each walk a whole registration over HTTP
# (1200 requests); every one is answered 200 and saved exactly once.
. tests/lib.sh
. tests/ussd_lib.sh
scratch
ussd_config
ussd_start || not_ok ussd_load_daemon_up
python3 tests/ussd_load.py "$PORT" "$SECRET" 200
expect_eq ussd_load_plantings "$(ussd_sql "SELECT count(*) || ' ' || sum(count) FROM plantings WHERE channel = 'ussd'")" "200 1000"
expect_eq ussd_load_sessions "$(ussd_sql "SELECT count(*) FROM ussd_sessions WHERE ended = 1")" 200
ussd_stop ussd_load_stop
finish
