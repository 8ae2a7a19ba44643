# at_hang.sh: a modem that stops answering (gammu #4, #323). hang_timeout = 10,
# retry_after = 2 (a failed send is tried again after 2 s, not the default 30).
# - `hang 30` at the next AT+CMGS, before the PDU is accepted: talka's watchdog
#   aborts the call, and the connects tried while the modem is still silent;
#   talka reconnects once the modem answers again, and the reply is sent once.
# - a hang right after the modem accepted the PDU (before "+CMGS:"): the watchdog
#   ends talka's wait for the send status too (not send_timeout, 60 s, later);
#   talka cannot know the PDU went out, so it sends it again after reconnecting --
#   the one case that may send twice (docs/modem.md); at most twice.
# - line noise (`garbage`): a stalled call is aborted too; the next text answered.
. tests/lib.sh
plan 15
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

check "at hang: the emulator answers on a pty" at_start
at_config hang_timeout=10 retry_after=2
check "at hang: talka connects" start_daemon
at_text +37126100001 "KOKS 1 OZOLS Cesis"
check "at hang: a first text is answered" at_settled 60

at_fault hang 30 send
t0=$(date +%s)
at_text +37126100002 "KOKS 2 OZOLS Cesis"
wait_for 200 "SELECT count(*) FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '+37126100002' AND o.state IN ('sent', 'delivered')" 1
echo "    sent $(( $(date +%s) - t0 )) s after the text arrived (modem hung for 30 s)"
expect_match "at hang: the watchdog aborted the hung call" "$(grep 'has not answered for' "$T/run.log")" "gammu0: the device has not answered for 1[0-9] s"
expect_match "at hang: ... and a connect tried while the modem was silent" \
    "$(grep -c 'gammu0: connecting .*: Operation aborted' "$T/run.log")" "^[1-9]"
expect_match "at hang: talka reconnected" "$(grep -c 'gammu0: connected to' "$T/run.log")" "^[2-9]"
n=$($PDU submit-decode "$T/at/sent.log" | grep -c '"number": "+37126100002"')
expect_eq "at hang: the reply was sent once" "$n" 1
expect_eq "at hang: its outbound row says sent, after more than one attempt" \
    "$(q "SELECT o.state IN ('sent','delivered') AND o.attempts > 1 FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '+37126100002'")" 1

at_fault hang 20 sent
at_text +37126100003 "KOKS 3 OZOLS Cesis"
t0=$(date +%s)
wait_for 150 "SELECT count(*) FROM outbound o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '+37126100003' AND o.state IN ('sent', 'delivered')" 1
n=$($PDU submit-decode "$T/at/sent.log" | grep -c '"number": "+37126100003"')
echo "    a hang after the modem accepted the PDU: sent $n times, $(( $(date +%s) - t0 )) s after the text came"
expect_match "at hang: the watchdog ended the wait for the send status (no send_timeout waited out)" \
    "$(grep 'attempt 1 failed: no send status' "$T/run.log")" "no send status from the modem \(part 1 of 1\), aborted"
expect_eq "at hang: a hang after the PDU was accepted sends it at most twice" \
    "$([ "$n" -ge 1 ] && [ "$n" -le 2 ] && echo yes || echo "no: $n")" yes
check "at hang: everything settles" at_settled 60

# line noise on the port can stall libgammu 1.42 in its next call: the watchdog
# ends that too, and the text that came meanwhile is answered
at_fault garbage
wait_log 10 "$T/at/conversation.log" '\(line noise\)'
at_text +37126100004 "KOKS 4 OZOLS Cesis"
check "at hang: after line noise the text is still answered" at_settled 90
expect_eq "at hang: one reply row per text" \
    "$(q "SELECT count(DISTINCT inbound_id) || ':' || count(*) FROM outbound WHERE kind='reply'")" "4:4"
expect_match "at hang: the modem sent exactly the recorded replies (the one above at most twice)" "$(sent_check --max-copies 2)" "^ok 4 messages"
stop_daemon
expect_eq "at hang: SIGTERM stops the daemon cleanly" "$DRC" 0
at_done
