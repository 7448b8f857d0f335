"""Shared helpers for the pii-probe-2 generator.

Offsets are computed while the text is concatenated (Doc.add / Doc.span);
nothing is located by searching the finished text.
"""
import re
import unicodedata

SPAN_TYPES = (
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
    "IP_ADDRESS", "DATE_OF_BIRTH", "PERSON", "STREET_ADDRESS",
)

# short aliases usable in templates: <<EMAIL|key>>
ALIAS = {
    "EMAIL": "EMAIL_ADDRESS", "PHONE": "PHONE_NUMBER", "CARD": "CREDIT_CARD",
    "IBAN": "IBAN_CODE", "SSN": "US_SSN", "IP": "IP_ADDRESS",
    "DOB": "DATE_OF_BIRTH", "PERSON": "PERSON", "STREET": "STREET_ADDRESS",
}


def u16len(s):
    """Length in UTF-16 code units; refuses anything outside the BMP."""
    for ch in s:
        if ord(ch) > 0xFFFF:
            raise ValueError("non-BMP character %r" % ch)
    return len(s)


class Doc:
    """Text builder that records spans as it concatenates."""

    def __init__(self):
        self.buf = []
        self.pos = 0
        self.spans = []

    def add(self, s):
        self.buf.append(s)
        self.pos += u16len(s)
        return self

    def span(self, typ, value):
        typ = ALIAS.get(typ, typ)
        if typ not in SPAN_TYPES:
            raise ValueError("unknown type " + typ)
        if not value or value != value.strip():
            raise ValueError("span value empty or padded: %r" % value)
        start = self.pos
        self.add(value)
        self.spans.append({"type": typ, "start": start, "end": self.pos})
        return self

    def text(self):
        return "".join(self.buf)


_PH = re.compile(r"<<(?:([A-Z_]+)\|)?([a-z0-9_]+)>>")


def fill(_tpl, _doc=None, **vals):
    """Append template `tpl` to doc.  <<TYPE|key>> becomes a span holding
    vals[key]; <<key>> is plain substituted text."""
    tpl = _tpl
    d = _doc if _doc is not None else Doc()
    i = 0
    for m in _PH.finditer(tpl):
        d.add(tpl[i:m.start()])
        typ, key = m.group(1), m.group(2)
        v = vals[key]
        if typ:
            d.span(typ, v)
        else:
            d.add(v)
        i = m.end()
    d.add(tpl[i:])
    return d


class Probe:
    def __init__(self, doc, context, lang):
        self.doc = doc
        self.context = context
        self.lang = lang


def pick(r, seq):
    return seq[r.randrange(len(seq))]


def digits(r, n, first_nonzero=False):
    out = []
    for i in range(n):
        if i == 0 and first_nonzero:
            out.append(str(r.randint(1, 9)))
        else:
            out.append(str(r.randint(0, 9)))
    return "".join(out)


_FOLD = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
         "Æ": "AE", "đ": "d", "'": "", "’": ""}


def ascii_fold(s):
    s = "".join(_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def slug(s):
    """lower-case ascii letters only (for e-mail local parts)."""
    return "".join(c for c in ascii_fold(s).lower() if c.isalnum())


# ---- date helpers (dates as (y, m, d) tuples, no datetime locale use) ----
MDAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def rand_date(r, y0, y1):
    y = r.randint(y0, y1)
    m = r.randint(1, 12)
    dmax = MDAYS[m - 1] + (1 if m == 2 and (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 0)
    return (y, m, r.randint(1, dmax))


def iso(d):
    return "%04d-%02d-%02d" % d
