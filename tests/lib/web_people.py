"""web_people.py: the dashboard's people and reminders in real Chromium (issue 24),
run by tests/scenario/web_people.sh against a running `talka run`: the volunteer
search by part of a number and by a name typed without diacritics or a pseudonym,
what talka understood, Sūtīt ziņu, reminders back on only when confirmed, the
moderation page's pseudonyms as links, Atgādinājumi with a text per language, SMS
counters, the live recipient count and an English preview that keeps the text;
then every page at 390 px without sideways scrolling, no console errors anywhere,
and no message text in any address after a form. Prints "ok NAME" / "not ok NAME",
saves screenshots under SHOTS and writes what the shell checks next to OUT
(KEY<TAB>VALUE lines).
usage: web_people.py BASE_URL SHOTS_DIR OUT_FILE"""
import os
import re
import sys
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from web_driver import Web  # noqa: E402

BASE, SHOTS, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
web = Web(BASE, SHOTS)
driver, wait, check, shot, login = web.driver, web.wait, web.check, web.shot, web.login
text_of, wait_text, drain_console, console = web.text_of, web.wait_text, web.drain_console, web.console
typed = []          # every text typed into a form: none may show up in an address


def out(key, value):
    with open(OUT, "a", encoding="utf-8") as f:
        f.write("%s\t%s\n" % (key, value))


def no_text_in_url(what):
    url = urllib.parse.unquote_plus(driver.current_url)
    bad = [t for t in typed if t and t in url] + [p for p in ("msg=", "err=") if p in url]
    check("no_text_in_url_" + what, not bad, (driver.current_url, bad))


def search(q):
    driver.get(BASE + "/volunteers")
    driver.find_element(By.ID, "q").send_keys(q)
    driver.find_element(By.ID, "search").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results, #no-results"))
    return text_of("#results") if driver.find_elements(By.ID, "results") else ""


