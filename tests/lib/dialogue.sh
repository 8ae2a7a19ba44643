# dialogue.sh: what the SMS dialogue tests ask of talka and of the database.
#   say NAME AT FROM TEXT REGEX  `talka sms` at AT: the reply matches REGEX and is
#                                one SMS (2 checks)
#   vol NUMBER                   SQL for that volunteer's id
#   points NUMBER                the volunteer's points (the ledger's sum)
#   asked NUMBER                 the volunteer's latest question: "ask:state"
say() {
    r=$("$TALKA" sms --at "$2" "$3" "$4" 2>"$T/err")
    expect_match "$1" "$r" "$5"
    expect_match "$1: one SMS" "$(cat "$T/err")" " 1 segment\(s\)"
}
vol() { echo "(SELECT id FROM volunteers WHERE number='$1')"; }
points() { q "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE volunteer_id=$(vol "$1")"; }
asked() { q "SELECT ask||':'||state FROM awaiting_confirmation WHERE volunteer_id=$(vol "$1") ORDER BY id DESC LIMIT 1"; }
