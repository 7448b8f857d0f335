"""Phone numbers for 14 numbering plans.

Each country function returns (display_string, e164_string).  Numbers use
ranges reserved for fiction where the regulator has one (US/CA 555-01xx,
UK Ofcom drama ranges, AU ACMA fiction ranges, SE 070-17406xx) and
otherwise numbers of valid length and prefix for the national plan.
"""
from gen_common import pick, digits


def _g(s, sizes):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    assert i == len(s), (s, sizes)
    return out


# ---------------- NANP (US, CA) ----------------
US_AREAS = ["212", "312", "415", "617", "202", "305", "713", "206", "404",
            "503", "614", "720", "919", "612"]
CA_AREAS = ["416", "604", "514", "613", "403"]


def nanp(r, country="US", style=None, ext=False):
    area = pick(r, US_AREAS if country == "US" else CA_AREAS)
    line = "01" + digits(r, 2)
    a, e, l = area, "555", line
    styles = {
        "paren": "(%s) %s-%s" % (a, e, l),
        "dash": "%s-%s-%s" % (a, e, l),
        "dot": "%s.%s.%s" % (a, e, l),
        "intl": "+1 %s %s %s" % (a, e, l),
        "intl_dash": "+1-%s-%s-%s" % (a, e, l),
        "one_dash": "1-%s-%s-%s" % (a, e, l),
        "intl_paren": "+1 (%s) %s-%s" % (a, e, l),
        "e164": "+1%s%s%s" % (a, e, l),
    }
    st = style or pick(r, sorted(styles))
    s = styles[st]
    if ext:
        s += pick(r, [" ext. ", " x", " ext ", " Ext. "]) + str(r.randint(10, 4999))
    return s, "+1" + a + e + l


# ---------------- United Kingdom ----------------
UK_GEO = [("20", "7946", 4), ("161", "496", 4), ("113", "496", 4),
          ("117", "496", 4), ("121", "496", 4), ("131", "496", 4),
          ("141", "496", 4), ("151", "496", 4)]


def uk(r, style=None, mobile=None, ext=False):
    if mobile is None:
        mobile = r.random() < 0.4
    if mobile:
        nsn = "7700900" + digits(r, 3)
        groups = [nsn[:4], nsn[4:]]
    else:
        area, exch, _ = pick(r, UK_GEO)
        sub = exch + "0" + digits(r, 3)  # drama range xxx0000-xxx0999
        nsn = area + sub
        groups = [area, sub[:4], sub[4:]] if area == "20" else [area, sub[:3], sub[3:]]
    styles = {
        "nat": "0" + " ".join(groups),
        "intl": "+44 " + " ".join(groups),
        "intl0": "+44 (0)" + " ".join(groups),
        "e164": "+44" + nsn,
        "nat_paren": "(0%s) %s" % (groups[0], " ".join(groups[1:])),
        "00": "0044 " + " ".join(groups),
    }
    st = style or pick(r, sorted(styles))
    s = styles[st]
    if ext:
        s += pick(r, [" ext. ", " x", " ext "]) + str(r.randint(100, 999))
    return s, "+44" + nsn


