#!/bin/sh
# ussd_load.sh: 200 handsets at once each walk a whole registration over HTTP
# (1200 requests); every one is answered 200 and saved exactly once.
. tests/lib.sh
. tests/lib/ussd.sh
plan 6    # 4 here, 2 printed by ussd_load.py
scratch
ussd_config
need_ussd
helper ussd_load_helper python3 tests/lib/ussd_load.py "$PORT" "$SECRET" 200
expect_eq ussd_load_plantings "$(q "SELECT count(*) || ' ' || sum(count) FROM plantings WHERE channel = 'ussd'")" "200 1000"
expect_eq ussd_load_sessions "$(q "SELECT count(*) FROM ussd_sessions WHERE ended = 1")" 200
ussd_stop ussd_load_stop
finish
