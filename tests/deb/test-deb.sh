#!/bin/sh
# test-deb.sh: what `make test-deb` runs, as root on a Debian 12 machine (it
# installs, upgrades, removes and purges the talka package here: never part of
# `make test`). It builds the package twice (this tree as it is, and a copy one
# version later with a real schema change, a probe migration numbered after
# the last real one), runs lintian, installs
# the first, checks the user, modes, conffiles, man pages and units (systemd-analyze
# verify, and security --offline=true with its score), `talka config check`, runs
# the daemon, puts a text in through `talka sms` as the talka user, makes the
# upgrade fail once (the old database stays, talka stays stopped), then upgrades
# for real and finds the text; then the backup rotation, remove and purge.
# Where systemd is not PID 1 (a container) the daemon is run as its unit would
# run it: ExecStart as the talka user with the unit's Environment=; it says so.
# Output: "plan N", "ok/not ok NAME" lines, then "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
W=$ROOT/build/test-deb
CONF=/etc/talka/talka.ini
DATA=/var/lib/talka
DB=$DATA/talka.db
BK=/var/backups/talka
pass=0 fail=0
ok()     { echo "ok $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok $1"; shift; [ $# -gt 0 ] && echo "    $*"; fail=$((fail + 1)); }
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', want '$3'"; fi; }
expect_match() { if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1" "'$2' does not match /$3/"; fi; }
check() { _n=$1; shift; if "$@" > "$W/check.out" 2>&1; then ok "$_n"; else not_ok "$_n" "$(tail -n 5 "$W/check.out")"; fi; }
bail() { echo "Bail out! $*"; summary; exit 1; }
summary() { echo "$pass passed, $fail failed"; }
as_talka() { runuser -u talka -- env LANG=C.UTF-8 LC_ALL=C.UTF-8 TALKA_LOG=warn talka -c "$CONF" "$@"; }
q() { sqlite3 -cmd ".timeout 5000" "$1" "$2"; }
mode_of() { stat -c '%a %U:%G' "$1" 2>/dev/null; }
apt_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y --allow-downgrades "$@"; }

[ "$(id -u)" = 0 ] || { echo "test-deb: run as root (it installs the package on this machine)" >&2; exit 2; }
if [ -e "$DB" ] && ! dpkg-query -W -f='${Status}' talka 2>/dev/null | grep -q installed; then
    echo "test-deb: $DB exists and no talka package is installed: it may be real data; not touching it" >&2
    exit 2
fi
echo "plan 51"
rm -rf "$W"; mkdir -p "$W"

# a clean machine: no talka package, no data left by an earlier run of this test
DEBIAN_FRONTEND=noninteractive apt-get purge -y talka > /dev/null 2>&1 || true
rm -rf "$DATA" "$BK"

# --- two versions of the package: this tree, and one later with a schema change
sh mk/deb.sh "$W/v1" > "$W/v1.log" 2>&1 || { cat "$W/v1.log"; bail "make deb failed"; }
V1=$(head -n1 debian/changelog | cut -d' ' -f2 | tr -d '()')
DEB1=$(tail -n1 "$W/v1.log")
cat "$W/v1.log" | grep -E '^(W|E|I): ' || true
expect_eq "deb: lintian has no errors" "$(grep -c '^E: ' "$W/v1.log")" 0
V2=$V1.1
src2=$W/src2
mkdir -p "$src2"
git ls-files -z --cached --others --exclude-standard | grep -zv '^build/' | xargs -0 cp --parents -t "$src2"
( cd "$src2" && git init -q && git add -A ) > /dev/null   # mk/deb.sh lists files with git
# the probe migration comes after every real one (019 was given to this test; with
# 020_metrics in the tree it takes the next free number instead)
NEXT=$(ls db/migrations | sed -n 's/^\([0-9][0-9]*\)_.*/\1/p' | sort -n | tail -n1 | sed 's/^0*//')
NEXT=$((NEXT + 1))
PROBE=$(printf '%03d_deb_upgrade_probe.sql' "$NEXT")
cat > "$src2/db/migrations/$PROBE" <<'SQL'
-- NNN_deb_upgrade_probe.sql: a schema change made only by make test-deb's second
-- package version, so that its upgrade has a migration to run.
CREATE TABLE deb_upgrade_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
INSERT INTO deb_upgrade_probe (note) VALUES ('migrated by the upgrade');
ALTER TABLE inbound ADD COLUMN deb_upgrade_note TEXT;
SQL
{ printf 'talka (%s) bookworm; urgency=medium\n\n  * make test-deb: a later version with a schema change.\n\n -- talka maintainers <maintainers@talka.invalid>  %s\n\n' \
      "$V2" "$(date -R)"; cat debian/changelog; } > "$src2/debian/changelog"
( cd "$src2" && git add -A && sh mk/deb.sh "$W/v2" ) > "$W/v2.log" 2>&1 || { cat "$W/v2.log"; bail "the second package failed"; }
DEB2=$(tail -n1 "$W/v2.log")
expect_match "deb: both versions built" "$(basename "$DEB1") $(basename "$DEB2")" \
    "^talka_${V1}_[a-z0-9]+\.deb talka_${V2}_[a-z0-9]+\.deb$"

# --- install the first
apt_install "$DEB1" > "$W/install1.log" 2>&1 || { cat "$W/install1.log"; bail "apt install $DEB1 failed"; }
expect_eq "install: talka --version is the package's" "$(talka --version)" "talka $V1"
check "install: the talka system user" getent passwd talka
expect_match "install: talka is in dialout" "$(id -nG talka)" "(^| )dialout( |$)"
expect_eq "install: $DATA 0750 talka" "$(mode_of $DATA)" "750 talka:talka"
for k in talka.secret ussd.secret kannel.key; do
    expect_eq "install: $k 0600 talka" "$(mode_of $DATA/$k)" "600 talka:talka"
done
expect_eq "install: the database made, 0600 talka" "$(mode_of $DB)" "600 talka:talka"
expect_eq "install: /etc/talka/talka.ini is the one conffile" \
    "$(dpkg-query -W -f='${Conffiles}\n' talka | awk 'NF {print $1}')" "$CONF"
expect_eq "install: talka.ini 0640 root:talka" "$(mode_of $CONF)" "640 root:talka"
check "install: lists in /usr/share/talka" test -s /usr/share/talka/species.tsv -a -s /usr/share/talka/places.tsv \
    -a -s /usr/share/talka/replies.ini -a -s /usr/share/talka/ussd.ini
check "install: man talka(1) and talka.ini(5)" sh -c 'man -w talka && man -w 5 talka.ini'
expect_match "install: says how to make the first admin" "$(cat "$W/install1.log")" "talka .*web user add NAME --role admin"
if grep -Eiq 'password[^ ]* *[:=] *[^ ]' "$W/install1.log"; then
    not_ok "install: no password in apt's output" "$(grep -Ei 'password' "$W/install1.log")"
else ok "install: no password in apt's output"; fi
check "install: the backup timer is enabled" test -L /etc/systemd/system/timers.target.wants/talka-backup.timer
check "install: talka.service is not enabled before the config is edited" \
    test ! -e /etc/systemd/system/multi-user.target.wants/talka.service

# --- the units
for u in talka.service talka-backup.service talka-backup.timer; do
    check "units: systemd-analyze verify $u" systemd-analyze verify "/lib/systemd/system/$u"
done
sec=$(systemd-analyze security --offline=true /lib/systemd/system/talka.service 2>&1 | tail -n1)
echo "    $sec"
score=$(printf '%s\n' "$sec" | sed -n 's/.*exposure level for talka.service: \([0-9.]*\).*/\1/p')
check "units: talka.service exposure $score <= 2.5" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.5) }'
unit=/lib/systemd/system/talka.service
for line in User=talka NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/var/lib/talka \
            PrivateTmp=yes ProtectHome=yes CapabilityBoundingSet= DevicePolicy=closed \
            Restart=on-failure RestartPreventExitStatus=2; do
    grep -qx "$line" "$unit" || missing="${missing:-} $line"
