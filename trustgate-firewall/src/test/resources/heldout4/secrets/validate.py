#!/usr/bin/env python3
# Copyright the Trustgate project authors. Licensed under the Apache License, Version 2.0.
"""Validate secrets-probe-3.jsonl (standard library only).

    python3 validate.py [path]        exit status 0 = pass

Checks: JSON shape; offsets (in range, non-empty, sorted, non-overlapping);
no span starts/ends with whitespace or a quote; every labelled value matches
its provider's documented shape (prefix, length, alphabet; CRC32/base62
checksum of new-format GitHub tokens; JWT = 3 base64url parts whose header
decodes to JSON with "alg"); well-known public examples are never labelled;
strong-shaped tokens outside spans do not exist (neither in negatives nor
next to labelled secrets); set-level counts; and that gen.py reproduces the
file byte for byte.
"""
import base64
import binascii
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "secrets-probe-3.jsonl")

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KNOWN_EXAMPLES = [
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "pk_test_TYooMQauvdEDq54NiTphI7jx", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
]
PLACEHOLDER_WORDS = {"changeme", "password", "secret", "admin", "example", "test", "xxx", "postgres", "guest", "changeit", "dummy", "todo"}

SHAPES = {
    "AWS_ACCESS_KEY_ID": r"(AKIA|ASIA)[A-Z2-7]{16}",
    "AWS_SECRET_ACCESS_KEY": r"[A-Za-z0-9/+]{40}",
    "AWS_SESSION_TOKEN": r"IQoJb3JpZ2luX2Vj[A-Za-z0-9/+]{200,}={0,2}",
    "GCP_API_KEY": r"AIza[0-9A-Za-z_-]{35}",
    "AZURE_STORAGE_ACCOUNT_KEY": r"[A-Za-z0-9+/]{86}==",
    "AZURE_SAS_KEY": r"[A-Za-z0-9+/]{43}=",
    "AZURE_AD_CLIENT_SECRET": r"[A-Za-z0-9]{3}[0-9]Q~[A-Za-z0-9_.~-]{33}[A-Za-z0-9]",
    "GITHUB_TOKEN": r"gh[pousr]_[A-Za-z0-9]{36}",
    "GITHUB_REFRESH_TOKEN": r"ghr_[A-Za-z0-9]{36}",
    "GITHUB_FINE_GRAINED_PAT": r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}",
    "GITLAB_TOKEN": r"glpat-[A-Za-z0-9_-]{20}",
    "GITLAB_DEPLOY_TOKEN": r"gldt-[A-Za-z0-9_-]{20}",
    "GITLAB_RUNNER_TOKEN": r"glrt-[A-Za-z0-9_-]{20}",
    "GITLAB_PIPELINE_TRIGGER_TOKEN": r"glptt-[0-9a-f]{40}",
    "GITLAB_OAUTH_APP_SECRET": r"gloas-[0-9a-f]{64}",
    "SLACK_BOT_TOKEN": r"xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}",
    "SLACK_USER_TOKEN": r"xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}",
    "SLACK_APP_TOKEN": r"xapp-1-A[A-Z0-9]{8,12}-[0-9]{13}-[a-f0-9]{64}",
    "SLACK_WEBHOOK_URL": r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}",
    "STRIPE_SECRET_KEY": r"sk_live_[A-Za-z0-9]{24,99}",
    "STRIPE_RESTRICTED_KEY": r"rk_live_[A-Za-z0-9]{24,99}",
    "STRIPE_TEST_SECRET_KEY": r"sk_test_[A-Za-z0-9]{24,99}",
    "STRIPE_WEBHOOK_SECRET": r"whsec_[A-Za-z0-9]{32}",
    "OPENAI_API_KEY": r"sk-(proj-|svcacct-)[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
    "ANTHROPIC_API_KEY": r"sk-ant-api03-[A-Za-z0-9_-]{93}AA",
    "HUGGINGFACE_TOKEN": r"hf_[A-Za-z]{34}",
    "TWILIO_AUTH_TOKEN": r"[a-f0-9]{32}",
    "SENDGRID_API_KEY": r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
    "NPM_TOKEN": r"npm_[A-Za-z0-9]{36}",
    "PYPI_TOKEN": r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
    "DATABRICKS_TOKEN": r"dapi[a-f0-9]{32}(-[0-9])?",
    "SHOPIFY_ACCESS_TOKEN": r"shp(at|ca|pa)_[a-fA-F0-9]{32}",
    "SHOPIFY_SHARED_SECRET": r"shpss_[a-fA-F0-9]{32}",
    "MAILGUN_API_KEY": r"key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}",
    "JWT": r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{20,}",
    "DB_URL_PASSWORD": r"[A-Za-z0-9._~!*-]{8,}",
    "BASIC_AUTH_PASSWORD": r"[A-Za-z0-9._~!*-]{8,}",
    "PASSWORD": r"\S{8,}",
    "HTTP_BASIC_AUTH_B64": r"[A-Za-z0-9+/]+={0,2}",
    "K8S_SECRET_B64": r"[A-Za-z0-9+/]+={0,2}",
    "GENERIC_SECRET": r"\S{16,}",
}
PEM_LABELS = {"PEM_RSA_PRIVATE_KEY": "RSA PRIVATE KEY", "PEM_EC_PRIVATE_KEY": "EC PRIVATE KEY", "PEM_PKCS8_PRIVATE_KEY": "PRIVATE KEY",
              "PEM_OPENSSH_PRIVATE_KEY": "OPENSSH PRIVATE KEY", "PEM_ENCRYPTED_PRIVATE_KEY": "ENCRYPTED PRIVATE KEY"}

