#!/usr/bin/env python3
"""Validate pii-probe-2.jsonl (and its .meta.jsonl).

Usage: python3 validate.py [path/to/pii-probe-2.jsonl]
Prints a summary; exits 1 if any error is found.  Standard library only and
independent of the generator code.
"""
import ipaddress
import json
import os
import re
import sys
from collections import Counter

TYPES = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
         "IP_ADDRESS", "DATE_OF_BIRTH", "PERSON", "STREET_ADDRESS"}
IBAN_LEN = {"AD": 24, "AT": 20, "BE": 16, "CH": 21, "CZ": 24, "DE": 22, "DK": 18,
            "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "IE": 22, "IT": 27,
            "LU": 20, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "SE": 24}
EMAIL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                      r"@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^(\+|\(\+)?[0-9()./ -]+((\s?(ext\.?|x)\s?)[0-9]{1,5})?$", re.I)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def luhn(num):
    tot, alt = 0, False
    for ch in reversed(num):
        d = int(ch)
        if alt:
            d = d * 2 - 9 if d > 4 else d * 2
        tot += d
        alt = not alt
    return tot % 10 == 0


def card_brand(n):
    L = len(n)
    p2, p3, p4 = int(n[:2]), int(n[:3]), int(n[:4])
    if n[0] == "4" and L in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and L == 16:
        return "mastercard"
    if p2 in (34, 37) and L == 15:
        return "amex"
    if (n.startswith("6011") or 644 <= p3 <= 649 or n.startswith("65")) and L in (16, 19):
        return "discover"
    if 3528 <= p4 <= 3589 and L in (16, 19):
        return "jcb"
    if (300 <= p3 <= 305 or p2 in (36, 38)) and L == 14:
        return "diners"
    return None


def check_card(v):
    if not re.fullmatch(r"[0-9 -]+", v):
        return "card has characters other than digits, spaces, dashes"
    n = re.sub(r"[ -]", "", v)
    if not luhn(n):
        return "card fails Luhn"
    if card_brand(n) is None:
        return "card prefix/length matches no brand"
    return None


def check_iban(v):
    s = v.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+", s):
        return "IBAN malformed"
    if s[:2] not in IBAN_LEN:
        return "IBAN country not in table"
    if len(s) != IBAN_LEN[s[:2]]:
        return "IBAN length %d != %d" % (len(s), IBAN_LEN[s[:2]])
    t = s[4:] + s[:4]
    num = "".join(str(ord(c) - 55) if c.isalpha() else c for c in t)
    if int(num) % 97 != 1:
        return "IBAN fails mod-97"
    return None


def check_ssn(v):
    m = re.fullmatch(r"(\d{3})([- ]?)(\d{2})\2(\d{4})", v)
    if not m:
        return "SSN shape"
    a, g, s = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if a == 0 or a == 666 or a >= 900:
        return "SSN area not issuable"
    if g == 0 or s == 0:
        return "SSN group/serial zero"
    return None


def check_ip(v):
    try:
        ipaddress.ip_address(v)
    except ValueError:
        return "not an IP address"
    return None


def check_email(v):
    return None if EMAIL_RE.match(v) and len(v) <= 254 else "e-mail syntax"


def check_phone(v):
    if not PHONE_RE.match(v):
        return "phone has unexpected characters"
    main = re.split(r"(?i)\s?(ext\.?|x)\s?(?=\d)", v)[0]
    n = len(re.sub(r"\D", "", main))
    if not 7 <= n <= 15:
        return "phone digit count %d" % n
    return None


def check_dob(v):
    if not re.search(r"(19|20)\d\d", v):
        return "date of birth without a 4-digit year"
    return None


def check_person(v):
    if re.search(r"\d", v) or not re.search(r"[^\W\d_]", v):
        return "person name has digits or no letters"
    return None


def check_street(v):
    if not (re.search(r"\d", v) and re.search(r"[^\W\d_]{2,}", v)):
        return "street address without number or name"
    return None


