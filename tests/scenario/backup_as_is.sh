# backup_as_is.sh: `talka backup` copies the database as it is, never migrating it
# (the package's postinst backs up the old schema before `talka migrate` runs), and
# never creates a missing one; `talka migrate` applies what is pending in one
# transaction, says so, and leaves the database as it was when a migration fails.
# The older database is this one at schema 019: 020_metrics and 021's audience
# columns taken out by hand (022's trigger applies again on what it made); 020
# and every migration after it pending.
. tests/lib.sh
plan 14
scratch
"$TALKA" sms +37126000001 "KOKS 12 OZOLS Cesis" > /dev/null 2>&1
latest=$(q "PRAGMA user_version")
older=19
pending=$(ls db/migrations | awk -F_ '$1 + 0 > 19' | wc -l)
# back to the schema before 020: its triggers and table go, the version steps back
q "DROP TRIGGER metric_received; DROP TRIGGER metric_handled; DROP TRIGGER metric_handled_at_insert;
   DROP TRIGGER metric_sent; DROP TRIGGER metric_ussd_session; DROP TABLE metric_counters;
   DROP INDEX volunteers_home; DROP INDEX plantings_live_municipality;
   ALTER TABLE broadcasts DROP COLUMN seg_munis; ALTER TABLE broadcasts DROP COLUMN seg_lang;
   ALTER TABLE broadcasts DROP COLUMN seg_since;
   PRAGMA user_version = $older"
expect_eq "as_is: 020 and those after it pending" "$("$TALKA" migrate --pending)" "$pending"
"$TALKA" backup "$T/before.db" > "$T/out" 2>&1
expect_eq "as_is: backup exits 0" "$?" 0
expect_eq "as_is: the backup holds the older schema" "$(sqlite3 "$T/before.db" "PRAGMA user_version")" "$older"
expect_eq "as_is: the backup has no metric_counters" \
    "$(sqlite3 "$T/before.db" "SELECT count(*) FROM sqlite_master WHERE name = 'metric_counters'")" 0
expect_eq "as_is: the database itself was not migrated" "$(q "PRAGMA user_version")" "$older"
expect_eq "as_is: the backup is private" "$(stat -c %a "$T/before.db")" 600

sed "s|^database = .*|database = $T/var/missing.db|" "$CONF" > "$T/missing.ini"
"$TALKA" -c "$T/missing.ini" backup "$T/none.db" > "$T/out" 2>&1
expect_eq "as_is: backup of a missing database exits 1" "$?" 1
check "as_is: ... and does not create it" test ! -e "$T/var/missing.db"

# a migration that fails: the table it creates is already there
cp "$DB" "$T/var/broken.db"
sqlite3 "$T/var/broken.db" "CREATE TABLE metric_counters (x)"
sed "s|^database = .*|database = $T/var/broken.db|" "$CONF" > "$T/broken.ini"
"$TALKA" -c "$T/broken.ini" migrate > "$T/out" 2>&1
expect_eq "as_is: a failed migration exits 1" "$?" 1
expect_eq "as_is: ... names the migration and says the database was left as it was" \
    "$(grep -c -e 'migration 020_metrics failed' -e 'the database was left as it was' "$T/out")" 2
expect_eq "as_is: ... and did" "$(sqlite3 "$T/var/broken.db" "PRAGMA user_version")" "$older"

expect_eq "as_is: migrate applies them" "$("$TALKA" migrate 2>&1)" \
    "database upgraded to schema $latest ($pending migration$([ "$pending" = 1 ] || echo s))"
expect_eq "as_is: the counters start from the rows kept" \
    "$(q "SELECT value FROM metric_counters WHERE name = 'texts_received'")" 1
expect_eq "as_is: migrate again: nothing to do" "$("$TALKA" migrate 2>&1)" "database schema $latest is current"
finish
