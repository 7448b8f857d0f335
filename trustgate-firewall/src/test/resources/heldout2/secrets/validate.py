#!/usr/bin/env python3
"""Validator for secrets-probe-2.jsonl / secrets-probe-2.meta.jsonl (standard library only).

Checks every line: JSON object with exactly {"text", "spans"}; known span types; spans inside the text,
sorted and non-overlapping; BMP-only text; no duplicate texts; per-type format of every span value
(prefix, length, alphabet, GitHub CRC32/base62 checksum, PEM BEGIN/END lines and DER/OpenSSH structure,
JWT header/payload JSON); token boundaries; and a sweep for strong-format secrets that were left unlabelled.
Prints a summary and exits 1 on any error.
"""
import base64
import binascii
import collections
import json
import os
import re
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "secrets-probe-2.jsonl")
META = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "secrets-probe-2.meta.jsonl")

TYPES = ["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GCP_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AZURE_STORAGE_KEY",
         "AZURE_CONNECTION_STRING", "AZURE_CLIENT_SECRET", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN",
         "SLACK_WEBHOOK", "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "HUGGINGFACE_TOKEN", "JWT", "PRIVATE_KEY",
         "DB_PASSWORD", "GENERIC_SECRET"]

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Documented public example values: allowed to appear unlabelled.
DOCUMENTED_EXAMPLES = {
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "ghu_16C7e42F292c6912E7710c838347Ae178B4a",
    "ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498",
}
PLACEHOLDERS = {"password", "changeme", "secret", "replace-me", "********", "xxxx", "example", "your-password"}


# ---------------------------------------------------------------- helpers
def b62_decode(s):
    n = 0
    for ch in s:
        n = n * 62 + B62.index(ch)
    return n


def github_checksum_ok(tok):
    body, chk = tok[4:-6], tok[-6:]
    return (zlib.crc32(body.encode()) & 0xFFFFFFFF) == b62_decode(chk)


def b64dec(s, urlsafe=False):
    s = s + "=" * (-len(s) % 4)
    if urlsafe:
        return base64.urlsafe_b64decode(s)
    return base64.b64decode(s, validate=True)


def der_ok(b):
    """Outer element is a SEQUENCE whose encoded length covers the whole buffer."""
    if len(b) < 2 or b[0] != 0x30:
        return False
    if b[1] < 0x80:
        return 2 + b[1] == len(b)
    n = b[1] & 0x7F
    ln = int.from_bytes(b[2:2 + n], "big")
    return 2 + n + ln == len(b)


def normalize(v):
    """Undo the two in-text encodings used by the set: shell line continuation and JSON-escaped slash."""
    return v.replace("\\\n", "").replace("\\/", "/")


PEM_RE = re.compile(r"^-----BEGIN ((?:RSA |EC |OPENSSH |ENCRYPTED |DSA )?PRIVATE KEY)-----$")


def check_pem(v, gcp=False):
    if "\\n" in v:
        v = v.replace("\\n", "\n")
    lines = [l.strip() for l in v.split("\n")]
    m = PEM_RE.match(lines[0])
    if not m:
        return "first line is not a PRIVATE KEY BEGIN line: %r" % lines[0][:60]
    label = m.group(1)
    if lines[-1] != "-----END %s-----" % label:
        return "last line is not the matching END line: %r" % lines[-1][:60]
    if gcp and label != "PRIVATE KEY":
        return "service-account key must be PKCS#8 (BEGIN PRIVATE KEY)"
    body = lines[1:-1]
    encrypted_legacy = any(l.startswith("Proc-Type: 4,ENCRYPTED") for l in body)
    body = [l for l in body if l and ":" not in l]
    if not body:
        return "empty PEM body"
    try:
        raw = b64dec("".join(body))
    except (binascii.Error, ValueError) as e:
        return "PEM body is not base64: %s" % e
    if label == "OPENSSH PRIVATE KEY":
        if not raw.startswith(b"openssh-key-v1\x00"):
            return "OpenSSH body lacks openssh-key-v1 magic"
    elif not encrypted_legacy and not der_ok(raw):
        return "PEM body is not a well-formed DER SEQUENCE"
    return None


