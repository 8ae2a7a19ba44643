# modem_install.sh: `make install` into a DESTDIR (no root actions), the systemd
# unit it writes, and `make run`'s script, which must create the simulated phone.
. tests/lib.sh
plan 19
scratch
root=$T/root
sh mk/install.sh "$root" /usr > "$T/out.txt" 2>&1
expect_eq "install: DESTDIR install succeeds without root actions" "$?" 0
for f in usr/bin/talka etc/talka/talka.ini etc/talka/replies.ini etc/talka/species.tsv \
         etc/talka/places.tsv lib/systemd/system/talka.service usr/share/doc/talka/modem.md; do
    [ -f "$root/$f" ]; expect_eq "install: $f" "$?" 0
done
[ -d "$root/var/lib/talka" ]; expect_eq "install: /var/lib/talka" "$?" 0
unit=$(cat "$root/lib/systemd/system/talka.service")
expect_match "install: the unit runs the installed binary" "$unit" "ExecStart=/usr/bin/talka -c /etc/talka/talka.ini run"
expect_match "install: the unit restarts on failure" "$unit" "^Restart=on-failure$"
expect_match "install: ... but not after a configuration error (exit 2)" "$unit" "^RestartPreventExitStatus=2$"
expect_match "install: the unit sets a UTF-8 locale" "$unit" "LC_ALL=C.UTF-8"
expect_match "install: the unit joins dialout" "$unit" "SupplementaryGroups=dialout"
expect_eq "install: no relative data paths left in the installed config" \
    "$(grep -c '= *\.\./var/' "$root/etc/talka/talka.ini")" 0
expect_match "install: the database lives under /var/lib/talka" "$(cat "$root/etc/talka/talka.ini")" "database = /var/lib/talka/talka.db"
echo "; local edit" >> "$root/etc/talka/talka.ini"
sh mk/install.sh "$root" /usr > /dev/null 2>&1
expect_match "install: an existing talka.ini is kept" "$(tail -1 "$root/etc/talka/talka.ini")" "local edit"
[ -f "$root/etc/talka/talka.ini.new" ]; expect_eq "install: the new one goes beside it" "$?" 0
"$root/usr/bin/talka" --version > /dev/null
expect_eq "install: the installed binary runs" "$?" 0
finish
