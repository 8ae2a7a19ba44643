#!/bin/sh
# run-dev.sh: what `make run` runs: the daemon on the simulated modem (gammu's
# dummy driver on var/phone, see config/talka.ini) in the foreground, with
# readable logs on the terminal. Ctrl-C stops it cleanly.
cd "$(dirname "$0")/.." || exit 2
CONF=${TALKA_CONFIG:-config/talka.ini}
mkdir -p var var/phone var/phone/sms/1
cat >&2 <<MSG
talka on the simulated modem (config $CONF, phone var/phone). From a second terminal:
  build/talka sim send +37126000001 "KOKS 12 OZOLS Cesis"   # text the gateway
  build/talka sim outbox                                    # read what it answered
  build/talka status                                        # modems, queues, counters
Dashboard: http://127.0.0.1:8080/ (see [web] in the config).
Ctrl-C stops the daemon.
MSG
# the first start creates the dashboard's 'admin' with a random password, shown once
build/talka -c "$CONF" web bootstrap || exit 1
TALKA_LOG=${TALKA_LOG:-info} exec build/talka -c "$CONF" run
