#!/usr/bin/env python3
"""atmodem.py: an AT-command GSM modem on a pseudo-terminal, for testing talka
(and anything else built on libgammu's `at` driver) without a USB stick.

It behaves like one device of a real family (see PROFILES: a plain modem, a
SIMCom SIM800, a Huawei E173): identification, SIM PIN, signal, network, SMSC,
PDU-mode SMS in a SIM with a fixed number of slots, +CNMI/+CMTI notices,
status reports, +CMGS with the "> " prompt and Ctrl-Z, and +CUSD. Anything it
does not know is answered ERROR (+CME ERROR: 4 after AT+CMEE=1), as a real
modem does. Python 3 standard library only; the PDU codec is pdu.py beside it.

  atmodem.py --link PATH --state DIR [--slots N] [--profile NAME] [--pin CODE]

- PATH becomes a symlink to the pty; DIR/ready is written once it answers;
  SIGTERM (or SIGINT) removes the link and exits 0.
- DIR/incoming/: each file (taken in name order, then removed; names starting
  with "." are left alone, so write FILE.tmp and rename it) holds lines, each
  the hex of one SMS-DELIVER PDU with its SMSC field, as AT+CMGR prints it.
  Each becomes one stored message announced with +CMTI. A SIM that is full
  leaves the rest "in the network" until slots free up. Extension: a line
  "read:HEX", "unsent:HEX" or "sent:HEX" puts a message on the SIM as an old
  phone left it (any PDU, no notice).
- DIR/sent.log: every PDU accepted through +CMGS, one hex line as the host sent
  it (SMSC field first); answered "+CMGS: <mr>".
- DIR/faults: each line is acted on once:
    hang SECONDS [send|sent]  stop answering from the next command on (with
                              "send": from the next AT+CMGS, before the
                              prompt; with "sent": right after the next PDU is
                              accepted and logged, before "+CMGS:")
    cms_error CODE            the next +CMGS fails with +CMS ERROR: CODE
    unplug SECONDS            the device disappears, comes back at the same PATH
    garbage                   a burst of line noise
    pin                       the SIM asks for its PIN from the next (re)connection
    report STATUS             the next status report carries TP-Status STATUS
- DIR/ussd (optional): lines "CODE ANSWER" for +CUSD; ANSWER "-" means the
  network does not support the code. Without the file *245# and *100# answer
  a balance.
- DIR/conversation.log: every command and answer, with times.
- DIR/state.json: slots used, messages waiting in the network, status reports
  (and delayed answers) due, sends, PIN state.
"""
import argparse
import errno
import fcntl
import json
import os
import random
import re
import select
import signal
import sys
import termios
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdu  # noqa: E402

TIOCNXCL = getattr(termios, "TIOCNXCL", 0x540D)

# Each profile imitates one device family, from its AT command manual.
PROFILES = {
    # The least quirky path through libgammu: a model string no table knows.
    "generic": dict(
        manufacturer="EmuCorp", model="EMU1000", revision="EMU1000_V1.0.0",
        ati=["EmuCorp EMU1000", "Revision: EMU1000_V1.0.0"], first_index=1,
        encoded_ussd=False, boot_urcs=[], periodic_urcs=[], vendor_ok=[],
        cnmi="(0-2),(0-3),(0,2),(0-2),(0,1)",
        csq=21, operator=("LMT", "24701"), send_delay=0.0, report_delay=1.0),
    # SIMCom SIM800 (SIM800 Series AT Command Manual V1.09): 1-based SIM
    # indexes, "RDY"/"Call Ready"/"SMS Ready" after power-up, status reports
    # only straight to the host (+CNMI ds 0-1: +CDS, never stored).
    "sim800": dict(
        manufacturer="SIMCOM_Ltd", model="SIMCOM_SIM800", revision="Revision:1418B04SIM800C24",
        ati=["SIM800 R14.18"], first_index=1, encoded_ussd=False,
        boot_urcs=["RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"],
        periodic_urcs=[], vendor_ok=["AT+CSCLK", "AT+CLTS"],
        cnmi="(0-3),(0-3),(0,2),(0,1),(0,1)",
        csq=18, operator=("LMT", "24701"), send_delay=0.0, report_delay=1.0),
    # Huawei E173 (HUAWEI UMTS Datacard AT Command Interface Specification):
    # 0-based SIM indexes, USSD as packed GSM-7 hex, ^RSSI/^BOOT/^MODE lines on
    # the command port until AT^CURC=0, no battery (+CBC unsupported).
    "e173": dict(
        manufacturer="huawei", model="E173", revision="11.126.85.00.209",
        ati=["Manufacturer: huawei", "Model: E173", "Revision: 11.126.85.00.209",
             "IMEI: 354806040123456", "+GCAP: +CGSM,+DS,+ES"], first_index=0,
        encoded_ussd=True, boot_urcs=["^BOOT:27710117,0,0,0,75"],
        periodic_urcs=["^RSSI:17", "^BOOT:27710117,0,0,0,75", "^MODE:5,4"],
        vendor_ok=["AT^CURC", "AT^PORTSEL", "AT^U2DIAG", "AT^SYSCFG"],
        cnmi="(0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)",
        csq=17, operator=("LMT", "24701"), send_delay=0.0, report_delay=1.0),
}

