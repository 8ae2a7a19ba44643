"""ussd_client.py: a test client for talka's USSD endpoint (the aggregator form
convention) and the screen-size rules, shared by the USSD scenario tests and the
benchmark. Python 3 standard library only."""
import http.client
import re
import sys
import urllib.parse

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXT = set("^{}\\[]~|€\f")


failed = 0   # 1 once a check() failed: a walk script's exit status


def check(name, cond, detail=""):
    """Prints "ok NAME" or "not ok NAME" with the detail under it."""
    global failed
    print(("ok " if cond else "not ok ") + name)
    if not cond:
        failed = 1
        print("    " + repr(detail))


def gsm7_septets(text):
    """septets of text in GSM-7, or None when a character is outside it"""
    n = 0
    for ch in text:
        if ch in GSM7_BASIC:
            n += 1
        elif ch in GSM7_EXT:
            n += 2
        else:
            return None
    return n


def screen_problem(text, lang, translit=False):
    """None when the screen (without CON/END) fits its language's rule, else why"""
    if lang == "ru" and not translit:
        units = len(text.encode("utf-16-le")) // 2
        return None if units <= 70 else "%d UCS-2 characters > 70" % units
    n = gsm7_septets(text)
    if n is None:
        bad = [c for c in text if c not in GSM7_BASIC and c not in GSM7_EXT]
        return "not GSM-7: %r" % "".join(bad[:5])
    return None if n <= 160 else "%d GSM-7 characters > 160" % n


# Words of the informal register (and Russian "очки" for points): no USSD screen
# may use them (issue 23 item 11: "Jūs", "Вы", one Russian word for points: баллы).
INFORMAL = {
    "lv": re.compile(r"\b(tu|tev|tevi|tavs|tava|tavi|tavas|tavu|taviem|sut[iī]|atbildi|"
                     r"izv[eē]lies|ieraksti|zvani|m[eē][gģ]ini)\b", re.I),
    "ru": re.compile(r"\b(ты|тебя|тебе|твой|твоя|твои|твоих|очки|очков|очка|"
                     r"ty|tebya|tebe|tvoi|tvoj|ochki|ochkov)\b", re.I),
}


def informal(text, lang):
    """the first informal word of a screen in lang, or None"""
    m = INFORMAL[lang].search(text) if lang in INFORMAL else None
    return "informal: " + m.group(0) if m else None


class Client:
    """one keep-alive connection; post() returns (status, body)"""

    def __init__(self, port, key, path="/ussd", timeout=15):
        self.port, self.key, self.path, self.timeout = port, key, path, timeout
        self.conn = None

    def _conn(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        return self.conn

    def raw(self, method, target, body=None, headers=None):
        for attempt in (0, 1):
            try:
                c = self._conn()
                c.request(method, target, body=body, headers=headers or {})
                r = c.getresponse()
                data = r.read().decode("utf-8", "replace")
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                return r.status, data
            except (http.client.HTTPException, ConnectionError, OSError):
                self.close()
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def post(self, session, phone, text, key=None, fields=None):
        form = {"sessionId": session, "serviceCode": "*123*8733#", "phoneNumber": phone,
                "networkCode": "LMT", "text": text}
        if fields is not None:
            form = fields
        k = self.key if key is None else key
        target = self.path + ("?" + urllib.parse.urlencode({"key": k}) if k != "" else "")
        return self.raw("POST", target, urllib.parse.urlencode(form),
                        {"Content-Type": "application/x-www-form-urlencoded"})

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Walk:
    """a handset session: send(input) appends to the trail like an aggregator"""

    def __init__(self, client, session, phone):
        self.c, self.session, self.phone = client, session, phone
        self.trail = None
        self.answers = []

    def start(self):
        self.trail = ""
        return self._post()

    def send(self, inp):
        self.trail = inp if self.trail == "" else self.trail + "*" + inp
        return self._post()

    def repeat(self):
        return self._post()

    def _post(self):
        status, body = self.c.post(self.session, self.phone, self.trail)
        self.answers.append((status, body))
        return status, body


if __name__ == "__main__":
    # ussd_client.py PORT KEY SESSION PHONE [INPUT...]: prints each answer
    port, key, session, phone = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    w = Walk(Client(port, key), session, phone)
    print(*w.start())
    for i in sys.argv[5:]:
        print(*w.send(i))