CHECKS = {"CREDIT_CARD": check_card, "IBAN_CODE": check_iban, "US_SSN": check_ssn,
          "IP_ADDRESS": check_ip, "EMAIL_ADDRESS": check_email, "PHONE_NUMBER": check_phone,
          "DATE_OF_BIRTH": check_dob, "PERSON": check_person, "STREET_ADDRESS": check_street}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                               "pii-probe-2.jsonl")
    errors = []
    seen = {}
    per_type = Counter()
    n_texts = n_empty = 0
    has_pii = []

    def err(ln, msg):
        errors.append("line %d: %s" % (ln, msg))

    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if not raw.endswith("\n"):
        errors.append("file does not end with a newline")
    for ln, line in enumerate(raw.split("\n")[:-1] if raw.endswith("\n") else raw.split("\n"), 1):
        n_texts += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            err(ln, "invalid JSON: %s" % e)
            has_pii.append(None)
            continue
        if not isinstance(obj, dict) or set(obj) != {"text", "spans"}:
            err(ln, "object must have exactly the keys text, spans")
            has_pii.append(None)
            continue
        text, spans = obj["text"], obj["spans"]
        if not isinstance(text, str) or not text:
            err(ln, "text must be a non-empty string")
            has_pii.append(None)
            continue
        if any(ord(c) > 0xFFFF for c in text):
            err(ln, "character outside the BMP")
        if utf16_len(text) != len(text):
            err(ln, "UTF-16 length differs from code-point length")
        if text in seen:
            err(ln, "duplicate of line %d" % seen[text])
        seen.setdefault(text, ln)
        if not isinstance(spans, list):
            err(ln, "spans must be a list")
            has_pii.append(None)
            continue
        has_pii.append(bool(spans))
        if not spans:
            n_empty += 1
        prev_end = -1
        prev_start = -1
        for i, s in enumerate(spans):
            if not isinstance(s, dict) or set(s) != {"type", "start", "end"}:
                err(ln, "span %d must have exactly type, start, end" % i)
                continue
            t, a, b = s["type"], s["start"], s["end"]
            if t not in TYPES:
                err(ln, "span %d unknown type %r" % (i, t))
                continue
            if not (isinstance(a, int) and isinstance(b, int)) or isinstance(a, bool) or isinstance(b, bool):
                err(ln, "span %d offsets must be integers" % i)
                continue
            if not 0 <= a < b <= len(text):
                err(ln, "span %d [%d,%d) outside text of length %d" % (i, a, b, len(text)))
                continue
            if a < prev_start:
                err(ln, "spans not sorted")
            if a < prev_end:
                err(ln, "span %d overlaps the previous span" % i)
            prev_start, prev_end = a, b
            v = text[a:b]
            if v != v.strip():
                err(ln, "span %d value has surrounding whitespace: %r" % (i, v))
            problem = CHECKS[t](v)
            if problem:
                err(ln, "span %d %s %r: %s" % (i, t, v, problem))
            per_type[t] += 1

    meta_path = path[:-len(".jsonl")] + ".meta.jsonl" if path.endswith(".jsonl") else None
    langs, ctxs = Counter(), Counter()
    if meta_path and os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            mlines = f.read().split("\n")
        if mlines and mlines[-1] == "":
            mlines.pop()
        if len(mlines) != n_texts:
            errors.append("meta has %d lines, probe file has %d" % (len(mlines), n_texts))
        for ln, line in enumerate(mlines, 1):
            try:
                m = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("meta line %d: invalid JSON: %s" % (ln, e))
                continue
            if set(m) != {"line", "template", "context", "lang", "has_pii"}:
                errors.append("meta line %d: unexpected keys %s" % (ln, sorted(m)))
                continue
            if m["line"] != ln:
                errors.append("meta line %d: line field is %r" % (ln, m["line"]))
            if ln <= len(has_pii) and has_pii[ln - 1] is not None and m["has_pii"] != has_pii[ln - 1]:
                errors.append("meta line %d: has_pii disagrees with spans" % ln)
            langs[m["lang"]] += 1
            ctxs[m["context"]] += 1
    else:
        errors.append("meta file not found next to %s" % path)

    print("file: %s" % path)
    print("texts: %d" % n_texts)
    print("texts without PII (spans == []): %d (%.1f%%)" % (n_empty, 100.0 * n_empty / max(n_texts, 1)))
    print("spans: %d" % sum(per_type.values()))
    for t in sorted(TYPES):
        print("  %-15s %4d" % (t, per_type[t]))
    if langs:
        print("languages: " + ", ".join("%s=%d" % kv for kv in sorted(langs.items())))
        print("contexts: " + ", ".join("%s=%d" % kv for kv in sorted(ctxs.items())))
    print("errors: %d" % len(errors))
    for e in errors[:200]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
