"""Payment cards, IBANs, US SSNs, IP addresses and their look-alikes."""
import ipaddress
from gen_common import pick, digits


# ======================= payment cards =======================
def luhn_ok(num):
    total, alt = 0, False
    for ch in reversed(num):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


def luhn_complete(payload):
    for c in "0123456789":
        if luhn_ok(payload + c):
            return payload + c
    raise AssertionError


CARD_BRANDS = ("visa", "mastercard", "mastercard2", "amex", "discover", "jcb", "diners")


def card_number(r, brand):
    if brand == "visa":
        pre, n = "4", 16
    elif brand == "mastercard":
        pre, n = str(r.randint(51, 55)), 16
    elif brand == "mastercard2":
        pre, n = str(r.randint(2221, 2720)), 16
    elif brand == "amex":
        pre, n = pick(r, ["34", "37"]), 15
    elif brand == "discover":
        pre, n = pick(r, ["6011", str(r.randint(644, 649)), "65"]), 16
    elif brand == "jcb":
        pre, n = str(r.randint(3528, 3589)), 16
    elif brand == "diners":
        pre, n = pick(r, ["36", "38", "30" + str(r.randint(0, 5))]), 14
    else:
        raise ValueError(brand)
    num = luhn_complete(pre + digits(r, n - len(pre) - 1))
    assert len(num) == n and luhn_ok(num)
    return num


# publicly documented processor test numbers (all Luhn-valid)
TEST_CARDS = ["4111111111111111", "5555555555554444", "378282246310005",
              "6011111111111117", "3530111333300000", "30569309025904",
              "2223003122003222", "4012888888881881"]


def card_format(r, num, style=None):
    n = len(num)
    if n == 15:
        grp = [4, 6, 5]
    elif n == 14:
        grp = [4, 6, 4]
    else:
        grp = [4, 4, 4, 4]
    parts, i = [], 0
    for g in grp:
        parts.append(num[i:i + g])
        i += g
    st = style or pick(r, ["space", "space", "dash", "plain"])
    if st == "space":
        return " ".join(parts)
    if st == "dash":
        return "-".join(parts)
    return num


def card(r, brand=None, style=None):
    b = brand or pick(r, CARD_BRANDS)
    return card_format(r, card_number(r, b), style)


def luhn_fail_16(r, first="4"):
    """16 digits that fail the Luhn check."""
    num = luhn_complete(first + digits(r, 14))
    bad = str((int(num[-1]) + r.randint(1, 9)) % 10)
    out = num[:-1] + bad
    assert not luhn_ok(out)
    return out


def imei(r):
    tac = pick(r, ["35209900", "35332510", "86891203", "35875406", "49015420"])
    return luhn_complete(tac + digits(r, 6))


def isbn13(r):
    body = "978" + pick(r, ["0", "1", "3", "84", "88", "90", "91"])
    body += digits(r, 12 - len(body))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def isbn13_fmt(num):
    # registration group split is approximate; hyphen positions vary by group
    return "%s-%s-%s-%s-%s" % (num[:3], num[3], num[4:8], num[8:12], num[12])


def aba_routing(r):
    while True:
        body = pick(r, ["01", "02", "03", "05", "06", "07", "08", "09", "10",
                        "11", "12", "21", "22", "26", "31", "32"]) + digits(r, 6)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(c) * w[i] for i, c in enumerate(body))
        chk = (10 - s % 10) % 10
        return body + str(chk)


# ======================= IBAN =======================
IBAN_LEN = {"DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "PT": 25,
            "PL": 28, "SE": 24, "BE": 16, "GB": 22, "CH": 21, "AT": 20,
            "IE": 22, "DK": 18, "LU": 20}

_IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
           14, 16, 10, 22, 25, 24, 23]


def _it_cin(s):
    tot = 0
    for i, c in enumerate(s):
        v = int(c) if c.isdigit() else ord(c) - 65
        if i % 2 == 0:      # odd position (1-based)
            tot += _IT_ODD[v]
        else:
            tot += v
    return chr(65 + tot % 26)


def _es_dc(s10):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * w[i] for i, c in enumerate(s10)) % 11
    return "0" if d == 11 else ("1" if d == 10 else str(d))


