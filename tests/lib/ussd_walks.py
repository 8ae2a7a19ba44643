"""ussd_walks.py PORT KEY [--translit]: walks every path of the USSD menu over
real HTTP and prints "ok NAME" / "not ok NAME" lines, NAME prefixed "translit_"
with --translit (tests/scenario/ussd_menu.sh checks the database afterwards).
Exit status 1 when a check failed; an exception (the daemon gone) raises. Every answer is checked against the screen
rules: CON/END, lv/en GSM-7 <= 160, ru Cyrillic <= 70 (or GSM-7 <= 160), and
the formal register (no "tu"/"ты" forms, no "очки")."""
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from ussd_client import Client, Walk, informal, screen_problem  # noqa: E402

PORT, KEY = int(sys.argv[1]), sys.argv[2]
TRANSLIT = "--translit" in sys.argv
failed = 0
screens_checked = 0
client = Client(PORT, KEY)


def check(name, cond, detail=""):
    global failed
    if TRANSLIT:
        name = "translit_" + name
    if cond:
        print("ok " + name)
    else:
        failed = 1
        print("not ok " + name)
        if detail:
            print("    " + str(detail).replace("\n", "\\n"))


class W(Walk):
    """a walk that checks every answer's form and size for its language"""

    def __init__(self, name, phone, lang="lv"):
        super().__init__(client, "walk-%d-%s" % (PORT, name), phone)
        self.name, self.lang = name, lang
        self.bad = []

    def _post(self):
        global screens_checked
        status, body = super()._post()
        screens_checked += 1
        if status != 200 or not (body.startswith("CON ") or body.startswith("END ")):
            self.bad.append("%s: %d %r" % (self.trail, status, body[:80]))
        else:
            p = screen_problem(body[4:], self.lang, TRANSLIT) or informal(body[4:], self.lang)
            if p:
                self.bad.append("%s: %s: %r" % (self.trail, p, body))
        return status, body

    def body(self):
        return self.answers[-1][1]

    def done(self):
        check("screens_ok_" + self.name, not self.bad, "; ".join(self.bad[:3]))


LV = "+37126100001"

# --- main menu ---------------------------------------------------------------
w = W("main", LV)
s, b = w.start()
check("main_menu_is_con", s == 200 and b.startswith("CON "), b)
check("main_menu_lists_4", all(("%d " % i) in b for i in range(1, 5)), b)
for bad in ["9", "", "*", "abc", "0", "1*2", "x" * 1000]:
    w.send(bad)
    check("main_wrong_%r_same_screen" % bad[:6], w.body().startswith("CON Izvelieties numuru")
          and "1 Registret" in w.body(), w.body())
w.done()

w = W("points", LV)
w.start()
w.send("2")
# nothing planted yet: no points to count, and no thanks for trees never planted
check("points_end", w.body().startswith("END Jums vel nav punktu")
      and "Paldies" not in w.body(), w.body())
w.send("1")
check("after_end_expired", w.body().startswith("END Sesija beigusies"), w.body())
w.done()

w = W("howto", LV)
w.start()
w.send("3")
check("howto_end_with_number", w.body().startswith("END ") and "+37129990000" in w.body()
      and "KOKS" in w.body(), w.body())
w.done()

# a first request that already carries the input (dialled *123*8733*2#)
s, b = client.post("walk-%d-direct" % PORT, LV, "2")
check("first_request_with_input", b.startswith("END Jums vel nav punktu"), b)

# --- registration by number, with a retried final request ----------------------
w = W("register", LV)
w.start()
w.send("1")
check("species_list", "1 " in w.body() and "98 Vel, 0 Atpakal" in w.body(), w.body())
first_page = w.body()
w.send("1")
check("count_screen", w.body().startswith("CON Cik kokus"), w.body())
w.send("12")
check("place_screen", w.body().startswith("CON Kur"), w.body())
mid = w.body()
s, again = w.repeat()
check("retry_mid_same_answer", again == mid, again)
w.send("Cēsis")
check("confirm_screen", "12 " in w.body() and "Cesis" in w.body() and "1 Saglabat" in w.body(),
      w.body())
# the summary cannot be taken for an option: it starts with a word, not a digit
summary = w.body()[4:].split("\n")[0]
check("confirm_summary_not_an_option", summary.startswith("Saglabat: ") and not summary[0].isdigit()
      and summary.endswith("gab., Cesis?"), summary)
w.send("1")
final = w.body()
check("saved_end_with_points", final.startswith("END Paldies") and "punkti" in final, final)
s, again = w.repeat()
check("retry_final_same_answer", again == final, again)
w.done()

# --- the list: 98 for more, wrapping round ----------------------------------
w = W("more", LV)
w.start()
w.send("1")
pages = [w.body()]
for _ in range(12):
    w.send("98")
    if w.body() == pages[0]:
        break
    pages.append(w.body())
check("more_pages_differ", len(pages) >= 3 and pages[1] != pages[0], len(pages))
check("more_wraps_round", w.body() == pages[0], w.body())
w.send("99")
check("species_99_hint", w.body().startswith("CON Izvelieties numuru"), w.body())
w.send("xyzzyq")
check("species_unknown_hint", w.body().startswith("CON Nezinu tadu koku"), w.body())
w.send("")
check("species_empty_hint", w.body().startswith("CON Izvelieties"), w.body())
w.send("ozolus")
check("species_typed_name", w.body().startswith("CON Cik kokus (ozols)"), w.body())

