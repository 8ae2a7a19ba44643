# modem_device.sh: the device path removed and restored while the daemon runs:
# noticed, logged, `talka status` says so, reconnected when it is back, and work
# continues. Also: a clock 10 minutes off the network's is logged, and SIGTERM
# while idle exits 0.
. tests/lib.sh
. tests/lib/modem.sh
plan 13
scratch
phone=$T/var/phone
echo $(( $(date +%s) + 600 )) > "$T/clock"
export TALKA_CLOCK_FILE=$T/clock
export TALKA_LOG=info
mkdir -p "$phone"
need_daemon
"$TALKA" sim send +37126000001 "KOKS 12 OZOLS Cesis"
wait_for 30 "SELECT count(*) FROM outbound WHERE state='sent'" 1
expect_eq "device: first text answered" "$(q "SELECT count(*) FROM outbound WHERE state='sent'")" 1
# the modem's clock is read on its own schedule, not before the first text is
# answered: wait for the line
wait_log 30 "$T/run.log" "clock differs from the network's by"
expect_match "device: a clock 10 min off the network's is logged" "$(cat "$T/run.log")" "clock differs from the network's by -(59[0-9]|60[0-9]) s"
expect_match "device: status shows the modem up" "$("$TALKA" status)" "gammu0 +up since"

mv "$phone" "$phone.unplugged"
wait_for 20 "SELECT state FROM modems WHERE name='gammu0'" absent
expect_match "device: the disappearance is logged" "$(cat "$T/run.log")" "gammu0: device .*phone disappeared; waiting"
expect_match "device: status shows it absent" "$("$TALKA" status)" "gammu0 +absent"

mv "$phone.unplugged" "$phone"
wait_for 20 "SELECT state FROM modems WHERE name='gammu0'" up
expect_match "device: the return is logged" "$(cat "$T/run.log")" "gammu0: device .*phone is back"
# the process that logged the return is the one that saw the device go
kill -0 "$DPID" 2>/dev/null
expect_eq "device: the daemon kept running without its device" "$?" 0
expect_eq "device: reconnected" "$(q "SELECT reconnects FROM modems WHERE name='gammu0'")" 1
"$TALKA" sim send +37126000002 "koks 3 bērzi Limbažos"
wait_for 30 "SELECT count(*) FROM outbound WHERE state='sent'" 2
expect_eq "device: work continues after the return" "$(q "SELECT count(*) FROM outbound WHERE state='sent'")" 2

# removed and created afresh (empty directory): the driver recreates its folders
rm -rf "$phone"
wait_for 20 "SELECT state FROM modems WHERE name='gammu0'" absent
mkdir "$phone"
wait_for 20 "SELECT state FROM modems WHERE name='gammu0'" up
"$TALKA" sim send +37126000003 "TREE 4 BIRCH Bauska"
wait_for 30 "SELECT count(*) FROM outbound WHERE state='sent'" 3
expect_eq "device: an emptied device directory is taken up again" "$(q "SELECT count(*) FROM outbound WHERE state='sent'")" 3
stop_daemon
expect_eq "device: SIGTERM exits 0" "$DRC" 0
expect_eq "device: stopped state recorded" "$(q "SELECT state FROM modems WHERE name='gammu0'")" stopped
expect_no_crash "device: no crash or sanitizer report in the daemon's log" "$T/run.log"
finish
