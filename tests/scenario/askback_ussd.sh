#!/bin/sh
# askback_ussd.sh: USSD asks back the way an SMS does: a place typed beyond the
# silent typo distance ("Cēssssis") is asked about ("Vai domājāt Cēsis? 1 Jā
# 2 Nē"); 1 goes on to the confirm screen and saves once, 2 asks for the place
# again; a name far from every place is still refused with the hint. A typed
# species beyond the typo distance ("ozolssss") is asked about the same way.
. tests/lib.sh
. tests/lib/ussd.sh
plan 16   # 11 printed by the walks, their helper's exit, the clean stop, 3 on the database
scratch
ussd_config
need_ussd
cat > "$T/walks.py" <<'PY'
import sys
sys.path.insert(0, "tests/lib")
from ussd_client import Client, Walk

port, key = int(sys.argv[1]), sys.argv[2]
client = Client(port, key)

def check(name, cond, detail=""):
    print(("ok " if cond else "not ok ") + name)
    if not cond and detail:
        print("    " + repr(detail))

w = Walk(client, "askback-%d-yes" % port, "+37126200001")
w.start(); w.send("1"); w.send("1"); w.send("12")
_, b = w.send("Cēssssis")
check("ussd_askback_guess_asks", b.startswith("CON Vai domajat Cesis?") and "1 Ja" in b and "2 Ne" in b, b)
_, b = w.send("1")
check("ussd_askback_yes_confirm_screen", "12 " in b and "Cesis" in b and "1 Saglabat" in b, b)
_, b = w.send("1")
check("ussd_askback_saved", b.startswith("END "), b)

w = Walk(client, "askback-%d-no" % port, "+37126200002")
w.start(); w.send("1"); w.send("1"); w.send("5")
_, b = w.send("Cēssssis")
check("ussd_askback_guess_asks_again", b.startswith("CON Vai domajat Cesis?"), b)
_, b = w.send("2")
check("ussd_askback_no_retype", b.startswith("CON Ierakstiet vietu velreiz"), b)

w = Walk(client, "askback-%d-far" % port, "+37126200003")
w.start(); w.send("1"); w.send("1"); w.send("5")
_, b = w.send("Xyzzyville")
check("ussd_askback_far_name_refused", b.startswith("CON Nezinu tadu vietu"), b)
w = Walk(client, "askback-%d-species" % port, "+37126200004")
w.start(); w.send("1"); w.send("98")  # the second page of species ("98 Vel"), then a typed name
_, b = w.send("ozolssss")
check("ussd_askback_species_asks", b.startswith("CON Vai domajat ozols?") and "1 Ja" in b, b)
_, b = w.send("7")
check("ussd_askback_species_wrong_digit_hint", b.startswith("CON Izvelieties numuru"), b)
_, b = w.send("1")
check("ussd_askback_species_yes_count", b.startswith("CON Cik kokus (ozols)"), b)
_, b = w.send("4"); _, b = w.send("Cēsis"); _, b = w.send("1")
check("ussd_askback_species_saved", b.startswith("END "), b)

w = Walk(client, "askback-%d-species-no" % port, "+37126200005")
w.start(); w.send("1"); w.send("98")  # the second page of species ("98 Vel"), then a typed name
w.send("ozolssss")
_, b = w.send("2")
check("ussd_askback_species_no_back_to_list", b.startswith("CON Nezinu tadu koku"), b)
client.close()
PY
helper askback_ussd_walks python3 "$T/walks.py" "$PORT" "$SECRET"
ussd_stop askback_ussd_clean_stop
expect_eq "ussd: the confirmed report saved once, in Cēsu novads" \
    "$(q "SELECT count(*) || ' ' || group_concat(p.municipality) FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.transport_id LIKE 'askback-$PORT-yes@%'")" "1 Cēsu novads"
expect_eq "ussd: the confirmed species saved" \
    "$(q "SELECT p.species || ' ' || p.count FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.transport_id LIKE 'askback-$PORT-species@%'")" "quercus_robur 4"
expect_eq "ussd: nothing saved for the declined guess" \
    "$(q "SELECT count(*) FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.transport_id LIKE 'askback-$PORT-no@%'")" 0
finish
