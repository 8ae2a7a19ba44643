#!/bin/sh
# run-dev.sh: what `make run` runs: the daemon on the simulated modem (gammu's
# dummy driver on var/phone, see config/talka.ini) in the foreground, with
# readable logs on the terminal. Ctrl-C stops it cleanly.
cd "$(dirname "$0")/.." || exit 2
CONF=${TALKA_CONFIG:-config/talka.ini}
mkdir -p var var/phone var/phone/sms/1
# the dashboard's address as this config really sets it ([web] listen and a
# certificate), not a guess
web=$(build/talka -c "$CONF" config check 2>/dev/null | awk '
    /^\[/ { sec = $0 } sec == "[web]" && $1 == "listen" { addr = $3 }
    sec == "[web]" && $1 == "cert_file" { tls = 1 }
    END { if (addr != "") printf "%s://%s/", tls ? "https" : "http", addr }')
cat >&2 <<MSG
talka on the simulated modem (config $CONF, phone var/phone). From a second terminal:
  build/talka sim send +37126000001 "KOKS 12 OZOLS Cesis"   # text the gateway
  build/talka sim outbox                                    # read what it answered
  build/talka status                                        # modems, queues, counters
MSG
if [ -n "$web" ]; then
    cat >&2 <<MSG
Dashboard: $web
  First sign-in: user 'admin' with the password printed below the first time
  (only then). Forgotten: build/talka -c $CONF web user passwd admin
MSG
else
    echo "Dashboard: off ([web] listen is not set in $CONF)" >&2
fi
echo "Ctrl-C stops the daemon." >&2
# the first start creates the dashboard's 'admin' with a random password, shown once
build/talka -c "$CONF" web bootstrap || exit 1
TALKA_LOG=${TALKA_LOG:-info} exec build/talka -c "$CONF" run
