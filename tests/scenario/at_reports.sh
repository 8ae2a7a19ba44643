# at_reports.sh: delivery reports and the balance USSD code, on the Huawei E173
# profile (0-based SIM indexes, USSD as packed GSM-7 hex, ^RSSI lines until
# AT^CURC=0). A delivered report marks the reply delivered, a failed one failed;
# the balance code is answered through +CUSD, shown by `talka status`, and a low
# balance alerts the staff number.
. tests/lib.sh
plan 12
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

mkdir -p "$T/at"
printf '*245# Atlikums: 0.42 EUR. Derigs lidz 31.12.2027.\n' > "$T/at/ussd"
check "at reports: the E173 emulator answers on a pty" at_start --profile e173
at_config 'balance_code=*245#' 'balance_low=Atlikums: 0[.,]\d\d' 'alert_numbers=+37126999999'
check "at reports: talka connects" start_daemon
expect_match "at reports: libgammu took the Huawei path (AT^CURC=0)" \
    "$(grep -c 'AT^CURC=0' "$T/at/conversation.log")" "^[1-9]"
at_text +37126400001 "KOKS 1 OZOLS Cesis"
wait_for 30 "SELECT count(*) FROM outbound WHERE kind='reply' AND state='delivered'" 1
expect_eq "at reports: a delivered report marks the reply delivered" \
    "$(q "SELECT state FROM outbound WHERE kind='reply'")" delivered
at_fault report 0x46
at_text +37126400002 "KOKS 2 OZOLS Cesis"
wait_for 30 "SELECT count(*) FROM outbound WHERE kind='reply' AND state='failed'" 1
expect_eq "at reports: a failed report marks the reply failed" \
    "$(q "SELECT o.state FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '+37126400002'")" failed
wait_for 30 "SELECT count(*) FROM modems WHERE balance LIKE 'Atlikums: 0.42 EUR%'" 1
status=$(TALKA_CONFIG=$CONF "$TALKA" status)
expect_match "at reports: the balance came back through +CUSD" "$status" "balance Atlikums: 0.42 EUR.*LOW"
expect_match "at reports: the USSD code went out as the E173 wants it" \
    "$(grep 'AT+CUSD=1,"' "$T/at/conversation.log")" 'AT\+CUSD=1,"2A19AD3602",15'
wait_for 30 "SELECT count(*) FROM outbound WHERE recipient = '+37126999999' AND state IN ('sent','delivered')" 1
expect_match "at reports: a low balance alerts the staff number" \
    "$(q "SELECT text FROM outbound WHERE recipient = '+37126999999'")" "balance low: Atlikums: 0.42"
check "at reports: everything settles" at_settled 30
expect_eq "at reports: the SIM (0-based indexes) is empty" "$(at_state used)" 0
expect_match "at reports: the modem sent exactly the recorded messages" "$(sent_check)" "^ok 3 messages"
stop_daemon
expect_eq "at reports: no errors logged" "$(grep -c ' error: ' "$T/run.log")" 0
at_done
