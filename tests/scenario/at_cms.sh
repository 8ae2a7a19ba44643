# at_cms.sh: the network refuses a send (+CMS ERROR 500 "unknown error", 38
# "network out of order"): the reply is retried after [gammu] retry_after (15 s
# here; 30 s by default), the wait and its reason show in `talka status`, other
# replies go out meanwhile, and each reply goes out once.
. tests/lib.sh
plan 12
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

sent_to() { $PDU submit-decode "$T/at/sent.log" | grep -c "\"number\": \"$1\""; }
row() { q "SELECT $2 FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '$1'"; }

check "at cms: the emulator answers on a pty" at_start
at_config retry_after=15
check "at cms: talka connects" start_daemon
at_fault cms_error 500
at_text +37126200001 "KOKS 1 OZOLS Cesis"
wait_for 30 "SELECT count(*) FROM outbound WHERE attempts = 1 AND state = 'queued' AND last_error IS NOT NULL" 1
expect_match "at cms: the refused reply waits for a retry" "$(row +37126200001 "o.state || ' ' || o.last_error")" \
    "^queued .*status 500"
expect_eq "at cms: backoff: retry_after (15 s) from the refusal, not sooner, not the default 30 s" \
    "$(row +37126200001 "o.next_try_at - strftime('%s','now') BETWEEN 3 AND 15")" 1
expect_match "at cms: talka status shows the retry and why" "$(TALKA_CONFIG=$CONF "$TALKA" status)" \
    "1 of them to be retried, last error: .*status 500"
at_fault cms_error 38
at_text +37126200002 "KOKS 2 OZOLS Cesis"
wait_for 30 "SELECT count(*) FROM outbound WHERE state = 'queued' AND last_error LIKE '%status 38%'" 1
expect_eq "at cms: +CMS ERROR 38 is retried too" "$(row +37126200002 "o.state || ':' || o.attempts")" "queued:1"
at_text +37126200003 "KOKS 3 OZOLS Cesis"
wait_for 20 "SELECT count(*) FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '+37126200003' AND o.state IN ('sent','delivered')" 1
expect_eq "at cms: other replies go out meanwhile" "$(row +37126200003 "o.state IN ('sent','delivered')")" 1
check "at cms: both refused replies go out after their backoff" at_settled 90
expect_eq "at cms: each sent on its second attempt" \
    "$(row +37126200001 "o.attempts")/$(row +37126200002 "o.attempts")" "2/2"
expect_eq "at cms: each reply reached the modem once" \
    "$(sent_to +37126200001)/$(sent_to +37126200002)/$(sent_to +37126200003)" "1/1/1"
expect_match "at cms: the modem sent exactly the recorded replies" "$(sent_check)" "^ok 3 messages"
expect_eq "at cms: status no longer shows retries" \
    "$(TALKA_CONFIG=$CONF "$TALKA" status | grep -c 'to be retried')" 0
stop_daemon
at_done