# strong shapes: anything matching these must be inside a span (known examples excepted)
STRONG = [r"\b(AKIA|ASIA)[A-Z2-7]{16}\b", r"\bgh[pousr]_[A-Za-z0-9]{36}\b", r"github_pat_[A-Za-z0-9_]{82}", r"glpat-[A-Za-z0-9_-]{20}",
          r"xox[bpa]-[0-9]{6,}", r"xapp-1-", r"hooks\.slack\.com/services/T", r"\b[sr]k_live_[A-Za-z0-9]{20,}", r"sk_test_[A-Za-z0-9]{20,}",
          r"whsec_[A-Za-z0-9]{20,}", r"T3BlbkFJ", r"sk-ant-api03-", r"\bhf_[A-Za-z]{34}\b", r"\bSG\.[A-Za-z0-9_-]{22}\.", r"\bnpm_[A-Za-z0-9]{36}\b",
          r"pypi-AgEIcHlwaS5vcmc", r"\bdapi[a-f0-9]{32}", r"\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}", r"\bkey-[a-f0-9]{32}\b", r"AIza[0-9A-Za-z_-]{35}",
          r"-----BEGIN [A-Z ]*PRIVATE KEY-----", r"(?<=AccountKey=)[A-Za-z0-9+/]{86}==", r"[A-Za-z0-9]{3}[0-9]Q~[A-Za-z0-9_.~-]{30}", r"IQoJb3JpZ2luX2Vj"]

errors = []


def err(i, msg):
    errors.append(f"line {i + 1}: {msg}")


def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b62(n):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(6, "0")


def entropy(s):
    c = Counter(s)
    return -sum(v / len(s) * math.log2(v / len(s)) for v in c.values())


def check_value(i, text, sp):
    t, a, b = sp["type"], sp["start"], sp["end"]
    v = text[a:b]
    if t in PEM_LABELS:
        label = PEM_LABELS[t]
        m = re.fullmatch(r"-----BEGIN (?P<l>[A-Z ]+)-----(?P<body>.*)-----END (?P=l)-----", v, re.S)
        if not m or m.group("l") != label:
            return err(i, f"{t}: bad PEM armour {v[:40]!r}")
        body = m.group("body").replace("\\n", "\n")
        body = "".join(x.strip() for x in body.split("\n"))
        if not body or not re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", body):
            return err(i, f"{t}: PEM body not base64")
        try:
            base64.b64decode(body, validate=True)
        except binascii.Error:
            err(i, f"{t}: PEM body does not decode")
        return
    if t not in SHAPES:
        return err(i, f"unknown type {t}")
    if not re.fullmatch(SHAPES[t], v):
        return err(i, f"{t}: value {v[:60]!r} does not match shape")
    if t in ("GITHUB_TOKEN", "GITHUB_REFRESH_TOKEN"):
        body, chk = v[4:34], v[34:]
        if b62(zlib.crc32(body.encode())) != chk:
            err(i, f"{t}: bad CRC32 checksum in {v}")
    if t == "JWT":
        parts = v.split(".")
        try:
            hdr = json.loads(b64url_decode(parts[0]))
            json.loads(b64url_decode(parts[1]))
            b64url_decode(parts[2])
        except Exception as e:  # noqa: BLE001
            return err(i, f"JWT does not decode: {e}")
        if "alg" not in hdr:
            err(i, "JWT header without alg")
    if t in ("HTTP_BASIC_AUTH_B64", "K8S_SECRET_B64"):
        try:
            dec = base64.b64decode(v, validate=True).decode("utf-8")
        except Exception:  # noqa: BLE001
            return err(i, f"{t}: not base64 of UTF-8")
        if t == "HTTP_BASIC_AUTH_B64" and ":" not in dec:
            err(i, "basic auth b64 does not decode to user:pass")
        if dec.strip().lower() in PLACEHOLDER_WORDS:
            err(i, f"{t}: decodes to a placeholder")
    if t == "DB_URL_PASSWORD":
        before, after = text[max(0, a - 9):a], text[b:b + 1]
        if not ((before.endswith(":") and after == "@") or (before.endswith("password=") and after in ("&", "\n", "\"", ""))):
            err(i, f"DB_URL_PASSWORD not in userinfo/password= position: {text[a - 20:b + 5]!r}")
    if t == "BASIC_AUTH_PASSWORD" and not text[:a].endswith(":"):
        err(i, "BASIC_AUTH_PASSWORD not preceded by ':'")
    if t in ("PASSWORD", "DB_URL_PASSWORD", "BASIC_AUTH_PASSWORD") and v.lower() in PLACEHOLDER_WORDS:
        err(i, f"{t}: placeholder labelled: {v}")
    if t == "GENERIC_SECRET" and entropy(v) < 3.0:
        err(i, f"GENERIC_SECRET low entropy: {v}")
    if t == "TWILIO_AUTH_TOKEN" and "AUTHTOKEN" not in re.sub(r"[_\-]", "", text[max(0, a - 40):a].upper()) and not text[:a].endswith(":"):
        err(i, "TWILIO_AUTH_TOKEN without auth-token context")


