"""Checks the held-out probe files: every line parses, has exactly the keys text/spans, spans have known types and
are inside the text (Java UTF-16 offsets, end exclusive), sorted and non-overlapping, texts are BMP-only (so Python
indices equal UTF-16 offsets), and every PII value re-validates (Luhn, IBAN mod-97, SSN ranges).

Usage: python3 validate.py [--print]     (--print lists every span's text for review)
"""
import json
import os
import re
import sys

PII_TYPES = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH",
             "PERSON", "STREET_ADDRESS"}
SECRET_TYPES = {"AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GCP_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AZURE_STORAGE_KEY",
                "AZURE_CONNECTION_STRING", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK", "STRIPE_KEY",
                "OPENAI_KEY", "ANTHROPIC_KEY", "HUGGINGFACE_TOKEN", "JWT", "PRIVATE_KEY", "DB_CONNECTION_STRING",
                "GENERIC_SECRET"}


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def luhn_ok(num):
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(s):
    s = s.replace(" ", "")
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def ssn_ok(s):
    d = re.sub(r"[ -]", "", s)
    a, g, n = int(d[:3]), int(d[3:5]), int(d[5:])
    return len(d) == 9 and 0 < a < 900 and a != 666 and g > 0 and n > 0


def check_value(typ, val):
    if typ == "CREDIT_CARD":
        d = re.sub(r"[ -]", "", val)
        return d.isdigit() and 13 <= len(d) <= 19 and luhn_ok(d)
    if typ == "IBAN_CODE":
        return iban_ok(val)
    if typ == "US_SSN":
        return ssn_ok(val)
    if typ == "EMAIL_ADDRESS":
        return re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", val) is not None
    if typ == "IP_ADDRESS":
        return ":" in val or all(0 <= int(p) <= 255 for p in val.split("."))
    if typ == "PRIVATE_KEY" or typ == "GCP_SERVICE_ACCOUNT_KEY":
        return val.startswith("-----BEGIN ") and val.rstrip().endswith("-----")
    return val == val.strip() and len(val) > 0


def check(path, types, show):
    errors = 0
    counts = {}
    empty = 0
    texts = set()
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{path}:{ln}: bad JSON {e}")
                errors += 1
                continue
            if set(rec) != {"text", "spans"}:
                print(f"{path}:{ln}: keys {sorted(rec)}")
                errors += 1
            text = rec["text"]
            if text in texts:
                print(f"{path}:{ln}: duplicate text")
                errors += 1
            texts.add(text)
            if utf16_len(text) != len(text):
                print(f"{path}:{ln}: non-BMP character")
                errors += 1
            if not rec["spans"]:
                empty += 1
            prev_end = 0
            for sp in rec["spans"]:
                if set(sp) != {"type", "start", "end"} or sp["type"] not in types:
                    print(f"{path}:{ln}: bad span {sp}")
                    errors += 1
                    continue
                s, e = sp["start"], sp["end"]
                if not (0 <= s < e <= len(text)):
                    print(f"{path}:{ln}: span out of range {sp}")
                    errors += 1
                    continue
                if s < prev_end:
                    print(f"{path}:{ln}: overlapping/unsorted span {sp}")
                    errors += 1
                prev_end = e
                val = text[s:e]
                if not check_value(sp["type"], val):
                    print(f"{path}:{ln}: value fails its check: {sp['type']} {val!r}")
                    errors += 1
                counts[sp["type"]] = counts.get(sp["type"], 0) + 1
                if show:
                    shown = val if len(val) <= 90 else val[:60] + "..." + val[-20:]
                    print(f"  {ln:4d} {sp['type']:<24} {shown!r}")
    total = len(texts)
    print(f"{os.path.basename(path)}: {total} texts, {empty} without spans ({100 * empty / max(total, 1):.0f}%), "
          f"{sum(counts.values())} spans, errors={errors}")
    for t in sorted(counts):
        print(f"  {t:<24} {counts[t]}")
    return errors


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    show = "--print" in sys.argv
    err = check(os.path.join(here, "pii-probe.jsonl"), PII_TYPES, show)
    if os.path.exists(os.path.join(here, "secrets-probe.jsonl")):
        err += check(os.path.join(here, "secrets-probe.jsonl"), SECRET_TYPES, show)
    sys.exit(1 if err else 0)