done
expect_eq "units: talka.service has the hardening the issue names" "${missing:-}" ""
check "units: RestrictAddressFamilies" grep -q '^RestrictAddressFamilies=' "$unit"

# --- the operator edits the config: here the simulated modem, the dashboard on a free port
check "config: talka config check on the shipped talka.ini" as_talka config check
sed -i -e 's|^device = /dev/serial/by-id/.*|device = /var/lib/talka/phone\nmodel = dummy|' \
       -e 's|^connection = at$|connection = none|' -e 's|^listen = 127.0.0.1:8080$|listen = 127.0.0.1:0|' "$CONF"
runuser -u talka -- mkdir -p $DATA/phone $DATA/ports
check "config: talka config check after the edit" as_talka config check

# --- the daemon, as its unit runs it
run_daemon() {
    if [ "$(ps -o comm= -p 1)" = systemd ]; then
        echo "    systemd is PID 1: systemctl start talka"
        systemctl start talka && sleep 0 && return 0
    fi
    echo "    systemd is not PID 1 here: running the unit's ExecStart as the talka user with its Environment="
    envs=$(sed -n 's/^Environment=//p' "$unit")
    cmd=$(sed -n 's/^ExecStart=//p' "$unit")
    rm -f $DATA/ports/web.port
    ( cd "$(sed -n 's/^WorkingDirectory=//p' "$unit")" &&
      exec runuser -u talka -- env $envs TALKA_PORT_DIR=$DATA/ports $cmd ) > "$W/daemon.log" 2>&1 &
    DAEMON=$!
}
stop_daemon() {
    if [ "$(ps -o comm= -p 1)" = systemd ]; then systemctl stop talka; return; fi
    pkill -TERM -P "$DAEMON" 2>/dev/null; kill -TERM "$DAEMON" 2>/dev/null; wait "$DAEMON" 2>/dev/null
}
DAEMON=
run_daemon
i=0; while [ ! -s $DATA/ports/web.port ] && [ $i -lt 300 ] && kill -0 "$DAEMON" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
check "daemon: serves the dashboard on 127.0.0.1" curl -sf -o /dev/null "http://127.0.0.1:$(cat $DATA/ports/web.port 2>/dev/null)/login"
r=$(as_talka sms +37126000001 "KOKS 12 OZOLS Cesis")
expect_match "data: talka sms as the talka user answers" "$r" "Registrets: ozols 12"
stop_daemon
expect_eq "data: the text is in the database" "$(q $DB "SELECT count(*) FROM inbound WHERE sender = '+37126000001'")" 1
schema1=$(q $DB "PRAGMA user_version")