CME_TEXT = {3: "operation not allowed", 4: "operation not supported", 10: "SIM not inserted",
            11: "SIM PIN required", 12: "SIM PUK required", 16: "incorrect password",
            30: "no network service"}
STATS = {"unread": 0, "read": 1, "unsent": 2, "sent": 3}
DEFAULT_USSD = {"*245#": "Atlikums: 4.20 EUR. Derigs lidz 31.12.2027.",
                "*100#": "Atlikums: 4.20 EUR. Derigs lidz 31.12.2027."}


class Modem:
    def __init__(self, args):
        self.link = args.link
        self.dir = args.state
        self.p = PROFILES[args.profile]
        self.profile = args.profile
        self.pin_code = args.pin
        self.nslots = args.slots
        self.slots = [None] * self.nslots        # {"stat": n, "pdu": hex}
        self.network = []                        # waiting: (stat or None, hex, kind)
        self.mr = 0
        self.sends = 0
        self.master = self.slave = None
        self.pty_name = None
        self.plugged = False
        self.replug_at = None
        self.outbuf = b""
        self.events = []                         # (when, fn)
        self.hang_until = None
        self.hang_pending = None                 # (seconds, trigger)
        self.cms_pending = None
        self.report_status = None
        self.pin_pending = False
        self.pin_state = "READY"                 # READY / SIM PIN / SIM PUK
        self.pin_attempts = 3
        self.dirty = True
        self.busy_until = 0.0
        self.last_nxcl = 0.0
        self.last_urc = time.monotonic()
        self.log = open(os.path.join(self.dir, "conversation.log"), "a", buffering=1)
        self.sentlog = open(os.path.join(self.dir, "sent.log"), "a", buffering=1)
        os.makedirs(os.path.join(self.dir, "incoming"), exist_ok=True)
        self.reset()

    # ------------------------------------------------------------ logging
    def note(self, arrow, text):
        t = time.time()
        stamp = time.strftime("%H:%M:%S", time.localtime(t)) + ".%03d" % int(t * 1000 % 1000)
        self.log.write("%s %s %s\n" % (stamp, arrow, text))

    @staticmethod
    def show(b):
        return "".join(c if 32 <= ord(c) < 127 else "<%02X>" % ord(c)
                       for c in b.decode("latin-1"))

    # --------------------------------------------------------- the device
    def reset(self):
        """Power-up state of the modem (the SIM's contents survive)."""
        self.echo = True
        self.cmee = 0
        self.cscs = "GSM"
        self.cnmi = [0, 0, 0, 0, 0]
        self.cusd_enabled = False
        self.creg_n = self.cgreg_n = 0
        self.cops_format = 0
        self.smsc = pdu.DEFAULT_SMSC
        self.inbuf = b""
        self.mode = "cmd"                        # or "pdu" after the > prompt
        self.deferred = []                       # notices held back during the prompt
        self.cmgs_len = 0
        self.curc = bool(self.p["periodic_urcs"])
        if self.pin_pending:
            self.pin_pending = False
            self.pin_state, self.pin_attempts = "SIM PIN", 3
            self.note("!!", "SIM asks for its PIN")

    def plug(self):
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        os.set_blocking(self.master, False)
        self.pty_name = os.ttyname(self.slave)
        os.chmod(self.pty_name, 0o660)
        tmp = self.link + ".tmp%d" % os.getpid()
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        os.symlink(self.pty_name, tmp)
        os.replace(tmp, self.link)
        self.plugged, self.replug_at = True, None
        self.outbuf = b""
        self.reset()
        self.note("--", "plugged in as %s (profile %s)" % (self.pty_name, self.profile))
        for u in self.p["boot_urcs"]:
            self.urc(u)
        self.dirty = True

    def unplug(self, seconds):
        self.note("!!", "unplugged for %s s" % seconds)
        try:
            if os.readlink(self.link) == self.pty_name:
                os.unlink(self.link)
        except OSError:
            pass
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass
        self.master = self.slave = None
        self.plugged = False
        self.hang_until = None
        self.replug_at = time.monotonic() + seconds
        self.dirty = True

    def write(self, data):
        if not self.plugged:
            return
        self.outbuf += data
        if len(self.outbuf) > 1 << 20:           # nobody reads: a real modem drops too
            self.outbuf = self.outbuf[-65536:]
        self.flush()

    def flush(self):
        while self.outbuf and self.plugged:
            try:
                n = os.write(self.master, self.outbuf)
            except BlockingIOError:
                return
            except OSError as e:
                if e.errno in (errno.EIO, errno.EAGAIN):
                    return
                raise
            self.outbuf = self.outbuf[n:]

    def answer(self, lines=(), final="OK"):
        """Information lines then the result code, each as \\r\\n<line>\\r\\n."""
        out = b""
        for ln in lines:
            self.note("->", ln)
            out += b"\r\n" + ln.encode("latin-1") + b"\r\n"
        if final is not None:
            self.note("->", final)
            out += b"\r\n" + final.encode("latin-1") + b"\r\n"
        self.write(out)

    def urc(self, line, extra=None):
        if self.mode == "pdu":                   # never inside the "> " prompt
            self.deferred.append((line, extra))
            return
        if self.hang_until is not None or not self.plugged:
            self.note("..", "(not sent, device %s) %s" % ("hung" if self.plugged else "away", line))
            return
        self.note("->", line)
        out = b"\r\n" + line.encode("latin-1") + b"\r\n"
        if extra is not None:
            self.note("->", extra)
            out += extra.encode("latin-1") + b"\r\n"
        self.write(out)

    def cme(self, code):
        if self.cmee == 0:
            return self.answer(final="ERROR")
        if self.cmee == 2:
            return self.answer(final="+CME ERROR: %s" % CME_TEXT.get(code, code))
        return self.answer(final="+CME ERROR: %d" % code)

    def cms(self, code):
        return self.answer(final="+CMS ERROR: %d" % code)

    # ------------------------------------------------------------- the SIM
    def index(self, i):
        return i + self.p["first_index"]

    def slot_of(self, idx):
        i = idx - self.p["first_index"]
        return i if 0 <= i < self.nslots else None

    def used(self):
        return sum(1 for s in self.slots if s is not None)

    def store(self, stat, hexpdu, kind):
        """Puts a message in the first free slot; False when the SIM is full."""
        for i, s in enumerate(self.slots):
            if s is None:
                self.slots[i] = {"stat": stat if stat is not None else 0, "pdu": hexpdu}
                self.dirty = True
                if stat is None:
                    mt, ds = self.cnmi[1], self.cnmi[3]
                    if self.cnmi[0] != 0:
                        if kind == "report" and ds == 2:
                            self.urc('+CDSI: "SM",%d' % self.index(i))
                        elif kind == "text" and mt in (1, 3):
                            self.urc('+CMTI: "SM",%d' % self.index(i))
                return True
        return False

    def deliver_network(self):
        if not self.plugged or self.pin_state != "READY":
            return
        while self.network:
            stat, hexpdu, kind = self.network[0]
            if kind == "report" and (self.cnmi[3] == 0 or (self.cnmi[3] == 1 and self.cnmi[0] == 0)):
                self.note("..", "status report not routed (AT+CNMI ds=%d), dropped" % self.cnmi[3])
            elif kind == "report" and self.cnmi[3] == 1:
                data = bytes.fromhex(hexpdu)
                self.urc("+CDS: %d" % (len(data) - 1 - data[0]), hexpdu)
            elif kind == "text" and stat is None and self.cnmi[1] == 2 and self.cnmi[0] != 0:
                data = bytes.fromhex(hexpdu)
                self.urc("+CMT: ,%d" % (len(data) - 1 - data[0]), hexpdu)
            elif not self.store(stat, hexpdu, kind):
                return
            self.network.pop(0)
            self.dirty = True

    def take_incoming(self):
        d = os.path.join(self.dir, "incoming")
        try:
            names = sorted(n for n in os.listdir(d) if not n.startswith("."))
        except FileNotFoundError:
            return
        for n in names:
            path = os.path.join(d, n)
            try:
                if os.path.getsize(path) == 0 and time.time() - os.path.getmtime(path) < 2:
                    continue                     # still being written (use FILE.tmp + rename)
                with open(path) as f:
                    lines = f.read().split()
            except OSError:
                continue
            for ln in lines:
                stat = None
                if ":" in ln:
                    word, ln = ln.split(":", 1)
                    stat = STATS.get(word.lower())
                try:
                    data = bytes.fromhex(ln)
                except ValueError:
                    self.note("!!", "%s: not a hex PDU, skipped: %s" % (n, ln[:40]))
                    continue
                if not data or len(data) < 1 + data[0] + 1:
                    self.note("!!", "%s: PDU too short, skipped" % n)
                    continue
                self.network.append((stat, ln.upper(), "text"))
            self.note("--", "network: %s brought %d message(s)" % (n, len(lines)))
            # state.json counts them before the file goes: whoever finds no file
            # (at_pending) then finds them in the network, never nowhere
            self.dirty = True
            self.write_state()
            os.unlink(path)

    # -------------------------------------------------------------- faults
    def take_faults(self):
        path = os.path.join(self.dir, "faults")
        taking = path + ".taking"
        try:
            os.rename(path, taking)
        except FileNotFoundError:
            return
        time.sleep(0.01)
        with open(taking) as f:
            lines = [ln.split() for ln in f if ln.strip()]
        os.unlink(taking)
        for w in lines:
            self.note("!!", "fault: " + " ".join(w))
            try:
                if w[0] == "hang":
                    self.hang_pending = (float(w[1]), w[2] if len(w) > 2 else "next")
                elif w[0] == "cms_error":
                    self.cms_pending = int(w[1])
                elif w[0] == "unplug":
                    if self.plugged:
                        self.unplug(float(w[1]))
                elif w[0] == "garbage":
                    self.garbage()
                elif w[0] == "pin":
                    self.pin_pending = True
                elif w[0] == "report":
                    self.report_status = int(w[1], 0)
                else:
                    self.note("!!", "unknown fault %r ignored" % w[0])
            except (IndexError, ValueError):
                self.note("!!", "bad fault line ignored: %s" % " ".join(w))

    def garbage(self):
        rnd = random.Random()
        noise = bytes(rnd.randrange(256) for _ in range(rnd.randint(16, 48)))
        noise += b"\r\n" + bytes(rnd.choice(b"~^$#@!%&*()0123456789ABCDEF") for _ in range(12))
        noise += b"\r\n"
        self.note("->", "(line noise) " + self.show(noise))
        if self.plugged:
            self.outbuf += noise
            self.flush()

    def start_hang(self, seconds, why):
        self.hang_until = time.monotonic() + seconds
        self.hang_pending = None
        self.note("!!", "hanging for %g s (%s)" % (seconds, why))

    # ------------------------------------------------------------- input
    def feed(self, data):
        if self.hang_until is not None:
            self.note("<-", "(ignored, hung) " + self.show(data))
            return
        self.inbuf += data

    def process(self):
        while self.inbuf and self.hang_until is None and self.plugged:
            if self.mode == "pdu":
                m = re.search(b"[\x1a\x1b]", self.inbuf)
                if not m:
                    return
                body, ctl = self.inbuf[:m.start()], self.inbuf[m.start()]
                self.inbuf = self.inbuf[m.end():]
                self.mode = "cmd"
                self.note("<-", self.show(body) + ("<Ctrl-Z>" if ctl == 0x1A else "<ESC>"))
                if ctl == 0x1B:
                    self.answer()
                else:
                    self.submit(body.decode("latin-1").strip())
                continue
            i = self.inbuf.find(b"\r")
            if i < 0:
                if b"\x1b" in self.inbuf:        # ESC cancels a half-typed line
                    self.inbuf = self.inbuf[self.inbuf.rfind(b"\x1b") + 1:]
                return
            line, self.inbuf = self.inbuf[:i], self.inbuf[i + 1:]
            if b"\x1b" in line:
                line = line[line.rfind(b"\x1b") + 1:]
            line = line.strip(b"\n")
            if not line.strip():
                continue
            self.note("<-", self.show(line))
            if self.hang_pending and (self.hang_pending[1] == "next" or (
                    self.hang_pending[1] == "send" and line.upper().startswith(b"AT+CMGS="))):
                self.start_hang(self.hang_pending[0], "before " + self.show(line))
                self.inbuf = b""
                return
            if self.echo:
                self.write(line + b"\r")
            self.command(line.decode("latin-1"))

    # ------------------------------------------------------------ commands
    def command(self, line):
        if not line[:2].upper() == "AT":
            return                                   # not a command: a modem ignores it
        up = line.upper()
        name = re.match(r"AT([+^$&]?[A-Z]*)", up).group(1)
        rest = line[2 + len(name):]
        sim_needed = name in ("+CPMS", "+CMGL", "+CMGR", "+CMGD", "+CMGS", "+CSCA", "+CIMI",
                              "+CUSD", "+CNUM", "+COPS")
        if sim_needed and self.pin_state != "READY" and rest not in ("=?",):
            code = 11 if self.pin_state == "SIM PIN" else 12
            if name in ("+CPMS", "+CMGL", "+CMGR", "+CMGD", "+CMGS", "+CSCA"):
                return self.cms(311 if code == 11 else 316)
            return self.cme(code)
        h = getattr(self, "at_" + name.replace("+", "p_").replace("^", "v_")
                    .replace("&", "amp_").replace("$", "d_").lower(), None)
        if name == "":
            if rest == "":
                return self.answer()
            h = None
        if h is None:
            if any(up.startswith(v) for v in self.p["vendor_ok"]):
                if up.startswith("AT^CURC"):
                    self.curc = not up.endswith("=0")
                return self.answer()
            if up in ("ATZ", "AT&F", "ATH", "ATH0", "AT+CHUP", "AT+CHUP=?", "ATV1", "ATQ0"):
                return self.answer()
            if up == "ATI":
                return self.answer(self.p["ati"])
            if re.fullmatch(r"ATE[01]?", up):
                self.echo = up != "ATE0"
                if up == "ATE1" and self.pin_pending:
                    self.reset_pin_only()
                return self.answer()
            return self.cme(4)
        try:
            return h(rest)
        except (ValueError, IndexError):
            return self.cme(4) if not name.startswith("+CM") else self.cms(304)

    def reset_pin_only(self):
        self.pin_pending = False
        self.pin_state, self.pin_attempts = "SIM PIN", 3
        self.note("!!", "SIM asks for its PIN")

    def args(self, rest):
        """'=1,"SM",2' -> ['1', 'SM', '2'] (quotes removed)."""
        if not rest.startswith("="):
            raise ValueError
        return [a.strip().strip('"') for a in re.findall(r'"[^"]*"|[^,]+|(?<=,)(?=,)|(?<=,)$',
                                                         rest[1:])]

    def enc(self, s):
        """A string in the current character set (UCS2: hex of UCS-2)."""
        if self.cscs == "UCS2":
            return s.encode("utf-16-be").hex().upper()
        return s

    def dec(self, s):
        if self.cscs == "UCS2" and re.fullmatch(r"([0-9A-Fa-f]{4})*", s):
            return bytes.fromhex(s).decode("utf-16-be", errors="replace")
        return s

    # identification
    def at_p_cgmi(self, rest):
        return self.answer([self.p["manufacturer"]]) if rest == "" else self.cme(4)
    at_p_gmi = at_p_cgmi

    def at_p_cgmm(self, rest):
        return self.answer([self.p["model"]]) if rest == "" else self.cme(4)
    at_p_gmm = at_p_cgmm

    def at_p_cgmr(self, rest):
        return self.answer([self.p["revision"]]) if rest == "" else self.cme(4)
    at_p_gmr = at_p_cgmr

    def at_p_cgsn(self, rest):
        return self.answer(["354806040123456"]) if rest == "" else self.cme(4)
    at_p_gsn = at_p_cgsn

    def at_p_cimi(self, rest):
        return self.answer(["247010123456789"]) if rest == "" else self.cme(4)

    def at_p_cnum(self, rest):
        return self.answer(['+CNUM: ,"%s",145' % self.enc("+37129999999")])

    # settings
    def at_p_cmee(self, rest):
        if rest == "?":
            return self.answer(["+CMEE: %d" % self.cmee])
        if rest == "=?":
            return self.answer(["+CMEE: (0-2)"])
        v = int(self.args(rest)[0])
        if v not in (0, 1, 2):
            raise ValueError
        self.cmee = v
        return self.answer()

    def at_p_cscs(self, rest):
        if rest == "?":
            return self.answer(['+CSCS: "%s"' % self.cscs])
        if rest == "=?":
            return self.answer(['+CSCS: ("GSM","UCS2","IRA")'])
        v = self.args(rest)[0].upper()
        if v not in ("GSM", "UCS2", "IRA"):
            return self.cme(4)
        self.cscs = v
        return self.answer()

    def at_p_cfun(self, rest):
        if rest == "?":
            return self.answer(["+CFUN: 1"])
        if rest == "=?":
            return self.answer(["+CFUN: (0,1,4),(0,1)"])
        a = self.args(rest)
        if a[0] not in ("0", "1", "4"):
            return self.cme(4)
        self.answer()
        if len(a) > 1 and a[1] == "1":               # reset: power-up state again
            self.note("!!", "reset by AT+CFUN=%s" % ",".join(a))
            self.reset()
            for u in self.p["boot_urcs"]:
                self.urc(u)

    def at_p_cpin(self, rest):
        if rest == "?":
            return self.answer(["+CPIN: %s" % self.pin_state])
        if rest == "=?":
            return self.answer()
        a = self.args(rest)
        if self.pin_state == "READY":
            return self.cme(3)
        if self.pin_state == "SIM PUK":
            return self.cme(12)
        if a[0] == self.pin_code:
            self.pin_state = "READY"
            self.note("!!", "PIN accepted")
            self.dirty = True
            return self.answer()
        self.pin_attempts -= 1
        self.note("!!", "wrong PIN, %d attempt(s) left" % self.pin_attempts)
        if self.pin_attempts <= 0:
            self.pin_state = "SIM PUK"
        self.dirty = True
        return self.cme(16)

    def at_p_csq(self, rest):
        return self.answer(["+CSQ: %d,99" % self.p["csq"]]) if rest == "" else self.answer(
            ["+CSQ: (0-31,99),(0-7,99)"])

    def _reg(self, name, n, rest):
        if rest == "?":
            stat = 1 if self.pin_state == "READY" else 0
            if n == 2:
                return self.answer(['%s: 2,%d,"1A2B","00C3F1"' % (name, stat)]), n
            return self.answer(["%s: %d,%d" % (name, n, stat)]), n
        if rest == "=?":
            return self.answer(["%s: (0-2)" % name]), n
        v = int(self.args(rest)[0])
        if v not in (0, 1, 2):
            raise ValueError
        self.answer()
        return None, v

    def at_p_creg(self, rest):
        _, self.creg_n = self._reg("+CREG", self.creg_n, rest)

    def at_p_cgreg(self, rest):
        _, self.cgreg_n = self._reg("+CGREG", self.cgreg_n, rest)

    def at_p_cgatt(self, rest):
        return self.answer(["+CGATT: 1"]) if rest == "?" else self.answer()

    def at_p_cops(self, rest):
        name, code = self.p["operator"]
        if rest == "?":
            if self.cops_format == 2:
                return self.answer(['+COPS: 0,2,"%s",2' % code])
            return self.answer(['+COPS: 0,%d,"%s",2' % (self.cops_format, self.enc(name))])
        if rest == "=?":
            return self.answer(['+COPS: (2,"%s","%s","%s",2),,(0-4),(0-2)' % (
                self.enc(name), self.enc(name), code)])
        a = self.args(rest)
        if a[0] == "3" and len(a) > 1:
            self.cops_format = int(a[1])
        return self.answer()

    def at_p_cclk(self, rest):
        if rest != "?":
            return self.answer()
        t = time.localtime()
        q = (t.tm_gmtoff or 0) // 900
        return self.answer(['+CCLK: "%s%+03d"' % (time.strftime("%y/%m/%d,%H:%M:%S", t), q)])

    def at_p_cbc(self, rest):
        return self.cme(4)

    # SMS settings
    def at_p_csca(self, rest):
        if rest == "?":
            return self.answer(['+CSCA: "%s",145' % self.enc(self.smsc)])
        self.smsc = self.dec(self.args(rest)[0])
        return self.answer()

    def at_p_cmgf(self, rest):
        if rest == "?":
            return self.answer(["+CMGF: 0"])
        if rest == "=?":
            return self.answer(["+CMGF: (0)"])
        return self.answer() if self.args(rest)[0] == "0" else self.cms(303)

    def at_p_csdh(self, rest):
        return self.answer()

    def at_p_csmp(self, rest):
        return self.answer(["+CSMP: 17,167,0,0"]) if rest == "?" else self.answer()

    def at_p_cmms(self, rest):
        return self.answer(["+CMMS: 0"]) if rest == "?" else self.answer()

    def at_p_cnma(self, rest):
        return self.answer()

    def at_p_cpms(self, rest):
        u, t = self.used(), self.nslots
        if rest == "=?":
            return self.answer(['+CPMS: ("SM"),("SM"),("SM")'])
        if rest == "?":
            return self.answer(['+CPMS: "SM",%d,%d,"SM",%d,%d,"SM",%d,%d' % (u, t, u, t, u, t)])
        a = self.args(rest)
        if not a or any(m.upper() != "SM" for m in a):
            return self.cms(302)
        return self.answer(["+CPMS: " + ",".join(["%d,%d" % (u, t)] * 3)])

    def at_p_cnmi(self, rest):
        if rest == "=?":
            return self.answer(["+CNMI: " + self.p["cnmi"]])
        if rest == "?":
            return self.answer(["+CNMI: " + ",".join(map(str, self.cnmi))])
        a = [int(x) if x else 0 for x in self.args(rest)]
        a += [0] * (5 - len(a))
        caps = [set(self.expand(c)) for c in re.findall(r"\(([^)]*)\)", self.p["cnmi"])]
        if any(v not in c for v, c in zip(a, caps)):
            return self.cms(303)
        self.cnmi = a[:5]
        return self.answer()

    @staticmethod
    def expand(spec):
        """'0-2,4' -> [0, 1, 2, 4]"""
        out = []
        for part in spec.split(","):
            lo, _, hi = part.partition("-")
            out += range(int(lo), int(hi or lo) + 1)
        return out

    # SMS
    def pdu_len(self, hexpdu):
        data = bytes.fromhex(hexpdu)
        return len(data) - 1 - data[0]

    def at_p_cmgl(self, rest):
        if rest == "=?":
            return self.answer(["+CMGL: (0-4)"])
        want = int(self.args(rest)[0]) if rest else 0
        if want not in (0, 1, 2, 3, 4):
            return self.cms(302)
        lines = []
        for i, s in enumerate(self.slots):
            if s is None or (want != 4 and s["stat"] != want):
                continue
            lines += ["+CMGL: %d,%d,,%d" % (self.index(i), s["stat"], self.pdu_len(s["pdu"])),
                      s["pdu"]]
            if s["stat"] == 0:
                s["stat"] = 1
        self.answer(lines)

    def at_p_cmgr(self, rest):
        i = self.slot_of(int(self.args(rest)[0]))
        if i is None:
            return self.cms(321)
        s = self.slots[i]
        if s is None:
            return self.answer()
        self.answer(["+CMGR: %d,,%d" % (s["stat"], self.pdu_len(s["pdu"])), s["pdu"]])
        if s["stat"] == 0:
            s["stat"] = 1

    def at_p_cmgd(self, rest):
        if rest == "=?":
            used = ",".join(str(self.index(i)) for i, s in enumerate(self.slots) if s)
            return self.answer(["+CMGD: (%s),(0-4)" % used])
        a = self.args(rest)
        flag = int(a[1]) if len(a) > 1 and a[1] else 0
        i = self.slot_of(int(a[0]))
        if flag == 0:
            if i is None:
                return self.cms(321)
            self.slots[i] = None
        else:
            keep = {1: (0, 2, 3), 2: (0, 2), 3: (0,), 4: ()}.get(flag)
            if keep is None:
                return self.cms(302)
            for j, s in enumerate(self.slots):
                if s is not None and s["stat"] not in keep:
                    self.slots[j] = None
        self.dirty = True
        self.answer()

    def at_p_cmgs(self, rest):
        n = int(self.args(rest)[0])
        if not 7 <= n <= 164:
            return self.cms(304)
        self.cmgs_len = n
        self.mode = "pdu"
        self.note("->", "> ")
        self.write(b"\r\n> ")

    def submit(self, hexpdu):
        try:
            data = bytes.fromhex(hexpdu)
            if len(data) - 1 - data[0] != self.cmgs_len:
                raise pdu.PduError("length %d, AT+CMGS said %d" % (len(data) - 1 - data[0],
                                                                  self.cmgs_len))
            d = pdu.decode(hexpdu, "mo")
        except (ValueError, IndexError) as e:
            self.note("!!", "PDU refused: %s" % e)
            return self.cms(304)
        if not d["smsc"] and not self.smsc:
            return self.cms(330)
        if self.cms_pending is not None:
            code, self.cms_pending = self.cms_pending, None
            self.note("!!", "send fails as asked (cms_error %d)" % code)
            return self.cms(code)
        self.sentlog.write(hexpdu.upper() + "\n")
        self.sentlog.flush()
        self.mr = (self.mr + 1) % 256
        mr = self.mr
        self.sends += 1
        self.dirty = True
        if d["srr"]:
            st = self.report_status if self.report_status is not None else 0
            self.report_status = None
            rep = pdu.status_report(mr, d["number"], status=st)
            self.events.append((time.monotonic() + self.p["report_delay"],
                                lambda: self.network.append((None, rep, "report"))))
        # state.json counts the report due before the host hears "+CMGS" and
        # records the send (at_pending: nothing can be on its way unseen)
        self.dirty = True
        self.write_state()
        if self.hang_pending and self.hang_pending[1] == "sent":
            self.start_hang(self.hang_pending[0], "after accepting message %d" % mr)
            return
        if self.p["send_delay"]:
            self.busy_until = time.monotonic() + self.p["send_delay"]
            self.events.append((self.busy_until, lambda: self.answer(["+CMGS: %d" % mr])))
            return
        self.answer(["+CMGS: %d" % mr])

    def at_p_cusd(self, rest):
        if rest == "?":
            return self.answer(["+CUSD: %d" % int(self.cusd_enabled)])
        if rest == "=?":
            return self.answer(["+CUSD: (0-2)"])
        a = self.args(rest)
        if len(a) == 1:
            if a[0] not in ("0", "1", "2"):
                return self.cme(4)
            self.cusd_enabled = a[0] == "1"
            return self.answer()
        code = a[1]
        if self.p["encoded_ussd"]:
            raw = bytes.fromhex(code)
            code = pdu.gsm7_text(pdu.unpack7(raw, len(raw) * 8 // 7)).rstrip("@\r")
        else:
            code = self.dec(code)
        self.note("..", "USSD request %s" % code)
        self.answer()
        table = self.ussd_table()
        text = table.get(code)
        if text is None or text == "-":
            line = "+CUSD: 4"
        elif self.p["encoded_ussd"]:
            line = '+CUSD: 0,"%s",15' % pdu.pack7(pdu.gsm7_septets(text)).hex().upper()
        elif self.cscs == "UCS2":
            line = '+CUSD: 0,"%s",72' % text.encode("utf-16-be").hex().upper()
        else:
            line = '+CUSD: 0,"%s",15' % text
        self.events.append((time.monotonic() + 0.3, lambda: self.urc(line)))

    def ussd_table(self):
        try:
            with open(os.path.join(self.dir, "ussd"), encoding="utf-8") as f:
                return dict(ln.rstrip("\n").split(None, 1) for ln in f if len(ln.split()) >= 2)
        except FileNotFoundError:
            return dict(DEFAULT_USSD)

    # ---------------------------------------------------------- the loop
    def write_state(self):
        if not self.dirty:
            return
        self.dirty = False
        st = {"used": self.used(), "slots": self.nslots, "network": len(self.network),
              "due": len(self.events),       # status reports (and answers) still to come
              "sent": self.sends, "pin": self.pin_state, "pin_attempts_left": self.pin_attempts,
              "plugged": self.plugged, "pty": self.pty_name, "profile": self.profile}
        tmp = os.path.join(self.dir, ".state.json.tmp")
        with open(tmp, "w") as f:
            json.dump(st, f)
        os.replace(tmp, os.path.join(self.dir, "state.json"))

    def tick(self):
        now = time.monotonic()
        if self.replug_at is not None and now >= self.replug_at:
            self.plug()
        if self.hang_until is not None and now >= self.hang_until:
            self.hang_until = None
            self.inbuf = b""
            self.mode = "cmd"
            self.note("!!", "answering again")
        if self.mode == "cmd" and self.deferred:
            held, self.deferred = self.deferred, []
            for line, extra in held:
                self.urc(line, extra)
        due = [e for e in self.events if e[0] <= now]
        if due:
            self.events = [e for e in self.events if e[0] > now]
            for _, fn in sorted(due, key=lambda e: e[0]):
                fn()
        self.take_faults()
        self.take_incoming()
        self.deliver_network()
        if self.plugged and now - self.last_nxcl > 0.2:
            self.last_nxcl = now
            try:                     # gammu's TIOCEXCL outlives its close (non-root reopen)
                fcntl.ioctl(self.slave, TIOCNXCL)
            except OSError:
                pass
        if self.curc and self.plugged and now - self.last_urc > 3 and self.mode == "cmd" \
                and not self.inbuf:
            self.last_urc = now
            self.urc(random.choice(self.p["periodic_urcs"]))
        self.write_state()

    def run(self):
        self.plug()
        with open(os.path.join(self.dir, ".ready.tmp"), "w") as f:
            f.write(self.pty_name + "\n")
        os.replace(os.path.join(self.dir, ".ready.tmp"), os.path.join(self.dir, "ready"))
        self.note("--", "ready")
        while not stopping:
            rl = [self.master] if self.plugged else []
            wl = [self.master] if self.plugged and self.outbuf else []
            try:
                r, w, _ = select.select(rl, wl, [], 0.05)
            except InterruptedError:
                continue
            if w:
                self.flush()
            if r and self.plugged:
                try:
                    data = os.read(self.master, 65536)
                except (BlockingIOError, InterruptedError):
                    data = b""
                except OSError as e:
                    if e.errno != errno.EIO:
                        raise
                    data = b""
                    time.sleep(0.01)
                if data:
                    self.feed(data)
            if time.monotonic() >= self.busy_until:
                self.process()
            self.tick()
        self.note("--", "stopping")
        try:
            os.unlink(os.path.join(self.dir, "ready"))
        except FileNotFoundError:
            pass
        try:
            if os.readlink(self.link) == self.pty_name:
                os.unlink(self.link)
        except OSError:
            pass


stopping = False


def main():
    ap = argparse.ArgumentParser(description="An AT GSM modem on a pseudo-terminal.")
    ap.add_argument("--link", required=True, help="symlink to create for the pty")
    ap.add_argument("--state", required=True, help="directory for incoming/, sent.log, faults, ...")
    ap.add_argument("--slots", type=int, default=25, help="SIM message slots (25)")
    ap.add_argument("--profile", default="generic", choices=sorted(PROFILES),
                    help="device family to imitate (generic)")
    ap.add_argument("--pin", default="1234", help="the SIM's PIN, asked after a 'pin' fault")
    args = ap.parse_args()
    if args.slots < 1 or args.slots > 255:
        ap.error("--slots must be 1..255")
    os.makedirs(args.state, exist_ok=True)

    def stop(signum, frame):
        global stopping
        stopping = True
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    Modem(args).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
