#!/usr/bin/env python3
"""Validates pii-probe-4.jsonl: JSON per line, span offsets, no overlaps, per-type checks.
Standard library only.  Exit status 1 on any error.  Apache-2.0, Trustgate project."""
import ipaddress
import json
import os
import re
import sys
from collections import Counter

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "pii-probe-4.jsonl")
TYPES = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH"}
IBAN_LEN = {"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27,
            "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
            "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26}


def luhn(num):
    s = 0
    for i, c in enumerate(reversed(num)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return s % 10 == 0


def check_card(v):
    if not re.fullmatch(r"[0-9][0-9 -]*[0-9]", v):
        return "bad characters"
    n = re.sub(r"[ -]", "", v)
    if not 12 <= len(n) <= 19:
        return "length %d" % len(n)
    return None if luhn(n) else "Luhn fails"


def check_iban(v):
    s = v.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+", s):
        return "bad shape"
    cc = s[:2]
    if cc not in IBAN_LEN:
        return "unknown country " + cc
    if len(s) != IBAN_LEN[cc]:
        return "length %d != %d" % (len(s), IBAN_LEN[cc])
    r = s[4:] + s[:4]
    return None if int("".join(str(int(c, 36)) for c in r)) % 97 == 1 else "mod-97 != 1"


def check_ssn(v):
    m = re.fullmatch(r"(\d{3})([- ]?)(\d{2})\2(\d{4})", v)
    if not m:
        return "bad shape"
    a, g, s = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if a == 0 or a == 666 or a >= 900:
        return "bad area"
    if g == 0:
        return "bad group"
    if s == 0:
        return "bad serial"
    return None


def check_ip(v):
    if "/" in v:
        return "prefix not allowed"
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", v):
        if any(int(o) > 255 for o in v.split(".")):
            return "octet > 255"
        ip = ipaddress.ip_address(v)
    else:
        try:
            ip = ipaddress.IPv6Address(v)
        except ValueError as e:
            return "not IPv6: %s" % e
    if ip.is_unspecified:
        return "unspecified address"
    return None


def check_email(v):
    if v.count("@") != 1:
        return "needs exactly one @"
    local, dom = v.split("@")
    if not local or "." not in dom or dom.startswith(".") or dom.endswith("."):
        return "bad domain"
    if re.search(r"\s", v):
        return "whitespace"
    return None


def check_phone(v):
    digits = re.sub(r"\D", "", v)
    if not 7 <= len(digits) <= 15:
        return "digit count %d" % len(digits)
    if not re.fullmatch(r"[+(0-9][0-9 ()./-]*[0-9]", v):
        return "bad characters"
    return None


def check_dob(v):
    if not re.search(r"\d", v):
        return "no digits"
    if not re.search(r"(19|20)?\d{2}\b", v):
        return "no year"
    return None


CHECKS = {"CREDIT_CARD": check_card, "IBAN_CODE": check_iban, "US_SSN": check_ssn, "IP_ADDRESS": check_ip, "EMAIL_ADDRESS": check_email,
          "PHONE_NUMBER": check_phone, "DATE_OF_BIRTH": check_dob}


def main():
    errors = 0
    counts, empty, n = Counter(), 0, 0
    multi = 0
    with open(PATH, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            n += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"line {ln}: JSON error {e}")
                errors += 1
                continue
            if set(obj) != {"text", "spans"} or not isinstance(obj["text"], str) or not isinstance(obj["spans"], list):
                print(f"line {ln}: wrong keys/types {sorted(obj)}")
                errors += 1
                continue
            text, spans = obj["text"], obj["spans"]
            prev_end = -1
            prev_start = -1
            for sp in spans:
                t, s, e = sp.get("type"), sp.get("start"), sp.get("end")
                if t not in TYPES:
                    print(f"line {ln}: unknown type {t}")
                    errors += 1
                    continue
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                    print(f"line {ln}: offsets out of range {sp}")
                    errors += 1
                    continue
                if s < prev_start:
                    print(f"line {ln}: spans not sorted {sp}")
                    errors += 1
                if s < prev_end:
                    print(f"line {ln}: overlapping span {sp}")
                    errors += 1
                prev_start, prev_end = s, e
                v = text[s:e]
                if v != v.strip():
                    print(f"line {ln}: span has outer whitespace {v!r}")
                    errors += 1
                err = CHECKS[t](v)
                if err:
                    print(f"line {ln}: {t} {v!r}: {err}")
                    errors += 1
                counts[t] += 1
            if not spans:
                empty += 1
            if len(spans) >= 2:
                multi += 1
    print(f"texts: {n}; with nothing to find: {empty}; with 2+ spans: {multi}")
    for t in sorted(TYPES):
        print(f"  {t:15s} {counts[t]}")
    print(f"  {'total':15s} {sum(counts.values())}")
    if errors:
        print(f"FAILED: {errors} error(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