def bban(r, cc):
    if cc == "DE":
        return str(r.randint(1, 8)) + digits(r, 7) + digits(r, 10)
    if cc == "FR":
        bank = pick(r, ["30004", "30003", "20041", "10278", "30002", "11315"])
        branch, acct = digits(r, 5), digits(r, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        return bank + branch + acct + "%02d" % key
    if cc == "ES":
        bank = pick(r, ["2100", "0049", "0182", "0081", "2038", "0075"])
        branch, acct = digits(r, 4), digits(r, 10)
        return bank + branch + _es_dc("00" + bank + branch) + _es_dc(acct) + acct
    if cc == "IT":
        abi = pick(r, ["03069", "02008", "05034", "03062", "01030"])
        cab, acct = digits(r, 5), digits(r, 12)
        return _it_cin(abi + cab + acct) + abi + cab + acct
    if cc == "NL":
        return pick(r, ["ABNA", "RABO", "INGB", "SNSB", "TRIO", "KNAB"]) + digits(r, 10)
    if cc == "PT":
        bank = pick(r, ["0035", "0033", "0007", "0036", "0010"])
        body = bank + digits(r, 4) + digits(r, 11)
        return body + "%02d" % (98 - int(body + "00") % 97)
    if cc == "PL":
        b7 = pick(r, ["1020", "1140", "1050", "1090", "1240"]) + digits(r, 3)
        w = [3, 9, 7, 1, 3, 9, 7]
        chk = (10 - sum(int(c) * w[i] for i, c in enumerate(b7)) % 10) % 10
        return b7 + str(chk) + digits(r, 16)
    if cc == "SE":
        return pick(r, ["500", "800", "600", "300", "120"]) + digits(r, 17)
    if cc == "BE":
        first = digits(r, 10, first_nonzero=True)
        m = int(first) % 97
        return first + "%02d" % (m if m else 97)
    if cc == "GB":
        return pick(r, ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(r, 6) + digits(r, 8)
    if cc == "IE":
        return pick(r, ["AIBK", "BOFI"]) + digits(r, 6) + digits(r, 8)
    if cc == "CH":
        return pick(r, ["00762", "00230", "08390", "00700"]) + digits(r, 12)
    if cc == "AT":
        return pick(r, ["12000", "20111", "14000", "32000"]) + digits(r, 11)
    if cc == "DK":
        return digits(r, 14, first_nonzero=True)
    if cc == "LU":
        return pick(r, ["001", "002", "019"]) + digits(r, 13)
    raise ValueError(cc)


def _num(s):
    return "".join(str(ord(c) - 55) if c.isalpha() else c for c in s)


def iban_ok(iban):
    s = iban.replace(" ", "").upper()
    if len(s) < 5 or s[:2] not in IBAN_LEN or len(s) != IBAN_LEN[s[:2]]:
        return False
    return int(_num(s[4:] + s[:4])) % 97 == 1


def iban_make(cc, bb):
    chk = 98 - int(_num(bb + cc + "00")) % 97
    return cc + "%02d" % chk + bb


def iban(r, cc=None):
    cc = cc or pick(r, sorted(IBAN_LEN))
    s = iban_make(cc, bban(r, cc))
    assert len(s) == IBAN_LEN[cc] and iban_ok(s), s
    return s


def iban_fmt(s, grouped=True):
    if not grouped:
        return s
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def iban_bad_check(r, cc=None):
    good = iban(r, cc)
    cd = int(good[2:4])
    while True:
        bad = (cd + r.randint(1, 90)) % 97
        if 2 <= bad <= 98 and bad != cd:
            break
    out = good[:2] + "%02d" % bad + good[4:]
    assert not iban_ok(out)
    return out


def sepa_creditor_id(r):
    nid = "0" + digits(r, 10)
    chk = 98 - int(_num(nid + "DE00")) % 97
    return "DE%02dZZZ%s" % (chk, nid)


BICS = ["DEUTDEFFXXX", "COBADEFF", "BNPAFRPP", "CAIXESBBXXX", "UNCRITMM",
        "ABNANL2A", "RABONL2U", "CGDIPTPL", "PKOPPLPW", "ESSESESS",
        "NWBKGB2L", "BOFIIE2D", "UBSWCHZH80A", "INGBNL2A", "BCITITMM"]


BIC_BY_CC = {"DE": "COBADEFFXXX", "FR": "BNPAFRPP", "ES": "CAIXESBBXXX", "IT": "UNCRITMM",
             "NL": "RABONL2U", "PT": "CGDIPTPL", "PL": "PKOPPLPW", "SE": "ESSESESS",
             "GB": "NWBKGB2L", "IE": "BOFIIE2D", "CH": "UBSWCHZH80A", "BE": "GEBABEBB",
             "AT": "BKAUATWW", "DK": "DABADKKK", "LU": "BCEELULL"}


# ======================= US SSN / EIN / ITIN =======================
def ssn_parts(r):
    while True:
        a = r.randint(1, 899)
        if a == 666:
            continue
        g, s = r.randint(1, 99), r.randint(1, 9999)
        t = "%03d%02d%04d" % (a, g, s)
        if t in ("078051120", "219099999", "123456789"):
            continue
        return "%03d" % a, "%02d" % g, "%04d" % s


def ssn_ok(s):
    d = s.replace("-", "").replace(" ", "")
    if len(d) != 9 or not d.isdigit():
        return False
    a, g, sr = int(d[:3]), int(d[3:5]), int(d[5:])
    return 0 < a < 900 and a != 666 and g != 0 and sr != 0


def ssn(r, style=None):
    a, g, s = ssn_parts(r)
    st = style or pick(r, ["dash", "dash", "dash", "space", "plain"])
    sep = {"dash": "-", "space": " ", "plain": ""}[st]
    return a + sep + g + sep + s


def ssn_invalid(r):
    a, g, s = ssn_parts(r)
    kind = pick(r, ["000", "666", "9xx", "g00", "s0000"])
    if kind == "000":
        a = "000"
    elif kind == "666":
        a = "666"
    elif kind == "9xx":
        a = "9%02d" % r.randint(0, 99)
    elif kind == "g00":
        g = "00"
    else:
        s = "0000"
    out = "%s-%s-%s" % (a, g, s)
    assert not ssn_ok(out)
    return out


EIN_PREFIX = ["01", "02", "04", "10", "12", "13", "20", "22", "26", "27",
              "30", "33", "35", "41", "45", "46", "52", "56", "61", "65",
              "74", "81", "83", "84", "87", "91", "94", "98"]


def ein(r):
    return pick(r, EIN_PREFIX) + "-" + digits(r, 7)


def itin(r):
    g = pick(r, list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99])
    return "9%02d-%02d-%04d" % (r.randint(0, 99), g, r.randint(1, 9999))


# ======================= IP addresses =======================
def ipv4(r, kind=None):
    kind = kind or pick(r, ["doc", "doc", "doc", "private"])
    if kind == "doc":
        net = pick(r, ["192.0.2", "198.51.100", "203.0.113"])
        return "%s.%d" % (net, r.randint(1, 254))
    if kind == "private":
        k = r.randint(0, 2)
        if k == 0:
            return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
        if k == 1:
            return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))
        return "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254))
    if kind == "cgnat":
        return "100.%d.%d.%d" % (r.randint(64, 127), r.randint(0, 255), r.randint(1, 254))
    raise ValueError(kind)


