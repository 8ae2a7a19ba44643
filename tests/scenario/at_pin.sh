# at_pin.sh: a SIM with a PIN, on the SIMCom SIM800 profile. The PIN from the
# configured pin_file is entered; a wrong PIN file stops that modem with a clear
# line in the log and in `talka status`, entered once only (never until the SIM
# locks); a corrected file is tried once more and the modem works again.
. tests/lib.sh
plan 15
scratch
. tests/lib/modem.sh
. tests/lib/at.sh

printf '4321\n' > "$T/config/sim.pin"
chmod 600 "$T/config/sim.pin"
check "at pin: the emulator answers on a pty" at_start --profile sim800 --pin 4321
at_fault pin
at_config pin_file=sim.pin
check "at pin: talka connects to a SIM that asks for its PIN" start_daemon
expect_match "at pin: the PIN from the file was entered" "$(grep '!! ' "$T/at/conversation.log")" "PIN accepted"
at_text +37126300001 "KOKS 1 OZOLS Cesis"
check "at pin: texts flow once the PIN is in" at_settled 60
wait_for 20 "SELECT count(*) FROM outbound WHERE state = 'delivered'" 1
expect_eq "at pin: the SIM800's direct delivery report (+CDS, never stored) reached the reply" \
    "$(grep -c '^.* -> +CDS: ' "$T/at/conversation.log"):$(q "SELECT count(*) FROM outbound WHERE state = 'delivered'")" "1:1"
expect_eq "at pin: the PIN never reaches the log" "$(grep -c 4321 "$T/run.log")" 0
stop_daemon

printf '1111\n' > "$T/config/sim.pin"
at_fault pin
# at debug level the modem loop logs each look at the unchanged PIN file while it
# is held (about one a second): ten of them are ten rounds in which a talka that
# tried the PIN again would have done so (it backed off 1, 2, 4, 8 s before)
TALKA_LOG=debug "$TALKA" run >> "$T/run.log" 2>&1 &
DPID=$!
wait_for 60 "SELECT state FROM modems WHERE name = 'gammu0'" stopped
looks() { [ "$(grep -c 'sim.pin unchanged since the SIM refused its PIN' "$T/run.log")" -ge 10 ]; }
wait_until 120 looks || bail "the held modem's loop did not go round ten times: $(tail -3 "$T/run.log")"
expect_match "at pin: a wrong PIN stops the modem with a clear line in the log" \
    "$(grep 'gammu0: stopped' "$T/run.log")" "stopped: the SIM refused the PIN in .*sim.pin"
status=$(TALKA_CONFIG=$CONF "$TALKA" status)
expect_match "at pin: talka status says why" "$status" "gammu0 +stopped"
expect_match "at pin: ... and what to do" "$status" "refused the PIN in .*until that file changes"
expect_eq "at pin: the wrong PIN was entered once only (2 attempts left)" "$(at_state pin_attempts_left)" 2
expect_eq "at pin: the SIM is not locked" "$(at_state pin)" "SIM PIN"
expect_eq "at pin: the wrong PIN never reaches the log" "$(grep -c 1111 "$T/run.log")" 0

printf '4321\n' > "$T/config/sim.pin"
wait_for 60 "SELECT state FROM modems WHERE name = 'gammu0'" up
expect_eq "at pin: a corrected PIN file is tried and the modem works again" \
    "$(q "SELECT state FROM modems WHERE name = 'gammu0'")" up
at_text +37126300002 "KOKS 2 OZOLS Cesis"
check "at pin: texts flow again" at_settled 60
stop_daemon
expect_eq "at pin: SIGTERM stops the daemon cleanly" "$DRC" 0
at_done
