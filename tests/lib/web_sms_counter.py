"""web_sms_counter.py: the dashboard's one SMS counter (POST /sms-count,
assets/sms_counter.js) on every page that has one, in real Chromium, run by
tests/scenario/web_sms_counter.sh against a running `talka run`: Atbildēt in the
inbox, Sūtīt ziņu, the three language boxes of Atgādinājumi and the reject
preview. Each counter is given the same texts: GSM-7 (160 in one part, 153 a
part once longer, "€" two septets), a Latvian "ā" or a Cyrillic "ж" (Unicode: 70,
then 67 a part), an invisible format character (stripped, as sent). What it must
show is worked out here by GSM 03.38 (an independent copy of the rule, checked
against gateway/base/sms_text.c's answers on the same strings). Prints "ok NAME" /
"not ok NAME"; exit status 1 when a check failed.
usage: web_sms_counter.py BASE_URL SHOTS_DIR INBOX_TEXT_ID VOLUNTEER_ID REPORT_NO"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from web_driver import Web  # noqa: E402

BASE, SHOTS, INBOX_ID, VOL_ID, REPORT = sys.argv[1:6]
web = Web(BASE, SHOTS)
driver, check = web.driver, web.check

# GSM 03.38: the default alphabet's characters outside printable ASCII, and the
# extension table (two septets each)
GSM_EXTRA = set("£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r")
GSM_EXT = set("^{}\\[]~|€\f")
FORMAT = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff"} | \
    {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x2070)}


def expected(text):
    """(chars, parts, encoding, per_part) of text as the counter must show it"""
    text = "".join(c for c in text if c not in FORMAT)
    if all((" " <= c <= "~" and c != "`") or c in GSM_EXTRA or c in GSM_EXT for c in text):
        units, one, many, enc = sum(2 if c in GSM_EXT else 1 for c in text), 160, 153, "gsm7"
    else:
        units, one, many, enc = sum(2 if ord(c) > 0xFFFF else 1 for c in text), 70, 67, "ucs2"
    per = one if units <= one else many
    return len(text), (units + per - 1) // per if text else 0, enc, per


def shown(e):
    chars, parts, enc, per = e
    word = "SMS daļa" if parts == 1 else "SMS daļas"
    return "%d zīmes · %d %s (%s: %d daļā)" % (chars, parts, word, "Unicode" if enc == "ucs2" else "GSM-7", per)


def counter_of(out_id):
    el = driver.find_element(By.ID, out_id)
    d = el.get_attribute
    return (int(d("data-chars") or -1), int(d("data-parts") or -1), d("data-encoding"),
            int(d("data-per-part") or -1)), el.text


def settle(out_id, want):
    """the counter once it shows want (the answer to the whole text), else as it is"""
    try:
        WebDriverWait(driver, 10).until(lambda _: counter_of(out_id)[0] == want)
    except Exception:
        pass
    return counter_of(out_id)


TEXTS = [
    ("gsm7_one", "Sveiki! Sestdien talka pie pils, {name}."),
    ("gsm7_160", "x" * 160),
    ("gsm7_153", "x" * 161),
    ("euro_two_septets", "€" * 81),               # 81 characters, 162 septets: 2 parts
    ("latvian_a_unicode_70", "Sestdien talkā pie pils."),
    ("cyrillic_unicode_67", "ж" * 71),
    ("format_char_stripped", "Labdien\u200b, talka sestdien."),
]


def type_into(box_id, text):
    box = driver.find_element(By.ID, box_id)
    box.clear()
    if all(c not in FORMAT for c in text):
        box.send_keys(text)
    else:   # an invisible character cannot be typed by WebDriver: set it and say so
        driver.execute_script("arguments[0].value = arguments[1];"
                              " arguments[0].dispatchEvent(new Event('input'))", box, text)


def box_cases(page, box_id, out_id):
    for name, text in TEXTS:
        type_into(box_id, text)
        want = expected(text)
        got, label = settle(out_id, want)
        check("%s_%s" % (page, name), got == want and label == shown(want), (text[:30], got, label, want))


try:
    web.login("coord", "coordinator pass 1")
    # the oracle agrees with the server's rule on the same strings
    post = ("return fetch('/sms-count', {method: 'POST', headers: {'Content-Type':"
            " 'application/x-www-form-urlencoded'}, body: 'csrf=' + encodeURIComponent(arguments[0])"
            " + '&text=' + encodeURIComponent(arguments[1])}).then(r => r.json())")
    driver.get(BASE + "/volunteer?id=" + VOL_ID)
    csrf = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    server = [driver.execute_script(post, csrf, t) for _, t in TEXTS]
    check("oracle_agrees_with_sms_text_c",
          [(d["chars"], d["parts"], d["encoding"], d["per_part"]) for d in server] == [expected(t) for _, t in TEXTS],
          server)
    st = driver.execute_script("return fetch('/api/sms-count', {method: 'POST', headers: {'Content-Type':"
                               " 'application/x-www-form-urlencoded'}, body: 'csrf=' + encodeURIComponent("
                               "arguments[0]) + '&text=x'}).then(r => r.status)", csrf)
    check("one_endpoint_no_api_sms_count", st == 404, st)
    web.forget_console()   # that 404 was asked for

    driver.get(BASE + "/inbox/text?id=" + INBOX_ID)
    box_cases("inbox_reply", "reply-text", "reply-count")
    driver.get(BASE + "/volunteer?id=" + VOL_ID)
    box_cases("message", "message", "message-count")
    driver.get(BASE + "/broadcasts")
    for box in ("text", "text_ru", "text_en"):
        box_cases("broadcast_" + box, box, box + "-count")
    web.shot("broadcast_counters")

    # the reject preview counts the SMS the rejection sends, reason included
    driver.get(BASE + "/moderation/report?n=" + REPORT)
    preview = ("return fetch('/moderation/reject-preview', {method: 'POST', headers: {'Content-Type':"
               " 'application/x-www-form-urlencoded'}, body: 'csrf=' + encodeURIComponent(arguments[0])"
               " + '&n=' + arguments[1] + '&reason=' + encodeURIComponent(arguments[2])}).then(r => r.json())")
    csrf = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    for name, reason in (("ascii", "foto nav skaidrs"), ("extension", "foto {nav} skaidrs"),
                         ("cyrillic", "фото нечёткое")):
        box = driver.find_element(By.ID, "reason")
        box.clear()
        box.send_keys(reason)
        sms = driver.execute_script(preview, csrf, REPORT, reason)["sms"]   # the exact SMS
        want = expected(sms)
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "reject-sms").text == sms
                                            and counter_of("reject-count")[0] == want)
        except Exception:
            pass
        got, label = counter_of("reject-count")
        check("reject_preview_%s" % name, reason in sms and got == want and label == shown(want),
              (sms[:60], got, label, want))

    # in English the same counter speaks English
    driver.get(BASE + "/volunteer?id=" + VOL_ID)
    driver.find_element(By.CSS_SELECTOR, "a.lang").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    # the switch comes back to the same volunteer (it went to /volunteer without ?id=: a 404)
    check("language_switch_keeps_the_page", driver.current_url == BASE + "/volunteer?id=" + VOL_ID
          and bool(driver.find_elements(By.ID, "message")), driver.current_url)
    type_into("message", "ж" * 71)
    got, label = settle("message-count", expected("ж" * 71))
    check("message_english", label == "71 characters · 2 SMS parts (Unicode: 67 a part)", label)
    web.drain_console("counters")
    check("counters_no_console_errors", not web.console, web.console[:3])
finally:
    web.quit()
sys.exit(web.status())
