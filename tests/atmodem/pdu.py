"""pdu.py: a small SMS PDU codec (3GPP TS 23.040 / 23.038) for the AT modem
emulator and the tests that drive it. Python 3 standard library only.

It builds what a network hands a modem (SMS-DELIVER, SMS-STATUS-REPORT) and
reads what a host hands a modem (SMS-SUBMIT): GSM-7 with the extension table,
UCS-2, 8-bit data, and the concatenation header with 8-bit and 16-bit
references. It is deliberately independent of libgammu, so a test that decodes
talka's sent PDUs with it checks libgammu's encoder rather than repeating it.

Run as a program it is the tests' helper:
  pdu.py deliver FROM TEXT [--ref16] [--ref N] [--shuffle SEED] [--ucs2] [--class N]
      one hex line per part (a long text is split into parts)
  pdu.py submit-decode [FILE]     one JSON object per hex line of a sent.log
  pdu.py decode HEX               any PDU this module knows, as JSON
  pdu.py burst PDUS TEXTS [--count N --numbers N --multi N --seed N]
      many texts from many senders, three-part ones out of order
"""
import datetime
import json
import random
import sys

# GSM 03.38 default alphabet; index = septet value. 0x1B is the escape to the
# extension table.
GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
assert len(GSM7) == 128
GSM7_EXT = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[",
            0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
_TO_SEPTET = {c: i for i, c in enumerate(GSM7) if i != 0x1B}
_TO_EXT = {c: i for i, c in GSM7_EXT.items()}


class PduError(ValueError):
    """A PDU that cannot be read (truncated, wrong type, bad field)."""


# ------------------------------------------------------------------ GSM-7

def gsm7_fits(text):
    return all(c in _TO_SEPTET or c in _TO_EXT for c in text)


def gsm7_septets(text):
    """Text to a list of septet values (extension characters take two)."""
    out = []
    for c in text:
        if c in _TO_SEPTET:
            out.append(_TO_SEPTET[c])
        elif c in _TO_EXT:
            out += [0x1B, _TO_EXT[c]]
        else:
            raise PduError("character %r is not in the GSM-7 alphabet" % c)
    return out


def gsm7_text(septets):
    out, esc = [], False
    for s in septets:
        if esc:
            # an unknown extension code is shown as the basic character (23.038)
            out.append(GSM7_EXT.get(s, GSM7[s] if s != 0x1B else " "))
            esc = False
        elif s == 0x1B:
            esc = True
        else:
            out.append(GSM7[s])
    return "".join(out)


def pack7(septets, fill=0):
    """Packs septets LSB first, after `fill` zero bits (the UDH alignment)."""
    out, acc, nbits = bytearray(), 0, fill
    for s in septets:
        acc |= (s & 0x7F) << nbits
        nbits += 7
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits:
        out.append(acc & 0xFF)
    return bytes(out)


def unpack7(data, count, fill=0):
    acc = int.from_bytes(data, "little")
    acc >>= fill
    out = []
    for i in range(count):
        out.append((acc >> (7 * i)) & 0x7F)
    if (fill + 7 * count + 7) // 8 > len(data) + 1:
        raise PduError("user data shorter than its length says")
    return out


# -------------------------------------------------------------- addresses

def _bcd(digits):
    if len(digits) % 2:
        digits += "F"
    return bytes(int(digits[i + 1] + digits[i], 16) for i in range(0, len(digits), 2))


def _unbcd(data, ndigits):
    s = "".join("%X%X" % (b & 0x0F, b >> 4) for b in data)
    s = s[:ndigits].replace("A", "*").replace("B", "#").replace("C", "a").replace("D", "b")
    return s.replace("E", "c")


def encode_address(number):
    """TP-OA/TP-DA: length in digits, type, BCD (or packed GSM-7 for names)."""
    if number.startswith("+"):
        digits = number[1:]
        return bytes([len(digits), 0x91]) + _bcd(digits)
    if number.isdigit():
        return bytes([len(number), 0x81]) + _bcd(number)
    septets = gsm7_septets(number)
    packed = pack7(septets)
    return bytes([(len(septets) * 7 + 3) // 4, 0xD0]) + packed


def decode_address(data, pos):
    """Returns (number, new position)."""
    if pos + 2 > len(data):
        raise PduError("address cut short")
    ndigits, toa = data[pos], data[pos + 1]
    nbytes = (ndigits + 1) // 2
    raw = data[pos + 2: pos + 2 + nbytes]
    if len(raw) < nbytes:
        raise PduError("address cut short")
    if toa & 0x70 == 0x50:   # alphanumeric
        number = gsm7_text(unpack7(raw, ndigits * 4 // 7))
    else:
        number = _unbcd(raw, ndigits)
        if toa & 0x70 == 0x10:
            number = "+" + number
    return number, pos + 2 + nbytes


def encode_smsc(number):
    if not number:
        return b"\x00"
    digits = number.lstrip("+")
    body = bytes([0x91 if number.startswith("+") else 0x81]) + _bcd(digits)
    return bytes([len(body)]) + body


def decode_smsc(data):
    n = data[0]
    if n == 0:
        return "", 1
    if len(data) < 1 + n:
        raise PduError("SMSC field cut short")
    toa = data[1]
    number = _unbcd(data[2:1 + n], 2 * (n - 1)).rstrip("F")
    if toa & 0x70 == 0x10:
        number = "+" + number
    return number, 1 + n


# ------------------------------------------------------------- timestamps

def encode_scts(when=None):
    when = when or datetime.datetime.now(datetime.timezone.utc)
    off = when.utcoffset() or datetime.timedelta(0)
    q = int(off.total_seconds() // 900)
    fields = [when.year % 100, when.month, when.day, when.hour, when.minute, when.second]
    out = bytes(int(("%02d" % v)[::-1], 16) for v in fields)
    tz = int(("%02d" % abs(q))[::-1], 16) | (0x08 if q < 0 else 0)
    return out + bytes([tz])


def decode_scts(b):
    if len(b) < 7:
        raise PduError("time stamp cut short")
    d = ["%X%X" % (x & 0x0F, x >> 4) for x in b]
    try:
        y, mo, da, h, mi, s = (int(v) for v in d[:6])
        tz = int("%X%X" % (b[6] & 0x07, b[6] >> 4))
    except ValueError:
        raise PduError("time stamp not decimal")
    if b[6] & 0x08:
        tz = -tz
    tzinfo = datetime.timezone(datetime.timedelta(minutes=15 * tz))
    try:
        return datetime.datetime(2000 + y, mo, da, h, mi, s, tzinfo=tzinfo)
    except ValueError:
        raise PduError("time stamp out of range")


# ----------------------------------------------------------- user data

def dcs_coding(dcs):
    """'gsm7', '8bit' or 'ucs2' for a TP-DCS value, and the message class or None."""
    group = dcs >> 4
    if group <= 0x7:   # general data coding (0x4-0x7: marked for automatic deletion)
        alphabet = (dcs >> 2) & 3
        cls = dcs & 3 if dcs & 0x10 else None
        return ("gsm7", "8bit", "ucs2", "gsm7")[alphabet], cls
    if group in (0xC, 0xD):
        return "gsm7", None
    if group == 0xE:
        return "ucs2", None
    if group == 0xF:
        return ("8bit" if dcs & 0x04 else "gsm7"), dcs & 3
    return "8bit", None


def _udh_bytes(concat):
    if not concat:
        return b""
    ref, total, seq = concat
    if ref > 0xFF:
        ie = bytes([0x08, 4, ref >> 8, ref & 0xFF, total, seq])
    else:
        ie = bytes([0x00, 3, ref, total, seq])
    return bytes([len(ie)]) + ie


def parse_udh(udh):
    """UDH bytes (without UDHL) to a dict: concat=(ref, total, seq, bits) if present."""
    out, i = {"ies": []}, 0
    while i + 2 <= len(udh):
        iei, ln = udh[i], udh[i + 1]
        val = udh[i + 2: i + 2 + ln]
        if len(val) < ln:
            raise PduError("user data header cut short")
        out["ies"].append((iei, val.hex().upper()))
        if iei == 0x00 and ln == 3:
            out["concat"] = (val[0], val[1], val[2], 8)
        elif iei == 0x08 and ln == 4:
            out["concat"] = ((val[0] << 8) | val[1], val[2], val[3], 16)
        i += 2 + ln
    return out


def encode_ud(text, coding, concat=None):
    """(UDL, UD bytes, has UDH) for text in coding, with a concatenation header."""
    udh = _udh_bytes(concat)
    if coding == "gsm7":
        fill = (7 - (len(udh) * 8) % 7) % 7
        septets = gsm7_septets(text)
        udl = (len(udh) * 8 + fill) // 7 + len(septets)
        return udl, udh + pack7(septets, fill), bool(udh)
    if coding == "ucs2":
        body = text.encode("utf-16-be")
    else:
        body = text if isinstance(text, bytes) else text.encode("latin-1")
    return len(udh) + len(body), udh + body, bool(udh)


def decode_ud(data, pos, udl, udhi, coding):
    """Returns (text, udh dict or None)."""
    ud = data[pos:]
    udh, info = b"", None
    if udhi:
        if not ud:
            raise PduError("user data header missing")
        udh = ud[1: 1 + ud[0]]
        if len(udh) < ud[0]:
            raise PduError("user data header cut short")
        info = parse_udh(udh)
        udh = ud[: 1 + ud[0]]
    if coding == "gsm7":
        fill = (7 - (len(udh) * 8) % 7) % 7 if udh else 0
        hsept = (len(udh) * 8 + fill) // 7
        n = udl - hsept
        if n < 0 or (len(udh) * 8 + fill + 7 * n + 7) // 8 > len(ud):
            raise PduError("user data shorter than its length says")
        return gsm7_text(unpack7(ud[len(udh):], n, fill)), info
    body = ud[len(udh): udl]
    if len(ud) < udl:
        raise PduError("user data shorter than its length says")
    if coding == "ucs2":
        if len(body) % 2:
            body = body[:-1]
        return body.decode("utf-16-be", errors="replace"), info
    return body.hex().upper(), info


# ----------------------------------------------------------- the PDUs

DEFAULT_SMSC = "+37129100000"


def deliver(sender, text, coding=None, concat=None, when=None, smsc=DEFAULT_SMSC,
            pid=0, dcs=None, msg_class=None, sri=False, mms=True):
    """One SMS-DELIVER with the SMSC in front, as hex (as AT+CMGR prints it)."""
    coding = coding or ("gsm7" if gsm7_fits(text) else "ucs2")
    if dcs is None:
        dcs = {"gsm7": 0x00, "8bit": 0x04, "ucs2": 0x08}[coding]
        if msg_class is not None:
            dcs |= 0x10 | msg_class
    udl, ud, udhi = encode_ud(text, coding, concat)
    first = 0x00 | (0x04 if mms else 0) | (0x20 if sri else 0) | (0x40 if udhi else 0)
    tpdu = (bytes([first]) + encode_address(sender) + bytes([pid, dcs]) + encode_scts(when)
            + bytes([udl]) + ud)
    return (encode_smsc(smsc) + tpdu).hex().upper()


def split_text(text, coding=None, ref16=False):
    """The parts a phone would send: [text] or the chunks of a concatenated text."""
    coding = coding or ("gsm7" if gsm7_fits(text) else "ucs2")
    if coding == "gsm7":
        single, each = 160, 152 if ref16 else 153
        cost = lambda c: 2 if c in _TO_EXT else 1
    else:
        single, each = 70, 66 if ref16 else 67
        cost = lambda c: 2 if ord(c) > 0xFFFF else 1
    if sum(cost(c) for c in text) <= single:
        return [text]
    parts, cur, n = [], [], 0
    for c in text:
        if n + cost(c) > each:
            parts.append("".join(cur))
            cur, n = [], 0
        cur.append(c)
        n += cost(c)
    parts.append("".join(cur))
    return parts


def deliver_parts(sender, text, ref=None, ref16=False, coding=None, when=None, **kw):
    """Every SMS-DELIVER of a (possibly long) text, in order, as hex lines."""
    coding = coding or ("gsm7" if gsm7_fits(text) else "ucs2")
    chunks = split_text(text, coding, ref16)
    if len(chunks) == 1:
        return [deliver(sender, text, coding, when=when, **kw)]
    if ref is None:
        ref = random.randint(0x100, 0xFFFF) if ref16 else random.randint(0, 0xFF)
    return [deliver(sender, c, coding, concat=(ref, len(chunks), i + 1), when=when, **kw)
            for i, c in enumerate(chunks)]


def status_report(mr, recipient, status=0, sent=None, done=None, smsc=DEFAULT_SMSC):
    """SMS-STATUS-REPORT for message reference mr (status 0 = delivered)."""
    first = 0x06   # MTI=10, MMS, status report for an SMS-SUBMIT
    tpdu = (bytes([first, mr & 0xFF]) + encode_address(recipient) + encode_scts(sent)
            + encode_scts(done) + bytes([status]))
    return (encode_smsc(smsc) + tpdu).hex().upper()


def submit(dest, text, coding=None, concat=None, mr=0, srr=False, smsc=None, vp=0xA7):
    """SMS-SUBMIT as a host sends it (for the emulator's own tests)."""
    coding = coding or ("gsm7" if gsm7_fits(text) else "ucs2")
    dcs = {"gsm7": 0x00, "8bit": 0x04, "ucs2": 0x08}[coding]
    udl, ud, udhi = encode_ud(text, coding, concat)
    first = 0x01 | (0x10 if vp is not None else 0) | (0x20 if srr else 0) | (0x40 if udhi else 0)
    tpdu = bytes([first, mr]) + encode_address(dest) + bytes([0, dcs])
    if vp is not None:
        tpdu += bytes([vp])
    tpdu += bytes([udl]) + ud
    return (encode_smsc(smsc) + tpdu).hex().upper()


def tpdu_length(hexpdu):
    """The octet count AT+CMGS expects: the PDU without its SMSC field."""
    data = bytes.fromhex(hexpdu)
    return len(data) - (1 + data[0])


def decode(hexpdu, direction="mt"):
    """Any PDU as a dict. direction 'mt' (network to modem: DELIVER, STATUS-REPORT)
    or 'mo' (host to modem: SUBMIT); both start with the SMSC field."""
    try:
        data = bytes.fromhex(hexpdu.strip())
    except ValueError:
        raise PduError("not hex")
    if not data:
        raise PduError("empty PDU")
    smsc, pos = decode_smsc(data)
    if pos >= len(data):
        raise PduError("no TPDU after the SMSC")
    first = data[pos]
    mti = first & 3
    out = {"smsc": smsc, "first": first}
    if direction == "mo":
        if mti != 1:
            raise PduError("not an SMS-SUBMIT (MTI %d)" % mti)
        out["type"] = "submit"
        out["srr"] = bool(first & 0x20)
        out["mr"] = data[pos + 1]
        out["number"], p = decode_address(data, pos + 2)
        out["pid"], dcs = data[p], data[p + 1]
        p += 2
        vpf = (first >> 3) & 3
        p += {0: 0, 2: 1, 1: 7, 3: 7}[vpf]
    elif mti == 0:
        out["type"] = "deliver"
        out["sri"] = bool(first & 0x20)
        out["number"], p = decode_address(data, pos + 1)
        out["pid"], dcs = data[p], data[p + 1]
        out["time"] = decode_scts(data[p + 2: p + 9]).isoformat()
        p += 9
    elif mti == 2:
        out["type"] = "status-report"
        out["mr"] = data[pos + 1]
        out["number"], p = decode_address(data, pos + 2)
        out["time"] = decode_scts(data[p: p + 7]).isoformat()
        out["done"] = decode_scts(data[p + 7: p + 14]).isoformat()
        if p + 14 >= len(data):
            raise PduError("status missing")
        out["status"] = data[p + 14]
        return out
    else:
        raise PduError("unexpected message type %d" % mti)
    if p >= len(data):
        raise PduError("user data length missing")
    coding, cls = dcs_coding(dcs)
    out["dcs"], out["coding"], out["class"] = dcs, coding, cls
    udl = data[p]
    out["text"], udh = decode_ud(data, p + 1, udl, bool(first & 0x40), coding)
    if udh and "concat" in udh:
        out["concat"] = list(udh["concat"])
    return out


def join_submits(hexlines):
    """Decodes sent.log lines and joins concatenated parts: a list of
    (number, text, parts) in the order the first part was sent."""
    msgs, groups = [], {}
    for line in hexlines:
        line = line.strip()
        if not line:
            continue
        d = decode(line, "mo")
        c = d.get("concat")
        if not c or c[1] <= 1:
            msgs.append([d["number"], d["text"], 1])
            continue
        key = (d["number"], c[0], c[1])
        g = groups.get(key)
        if g is None or len(g["parts"]) == c[1]:
            g = {"parts": {}, "msg": [d["number"], "", c[1]]}
            groups[key] = g
            msgs.append(g["msg"])
        g["parts"][c[2]] = d["text"]
        if len(g["parts"]) == c[1]:
            g["msg"][1] = "".join(g["parts"][i] for i in sorted(g["parts"]))
    return [tuple(m) for m in msgs]


LV_GSM7 = ["KOKS {n} OZOLS Cesis", "koks {n} berzi Limbazos", "Iestadiju {n} ozolus Cesis",
           "KOKS {n} PRIEDES Saldus", "koks {n} egles Valmiera", "PUNKTI"]
LV_UCS2 = ["koks {n} bērzi Limbažos", "Iestādīju {n} ozolus Cēsīs", "koks {n} liepas Jūrmalā"]
RU_UCS2 = ["ДЕРЕВО {n} СОСНЫ Вентспилс", "посадил {n} дубов Рига", "ДЕРЕВО {n} БЕРЁЗЫ Рига"]
LONG = {"gsm7": (" Sodien stadijam kopa ar skoleniem un kaiminiem, bija jauka diena ara un"
                 " viss izdevas [labi]."),
        "ucs2": (" Сегодня сажали вместе со школьниками и соседями, был хороший день и всё"
                 " получилось.")}


def burst(count, numbers, multis, seed):
    """count texts from `numbers` senders, `multis` of them three parts long
    (alternately 8-bit and 16-bit references), their parts shuffled among the
    neighbouring messages. Returns (pdu lines, [(sender, text)])."""
    rnd = random.Random(seed)
    senders = ["+3712%07d" % (1000000 + 7919 * i % 9000000) for i in range(numbers)]
    texts = []
    for i in range(count):
        sender = senders[i % numbers]
        if i < multis:
            coding = "gsm7" if i % 2 else "ucs2"
            head = (rnd.choice(LV_GSM7[:5]) if coding == "gsm7" else
                    rnd.choice(RU_UCS2)).format(n=rnd.randint(1, 40)) + "."
            unit = 153 if coding == "gsm7" else 67
            body = head
            while len(body) <= 2 * unit + 10:
                body += LONG[coding]
            body = body[: 3 * unit - 8]
            texts.append((sender, body, coding, i % 4 < 2))
        else:
            pool = rnd.choice([LV_GSM7, LV_GSM7, LV_UCS2, RU_UCS2])
            texts.append((sender, rnd.choice(pool).format(n=rnd.randint(1, 40)), None, False))
    rnd.shuffle(texts)
    lines = []
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for n, (sender, text, coding, ref16) in enumerate(texts):
        # each sent at its own second, as people do (a repeat is another text)
        when = now - datetime.timedelta(seconds=len(texts) - n)
        parts = deliver_parts(sender, text, coding=coding, ref16=ref16,
                              ref=(0x100 + n if ref16 else n % 256), when=when)
        if len(parts) > 1:
            assert len(parts) == 3, (len(parts), text)
            rnd.shuffle(parts)
            while parts == sorted(parts, key=lambda p: decode(p)["concat"][2]):
                rnd.shuffle(parts)
        lines += parts
    # parts of one text arrive apart, among other messages
    for _ in range(len(lines)):
        a = rnd.randrange(len(lines))
        b = min(len(lines) - 1, a + rnd.randint(1, 4))
        lines[a], lines[b] = lines[b], lines[a]
    return lines, [(s, t) for s, t, _, _ in texts]


def _escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _main(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="pdu.py", description="SMS PDUs for the AT modem tests")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("deliver", help="SMS-DELIVER hex lines for one text")
    d.add_argument("sender")
    d.add_argument("text")
    d.add_argument("--ucs2", action="store_true")
    d.add_argument("--ref16", action="store_true", help="16-bit concatenation reference")
    d.add_argument("--ref", type=int)
    d.add_argument("--shuffle", type=int, metavar="SEED", help="parts out of order")
    d.add_argument("--class", dest="cls", type=int)
    d.add_argument("--sri", action="store_true", help="status report indication bit")
    s = sub.add_parser("submit-decode", help="decode a sent.log")
    s.add_argument("file", nargs="?")
    s.add_argument("--joined", action="store_true", help="join parts: NUMBER<TAB>TEXT lines")
    b = sub.add_parser("burst", help="PDU lines of many texts (lv/ru, 3-part ones out of "
                                      "order) and the texts they carry")
    b.add_argument("pdus", help="file for the PDU lines")
    b.add_argument("texts", help="file for SENDER<TAB>TEXT lines")
    b.add_argument("--count", type=int, default=300)
    b.add_argument("--numbers", type=int, default=60)
    b.add_argument("--multi", type=int, default=30, help="how many are three parts long")
    b.add_argument("--seed", type=int, default=1)
    x = sub.add_parser("decode", help="decode one PDU")
    x.add_argument("hex")
    x.add_argument("--mo", action="store_true", help="an SMS-SUBMIT")
    a = ap.parse_args(argv)
    if a.cmd == "deliver":
        lines = deliver_parts(a.sender, a.text, ref=a.ref, ref16=a.ref16,
                              coding="ucs2" if a.ucs2 else None, msg_class=a.cls, sri=a.sri)
        if a.shuffle is not None:
            random.Random(a.shuffle).shuffle(lines)
        print("\n".join(lines))
    elif a.cmd == "submit-decode":
        f = open(a.file) if a.file else sys.stdin
        lines = f.read().split()
        if a.joined:
            for number, text, _ in join_submits(lines):
                print(number + "\t" + _escape(text))
        else:
            for line in lines:
                print(json.dumps(decode(line, "mo"), ensure_ascii=False))
    elif a.cmd == "burst":
        lines, texts = burst(a.count, a.numbers, a.multi, a.seed)
        with open(a.pdus, "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(a.texts, "w", encoding="utf-8") as f:
            for sender, text in texts:
                f.write(sender + "\t" + _escape(text) + "\n")
    else:
        print(json.dumps(decode(a.hex, "mo" if a.mo else "mt"), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
