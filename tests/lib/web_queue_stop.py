"""web_queue_stop.py: Sūtīt ziņu out of the blue and what STOP, Izslēgt and DZĒST do to
such a message still waiting, in real Chromium, run by tests/scenario/web_queue_stop.sh
against a running `talka run` whose modem is at its daily cap (so the messages
wait). Two phases:
  send ID... [--off ID]       writes a message to each volunteer ID on their
                              page (each must be told the message waits), then
                              turns reminders off on the dashboard for the ID
                              after --off (written to as well);
  look ID=STATE...            the conversation on ID's page shows the message
                              it was sent in STATE (a Latvian word: atcelta,
                              rindā, nosūtīta).
Prints "ok NAME" / "not ok NAME"; exit status 1 when a check failed.
usage: web_queue_stop.py BASE_URL SHOTS_DIR send|look ARGS..."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402
from web_driver import Web  # noqa: E402

BASE, SHOTS, PHASE, ARGS = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
web = Web(BASE, SHOTS)
driver, check, text_of = web.driver, web.check, web.text_of
MESSAGE = "Sveiki! Sestdien talka pie Cēsu pils, nāciet (%s)."


def page(vid):
    driver.get("%s/volunteer?id=%s" % (BASE, vid))
    web.drain_console("/volunteer?id=" + vid)


def send(vid, text):
    page(vid)
    check("stop_%s_message_waits_hint" % vid, "gaidīs" in text_of("#message-when"), text_of("#message-when"))
    driver.find_element(By.ID, "message").send_keys(text)
    driver.find_element(By.ID, "message-send").click()
    note = web.wait_text(".notice", lambda t: bool(t))
    check("stop_%s_message_waits" % vid, "gaida sūtīšanas laiku" in note, note)


def turn_off(vid):
    page(vid)
    driver.find_element(By.ID, "reminders-toggle").click()
    check("stop_%s_reminders_off" % vid, "izslēgti" in web.wait_text("#reminders", lambda t: "izslēgti" in t))


def state_of(vid):
    """the state shown beside the staff message in vid's conversation"""
    page(vid)
    for li in driver.find_elements(By.CSS_SELECTOR, "#conversation li.out"):
        if MESSAGE % vid in li.text:
            return li.find_element(By.CSS_SELECTOR, ".meta").text
    return "(no such message: %s)" % text_of("#conversation")


try:
    web.login("coord", "coordinator pass 1")
    if PHASE == "send":
        off = ARGS[ARGS.index("--off") + 1] if "--off" in ARGS else None
        for vid in [a for a in ARGS if a != "--off"]:
            send(vid, MESSAGE % vid)
        if off:
            turn_off(off)
    else:
        for a in ARGS:
            vid, want = a.split("=", 1)
            meta = state_of(vid)
            check("stop_%s_conversation_shows_%s" % (vid, want), want in meta and "no koordinatora" in meta, meta)
        web.shot("volunteer_stop")
    check("stop_%s_no_console_errors" % PHASE, not web.console, web.console[:3])
finally:
    web.quit()
sys.exit(web.status())
