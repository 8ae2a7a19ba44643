#!/bin/sh
# harden_backup.sh (issue 25, item 1): `talka backup FILE` opens no name another
# local user could plant. The copy is made in a fresh 0700 directory beside FILE
# and moved into place without replacing anything: a dangling symbolic link at
# FILE or at FILE-journal (which SQLite would have followed, creating the link's
# target as a readable copy of every number) is refused and its target never
# created; an existing FILE is refused and left as it was; the copy is 0600 and
# complete, and nothing is left behind.
. tests/lib.sh
plan 14
scratch
"$TALKA" sms +37120000001 "KOKS 3 OZOLS Cesis" > /dev/null 2>&1
"$TALKA" sms +37120000002 "KOKS 5 BERZS Talsi" > /dev/null 2>&1
mkdir -p "$T/out" "$T/attacker"
mode() { stat -c %a "$1"; }

"$TALKA" backup "$T/out/good.db" > "$T/o" 2>&1
expect_eq backup_new_file_exit_0 "$?" 0
expect_eq backup_mode_0600 "$(mode "$T/out/good.db")" 600
expect_eq backup_complete "$(sqlite3 "$T/out/good.db" 'SELECT count(*) FROM inbound')" \
    "$(q 'SELECT count(*) FROM inbound')"
expect_eq backup_integrity "$(sqlite3 "$T/out/good.db" 'PRAGMA integrity_check')" ok

# a dangling link at FILE: the old code checked FILE with access() (which follows
# the link, finds nothing) and let SQLite create the link's target
ln -s "$T/attacker/stolen.db" "$T/out/link.db"
"$TALKA" backup "$T/out/link.db" > "$T/o" 2>&1
expect_eq backup_dangling_link_refused "$?" 2
check backup_dangling_link_target_not_created test ! -e "$T/attacker/stolen.db"
expect_match backup_dangling_link_named "$(cat "$T/o")" 'link.db exists \(a symbolic link\)'

# a dangling link at FILE-journal: SQLite writes its rollback journal there
ln -s "$T/attacker/journal" "$T/out/j.db-journal"
"$TALKA" backup "$T/out/j.db" > "$T/o" 2>&1
expect_eq backup_journal_link_refused "$?" 2
check backup_journal_link_target_not_created test ! -e "$T/attacker/journal"
check backup_journal_link_no_file test ! -e "$T/out/j.db"

# an existing FILE is neither replaced nor removed
printf 'keep me\n' > "$T/out/old.db"
"$TALKA" backup "$T/out/old.db" > "$T/o" 2>&1
expect_eq backup_existing_refused "$?" 2
expect_eq backup_existing_untouched "$(cat "$T/out/old.db")" "keep me"

# the work directory is gone; only the files made above are left
expect_eq backup_no_work_dir_left "$(ls -A "$T/out" | grep -c '^\.talka-backup-')" 0
expect_eq backup_attacker_dir_empty "$(ls -A "$T/attacker" | wc -l)" 0
finish
