#!/bin/sh
# kannel-deps.sh: Debian's Kannel for the Kannel tests, `make run-kannel` and the
# Kannel benchmark: `kannel` (bearerbox, smsbox) and `kannel-extras` (fakesmsc, a
# fake operator SMSC, installed outside PATH). Installing `kannel` starts and
# enables a system `kannel` service; talka's tests run their own bearerbox and
# smsbox with their own ports and config, so the system one is stopped and
# disabled here. Run as root it installs what is missing; otherwise it prints the
# apt-get line and fails. Prints the path of fakesmsc on success.
missing=""
for deb in kannel kannel-extras; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing="$missing $deb"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "talka: Kannel is not installed. Run as root:" >&2
        echo "    apt-get install$missing" >&2
        exit 1
    fi
    echo "talka: installing Debian packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq $missing; } >&2 || {
        echo "talka: apt-get failed; install by hand: apt-get install$missing" >&2; exit 1; }
fi
# the system service: stopped and disabled, whichever init is there
if [ "$(id -u)" = 0 ]; then
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl stop kannel >/dev/null 2>&1
        systemctl disable kannel >/dev/null 2>&1
    fi
    if [ -x /etc/init.d/kannel ]; then
        /etc/init.d/kannel stop >/dev/null 2>&1
        command -v update-rc.d >/dev/null 2>&1 && update-rc.d kannel disable >/dev/null 2>&1
    fi
fi
fake=$(dpkg -L kannel-extras 2>/dev/null | grep '/fakesmsc$' | head -n 1)
if [ -z "$fake" ] || [ ! -x "$fake" ] || ! command -v bearerbox >/dev/null 2>&1; then
    echo "talka: kannel-extras' fakesmsc or Kannel's bearerbox is missing" >&2
    exit 1
fi
echo "$fake"