# --- wrong counts: same screen with a hint --------------------------------------
for bad in ["abc", "99999", "", "12*3", "*", "**", "-5", "1.5", "7" * 1000]:
    w.send(bad)
    check("count_wrong_%r" % bad[:6], w.body().startswith("CON Ierakstiet skaitli 1-10000.\nCik kokus"),
          w.body())
w.send(" 7 ")
check("count_ok_after_hints", w.body().startswith("CON Kur"), w.body())
# "0 Atpakaļ": one screen back from every screen after the first
w.send("0")
check("back_place_to_count", w.body().startswith("CON Cik kokus (ozols)"), w.body())
w.send("0")
check("back_count_to_species", "98 Vel" in w.body(), w.body())
w.send("0")
check("back_species_to_main", "1 Registret" in w.body(), w.body())
w.send("1")
w.send("ozolus")
# the count screen reads number words as SMS does
w.send("pieci")
check("count_number_word", w.body().startswith("CON Kur"), w.body())
w.send("Cēsis")
check("count_number_word_confirm", "ozols 5 gab., Cesis?" in w.body(), w.body())
w.send("0")
check("back_confirm_to_place", w.body().startswith("CON Kur"), w.body())
w.send("0")
w.send("divdesmit viens")
check("count_two_number_words", w.body().startswith("CON Kur"), w.body())
w.send("0")
w.send("0")
w.send("7")      # another species from the list
w.send("7")      # 7 of them: on to the place screen

# --- places: unknown, empty, numbers, fuzzy with confirmation --------------------
for bad in ["Xyzzyville", "", "123", "*", "q" * 1000]:
    w.send(bad)
    check("place_wrong_%r" % bad[:6], w.body().startswith("CON Nezinu tadu vietu.\nKur"), w.body())
w.send("Cesiss")
check("place_fuzzy_asks", w.body().startswith("CON Vai domajat Cesis?") and "1 Ja" in w.body(),
      w.body())
w.send("3")
check("place_confirm_wrong_hint", w.body().startswith("CON Izvelieties numuru"), w.body())
w.send("2")
check("place_confirm_no_retype", w.body().startswith("CON Ierakstiet vietu velreiz"), w.body())
w.send("Vecpiebalgas pagasts")
check("confirm_long_place", "Vecpiebalgas" in w.body() and "1 Saglabat" in w.body(), w.body())
w.send("5")
check("confirm_wrong_hint", w.body().startswith("CON Izvelieties numuru") and "2 Atcelt" in w.body(),
      w.body())
w.send("2")
check("cancel_end", w.body().startswith("END Atcelts"), w.body())
w.done()

# the same session id from another number: answered nothing about it
s, b = client.post("walk-%d-register" % PORT, "+37126100999", "1*1")
check("other_number_same_session", b.startswith("END ") and "kluda" in b.lower(), b)

# --- language: remembered per volunteer -------------------------------------
EN = "+37126100002"
w = W("lang_en", EN)
w.start()
w.send("4")
check("lang_screen", "3 English" in w.body() and "0 Atpakal" in w.body(), w.body())
w.send("0")
check("back_lang_to_main", "1 Registret" in w.body(), w.body())
w.send("4")
w.send("7")
check("lang_wrong_hint", w.body().startswith("CON Izvelieties numuru"), w.body())
w.send("3")
check("lang_english_menu", w.body().startswith("CON Tree planting"), w.body())
w.done()
w = W("english", EN, "en")
w.start()
check("lang_remembered", w.body().startswith("CON Tree planting"), w.body())
w.send("1")
w.send("2")
w.send("3")
w.send("Sigulda")
w.send("1")
check("english_saved", w.body().startswith("END Thank you! Saved."), w.body())
w.done()

RU = "+37126100003"
w = W("lang_ru", RU)
w.start()
w.send("4")
w.lang = "ru"
w.send("2")
w.done()
w = W("russian", RU, "ru")
w.start()
want = "Posadka" if TRANSLIT else "Посадка"
check("russian_menu", w.body().startswith("CON " + want), w.body())
w.send("1")
w.send("99")
check("russian_species_hint", ("Выберите" if not TRANSLIT else "Vyberite") in w.body(), w.body())
w.send("98")
w.send("дуб")
check("russian_typed_species", w.body().startswith("CON Сколько" if not TRANSLIT else "CON Skolko"),
      w.body())
w.send("много")
check("russian_count_hint", ("Число" if not TRANSLIT else "Chislo") in w.body(), w.body())
w.send("4")
w.send("Vecpiebalgas pagastss")
check("russian_place_confirm", w.body().startswith("CON " + ("Вы имели" if not TRANSLIT else "Vy imeli")),
      w.body())
w.send("1")
w.send("1")
check("russian_saved", w.body().startswith("END " + ("Спасибо" if not TRANSLIT else "Spasibo")), w.body())
w.done()
w = W("russian_points", RU, "ru")
w.start()
w.send("2")
w.send("1")
w.done()
w = W("russian_howto", RU, "ru")
w.start()
w.send("3")
w.done()

# --- malformed requests: 400, never 500 ------------------------------------------
s, b = client.post("", "", "", fields={"phoneNumber": LV, "text": ""})
check("missing_session_400", s == 400, s)
s, b = client.post("", "", "", fields={"sessionId": "walk-nophone", "text": ""})
check("missing_phone_400", s == 400, s)
s, b = client.post("walk-%d-badphone" % PORT, "LMT", "")
check("alphanumeric_phone_end", s == 200 and b.startswith("END "), b)

print("# %d screens checked" % screens_checked)
sys.exit(failed)
