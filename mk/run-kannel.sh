#!/bin/sh
# run-kannel.sh: what `make run-kannel` runs, for a newcomer: talka behind the real
# Kannel on 127.0.0.1, the way an operator link works, with kannel-extras'
# fakesmsc standing in for the operator's SMSC in the foreground. Everything lives
# in var/kannel-run/ (fresh each time: its own talka.ini, database, kannel.conf,
# logs); Debian's kannel packages are installed when missing (as root) and their
# system service is stopped. Type a line at the fakesmsc prompt:
#     +37126000001 1345 text KOKS 12 OZOLS Cesis
# and talka's reply comes back as a "Got message" line. Ctrl-C stops everything.
cd "$(dirname "$0")/.." || exit 2
T=$PWD/var/kannel-run
rm -rf "$T"
mkdir -p "$T/config" "$T/var"
cp config/*.tsv config/*.ini "$T/config/"
CONF=$T/config/talka.ini
export TALKA_CONFIG=$CONF
TALKA=$PWD/build/talka
bail() { echo "run-kannel: $*" >&2; exit 1; }
. tests/lib/ports.sh
. tests/lib/kannel.sh
kannel_setup 600
bb_start || { echo "run-kannel: bearerbox did not start (see $K/bearerbox.log)" >&2; exit 1; }
sb_start || { echo "run-kannel: smsbox did not start (see $K/smsbox.log)" >&2; exit 1; }
DAEMON_LOG=info talka_start || { echo "run-kannel: talka did not start (see $T/run.log)" >&2; exit 1; }
cat >&2 <<MSG

talka behind Kannel: bearerbox (admin 127.0.0.1:$P_ADMIN), smsbox (sendsms 127.0.0.1:$P_SEND),
talka's endpoint 127.0.0.1:$P_TALKA, config $CONF, kannel.conf $K/kannel.conf
logs: $T/run.log (talka), $K/bearerbox.log, $K/smsbox.log, $K/access.log
fakesmsc is the operator's SMSC. Type a text as
    +37126000001 1345 text KOKS 12 OZOLS Cesis
(sender, talka's number, "text", the text); replies appear as "Got message" lines.
In a second terminal: TALKA_CONFIG=$CONF build/talka status
Ctrl-C stops fakesmsc, talka and Kannel.

MSG
trap 'talka_stop; kannel_stop; exit 0' INT TERM
"$FAKESMSC" -H 127.0.0.1 -r "$P_FAKE" -i 0 -m 100000000 -v 0 2>&1 | grep --line-buffered -v 'DEBUG: \(Connecting\|fakesmsc: sent\)'
talka_stop; kannel_stop