# --- an upgrade whose migration fails: the old database stays, talka stays stopped
q $DB "CREATE TABLE deb_upgrade_probe (x)"     # the probe migration will meet it and fail
apt_install "$DEB2" > "$W/upgrade-fail.log" 2>&1
expect_eq "upgrade: a failed migration fails the install" "$?" 100
expect_match "upgrade: a failed migration is said clearly" "$(cat "$W/upgrade-fail.log")" \
    "migration FAILED: $DB is left as it was .*talka is stopped"
expect_eq "upgrade: after the failure the schema is the old one" "$(q $DB "PRAGMA user_version")" "$schema1"
check "upgrade: after the failure talka is not running" sh -c '! pgrep -u talka -x talka'
q $DB "DROP TABLE deb_upgrade_probe"

# --- the upgrade proper (dpkg --configure finishes the half-installed one)
dpkg --configure talka > "$W/upgrade.log" 2>&1
expect_eq "upgrade: dpkg --configure finishes it" "$?" 0
cat "$W/upgrade-fail.log" "$W/upgrade.log" | grep '^talka: ' | sed 's/^/    /'
expect_match "upgrade: the backup is named in the log" "$(cat "$W/upgrade.log")" \
    "database backed up to $BK/talka-pre-upgrade-$V1-.*\.db before the upgrade from $V1"
pre=$(ls $BK/talka-pre-upgrade-"$V1"-*.db 2>/dev/null | tail -n1)
expect_eq "upgrade: the backup holds the old schema" "$(q "$pre" "PRAGMA user_version" 2>&1)" "$schema1"
expect_eq "upgrade: the backup is 0600 talka" "$(mode_of "$pre")" "600 talka:talka"
expect_eq "upgrade: talka --version is the new one" "$(talka --version)" "talka $V2"
expect_eq "upgrade: the database migrated to $NEXT ($PROBE)" "$(q $DB "PRAGMA user_version")" "$NEXT"
expect_eq "upgrade: the new table is there" "$(q $DB "SELECT note FROM deb_upgrade_probe")" "migrated by the upgrade"
expect_eq "upgrade: the text is still there" "$(q $DB "SELECT count(*) FROM inbound WHERE sender = '+37126000001'")" 1
expect_match "upgrade: the edited talka.ini is kept" "$(cat $CONF)" "device = /var/lib/talka/phone"
r=$(as_talka volunteer show +37126000001 2>&1)
expect_match "upgrade: talka still knows the volunteer" "$r" "12"

# --- daily backups, the newest 7 kept
for d in 01 02 03 04 05 06 07 08; do
    runuser -u talka -- touch "$BK/talka-2020-01-${d}T000000Z.db"
done
runuser -u talka -- env LANG=C.UTF-8 /usr/libexec/talka/talka-backup > "$W/backup.log" 2>&1
expect_eq "backup: talka-backup exits 0" "$?" 0
expect_eq "backup: 7 dated backups kept" "$(ls $BK | grep -c '^talka-[0-9]')" 7
check "backup: the oldest went, the new one stayed" sh -c \
    "! ls $BK/talka-2020-01-02T000000Z.db 2>/dev/null && [ \$(ls $BK | grep -c '^talka-20[2-9][0-9]-') -ge 1 ] && [ -e '$pre' ]"

# --- remove keeps config and data; purge deletes /etc/talka, keeps /var/lib/talka
DEBIAN_FRONTEND=noninteractive apt-get remove -y talka > "$W/remove.log" 2>&1
check "remove: the binary is gone" test ! -e /usr/bin/talka
check "remove: config and data stay" test -e $CONF -a -e $DB -a -e $DATA/talka.secret
DEBIAN_FRONTEND=noninteractive apt-get purge -y talka > "$W/purge.log" 2>&1
check "purge: /etc/talka is gone" test ! -e /etc/talka
check "purge: the database and its key stay together" test -e $DB -a -e $DATA/talka.secret
expect_match "purge: says what it kept" "$(cat "$W/purge.log")" "kept /var/lib/talka"
rm -rf "$DATA" "$BK"
summary
[ "$fail" = 0 ]
