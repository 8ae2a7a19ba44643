#!/bin/sh
# run-at.sh: what `make run-at` runs: the AT modem emulator on a pty
# (var/atmodem/modem, its state in var/atmodem/) and the daemon on libgammu's
# `at` driver (config/talka-at.ini) in the foreground. Ctrl-C stops both.
cd "$(dirname "$0")/.." || exit 2
CONF=${TALKA_CONFIG:-config/talka-at.ini}
STATE=var/atmodem
mkdir -p "$STATE"
rm -f "$STATE/ready"
python3 tests/atmodem/atmodem.py --link "$STATE/modem" --state "$STATE" \
    --profile "${PROFILE:-generic}" &
EPID=$!
trap 'kill -TERM $EPID 2>/dev/null; wait $EPID 2>/dev/null' EXIT INT TERM
i=0
while [ ! -e "$STATE/ready" ]; do
    i=$((i + 1))
    [ $i -gt 100 ] && { echo "the emulator did not start (see above)" >&2; exit 1; }
    sleep 0.1
done
cat >&2 <<MSG
talka on an emulated AT modem (config $CONF, modem $STATE/modem, profile ${PROFILE:-generic};
PROFILE=sim800 or e173 for the others). From a second terminal:
  tests/atmodem/atsim send +37126000001 "KOKS 12 OZOLS Cesis"   # text the gateway
  tests/atmodem/atsim outbox                                    # what the modem sent
  tests/atmodem/atsim fault "hang 30"                           # or cms_error 500, unplug 20, ...
  build/talka -c $CONF status                                   # modems, SIM, queues
  less $STATE/conversation.log                                  # every AT command and answer
Ctrl-C stops the daemon and the emulator.
MSG
TALKA_LOG=${TALKA_LOG:-info} build/talka -c "$CONF" run
