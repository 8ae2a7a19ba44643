"""web_inbox.py: the inbox, the moderation page's waiting list and the journal
in real Chromium (python3-selenium), run by tests/scenario/web_inbox.sh against
a running `talka run`. Prints "ok NAME" / "not ok NAME"; saves screenshots of
its pages under SHOTS; writes what the shell checks next to OUT (KEY<TAB>VALUE).
usage: web_inbox.py BASE_URL SHOTS_DIR OUT_FILE"""
import os
import sys
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from web_driver import Web  # noqa: E402

BASE, SHOTS, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
web = Web(BASE, SHOTS)
driver, wait, check, shot, text_of, login = web.driver, web.wait, web.check, web.shot, web.text_of, web.login
collect_console, drain, console = web.drain_console, web.forget_console, web.console
out = open(OUT, "w")
ANSWER = "Sveiki! Smilgas nav koks: uzrakstiet sugu, piem. KOKS 5 OZOLS Cesis"


def go(path):
    driver.get(BASE + path)
    collect_console(path)


def go_refused(path):
    """a page the account may not open: its refusal is no console error"""
    driver.get(BASE + path)
    drain()


def click(id_):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, id_).click()
    wait.until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
    collect_console(driver.current_url)


def row_of(text):
    """the inbox row holding text: its id, or 0"""
    for tr in driver.find_elements(By.CSS_SELECTOR, "#inbox tbody tr"):
        if text in tr.text:
            return int(tr.get_attribute("data-id"))
    return 0


def url_clean(name, *words):
    u = urllib.parse.unquote_plus(driver.current_url)
    check(name, not any(w.lower() in u.lower() for w in words), u)