JWT_RE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


def check_jwt(v):
    if not JWT_RE.match(v):
        return "not three base64url parts"
    h, p, s = v.split(".")
    try:
        hd = json.loads(b64dec(h, True))
        pl = json.loads(b64dec(p, True))
    except Exception as e:  # noqa: BLE001
        return "header/payload not base64url JSON: %s" % e
    if not isinstance(hd, dict) or "alg" not in hd or hd["alg"] == "none":
        return "header lacks a signing alg"
    if not isinstance(pl, dict):
        return "payload is not an object"
    if len(b64dec(s, True)) < 32:
        return "signature too short"
    return None


def check_b64_len(v, nbytes):
    try:
        raw = b64dec(v)
    except (binascii.Error, ValueError):
        return "not base64"
    if len(raw) not in nbytes:
        return "decodes to %d bytes, expected %s" % (len(raw), nbytes)
    return None


def rx(pattern, what):
    c = re.compile(pattern)

    def f(v):
        return None if c.fullmatch(v) else "does not match %s" % what
    return f


def check_github(v):
    if v.startswith("github_pat_"):
        return rx(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", "fine-grained PAT format")(v)
    if v.startswith("ghr_") and len(v) == 80:  # GitHub App refresh token: no checksum is known
        return rx(r"ghr_[A-Za-z0-9]{76}", "ghr_ + 76 alphanumerics")(v)
    if not re.fullmatch(r"gh[pousr]_[A-Za-z0-9]{36}", v):
        return "does not match gh[pousr]_ + 36 base62"
    if not github_checksum_ok(v):
        return "CRC32/base62 checksum mismatch"
    return None


def check_pw(minlen):
    def f(v):
        if len(v) < minlen:
            return "shorter than %d" % minlen
        if re.search(r"\s", v):
            return "contains whitespace"
        if v.lower() in PLACEHOLDERS or v.startswith(("$", "{", "<", "%(")) or set(v) <= set("*xX."):
            return "looks like a placeholder"
        return None
    return f


CHECKS = {
    "AWS_ACCESS_KEY": rx(r"(AKIA|ASIA)[A-Z0-9]{16}", "AKIA/ASIA + 16 [A-Z0-9]"),
    "AWS_SECRET_KEY": rx(r"[A-Za-z0-9/+]{40}", "40 chars of [A-Za-z0-9/+]"),
    "GCP_API_KEY": rx(r"AIza[0-9A-Za-z_-]{35}", "AIza + 35 [0-9A-Za-z_-]"),
    "GCP_SERVICE_ACCOUNT_KEY": lambda v: check_pem(v, gcp=True),
    "AZURE_STORAGE_KEY": lambda v: rx(r"[A-Za-z0-9+/]{86}==", "86 base64 chars + '=='")(v) or check_b64_len(v, {64}),
    "AZURE_CONNECTION_STRING": lambda v: (rx(r"[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=", "88-char account key or 44-char SAS key")(v)
                                          or check_b64_len(v, {64, 32})),
    "AZURE_CLIENT_SECRET": rx(r"[A-Za-z0-9_.~-]{3}[0-9]Q~[A-Za-z0-9_.~-]{34}", "3 chars + digit + 'Q~' + 34 chars"),
    "GITHUB_TOKEN": check_github,
    "GITLAB_TOKEN": rx(r"(glpat-|gldt-|glrt-|GR1348941)[A-Za-z0-9_-]{20}", "GitLab prefix + 20 [A-Za-z0-9_-]"),
    "SLACK_TOKEN": rx(r"xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}|xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}"
                      r"|xapp-1-A[A-Z0-9]{10}-[0-9]{13}-[a-f0-9]{64}", "xoxb/xoxp/xapp format"),
    "SLACK_WEBHOOK": rx(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}", "Slack webhook URL"),
    "STRIPE_KEY": rx(r"(sk|rk)_(live|test)_[A-Za-z0-9]{24,99}", "(sk|rk)_(live|test)_ + 24..99 alnum"),
    "OPENAI_KEY": rx(r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|sk-(proj|svcacct)-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}",
                     "legacy or project/service-account key with T3BlbkFJ marker"),
    "ANTHROPIC_KEY": rx(r"sk-ant-api03-[A-Za-z0-9_-]{86}-[A-Za-z0-9_-]{6}AA", "sk-ant-api03- + 86 + '-' + 6 + 'AA'"),
    "HUGGINGFACE_TOKEN": rx(r"hf_[A-Za-z]{34}", "hf_ + 34 letters"),
    "JWT": check_jwt,
    "PRIVATE_KEY": check_pem,
    "DB_PASSWORD": check_pw(8),
    "GENERIC_SECRET": check_pw(10),
}

