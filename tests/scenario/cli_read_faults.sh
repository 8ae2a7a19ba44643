# cli_read_faults.sh: a report of the CLI whose database read fails says so on
# stderr and exits 1; it never prints a 0 or an empty list in place of what it
# could not read. The schema is broken on purpose (a table renamed) under
# `talka stats`, `volunteer show`, `review list` and `registry status`, after
# each has been seen to work on the same data.
. tests/lib.sh
plan 20
scratch
export TALKA_NOW="2026-05-15 10:00:00"
"$TALKA" sms +37126000001 "KOKS 12 OZOLS Cesis" > /dev/null 2>&1
"$TALKA" sms --at "2026-05-15 10:01:00" +37126000002 "KOKS 900 LIEPA Talsi" > /dev/null 2>&1
moved() { q "ALTER TABLE $1 RENAME TO $2"; }

# before: each works and shows the figures the faults below would hide
out=$("$TALKA" stats 2>&1)
expect_match "stats: works before the fault" "$out" "^trees accepted: 12 \(pending review: 900"
expect_match "volunteer show: works before the fault" "$("$TALKA" volunteer show 26000001 2>&1)" "^trees: +12 accepted"
expect_match "review list: works before the fault" "$("$TALKA" review list 2>&1)" "liepa 900"
expect_match "registry status: works before the fault" "$("$TALKA" registry status 2>&1)" "^queue +1 records"

# the plantings cannot be read: no totals at all, not zeros
moved plantings plantings_moved
out=$("$TALKA" stats 2>"$T/err"); rc=$?
expect_eq "stats: plantings unreadable -> exit 1" "$rc" 1
expect_match "stats: ... said on stderr" "$(cat "$T/err")" "^talka stats: cannot read the database$"
expect_eq "stats: ... no figures printed" "$out" ""
out=$("$TALKA" volunteer show 26000001 2>"$T/err"); rc=$?
expect_eq "volunteer show: plantings unreadable -> exit 1" "$rc" 1
expect_match "volunteer show: ... said on stderr" "$(cat "$T/err")" "^talka volunteer: cannot read the database$"
expect_eq "volunteer show: ... no counts printed" "$out" ""
out=$("$TALKA" review list 2>"$T/err"); rc=$?
expect_eq "review list: plantings unreadable -> exit 1" "$rc" 1
expect_match "review list: ... said on stderr" "$(cat "$T/err")" "^talka review: cannot read the database$"
case "$out" in *"no reports wait"*) not_ok "review list: ... not 'no reports wait'" "$out" ;;
    *) ok "review list: ... not 'no reports wait'" ;; esac
moved plantings_moved plantings

# the points cannot be read: the tables before it stand, the ranking fails
moved points_ledger points_moved
out=$("$TALKA" stats 2>"$T/err"); rc=$?
expect_eq "stats: points unreadable -> exit 1" "$rc" 1
expect_match "stats: ... the tables before it shown" "$out" "per species:"
expect_match "stats: ... said on stderr" "$(cat "$T/err")" "^talka stats: cannot read the database$"
moved points_moved points_ledger

# the questions asked back cannot be read: the list of reports stands, then exit 1
moved awaiting_confirmation awaiting_moved
out=$("$TALKA" review list 2>"$T/err"); rc=$?
expect_eq "review list: asked-back unreadable -> exit 1" "$rc" 1
expect_match "review list: ... said on stderr" "$(cat "$T/err")" "^talka review: cannot read the database$"
moved awaiting_moved awaiting_confirmation

# the registry queue cannot be read: no "0 records"
moved registry_batches batches_moved
out=$("$TALKA" registry status 2>"$T/err"); rc=$?
expect_eq "registry status: queue unreadable -> exit 1" "$rc" 1
expect_match "registry status: ... said on stderr" "$(cat "$T/err")" "cannot read the queue"
moved batches_moved registry_batches
finish