def _h16(r):
    return "%x" % r.randint(0, 0xFFFF)


def ipv6(r, form=None):
    form = form or pick(r, ["compressed", "compressed", "full", "linklocal", "ula"])
    if form in ("compressed", "full"):
        groups = [0x2001, 0xdb8] + [r.randint(0, 0xFFFF) for _ in range(6)]
        # introduce zero runs so compression has something to do
        z0 = r.randint(2, 5)
        for i in range(z0, z0 + r.randint(1, 3)):
            if i < 8:
                groups[i] = 0
        a = ipaddress.IPv6Address(":".join("%x" % g for g in groups))
        return a.exploded if form == "full" else a.compressed
    if form == "linklocal":
        a = ipaddress.IPv6Address("fe80::%s:%s:%s:%s" % (_h16(r), _h16(r), _h16(r), _h16(r)))
        return a.compressed
    if form == "ula":
        a = ipaddress.IPv6Address("fd%02x:%s:%s::%s" % (r.randint(0, 255), _h16(r), _h16(r), _h16(r)))
        return a.compressed
    if form == "mapped":
        return "::ffff:" + ipv4(r, "doc")
    raise ValueError(form)


def mac(r, sep=":"):
    return sep.join("%02X" % r.randint(0, 255) for _ in range(6))