# strong formats that must never appear unlabelled (outside documented examples)
SWEEP = [
    re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
    re.compile(r"(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])"),
    re.compile(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
    re.compile(r"(?<![A-Za-z0-9])ghr_[A-Za-z0-9]{76}(?![A-Za-z0-9])"),
    re.compile(r"(?:glpat-|gldt-|glrt-|GR1348941)[A-Za-z0-9_-]{20}"),
    re.compile(r"xox[bpa]-[0-9]{6,}-[0-9A-Za-z-]{10,}"),
    re.compile(r"xapp-1-A[A-Z0-9]{10}-"),
    re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}"),
    re.compile(r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}"),
    re.compile(r"sk-[A-Za-z0-9_-]{20,}T3BlbkFJ"),
    re.compile(r"sk-ant-api03-[A-Za-z0-9_-]{80,}"),
    re.compile(r"(?<![A-Za-z0-9])hf_[A-Za-z]{34}(?![A-Za-z0-9])"),
    re.compile(r"AIza[0-9A-Za-z_-]{35}"),
    re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}"),
    re.compile(r"[A-Za-z0-9]{3}[0-9]Q~[A-Za-z0-9_.~-]{34}"),
    re.compile(r"(?<=AccountKey=)[A-Za-z0-9+/]{86}=="),
    re.compile(r"(?<=SharedAccessKey=)[A-Za-z0-9+/]{43}="),
    re.compile(r"npm_[A-Za-z0-9]{36}"),
    # a PRIVATE KEY header followed by real base64 material (placeholders such as "..." are fine)
    re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |ENCRYPTED |DSA )?PRIVATE KEY-----(?:\\n|\s)+(?:Proc-Type|[A-Za-z0-9+/]{40})"),
]