# ---------------- Germany ----------------
def de(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.45
    if mobile:
        pre, n = pick(r, [("151", 8), ("152", 8), ("160", 7), ("171", 7),
                          ("176", 8), ("157", 8)])
        sub = str(r.randint(2, 9)) + digits(r, n - 1)
        nsn = pre + sub
        styles = {
            "nat": "0%s %s" % (pre, sub),
            "nat_slash": "0%s/%s" % (pre, sub),
            "nat_split": "0%s %s %s" % (pre, sub[:3], sub[3:]),
            "intl": "+49 %s %s" % (pre, sub),
            "intl0": "+49 (0)%s %s" % (pre, sub),
            "e164": "+49" + nsn,
        }
    else:
        area = pick(r, ["30", "89", "40", "69", "221", "711", "211"])
        n = 8 if len(area) == 2 else 7
        sub = str(r.randint(2, 9)) + digits(r, n - 1)
        nsn = area + sub
        styles = {
            "nat": "0%s %s" % (area, sub),
            "nat_paren": "(0%s) %s" % (area, sub),
            "nat_slash": "0%s/%s" % (area, sub),
            "nat_split": "0%s %s %s" % (area, sub[:4], sub[4:]),
            "intl": "+49 %s %s" % (area, sub),
            "intl0": "+49 (0)%s %s" % (area, sub),
            "00": "0049 %s %s" % (area, sub),
            "e164": "+49" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+49" + nsn


# ---------------- France ----------------
FR_PREFIX = ["199 00", "261 91", "353 01", "465 71", "536 49", "639 98", "977 42"]


def fr(r, style=None, mobile=None):
    cands = FR_PREFIX
    if mobile is True:
        cands = ["639 98"]
    elif mobile is False:
        cands = [p for p in FR_PREFIX if not p.startswith("6")]
    p = pick(r, cands).replace(" ", "")
    nsn = p + digits(r, 4)                      # 9 digits after the 0
    pairs = [nsn[0]] + [nsn[i:i + 2] for i in range(1, 9, 2)]
    nat_pairs = ["0" + pairs[0]] + pairs[1:]
    styles = {
        "nat": " ".join(nat_pairs),
        "nat_dot": ".".join(nat_pairs),
        "nat_dash": "-".join(nat_pairs),
        "intl": "+33 " + " ".join(pairs),
        "intl0": "+33 (0)" + " ".join(pairs),
        "e164": "+33" + nsn,
        "00": "0033 " + " ".join(pairs),
    }
    st = style or pick(r, sorted(styles))
    return styles[st], "+33" + nsn


# ---------------- Spain ----------------
def es(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.55
    if mobile:
        if r.random() < 0.8:
            nsn = "6" + str(r.randint(0, 9)) + digits(r, 7)
        else:
            nsn = "7" + str(r.randint(1, 4)) + digits(r, 7)
    else:
        nsn = pick(r, ["91", "93", "96", "95", "94"]) + str(r.randint(2, 8)) + digits(r, 6)
    a = "%s %s %s" % (nsn[:3], nsn[3:6], nsn[6:])
    b = "%s %s %s %s" % (nsn[:3], nsn[3:5], nsn[5:7], nsn[7:])
    c = "%s %s %s %s" % (nsn[:2], nsn[2:5], nsn[5:7], nsn[7:])
    styles = {
        "nat3": a,
        "nat2": c if not mobile else b,
        "intl": "+34 " + a,
        "intl2": "+34 " + (c if not mobile else b),
        "00": "0034 " + a,
        "e164": "+34" + nsn,
        "dash": "%s-%s-%s" % (nsn[:3], nsn[3:6], nsn[6:]),
    }
    st = style or pick(r, sorted(styles))
    return styles[st], "+34" + nsn


# ---------------- Italy ----------------
def it(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.5
    if mobile:
        pre = pick(r, ["320", "328", "333", "338", "340", "347", "349", "366", "380", "393"])
        sub = digits(r, 7)
        nsn = pre + sub
        styles = {
            "nat": "%s %s %s" % (pre, sub[:3], sub[3:]),
            "nat_flat": "%s %s" % (pre, sub),
            "nat_slash": "%s/%s" % (pre, sub),
            "intl": "+39 %s %s" % (pre, sub),
            "intl_paren": "(+39) %s %s %s" % (pre, sub[:3], sub[3:]),
            "e164": "+39" + nsn,
        }
    else:
        area = pick(r, ["02", "06"])
        sub = str(r.randint(2, 9)) + digits(r, 7)
        nsn = area + sub
        styles = {
            "nat": "%s %s %s" % (area, sub[:4], sub[4:]),
            "nat_flat": "%s %s" % (area, sub),
            "nat_dash": "%s-%s" % (area, sub),
            "intl": "+39 %s %s %s" % (area, sub[:4], sub[4:]),
            "e164": "+39" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+39" + nsn


# ---------------- Netherlands ----------------
def nl(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.5
    if mobile:
        sub = str(r.randint(1, 5)) + digits(r, 7)
        nsn = "6" + sub
        styles = {
            "nat_dash": "06-%s" % sub,
            "nat": "06 %s %s" % (sub[:4], sub[4:]),
            "nat_pairs": "06 %s %s %s %s" % (sub[:2], sub[2:4], sub[4:6], sub[6:]),
            "intl": "+31 6 %s" % sub,
            "intl0": "+31 (0)6 %s" % sub,
            "e164": "+31" + nsn,
        }
    else:
        area = pick(r, ["20", "10", "30", "70", "40"])
        sub = str(r.randint(2, 9)) + digits(r, 6)
        nsn = area + sub
        styles = {
            "nat": "0%s %s %s" % (area, sub[:3], sub[3:]),
            "nat_dash": "0%s-%s" % (area, sub),
            "intl": "+31 %s %s %s" % (area, sub[:3], sub[3:]),
            "intl0": "+31 (0)%s %s %s" % (area, sub[:3], sub[3:]),
            "e164": "+31" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+31" + nsn


# ---------------- Portugal ----------------
def pt(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.55
    if mobile:
        nsn = pick(r, ["91", "92", "93", "96"]) + digits(r, 7)
        groups = [nsn[:3], nsn[3:6], nsn[6:]]
    else:
        area = pick(r, ["21", "22"])
        nsn = area + str(r.randint(1, 9)) + digits(r, 6)
        groups = [nsn[:2], nsn[2:5], nsn[5:]]
    styles = {
        "nat": " ".join(groups),
        "nat_flat": nsn,
        "intl": "+351 " + " ".join(groups),
        "00": "00351 " + " ".join(groups),
        "e164": "+351" + nsn,
    }
    st = style or pick(r, sorted(styles))
    return styles[st], "+351" + nsn


# ---------------- Poland ----------------
def pl(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.6
    if mobile:
        nsn = pick(r, ["50", "51", "53", "57", "60", "66", "69", "72", "78", "79", "88"]) + digits(r, 7)
        a = "%s %s %s" % (nsn[:3], nsn[3:6], nsn[6:])
        styles = {
            "nat": a,
            "nat_dash": "%s-%s-%s" % (nsn[:3], nsn[3:6], nsn[6:]),
            "intl": "+48 " + a,
            "intl_dash": "+48 %s-%s-%s" % (nsn[:3], nsn[3:6], nsn[6:]),
            "e164": "+48" + nsn,
        }
    else:
        area = pick(r, ["22", "12", "61", "71", "58"])
        nsn = area + str(r.randint(2, 8)) + digits(r, 6)
        g = "%s %s %s" % (nsn[2:5], nsn[5:7], nsn[7:])
        styles = {
            "nat": "%s %s" % (area, g),
            "nat_paren": "(%s) %s" % (area, g),
            "intl": "+48 %s %s" % (area, g),
            "e164": "+48" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+48" + nsn


# ---------------- Sweden ----------------
def se(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.55
    if mobile:
        # fiction range 070-1740605 .. 070-1740699
        tail = r.randint(5, 99)
        sub = "17406" + "%02d" % tail
        nsn = "70" + sub
        styles = {
            "nat": "070-%s %s %s" % (sub[:3], sub[3:5], sub[5:]),
            "nat_flat": "070-%s" % sub,
            "nat_space": "070 %s %s %s" % (sub[:3], sub[3:5], sub[5:]),
            "intl": "+46 70 %s %s %s" % (sub[:3], sub[3:5], sub[5:]),
            "e164": "+46" + nsn,
        }
    else:
        sub = str(r.randint(4, 7)) + digits(r, 7)   # Stockholm 08 + 8 digits
        nsn = "8" + sub
        styles = {
            "nat": "08-%s %s %s" % (sub[:3], sub[3:6], sub[6:]),
            "nat_space": "08 %s %s %s" % (sub[:3], sub[3:6], sub[6:]),
            "intl": "+46 8 %s %s %s" % (sub[:3], sub[3:6], sub[6:]),
            "e164": "+46" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+46" + nsn


# ---------------- Australia ----------------
AU_MOBILE = ["570006", "570156", "570157", "570158", "570159", "570110",
             "570313", "570737", "571266", "571491", "571804", "572549",
             "572665", "572983", "573770", "573087", "574118", "574632",
             "575254", "575789", "576398", "576801", "577426", "577644",
             "578957", "578148", "578888", "579212", "579760", "579455"]


def au(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.5
    if mobile:
        nsn = "491" + pick(r, AU_MOBILE)
        styles = {
            "nat": "0%s %s %s" % (nsn[:3], nsn[3:6], nsn[6:]),
            "intl": "+61 %s %s %s" % (nsn[:3], nsn[3:6], nsn[6:]),
            "e164": "+61" + nsn,
        }
    else:
        area, blk = pick(r, [("2", "5550"), ("3", "7010"), ("7", "5550"), ("8", "5550")])
        nsn = area + blk + digits(r, 4)
        styles = {
            "nat": "(0%s) %s %s" % (area, nsn[1:5], nsn[5:]),
            "nat_flat": "0%s %s %s" % (area, nsn[1:5], nsn[5:]),
            "intl": "+61 %s %s %s" % (area, nsn[1:5], nsn[5:]),
            "e164": "+61" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+61" + nsn


# ---------------- Ireland ----------------
def ie(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.5
    if mobile:
        pre = pick(r, ["83", "85", "86", "87", "89"])
        sub = str(r.randint(2, 9)) + digits(r, 6)
        nsn = pre + sub
        styles = {
            "nat": "0%s %s %s" % (pre, sub[:3], sub[3:]),
            "intl": "+353 %s %s %s" % (pre, sub[:3], sub[3:]),
            "e164": "+353" + nsn,
        }
    else:
        sub = str(r.randint(2, 9)) + digits(r, 6)
        nsn = "1" + sub
        styles = {
            "nat": "01 %s %s" % (sub[:3], sub[3:]),
            "nat_paren": "(01) %s %s" % (sub[:3], sub[3:]),
            "intl": "+353 1 %s %s" % (sub[:3], sub[3:]),
            "e164": "+353" + nsn,
        }
    st = style or pick(r, sorted(styles))
    return styles[st], "+353" + nsn


# ---------------- Switzerland ----------------
def ch(r, style=None, mobile=None):
    if mobile is None:
        mobile = r.random() < 0.5
    pre = pick(r, ["76", "77", "78", "79"]) if mobile else pick(r, ["44", "31", "61", "22", "21"])
    sub = str(r.randint(2, 9)) + digits(r, 6)
    nsn = pre + sub
    g = "%s %s %s" % (sub[:3], sub[3:5], sub[5:])
    styles = {
        "nat": "0%s %s" % (pre, g),
        "intl": "+41 %s %s" % (pre, g),
        "intl0": "+41 (0)%s %s" % (pre, g),
        "00": "0041 %s %s" % (pre, g),
        "e164": "+41" + nsn,
    }
    st = style or pick(r, sorted(styles))
    return styles[st], "+41" + nsn


COUNTRY_FN = {
    "US": lambda r, **k: nanp(r, "US", **k),
    "CA": lambda r, **k: nanp(r, "CA", **k),
    "GB": uk, "DE": de, "FR": fr, "ES": es, "IT": it, "NL": nl,
    "PT": pt, "PL": pl, "SE": se, "AU": au, "IE": ie, "CH": ch,
}

LANG_COUNTRY = {"en": "US", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT",
                "pl": "PL", "sv": "SE", "de": "DE", "fr": "FR"}


def phone(r, country, **kw):
    """Return (display, e164)."""
    return COUNTRY_FN[country](r, **kw)


def phone_s(r, country, **kw):
    return phone(r, country, **kw)[0]
