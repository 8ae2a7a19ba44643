#!/bin/sh
# install.sh: what `make install` runs: the binary under PREFIX (default
# /usr/local), the config under /etc/talka (an existing talka.ini is kept), data
# under /var/lib/talka, the systemd unit, and a `talka` system user in the
# dialout group (for the modems). With DESTDIR set (packaging, tests) everything
# goes below DESTDIR and nothing needing root is done: no user, no chown, no
# systemctl.
# usage: mk/install.sh DESTDIR PREFIX
set -eu
cd "$(dirname "$0")/.."
DESTDIR=${1:-}
PREFIX=${2:-/usr/local}
[ -x build/talka ] || { echo "install.sh: build/talka is missing: run make first" >&2; exit 2; }

BIN=$DESTDIR$PREFIX/bin
ETC=$DESTDIR/etc/talka
DATA=$DESTDIR/var/lib/talka
UNIT=$DESTDIR/lib/systemd/system
DOC=$DESTDIR$PREFIX/share/doc/talka

install -d "$BIN" "$ETC" "$UNIT" "$DOC"
install -d -m 0750 "$DATA"
install -m 0755 build/talka "$BIN/talka"
for f in species.tsv places.tsv replies.ini; do
    install -m 0644 "config/$f" "$ETC/$f"
done
if [ -e "$ETC/talka.ini" ]; then
    echo "install.sh: keeping the existing $ETC/talka.ini (new one as talka.ini.new)"
    target=$ETC/talka.ini.new
else
    target=$ETC/talka.ini
fi
# the shipped config with its data under /var/lib/talka
sed -e 's|= *\.\./var/|= /var/lib/talka/|' \
    -e 's|^\[talka\]$|[talka]\nsecret_file = /var/lib/talka/talka.secret|' \
    config/talka.ini > "$target"
chmod 0640 "$target"
sed "s|@PREFIX@|$PREFIX|g" mk/talka.service > "$UNIT/talka.service"
chmod 0644 "$UNIT/talka.service"
[ -f docs/modem.md ] && install -m 0644 docs/modem.md "$DOC/modem.md"

if [ -n "$DESTDIR" ]; then
    echo "install.sh: installed below $DESTDIR (no user created, no ownership changed)"
    exit 0
fi
if ! getent passwd talka > /dev/null; then
    useradd --system --home-dir /var/lib/talka --no-create-home \
            --shell /usr/sbin/nologin --groups dialout talka
else
    usermod -a -G dialout talka
fi
chown -R talka:talka /var/lib/talka
chown root:talka /etc/talka /etc/talka/talka.ini*
chmod 0750 /etc/talka
if command -v systemctl > /dev/null; then
    systemctl daemon-reload || true
fi
cat <<MSG
talka installed. Next:
  edit /etc/talka/talka.ini: the [gammu] section for your modem (docs: $PREFIX/share/doc/talka/modem.md)
  systemctl enable --now talka
  journalctl -u talka -f
MSG
