#!/bin/sh
# ussd_expiry.sh: a session idle for more than 180 s has expired (END, dial
# again) while one answered within 180 s goes on; a retry of an answered request
# still gets its answer; rows idle for [ussd] keep seconds are purged. The
# daemon's clock is a file the test moves (TALKA_CLOCK_FILE).
. tests/lib.sh
. tests/lib/ussd.sh
plan 9
scratch
ussd_config
export TALKA_CLOCK_FILE="$T/clock"
t0=1780000000
echo "$t0" > "$TALKA_CLOCK_FILE"
need_ussd
post() { python3 -c '
import sys; sys.path.insert(0, "tests/lib")
from ussd_client import Client
s, b = Client(int(sys.argv[1]), sys.argv[2]).post(sys.argv[3], "+37126200001", sys.argv[4])
print(s, b.splitlines()[0])' "$PORT" "$SECRET" "$1" "$2"; }

post exp1 "" > /dev/null
post exp2 "" > /dev/null
echo $((t0 + 179)) > "$TALKA_CLOCK_FILE"
expect_match ussd_within_180s "$(post exp1 1)" '^200 CON Kadus kokus'
echo $((t0 + 179 + 181)) > "$TALKA_CLOCK_FILE"
expect_eq ussd_idle_181s_expired "$(post exp1 1*1)" "200 END Sesija beigusies. Ludzu, zvaniet velreiz."
expect_match ussd_retry_after_expiry_same_answer "$(post exp1 1)" '^200 CON Kadus kokus'
expect_eq ussd_other_session_expired_too "$(post exp2 2)" "200 END Sesija beigusies. Ludzu, zvaniet velreiz."
expect_match ussd_new_session_fine "$(post exp3 "")" '^200 CON Koku stadisana'
expect_eq ussd_nothing_saved "$(q 'SELECT count(*) FROM inbound')" 0
# an hour later the old rows go (purged at most once a minute, on a request)
echo $((t0 + 4000)) > "$TALKA_CLOCK_FILE"
post exp4 "" > /dev/null
expect_eq ussd_purged "$(q "SELECT group_concat(session_id) FROM ussd_sessions")" "exp4"
expect_eq ussd_answers_purged "$(q "SELECT count(*) FROM ussd_answers WHERE session_id <> 'exp4'")" 0
ussd_stop ussd_expiry_stop
finish
