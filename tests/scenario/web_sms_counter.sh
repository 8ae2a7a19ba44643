#!/bin/sh
# web_sms_counter.sh: the dashboard's one SMS counter (POST /sms-count and
# assets/sms_counter.js, the rule of gateway/base/sms_text.c) under every text box
# that has one, in real Chromium (tests/lib/web_sms_counter.py): Atbildēt in the
# inbox, Sūtīt ziņu, the three language boxes of Atgādinājumi and the reject
# preview each count GSM-7 (160, then 153 a part; "€" two septets) and Unicode
# ("ā" or "ж": 70, then 67 a part) as the server does; /api/sms-count is gone.
. tests/lib.sh
. tests/lib/web.sh
plan 47  # 4 here, 43 from tests/lib/web_sms_counter.py
web_needs_chromium web_sms_counter
scratch
web_config "session_idle = 600"
web_user coord coordinator 'coordinator pass 1'
"$TALKA" sms +37126700001 "KOKS 500 BERZS Talsi" > /dev/null 2>&1   # waits for review (threshold 100)
"$TALKA" sms +37126700002 "SMILGAS 5 Cesis" > /dev/null 2>&1        # not understood: in the inbox
report=$(web_sql "SELECT review_no FROM plantings WHERE count = 500")
inbox=$(web_sql "SELECT id FROM inbound WHERE sender_e164 = '+37126700002'")
vol=$(web_sql "SELECT id FROM volunteers WHERE number = '+37126700001'")
check web_sms_counter_fixtures test -n "$report" -a -n "$inbox" -a -n "$vol"
web_start || bail "talka run did not serve the dashboard"
/usr/bin/python3 tests/lib/web_sms_counter.py "$WEB" "$SHOTS" "$inbox" "$vol" "$report"
expect_eq web_sms_counter_report_still_waits "$(web_sql "SELECT status FROM plantings WHERE count = 500")" pending_review
expect_no_crash web_sms_counter_no_crash "$T/run.log"
web_stop web_sms_counter_stop
finish