try:
    # a refused sign-in first (the journal must show it)
    go("/login")
    driver.find_element(By.ID, "username").send_keys("coord")
    driver.find_element(By.ID, "password").send_keys("not the password")
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "login").click()
    wait.until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
    drain()
    login("coord", "coordinator pass 1")

    # the navigation names the inbox with the number waiting
    go("/inbox")
    nav = text_of("header nav")
    check("inbox_nav_item", "Iesūtne" in nav, nav)
    badge = text_of("#inbox-badge")
    check("inbox_nav_count", badge.isdigit() and int(badge) == int(sys.argv[4]), (badge, sys.argv[4]))
    smilgas, ozols = row_of("SMILGAS"), row_of("Mežciemiņš")
    check("inbox_lists_unknown_species", smilgas > 0)
    check("inbox_lists_expired_question", row_of("1200 LIEPA") > 0)
    check("inbox_hides_waiting_question", row_of("1300 LIEPA") == 0)
    check("inbox_lists_question", row_of("kur var dabūt") > 0)
    check("inbox_hides_understood", row_of("KOKS 8 OZOLS") == 0)
    check("inbox_hides_old_text", row_of("VECS") == 0)
    page = driver.page_source
    check("inbox_shows_what_talka_replied", "Nepazīstu šo koka sugu" in page)
    check("inbox_no_erased_name", "Zane" not in page and "[name]" in page)
    links = driver.find_elements(By.CSS_SELECTOR, "#inbox tbody tr[data-id='%d'] a[href^='/volunteer?id=']" % smilgas)
    check("inbox_pseudonym_links_volunteer", len(links) == 1 and links[0].text.startswith("V-"))
    ids = [int(tr.get_attribute("data-id")) for tr in driver.find_elements(By.CSS_SELECTOR, "#inbox tbody tr")]
    check("inbox_newest_first", ids == sorted(ids, reverse=True) and len(ids) >= 4, ids)
    shot("inbox")

    # Atbildēt: the counter asks the server as the answer is typed
    go("/inbox/text?id=%d" % smilgas)
    area = driver.find_element(By.ID, "reply-text")
    area.send_keys(ANSWER)
    counted = "%d zīmes · 1 SMS daļa (GSM-7: 160 daļā)" % len(ANSWER)
    try:
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "reply-count").text == counted)
    except Exception:
        pass
    check("inbox_counter_as_typed", text_of("#reply-count") == counted, (text_of("#reply-count"), counted))
    area.send_keys(" ā" + "x" * 80)   # a Latvian letter: UCS-2, 150 characters in 3 parts of 67
    try:
        WebDriverWait(driver, 10).until(lambda d: "Unicode" in d.find_element(By.ID, "reply-count").text)
    except Exception:
        pass
    check("inbox_counter_ucs2_parts", text_of("#reply-count") == "%d zīmes · 3 SMS daļas (Unicode: 67 daļā)"
          % (len(ANSWER) + 82), text_of("#reply-count"))
    area.clear()
    area.send_keys(ANSWER)
    shot("inbox_text")
    click("reply-send")
    check("inbox_reply_notice", "sūtīšanas rindā" in text_of("#inbox-notice"))
    url_clean("inbox_reply_url_clean", "Smilgas nav", ANSWER[:10])
    check("inbox_replied_leaves_inbox", row_of("SMILGAS") == 0)
    out.write("answer\t%s\n" % ANSWER)

    # Iemācīt: a word that collides is refused with the reason, a new one taught
    go("/inbox/text?id=%d" % smilgas)
    driver.find_element(By.ID, "teach-place-word").send_keys("ozols")
    driver.find_element(By.ID, "teach-place-target").send_keys("Cēsis")
    click("teach-place")
    check("inbox_teach_collision_refused", "vārds jau nozīmē sugu" in text_of("#inbox-notice"),
          text_of("#inbox-notice"))
    url_clean("inbox_teach_url_clean", "ozols")
    driver.find_element(By.ID, "teach-species-word").send_keys("Punkti")
    Select(driver.find_element(By.ID, "teach-species-target")).select_by_value("quercus_robur")
    click("teach-species")
    check("inbox_teach_command_refused", "vārds jau ir komanda" in text_of("#inbox-notice"),
          text_of("#inbox-notice"))
    driver.find_element(By.ID, "teach-species-word").send_keys("smilgas")
    Select(driver.find_element(By.ID, "teach-species-target")).select_by_value("quercus_robur")
    click("teach-species")
    check("inbox_teach_done", "Vārds iemācīts" in text_of("#inbox-notice"))
    go("/inbox/words")
    words = text_of("#taught")
    check("inbox_taught_listed_with_author", "smilgas" in words and "web:coord" in words, words)
    shot("inbox_words")

    # Reģistrēt kā stādījumu: prefilled with what the parser found
    go("/inbox/text?id=%d" % ozols)
    check("inbox_register_prefilled_count", driver.find_element(By.ID, "reg-count").get_attribute("value") == "5")
    check("inbox_register_prefilled_species",
          Select(driver.find_element(By.ID, "reg-species")).first_selected_option.get_attribute("value") == "quercus_robur")
    place = driver.find_element(By.ID, "reg-place")
    place.clear()
    place.send_keys("Cēsis")
    click("reg-save")
    check("inbox_register_notice", "Reģistrēts kā stādījums" in text_of("#inbox-notice"))
    out.write("registered\t%d\n" % ozols)

    # Atzīmēt kā izskatītu
    q = row_of("ČAUKSTS")
    go("/inbox/text?id=%d" % q)
    click("resolve")
    check("inbox_resolved_leaves", "Atzīmēts kā izskatīts" in text_of("#inbox-notice") and row_of("ČAUKSTS") == 0)
    out.write("resolved\t%d\n" % q)

    # Moderēšana: a report waiting for the volunteer's answer, registered as guessed
    go("/moderation")
    waiting = text_of("#waiting")
    check("moderation_lists_waiting", "1300 LIEPA" in waiting and "1200" not in waiting, waiting)
    shot("moderation_waiting")
    driver.set_window_size(390, 844)
    sw, vw = driver.execute_script("var w = document.getElementById('waiting');"
                                   " return [w ? w.scrollWidth : 99999, window.innerWidth]")
    check("phone_width_moderation_waiting", sw <= vw, (sw, vw))
    driver.set_window_size(1280, 1000)
    keep = driver.find_elements(By.CSS_SELECTOR, "#waiting button[id^='settle-keep-']")
    if keep:
        click(keep[0].get_attribute("id"))
    check("moderation_settled_notice", "reģistrēts kā minēts" in text_of("#inbox-notice"))

    # pages at a phone's width: nothing wider than the viewport
    driver.set_window_size(390, 844)
    for path in ("/inbox", "/inbox/text?id=%d" % smilgas, "/inbox/words"):
        go(path)
        sw, vw = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        check("phone_width%s" % path.split("?")[0].replace("/", "_"), sw <= vw, (path, sw, vw))
    driver.set_window_size(1280, 1000)

    # a viewer: no inbox in the menu, 403 on the page, the journal for admins only
    login("view", "viewer pass 123")
    go("/overview")
    check("viewer_no_inbox_nav", "Iesūtne" not in text_of("header nav") and "Žurnāls" not in text_of("header nav"))
    go_refused("/inbox")
    check("viewer_inbox_forbidden", "nav atļauta" in text_of("main"))
    go_refused("/journal")
    check("viewer_journal_forbidden", "nav atļauta" in text_of("main"))
    drain()
    login("coord", "coordinator pass 1")
    go("/overview")
    check("coordinator_no_journal_nav", "Žurnāls" not in text_of("header nav"))
    st = driver.execute_script("return fetch('/journal').then(r => r.status)")
    check("coordinator_journal_403", st == 403, st)
    post = ("return fetch(arguments[0], {method: 'POST', headers: {'Content-Type':"
            " 'application/x-www-form-urlencoded'}, body: arguments[1]}).then(r => r.status)")
    st = driver.execute_script(post, "/inbox/reply", "id=%d&text=x" % smilgas)
    check("inbox_post_without_csrf_403", st == 403, st)
    st = driver.execute_script(post, "/sms-count", "text=x")
    check("sms_count_without_csrf_403", st == 403, st)
    drain()

    # Žurnāls: who did what, filtered; refused sign-ins; CSV
    login("boss", "correct horse battery")
    go("/journal")
    check("journal_nav_item", "Žurnāls" in text_of("header nav"))
    j = text_of("#journal")
    check("journal_refused_signin", "pieteikšanās atteikta" in j, j[:300])
    check("journal_inbox_actions", all(a in j for a in ("atbildēja no iesūtnes", "iemācīja vārdu",
                                                        "reģistrēja no iesūtnes", "atzīmēja kā izskatītu")), j[:600])
    check("journal_no_text_words", "Smilgas nav" not in j and "SMILGAS" not in j and "smilgas" not in j)
    shot("journal")
    Select(driver.find_element(By.ID, "action")).select_by_value("inbox_reply")
    click("journal-apply")
    rows = driver.find_elements(By.CSS_SELECTOR, "#journal tbody tr")
    check("journal_filter_by_action", len(rows) == 1 and "web:coord" in rows[0].text, [r.text for r in rows])
    href = driver.find_element(By.ID, "journal-csv").get_attribute("href")
    csv = driver.execute_script("return fetch(arguments[0]).then(r => r.text())", href)
    check("journal_csv", csv.startswith("at,actor,action,subject,detail") and csv.count("inbox_reply") == 1
          and "web_login" not in csv, csv[:300])
    driver.set_window_size(390, 844)
    go("/journal")
    sw, vw = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check("phone_width_journal", sw <= vw, (sw, vw))
    driver.set_window_size(1280, 1000)
    check("no_console_errors", not console, console[:5])
finally:
    out.close()
    web.quit()
sys.exit(web.status())
