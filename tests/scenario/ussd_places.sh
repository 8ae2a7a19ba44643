#!/bin/sh
# ussd_places.sh: a place typed on the USSD menu gets what an SMS gets (issue 23
# item 13), through the parser's own place lookup: a typo is corrected and asked
# about ("Rujena" -> "Vai domājāt Rūjiena? 1 Jā 2 Nē"); a name in several novadi
# is offered by number ("Salas pagasts: kurā novadā? 1 Jēkabpils nov. 2 Mārupes
# nov."), a wrong number keeps the list, 0 goes back to the place; a name written
# right (inflected too) goes straight to the summary. In Latvian, Russian and
# English over real HTTP; the database says which place and novads were stored.
. tests/lib.sh
. tests/lib/ussd.sh
plan 25   # 20 printed by the walks, their helper's exit, the clean stop, 3 on the database
scratch
ussd_config
need_ussd
cat > "$T/walks.py" <<'PY'
import sys
sys.path.insert(0, "tests/lib")
import ussd_client
from ussd_client import Client, Walk, check, screen_problem

port, key = int(sys.argv[1]), sys.argv[2]
client = Client(port, key)

class W(Walk):
    """a session from 1 Register / species 1 / count 5 on, every screen checked"""
    def __init__(self, name, phone, lang="lv"):
        super().__init__(client, "places-%d-%s" % (port, name), phone)
        self.lang = lang
        self.start()
        for i in ["1", "1", "5"]:
            self.send(i)

    def say(self, inp):
        _, b = self.send(inp)
        p = screen_problem(b[4:], self.lang)
        if p:
            check("screen_fits_" + self.session, False, (p, b))
        return b

LV, RU, EN = "+37126400001", "+37126400002", "+37126400003"

# a typo: corrected, and asked
w = W("typo", LV)
b = w.say("Rujena")
check("lv_typo_asked", b == "CON Vai domajat Rujiena?\n1 Ja\n2 Ne\n0 Atpakal", b)
b = w.say("1")
check("lv_typo_yes_summary", b.startswith("CON Saglabat: priede 5 gab., Rujiena?"), b)
b = w.say("1")
check("lv_typo_saved", b.startswith("END Paldies! Saglabats."), b)

# one name in two novadi: numbered choices, by number
w = W("choice", LV)
b = w.say("Salas pagasts")
check("lv_choice_offered", b == "CON Salas pagasts: kura novada?\n1 Jekabpils nov.\n2 Marupes nov.\n0 Atpakal", b)
b = w.say("3")
check("lv_choice_wrong_number_hint", b.startswith("CON Izvelieties numuru") and "2 Marupes nov." in b, b)
b = w.say("0")
check("lv_choice_back_to_place", b.startswith("CON Kur"), b)
b = w.say("Salas pagastā")
check("lv_choice_offered_inflected", "1 Jekabpils nov.\n2 Marupes nov." in b, b)
b = w.say("2")
check("lv_choice_summary", b.startswith("CON Saglabat: priede 5 gab., Salas pagasts?"), b)
b = w.say("1")
check("lv_choice_saved", b.startswith("END Paldies! Saglabats."), b)

# written right, inflected: no question
w = W("exact", LV)
b = w.say("Dobelē")
check("lv_inflected_straight_to_summary", b.startswith("CON Saglabat: priede 5 gab., Dobele?"), b)
b = w.say("2")
check("lv_exact_cancelled", b.startswith("END Atcelts"), b)

# Russian: the same questions in Russian
w = W("lang-ru", RU)
w.send("0"); w.send("0"); w.send("0"); w.send("4")
_, b = w.send("2")
check("ru_language_chosen", b.startswith("CON Посадка"), b)
w = W("ru", RU, "ru")
b = w.say("Pilskalnes pagasts")
check("ru_choice_offered", b == "CON Пилскалне.: край?\n1 Айзкраукльский край\n2 Аугшдаугавский край\n0 Назад", b)
b = w.say("1")
check("ru_choice_summary", b.startswith("CON Сохранить: сосна 5 шт., Пилскалнес волость?"), b)
b = w.say("1")
check("ru_choice_saved", b.startswith("END Спасибо! Сохранено."), b)
w = W("ru-typo", RU, "ru")
b = w.say("Rujena")
check("ru_typo_asked", b.startswith("CON Вы имели в виду ") and "?\n1 Да\n2 Нет" in b, b)

# English
w = W("lang-en", EN)
w.send("0"); w.send("0"); w.send("0"); w.send("4")
w.send("3")
w = W("en", EN, "en")
b = w.say("Rujena")
check("en_typo_asked", b == "CON Did you mean Rujiena?\n1 Yes\n2 No\n0 Back", b)
b = w.say("2")
check("en_typo_no_retype", b.startswith("CON Type the place again."), b)
b = w.say("Salas pagasts")
check("en_choice_offered", b == "CON Salas pagasts: which novads?\n1 Jekabpils nov.\n2 Marupes nov.\n0 Back", b)
b = w.say("1")
b = w.say("1")
check("en_choice_saved", b.startswith("END Thank you! Saved."), b)
client.close()
sys.exit(ussd_client.failed)
PY
helper ussd_places_walks python3 "$T/walks.py" "$PORT" "$SECRET"
ussd_stop ussd_places_clean_stop
place_of() {
    q "SELECT group_concat(p.place || ' / ' || p.municipality, '; ') FROM plantings p JOIN inbound i ON i.id = p.inbound_id WHERE i.transport_id LIKE 'places-$PORT-$1@%'"
}
expect_eq "ussd places: the corrected typo stored as Rūjiena" "$(place_of typo)" "Rūjiena / Valmieras novads"
expect_eq "ussd places: the choice stored in the novads chosen (2 Mārupes)" "$(place_of choice)" \
    "Salas pagasts / Mārupes novads"
expect_eq "ussd places: Russian and English choices stored in the novads chosen" \
    "$(place_of ru) + $(place_of en)" "Pilskalnes pagasts / Aizkraukles novads + Salas pagasts / Jēkabpils novads"
finish
