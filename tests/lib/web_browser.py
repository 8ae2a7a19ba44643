"""web_browser.py: the dashboard in a real browser (Debian's chromium and
chromium-driver through python3-selenium), run by tests/scenario/web_browser.sh
against a running `talka run`. Prints "ok NAME" / "not ok NAME" lines, saves a
screenshot of every page under SHOTS, and writes what the shell checks next
(the SMS the approval sends) to OUT.
usage: web_browser.py BASE_URL SHOTS_DIR OUT_FILE ACCEPTED_TREES"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402
from web_driver import Web  # noqa: E402

BASE, SHOTS, OUT, ACCEPTED = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
web = Web(BASE, SHOTS)
driver, wait, check, shot, text_of, login = web.driver, web.wait, web.check, web.shot, web.text_of, web.login


try:
    # an unknown visitor lands on the login form, which has the standard fields
    driver.get(BASE + "/moderation")
    check("browser_redirect_to_login", "/login" in driver.current_url, driver.current_url)
    check("browser_login_autocomplete",
          driver.find_element(By.ID, "username").get_attribute("autocomplete") == "username" and
          driver.find_element(By.ID, "password").get_attribute("autocomplete") == "current-password")
    shot("login")
    driver.find_element(By.ID, "username").send_keys("coord")
    driver.find_element(By.ID, "password").send_keys("wrong password!")
    driver.find_element(By.ID, "login").click()
    check("browser_wrong_password_message", "Nepareizs" in text_of("#login-error"))
    driver.find_element(By.ID, "username").send_keys("coord")
    driver.find_element(By.ID, "password").send_keys("coordinator pass 1")
    driver.find_element(By.ID, "login").click()
    wait.until(lambda d: "/login" not in d.current_url)
    check("browser_login_back_to_page", driver.current_url.endswith("/moderation"), driver.current_url)

    # overview: the same totals as `talka stats`
    driver.get(BASE + "/overview")
    check("browser_overview_accepted_matches_stats", text_of("#fig-accepted") == ACCEPTED,
          (text_of("#fig-accepted"), ACCEPTED))
    check("browser_overview_map_dots", len(driver.find_elements(By.CSS_SELECTOR, "svg.map circle")) >= 2)
    rows = driver.find_elements(By.CSS_SELECTOR, "#by-municipality tbody tr")
    check("browser_overview_municipalities", len(rows) >= 2)
    # sorting by the trees column puts the smallest first
    driver.find_element(By.CSS_SELECTOR, "#by-municipality th:nth-child(2)").click()
    first = driver.find_element(By.CSS_SELECTOR, "#by-municipality tbody tr td:nth-child(2)").text
    check("browser_overview_sortable", int(first) == min(int(r.find_elements(By.TAG_NAME, "td")[1].text)
                                                          for r in driver.find_elements(By.CSS_SELECTOR, "#by-municipality tbody tr")))
    shot("overview")

    # moderation: approve report 1, the exact SMS shown first
    driver.get(BASE + "/moderation")
    shot("moderation")
    driver.find_element(By.CSS_SELECTOR, "a[href='/moderation/report?n=1']").click()
    raw = text_of("#raw-text")
    check("browser_report_raw_text", "KOKS 500" in raw, raw)
    sms = text_of("#approve-sms")
    check("browser_report_sms_preview", "500" in sms, sms)
    shot("report")
    driver.find_element(By.ID, "approve").click()
    note = text_of(".notice.ok")
    check("browser_approved", "1" in note and sms in note, note)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(sms + "\n")

    # reject report 2 with a reason, the preview following the typing
    driver.get(BASE + "/moderation/report?n=2")
    driver.find_element(By.ID, "reason").send_keys("foto nav skaidrs")
    preview = text_of("#reject-sms")
    check("browser_reject_preview_has_reason", "foto nav skaidrs" in preview, preview)
    driver.find_element(By.ID, "reject").click()
    note = text_of(".notice.ok")
    check("browser_rejected", "foto nav skaidrs" in note, note)
    with open(OUT, "a", encoding="utf-8") as f:
        f.write(preview + "\n")

    # compose, preview and schedule a broadcast
    driver.get(BASE + "/broadcasts")
    # the audience controls left as they are: everyone (the segment field is advanced)
    driver.find_element(By.ID, "text").send_keys("Sveiki, {name}! Sestdien stadam kokus Cesis.")
    driver.find_element(By.ID, "name").send_keys("sestdienas talka")
    driver.find_element(By.ID, "preview").click()
    recipients = text_of("#plan-recipients")
    check("browser_broadcast_preview_recipients", recipients.isdigit() and int(recipients) >= 3, recipients)
    check("browser_broadcast_sample_rendered", "{name}" not in text_of("#sample"), text_of("#sample"))
    shot("broadcast_preview")
    driver.find_element(By.ID, "schedule").click()
    check("browser_broadcast_scheduled", "sestdienas talka" in text_of("#broadcast-list"))
    shot("broadcasts")

    # search a volunteer and read the conversation
    driver.get(BASE + "/volunteers")
    driver.find_element(By.ID, "q").send_keys("26000001")
    driver.find_element(By.ID, "search").click()
    driver.find_element(By.CSS_SELECTOR, "#results a").click()
    conv = text_of("#conversation")
    check("browser_conversation_in", "KOKS 12 OZOLS Cesis" in conv, conv)
    check("browser_conversation_out", "Paldies" in conv, conv)
    shot("volunteer")

    driver.get(BASE + "/health")
    check("browser_health_modem", "gammu" in text_of("#modems"))
    shot("health")
    driver.get(BASE + "/downloads")
    shot("downloads")

    # English, then the admin's accounts page
    driver.find_element(By.CSS_SELECTOR, "a.lang").click()
    check("browser_english", "Downloads" in driver.find_element(By.TAG_NAME, "h1").text)
    driver.get(BASE + "/overview")
    shot("overview_en")
    driver.find_element(By.CSS_SELECTOR, ".me button").click()
    wait.until(lambda d: "/login" in d.current_url)
    login("boss", "correct horse battery")
    driver.get(BASE + "/accounts")
    check("browser_accounts_list", "coord" in text_of("#accounts"))
    shot("accounts")
finally:
    web.quit()
sys.exit(web.status())