try:
    login("coord", "coordinator pass 1")
    # search: part of the number in several forms, a name without diacritics, a pseudonym
    for q in ("2631", "+371 2631", "26 31 00"):
        check("search_number_part_%s" % re.sub(r"\W", "_", q), "+37126310001" in search(q), q)
    check("search_number_part_not_others", "+37126000002" not in search("2631"))
    res = search("berzina")
    check("search_name_without_diacritics", "Bērziņa" in res and "+37126310001" in res, res)
    check("search_name_any_case", "Bērziņa" in search("BĒRZ"))
    pseudo = re.search(r"V-[0-9a-f]{8}", res)
    check("search_results_show_pseudonym", bool(pseudo), res)
    check("search_by_pseudonym", bool(pseudo) and "+37126310001" in search(pseudo.group(0)))
    shot("volunteers")

    # the volunteer's page: what talka understood, dates in local form, Sūtīt ziņu
    search("berzina")
    driver.find_element(By.CSS_SELECTOR, "#results a").click()
    conv = text_of("#conversation")
    check("conversation_understood", "talka saprata: stādījums ierakstīts" in conv, conv)
    check("conversation_not_understood", "talka saprata: nesaprasts" in conv, conv)
    check("dates_local_form", re.search(r"\b\d\d\.\d\d\.20\d\d \d\d:\d\d\b", conv) is not None, conv[:200])
    vol_url = driver.current_url
    msg = "Labdien! Vai KOKS 12 bija ozoli; atbildiet, ludzu."
    typed.append(msg)
    box = driver.find_element(By.ID, "message")
    box.send_keys(msg)
    counted = wait_text("#message-count", lambda t: t.startswith("%d zīmes" % len(msg)))
    check("message_counter_chars_parts", counted.startswith("%d zīmes · 1 SMS daļa" % len(msg)), counted)
    check("message_goes_at_once_hint", "tūlīt" in text_of("#message-when"))
    shot("volunteer")
    driver.find_element(By.ID, "message-send").click()
    note = text_of(".notice.ok")
    check("message_sent_notice", "rindā" in note, note)
    no_text_in_url("message")
    check("message_in_conversation", msg in text_of("#conversation"))
    out("message", msg)
    driver.refresh()
    check("notice_shown_once", not driver.find_elements(By.CSS_SELECTOR, ".notice.ok"))

    # a volunteer who sent STOP: back on only when the coordinator confirms they asked
    search("26000004")
    driver.find_element(By.CSS_SELECTOR, "#results a").click()
    check("stopped_shows_off", "izslēgti" in text_of("#reminders"))
    box = driver.find_element(By.ID, "reminders-confirm")
    check("reminders_on_asks_confirmation", box.get_attribute("required") is not None)
    driver.find_element(By.ID, "reminders-toggle").click()
    check("reminders_unconfirmed_stay_off", "izslēgti" in text_of("#reminders"))
    driver.find_element(By.ID, "reminders-confirm").click()
    driver.find_element(By.ID, "reminders-toggle").click()
    check("reminders_confirmed_on", "ieslēgti" in wait_text("#reminders", lambda t: "ieslēgti" in t))
    no_text_in_url("reminders")

    # moderation: the pseudonym is a link to the person
    driver.get(BASE + "/moderation")
    links = driver.find_elements(By.CSS_SELECTOR, "#reviews a.volunteer")
    check("moderation_pseudonym_links", bool(links))
    if links:
        links[0].click()
        check("moderation_link_opens_volunteer", "/volunteer?id=" in driver.current_url and
              text_of("#volunteer") != "", driver.current_url)
    shot("moderation")
    driver.get(BASE + "/moderation/report?n=1")
    counter = wait_text("#reject-count", lambda t: "SMS" in t)
    check("reject_preview_counter", "SMS daļa" in counter, counter)
    check("reject_preview_blank_latvian", "[REASON]" not in text_of("#reject-sms"), text_of("#reject-sms"))
    shot("report")

    # Atgādinājumi: texts per language, counters, live count, English preview keeps the text
    driver.get(BASE + "/broadcasts")
    check("nav_atgadinajumi", "Atgādinājumi" in text_of("nav"))
    live = wait_text("#live-recipients", lambda t: t.isdigit())
    check("live_recipients_all", live.isdigit() and int(live) >= 4, live)
    # the municipalities are a list of boxes to tick (web_audience.sh picks several)
    driver.find_element(By.CSS_SELECTOR, "details.munis summary").click()
    box = driver.find_element(By.CSS_SELECTOR, "input[name=aud_muni][value='Cēsu novads']")
    box.click()
    live2 = wait_text("#live-recipients", lambda t: t.isdigit() and t != live)
    check("live_recipients_municipality", live2.isdigit() and int(live2) < int(live), (live, live2))
    box.click()
    wait_text("#live-recipients", lambda t: t == live)
    lv, ru = "Sestdien stadam kokus, {name}!", "В субботу сажаем деревья!"
    typed.extend([lv, ru])
    driver.find_element(By.ID, "text").send_keys(lv)
    driver.find_element(By.ID, "text_ru").send_keys(ru)
    # the counter answers as the typing settles: wait for the count of the whole text
    rc = wait_text("#text_ru-count", lambda t: t.startswith("%d zīmes" % len(ru)))
    check("ru_counter_unicode", rc.startswith("%d zīmes · 1 SMS daļa (Unicode" % len(ru)), rc)
    driver.find_element(By.ID, "name").send_keys("krievu talka")
    driver.find_element(By.ID, "preview").click()
    check("preview_recipients", text_of("#plan-recipients").isdigit())
    shot("broadcast_preview")
    driver.find_element(By.CSS_SELECTOR, "button.lang").click()
    check("english_preview_not_405", "405" not in driver.title and bool(text_of("#plan-recipients")),
          driver.title)
    check("english_preview_keeps_text", driver.find_element(By.ID, "text_ru").get_attribute("value") == ru
          and driver.find_element(By.ID, "text").get_attribute("value") == lv)
    check("english_preview_in_english", "Preview" in text_of("#plan"))
    no_text_in_url("preview_lang")
    driver.find_element(By.ID, "schedule").click()
    check("broadcast_scheduled", "krievu talka" in text_of("#broadcast-list"))
    no_text_in_url("broadcast")
    driver.get(BASE + "/lang?to=lv&back=/broadcasts")
    # one for later, its time typed in local form, then cancelled: it waits for nothing
    later = "Nakamgad atkal, {name}!"
    typed.append(later)
    driver.find_element(By.ID, "text").send_keys(later)
    driver.find_element(By.ID, "name").send_keys("nakamgad")
    driver.find_element(By.ID, "send_at").send_keys("01.03.2030 10:00")
    driver.find_element(By.ID, "preview").click()
    driver.find_element(By.ID, "schedule").click()
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#broadcast-list tbody tr") if "nakamgad" in r.text]
    cells = [c.text for c in row[0].find_elements(By.TAG_NAME, "td")] if row else []
    check("broadcast_local_time", len(cells) > 2 and cells[2] == "01.03.2030 10:00", cells)
    if row:
        row[0].find_element(By.CSS_SELECTOR, "button.danger").click()
        WebDriverWait(driver, 5).until(lambda d: d.switch_to.alert).accept()
        wait_text(".notice.ok", lambda t: "Atcelts" in t)
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#broadcast-list tbody tr") if "nakamgad" in r.text]
    cells = [c.text for c in row[0].find_elements(By.TAG_NAME, "td")] if row else []
    check("cancelled_broadcast_waits_for_nothing", len(cells) > 7 and cells[1] == "atcelta" and cells[7] == "0",
          cells)
    no_text_in_url("cancel")
    shot("broadcasts")

    # the overview: figures and table from one answer, map dots named on tap
    driver.get(BASE + "/overview")
    total = sum(int(re.sub(r"\D", "", r.find_elements(By.TAG_NAME, "td")[1].text))
                for r in driver.find_elements(By.CSS_SELECTOR, "#by-municipality tbody tr"))
    check("overview_figure_equals_table", int(re.sub(r"\D", "", text_of("#fig-accepted"))) == total,
          (text_of("#fig-accepted"), total))
    dots = driver.find_elements(By.CSS_SELECTOR, "svg.map circle")
    if dots:
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", dots[0])
    check("map_dot_named_on_tap", ":" in text_of(".map-label"), text_of(".map-label"))
    shot("overview")
    # one language per page: no stored code or English word on a Latvian page
    for p in ("/overview", vol_url.replace(BASE, ""), "/health", "/moderation/report?n=1"):
        driver.get(BASE + p)
        words = set(re.findall(r"[A-Za-z_]+", driver.find_element(By.TAG_NAME, "main").text +
                               driver.find_element(By.TAG_NAME, "header").text))
        english = words & {"accepted", "pending_review", "rejected", "coordinator", "admin", "viewer", "up",
                           "down", "trees", "first_report", "REASON", "Broadcasts", "Overview", "received"}
        check("latvian_only_%s" % p.strip("/").split("?")[0].replace("/", "_"), not english, (p, english))

    # every page at 390 px: no sideways scrolling; no console errors on any page
    driver.get_log("browser")
    login("boss", "correct horse battery")
    pages = ["/overview", "/moderation", "/moderation/report?n=1", "/broadcasts", "/volunteers?q=26",
             vol_url.replace(BASE, ""), "/health", "/downloads", "/accounts"]
    driver.set_window_size(390, 844)
    for p in pages:
        driver.get(BASE + p)
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        sw, vw = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        name = p.strip("/").split("?")[0].replace("/", "_")
        check("phone_390_%s" % name, sw <= vw and vw <= 390, (p, sw, vw))
        drain_console(p)
    driver.set_window_size(390, 1400)
    for p, name in (("/volunteers?q=26", "phone_volunteers"), ("/overview", "phone_overview"),
                    (vol_url.replace(BASE, ""), "phone_volunteer")):
        driver.get(BASE + p)
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(1280, 1000)
    for p in pages:
        driver.get(BASE + p)
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        drain_console(p)
    check("no_console_errors", not console, console[:5])
    # Accounts: a new password is typed twice
    driver.get(BASE + "/accounts")
    check("accounts_password_twice", len(driver.find_elements(By.CSS_SELECTOR, "#new-password, #new-password2")) == 2
          and all(len(f.find_elements(By.CSS_SELECTOR, "input[type=password]")) == 2
                  for f in driver.find_elements(By.CSS_SELECTOR, "form[action='/accounts/passwd']")))
    shot("accounts")
    driver.get(BASE + "/downloads")
    check("downloads_people_exports", bool(driver.find_elements(By.ID, "volunteers-csv")) and
          bool(driver.find_elements(By.ID, "messages-csv")))
    shot("downloads")
finally:
    web.quit()
sys.exit(web.status())