def main():
    recs = []
    with open(PATH, encoding="utf-8") as f:
        for i, line in enumerate(f):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                err(i, f"invalid JSON: {e}")
                continue
            if set(r) != {"text", "spans"} or not isinstance(r["text"], str) or not isinstance(r["spans"], list):
                err(i, "record must be {text: str, spans: list}")
                continue
            recs.append((i, r))
    texts = set()
    for i, r in recs:
        text, spans = r["text"], r["spans"]
        if text in texts:
            err(i, "duplicate text")
        texts.add(text)
        prev_end = -1
        for sp in spans:
            if set(sp) != {"type", "start", "end"} or not isinstance(sp["start"], int) or not isinstance(sp["end"], int) or not isinstance(sp["type"], str):
                err(i, f"bad span object {sp}")
                continue
            a, b = sp["start"], sp["end"]
            if not (0 <= a < b <= len(text)):
                err(i, f"span out of range or empty {sp}")
                continue
            if a < prev_end:
                err(i, f"spans unsorted or overlapping at {sp}")
            prev_end = b
            v = text[a:b]
            if v[0] in "\"'` \t\n=:,;<(" or v[-1] in "\"'` \t\n,;>)":
                err(i, f"span has surrounding quote/space/punctuation: {v[:30]!r}...{v[-10:]!r}")
            for ex in KNOWN_EXAMPLES:
                if ex in v or v in ex:
                    err(i, f"known public example labelled: {ex}")
            if "EXAMPLE" in v:
                err(i, "value containing EXAMPLE labelled")
            check_value(i, text, sp)
        # strong-shaped token outside every span?
        covered = [(s["start"], s["end"]) for s in spans]
        for pat in STRONG:
            for m in re.finditer(pat, text):
                if any(o.start() <= m.start() < o.end() for ex in KNOWN_EXAMPLES for o in re.finditer(re.escape(ex), text)):
                    continue  # a documented public example
                tail = re.split(r"[_-]", m.group(0), maxsplit=1)[-1] if m.group(0)[:4] not in ("AKIA", "ASIA") else m.group(0)[4:]
                if len(set(tail.lower())) <= 2:
                    continue  # masked placeholder such as AKIAXXXXXXXXXXXXXXXX or ghp_xxxx...
                if not any(a <= m.start() and m.end() <= b for a, b in covered):
                    err(i, f"unlabelled strong-shaped token /{pat}/ at {m.start()}: {text[m.start():m.start() + 40]!r}")
    # set-level checks
    pos = [r for _, r in recs if r["spans"]]
    neg = [r for _, r in recs if not r["spans"]]
    kinds = Counter(s["type"] for r in pos for s in r["spans"])
    families = {k.split("_")[0] if not k.startswith("PEM") else "PEM" for k in kinds}
    multi = sum(1 for r in pos if len(r["spans"]) >= 2)
    long_ = sum(1 for _, r in recs if 1000 <= len(r["text"]) <= 4000)
    if not 280 <= len(recs) <= 330:
        errors.append(f"set: {len(recs)} texts, expected about 300")
    if not 120 <= len(neg) <= 140:
        errors.append(f"set: {len(neg)} negative texts, expected about 130")
    if len(kinds) < 22:
        errors.append(f"set: only {len(kinds)} kinds")
    if multi < 0.2 * len(pos):
        errors.append(f"set: only {multi}/{len(pos)} positives hold 2+ secrets")
    if long_ < 10:
        errors.append(f"set: only {long_} texts of 1000-4000 chars")
    # determinism: gen.py reproduces the file byte for byte
    if len(sys.argv) == 1:
        with tempfile.TemporaryDirectory() as d:
            shutil.copy(os.path.join(HERE, "gen.py"), d)
            subprocess.run([sys.executable, os.path.join(d, "gen.py")], check=True, stdout=subprocess.DEVNULL)
            with open(os.path.join(d, "secrets-probe-3.jsonl"), "rb") as f1, open(PATH, "rb") as f2:
                if f1.read() != f2.read():
                    errors.append("gen.py output differs from the stored file (not deterministic or stale)")
    print(f"texts={len(recs)} positive={len(pos)} negative={len(neg)} multi={multi} long(1000-4000)={long_} "
          f"spans={sum(kinds.values())} types={len(kinds)} families={len(families)}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
