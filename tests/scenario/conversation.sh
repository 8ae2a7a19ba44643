# conversation.sh: the conversation set (tests/conversation/conversations.tsv, issue 23):
# volunteers' multi-turn conversations in Latvian, Russian, English and Latgalian played
# through `talka sms` on one database; each turn's reply and stored state checked by
# tests/lib/conversation_check.py, which fails when under 98 % of the turns are right.
. tests/lib.sh
SET=tests/conversation/conversations.tsv
plan $(( $(grep -vc '^#' "$SET") + 4 ))   # a check per turn, then share, turns, segments, exit
scratch
python3 tests/lib/conversation_check.py "$TALKA" "$DB" "$SET" || _failed=1
finish
