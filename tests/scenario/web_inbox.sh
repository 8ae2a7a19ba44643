#!/bin/sh
# web_inbox.sh (issue 24, items 1, 3, 5): the inbox in real Chromium
# (tests/lib/web_inbox.py). Texts talka cannot understand are listed, newest
# first, with the volunteer and talka's reply; old texts (retention_days) and
# erased names (DZĒST) stay out. An answer written on the page reaches
# `talka volunteer show NUMBER --messages` and the simulated modem's outbox; a
# word taught on the page makes the same text parse, in the running daemon and
# in the next `talka sms`; registering, marking as reviewed and settling a
# waiting report go through the core; the journal shows it all (refused
# sign-ins too) and never a text's words. Roles, console, phone width, URLs.
. tests/lib.sh
. tests/lib/web.sh
plan 66  # 19 here, 47 from tests/lib/web_inbox.py
web_needs_chromium web_inbox_browser
scratch
web_config "session_idle = 600"
sed -i 's/^retention_days *=.*$//; s/^\[talka\]$/[talka]\nretention_days = 30/' "$CONF"
web_user boss admin 'correct horse battery'
web_user coord coordinator 'coordinator pass 1'
web_user view viewer 'viewer pass 123'
now=$(date +%s)
sms() { "$TALKA" sms "$@" > /dev/null 2>&1; }
TALKA_NOW=$((now - 40 * 86400)) sms +37126000018 "KOKS 5 VECS Talsi"       # cleared by retention
TALKA_NOW=$((now - 7200)) sms +37126000016 "KOKS 1200 LIEPA Talsi"         # asked back, never answered
sms +37126000019 "VĀRDS Zane"
sms +37126000019 "Sveiki, te Zane, kā iet?"                                # erased below (DZĒST)
sms +37126000019 "DZĒST"
sms +37126000019 "DZĒST JĀ"
sms +37126000015 "KOKS 8 OZOLS Cesis"                                      # understood
sms +37126000014 "ČAUKSTS"
sms +37126000013 "KOKS 5 OZOLS Mežciemiņš"
sms +37126000012 "kur var dabūt stādus?"
sms +37126000017 "KOKS 1300 LIEPA Talsi"                                   # waits for JĀ / NĒ
sms +37126000011 "KOKS 5 SMILGAS Cēsis"
expect_eq web_inbox_smilgas_not_understood "$(q "SELECT outcome FROM inbound WHERE sender = '+37126000011'")" error:unknown_species
# the old text is in the inbox until retention clears its words
open_of() { q "SELECT count(*) FROM inbox_open o JOIN inbound i ON i.id = o.inbound_id WHERE i.sender = '$1'"; }
expect_eq web_inbox_old_text_listed_before_retention "$(open_of +37126000018)" 1
web_start || bail "talka run did not serve the dashboard: $(tail -3 "$T/run.log")"
retained() { [ "$(open_of +37126000018)" = 0 ]; }
wait_until 15 retained || true   # retention runs as talka run starts
expect_eq web_inbox_retention_clears_inbox "$(open_of +37126000018) $(q "SELECT length(text) FROM inbound WHERE sender = '+37126000018'")" "0 0"
/usr/bin/python3 tests/lib/web_inbox.py "$WEB" "$SHOTS" "$T/out.tsv" 6
answer=$(sed -n 's/^answer\t//p' "$T/out.tsv")
# the answer is in the conversation and reaches the simulated modem
expect_match web_inbox_answer_in_volunteer_show "$("$TALKA" volunteer show +37126000011 --messages 2>&1)" "$(printf '%s' "$answer" | sed 's/[].[*^$]/\\&/g')"
in_outbox() { # in_outbox NUMBER TEXT: waits up to 15 s for that exact line
    [ -n "$2" ] || return 1
    for _ in $(seq 1 150); do
        "$TALKA" sim outbox 2>/dev/null | grep -qxF -- "$(printf '%s\t%s' "$1" "$2")" && return 0
        sleep 0.1
    done
    return 1
}
check web_inbox_answer_in_modem_outbox in_outbox +37126000011 "$answer"
expect_eq web_inbox_answer_is_staff_kind "$(q "SELECT kind || ' ' || priority FROM outbound WHERE text = '$answer'")" "staff 10"
# the taught word, in the running daemon: the same text through the modem now parses
"$TALKA" sim send +37126000011 "KOKS 5 SMILGAS Cēsis" > /dev/null
wait_for 20 "SELECT count(*) FROM inbound WHERE sender = '+37126000011' AND outcome = 'planted'" 1
expect_eq web_inbox_taught_word_daemon "$(q "SELECT species FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.sender = '+37126000011'")" quercus_robur
# the registered text: a planting on its own row, the volunteer answered
reg=$(sed -n 's/^registered\t//p' "$T/out.tsv")
expect_eq web_inbox_registered_planting "$(q "SELECT species || ' ' || count || ' ' || place FROM plantings WHERE inbound_id = ${reg:-0}")" "quercus_robur 5 Cēsis"
expect_match web_inbox_registered_reply "$(q "SELECT text FROM outbound WHERE inbound_id = ${reg:-0} AND kind = 'notice'")" 'Registrets: ozols 5 gab'
res=$(sed -n 's/^resolved\t//p' "$T/out.tsv")
expect_eq web_inbox_resolved_by "$(q "SELECT resolved_by || ' ' || how FROM inbox_resolved WHERE inbound_id = ${res:-0}")" "web:coord reviewed"
expect_eq web_inbox_waiting_settled "$(q "SELECT a.state || ' ' || i.outcome FROM awaiting_confirmation a JOIN inbound i ON i.id = a.inbound_id WHERE i.sender = '+37126000017'")" "confirmed pending_review"
expect_eq web_inbox_audit_no_words "$(q "SELECT count(*) FROM audit_log WHERE coalesce(subject, '') || coalesce(detail, '') LIKE '%milgas%' OR detail LIKE '%Sveiki%'")" 0
web_stop web_inbox_stop
# the taught word in the next `talka sms`, with no daemon running
expect_match web_inbox_taught_word_sms "$("$TALKA" sms +37126000031 "KOKS 5 SMILGAS Cēsis" 2>&1)" 'Registrets: ozols 5 gab'
for p in inbox inbox_text inbox_words moderation_waiting journal; do
    check "web_inbox_screenshot_$p" test -s "$SHOTS/$p.png"
done
finish
