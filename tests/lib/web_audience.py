"""web_audience.py: Atgādinājumi's audience controls in real Chromium, run by
tests/scenario/web_audience.sh against a running `talka run` (the shell seeds
the volunteers and checks the database, the queue and the modem): two
municipalities ticked, Russian chosen, a date typed; the live count as the
controls change (written to OUT as "live<TAB>N" for the shell to compare with
the database), a date that does not exist said in Latvian, the preview's
recipients equal to the live count, the broadcast scheduled and listed with its
audience in Latvian; the page at 390 px, no console errors, no text typed in an
address. Prints "ok NAME" / "not ok NAME"; screenshots under SHOTS.
usage: web_audience.py BASE_URL SHOTS_DIR OUT_FILE DATE(dd.mm.yyyy)"""
import os
import sys
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from web_driver import Web  # noqa: E402

BASE, SHOTS, OUT, DAY = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
web = Web(BASE, SHOTS)
driver, check, shot, login = web.driver, web.check, web.shot, web.login
text_of, wait_text, drain_console, console = web.text_of, web.wait_text, web.drain_console, web.console
typed = []          # every text typed into a form: none may show up in an address


def no_text_in_url(what):
    url = urllib.parse.unquote_plus(driver.current_url)
    bad = [t for t in typed if t and t in url] + [p for p in ("msg=", "err=", "aud_", "segment=") if p in url]
    check("no_text_in_url_" + what, not bad, (driver.current_url, bad))


def tick(name):
    driver.find_element(By.CSS_SELECTOR, "input[name=aud_muni][value='%s']" % name).click()


try:
    login("coord", "coordinator pass 1")
    driver.get(BASE + "/broadcasts")
    everyone = wait_text("#live-recipients", lambda t: t.isdigit())
    check("live_count_everyone", everyone == "6", everyone)   # 7 volunteers, one sent STOP
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=aud_muni]")
    names = [b.get_attribute("value") for b in boxes]
    check("municipalities_from_the_places_list", len(names) == 42 and "Cēsu novads" in names
          and "Rīga" in names and len(set(names)) == 42, (len(names), names[:5]))
    driver.find_element(By.CSS_SELECTOR, "details.munis summary").click()
    tick("Cēsu novads")
    one = wait_text("#live-recipients", lambda t: t == "3")
    check("live_count_one_municipality", one == "3", one)   # 1, 3 and 4 planted in Cēsis
    tick("Valmieras novads")
    two = wait_text("#live-recipients", lambda t: t == "5")
    check("live_count_two_municipalities", two == "5", two)   # and 2 and 7 (6 sent STOP)
    Select(driver.find_element(By.ID, "aud_lang")).select_by_value("ru")
    ru = wait_text("#live-recipients", lambda t: t == "3")
    check("live_count_and_russian", ru == "3", ru)
    since = driver.find_element(By.ID, "aud_since")
    since.send_keys("31.02.2026")
    bad = wait_text("#live-recipients", lambda t: "nav derīgs" in t)
    check("bad_date_said_in_latvian", bad.startswith("Datums “31.02.2026” nav derīgs"), bad)
    since.clear()
    since.send_keys(DAY)
    live = wait_text("#live-recipients", lambda t: t.isdigit() and t != "3")
    check("live_count_and_since", live == "2", live)
    langs = text_of("#live-langs")
    check("live_count_per_language", langs == "(ru 2)", langs)
    named = text_of("#aud_muni_chosen")
    check("ticked_named_with_the_list", named == "Cēsu novads, Valmieras novads", named)
    with open(OUT, "a", encoding="utf-8") as f:
        f.write("live\t%s\n" % live)
    lv, ru_text = "Sestdien talka pie upes!", "В субботу толока у реки!"
    typed.extend([lv, ru_text])
    driver.find_element(By.ID, "text").send_keys(lv)
    driver.find_element(By.ID, "text_ru").send_keys(ru_text)
    driver.find_element(By.ID, "name").send_keys("upe")
    shot("broadcast_audience")
    driver.find_element(By.ID, "preview").click()
    check("preview_recipients_equal_live_count", text_of("#plan-recipients") == live,
          (text_of("#plan-recipients"), live))
    kept = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "input[name=aud_muni]:checked")]
    check("preview_keeps_the_controls", kept == ["Cēsu novads", "Valmieras novads"] and
          Select(driver.find_element(By.ID, "aud_lang")).first_selected_option.get_attribute("value") == "ru"
          and driver.find_element(By.ID, "aud_since").get_attribute("value") == DAY, kept)
    no_text_in_url("preview")
    driver.find_element(By.ID, "schedule").click()
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice.ok"))
    check("scheduled_for_the_live_count", "%s saņēmēji" % live in text_of(".notice.ok"), text_of(".notice.ok"))
    no_text_in_url("schedule")
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#broadcast-list tbody tr") if "upe" in r.text]
    said = row[0].find_elements(By.TAG_NAME, "td")[3].text if row else ""
    check("listed_audience_in_latvian",
          said == "Cēsu novads, Valmieras novads · krievu val. · ziņoja kopš %s / upe" % DAY, said)
    drain_console("/broadcasts")
    # a phone: the controls fit 390 px, the list of municipalities open
    driver.set_window_size(390, 844)
    driver.get(BASE + "/broadcasts")
    driver.find_element(By.CSS_SELECTOR, "details.munis summary").click()
    tick("Rīga")
    wait_text("#live-recipients", lambda t: t.isdigit())
    sw, vw = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check("phone_390_broadcasts", sw <= vw and vw <= 390, (sw, vw))
    h = driver.find_element(By.CSS_SELECTOR, "input[name=aud_muni]").size["height"]
    label = driver.find_element(By.CSS_SELECTOR, "label.check").size["height"]
    check("phone_boxes_big_enough", label >= 32, (h, label))
    driver.set_window_size(390, 1400)
    driver.save_screenshot(os.path.join(SHOTS, "phone_broadcasts.png"))
    drain_console("/broadcasts at 390 px")
    check("no_console_errors", not console, console[:5])
finally:
    web.quit()
sys.exit(web.status())
