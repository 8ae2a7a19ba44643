"""web_driver.py: the one Chromium set-up and sign-in for the dashboard's browser
tests (tests/lib/web_browser.py, web_inbox.py, web_people.py): Debian's chromium
and chromium-driver through python3-selenium, headless, Latvian, 1280 x 1000.
Web(BASE, SHOTS) starts the browser; its check() prints "ok NAME" / "not ok NAME"
and remembers a failure for status(); shot() saves a screenshot and the smaller
copy docs/img uses; text_of() waits for an element; login() signs in from a
clean session; drain_console() keeps the console errors seen so far in .console.
A script imports it with sys.dont_write_bytecode set (no __pycache__ in tests/)."""
import base64
import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,1000", "--lang=lv", "--no-first-run", "--disable-extensions",
        "--password-store=basic")


class Web:
    def __init__(self, base, shots):
        self.base, self.shots = base, shots
        self.failed = False
        self.console = []          # "where: message" of every console error seen
        opts = webdriver.ChromeOptions()
        for a in ARGS:
            opts.add_argument(a)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        opts.binary_location = "/usr/bin/chromium"
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        self.driver.set_page_load_timeout(30)
        self.wait = WebDriverWait(self.driver, 15)

    def check(self, name, cond, detail=""):
        print(("ok " if cond else "not ok ") + name, flush=True)
        if not cond:
            self.failed = True
            if detail:
                print("    " + str(detail)[:400], flush=True)

    def status(self):
        """the helper's exit status: 1 when a check failed"""
        return 1 if self.failed else 0

    def quit(self):
        self.driver.quit()

    def shot(self, name, width=1280):
        """the whole page (not only the window) under SHOTS, and a copy at 0.6
        under SHOTS/small for docs/img (docs/dashboard.md)"""
        d = self.driver
        d.set_window_size(width, 1000)
        h = d.execute_script("return document.documentElement.scrollHeight")
        d.set_window_size(width, max(800, min(int(h) + 40, 3000)))
        d.save_screenshot(os.path.join(self.shots, name + ".png"))
        d.execute_script("window.scrollTo(0, 0)")   # the copy from the top, even after a click below
        w, h = d.execute_script("return [document.documentElement.scrollWidth,"
                                " Math.min(document.documentElement.scrollHeight, 1400)]")
        small = d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "clip": {"x": 0, "y": 0, "width": w, "height": h, "scale": 0.6}})
        os.makedirs(os.path.join(self.shots, "small"), exist_ok=True)
        with open(os.path.join(self.shots, "small", name + ".png"), "wb") as f:
            f.write(base64.b64decode(small["data"]))
        d.set_window_size(1280, 1000)

    def text_of(self, css, timeout=10, quiet=False):
        """the first match's text once it is there (the page after a click may
        still be loading on a busy machine), else "" and, unless quiet, a note
        with what the page showed instead"""
        d = self.driver
        try:
            WebDriverWait(d, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
        except Exception:
            pass
        found = d.find_elements(By.CSS_SELECTOR, css)
        if not found:
            if not quiet:
                main = d.find_elements(By.TAG_NAME, "main")
                print("    (no %s on %s: %s)" % (css, d.current_url, main[0].text[:400] if main else ""))
            return ""
        return found[0].text

    def wait_text(self, css, pred, timeout=10):
        """the text of css once pred(text) holds, else as it is after timeout"""
        try:
            WebDriverWait(self.driver, timeout).until(lambda d: pred(self.text_of(css, 1, True)))
        except Exception:
            pass
        return self.text_of(css, 1, True)

    def drain_console(self, where):
        for e in self.driver.get_log("browser"):
            if e.get("level") == "SEVERE":
                self.console.append("%s: %s" % (where, e.get("message")))

    def forget_console(self):
        """a refusal on purpose (401, 403) logs a console error: forget it"""
        self.driver.get_log("browser")

    def login(self, name, password):
        """signs in from a clean session and waits for the page it leads to"""
        d = self.driver
        d.delete_all_cookies()
        d.get(self.base + "/login")
        self.drain_console("/login")
        d.find_element(By.ID, "username").send_keys(name)
        d.find_element(By.ID, "password").send_keys(password)
        d.find_element(By.ID, "login").click()
        self.wait.until(lambda d: "/login" not in d.current_url)
        self.drain_console(d.current_url)