# ---------------------------------------------------------------- main
def main():
    errors = []
    err = lambda ln, msg: errors.append("line %d: %s" % (ln, msg))
    texts = {}
    rows = []
    with open(DATA, encoding="utf-8") as f:
        raw_lines = f.read().split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    for ln, line in enumerate(raw_lines, 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            err(ln, "invalid JSON: %s" % e)
            rows.append(None)
            continue
        rows.append(obj)
        if not isinstance(obj, dict) or set(obj) != {"text", "spans"}:
            err(ln, "object must have exactly the keys text and spans")
            continue
        text, spans = obj["text"], obj["spans"]
        if not isinstance(text, str) or not isinstance(spans, list):
            err(ln, "text must be a string and spans a list")
            continue
        bad = [c for c in text if ord(c) > 0xFFFF or 0xD800 <= ord(c) <= 0xDFFF]
        if bad:
            err(ln, "text has characters outside the BMP or lone surrogates: %r" % bad[:3])
            continue
        if text in texts:
            err(ln, "duplicate text (same as line %d)" % texts[text])
        texts.setdefault(text, ln)
        n16 = len(text.encode("utf-16-le")) // 2  # equals len(text) for BMP-only text
        prev_end = -1
        covered = []
        for sp in spans:
            if not isinstance(sp, dict) or set(sp) != {"type", "start", "end"}:
                err(ln, "span must have exactly type/start/end: %r" % (sp,))
                continue
            t, s, e = sp["type"], sp["start"], sp["end"]
            if t not in TYPES:
                err(ln, "unknown type %r" % t)
                continue
            if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
                err(ln, "start/end must be integers")
                continue
            if not (0 <= s < e <= n16):
                err(ln, "span %s [%d,%d) outside text of length %d" % (t, s, e, n16))
                continue
            if s < prev_end:
                err(ln, "spans unsorted or overlapping at %d" % s)
            prev_end = e
            v = text[s:e]
            if v != v.strip():
                err(ln, "%s span has leading/trailing whitespace" % t)
            if s > 0 and text[s - 1].isalnum() and text[s - 1].isascii():
                err(ln, "%s span starts inside a word (preceded by %r)" % (t, text[s - 1]))
            if e < n16 and text[e].isalnum() and text[e].isascii():
                err(ln, "%s span ends inside a word (followed by %r)" % (t, text[e]))
            value = v if t in ("PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY") else normalize(v)
            problem = CHECKS[t](value)
            if problem:
                err(ln, "%s value %r...: %s" % (t, v[:40], problem))
            covered.append((s, e))
        # sweep the text with shell line continuations removed, mapping matches back to original offsets
        clean, idx, i = [], [], 0
        while i < len(text):
            if text.startswith("\\\n", i):
                i += 2
                continue
            clean.append(text[i])
            idx.append(i)
            i += 1
        clean = "".join(clean)
        for pat in SWEEP:
            for m in pat.finditer(clean):
                if m.group(0) in DOCUMENTED_EXAMPLES or set(m.group(0)[-16:]) <= set("xX"):
                    continue  # documented example or an x-filled placeholder
                a0, b0 = idx[m.start()], idx[m.end() - 1] + 1
                if not any(a <= a0 and b0 <= b for a, b in covered):
                    err(ln, "unlabelled secret-shaped value %r" % m.group(0)[:50])

    # meta file
    with open(META, encoding="utf-8") as f:
        meta_lines = [l for l in f.read().split("\n") if l]
    if len(meta_lines) != len(raw_lines):
        errors.append("meta has %d lines, data has %d" % (len(meta_lines), len(raw_lines)))
    for i, line in enumerate(meta_lines, 1):
        try:
            m = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append("meta line %d: invalid JSON: %s" % (i, e))
            continue
        if set(m) != {"line", "template", "context", "has_secret"}:
            errors.append("meta line %d: keys must be line/template/context/has_secret" % i)
            continue
        if m["line"] != i:
            errors.append("meta line %d: line field is %r" % (i, m["line"]))
        row = rows[i - 1] if i - 1 < len(rows) else None
        if isinstance(row, dict) and isinstance(row.get("spans"), list) and m["has_secret"] != bool(row["spans"]):
            errors.append("meta line %d: has_secret=%r disagrees with spans" % (i, m["has_secret"]))

    # summary
    good = [r for r in rows if isinstance(r, dict) and isinstance(r.get("spans"), list)]
    per_type = collections.Counter(sp.get("type") for r in good for sp in r["spans"] if isinstance(sp, dict))
    n_neg = sum(1 for r in good if not r["spans"])
    print("texts:              %d" % len(raw_lines))
    print("spans:              %d" % sum(per_type.values()))
    print("texts with secrets: %d" % (len(good) - n_neg))
    print("texts without:      %d (%.1f%%)" % (n_neg, 100.0 * n_neg / max(1, len(good))))
    print("spans per type:")
    for t in TYPES:
        print("  %-25s %d" % (t, per_type.get(t, 0)))
    if errors:
        print("\nERRORS (%d):" % len(errors))
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\n0 errors")


if __name__ == "__main__":
    main()
